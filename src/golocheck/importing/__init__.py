"""Importing reports from the documents they are published as: HTML, DOCX, text, PDF.

The route (docs/developing.md, "Input kinds"):

    bytes ──reader──► Document (blocks and grids, each with its place)      readers/
          ──assemble──► report data + a place for every pointer + problems   anchor, sections, metadata

The linter's rules never see the document, only the report data; a finding's pointer
is mapped back to the document through ``ImportResult.places``. Nothing here is
imported by ``golocheck report.json``: the CLI loads this package only for a file whose
suffix is one of ``IMPORT_SUFFIXES``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from golocheck.diagnostics import Place

# Suffix -> input kind of the documents golocheck imports: defined in golocheck.inputs,
# which routes files without importing this package.
from golocheck.inputs import DOCUMENT_SUFFIXES as IMPORT_SUFFIXES  # noqa: E402


class ImportRefused(Exception):
    """A file a reader cannot read at all; carries the rule code and message arguments."""

    def __init__(self, code: str, args: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args or {}


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the user supplies or overrides because the document does not say it."""

    format: str | None = None
    year: int | None = None
    issuer: str | None = None
    issuer_kind: str | None = None
    region: str | None = None
    published_on: str | None = None  # ISO date


@dataclass
class ImportResult:
    """The report read from a document. ``report`` is report data as a JSON file holds
    it (None when nothing report-like was found); ``places`` maps JSON pointers of the
    report to their place in the original; ``problems`` are the import's own findings
    (rule codes I0xx), each with a pointer and, when it has one, a place."""

    report: dict[str, Any] | None
    places: dict[str, Place] = field(default_factory=dict)
    problems: list = field(default_factory=list)
    # the reader's Document (set by import_bytes): its source lines give excerpts
    document: Any = None


def kind_for(path: str) -> str | None:
    """The input kind a file name's suffix says (html, docx, text, markdown), or None."""
    dot = path.rfind(".")
    return IMPORT_SUFFIXES.get(path[dot:].lower()) if dot != -1 else None


# kind -> the module whose read(raw, display) gives its Document
READERS = {"html": "golocheck.importing.readers.html", "docx": "golocheck.importing.readers.docx",
           "text": "golocheck.importing.readers.text", "markdown": "golocheck.importing.readers.text",
           "pdf": "golocheck.importing.readers.pdf"}
NO_READER = "I006"  # the reader of this kind is not installed in this build


def import_bytes(raw: bytes, display: str, kind: str, options: ImportOptions = ImportOptions()) -> ImportResult:
    """A document's bytes -> its report: the kind's reader, then assembly. A file the
    reader refuses is a result with no report and that problem; nothing raises."""
    from importlib import import_module

    from golocheck.importing import assemble
    from golocheck.loading import Problem

    try:
        reader = import_module(READERS[kind])
    except ModuleNotFoundError as exc:
        if exc.name != READERS[kind]:
            raise
        return ImportResult(None, problems=[Problem(NO_READER, args={"kind": kind})])
    try:
        document = reader.read(raw, display)
    except ImportRefused as refused:
        return ImportResult(None, problems=[Problem(refused.code, args=refused.args_)])
    result = assemble.assemble(document, options)
    result.document = document
    # what the reader could not read of the document (a page without a text layer, ...)
    result.problems[:0] = list(document.problems)
    return result
