"""A ledger sheet -> register entries of the report model, each field placed at its cell.

Two steps. :func:`layout` (once, when the command line reads ``--register``) finds the
header row and which column fills which register field; a sheet without a header golocheck
recognises, or without a required column, is a usage error. :func:`merge` (per report: a
result wording means a row of the report's format) turns each row into the same entry a
report's JSON ``registers`` holds and adds it after the report's own entries, so every
register rule (D004–D012, L010) runs on it unchanged; the source map gives each entry and
field the place of its cell, so every finding names ``requests.xlsx#台账!B17``. What a cell
does not say clearly is a finding (L001–L006), never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from golocheck.diagnostics import SheetPlace, Text
from golocheck.ledger.columns import Column, Mapping, applicant_wordings, load_mapping, normal, result_wordings
from golocheck.ledger.sheet import FORMULA_WITHOUT_VALUE, LedgerError, Sheet
from golocheck.loading import Problem
from golocheck.records import replace
from golocheck.registers import REQUESTS

HEADER_SEARCH = 10  # rows above the header: a title, the office, the year
_DATE_FORMS = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
DATE_FORMS_TEXT = "2025-03-14、2025/3/14、2025年3月14日、20250314"
# codes of the findings on a ledger's cells (rules/L0xx.yaml)
BAD_DATE, UNKNOWN_VALUE, FORMULA, HEADER, HIDDEN, ROW_NOT_READ = "L001", "L002", "L003", "L004", "L005", "L006"
STRUCTURE = "F007"  # a field the register schema requires that the ledger has no column for
# What a register entry without these fields cannot be checked for (the rules that read them)
_WITHOUT = {
    "channel": Text("按提交方式统计的表行（{rows}）不能与台账核对（L010）", "the table's rows by channel ({rows}) cannot be compared with the ledger (L010)"),
    "result": Text("表中按办理结果统计的行不能与台账核对（D009、L010）", "the table's rows by result cannot be compared with the ledger (D009, L010)"),
    "formed_on": Text("这些行的主动公开期限（20个工作日，D004）不能检查", "the publication time limit of these rows (20 working days, D004) cannot be checked"),
}


@dataclass(frozen=True)
class Layout:
    """Where a ledger's register fields are: read once, applied to every report."""

    sheet: Sheet
    kind: str  # registers.REQUESTS or registers.PROACTIVE
    header_row: int
    first_data_row: int
    columns: tuple[tuple[int, Column, str], ...]  # (0-based column index, column, the header as printed)
    mapping_files: tuple[Path, ...] = ()
    notes: tuple[Problem, ...] = field(default_factory=tuple)  # header problems (L004, L005)

    @property
    def where(self) -> str:
        return self.sheet.file + (f"#{self.sheet.name}" if self.sheet.name else "")


