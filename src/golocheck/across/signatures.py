"""What the checks across reports keep of one report: a :class:`ReportSignature`.

Computed in the worker that checked the report (it has the data and the source map) and
carried back with the result, so that the main process never holds a report: per section
a sketch of a few hundred 32-bit hashes, and the cells only of the reports an aggregation
manifest names. Places are resolved here (line:column, or the place in an imported
document), because after the stream no source map is left.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import cache

from golocheck.across.shingles import shingle_hashes, sketch
from golocheck.diagnostics import Location, Text
from golocheck.records import replace


@dataclass(frozen=True)
class AcrossSpec:
    """What a worker keeps for the checks across reports (from the rules' parameters)."""

    ngram: int = 0  # 0: no sections (the copy check is not run)
    sketch_size: int = 0
    min_chars: int = 0
    cells: bool = False  # keep every cell (an aggregation manifest is given)


@dataclass(frozen=True)
class SectionSketch:
    index: int
    heading: str
    place: Location  # the section's text, resolved
    file: str  # the file the place is in (a document the report was imported from)
    hashes: array  # bottom-k sketch, ascending


@dataclass(frozen=True)
class CellEntry:
    state: str  # number | blank | other states of checks.context.CellValue
    number: object  # Decimal or None
    place: Location
    file: str


@dataclass(frozen=True)
class ReportSignature:
    path: str  # the result's path (the job's display)
    file: str  # where findings on it point (the document it was imported from, if any)
    issuer: str | None
    year: int | None
    format_id: str | None
    sections: tuple[SectionSketch, ...] = ()
    cells: dict | None = None  # cell id -> CellEntry (None: not kept)


def build(loaded, spec: AcrossSpec) -> ReportSignature | None:
    """The signature of a loaded report, or None when it could not be parsed."""
    from golocheck.checks.context import Context, is_report_year
    from golocheck.formats import get_format

    data = loaded.data
    if not isinstance(data, dict):
        return None
    fmt_id = data.get("format") if isinstance(data.get("format"), str) else None
    fmt = get_format(fmt_id) if fmt_id else None
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    issuer = metadata.get("issuer")
    issuer = "".join(issuer.split()) if isinstance(issuer, str) and issuer.strip() else None
    year = metadata.get("report_year")
    year = year if is_report_year(year) else None
    _, file = _resolved(loaded, "", None)
    sections: list[SectionSketch] = []
    ctx = Context(data, fmt, path=loaded.path)
    if spec.ngram:
        ignored = template_hashes(fmt_id, spec.ngram) if fmt is not None else frozenset()
        for index, heading, text in ctx.sections():
            if len("".join(text.split())) < spec.min_chars:
                continue
            hashes = shingle_hashes(text, spec.ngram) - ignored
            if hashes:
                place, where = _resolved(loaded, f"/sections/{index}/text", Text(heading, heading))
                sections.append(SectionSketch(index, heading, place, where, sketch(hashes, spec.sketch_size)))
    cells = None
    if spec.cells and fmt is not None:
        cells = {}
        for value in ctx.cells():
            place, where = _resolved(loaded, value.cell.pointer, value.cell.label)
            cells[value.cell.id] = CellEntry(value.state, value.number, place, where)
    return ReportSignature(loaded.path, file, issuer, year, fmt_id, tuple(sections), cells)


def _resolved(loaded, pointer: str, label) -> tuple[Location, str]:
    """The location of ``pointer`` as the locations stage resolves it, and its file."""
    from golocheck.pipeline import in_document

    location = Location(pointer, label, span=loaded.span_of(pointer))
    location, origin = in_document(location, loaded)
    return location, origin or loaded.path


@cache
def template_hashes(format_id: str, ngram: int) -> frozenset[int]:
    """Shingles of the format's own text: section headings and labels, cell labels, the
    skeleton's placeholder. Ignored, so that the template never makes reports alike."""
    from golocheck.formats import get_format
    from golocheck.templates import PLACEHOLDER_TEXT

    fmt = get_format(format_id)
    texts = [PLACEHOLDER_TEXT]
    for section in fmt.sections:
        texts += [section.label, section.template_heading, *section.match, *section.variants]
    for cell in fmt.cells():
        texts += [cell.label.zh, cell.short.zh]
    found: set[int] = set()
    for text in texts:
        found |= shingle_hashes(text, ngram)
    return frozenset(found)


def with_file(location: Location, file: str, current: str) -> Location:
    """``location`` as a related location of a diagnostic in ``current``."""
    return replace(location, file=None if file == current else file)
