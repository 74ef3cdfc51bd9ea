"""Tables flattened into runs of digits (web-page text: "申请数量640020470" holds several
cells): which readings of a run the format's own relations allow.

A run is split only when exactly one reading satisfies the relations; otherwise its
cells stay absent (not blank) and a problem lists the readings (I031) or says why the
run could not be read at all (I033). A relation used to read cells says nothing about
the document afterwards: ``RunReading.read_with`` names it with the rows it read, and
the report carries that list (``read_with``) so the checks report it as not checked
(I032) instead of counting it as passing.

How a run is read:

1. Readings of one run: every way to cut its characters into the cells of its row(s)
   (each a non-negative integer without a leading zero unless it is "0"; a decimal only
   in a money or amount column; a printed space is always a cut), that satisfies the
   relations whose cells all lie in the run (a row's total: T203, T204 in the national
   formats). The relations are the catalogue's rules of kind sum, balance and at_most
   for the format; nothing here names a row, a column or a rule.
2. When the text after the run starts with an ordinal mark (".其他…"), the run's last
   one or two digits are that label's ordinal ("…0000000" + "2.其他…" reads "00000002"):
   the readings are those of the run without them.
3. Runs still with several readings are read together under the relations across rows
   (a column's balance, a results total): a joint reading that alone satisfies them
   settles those runs.

The work is bounded: a run longer than MAX_RUN_CHARACTERS, a search longer than
MAX_STEPS or more joint readings than MAX_COMBINATIONS leave the cells unread with a
problem saying so — never a slow import, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import product
from typing import Any

# The check kinds whose relations can tell readings apart: equalities, and a part at most its whole.
RELATION_KINDS = ("sum", "balance", "at_most")
from golocheck.formats import NUMBER_KINDS
from golocheck.importing.labels import CELL_UNITS

# Cell kinds whose figures may hold a decimal point: all but the counts.
DECIMAL_KINDS = tuple(kind for kind in NUMBER_KINDS if not kind.endswith("count"))
# Cell kinds whose figures may be negative: a piece of a run may begin with a minus sign there.
SIGNED_KINDS = tuple(kind for kind in NUMBER_KINDS if kind.startswith("signed"))
ORDINAL_MARKS = ".．、"
MAX_ORDINAL_DIGITS = 2
MAX_RUN_CHARACTERS = 160
MAX_STEPS = 20_000  # pieces tried for one run (a few milliseconds)
MAX_READINGS = 64  # readings kept for one run; more leaves the run unread
MAX_COMBINATIONS = 4_096  # joint readings of ambiguous runs tried under the relations across rows
SHOWN_READINGS = 10  # readings listed in a problem


@dataclass(frozen=True, slots=True)
class Run:
    """One row's run: the format row its label was anchored to, the digits as printed,
    the printed label that follows it (its ordinal may have stuck to the run), and where.
    ``rows``: when one printed row holds several format rows in order (表四 printed as a
    single row of 15 cells), their ids; empty means ``(row,)``."""

    row: str
    digits: str
    next_label: str | None
    place: Any
    rows: tuple[str, ...] = ()

    @property
    def row_ids(self) -> tuple[str, ...]:
        return self.rows or (self.row,)


@dataclass
class RunReading:
    cells: dict[tuple[str, str | None], int | Decimal] = field(default_factory=dict)  # (row id, column id) -> figure
    # (row id, column id) -> the unit printed after the cell's figure ("2笔") where it is not
    # the unit the format declares for the cell: kept as the figure's note
    notes: dict[tuple[str, str | None], str] = field(default_factory=dict)
    unread: dict[str, list[tuple[int | Decimal, ...]]] = field(default_factory=dict)  # row id -> its readings
    used: list[str] = field(default_factory=list)  # codes of the rules whose relation read cells
    problems: list = field(default_factory=list)  # loading.Problem, codes I03x
    # (rule code, JSON pointer of a row read with it): what the report's `read_with` lists
    read_with: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Relation:
    """One concrete relation of a rule: sum(coef * cell) == 0 ("eq") or <= 0 ("le")."""

    rule: str
    terms: tuple[tuple[tuple[str, str | None], int], ...]
    op: str

    @property
    def keys(self) -> frozenset:
        return frozenset(key for key, _ in self.terms)

    def holds(self, values: dict) -> bool:
        total = sum(coef * values[key] for key, coef in self.terms)
        return total == 0 if self.op == "eq" else total <= 0


class _TooMuch(Exception):
    """The search went past its bound."""


def _key(cell_id: str) -> tuple[str, str | None]:
    _, row, *column = cell_id.split(".")
    return row, (column[0] if column else None)


def table_relations(fmt, table_id: str, catalogue: dict | None = None) -> list[Relation]:
    """The relations of the format's rules whose cells all lie in the table."""
    from golocheck.checks.arithmetic import instances

    if catalogue is None:
        from golocheck.catalogue import load_catalogue

        catalogue = load_catalogue()
    relations = []
    for rule in catalogue.values():
        if rule.check not in RELATION_KINDS or not rule.applies_to(fmt.id):
            continue
        for left, right in instances(rule.check, rule.params, fmt):
            if not all(cell.split(".", 1)[0] == table_id for cell in (*left, *right)):
                continue
            coefficients: dict = {}
            for cell, coef in [*((c, 1) for c in left), *((c, -1) for c in right)]:
                coefficients[_key(cell)] = coefficients.get(_key(cell), 0) + coef
            terms = tuple((k, c) for k, c in coefficients.items() if c)
            relations.append(Relation(rule.code, terms, "le" if rule.check == "at_most" else "eq"))
    return relations


