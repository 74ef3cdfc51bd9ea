"""Render a report as a PDF the way an office's word processor prints one (reportlab):

* A4 pages; the title centred in display type, broken before the year over two lines
  when the issuer's name comes first (洪泽区人民政府 / 2023 年政府信息公开工作年度报告);
* paragraphs with a two-character first-line indent, wrapped at the right margin, running
  on across a page break; section headings as their own paragraphs; the signature block
  right-aligned; a page number "- N -" centred in the footer of every page;
* tables ruled with stroked lines (every cell's box; a merged cell's box spans its
  positions), cell text wrapped to the cell's width (商业⏎企业; a narrow merged label
  column one character per line); a table that does not fit on the page continues on
  the next one with no repeated header, the merged label cells crossing the break
  printed on the first page only and empty on the continuation.

The largest table of every report is broken across a page even when it would fit (as a
page break set inside it would): every rendering then holds a continued table.
Printed from roundtrip.layout, the one layout the DOCX and HTML renderers use.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from roundtrip.layout import APPENDIX_CAPTION, PCell, PrintedTable, flow

FONT = "STSong-Light"  # an Adobe CID font reportlab names without embedding: ToUnicode via its CMap
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 770.0, 80.0
BODY, LEADING = 12.0, 20.0
TITLE = 18.0
CELL, CELL_LEADING, PAD = 9.0, 11.0, 3.0
NARROW = 18.0  # a merged label column over many rows: one character per line
_YEAR = re.compile(r"20\d\d\s*年")


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _font()
    return stringWidth(text, FONT, size)


# Closing punctuation never starts a line (the line-breaking rule every Chinese word
# processor applies: it hangs in the margin instead). PDFium also leaves a line that is
# one such mark alone out of its text, so a lone "。" line would be lost.
_NO_LINE_START = "，。、；：？！）》」』”’〉】%,.;:?!)"


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (at any character, as CJK text
    wraps; closing punctuation hangs); never an empty list for a non-empty text."""
    lines, current = [], ""
    for ch in text:
        if current and _width(current + ch, size) > width and ch not in _NO_LINE_START:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


@dataclass
class _Cursor:
    canvas: object
    y: float = TOP
    page: int = 1

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.canvas.setFont(FONT, BODY)
        self.page += 1
        self.y = TOP

    def _footer(self) -> None:
        number = f"- {self.page} -"
        self.canvas.setFont(FONT, 10.5)
        self.canvas.drawString((PAGE_W - _width(number, 10.5)) / 2, 40, number)
        self.canvas.setFont(FONT, BODY)

    def finish(self) -> None:
        self._footer()
        self.canvas.showPage()


def render_pdf(report: dict) -> bytes:
    from reportlab.pdfgen import canvas as pdfcanvas

    _font()
    printed = flow(report)
    buffer = io.BytesIO()
    sheet = pdfcanvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    sheet.setTitle(printed.title)
    cursor = _Cursor(sheet)
    _title(cursor, printed.title)
    for paragraph in printed.preamble:
        _paragraph(cursor, paragraph)
    tables = [t for _, _, ts in printed.sections for t in ts] + list(printed.appendix)
    largest = max(tables, key=lambda t: t.n_rows, default=None)
    for heading, paragraphs, section_tables in printed.sections:
        _paragraph(cursor, heading)
        for paragraph in paragraphs:
            _paragraph(cursor, paragraph)
        for table in section_tables:
            _table(cursor, table, force_break=table is largest)
    for table in printed.appendix:
        _centred(cursor, APPENDIX_CAPTION, BODY)
        _table(cursor, table, force_break=table is largest)
    for line in printed.signature:
        _right(cursor, line)
    cursor.finish()
    sheet.save()
    return buffer.getvalue()


# -- text ---------------------------------------------------------------------------------


def _title(cursor: _Cursor, title: str) -> None:
    if not title:
        return
    match = _YEAR.search(title)
    parts = [title[: match.start()], title[match.start():]] if match and match.start() > 0 else [title]
    for part in parts:
        for line in wrap(part.strip(), RIGHT - LEFT, TITLE):
            _centred(cursor, line, TITLE)
    cursor.y -= LEADING


def _centred(cursor: _Cursor, line: str, size: float) -> None:
    _room(cursor, size * 1.6)
    cursor.canvas.setFont(FONT, size)
    cursor.canvas.drawString((PAGE_W - _width(line, size)) / 2, cursor.y - size, line)
    cursor.canvas.setFont(FONT, BODY)
    cursor.y -= size * 1.6


def _right(cursor: _Cursor, line: str) -> None:
    _room(cursor, LEADING)
    cursor.canvas.drawString(RIGHT - _width(line, BODY), cursor.y - BODY, line)
    cursor.y -= LEADING


def _room(cursor: _Cursor, height: float) -> None:
    if cursor.y - height < BOTTOM:
        cursor.new_page()


def _paragraph(cursor: _Cursor, text: str) -> None:
    """A paragraph: first line indented two characters, the others at the margin; it runs
    on across a page break (the next page's first line is not indented)."""
    text = text.strip()
    if not text:
        return
    indent = 2 * BODY
    first = wrap(text, RIGHT - LEFT - indent, BODY)[0]
    lines = [first] + wrap(text[len(first):], RIGHT - LEFT, BODY)
    for i, line in enumerate(lines):
        _room(cursor, LEADING)
        cursor.canvas.drawString(LEFT + (indent if i == 0 else 0), cursor.y - BODY, line)
        cursor.y -= LEADING


