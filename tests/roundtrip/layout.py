"""How a report is printed: the order of its parts and the shapes of its tables.

Both renderers (render_docx, render_html) print from this one layout, so that a DOCX and
an HTML page of the same report hold the same grids. The shapes imitate the national
drafting template (tests/data/originals/template-2021-blank.docx) and the pages built
from it: 表二 as one table of blocks (a caption row per 第二十条 item, a header row, the
rows), 表三 with a merged label column per group (三、本年度办理结果 over 22 rows, （三）不予公开
over 8, ...) and two header rows of grouped columns, 表四 with the format's rows printed as
column groups over one row of figures.

Every label comes from the format definition (golocheck.formats); the only words typed here
are the template's own header words that no cell of a format is named by (信息内容, the
relation note of 表三, 申请人情况, and the gov-2014 table's column heads); a table printed with a
unit column (fujian-2008) is headed by its own printed layout's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from golocheck.formats import FormatDefinition, Table, TableRow, all_formats, get_format

# Header words of the printed templates that are not the label of any cell.
CONTENT_HEAD = "信息内容"  # over the label column of each 第二十条 block
RELATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"  # 表三's corner
APPLICANTS_HEAD = "申请人情况"  # over all of 表三's value columns
LIST_HEADS = ("统计指标", "单位", "统计数")  # the gov-2014 统计表's columns
APPENDIX_CAPTION = "附表："  # before a table printed after the last section

_LEVELS = (
    (re.compile(r"^[一二三四五六七八九十]+、"), 0),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 1),
    (re.compile(r"^\d+[.、．]"), 2),
)


def label_level(label: str) -> int:
    """The nesting of a printed row label, from its ordinal: 一、 0, （一） 1, 1. 2."""
    for pattern, level in _LEVELS:
        if pattern.match(label):
            return level
    return 0


@dataclass
class PCell:
    """A printed cell at its origin (row, col) of the grid, with its spans.
    ``role`` is caption, header, label or value; a value cell has its report pointer
    and the value as the report holds it (None for a blank)."""

    row: int
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    pointer: str | None = None
    value: object = None


@dataclass
class PrintedTable:
    tables: tuple[str, ...]  # the format tables it prints
    cells: list[PCell] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    layout: str = ""  # block, matrix, transposed, list

    def add(self, cell: PCell) -> None:
        self.cells.append(cell)
        self.n_rows = max(self.n_rows, cell.row + cell.rowspan)
        self.n_cols = max(self.n_cols, cell.col + cell.colspan)

    def origin_at(self) -> dict[tuple[int, int], PCell]:
        return {(c.row, c.col): c for c in self.cells}

    def expanded(self) -> list[list[PCell | None]]:
        """The rectangle: every position holds the cell that covers it."""
        grid: list[list[PCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if grid[r][c] is not None:
                        raise ValueError(f"cells overlap at {(r, c)}")
                    grid[r][c] = cell
        return grid

    def value_cells(self) -> list[PCell]:
        return [c for c in self.cells if c.role == "value"]


def figure_text(value) -> str | None:
    """A value as printed: None (blank) stays None; numbers as figures; text verbatim."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a report cell is never a boolean")
    if isinstance(value, (int, float)):
        return str(value)
    return str(value)


# ---------------------------------------------------------------- which rows are printed


def printed_rows(fmt: FormatDefinition, table: Table, report_table: dict) -> list[TableRow]:
    """The rows of ``table`` as this report prints them. A row the report holds that the
    format lacks is a printed layout variant: its label is looked up in the same table of
    the other formats (the one-row （六）其他处理 of gov-2019 in a gov-2021 report), and it
    replaces the heading of that label with the heading's sub-rows. A row the report does not
    hold at all is not printed."""
    rows = list(table.rows)
    known = {r.id for r in rows if r.id}
    for row_id in report_table:
        if row_id in known:
            continue
        variant = _variant_row(fmt, table.id, row_id)
        if variant is None:
            raise ValueError(f"{table.id}.{row_id}: no format prints this row")
        at = next((i for i, r in enumerate(rows) if r.id is None and r.label == variant.label), None)
        if at is None:
            raise ValueError(f"{table.id}.{row_id}: {variant.label} is not a heading of {fmt.id}")
        end = at + 1
        while end < len(rows) and label_level(rows[end].label) > label_level(variant.label):
            end += 1
        rows[at:end] = [variant]
    printed = []
    for i, row in enumerate(rows):
        if row.id is None:
            if _heading_has_rows(rows, i, report_table):
                printed.append(row)
        elif row.id in report_table:
            printed.append(row)
    return printed