def _figure(piece: str, decimal: bool, signed: bool = False) -> int | Decimal | None:
    """The figure a piece of a run stands for, or None when no cell prints it so. A minus
    sign begins a piece only in a column that may be negative (a signed count: 本年增/减),
    and never "-0"."""
    if piece.startswith("-"):
        if not signed:
            return None
        figure = _figure(piece[1:], decimal)
        return -figure if figure else None
    whole, point, fraction = piece.partition(".")
    if not whole.isdigit() or not whole.isascii() or (len(whole) > 1 and whole[0] == "0"):
        return None
    if point:
        if not decimal or not fraction.isdigit() or not fraction.isascii():
            return None
        return Decimal(piece)
    return int(whole)


def _readings(text: str, keys: list, decimal: list[bool], relations: list[Relation], limit: int, signed: list[bool] | None = None) -> list[tuple]:
    """Every cutting of ``text`` into len(keys) cells satisfying the relations (up to
    ``limit``; more raises _TooMuch, as does a search past MAX_STEPS). A space is a cut."""
    n = len(keys)
    signed = signed or [False] * n
    index = {key: i for i, key in enumerate(keys)}
    due: list[list[Relation]] = [[] for _ in range(n)]  # relations checked once cell i is cut
    for relation in relations:
        due[max(index[k] for k in relation.keys)].append(relation)
    solid = [i for i, ch in enumerate(text) if ch != " "]
    chars_after = [0] * (len(text) + 1)  # non-space characters from each position on
    for i in range(len(text) - 1, -1, -1):
        chars_after[i] = chars_after[i + 1] + (text[i] != " ")
    found: list[tuple] = []
    values: dict = {}
    cut: list = []
    steps = 0

    def search(pos: int, i: int) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            raise _TooMuch
        if i == n:
            if pos == len(text):
                if len(found) >= limit:
                    raise _TooMuch
                found.append(tuple(cut))
            return
        if i and pos < len(text) and text[pos] == " ":
            pos += 1
        left = n - i - 1
        for end in range(pos + 1, len(text) + 1):
            steps += 1  # every piece tried counts, so a long run costs at most MAX_STEPS of them
            if steps > MAX_STEPS:
                raise _TooMuch
            piece = text[pos:end]
            if " " in piece or chars_after[end] < left:
                break
            figure = _figure(piece, decimal[i], signed[i])
            if figure is None:
                continue
            values[keys[i]] = figure
            if all(r.holds(values) for r in due[i]):
                cut.append(figure)
                search(end, i + 1)
                cut.pop()
            del values[keys[i]]

    if solid:
        search(0, 0)
    return found


@dataclass
class _RunState:
    run: Run
    keys: list
    readings: list[tuple] | None  # None: not read (too long, too many)
    used: set[str]
    reason: str | None = None  # why unread: "too_long", "too_many", "none"
    units: dict[int, str] = field(default_factory=dict)  # end of a piece in the text read -> unit printed there


