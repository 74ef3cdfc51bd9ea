"""Places in an original document for the values of a report imported from it.

Two routes give a report such places: a document imported in memory (``golocheck
page.html``: the importer's places), and a report file written by ``golocheck import``,
whose top-level ``imported_from`` records them::

    "imported_from": {"file": "page.html", "kind": "html",
                      "places": {"/tables/statistics/staff_total": {"line": 412, "table": 1, "row": 9, "column": 3}}}

Either way the source map answers ``place_of(pointer)``: the place of the value or of its
nearest ancestor that has one. The pipeline's locations stage puts it on the finding.
This module never imports the importer: checking a report file stays light.
"""

from __future__ import annotations

from typing import Any

from golocheck.diagnostics import DocxPlace, HtmlPlace, PdfPlace, Span, TextPlace
from golocheck.records import fields as record_fields

IMPORTED_FROM = "imported_from"
# document kind (as the importer names it) -> its place class
PLACE_CLASSES = {"html": HtmlPlace, "docx": DocxPlace, "text": TextPlace, "markdown": TextPlace, "pdf": PdfPlace}


def place_from_fields(kind: str, fields: Any):
    """A place from the fields its ``fields()`` wrote, or None when they are not such fields."""
    cls = PLACE_CLASSES.get(kind)
    if cls is None or not isinstance(fields, dict):
        return None
    names = set(record_fields(cls))
    if not set(fields) <= names:
        return None
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "box":
            if value is not None and not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
                return None
            values[name] = tuple(float(v) for v in value) if value is not None else None
        elif value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            values[name] = value
        else:
            return None
    try:
        return cls(**values)
    except TypeError:  # a required field (a text line, a PDF page) missing
        return None


def fields_of(place) -> dict[str, Any]:
    """What ``imported_from.places`` records of a place: its fields, unknown ones left out."""
    return {name: value for name, value in place.fields().items() if value is not None}


class PlacedSourceMap:
    """A source map that also knows each pointer's place in the original document.
    ``origin``: the document's path when the report is checked from a file of its own
    (the span is then in that file, the place in the document), else None."""

    def __init__(self, inner, places: dict[str, Any], origin: str | None = None) -> None:
        self._inner = inner
        self._places = places
        self.origin = origin

    def span(self, pointer: str) -> Span | None:
        return self._inner.span(pointer) if self._inner is not None else None

    def span_inside(self, pointer: str, offset: int, length: int) -> Span | None:
        inside = getattr(self._inner, "span_inside", None)
        return inside(pointer, offset, length) if inside is not None else None

    def place_of(self, pointer: str):
        while True:
            place = self._places.get(pointer)
            if place is not None or not pointer:
                return place
            pointer = pointer.rsplit("/", 1)[0]


def with_recorded_places(data: Any, source_map):
    """The source map of a report file, with the places its ``imported_from`` records
    (the file is then checked as pointing into the document); unchanged otherwise. A
    malformed record is the schema's to report (F007), and places nothing."""
    record = data.get(IMPORTED_FROM) if isinstance(data, dict) else None
    if not isinstance(record, dict) or not isinstance(record.get("file"), str) or not record["file"]:
        return source_map
    kind, recorded = record.get("kind"), record.get("places")
    if not isinstance(recorded, dict):
        return source_map
    places = {}
    for pointer, fields in recorded.items():
        place = place_from_fields(kind, fields) if isinstance(pointer, str) else None
        if place is not None:
            places[pointer] = place
    return PlacedSourceMap(source_map, places, record["file"]) if places else source_map


class LedgerPlaces(PlacedSourceMap):
    """The source map of a report whose registers were filled from ledgers: an entry or
    field that came from a ledger has its cell's place (a SheetPlace, which names the
    ledger file); everything else is asked of the report's own source map (its spans, and
    its places when it was imported from a document)."""

    def __init__(self, inner, places: dict[str, Any]) -> None:
        super().__init__(inner, places, getattr(inner, "origin", None))

    def place_of(self, pointer: str):
        probe = pointer
        while probe:
            place = self._places.get(probe)
            if place is not None:
                return place
            probe = probe.rsplit("/", 1)[0]
        inner = getattr(self._inner, "place_of", None)
        return inner(pointer) if inner is not None else None


def with_ledger_places(source_map, places: dict[str, Any]):
    return LedgerPlaces(source_map, places) if places else source_map