def _heading_has_rows(rows: list[TableRow], at: int, report_table: dict) -> bool:
    level = label_level(rows[at].label)
    for row in rows[at + 1 :]:
        if label_level(row.label) <= level:
            return False
        if row.id in report_table:
            return True
    return False


def _variant_row(fmt: FormatDefinition, table_id: str, row_id: str) -> TableRow | None:
    for other in all_formats().values():
        if other.id == fmt.id:
            continue
        table = other.table(table_id)
        if table is None:
            continue
        for row in table.rows:
            if row.id == row_id:
                return row
    return None


# ---------------------------------------------------------------- table layouts


def _unit_block(fmt: FormatDefinition, table: Table):
    """The printed table and block of a table printed with a unit column (a `skip` column
    in its printed layout: 指标名称 | 计量单位 | 本年度 | 历年累计), or None."""
    for printed in fmt.printed:
        for block in printed.blocks:
            if block.table == table.id and any(c.skip for c in block.columns):
                return printed, block
    return None


def table_layout(table: Table, fmt: FormatDefinition | None = None) -> str:
    headings = any(r.id is None for r in table.rows)
    if not table.columns:
        return "list"
    if fmt is not None and _unit_block(fmt, table):
        return "units"
    if len(table.columns) >= 5 and len(table.rows) <= 3 and not headings:
        return "transposed"  # 表四: the rows are printed as column groups over one row of figures
    if headings or len(table.columns) >= 5:
        return "matrix"
    return "block"


def _cell_value(report_table: dict, row: TableRow, column: str | None):
    values = report_table.get(row.id, {})
    if column is None:
        return values
    return values.get(column) if isinstance(values, dict) else None


def _pointer(table: Table, row: TableRow, column: str | None) -> str:
    return f"/tables/{table.id}/{row.id}" + (f"/{column}" if column else "")


def _value(table: Table, row: TableRow, column: str | None, report_table: dict, r: int, c: int, colspan: int = 1) -> PCell:
    value = _cell_value(report_table, row, column)
    return PCell(r, c, figure_text(value) or "", "value", colspan=colspan, pointer=_pointer(table, row, column), value=value)


def layout_blocks(tables: list[Table], report: dict) -> PrintedTable:
    """The 第二十条 tables printed as blocks of one table, as in the template's 表二."""
    width = 1 + max(3, max(len(t.columns) for t in tables))
    out = PrintedTable(tuple(t.id for t in tables), layout="block")
    r = 0
    for table in tables:
        report_table = report.get("tables", {}).get(table.id, {})
        spans = _spread(width - 1, len(table.columns))
        out.add(PCell(r, 0, table.label, "caption", colspan=width))
        r += 1
        out.add(PCell(r, 0, CONTENT_HEAD, "header"))
        c = 1
        for (col_id, col_label), span in zip(table.columns, spans):
            out.add(PCell(r, c, col_label, "header", colspan=span))
            c += span
        r += 1
        for row in table.rows:
            if row.id not in report_table:
                continue
            out.add(PCell(r, 0, row.label, "label"))
            c = 1
            for (col_id, _), span in zip(table.columns, spans):
                out.add(_value(table, row, col_id, report_table, r, c, span))
                c += span
            r += 1
    return out


def _spread(width: int, n: int) -> list[int]:
    """Spread ``n`` value columns over ``width`` grid columns, the last taking the rest."""
    return [1] * (n - 1) + [width - (n - 1)]