def read_runs(fmt, table, runs: list[Run], catalogue: dict | None = None) -> RunReading:
    """Read the runs of one table (``table``: a formats.Table or its id) of format ``fmt``."""
    table = fmt.table(table) if isinstance(table, str) else table
    relations = table_relations(fmt, table.id, catalogue)
    columns = [column for column, _ in table.columns] or [None]
    decimal_columns = {cell.id: cell.kind in DECIMAL_KINDS for row in table.rows for cell in row.cells}
    signed_columns = {cell.id for row in table.rows for cell in row.cells if cell.kind in SIGNED_KINDS}
    result = RunReading()
    states = [_read_one(run, table, columns, decimal_columns, relations, signed_columns) for run in runs]
    _read_jointly(states, relations)
    labels = {row.id: row for row in table.rows if row.id}
    cells = {_key(cell.id): cell for row in table.rows for cell in row.cells}
    for state in states:
        rows = state.run.row_ids
        if state.readings is not None and len(state.readings) == 1:
            for key, figure in zip(state.keys, state.readings[0]):
                result.cells[key] = figure
            for key, unit in _printed_units(state).items():
                cell = cells.get(key)
                if cell is None or unit in cell.units:
                    continue  # the cell's own unit: the figure as printed
                if cell.kind in DECIMAL_KINDS and cell.units:
                    # an amount in another unit than the format's (元 for 万元): not converted,
                    # not taken as the cell's figure
                    del result.cells[key]
                    result.problems.append(_unit_problem(table, cell, key, state.readings[0][state.keys.index(key)], unit, state.run.place))
                    continue
                result.notes[key] = unit  # a measure word of a count ("2笔" where 项 is declared)
            for code in sorted(state.used):
                result.read_with.extend((code, f"/tables/{table.id}/{row}") for row in rows)
            continue
        per_row = len(columns)
        for offset, row in enumerate(rows):
            sliced = [r[offset * per_row:(offset + 1) * per_row] for r in state.readings or ()]
            result.unread[row] = list(dict.fromkeys(sliced))
        result.problems.append(_problem(state, table, labels, per_row))
    result.used = sorted({code for code, _ in result.read_with})
    return result


def unread_entries(table, reading: RunReading, digits: dict[str, str]) -> list[dict[str, Any]]:
    """The report's `run_readings` entries for the rows left unread: the row's pointer, the
    run as printed, the columns in order and every reading kept (so that the checks can
    ask whether any reading agrees with the text). Rows without a reading kept (too long,
    none at all) have nothing to list."""
    columns = [column for column, _ in table.columns]
    entries = []
    for row, readings in reading.unread.items():
        if not readings or not columns:
            continue
        entries.append({
            "pointer": f"/tables/{table.id}/{row}",
            "digits": shown_digits(digits.get(row, "")),
            "columns": columns,
            "readings": [[figure if isinstance(figure, int) else float(figure) for figure in r] for r in readings],
        })
    return entries


def _read_one(run: Run, table, columns, decimal_columns, relations, signed_columns=frozenset()) -> _RunState:
    keys = [(row, column) for row in run.row_ids for column in columns]
    ids = [f"{table.id}.{row}" + (f".{column}" if column else "") for row, column in keys]
    decimal = [decimal_columns.get(cell_id, False) for cell_id in ids]
    signed = [cell_id in signed_columns for cell_id in ids]
    text, units = _without_units(" ".join(run.digits.split()))
    if len(text) > MAX_RUN_CHARACTERS:
        return _RunState(run, keys, None, set(), "too_long")
    own = [r for r in relations if r.keys <= set(keys)]
    variants = [text]
    if run.next_label and run.next_label[0] in ORDINAL_MARKS:
        # the next label's ordinal stuck to the run: without it, of one or two digits
        variants = [text[:-k] for k in range(1, MAX_ORDINAL_DIGITS + 1)
                    if len(text) > k and text[-k:].isdigit() and text[-k] != "0" and text[-k - 1] != " "]
    try:
        readings = [r for variant in variants for r in _readings(variant, keys, decimal, own, MAX_READINGS, signed)]
        if len(readings) > MAX_READINGS:
            raise _TooMuch
    except _TooMuch:
        return _RunState(run, keys, None, set(), "too_many")
    used: set[str] = set()
    if own and readings:
        # The relations read the run when they set readings aside: without them there are more.
        try:
            unconstrained = sum(len(_readings(v, keys, decimal, [], len(readings) + 1, signed)) for v in variants)
        except _TooMuch:
            unconstrained = len(readings) + 1
        if unconstrained > len(readings):
            used = {r.rule for r in own}
    return _RunState(run, keys, readings, used, None if readings else "none", units)


@lru_cache(maxsize=1)
def _unit_words() -> tuple[str, ...]:
    """The units a run may print after a figure, longest first: CELL_UNITS and the units the
    formats declare for cells (万元)."""
    from golocheck.formats import unit_words

    return tuple(sorted({*CELL_UNITS, *unit_words()}, key=lambda u: (-len(u), u)))


def _without_units(text: str) -> tuple[str, dict[int, str]]:
    """A run without the units printed after its figures ("2笔 984361元" -> "2 984361"), and
    where each unit was: the end of its figure in the text returned. A unit ends a cell:
    the text reader takes one into a run only before a space and the next figure, or after
    the run's last figure."""
    kept: list[str] = []
    units: dict[int, str] = {}
    i = 0
    while i < len(text):
        unit = next((u for u in _unit_words() if text.startswith(u, i)), "") if kept and kept[-1].isdigit() else ""
        if unit:
            units[len(kept)] = unit
            i += len(unit)
            continue
        kept.append(text[i])
        i += 1
    return "".join(kept), units


