"""Document -> report data: metadata, format detection, table anchoring, sections.

The one entry point the importer calls after a reader. Each stage is its own module
(metadata, anchor, sections) and reads the format definition; this one puts their
results together in the shape of a report file (sample_reports/*.json), with a place in
the original for every pointer it fills, and the import's own findings (I010–I029).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from golocheck.formats import FormatDefinition, all_formats
from golocheck.importing import ImportOptions, ImportResult
from golocheck.importing.anchor import TABLE_SCORE, anchor, format_scores
from golocheck.importing.document import Document
from golocheck.importing.metadata import read_metadata
from golocheck.importing.sections import furniture, split
from golocheck.loading import Problem

# How much better the tables must fit another format than the year's for the import to
# follow the tables (and say so) — summed over the printed tables, each scored 0..1.
_CLEARLY_BETTER = 0.3


def assemble(document: Document, options: ImportOptions, extra_formats: tuple[Path, ...] = ()) -> ImportResult:
    registry = all_formats(tuple(extra_formats))
    blocks = list(document.blocks)
    skip = furniture(blocks)
    meta = read_metadata(blocks, document.meta, options, skip)
    problems: list[Problem] = list(meta.problems)
    fmt = choose_format(document, options, meta.values.get("report_year"), registry, problems)
    if fmt is None:
        return ImportResult(report=None, problems=[Problem("I010", "", {"document": document.path})] + problems)
    anchored = anchor(document, fmt)
    table_lines = {i for i, b in enumerate(blocks) if id(b) in anchored.lines}  # rows, not prose
    parts = split(fmt, blocks, skip | meta.used | table_lines, document.items, meta.starts)
    if not anchored.tables and not parts.sections:
        return ImportResult(report=None, problems=[Problem("I010", "", {"document": document.path})] + problems)
    places: dict[str, Any] = dict(meta.places)
    report: dict[str, Any] = {"format": fmt.id, "metadata": meta.values}
    if parts.preamble:
        report["preamble"] = "\n".join(text for text, _ in parts.preamble)
        places["/preamble"] = parts.preamble[0][1]
    report["sections"] = []
    for index, section in enumerate(parts.sections):
        report["sections"].append({"heading": section["heading"], "text": "\n".join(text for text, _ in section["parts"])})
        places[f"/sections/{index}/heading"] = section["place"]
        places[f"/sections/{index}"] = section["place"]
        places[f"/sections/{index}/text"] = section["parts"][0][1] if section["parts"] else section["place"]
    report["tables"] = {t.id: anchored.tables[t.id] for t in fmt.tables if t.id in anchored.tables}
    if anchored.printed_labels:
        report["printed_labels"] = anchored.printed_labels
    if anchored.read_with:  # relations used to read digit runs: reported not checked (I032)
        report["read_with"] = [{"rule": rule, "pointer": pointer} for rule, pointer in anchored.read_with]
    if anchored.run_readings:  # runs left unread: their readings, for the text to be checked against (N040)
        report["run_readings"] = anchored.run_readings
    places.update(anchored.places)
    return ImportResult(report=report, places=places, problems=problems + anchored.problems)


def choose_format(document: Document, options: ImportOptions, year: int | None, registry: dict[str, FormatDefinition], problems: list[Problem]) -> FormatDefinition | None:
    """The user's --format; else the format of the report year, confirmed by the tables'
    fingerprints; else the format the tables fit. When the tables clearly fit a format
    that does not cover the year, the tables are read as printed and that is a finding
    (I017) — the year's format would shift every cell of them."""
    if options.format:
        return registry.get(options.format)
    scores = format_scores(document, list(registry.values()))
    printed = max(scores, key=scores.__getitem__) if scores else None
    if printed is not None and scores[printed] < TABLE_SCORE:
        printed = None
    for_year = sorted((f for f in registry.values() if year is not None and f.covers_year(year)), key=lambda f: not f.national)
    if not for_year:
        return registry[printed] if printed else None
    if printed and not registry[printed].covers_year(year):
        expected = for_year[0]
        if scores[printed] > scores.get(expected.id, 0.0) + _CLEARLY_BETTER:
            problems.append(Problem("I017", "/format", {"year": year, "expected": expected.id, "printed": printed}))
            return registry[printed]
    if printed and registry[printed] in for_year:
        return registry[printed]
    return for_year[0]