def _column_groups(table: Table) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Columns grouped by the prefix of their short name ("法人或其他组织·商业企业")."""
    groups: list[tuple[str | None, list[tuple[str, str]]]] = []
    for col_id, col_label in table.columns:
        name = _column_short(table, col_id)
        group = name.split("·")[0] if "·" in name else None
        if groups and group is not None and groups[-1][0] == group:
            groups[-1][1].append((col_id, col_label))
        else:
            groups.append((group, [(col_id, col_label)]))
    return groups


def _column_short(table: Table, col_id: str) -> str:
    for row in table.rows:
        for cell in row.cells:
            if cell.id.endswith("." + col_id):
                # cell.short is "<row short>·<column short>"; the column short may itself hold a "·"
                return cell.short.zh[len(row_short(row)) + 1 :]
    return ""


def row_short(row: TableRow) -> str:
    return row.cells[0].row_short.zh if row.cells and row.cells[0].row_short else row.label


def layout_matrix(table: Table, rows: list[TableRow], report_table: dict) -> PrintedTable:
    """表三: merged label columns per group, grouped column headers."""
    out = PrintedTable((table.id,), layout="matrix")
    label_cols = 1 + max(label_level(r.label) for r in rows)
    groups = _column_groups(table)
    grouped = any(g is not None for g, _ in groups)
    header_rows = 3 if grouped else 1
    n_values = len(table.columns)
    out.add(PCell(0, 0, RELATION_NOTE if grouped else "", "header", rowspan=header_rows, colspan=label_cols))
    if grouped:
        out.add(PCell(0, label_cols, APPLICANTS_HEAD, "header", colspan=n_values))
        c = label_cols
        for group, cols in groups:
            if group is None:
                for _, col_label in cols:
                    out.add(PCell(1, c, col_label, "header", rowspan=2))
                    c += 1
            else:
                out.add(PCell(1, c, group, "header", colspan=len(cols)))
                for _, col_label in cols:
                    out.add(PCell(2, c, col_label, "header"))
                    c += 1
    else:
        for i, (_, col_label) in enumerate(table.columns):
            out.add(PCell(0, label_cols + i, col_label, "header"))
    r = header_rows
    open_headings: list[int] = []  # levels of the headings whose merged cell covers this row
    for i, row in enumerate(rows):
        level = label_level(row.label)
        while open_headings and open_headings[-1] >= level:
            open_headings.pop()
        col = len(open_headings)
        if row.id is None:
            span = _rows_under(rows, i)
            out.add(PCell(r, col, row.label, "label", rowspan=span))
            open_headings.append(level)
            continue
        out.add(PCell(r, col, row.label, "label", colspan=label_cols - col))
        for j, (col_id, _) in enumerate(table.columns):
            out.add(_value(table, row, col_id, report_table, r, label_cols + j))
        r += 1
    return out


def _rows_under(rows: list[TableRow], at: int) -> int:
    level = label_level(rows[at].label)
    count = 0
    for row in rows[at + 1 :]:
        if label_level(row.label) <= level:
            break
        count += row.id is not None
    return count


def layout_transposed(table: Table, rows: list[TableRow], report_table: dict) -> PrintedTable:
    """表四: each row of the format is a group of columns; one row of figures below."""
    out = PrintedTable((table.id,), layout="transposed")
    width = len(table.columns)
    c = 0
    i = 0
    while i < len(rows):
        row = rows[i]
        if "·" in row.label:
            prefix = row.label.split("·")[0]
            members = [r for r in rows[i:] if r.label.split("·")[0] == prefix and "·" in r.label]
            out.add(PCell(0, c, prefix, "header", colspan=width * len(members)))
            for member in members:
                out.add(PCell(1, c, member.label.split("·", 1)[1], "header", colspan=width))
                for j, (_, col_label) in enumerate(table.columns):
                    out.add(PCell(2, c + j, col_label, "header"))
                c += width
            i += len(members)
        else:
            out.add(PCell(0, c, row.label, "header", colspan=width))
            for j, (_, col_label) in enumerate(table.columns):
                out.add(PCell(1, c + j, col_label, "header", rowspan=2))
            c += width
            i += 1
    c = 0
    for row in rows:
        for j, (col_id, _) in enumerate(table.columns):
            out.add(_value(table, row, col_id, report_table, 3, c + j))
        c += width
    return out


def layout_list(table: Table, rows: list[TableRow], report_table: dict) -> PrintedTable:
    """The gov-2014 统计表: 统计指标 | 单位 | 统计数, headings across the whole row."""
    out = PrintedTable((table.id,), layout="list")
    for j, head in enumerate(LIST_HEADS):
        out.add(PCell(0, j, head, "header"))
    r = 1
    for row in rows:
        if row.id is None:
            out.add(PCell(r, 0, row.label, "label", colspan=3))
        else:
            out.add(PCell(r, 0, row.label, "label"))
            out.add(PCell(r, 1, row.cells[0].unit, "header"))
            out.add(_value(table, row, None, report_table, r, 2))
        r += 1
    return out


def layout_units(fmt: FormatDefinition, table: Table, rows: list[TableRow], report_table: dict) -> PrintedTable:
    """A table of rows with a unit column and value columns, headed as its printed layout
    says: the fingerprint's first word over the labels, each printed column's first header word."""
    printed, block = _unit_block(fmt, table)
    out = PrintedTable((table.id,), layout="units")
    out.add(PCell(0, 0, printed.fingerprint[0], "header"))
    for j, column in enumerate(block.columns):
        out.add(PCell(0, 1 + j, column.header[0], "header"))
    for r, row in enumerate((row for row in rows if row.id), start=1):
        out.add(PCell(r, 0, row.label, "label"))
        for j, column in enumerate(block.columns):
            if column.skip:
                out.add(PCell(r, 1 + j, row.cells[0].unit, "header"))
            else:
                out.add(_value(table, row, column.column, report_table, r, 1 + j))
    return out


def printed_tables(report: dict) -> list[PrintedTable]:
    """The report's tables as printed, in the format's order."""
    fmt = get_format(report["format"])
    if fmt is None:
        raise ValueError(f"unknown format {report['format']!r}")
    out: list[PrintedTable] = []
    blocks: list[Table] = []
    for table in fmt.tables:
        report_table = report.get("tables", {}).get(table.id)
        if report_table is None:
            continue
        layout = table_layout(table, fmt)
        if layout == "block":
            blocks.append(table)
            continue
        if blocks:
            out.append(layout_blocks(blocks, report))
            blocks = []
        rows = printed_rows(fmt, table, report_table)
        if layout == "units":
            out.append(layout_units(fmt, table, rows, report_table))
            continue
        builder = {"matrix": layout_matrix, "transposed": layout_transposed, "list": layout_list}[layout]
        out.append(builder(table, rows, report_table))
    if blocks:
        out.append(layout_blocks(blocks, report))
    return out


# ---------------------------------------------------------------- the document's order


@dataclass
class Flow:
    """The report in reading order: title, preamble, (heading, paragraphs, tables) per
    section, tables after the last section, signature block."""

    title: str
    preamble: list[str]
    sections: list[tuple[str, list[str], list[PrintedTable]]]
    appendix: list[PrintedTable]
    signature: list[str]


def _cn_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def flow(report: dict) -> Flow:
    fmt = get_format(report["format"])
    tables = printed_tables(report)
    sections = [(s["heading"], [p for p in s.get("text", "").split("\n") if p.strip()], []) for s in report["sections"]]
    taken: set[int] = set()
    appendix: list[PrintedTable] = []
    for printed in tables:
        at = _section_for(fmt, printed, sections, taken)
        if at is None:
            appendix.append(printed)
        else:
            taken.add(at)
            sections[at][2].append(printed)
    meta = report.get("metadata", {})
    signature = [meta["issuer"]] if meta.get("issuer") else []
    if meta.get("published_on"):
        signature.append(_cn_date(meta["published_on"]))
    preamble = [p for p in report.get("preamble", "").split("\n") if p.strip()]
    return Flow(meta.get("title", ""), preamble, sections, appendix, signature)


def _section_for(fmt, printed: PrintedTable, sections, taken: set[int]) -> int | None:
    """The section a table is printed in: the last one whose heading has the match words of
    the format section the table's label names; else the first free section without text."""
    label = fmt.table(printed.tables[0]).label
    for fsec in fmt.sections:
        if any(word in label for word in fsec.match):
            for i in range(len(sections) - 1, -1, -1):
                if any(word in sections[i][0] for word in fsec.match):
                    return i
    for i, (_, paragraphs, _tables) in enumerate(sections):
        if not paragraphs and i not in taken:
            return i
    return None
