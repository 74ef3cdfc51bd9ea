"""Table anchoring: the document's grids -> the format's tables, rows and columns.

Everything is read from the format's ``printed`` layout (formats/*.yaml): which logical
tables a printed table holds and in what order, the header words that identify it, the
value columns and the known layout variants. A grid is matched to a printed table by
its header words and row labels; inside it, each block's value columns are found by
position and confirmed by their header text, and its rows by an ordered fuzzy alignment
of the printed labels to the format's rows. Whatever does not fit is a finding — a row,
column or table missing or extra, a header that does not match, a variant — and the
cells concerned are absent, never shifted onto a neighbour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from golocheck.formats import FormatDefinition, PrintedBlock, PrintedColumn, PrintedTable, Table, TableRow
from golocheck.importing import digitruns
from golocheck.importing.document import Cell, Document, Grid, is_blank
from golocheck.importing.labels import ordered_pairs, bare, contains_bare, contains_words, is_figure, normalise, read_value, similarity, similarity_matrix, split_ordinal, squeeze, words
from golocheck.loading import Problem
from golocheck.records import replace

_WORDY = re.compile(r"[\u4e00-\u9fff]{2,}")
MATCH = 0.55  # a printed label at least this alike to a format label may be that row
SURE = 0.8  # ... and this alike, it is that row beyond doubt (used to tell merged rows)
TABLE_SCORE = 0.25  # a grid this alike to a printed table is that table


@dataclass
class Anchored:
    tables: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Any] = field(default_factory=dict)
    printed_labels: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    grids: set[int] = field(default_factory=set)  # numbers of the grids read as tables
    lines: set[int] = field(default_factory=set)  # ids of the text lines (Blocks) read as table rows
    read_with: list[tuple[str, str]] = field(default_factory=list)  # (rule, row pointer) used to read digit runs
    # runs of digits left unread for their several readings: what the report's `run_readings` lists
    run_readings: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class _Row:
    """A printed row with the grid it belongs to (spans refer to its grid's rows). Rows
    are told apart by identity: hashing one by value would hash its whole grid."""

    grid: Grid
    index: int

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self.grid.rows[self.index]

    def origin(self, column: int) -> tuple[int, int]:
        cell = self.cells[column]
        return cell.spanned_from if cell.spanned_from is not None else (self.index, column)

    def text_at(self, column: int) -> str:
        row, col = self.origin(column)
        return self.grid.rows[row][col].text

    def value_text(self, column: int, label_end: int) -> str:
        """The text printed at a value position: none when the cell there is a label cell
        merged across it (a group heading spanning the whole row is not a figure)."""
        return "" if self.origin(column)[1] < label_end else self.text_at(column)

    def cell_at(self, column: int) -> Cell:
        row, col = self.origin(column)
        return self.grid.rows[row][col]

    def has_figure(self) -> bool:
        return any(is_figure(cell.text) for cell in self.cells)

    def text(self) -> str:
        return "".join(dict.fromkeys(self.text_at(c) for c in range(len(self.cells))))


# --- which grid is which table ---------------------------------------------------------


def grid_text(grid: Grid) -> str:
    """A grid's text as table_score compares it (see labels.bare): computed once per grid."""
    return bare("".join(cell.text for row in grid.rows for cell in row if cell.spanned_from is None))


def table_score(fmt: FormatDefinition, printed: PrintedTable, text: str) -> float:
    """How much a grid's text (grid_text) looks like a printed table: its header words and its row labels."""
    fingerprint = sum(contains_bare(text, word) for word in printed.fingerprint) / max(1, len(printed.fingerprint))
    labels = _label_words(tuple(row.label for block in printed.blocks for row in fmt.table(block.table).rows))
    found = sum(contains_bare(text, label) for label in labels) / max(1, len(labels))
    return (fingerprint + found) / 2


@lru_cache(maxsize=256)
def _label_words(labels: tuple[str, ...]) -> tuple[str, ...]:
    """A format's row labels without their ordinals (the same for every document: once per process)."""
    return tuple(split_ordinal(normalise(label))[1] for label in labels)


def candidate_grids(document: Document) -> list[Grid]:
    """Grids that can be statistics tables: text frames (one column, or no figure and no
    table words) are the page's layout, not tables. Each without its copied columns."""
    return [_without_copied_columns(g) for g in document.grids if g.width >= 2 and g.rows]


def _without_copied_columns(grid: Grid) -> Grid:
    """The grid without the grid columns no cell starts in: where a header cell and the
    figures under it all span two grid columns (colspan="2"), the second column only
    repeats the first, and the printed table has one column there, not two. A column
    any row starts a cell in is kept, so nothing printed is dropped."""
    copied = [
        c for c in range(1, grid.width)
        if all(row[c].spanned_from is not None and row[c].spanned_from[1] < c for row in grid.rows)
    ]
    if not copied:
        return grid
    drop = set(copied)
    shift = [sum(1 for d in copied if d < c) for c in range(grid.width)]
    rows = tuple(
        tuple(
            cell if cell.spanned_from is None else replace(cell, spanned_from=(cell.spanned_from[0], cell.spanned_from[1] - shift[cell.spanned_from[1]]))
            for c, cell in enumerate(row) if c not in drop
        )
        for row in grid.rows
    )
    return replace(grid, rows=rows)


def format_scores(document: Document, formats: list[FormatDefinition]) -> dict[str, float]:
    """Each format's fit to the document: the best grid's score for each printed table, summed."""
    texts = [grid_text(g) for g in candidate_grids(document)]
    return {
        fmt.id: sum(max((table_score(fmt, p, t) for t in texts), default=0.0) for p in fmt.printed)
        for fmt in formats
        if fmt.printed
    }


def _group_grids(fmt: FormatDefinition, grids: list[Grid]) -> dict[int, list[Grid]]:
    """Printed table index -> its grids: a grid scored as a table, plus what continues it
    (a grid of the same table split by a page, or a grid with no header row after it)."""
    groups: list[tuple[int, list[Grid], float]] = []
    for grid in grids:
        text = grid_text(grid)
        scores = [table_score(fmt, p, text) for p in fmt.printed]
        best = max(range(len(scores)), key=scores.__getitem__) if scores else -1
        if best >= 0 and scores[best] >= TABLE_SCORE:
            if groups and groups[-1][0] == best:
                groups[-1][1].append(grid)
            else:
                groups.append((best, [grid], scores[best]))
        elif groups and grid.width == groups[-1][1][-1].width and _Row(grid, 0).has_figure():
            groups[-1][1].append(grid)  # a continuation: same width, starts with figures, no header
        elif any(is_figure(c.text) for row in grid.rows for c in row):
            continue  # some other table of figures: not the format's
    chosen: dict[int, tuple[list[Grid], float]] = {}
    for index, members, score in groups:
        if index not in chosen or score > chosen[index][1]:
            chosen[index] = (members, score)
    return {index: members for index, (members, _) in chosen.items()}


# --- reading one printed table ---------------------------------------------------------


def anchor(document: Document, fmt: FormatDefinition) -> Anchored:
    from golocheck.importing import flattened  # text and Markdown: rows in one stream (flattened.py)

    if flattened.applies(document):
        return flattened.anchor(document, fmt)
    result = Anchored()
    groups = _group_grids(fmt, candidate_grids(document))
    for index, printed in enumerate(fmt.printed):
        members = groups.get(index)
        if not members:
            for block in printed.blocks:
                table = fmt.table(block.table)
                result.problems.append(
                    Problem("I011", f"/tables/{table.id}", {"table": table.label, "printed": printed.name.zh, "printed_en": printed.name.en})
                )
            continue
        result.grids.update(g.number for g in members)
        rows = [_Row(g, i) for g in members for i in range(len(g.rows))]
        _PrintedReader(fmt, printed, result).read(rows)
    return result


@dataclass
class _BlockRows:
    block: PrintedBlock
    header: list[_Row] = field(default_factory=list)
    data: list[_Row] = field(default_factory=list)
    value_start: int = 0  # the first grid column of the block's values (labels are left of it)


class _PrintedReader:
    def __init__(self, fmt: FormatDefinition, printed: PrintedTable, out: Anchored) -> None:
        self.fmt, self.printed, self.out = fmt, printed, out
        self.widest = max(len(self._columns(b)) for b in printed.blocks)

    def _columns(self, block: PrintedBlock) -> list[tuple[str | None, PrintedColumn, TableRow | None]]:
        """(row id for across blocks, printed column, row) for each printed value column."""
        if not block.across:
            return [(None, column, None) for column in block.columns]
        table = self.fmt.table(block.table)
        return [(row.id, column, row) for row in table.rows if row.id for column in block.columns]

    # which rows are captions, headers and data, and of which block
    def read(self, rows: list[_Row]) -> None:
        blocks = [_BlockRows(b) for b in self.printed.blocks]
        current = 0
        for row in rows:
            if not row.has_figure():
                caption = self._caption_block(row, current)
                if caption is not None:
                    current = caption
                    continue
                header = self._header_block(row, current, blocks)
                if header is not None:
                    current = header
                    blocks[current].header.append(row)
                    continue
            blocks[current].data.append(row)
        for rows_of_block in blocks:
            self._read_block(rows_of_block)

    def _caption_block(self, row: _Row, current: int) -> int | None:
        distinct = {row.origin(c) for c in range(len(row.cells))}
        if len(distinct) > 2:
            return None
        text = row.text()
        for index in range(current, len(self.printed.blocks)):
            if contains_words(text, self.fmt.table(self.printed.blocks[index].table).label):
                return index
        return None

    def _header_block(self, row: _Row, current: int, blocks: list[_BlockRows]) -> int | None:
        """The block this row heads: its value positions show the block's header words or
        the table's fingerprint. The current block keeps it while it has no data rows yet."""
        order = [current] if not blocks[current].data else []
        order += list(range(current + 1, len(blocks)))
        width = len(row.cells)
        start = max(0, width - self.widest)
        # only cells printed where figures belong count: a group heading merged across the
        # whole row ("一、主动公开情况" over label, unit and figure) starts in the label columns
        texts = [row.text_at(c) for c in range(start, width) if row.origin(c)[1] >= start]
        for index in order:
            columns = self._columns(blocks[index].block)
            vocab = [w for _, col, r in columns for w in col.header] + list(self.printed.fingerprint)
            if any(contains_words(t, w) for t in texts for w in vocab if not is_blank(t)):
                return index
        # words where figures belong, none of them the block's: still a header (of another
        # layout), so that its columns are reported as not matching rather than read by position
        texts = [t for t in texts if not is_blank(t)]
        if order and texts and all(_WORDY.search(t) and not any(ch.isdigit() for ch in t) for t in texts):
            return order[0]
        return None

    # one block: columns, rows, values
    def _read_block(self, rows: _BlockRows) -> None:
        collapsed = _collapsed(rows)
        if collapsed is rows and not rows.block.across and _spans_disagree(rows):
            self._read_misaligned(rows)
            return
        self._read_block_as_printed(collapsed)

    def _read_misaligned(self, rows: _BlockRows) -> None:
        """A block whose header and figure cells span grid columns differently, and whose
        rows, read cell by cell, do not hold as many cells each: read by position, and
        when that does not fit (a row or column found missing, a figure taken for a row),
        which figure is which column cannot be told. Then that is said once for the
        block, its rows are kept with their cells absent, and nothing else is said of it."""
        table = self.fmt.table(rows.block.table)
        before = len(self.out.problems)
        self._read_block_as_printed(rows)
        pointer = f"/tables/{table.id}"
        own = [p for p in self.out.problems[before:] if p.pointer.startswith(pointer) and p.code in _POSITION_CODES]
        if not own:
            return
        del self.out.problems[before:]
        self.out.tables[table.id] = {row.id: {} for row in table.rows if row.id}
        for key in [k for k in self.out.places if k.startswith(pointer + "/")]:
            del self.out.places[key]
        self.out.problems.append(Problem("I020", pointer, {
            "table": table.label,
            "reason": "表头与数字的跨列单元格对不齐，无法确定各数字属于哪一列，这一块的单元格均未导入",
            "reason_en": "the header's and the figures' cells span the grid's columns differently: which figure is which column cannot be told, so none of the block's cells is imported",
            **_where(first_place(rows))}))

    def _read_block_as_printed(self, rows: _BlockRows) -> None:
        table = self.fmt.table(rows.block.table)
        pointer = f"/tables/{table.id}"
        if not rows.data and not rows.header:
            self.out.problems.append(Problem("I011", pointer, {"table": table.label, "printed": self.printed.name.zh, "printed_en": self.printed.name.en}))
            return
        first = (rows.header or rows.data)[0]
        self.out.places.setdefault(pointer, first.cells[0].place)
        columns = self._columns(rows.block)
        positions = self._positions(rows, columns, table, pointer)
        values: dict[str, Any] = {}
        self.out.tables[table.id] = values
        if rows.block.across:
            self._read_across(rows, table, columns, positions, values)
        else:
            self._read_rows(rows, table, columns, positions, values)
        self._lone_blanks(table, values)

    def _lone_blanks(self, table: Table, values: dict[str, Any]) -> None:
        """A blank cell whose row and column both hold figures elsewhere: it imports as
        blank (null, never 0), and is reported, because such a blank is how a figure lost
        in conversion or editing looks. A row or column left blank throughout (columns
        the publisher did not fill, sub-rows it did not print figures in) is the
        publisher's layout, not a lone blank."""
        rows = {row_id: cells for row_id, cells in values.items() if isinstance(cells, dict)}
        filled_columns = {column for cells in rows.values() for column, value in cells.items() if value is not None}
        for row_id, cells in rows.items():
            if all(value is None for value in cells.values()):
                continue
            for column, value in cells.items():
                if value is None and column in filled_columns:
                    pointer = f"/tables/{table.id}/{row_id}/{column}"
                    place = self.out.places.get(pointer)
                    self.out.problems.append(Problem("I021", pointer, {"table": table.label, "cell": _cell_label(table, row_id, column), **_where(place)}))

    def _positions(self, rows: _BlockRows, columns, table: Table, pointer: str) -> list[int | None]:
        """The grid column of each printed value column: by position after the label
        columns, confirmed by the header when the block has one. A column whose header
        names something else is None (its cells stay absent) and reported."""
        width = max(len(r.cells) for r in rows.header + rows.data)
        start = max(0, width - self.widest if width - self.widest >= 1 or rows.block.across else width - len(columns))
        if rows.header:
            # The header moves the start only when the positional start shows none of the
            # block's column words (label columns more or fewer than usual). A start that
            # shows another of the block's columns is columns printed in another order:
            # the start stays, and the confirmation below reports each column out of place.
            inner = rows.header[-1]
            shown = inner.text_at(start) if start < len(inner.cells) else ""
            if not any(_names(shown, w) for _, col, _ in columns for w in col.header):
                first_words = columns[0][1].header
                start = next((c for c in range(len(inner.cells)) if any(_names(inner.text_at(c), w) for w in first_words)), start)
        rows.value_start = start
        positions: list[int | None] = []
        found = width - start
        if found < len(columns):
            missing = [self._column_label(col, row) for _, col, row in columns[found:] if not col.skip]
            self.out.problems.append(
                Problem("I014", pointer, {"table": table.label, "found": max(0, found), "expected": len(columns), "columns": "、".join(missing), **_where(first_place(rows))})
            )
        for k, (_, column, row) in enumerate(columns):
            grid_column = start + k
            if grid_column >= width:
                positions.append(None)
                continue
            if rows.header and not self._confirmed(rows.header, grid_column, column, row):
                header = normalise(rows.header[-1].text_at(grid_column)) if grid_column < len(rows.header[-1].cells) else ""
                self.out.problems.append(
                    Problem(
                        "I015",
                        pointer,
                        {"table": table.label, "column": self._column_label(column, row), "header": header or "（空白）", **_where(rows.header[-1].cells[min(grid_column, len(rows.header[-1].cells) - 1)].place)},
                    )
                )
                positions.append(None)
                continue
            positions.append(grid_column)
        return positions

    def _confirmed(self, header: list[_Row], grid_column: int, column: PrintedColumn, row: TableRow | None) -> bool:
        inner = header[-1]
        if grid_column >= len(inner.cells):
            return False
        if not any(_names(inner.text_at(grid_column), w) for w in column.header):
            return False
        if row is None:
            return True
        above = "".join(h.text_at(grid_column) for h in header if grid_column < len(h.cells))
        return all(contains_words(above, part) for part in row.label.split("·"))

    @staticmethod
    def _column_label(column: PrintedColumn, row: TableRow | None) -> str:
        label = column.header[0] if column.header else ""
        return f"{row.label}·{label}" if row is not None else label

    def _read_across(self, rows: _BlockRows, table: Table, columns, positions, values) -> None:
        if not rows.data:
            for row in table.rows:
                if row.id:
                    self._missing_row(table, row)
            return
        data, extra, used = rows.data[0], rows.data[1:], {}
        for other in extra:
            if any(not c.blank for c in other.cells):
                self.out.problems.append(Problem("I013", f"/tables/{table.id}", {"table": table.label, "label": squeeze(other.text())[:40], **_where(other.cells[0].place)}))
        for (row_id, column, _), position in zip(columns, positions):
            if column.skip or position is None:
                continue
            self._put(table, values, row_id, column.column, data, position, used)

    def _read_rows(self, rows: _BlockRows, table: Table, columns, positions, values) -> None:
        value_columns = [p for p in positions if p is not None]
        # labels end where the values begin, whether or not the header confirmed the first
        # value column (a column out of place must not be read as a label)
        label_end = rows.value_start
        printed: list[tuple[_Row, str]] = []
        label_places: dict[int, Any] = {}
        for row in rows.data:
            label, place = _own_label(row, label_end)
            figures = [row.value_text(p, label_end) for p in value_columns if p < len(row.cells)]
            if label is None:
                if any(not is_blank(t) for t in figures):
                    self.out.problems.append(Problem("I018", f"/tables/{table.id}", {"table": table.label, "figures": "、".join(squeeze(t) for t in figures if not is_blank(t)), **_where(row.cells[0].place)}))
                continue
            label_places[id(row)] = place
            printed.append((row, label))
        targets = list(table.rows)
        merged, accounted = self._merged_rows(printed, targets, table)
        printed = [p for p in printed if p[0] not in merged]
        pairs = align([label for _, label in printed], [t.label for t in targets])
        matched_targets = {t for _, t in pairs}
        matched_printed = {p for p, _ in pairs}
        variant_rows: set[str] = set()
        self._label_places = label_places
        for p_index, t_index in pairs:
            row, label = printed[p_index]
            target = targets[t_index]
            has_values = any(not is_blank(row.value_text(p, label_end)) for p in value_columns if p < len(row.cells))
            if target.id is None:
                if has_values:
                    variant = self._variant(row, label, table, targets, matched_targets)
                    if variant is None:
                        self.out.problems.append(Problem("I013", f"/tables/{table.id}", {"table": table.label, "label": squeeze(label), **_where(self._label_place(row))}))
                    else:
                        variant_rows.update(variant.replaces)
                        self._take_row(table, values, variant.row, None, row, columns, positions)
                continue
            self._take_row(table, values, target.id, target.label, row, columns, positions, printed_label=label)
        for p_index, (row, label) in enumerate(printed):
            if p_index not in matched_printed:
                self.out.problems.append(Problem("I013", f"/tables/{table.id}", {"table": table.label, "label": squeeze(label), **_where(self._label_place(row))}))
        for t_index, target in enumerate(targets):
            if target.id and t_index not in matched_targets and target.id not in variant_rows and target.id not in accounted:
                self._missing_row(table, target)

    def _merged_rows(self, printed, targets, table: Table):
        """Printed rows whose label holds two format rows' labels (two rows merged into
        one): their figures cannot be told apart, so they are reported and left out."""
        merged, accounted = set(), set()
        for row, label in printed:
            lines = [line for line in label.split("\n") if not is_blank(line)]
            if len(lines) < 2:
                continue
            hits = []
            for line in lines:
                scores = [(similarity(line, t.label), i) for i, t in enumerate(targets) if t.id]
                best = max(scores, default=(0.0, -1))
                if best[0] >= SURE:
                    hits.append(targets[best[1]])
            if len({t.id for t in hits}) >= 2:
                merged.add(row)
                accounted.update(t.id for t in hits)
                self.out.problems.append(
                    Problem("I019", f"/tables/{table.id}/{hits[0].id}", {"table": table.label, "rows": "、".join(t.label for t in hits), **_where(row.cells[0].place)})
                )
        return merged, accounted

    def _variant(self, row: _Row, label: str, table: Table, targets, matched_targets):
        for variant in self.printed_variants(table):
            replaced_unmatched = all(
                i not in matched_targets for i, t in enumerate(targets) if t.id in variant.replaces
            )
            if replaced_unmatched and similarity(label, variant.label) >= SURE:
                absent = "、".join(t.label for t in targets if t.id in variant.replaces)
                self.out.problems.append(
                    Problem(
                        "I016",
                        f"/tables/{table.id}/{variant.row}",
                        {"table": table.label, "label": squeeze(label), "variant": variant.description.zh, "variant_en": variant.description.en, "absent": absent, **_where(self._label_place(row))},
                    )
                )
                return variant
        return None

    def _label_place(self, row: _Row):
        return getattr(self, "_label_places", {}).get(id(row)) or row.cells[0].place

    def printed_variants(self, table: Table):
        return next((b.variants for b in self.printed.blocks if b.table == table.id), ())

    def _take_row(self, table: Table, values, row_id: str, format_label: str | None, row: _Row, columns, positions, printed_label: str | None = None) -> None:
        pointer = f"/tables/{table.id}/{row_id}"
        self.out.places[pointer] = self._label_place(row)
        if printed_label is not None and format_label is not None and _differs(printed_label, format_label):
            self.out.printed_labels[pointer] = squeeze(printed_label)
        used: dict[tuple[int, int], str] = {}
        if row.grid.flattened and self._as_run(table, values, row_id, row, columns, positions):
            return
        for (_, column, _), position in zip(columns, positions):
            if column.skip or position is None:
                continue
            self._put(table, values, row_id, column.column, row, position, used)

    def _put(self, table: Table, values, row_id: str, column_id: str | None, row: _Row, position: int, used) -> None:
        pointer = f"/tables/{table.id}/{row_id}" + (f"/{column_id}" if column_id else "")
        if position >= len(row.cells):
            return
        origin = row.origin(position)
        cell = row.cell_at(position)
        if origin[0] != row.index or origin in used:
            # a figure cell merged with the row above or with another column: it is not this cell's
            reason = "与上一行合并" if origin[0] != row.index else f"与{used.get(origin, '')}列合并"
            reason_en = "merged with the row above" if origin[0] != row.index else "merged with another column"
            self.out.problems.append(Problem("I020", pointer, {"table": table.label, "reason": reason, "reason_en": reason_en, **_where(row.cells[position].place)}))
            return
        used[origin] = column_id or ""
        value = read_value(cell.text)
        if column_id is None:
            values[row_id] = value
        else:
            values.setdefault(row_id, {})[column_id] = value
        self.out.places[pointer] = cell.place

    def _as_run(self, table: Table, values, row_id: str, row: _Row, columns, positions) -> bool:
        """A row of flattened text whose figures are one run of digits ("640020470" for
        seven cells): the digit-run reader splits it under the format's relations, or
        leaves its cells absent (not blank) with its own finding."""
        value_columns = [c for (_, col, _), c in zip(columns, positions) if not col.skip]
        texts = [row.text_at(c) for c in value_columns if c is not None and c < len(row.cells)]
        filled = [t for t in texts if not is_blank(t)]
        if len(value_columns) < 2 or len(filled) != 1 or not squeeze(filled[0]).isdigit() or len(texts) > 1 and not is_blank(texts[0]) and len(filled) == len(texts):
            return False
        cell = next(row.cell_at(c) for c in value_columns if c is not None and c < len(row.cells) and not is_blank(row.text_at(c)))
        reading = digitruns.read_runs(self.fmt, table, [digitruns.Run(row_id, squeeze(cell.text), None, cell.place)])
        self.out.problems.extend(reading.problems)
        for (read_row, column_id), figure in reading.cells.items():
            if read_row == row_id:
                values.setdefault(row_id, {})[column_id] = figure
                self.out.places[f"/tables/{table.id}/{row_id}/{column_id}"] = cell.place
        self.out.run_readings.extend(digitruns.unread_entries(table, reading, {row_id: squeeze(cell.text)}))
        if row_id in reading.unread:
            self.out.problems.append(
                Problem("I020", f"/tables/{table.id}/{row_id}", {"table": table.label, "reason": "数字连写，无法唯一拆分", "reason_en": "a run of digits without a single reading", **_where(cell.place)})
            )
        return True

    def _missing_row(self, table: Table, row: TableRow) -> None:
        self.out.problems.append(Problem("I012", f"/tables/{table.id}/{row.id}", {"table": table.label, "row": row.label}))


def _collapsed(rows: _BlockRows) -> _BlockRows:
    """A block whose cells span grid columns (colspan), read as printed: each row as its
    cells in order, one printed column per cell. A cell spanning columns belongs to the
    printed column it starts in, and the header's cells say how many there are; so the
    block is read this way only when every header and data row then holds as many cells
    ("上一年项目数量 | 本年增/减 (2) | 处理决定数量" over "0 (2) | 0 | 0" is three columns). A
    block with a cell merged down from a row above, or whose rows would differ, is left
    as the grid has it."""
    members = rows.header + rows.data
    if not members:
        return rows
    collapsed = []
    for row in members:
        cells = []
        for cell in row.cells:
            if cell.spanned_from is None:
                cells.append(cell)
            elif cell.spanned_from[0] != row.index:
                return rows  # merged down from the row above: positions, not order, tell its cells
        collapsed.append(tuple(cells))
    if len({len(c) for c in collapsed}) != 1 or len(collapsed[0]) == len(members[0].cells):
        return rows
    first = members[0].grid
    grid = Grid(tuple(collapsed), first.place, first.number, first.flattened)
    new = [_Row(grid, i) for i in range(len(collapsed))]
    return _BlockRows(rows.block, new[:len(rows.header)], new[len(rows.header):], rows.value_start)


# What reading a block by position reports when its columns are not where the header says.
_POSITION_CODES = ("I012", "I013", "I014", "I015", "I018", "I020")


def _spans_disagree(rows: _BlockRows) -> bool:
    """Whether a block's header and figure rows start their cells in different grid
    columns where at least one of them spans several (colspan): position alone then
    cannot say which figure stands under which header."""
    if not rows.header or not rows.data:
        return False
    members = [*rows.header, *rows.data]
    if any(r.origin(c)[0] != r.index for r in members for c in range(len(r.cells))):
        return False  # merged down from a row above (表三's group labels): positions tell, as the grid has them

    def starts(row: _Row) -> tuple[int, ...]:
        return tuple(c for c in range(1, len(row.cells)) if row.origin(c) == (row.index, c))

    spanned = any(len(starts(r)) < len(r.cells) - 1 for r in [rows.header[-1], *rows.data])
    return spanned and any(starts(r) != starts(rows.header[-1]) for r in rows.data)


def first_place(rows: _BlockRows):
    first = (rows.header or rows.data)[0]
    return first.cells[0].place


def _names(header_text: str, word: str) -> bool:
    """Whether a header cell names the column ``word``: it shows the word, or is it misprinted."""
    if is_blank(header_text):
        return False
    if contains_words(header_text, word):
        return True
    a, b = words(header_text), words(word)
    return bool(a and b) and similarity(header_text, word) >= SURE


def _own_label(row: _Row, label_end: int) -> tuple[str | None, Any]:
    """The row's own label: the rightmost non-blank label cell printed in this row (a
    group label repeated down a merged column belongs to the row above, and the group's
    heading cell is never needed to know the row)."""
    for column in range(min(label_end, len(row.cells)) - 1, -1, -1):
        origin = row.origin(column)
        if origin[0] != row.index:
            continue
        text = row.text_at(column)
        if not is_blank(text):
            return text, row.cell_at(column).place
    return None, None


def _cell_label(table: Table, row_id: str, column_id: str) -> str:
    row = next((r for r in table.rows if r.id == row_id), None)
    column = dict(table.columns).get(column_id, column_id)
    return f"{row.label if row is not None else row_id}·{column}"


def _differs(printed: str, label: str) -> bool:
    p_ord, _ = split_ordinal(normalise(printed))
    l_ord, _ = split_ordinal(normalise(label))
    return words(printed) != words(label) or p_ord.strip("（）.") != l_ord.strip("（）.")


def _where(place) -> dict[str, str]:
    if place is None:
        return {"where": "位置不明", "where_en": "place unknown"}
    return {"where": place.describe("zh") or "—", "where_en": place.describe("en") or "—"}


def align(printed: list[str], labels: list[str]) -> list[tuple[int, int]]:
    """Ordered alignment of printed labels to format labels: the pairs (printed index,
    format index), both increasing, that maximise the summed similarity, each pair at
    least MATCH alike. Order decides between equal labels (gov-2014 prints
    "（二）被依法纠错数" under both 行政复议 and 行政诉讼)."""
    sims = similarity_matrix(printed, labels, MATCH)  # a pair below MATCH is never taken
    return ordered_pairs(sims, MATCH)
