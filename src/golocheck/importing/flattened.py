"""Table anchoring for text and Markdown documents: flattened web text and machine
extractions of PDFs.

In these documents a table's rows are not where a grid says they are: web-page text runs
a whole table into one line ("…申请数量640020470二、上年结转…"), and a Markdown extraction
of a PDF splits one printed table into many small pipe grids, shreds the header rows,
loses row labels and leaves some rows as loose text lines ("行政许可 97"). So the
document's tables are read here as ONE stream of printed rows in reading order — every
row of a flattened grid, of a pipe grid, and every text line shaped "label figure…" —
and aligned, in order, to the format's rows of all its printed tables at once:

- a printed row is matched to a format row by the END of its label (a flattened label
  carries the heading, caption and header words printed before it, and an ordinal
  swallowed by the previous run leaves ".其他…"); an ``across`` block (表四: its rows side
  by side) is matched by the printed table's fingerprint words — a loose text line only
  when it prints every cell of the block (表四's header words and 15 figures on a line);
  a loose line read as a row is no prose of its part (``Anchored.lines``);
- the figures of a flattened row are a run of digits, read with importing.digitruns,
  all runs of one table together so that the relations across rows apply; the relations
  used are returned as ``read_with`` (the checks then report them as not checked);
- a row of figures without a label is placed only when the format's fixed row order
  leaves it exactly one place: between two anchored rows of the same table (or before
  the first / after the last one of a table) the unlabelled rows must hold exactly the
  cells of the format rows missing there. Otherwise it is not imported (I018).

Nothing here names a row or a label: all comes from the format definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from golocheck.formats import FormatDefinition
from golocheck.importing import digitruns
from golocheck.importing.document import Block, Document, Grid, is_blank
from golocheck.diagnostics import TextPlace
from golocheck.importing.labels import bare, bare_with_offsets, contains_bare, contains_words, is_figure, ordered_pairs, read_value, squeeze, words
from golocheck.loading import Problem
from golocheck.records import replace

KINDS = ("text", "markdown")
MATCH = 0.6  # a label's end at least this alike to a format label may be that row
LINE_MATCH = 0.8  # ... for a loose text line, which may as well be prose
MIN_FRAGMENT = 6  # characters of a label's piece that may stand for the label (a shredded row)
FINGERPRINT = 0.5  # share of a printed table's fingerprint words a label of an across row shows
# A loose text line holding one row: a label, then figures separated by white space.
_LINE_ROW = re.compile(r"^(?P<label>\D*?[\u4e00-\u9fff）)][^\d]*?)\s+(?P<figures>\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*)\s*$")


@dataclass
class _Printed:
    """One printed row: its label (None: no label), its value cells (texts) or its run."""

    label: str | None
    values: list[Any]  # the value Cells of a pipe row / line; for a run, the run's Cell alone
    place: Any  # where the row (its label, else its first figure) is
    run: bool = False  # a flattened row: one run of digits that may hold several cells
    line: bool = False  # a loose text line, not a row of a grid
    grid: int | None = None
    block: Any = None  # a loose line's Block


@dataclass(frozen=True)
class _Target:
    """What a printed row can be: one format row, or all rows of an across block."""

    table: Any  # formats.Table
    rows: tuple[str, ...]
    label: str | None  # None for an across block (matched by the fingerprint)
    fingerprint: tuple[str, ...]
    columns: tuple  # PrintedColumns of the block

    @property
    def cells(self) -> int:
        return len(self.rows) * len(self.columns)


def applies(document: Document) -> bool:
    return document.kind in KINDS


def anchor(document: Document, fmt: FormatDefinition):
    from golocheck.importing.anchor import Anchored

    out = Anchored()
    printed = _printed_rows(document)
    targets = _targets(fmt)
    pairs = _align(printed, targets)
    pairs += _realign_missing_tables(printed, targets, pairs)
    pairs.sort()
    placed = {p: targets[t] for p, t in pairs}  # printed index -> what it holds
    placed.update(_by_order(printed, targets, pairs, out))
    reader = _Writer(fmt, out)
    foreign = _foreign_headers(fmt, printed, placed, out)
    for p_index, target in sorted(placed.items()):
        row = printed[p_index]
        following = printed[p_index + 1].label if p_index + 1 < len(printed) else None
        if target.table.id in foreign and row.run:
            reader.unread(row, target)  # its figures stand under columns the format does not have
        else:
            reader.take(row, target, following)
        if row.grid is not None:
            out.grids.add(row.grid)
        if row.block is not None:  # a loose line read as a table's row is no prose
            out.lines.add(id(row.block))
    reader.read_runs()
    held = {(t.table.id, r) for t in placed.values() for r in t.rows}  # a row placed by order is no blank row
    blank = [(t, place) for t, place in _blank_rows(printed, targets, pairs) if not any((t.table.id, r) in held for r in t.rows)]
    for target, place in blank:
        reader.blank(target, place)
    found_tables = {t.table.id for t in placed.values()} | {t.table.id for t, _ in blank}
    taken = {(t.table.id, r) for t in [*placed.values(), *(t for t, _ in blank)] for r in t.rows}
    for target in targets:
        if target.table.id in found_tables:
            for row_id in target.rows:
                if (target.table.id, row_id) not in taken:
                    label = next(r.label for r in target.table.rows if r.id == row_id)
                    out.problems.append(Problem("I012", f"/tables/{target.table.id}/{row_id}", {"table": target.table.label, "row": label}))
        elif target.table.id not in reader.missing_reported:
            reader.missing_reported.add(target.table.id)
            printed_table = next(p for p in fmt.printed if any(b.table == target.table.id for b in p.blocks))
            out.problems.append(Problem("I011", f"/tables/{target.table.id}", {"table": target.table.label, "printed": printed_table.name.zh, "printed_en": printed_table.name.en}))
    for t in fmt.tables:
        if t.id in found_tables:
            out.tables.setdefault(t.id, {})
    return out


# --- the stream of printed rows ----------------------------------------------------------


def _printed_rows(document: Document) -> list[_Printed]:
    rows: list[_Printed] = []
    for item in document.items:
        if isinstance(item, Grid) and item.flattened:
            for label, run in item.rows:
                rows.append(_Printed(label.text or None, [run], label.place if label.text else run.place, run=True, grid=item.number))
        elif isinstance(item, Grid):
            for cells in item.rows:
                row = _pipe_row(cells, item.number)
                if row is not None:
                    rows.append(row)
        elif isinstance(item, Block) and item.level is None:
            match = _LINE_ROW.match(item.text.strip())
            if match and not any(ch in match.group("label") for ch in "，。；：,;:"):
                figures = match.group("figures").split()
                rows.append(_Printed(match.group("label").strip(), [_Text(f, item.place) for f in figures], item.place, line=True, block=item))
    return rows


@dataclass(frozen=True)
class _Text:
    """A figure of a loose text line (a grid's cells are document Cells)."""

    text: str
    place: Any


def _pipe_row(cells, grid: int) -> _Printed | None:
    """A pipe row of figures: its label is the text of its cells before the first figure."""
    first = next((i for i, c in enumerate(cells) if is_figure(c.text)), None)
    if first is None:
        return None  # a header row, a shredded label row, or the extractor's "-" placeholders
    label_cells = [c for c in cells[:first] if not is_blank(c.text)]
    label = "".join(c.text for c in label_cells) or None
    place = label_cells[0].place if label_cells else cells[first].place
    return _Printed(label, list(cells[first:]), place, grid=grid)


def _targets(fmt: FormatDefinition) -> list[_Target]:
    targets = []
    for printed in fmt.printed:
        for block in printed.blocks:
            table = fmt.table(block.table)
            rows = tuple(r for r in table.rows if r.id)
            if block.across:
                targets.append(_Target(table, tuple(r.id for r in rows), None, printed.fingerprint, block.columns))
            else:
                targets.extend(_Target(table, (r.id,), r.label, (), block.columns) for r in rows)
    return targets


# --- alignment ---------------------------------------------------------------------------


def _tail_similarity(printed: str, label: str) -> float:
    """How alike the end of a printed label is to a format label (their words), 0..1."""
    a, b = words(printed), words(label)
    if not a or not b:
        return 0.0
    if a.endswith(b):
        return 1.0
    if len(a) >= MIN_FRAGMENT and a in b:  # a label broken across lines: a piece of it
        return MATCH + (1 - MATCH) * len(a) / len(b)
    best = 0.0
    for extra in (-2, -1, 0, 1, 2):
        size = len(b) + extra
        if size <= 0:
            continue
        tail = a[-size:]
        best = max(best, SequenceMatcher(None, tail, b, autojunk=False).ratio())
    return best


def _score(row: _Printed, target: _Target) -> float:
    if row.label is None:
        return 0.0
    if target.label is None:
        if row.line and len(row.values) != target.cells:
            return 0.0  # a loose line is the block only when it prints every cell of it
        shown = sum(contains_words(row.label, w) for w in target.fingerprint) / max(1, len(target.fingerprint))
        return shown if shown >= FINGERPRINT else 0.0
    score = _tail_similarity(row.label, target.label)
    return score if score >= (LINE_MATCH if row.line else MATCH) else 0.0


def _align(printed: list[_Printed], targets: list[_Target]) -> list[tuple[int, int]]:
    """Ordered alignment (both indices increasing) of the labelled printed rows to the
    targets, maximising the summed similarity."""
    sims = [[_score(p, t) for t in targets] for p in printed]
    return ordered_pairs(sims, 0.0)


def _realign_missing_tables(printed, targets, pairs) -> list[tuple[int, int]]:
    """A table none of whose rows was found in the stream's order, aligned alone to the
    rows left: an extraction may print a printed table's parts out of order (表二's
    第二十条第（一）项 grid after the loose lines of （五）（六）（八))."""
    found = {targets[t].table.id for _, t in pairs}
    used = {p for p, _ in pairs}
    extra: list[tuple[int, int]] = []
    for table_id in dict.fromkeys(t.table.id for t in targets):
        if table_id in found:
            continue
        own = [j for j, t in enumerate(targets) if t.table.id == table_id]
        free = [i for i in range(len(printed)) if i not in used and printed[i].label is not None]
        for a, b in _align([printed[i] for i in free], [targets[j] for j in own]):
            extra.append((free[a], own[b]))
            used.add(free[a])
    return extra


def _by_order(printed: list[_Printed], targets: list[_Target], pairs, out) -> dict[int, _Target]:
    """Rows of figures without a label, placed by the format's fixed row order where it
    leaves exactly one place: the unlabelled rows between two anchors (in the stream and
    in the format) hold exactly the cells of the format rows between them, all of one
    table, each printed row whole format rows. Otherwise they are not imported (I018)."""
    placed: dict[int, _Target] = {}
    ordered = sorted(pairs)
    anchored = {p for p, _ in pairs}
    bounds = [(-1, -1), *ordered, (len(printed), len(targets))]
    # only anchors increasing in both orders bound a gap
    chain = [bounds[0]]
    for p, t in bounds[1:]:
        if t > chain[-1][1]:
            chain.append((p, t))
    for (p0, t0), (p1, t1) in zip(chain, chain[1:]):
        loose = [i for i in range(p0 + 1, p1) if printed[i].label is None and i not in anchored]
        if not loose:
            continue
        gap = [targets[t] for t in range(t0 + 1, t1)]
        fits = None
        for table_id in dict.fromkeys(t.table.id for t in gap):
            own = [t for t in gap if t.table.id == table_id]
            # the table's rows must be the whole gap, or reach the anchor on their side
            if len(own) == len(gap) or own[0] is gap[0] and t0 >= 0 and targets[t0].table.id == table_id \
                    or own[-1] is gap[-1] and t1 < len(targets) and targets[t1].table.id == table_id:
                fits = _fill(printed, loose, own)
                if fits:
                    break
        if fits:
            placed.update(fits)
            continue
        anchor_target = targets[t0] if t0 >= 0 else targets[0]
        for i in loose:
            row = printed[i]
            figures = "、".join(squeeze(c.text) for c in row.values if not is_blank(c.text))
            out.problems.append(Problem("I018", f"/tables/{anchor_target.table.id}", {"table": anchor_target.table.label, "figures": figures, **_where(row.place)}))
    return placed


def _fill(printed, loose: list[int], gap: list[_Target]) -> dict[int, _Target] | None:
    """loose rows -> format rows in order, when their figures hold exactly the gap's cells,
    each printed row whole format rows (an across block's rows may come one by one)."""
    slots = [(t, row_id) for t in gap for row_id in t.rows]
    placed, k = {}, 0
    for i in loose:
        if k >= len(slots):
            return None
        target = slots[k][0]
        width = len(target.columns)
        count = len(_trimmed(printed[i].values))
        rows = count // width if width else 0
        if not rows or count % width or k + rows > len(slots) or any(slots[k + r][0] is not target for r in range(rows)):
            return None
        placed[i] = _Target(target.table, tuple(row_id for _, row_id in slots[k:k + rows]), target.label, target.fingerprint, target.columns)
        k += rows
    return placed if k == len(slots) else None


def _trimmed(values: list) -> list:
    """A pipe row's value cells without the blank cells a shredded label column leaves after them."""
    values = list(values)
    while values and is_blank(values[-1].text):
        values.pop()
    return values


# --- column headers of another format ------------------------------------------------------


def _headers(block) -> tuple[tuple[str, ...], ...]:
    """The header words of a printed block's value columns (each column: its wordings)."""
    return tuple(c.header for c in block.columns if not c.skip and c.header)


def _foreign_headers(fmt: FormatDefinition, printed: list[_Printed], placed: dict, out) -> set[str]:
    """Tables of this format printed under the column headers another format gives the same
    table (表二's 第二十条第（五）项 headed 上一年项目数量 本年增/减 处理决定数量 — the 2019 columns —
    over the 2021 rows): a flattened run there holds cells of columns this format does not
    have, and read by position it would be a wrong figure ("行政许可5312" as one 处理决定数量).
    A table is so only when its first row's label (which carries the header printed before
    it) shows every column header of the other format and not every one of this format's.
    Its runs are left unread; I052 names both headers. All words come from the formats."""
    from golocheck.formats import all_formats

    first: dict[str, int] = {}
    for p_index, target in sorted(placed.items()):
        first.setdefault(target.table.id, p_index)
    own = {b.table: b for t in fmt.printed for b in t.blocks}
    foreign: set[str] = set()
    for table_id, p_index in first.items():
        row = printed[p_index]
        block = own.get(table_id)
        if block is None or not row.run or not row.label:
            continue
        ours = _headers(block)
        text = bare(row.label)
        shown = lambda columns: bool(columns) and all(any(contains_bare(text, w) for w in c) for c in columns)  # noqa: E731
        if not ours or shown(ours):
            continue
        for other in all_formats().values():
            if other.id == fmt.id:
                continue
            theirs = next((_headers(b) for t in other.printed for b in t.blocks if b.table == table_id), ())
            if theirs and set(theirs) != set(ours) and shown(theirs):
                foreign.add(table_id)
                out.problems.append(Problem("I052", f"/tables/{table_id}", {
                    "table": fmt.table(table_id).label, "printed": "、".join(c[0] for c in theirs), "other_format": other.id,
                    "format": fmt.id, "expected": "、".join(c[0] for c in ours), **_where(row.place)}, place=row.place))
                break
    return foreign


# --- rows printed without figures ---------------------------------------------------------


def _blank_rows(printed: list[_Printed], targets: list[_Target], pairs) -> list[tuple[_Target, Any]]:
    """Format rows whose label is printed but no figure after it, and where the label is.

    In flattened text a row printed without figures leaves no run of its own: its label
    runs on into the next row's label ("…2.申请人逾期…申请 3.其他 （七）总计 0 0 0…"). The
    run is anchored by the END of that label, so the rows left out between two anchored
    rows are looked for, in order, in the label before its end: each found is a printed
    row of blank cells (as a grid's empty cells are, "blank is not 0"), not a row left
    unprinted. A row whose label is not printed there stays missing (I012). A format label
    with an ordinal is found only with it ("3.其他", not any 其他 of a heading)."""
    found: list[tuple[_Target, Any]] = []
    taken = {t for _, t in pairs}
    previous = -1
    for p, t in sorted(pairs):
        row = printed[p]
        skipped = [targets[j] for j in range(previous + 1, t) if j not in taken and targets[j].label is not None]
        previous = max(previous, t)
        if not skipped or not row.run or not row.label:
            continue
        text, offsets = bare_with_offsets(row.label)
        limit = len(text) - len(words(targets[t].label or ""))  # the anchored row's own label ends it
        pos = 0
        for target in skipped:
            wanted = bare(target.label)
            if len(wanted) < 2:
                continue
            at = text.find(wanted, pos, max(pos, limit))
            if at < 0 and pos == 0 and wanted[0].isdigit():
                # its ordinal glued to the previous row's figures ("…申请0000000" + "2.申请人…"):
                # the run took the digit off as the next row's ordinal, so the label starts without it
                rest = wanted.lstrip("0123456789")
                if len(rest) >= 2 and text.startswith(rest):
                    at = 0
                    wanted = rest
            if at < 0:
                continue
            found.append((target, _shifted(row.place, offsets[at])))
            pos = at + len(wanted)
    return found


def _shifted(place, offset: int):
    """The place ``offset`` characters on the same printed line (a label's piece)."""
    return replace(place, column=place.column + offset) if isinstance(place, TextPlace) else place


# --- writing the values ------------------------------------------------------------------


class _Writer:
    def __init__(self, fmt: FormatDefinition, out) -> None:
        self.fmt, self.out = fmt, out
        self.runs: dict[str, list[digitruns.Run]] = {}  # table id -> runs in order
        self.missing_reported: set[str] = set()

    def take(self, row: _Printed, target: _Target, following: str | None) -> None:
        table = target.table
        pointer = f"/tables/{table.id}"
        self.out.places.setdefault(pointer, row.place)
        for row_id in target.rows:
            self.out.places[f"{pointer}/{row_id}"] = row.place
        values = self.out.tables.setdefault(table.id, {})
        if row.run:
            run = row.values[0]
            self.runs.setdefault(table.id, []).append(digitruns.Run(target.rows[0], run.text, following, run.place, rows=target.rows))
            return
        cells = row.values
        needed = target.cells
        if len(_trimmed(cells)) > needed or len(cells) < needed:
            # more or fewer figures than the format's cells: which is which cannot be told
            for row_id in target.rows:
                values.setdefault(row_id, {})
            self.out.problems.append(Problem("I020", f"{pointer}/{target.rows[0]}", {
                "table": table.label, "reason": f"这一行印有 {len(_trimmed(cells))} 个数字，格式有 {needed} 个单元格，无法确定各数字属于哪一列",
                "reason_en": f"the row prints {len(_trimmed(cells))} figures for the format's {needed} cells: which figure is which column cannot be told",
                **_where(row.place)}))
            return
        k = 0
        for row_id in target.rows:
            for column in target.columns:
                cell = cells[k]
                k += 1
                if column.skip:
                    continue
                value = read_value(cell.text)
                if column.column is None:
                    values[row_id] = value
                    self.out.places[f"{pointer}/{row_id}"] = cell.place
                else:
                    values.setdefault(row_id, {})[column.column] = value
                    self.out.places[f"{pointer}/{row_id}/{column.column}"] = cell.place

    def unread(self, row: _Printed, target: _Target) -> None:
        """A printed row whose figures are not read (I052): its key stays, its cells absent."""
        pointer = f"/tables/{target.table.id}"
        values = self.out.tables.setdefault(target.table.id, {})
        self.out.places.setdefault(pointer, row.place)
        for row_id in target.rows:
            self.out.places[f"{pointer}/{row_id}"] = row.place
            if target.table.columns:
                values.setdefault(row_id, {})

    def blank(self, target: _Target, place) -> None:
        """A row printed with its label and no figures: its cells blank (None), at the label."""
        pointer = f"/tables/{target.table.id}"
        values = self.out.tables.setdefault(target.table.id, {})
        self.out.places.setdefault(pointer, place)
        for row_id in target.rows:
            self.out.places[f"{pointer}/{row_id}"] = place
            columns = [c.column for c in target.columns if not c.skip]
            if None in columns or not columns:
                values[row_id] = None
                continue
            values[row_id] = {column: None for column in columns}
            for column in columns:
                self.out.places[f"{pointer}/{row_id}/{column}"] = place

    def read_runs(self) -> None:
        """Every table's runs read together, so that its relations across rows apply."""
        for table_id, runs in self.runs.items():
            table = self.fmt.table(table_id)
            reading = digitruns.read_runs(self.fmt, table, runs)
            self.out.problems.extend(reading.problems)
            values = self.out.tables.setdefault(table_id, {})
            places = {row: run.place for run in runs for row in run.row_ids}
            for (row_id, column_id), figure in reading.cells.items():
                value = float(figure) if not isinstance(figure, int) else figure
                if (row_id, column_id) in reading.notes:  # "2笔": the figure, its unit as printed
                    value = {"value": value, "note": reading.notes[(row_id, column_id)]}
                if column_id is None:
                    values[row_id] = value
                    self.out.places[f"/tables/{table_id}/{row_id}"] = places[row_id]
                else:
                    values.setdefault(row_id, {})[column_id] = value
                    self.out.places[f"/tables/{table_id}/{row_id}/{column_id}"] = places[row_id]
            self.out.run_readings.extend(digitruns.unread_entries(table, reading, {row: run.digits for run in runs for row in run.row_ids}))
            # a row is printed: its key stays, its cells left unread absent (several readings,
            # a figure in another unit than the cell's)
            for row_id in [*reading.unread, *(row for run in runs for row in run.row_ids)]:
                if table.columns:
                    values.setdefault(row_id, {})
            self.out.read_with.extend(reading.read_with)


def _where(place) -> dict[str, str]:
    if place is None:
        return {"where": "位置不明", "where_en": "place unknown"}
    return {"where": place.describe("zh") or "—", "where_en": place.describe("en") or "—"}