def _text(value: Any) -> str:
    if value is None or value is FORMULA_WITHOUT_VALUE:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell(cells: tuple, index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _header_texts(sheet: Sheet, row_number: int, cells: tuple, below: tuple | None) -> tuple[list[str], bool, list[tuple[int, int, int, int]]]:
    """The header of each column: a merged cell spanning columns names them all, joined
    with the sub-header under it (征求意见 over 发出日期 -> 征求意见发出日期). Returns the
    texts, whether the row below was used, and the merged ranges left without sub-headers."""
    texts = [_text(c) for c in cells]
    used_below, bare = False, []
    for min_row, min_col, max_row, max_col in sheet.merged:
        if not (min_row <= row_number <= max_row) or max_col == min_col:
            continue
        parent = texts[min_col - 1] if min_col - 1 < len(texts) else ""
        subs = [_text(_cell(below, c - 1)) if below is not None else "" for c in range(min_col, max_col + 1)]
        if max_row == row_number and any(subs):
            while len(texts) < max_col:
                texts.append("")
            for c, sub in zip(range(min_col, max_col + 1), subs):
                texts[c - 1] = parent + sub if sub else parent
            used_below = True
        else:
            bare.append((min_row, min_col, max_row, max_col))
    if used_below and below is not None:  # the other columns' headers may stand in the row below
        for i, text in enumerate(texts):
            if not text and i < len(below):
                texts[i] = _text(below[i])
    return texts, used_below, bare


def layout(sheet: Sheet, mapping_files: tuple[Path, ...] = ()) -> Layout:
    """The ledger's header and columns; LedgerError when no header or a required column is missing."""
    mapping = load_mapping(tuple(mapping_files))
    where = sheet.file + (f"#{sheet.name}" if sheet.name else "")
    best = None
    rows = sheet.rows[:HEADER_SEARCH]
    for i, (number, cells) in enumerate(rows):
        below = rows[i + 1][1] if i + 1 < len(rows) and rows[i + 1][0] == number + 1 else None
        texts, used_below, bare = _header_texts(sheet, number, cells, below)
        for kind in mapping.columns:
            index = mapping.header_index(kind)
            found = [(j, index[normal(t)], t) for j, t in enumerate(texts) if t and normal(t) in index]
            if len(found) >= 2 and (best is None or len(found) > len(best[2])):
                best = (number, kind, found, used_below, bare)
    if best is None:
        raise LedgerError(f"{where}: no header row found in the first {HEADER_SEARCH} rows (known headers: {_known(mapping)})")
    number, kind, found, used_below, bare = best
    notes: list[Problem] = []
    columns, seen = [], {}
    for j, column, printed in found:
        if column.field in seen:
            first = seen[column.field]
            notes.append(_header_problem(sheet, number, j, printed, Text(
                f"与第 {_letters(first + 1)} 列同为“{column.wordings[0]}”，只读第 {_letters(first + 1)} 列",
                f"is the same column ({column.wordings[0]}) as column {_letters(first + 1)}; only that one is read")))
            continue
        seen[column.field] = j
        columns.append((j, column, printed))
    missing = [c for c in mapping.columns[kind] if c.required and c.field not in seen]
    if missing:
        raise LedgerError(f"{where}: row {number} is a {kind} header but has no column {missing[0].wordings[0]} "
                          f"(any of: {', '.join(missing[0].wordings)})")
    for min_row, min_col, max_row, max_col in bare:
        notes.append(_header_problem(sheet, min_row, min_col - 1, "", Text(
            f"合并单元格 {_letters(min_col)}{min_row}:{_letters(max_col)}{max_row} 下没有分列的表头，只读其第一列，{_letters(min_col + 1)} 至 {_letters(max_col)} 列不读",
            f"merged cell {_letters(min_col)}{min_row}:{_letters(max_col)}{max_row} has no sub-headers below it: only its first column is read, columns {_letters(min_col + 1)} to {_letters(max_col)} are not")))
    for name in sheet.hidden:
        notes.append(Problem(HIDDEN, f"/registers/{kind}", {"sheet": name, "file": sheet.file},
                             place=SheetPlace(sheet.file, 1, 1, sheet.name)))
    return Layout(sheet, kind, number, number + (2 if used_below else 1), tuple(columns), tuple(mapping_files), tuple(notes))


def _known(mapping: Mapping) -> str:
    return ", ".join(c.wordings[0] for c in mapping.columns[REQUESTS][:4]) + ", …"


def _letters(column: int) -> str:
    from golocheck.diagnostics import column_letters

    return column_letters(column)


def _header_problem(sheet: Sheet, row: int, index: int, printed: str, detail: Text) -> Problem:
    return Problem(HEADER, "/registers", {"cell": f"{_letters(index + 1)}{row}", "header": printed or "", "detail": detail},
                   place=SheetPlace(sheet.file, row, index + 1, sheet.name, printed or None))


# -- cell values ------------------------------------------------------------------------


def parse_cell_date(value: Any) -> date | None:
    """A spreadsheet date, or one of the written forms; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    text = _text(value)
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


@dataclass
class _Row:
    layout: Layout
    number: int
    cells: tuple
    pointer: str
    problems: list[Problem]
    places: dict[str, SheetPlace]
    row_text: str

    def place(self, index: int, header: str | None) -> SheetPlace:
        return SheetPlace(self.layout.sheet.file, self.number, index + 1, self.layout.sheet.name, header, self.row_text)

    def problem(self, code: str, pointer: str, index: int, header: str, args: dict) -> None:
        place = self.place(index, header)
        self.problems.append(Problem(code, pointer, {"cell": f"{_letters(index + 1)}{self.number}", "header": header, **args}, place=place))


_FIELD_POINTERS = {"consultation/kind": "consultations/0/kind", "consultation/sent_on": "consultations/0/sent_on",
                   "consultation/answered_on": "consultations/0/answered_on"}


def _entry(row: _Row, mapping: Mapping, results: dict[str, str] | None, applicants: dict[str, str]) -> dict | None:
    entry: dict[str, Any] = {}
    layout = row.layout
    required_bad = False
    for index, column, header in layout.columns:
        value = _cell(row.cells, index)
        path = _FIELD_POINTERS.get(column.field, column.field)
        pointer = f"{row.pointer}/{path}"
        if value is FORMULA_WITHOUT_VALUE:
            formula = next((f for r, c, f in layout.sheet.formulas if r == row.number and c == index + 1), "")
            row.problem(FORMULA, pointer, index, header, {"formula": formula})
            required_bad |= column.required
            continue
        text = _text(value)
        if not text:
            continue
        parsed: Any = text
        if column.kind == "date":
            day = parse_cell_date(value)
            if day is None:
                row.problem(BAD_DATE, pointer, index, header, {"value": text, "forms": DATE_FORMS_TEXT,
                            "effect": _effect(column)})
                required_bad |= column.required
                continue
            parsed = day.isoformat()
        elif column.kind == "yes":
            if normal(text) in {normal(w) for w in mapping.yes}:
                parsed = True
            elif normal(text) in {normal(w) for w in mapping.no}:
                continue
            else:
                row.problem(UNKNOWN_VALUE, pointer, index, header, {"value": text, "known": "、".join(mapping.yes[:2] + mapping.no[:1])})
                continue
        elif column.kind in ("channel", "consultation"):
            known = {normal(w): value_ for value_, words in mapping.values[column.kind].items() for w in (value_, *words)}
            if normal(text) not in known:
                row.problem(UNKNOWN_VALUE, pointer, index, header, {"value": text, "known": "、".join(mapping.values[column.kind])})
                continue
            parsed = known[normal(text)]
        elif column.kind == "result":
            if results is None:
                continue  # the report's format is unknown: the schema says so
            if normal(text) not in results:
                row.problem(UNKNOWN_VALUE, pointer, index, header, {"value": text, "known": "予以公开、部分公开、不予公开·属于国家秘密…（报告格式的办理结果行）"})
                continue
            parsed = results[normal(text)]
        elif column.kind == "applicant":
            if not applicants:
                continue  # the format has no applicant kinds (gov-2014)
            if normal(text) not in applicants:
                row.problem(UNKNOWN_VALUE, pointer, index, header, {"value": text, "known": "自然人、商业企业、科研机构…（报告格式表三的申请人列）"})
                continue
            parsed = applicants[normal(text)]
        row.places[pointer] = row.place(index, header)
        node = entry
        parts = path.split("/")
        for part in parts[:-1]:
            if part == "consultations":
                node = node.setdefault("consultations", [{}])
                continue
            node = node[0] if isinstance(node, list) else node.setdefault(part, {})
        (node[0] if isinstance(node, list) else node)[parts[-1]] = parsed
    if required_bad:
        return None
    if "consultations" in entry and "kind" not in entry["consultations"][0] and "sent_on" in entry["consultations"][0]:
        # no column says whom: the 2019 条例 leaves out both kinds alike (docs/deadlines.md)
        entry["consultations"][0]["kind"] = "third_party"
    if "consultations" in entry and "sent_on" not in entry["consultations"][0]:
        del entry["consultations"]  # nothing was sent (an answer date alone: D008 has nothing to order)
    for key in ("correction", "extension"):
        if key in entry and not entry[key]:
            del entry[key]
    return entry


def _effect(column: Column) -> Text:
    if column.required:
        return Text("该行不能检查", "the row cannot be checked")
    return Text("该日期不参与期限计算", "the date is left out of the time limits")


def _required_present(row: _Row) -> bool:
    return all(_text(_cell(row.cells, i)) or _cell(row.cells, i) is FORMULA_WITHOUT_VALUE for i, c, _ in row.layout.columns if c.required)


def entries(layout: Layout, fmt, start: int) -> tuple[list[dict], dict[str, SheetPlace], list[Problem]]:
    """The ledger's rows as register entries (pointers from index ``start`` on), the place of
    every entry and field, and the findings on its cells."""
    mapping = load_mapping(layout.mapping_files)
    results = result_wordings(fmt, mapping) if fmt is not None else None
    applicants = applicant_wordings(fmt, mapping) if fmt is not None else {}
    found: list[dict] = []
    numbers: list[int] = []  # the sheet row of each entry of found
    places: dict[str, SheetPlace] = {}
    problems: list[Problem] = list(layout.notes)
    anchor = next((i for i, c, _ in layout.columns if c.field in ("id", "title")), layout.columns[0][0])
    anchor_header = next(h for i, _, h in layout.columns if i == anchor)
    for number, cells in layout.sheet.rows:
        if number < layout.first_data_row:
            continue
        row_text = " | ".join(" ".join(_text(c).split()) for c in cells)
        row_text = row_text if len(row_text) <= 240 else row_text[:239] + "…"
        pointer = f"/registers/{layout.kind}/{start + len(found)}"
        row = _Row(layout, number, cells, pointer, [], {}, row_text)
        if not _required_present(row):
            missing = next(h for i, c, h in layout.columns if c.required and not _text(_cell(cells, i)))
            problems.append(Problem(ROW_NOT_READ, f"/registers/{layout.kind}", {"row": number, "missing": missing},
                                    place=row.place(next(i for i, c, h in layout.columns if h == missing), missing)))
            continue
        entry = _entry(row, mapping, results, applicants)
        problems.extend(row.problems)
        if entry is None:
            for p in row.problems:  # the row is not an entry: its findings point at the register
                problems[problems.index(p)] = replace(p, pointer=f"/registers/{layout.kind}")
            continue
        if layout.kind == REQUESTS:
            entry.setdefault("id", f"{layout.sheet.name + '!' if layout.sheet.name else ''}{number}")
        places[pointer] = row.place(anchor, anchor_header)
        places.update(row.places)
        found.append(entry)
        numbers.append(number)
    problems.extend(_absent_columns(layout, fmt, mapping, start, found, numbers))
    return found, places, problems


def _absent_columns(layout: Layout, fmt, mapping: Mapping, start: int, found: list[dict], numbers: list[int]) -> list[Problem]:
    """One finding per field the register schema requires (or one of several it requires)
    that the ledger has no column for: it names the column, the rows and what cannot be
    checked, and stands for the structure error (F007) every such row would otherwise get."""
    from golocheck.registers import register_rows, registers_schema

    item = registers_schema([])["properties"][layout.kind]["items"]
    # (fields of which an entry needs one, the fields that make it needed or None: always)
    groups: list[tuple[tuple[str, ...], frozenset | None]] = [((name,), None) for name in item["required"]]
    if item.get("anyOf"):
        groups.append((tuple(name for alternative in item["anyOf"] for name in alternative["required"]), None))
    needed_by: dict[str, set[str]] = {}
    for key, names in item.get("dependentRequired", {}).items():
        for name in names:
            needed_by.setdefault(name, set()).add(key)
    groups += [((name,), frozenset(keys)) for name, keys in needed_by.items()]
    has_column = {column.field.split("/")[0] for _, column, _ in layout.columns}
    columns = {c.field: c for c in mapping.columns[layout.kind]}
    problems = []
    for group, when in groups:
        if has_column & set(group) or not any(name in columns for name in group):
            continue
        rows = [(i, n) for i, (entry, n) in enumerate(zip(found, numbers))
                if not set(group) & set(entry) and (when is None or when & set(entry))]
        if not rows:
            continue
        # the schema's error is at the missing field (required) or at the entry (anyOf, dependentRequired)
        suffix = f"/{group[0]}" if len(group) == 1 and when is None else ""
        pointers = tuple(f"/registers/{layout.kind}/{start + i}{suffix}" for i, _ in rows)
        wordings = [columns[name].wordings for name in group if name in columns]
        named_zh = "”或“".join(w[0] for w in wordings)
        named_en = " or ".join(w[0] for w in wordings)
        known = "、".join(w for words in wordings for w in words)
        effect = _WITHOUT.get(group[0], Text("登记册要求每条登记写明此项", "the register requires it of every entry"))
        if group[0] == "channel":
            by_channel = [row for _, row in register_rows(fmt)] if fmt is not None else []
            labels = [row.cells[0].short.zh for row in by_channel if isinstance(row.register, dict) and "received_via" in row.register]
            if not labels:
                effect = Text("本报告格式没有按提交方式统计的表行，其余检查照常进行", "the report's format has no rows by channel; the other checks are made")
            else:
                effect = Text(effect.zh.format(rows="、".join(labels)), effect.en.format(rows=", ".join(labels)))
        span = _row_ranges([n for _, n in rows])
        problems.append(Problem(STRUCTURE, f"/registers/{layout.kind}", {"problem": Text(
            f"台账 {layout.where} 没有“{named_zh}”列（可用表头：{known}）：第 {span} 行（{len(rows)} 条）没有此项；{effect.zh}",
            f"ledger {layout.where} has no {named_en} column (headers known: {known}): rows {span} ({len(rows)}) lack it; {effect.en}")},
            place=SheetPlace(layout.sheet.file, layout.header_row, 1, layout.sheet.name), explains=pointers))
    return problems


def _row_ranges(numbers: list[int]) -> str:
    """3, 4, 5, 9 -> "3–5、9": the rows a finding names, as runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def merge(loaded, fmt, layouts) -> tuple[Any, list[Problem]]:
    """The loaded report with the ledgers' entries added to its registers, and the ledgers'
    findings. The report's data is copied, never changed in place."""
    from golocheck.loading.places import with_ledger_places

    data = dict(loaded.data)
    registers = data.get("registers", {})
    if not isinstance(registers, dict):
        return loaded, []  # the schema reports a malformed registers value (F007)
    registers = dict(registers)
    places: dict[str, SheetPlace] = {}
    problems: list[Problem] = []
    for layout in layouts:
        own = registers.get(layout.kind, [])
        own = list(own) if isinstance(own, list) else []
        added, where, found = entries(layout, fmt, len(own))
        registers[layout.kind] = own + added
        places.update(where)
        problems.extend(found)
    data["registers"] = registers
    return replace(loaded, data=data, source_map=with_ledger_places(loaded.source_map, places)), problems
