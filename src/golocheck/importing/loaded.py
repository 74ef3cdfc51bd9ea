"""An imported document as the engine reads a report: a LoadedReport whose data is the
report the importer assembled, whose problems are the import's own, and whose source map
gives each pointer its place in the document (see golocheck.loading.places)."""

from __future__ import annotations

from golocheck.importing import ImportOptions, ImportResult, import_bytes
from golocheck.loading import MAX_BYTES, LoadedReport, NoSourceMap, Problem
from golocheck.loading.places import PlacedSourceMap

NO_REPORT = "I010"
# A document that gave no report without a finding saying why (the reader refused it,
# I001–I006, I040–I045; the assembly found no report, I010) gets I010 here: it never
# passes as an empty report.


def import_document(display: str, raw: bytes, kind: str, options: ImportOptions | None = None) -> ImportResult:
    """``import_bytes`` behind the checks every file gets first: its size (F009) and
    what its bytes say it is (a .doc renamed .docx is I001); a document that gives no
    report is I010 — it never passes as an empty report."""
    from golocheck.loading.sniff import UNSUPPORTED, unsupported_kind

    if len(raw) > MAX_BYTES:
        return ImportResult(None, problems=[Problem("F009", args={
            "what_zh": f"文件过大（{len(raw)} 字节，上限 {MAX_BYTES} 字节）",
            "what_en": f"the file is too large ({len(raw)} bytes, limit {MAX_BYTES})"})])
    unsupported = unsupported_kind(raw)
    if unsupported is not None:
        return ImportResult(None, problems=[Problem(UNSUPPORTED, args={"kind": unsupported[0], "what": unsupported[1]})])
    result = import_bytes(raw, display, kind, options or ImportOptions())
    if result.report is None and not result.problems:
        result.problems.append(Problem(NO_REPORT, args={"document": display}))
    return result


def loaded_from(display: str, result: ImportResult, kind: str) -> LoadedReport:
    document = result.document
    lines = getattr(document, "source_lines", None)
    text = "\n".join(lines) + "\n" if lines else None  # for excerpts of the document's own lines
    source_map = PlacedSourceMap(NoSourceMap(), dict(result.places)) if result.places else NoSourceMap()
    return LoadedReport(display, text, result.report, source_map, list(result.problems), kind)


def load_document(display: str, raw: bytes, kind: str, options: ImportOptions | None = None) -> LoadedReport:
    return loaded_from(display, import_document(display, raw, kind, options), kind)