def shown_digits(digits: str) -> str:
    """A run as problems show it: without the unit printed after its last figure (the
    run is its digits; the unit is its last cell's)."""
    unit = next((u for u in _unit_words() if digits.endswith(u)), "")
    return digits[:-len(unit)] if unit and digits[:-len(unit)][-1:].isdigit() else digits


def _unit_problem(table, cell, key, figure, unit: str, place):
    """I051: an amount printed in another unit than the one the format gives its cell."""
    from golocheck.loading import Problem

    row, column = key
    declared = "、".join(cell.units)
    return Problem("I051", f"/tables/{table.id}/{row}" + (f"/{column}" if column else ""), {
        "cell": cell.short.zh, "cell_en": cell.short.en, "figure": f"{figure}{unit}", "unit": unit, "declared": declared}, place=place)


def _printed_units(state: _RunState) -> dict[tuple[str, str | None], str]:
    """The cells of a run's one reading printed with a unit: its figures laid back over
    the text (each printed as read, a space between cells where the run had one)."""
    if not state.units:
        return {}
    found, pos = {}, 0
    text = " ".join(state.run.digits.split())
    text = _without_units(text)[0]
    for key, figure in zip(state.keys, state.readings[0]):
        if pos < len(text) and text[pos] == " ":
            pos += 1
        pos += len(str(figure))
        if pos in state.units:
            found[key] = state.units[pos]
    return found


def _read_jointly(states: list[_RunState], relations: list[Relation]) -> None:
    """Runs with several readings, read together under the relations across runs."""
    ambiguous = [s for s in states if s.readings is not None and len(s.readings) > 1]
    if not ambiguous:
        return
    owner = {key: s for s in states if s.readings for key in s.keys}  # cells of runs with readings
    across = [r for r in relations if all(k in owner for k in r.keys) and len({id(owner[k]) for k in r.keys}) > 1]
    # components: ambiguous runs linked by a relation across runs
    groups: list[tuple[list[_RunState], list[Relation]]] = []
    for relation in across:
        involved = {id(owner[k]): owner[k] for k in relation.keys if len(owner[k].readings) > 1}
        if not involved:
            continue
        merged = [g for g in groups if any(id(s) in involved for s in g[0])]
        runs = dict(involved)
        rels = [relation]
        for g in merged:
            runs.update({id(s): s for s in g[0]})
            rels.extend(g[1])
            groups.remove(g)
        groups.append((list(runs.values()), rels))
    for runs, rels in groups:
        count = 1
        for s in runs:
            count *= len(s.readings)
        if count > MAX_COMBINATIONS:
            continue
        fixed = {k: v for s in states if s.readings and len(s.readings) == 1 for k, v in zip(s.keys, s.readings[0])}
        surviving = []
        for combination in product(*(s.readings for s in runs)):
            values = dict(fixed)
            for s, reading in zip(runs, combination):
                values.update(zip(s.keys, reading))
            if all(r.holds(values) for r in rels):
                surviving.append(combination)
                if len(surviving) > 1:
                    break
        if len(surviving) == 1:
            codes = {r.rule for r in rels}
            for s, reading in zip(runs, surviving[0]):
                s.readings = [reading]
                s.used |= codes


def _text(figures) -> str:
    return " ".join(str(f) for f in figures)


def _problem(state: _RunState, table, labels, per_row: int):
    from golocheck.loading import Problem

    run = state.run
    label = "、".join(labels[row].label if row in labels else row for row in run.row_ids)
    args = {"row": label, "digits": shown_digits(run.digits), "cells": len(state.keys)}
    if state.reason is None:  # several readings
        shown = state.readings[:SHOWN_READINGS]
        more = len(state.readings) - len(shown)
        listed = "；".join(_text(r) for r in shown)
        args.update(count=len(state.readings), readings=listed + (f"……（另有 {more} 种）" if more else ""),
                    readings_en=listed.replace("；", "; ") + (f" … ({more} more)" if more else ""))
        code = "I031"
    else:
        reasons = {
            "none": ("没有一种拆分满足本表的勾稽关系（数字有误，或有单元格未印出）",
                     "no way of cutting it satisfies the table's relations (a figure is wrong, or a cell was not printed)"),
            "too_long": (f"数字串超过 {MAX_RUN_CHARACTERS} 个字符，不予拆分", f"the run is longer than {MAX_RUN_CHARACTERS} characters"),
            "too_many": ("可能的拆分过多，不予拆分", "it has too many possible readings to list"),
        }[state.reason]
        args.update(reason_zh=reasons[0], reason_en=reasons[1])
        code = "I033"
    return Problem(code, f"/tables/{table.id}/{run.row_ids[0]}", args, place=run.place)