# -- tables -------------------------------------------------------------------------------


def _columns(table: PrintedTable) -> list[float]:
    """Column widths summing to the text width: a column is as wide as its widest
    unmerged cell wants (a merged label over many rows: narrow), scaled to fit."""
    want = [24.0] * table.n_cols
    for cell in table.cells:
        if cell.colspan != 1:
            continue
        if cell.role == "label" and cell.rowspan >= 3:
            need = NARROW
        else:
            need = min(_width(cell.text, CELL) + 2 * PAD, 150.0)
        want[cell.col] = max(want[cell.col], need)
    total = sum(want)
    return [w * (RIGHT - LEFT) / total for w in want]


def _cell_lines(cell: PCell, width: float) -> list[str]:
    if cell.role == "value" and cell.value is None:
        return []
    return wrap(cell.text, max(width - 2 * PAD, CELL), CELL)


def _row_heights(table: PrintedTable, widths: list[float]) -> list[float]:
    heights = [CELL_LEADING + 2 * PAD] * table.n_rows
    spanned = []
    for cell in table.cells:
        width = sum(widths[cell.col: cell.col + cell.colspan])
        need = len(_cell_lines(cell, width)) * CELL_LEADING + 2 * PAD
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanned.append((cell, need))
    for cell, need in spanned:  # a merged cell's text fits its rows: the last row takes the rest
        rows = range(cell.row, cell.row + cell.rowspan)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            heights[rows[-1]] += short
    return heights


def _has_figure(table: PrintedTable, row: int) -> bool:
    return any(c.row == row and c.role == "value" and c.value is not None for c in table.cells)


def _first_body_row(table: PrintedTable) -> int:
    return min((c.row for c in table.cells if c.role == "value"), default=table.n_rows)


def _all_columns_ruled(table: PrintedTable, row: int) -> bool:
    return not any(c.colspan > 1 and c.row <= row < c.row + c.rowspan for c in table.cells)


def _fits_before(table: PrintedTable, heights: list[float], widths: list[float], at: int, start: int = 0) -> bool:
    """Can the table break before row ``at``: the next row holds a figure (else the
    continuation would look like a new table), every merged cell crossing the break has
    its text on the first page's part, and the first part rules every column in some row
    (the importer joins a continuation to a part of the same number of columns)."""
    if not _has_figure(table, at):
        return False
    if start == 0 and not any(_all_columns_ruled(table, r) for r in range(at)):
        return False
    for cell in table.cells:
        if cell.row < at < cell.row + cell.rowspan:
            width = sum(widths[cell.col: cell.col + cell.colspan])
            need = len(_cell_lines(cell, width)) * CELL_LEADING + 2 * PAD
            if need > sum(heights[cell.row:at]):
                return False
    return True


def _table(cursor: _Cursor, table: PrintedTable, force_break: bool) -> None:
    widths = _columns(table)
    heights = _row_heights(table, widths)
    body = _first_body_row(table)
    forced = None
    if force_break:
        candidates = [r for r in range(body + 1, table.n_rows) if _fits_before(table, heights, widths, r)]
        forced = candidates[len(candidates) // 2] if candidates else None
    start = 0
    if cursor.y - sum(heights[: body + 1]) < BOTTOM:
        cursor.new_page()  # the header and the first row of figures stay together
    while start < table.n_rows:
        end, y = start, cursor.y
        while end < table.n_rows and y - heights[end] >= BOTTOM and (end != forced or end == start):
            y -= heights[end]
            end += 1
        if end < table.n_rows:
            while end > max(start + 1, body + 1) and not _fits_before(table, heights, widths, end, start):
                end -= 1
            if start == 0 and cursor.y < TOP and not _fits_before(table, heights, widths, end, start):
                cursor.new_page()  # no row to break at on this page: the table starts on the next
                continue
        _draw_part(cursor, table, widths, heights, start, end)
        start = end
        if start < table.n_rows:
            cursor.new_page()
    cursor.y -= LEADING / 2


def _draw_part(cursor: _Cursor, table: PrintedTable, widths: list[float], heights: list[float], start: int, end: int) -> None:
    """Rows start..end-1 on this page: each cell's box, clipped to these rows, stroked;
    its text only on the part that holds its first row."""
    sheet = cursor.canvas
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [cursor.y]
    for r in range(start, end):
        ys.append(ys[-1] - heights[r])
    sheet.setLineWidth(0.5)
    sheet.setFont(FONT, CELL)
    for cell in table.cells:
        first, last = max(cell.row, start), min(cell.row + cell.rowspan, end)
        if first >= last:
            continue
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        top, bottom = ys[first - start], ys[last - start]
        for (ax, ay, bx, by) in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
            sheet.line(ax, ay, bx, by)
        if cell.row < start:
            continue  # the merged cell's continuation: empty, as a page break leaves it
        lines = _cell_lines(cell, x1 - x0)
        block = len(lines) * CELL_LEADING
        y = (top + bottom) / 2 + block / 2 - CELL  # vertically centred
        for line in lines:
            x = (x0 + x1 - _width(line, CELL)) / 2 if cell.role != "label" or x1 - x0 <= NARROW + 1 else x0 + PAD
            sheet.drawString(x, y, line)
            y -= CELL_LEADING
    sheet.setFont(FONT, BODY)
    cursor.y = ys[-1]
