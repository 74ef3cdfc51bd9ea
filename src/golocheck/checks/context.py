"""What a check sees of a report: safe accessors over data that may be partly broken."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import re

from golocheck.checks.memo import once
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


_ABSENT = object()  # a key the report lacks: the cell is missing


def _table_plan(fmt: FormatDefinition) -> tuple:
    """The format's cells as the walk over a report's tables meets them, once per process:
    (table id, number of cells, ((row key, ((column key or None, cell id, cell), ...)), ...),
    ()) for each table, in the format's order, for cells at /tables/TABLE/ROW or
    /tables/TABLE/ROW/COLUMN. A table of a user's format with a cell anywhere else (an id
    with a "/") is (table id, number of cells, None, ((path, cell), ...))."""
    return once("table plan", (fmt,), lambda: tuple(_table_walk(table) for table in fmt.tables))


def _table_walk(table) -> tuple:
    paths = [(tuple(cell.pointer.split("/")[2:]), cell) for row in table.rows for cell in row.cells]
    if not all(len(path) in (2, 3) and path[0] == table.id for path, _ in paths):
        return table.id, len(paths), None, tuple(paths)
    rows: list[tuple[str, list]] = []
    for path, cell in paths:
        entry = (path[2] if len(path) == 3 else None, cell.id, cell)
        if rows and rows[-1][0] == path[1]:
            rows[-1][1].append(entry)
        else:
            rows.append((path[1], [entry]))
    return table.id, len(paths), tuple((key, tuple(entries)) for key, entries in rows), ()


def _at(node: Any, path: tuple) -> Any:
    """The value at ``path`` below ``node``, or _ABSENT."""
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node


class Context:
    def __init__(self, data: dict, fmt: FormatDefinition | None, previous: "Context | None" = None, path: str | None = None, settings: CheckSettings | None = None) -> None:
        self.data = data
        self.settings = settings or CheckSettings()
        self.format = fmt
        self.previous = previous  # last year's report, for the cross-year rules
        self.path = path
        self._cells: dict[str, CellValue] = {}  # the cells classified so far
        self._integers: dict[str, int | None] | None = None  # None until the tables are read
        self._by_state: dict[str, list[CellValue]] = {}
        self._table_states: dict[str, tuple[int, dict[str, int]]] = {}
        self._sections: list[tuple[int, str, str]] | None = None
        # What several rules work out from the same report (where its sections are, ...),
        # kept for this report's other rules: see :meth:`remember`.
        self._memo: dict[Any, Any] = {}

    def remember(self, name, compute) -> Any:
        """``compute()`` once per report: its result is shared by every rule that asks."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def recall(self, name) -> Any:
        """What :meth:`remember` keeps under ``name``, or None when nothing asked yet."""
        return self._memo.get(name)

    # -- tables ---------------------------------------------------------------
    # Every cell of the report is read and classified in one pass over its tables, the
    # first time a rule asks for any of them (every report of a format with tables has
    # rules that read them all). A plain integer figure, the usual cell, is kept as the
    # int itself: its CellValue is built only when a rule asks for that cell.
    def _read_tables(self) -> None:
        integers: dict[str, int | None] = {}
        by_state: dict[str, list[CellValue]] = {}
        self._table_states = table_states = {}  # table id -> (its number of cells, {state: count} but numbers)
        tables = self.data.get("tables")
        if not isinstance(tables, dict):
            tables = {}
        for table_id, size, rows, paths in _table_plan(self.format):
            counts: dict[str, int] = {}
            table_states[table_id] = (size, counts)
            if rows is None:  # cells at irregular places: each walked down its own path
                for path, cell in paths:
                    raw = _at(tables, path)
                    if type(raw) is int and (raw >= 0 or cell.kind == "signed_count"):
                        integers[cell.id] = raw
                    else:
                        self._classify(cell, raw, integers, by_state, counts)
                continue
            node = tables.get(table_id)
            if not isinstance(node, dict):
                node = {}
            for row_id, entries in rows:
                row = node.get(row_id, _ABSENT)
                for column, cell_id, cell in entries:
                    if column is None:
                        raw = row
                    elif isinstance(row, dict):
                        raw = row.get(column, _ABSENT)
                    else:
                        raw = _ABSENT
                    if type(raw) is int and (raw >= 0 or cell.kind == "signed_count"):
                        integers[cell_id] = raw  # what classify calls a number, without its CellValue
                    else:
                        self._classify(cell, raw, integers, by_state, counts)
        self._integers, self._by_state = integers, by_state

    def _classify(self, cell: Cell, raw: Any, integers: dict, by_state: dict, counts: dict) -> None:
        """Any cell but a plain integer figure: its CellValue, counted by state."""
        value = self._cells[cell.id] = classify(cell, None if raw is _ABSENT else raw, raw is not _ABSENT)
        state = value.state
        if state != "number":  # a figure with a note, an amount with its unit
            integers[cell.id] = None
            counts[state] = counts.get(state, 0) + 1
            by_state.setdefault(state, []).append(value)

    def cell(self, cell_id: str) -> CellValue:
        found = self._cells.get(cell_id)
        if found is None:
            if self._integers is None:
                self._read_tables()
                found = self._cells.get(cell_id)
            if found is None:
                cell = self.format.cell_map[cell_id]  # KeyError for an id the format lacks
                raw = self._integers[cell_id]
                found = self._cells[cell_id] = CellValue(cell, "number", raw, Decimal(raw))
        return found

    def cells(self):
        for cell in self.format.cells():
            yield self.cell(cell.id)

    def integers(self) -> dict[str, int | None]:
        """Cell id -> its figure, for the cells that hold a plain integer figure (an int
        in the file), None for those that are not usable; a usable figure of another
        kind (a fraction, an amount with its unit, a figure with a note) is left out.
        The relation rules and the diagnosis rules ask first whether a relation holds on
        these plain integers (it holds or fails exactly as in Decimal: every figure is at
        most 2^53, V007) and build CellValues and Decimals only for the relations that do
        not hold or cannot be decided so. Read only."""
        if self._integers is None:
            self._read_tables()
        return self._integers

    def cells_in_state(self, state: str) -> list[CellValue]:
        """The cells in ``state`` (any state but "number"), in the format's order. Read only."""
        if state == "number":
            return [value for value in self.cells() if value.state == "number"]
        if self._integers is None:
            self._read_tables()
        return self._by_state.get(state, [])

    def table_states(self, table_id: str) -> dict[str, int]:
        """How many of the table's cells are in each state ("missing" included)."""
        if self._integers is None:
            self._read_tables()
        size, counts = self._table_states[table_id]
        return {**counts, "number": size - sum(counts.values())}

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
