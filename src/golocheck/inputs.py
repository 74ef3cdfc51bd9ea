"""Which loader reads a file: a report file (JSON, YAML) is parsed, a document (HTML,
DOCX, PDF, text, Markdown) is imported in memory and its report checked.

Decided by the name's suffix, and without importing the importer, so that checking
``report.json`` loads none of it (nor lxml). ``DOCUMENT_SUFFIXES`` is the one list of
the documents golocheck imports (``golocheck.importing.IMPORT_SUFFIXES`` is this dict).
"""

from __future__ import annotations

from golocheck.loading import LoadedReport, load_text

DOCUMENT_SUFFIXES = {".html": "html", ".htm": "html", ".docx": "docx", ".txt": "text", ".md": "markdown", ".pdf": "pdf"}


def document_kind(path: str) -> str | None:
    """html, docx, pdf, text or markdown for a document golocheck imports, else None."""
    dot = path.rfind(".")
    return DOCUMENT_SUFFIXES.get(path[dot:].lower()) if dot != -1 and "/" not in path[dot:] else None


def load_bytes(display: str, raw: bytes, options=None) -> LoadedReport:
    """The report in ``raw``: parsed from a report file, or imported from a document
    (``options``: an importing.ImportOptions, what the document does not say)."""
    kind = document_kind(display)
    if kind is None:
        return load_text(display, raw)
    from golocheck.importing.loaded import load_document

    return load_document(display, raw, kind, options)
