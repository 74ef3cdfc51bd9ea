"""What a check sees of a report: safe accessors over data that may be partly broken."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import re

from golocheck.formats import Cell, FormatDefinition
from golocheck.records import record
from golocheck.schema import AMOUNT_WITH_UNIT, NOT_APPLICABLE as _MARKERS, is_report_year
from golocheck.settings import CheckSettings
from golocheck.loading import NonFinite, TooLarge

_AMOUNT = re.compile(AMOUNT_WITH_UNIT)
NOT_APPLICABLE = frozenset(_MARKERS)  # one definition: the schema offers the same list


@record(frozen=True, slots=True)
class CellValue:
    """A cell's value and what it means. Nothing is silently turned into anything else:
    a blank is not a zero, "—" is not a zero, "9210条" is not 9210."""

    cell: Cell
    state: str  # number | blank | not_applicable | text | fraction | negative | non_finite | too_large | missing
    raw: Any = None
    number: Decimal | None = None
    # A figure printed with a note ("22（其中修订 16 件）"), written {"value": 22, "note": "其中修订 16 件"}:
    # the figure is what the relations add up; the note is kept, never dropped.
    note: str | None = None

    @property
    def usable(self) -> bool:
        return self.state == "number"


def is_noted_figure(raw: Any) -> bool:
    """{"value": <a figure or null>, "note": <text>}: a cell printed with a note."""
    return (isinstance(raw, dict) and set(raw) == {"value", "note"} and isinstance(raw["note"], str)
            and bool(raw["note"].strip()) and not isinstance(raw["value"], (dict, list, str, bool)))


def classify(cell: Cell, raw: Any, present: bool) -> CellValue:
    if not present:
        return CellValue(cell, "missing")
    if raw is None:
        return CellValue(cell, "blank")
    if isinstance(raw, NonFinite):
        return CellValue(cell, "non_finite", raw)
    if isinstance(raw, TooLarge):  # the loader reported it (V007)
        return CellValue(cell, "too_large", raw)
    if is_noted_figure(raw):
        inner = classify(cell, raw["value"], True)
        return CellValue(cell, inner.state, raw, inner.number, raw["note"])
    if isinstance(raw, bool) or isinstance(raw, (dict, list)):
        return CellValue(cell, "text", raw)
    if isinstance(raw, str):
        if raw.strip() in NOT_APPLICABLE:
            return CellValue(cell, "not_applicable", raw)
        if cell.kind == "amount" and _AMOUNT.fullmatch(raw):
            # an amount with its unit ("251000元"); no relation adds amounts of unknown units
            return CellValue(cell, "number", raw, Decimal(_AMOUNT.fullmatch(raw).group(1)))
        return CellValue(cell, "text", raw)
    number = Decimal(raw)
    if number < 0 and cell.kind != "signed_count":
        return CellValue(cell, "negative", raw, number)
    if cell.kind in ("count", "signed_count") and not isinstance(raw, int):
        return CellValue(cell, "fraction", raw, number)
    return CellValue(cell, "number", raw, number)


class Context:
    def __init__(self, data: dict, fmt: FormatDefinition | None, previous: "Context | None" = None, path: str | None = None, settings: CheckSettings | None = None) -> None:
        self.data = data
        self.settings = settings or CheckSettings()
        self.format = fmt
        self.previous = previous  # last year's report, for the cross-year rules
        self.path = path
        self._cells: dict[str, CellValue] = {}
        self._sections: list[tuple[int, str, str]] | None = None
        # What several rules work out from the same report (where its sections are, ...),
        # kept for this report's other rules: see :meth:`remember`.
        self._memo: dict[Any, Any] = {}

    def remember(self, name, compute) -> Any:
        """``compute()`` once per report: its result is shared by every rule that asks."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    # -- tables ---------------------------------------------------------------
    def cell(self, cell_id: str) -> CellValue:
        found = self._cells.get(cell_id)
        if found is None:
            cell = self.format.cell_map[cell_id]
            node: Any = self.data.get("tables")
            present = True
            for part in cell.pointer.split("/")[2:]:
                if isinstance(node, dict) and part in node:
                    node = node[part]
                else:
                    present, node = False, None
                    break
            found = self._cells[cell_id] = classify(cell, node, present)
        return found

    def cells(self):
        for cell in self.format.cells():
            yield self.cell(cell.id)

    def integers(self) -> dict[str, int | None]:
        """Cell id -> its figure, for the cells that hold a plain integer figure (an int
        in the file), None for those that are not usable; a usable figure of another
        kind (a fraction, an amount with its unit, a figure with a note) is left out.
        Once per report: the relation rules and the diagnosis rules ask first whether a
        relation holds on these plain integers (it holds or fails exactly as in Decimal:
        every figure is at most 2^53, V007) and build CellValues and Decimals only for
        the relations that do not hold or cannot be decided so."""
        return self.remember("integer cells", self._integers)

    def _integers(self) -> dict[str, int | None]:
        found: dict[str, int | None] = {}
        for value in self.cells():
            if value.state != "number":
                found[value.cell.id] = None
            elif type(value.raw) is int:
                found[value.cell.id] = value.raw
        return found

    # -- metadata and text ----------------------------------------------------
    def meta(self, key: str) -> Any:
        metadata = self.data.get("metadata")
        return metadata.get(key) if isinstance(metadata, dict) else None

    def report_year(self) -> int | None:
        """The report year, or None when it is missing or not a report year (the schema
        reports that, F007): no check computes dates from a year such as 0 or 10^20."""
        year = self.meta("report_year")
        return year if is_report_year(year) else None

    def sections(self) -> list[tuple[int, str, str]]:
        """(index, heading, text) of every well-formed section (read once: callers do not change it)."""
        if self._sections is not None:
            return self._sections
        result = self._sections = []
        sections = self.data.get("sections")
        if isinstance(sections, list):
            for index, section in enumerate(sections):
                if isinstance(section, dict) and isinstance(section.get("heading"), str):
                    text = section.get("text")
                    result.append((index, section["heading"], text if isinstance(text, str) else ""))
        return result
