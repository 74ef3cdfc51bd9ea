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

# Suffix -> input kind of the documents golocheck imports.
IMPORT_SUFFIXES: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".txt": "text",
    ".md": "markdown",
    ".pdf": "pdf",
}


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
