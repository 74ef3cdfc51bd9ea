"""PDF files -> Document: the tables from each page's ruling, the body text in reading order.

Two libraries, both loaded only here (golocheck report.json never imports them):

* PDFium (pypdfium2, Apache-2.0/BSD-3) opens the file, says whether it is encrypted or
  damaged, and reads every page's characters with their boxes and the page's drawing
  objects — fast (tens of milliseconds a document). The body text comes from it.
* pdfplumber (MIT, on pdfminer.six) finds the tables in the ruling, only on pages whose
  drawing has visible ruling and whose text has figures: pdfminer is ten times slower than
  PDFium and most pages of a report are prose. (pymupdf is never used: its AGPL would
  bind golocheck's users.)

What a careful reader does, and this reader therefore does:

* Ruling is what is visible: stroked lines and thin filled rules. WPS lays body text out
  in frames of white, unstroked rectangles; those are not ruling, so they make no table
  and their text stays body text. A grid of one column or without a figure is a text
  frame too and is left out (its text stays in the body).
* A merged cell: pdfplumber gives None for the positions it covers; each such position
  gets the covering cell's text and ``spanned_from`` = its (row, column).
* A table continued on the next page (the next page starts with a grid of the same
  width whose first row holds figures, i.e. no header row) is joined into one Grid; the
  continuation's empty label cells in its first row continue the merged labels above.
  Every cell keeps its own page and box.
* Cell text keeps the PDF's line breaks as "\\n" and its letter spacing ("总 计"):
  normalising is the anchoring's job.
* Page numbers and running heads are dropped; lines are joined into paragraphs
  (readers/pdf_text.py).
* Places: PdfPlace(page, box=(x0, y0, x1, y1) in PDF points, origin bottom left,
  table, row, column), rows and columns 1-based in the (joined) grid.
* ``meta["pdf_title"]`` is the file's /Title, which publishers often leave wrong (so it
  is not "title"); CreationDate is never a publication date and is not read.

Unreadable files are findings, never guesses: no PDF header, a damaged file (I043), a
password (I042), no text layer (I040: a scan) or a text layer that decodes to garbage
(I041) for the whole document raise ImportRefused; for some pages only they are problems
with the page's place, as are pages over a per-page limit (I046). A damaged cross
reference table that PDFium had to rebuild is I044. Limits: readers/pdf_limits.py (I045).
The libraries raise many exception types on malformed files; they are caught here, at
the reader's boundary, and named in the finding.
"""

from __future__ import annotations

import ctypes
import io
import re
import struct
import time
import zlib
from dataclasses import dataclass, field

from golocheck.diagnostics import PdfPlace
from golocheck.importing import ImportRefused
from golocheck.importing.document import Block, Cell, Document, Grid, is_blank
from golocheck.importing.readers import pdf_text
from golocheck.importing.readers.pdf_limits import LIMITS, Bomb, PdfLimits, check_streams
from golocheck.loading import Problem

NO_TEXT, GARBLED, ENCRYPTED, DAMAGED, XREF, OVER_LIMIT, PAGE_NOT_READ = (
    "I040", "I041", "I042", "I043", "I044", "I045", "I046")

_FIGURE = re.compile(r"[-+]?\d+(?:[.,]\d+)*%?")
_WHITE = 242  # a colour channel at or above this (of 255) prints as white on paper
_THIN = 2.0  # points: a filled rectangle this thin is a rule, wider is a shaded area


def read(raw: bytes, display: str, limits: PdfLimits = LIMITS) -> Document:
    started = time.monotonic()
    if b"%PDF-" not in raw[:1024]:
        raise _damaged("没有 PDF 文件头（%PDF-）", "no PDF header (%PDF-)")
    try:
        check_streams(raw, limits)
    except Bomb as bomb:
        raise _over("压缩数据流解压后超过 {limit} 字节（解压炸弹）", "a compressed stream decodes past {limit} bytes (a decompression bomb)", limit=bomb.limit) from None
    problems: list[Problem] = []
    if not xref_intact(raw):
        problems.append(Problem(XREF))
    reader = _Reader(raw, display, limits, started, problems)
    return reader.document()


def xref_intact(raw: bytes) -> bool:
    """Does ``startxref`` point at a cross-reference table or stream? When it does not,
    PDFium and pdfminer rebuild one by scanning for objects, which can miss or confuse
    objects: the reading is then not trusted as whole (I044)."""
    tail = raw[-2048:]
    found = re.findall(rb"startxref\s+(\d+)", tail)
    if not found:
        return False
    offset = int(found[-1])
    at = raw[offset:offset + 40]
    return at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at) is not None


# -- errors ---------------------------------------------------------------------------------


def _damaged(zh: str, en: str) -> ImportRefused:
    return ImportRefused(DAMAGED, {"what_zh": zh, "what_en": en})


def _over(zh: str, en: str, **values) -> ImportRefused:
    return ImportRefused(OVER_LIMIT, {"what_zh": zh.format(**values), "what_en": en.format(**values)})


def _named(exc: BaseException) -> str:
    """An exception as a finding names it: module.Class: message (short)."""
    text = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
    return text if len(text) <= 160 else text[:159] + "…"


def _library_errors() -> tuple[type[BaseException], ...]:
    """What pdfminer and pdfplumber raise on malformed input: their own exceptions and the
    built-in ones their parsers let through. Caught only at this reader's boundary."""
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return (PDFException, PSException, PdfminerException, ValueError, KeyError, TypeError, IndexError,
            AttributeError, AssertionError, ZeroDivisionError, OverflowError, RecursionError, struct.error,
            zlib.error, UnicodeDecodeError, EOFError)


# -- one page as PDFium reads it ------------------------------------------------------------


@dataclass
class _Char:
    ch: str
    box: tuple[float, float, float, float] | None  # None for characters PDFium generated (spaces, breaks)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Char]
    images: int
    rulings: int  # visible drawing objects, counted up to the limit + 1
    lines: list[pdf_text.Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.ch for c in self.chars)


def _pdfium_page(pdfium, C, document, index: int, limits: PdfLimits) -> _Page:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _chars(C, textpage.raw)
        finally:
            textpage.close()
        images = 0
        rulings = 0
        for obj in page.get_objects(filter=[C.FPDF_PAGEOBJ_PATH, C.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            if obj.type == C.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif rulings <= limits.max_rulings_per_page and _visible_ruling(C, obj.raw):
                rulings += 1
        return _Page(index + 1, width, height, chars, images, rulings)
    finally:
        page.close()


def _chars(C, textpage) -> list[_Char]:
    rect = C.FS_RECTF()
    out = []
    for i in range(C.FPDFText_CountChars(textpage)):
        ch = chr(C.FPDFText_GetUnicode(textpage, i) or 0xFFFD)
        if C.FPDFText_IsGenerated(textpage, i) or not C.FPDFText_GetLooseCharBox(textpage, i, rect):
            out.append(_Char(ch, None))
        else:
            out.append(_Char(ch, (rect.left, rect.bottom, rect.right, rect.top)))
    return out


def _visible_ruling(C, obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not C.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if stroke.value and C.FPDFPageObj_GetStrokeColor(obj, *map(ctypes.byref, (r, g, b, a))):
        if a.value and min(r.value, g.value, b.value) < _WHITE:
            return True
    if fill.value and C.FPDFPageObj_GetFillColor(obj, *map(ctypes.byref, (r, g, b, a))):
        if a.value and min(r.value, g.value, b.value) < _WHITE:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            if C.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, (left, bottom, right, top))):
                return min(right.value - left.value, top.value - bottom.value) <= _THIN
    return False


# -- grids ----------------------------------------------------------------------------------


@dataclass
class _RawCell:
    text: str
    page: int
    box: tuple[float, float, float, float]
    spanned_from: tuple[int, int] | None = None


@dataclass
class _RawGrid:
    page: int
    box: tuple[float, float, float, float]
    rows: list[list[_RawCell]]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def has_figure(self, row: int | None = None) -> bool:
        rows = self.rows if row is None else [self.rows[row]]
        return any(c.spanned_from is None and _FIGURE.fullmatch(c.text.strip()) for r in rows for c in r)


def _pdf_box(height: float, top_origin_box) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = top_origin_box
    return (round(x0, 2), round(height - bottom, 2), round(x1, 2), round(height - top, 2))


def _visible(obj) -> bool:
    """pdfplumber's view of the same test as _visible_ruling."""
    def white(colour) -> bool:
        if not isinstance(colour, (tuple, list)) or not colour:
            return False
        values = [v for v in colour if isinstance(v, (int, float))]
        if len(values) == 4:  # CMYK: white is no ink
            return max(values) <= 1 - _WHITE / 255
        return bool(values) and min(values) >= _WHITE / 255

    if obj.get("stroke") and not white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not white(obj.get("non_stroking_color")) and min(obj["width"], obj["height"]) <= _THIN


def _grids_of(plumber_page, number: int) -> list[_RawGrid]:
    """pdfplumber's tables from the page's lines and rectangles (its default, which the
    real reports were measured with: WPS paints white cell rectangles over parts of the
    ruling to make merged cells, and leaves a continued table's last row unruled, so the
    visible lines alone do not give the grid). What those rectangles add that is not a
    table — text frames — is trimmed off: rows without a figure at either end of a grid
    that no visible line bounds."""
    objects = plumber_page.objects
    drawn = [o for kind in ("line", "rect", "curve") for o in objects.get(kind, ())]
    visible = [o for o in drawn if _visible(o)]
    ruled = {round(y) for o in visible for y in _horizontal_edges(o)}
    walls = [wall for o in visible for wall in _vertical_edges(o)]
    height = plumber_page.bbox[3]
    grids = []
    for table in plumber_page.find_tables():
        grid = _grid_of(table, number, height)
        _unwall(grid, walls, height)
        _trim(grid, table, ruled)
        if grid.rows:
            grids.append(grid)
    return grids


def _horizontal_edges(obj) -> tuple[float, ...]:
    if obj["object_type"] == "line" and abs(obj["bottom"] - obj["top"]) > _THIN:
        return ()  # a vertical line
    if min(obj["width"], obj["height"]) <= _THIN:
        return (obj["top"],)
    return (obj["top"], obj["bottom"])


def _vertical_edges(obj) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of the visible vertical rules an object draws."""
    if obj["object_type"] == "line" and abs(obj["x1"] - obj["x0"]) > _THIN:
        return []  # a horizontal line
    if min(obj["width"], obj["height"]) <= _THIN:
        return [(obj["x0"], obj["top"], obj["bottom"])] if obj["height"] > _THIN else []
    return [(obj["x0"], obj["top"], obj["bottom"]), (obj["x1"], obj["top"], obj["bottom"])]


def _unwall(grid: _RawGrid, walls: list, height: float) -> None:
    """WPS closes cells with white rectangles where no line is printed, so pdfplumber can
    cut one printed cell in two: a blank cell beside a printed one with no visible rule
    between them is part of it (行政诉讼 over all its columns), and so is one cut off by a
    visible rule that a printed cell of the row below runs across (_crossed_below). Only
    blank cells are joined to their neighbour, so no printed text is ever moved."""
    for r, row in enumerate(grid.rows):
        for c in range(len(row) - 1, 0, -1):
            left, right = row[c - 1], row[c]
            if left.spanned_from is not None and right.spanned_from is not None:
                continue
            a, b = left.spanned_from or (r, c - 1), right.spanned_from or (r, c)
            if a == b:
                continue
            x = right.box[0]
            top, bottom = height - right.box[3], height - right.box[1]
            walled = any(abs(wx - x) <= 2 and wtop <= top + 2 and wbottom >= bottom - 2 for wx, wtop, wbottom in walls)
            if walled and not _crossed_below(grid, r, c):
                continue
            text_a = grid.rows[a[0]][a[1]].text
            text_b = grid.rows[b[0]][b[1]].text
            if is_blank(text_a) and not is_blank(text_b) and a[0] == r:
                _repoint(grid, a, b)
            elif is_blank(text_b) and not is_blank(text_a) and b[0] == r:
                _repoint(grid, b, a)


def _crossed_below(grid: _RawGrid, r: int, c: int) -> bool:
    """Is the rule between columns c-1 and c of row r cut off by the row below, where one
    printed cell starts and runs across it? A header cell must cover whole cells of the
    header row under it, so such a rule divides no columns: it splits one printed header
    band (洪泽区 2024 表四 draws a rule through 行政诉讼 that stops above 未经复议直接起诉).
    A rule that runs on down between the columns — the edge of a real, missing column
    header — is never crossed."""
    if r + 1 >= len(grid.rows):
        return False
    below = grid.rows[r + 1]
    left = below[c - 1].spanned_from or (r + 1, c - 1)
    right = below[c].spanned_from or (r + 1, c)
    return left == right and left[0] == r + 1 and not is_blank(grid.rows[left[0]][left[1]].text)


def _repoint(grid: _RawGrid, blank: tuple[int, int], printed: tuple[int, int]) -> None:
    source = grid.rows[printed[0]][printed[1]]
    for row in grid.rows:
        for cell in row:
            if cell.spanned_from == blank or cell is grid.rows[blank[0]][blank[1]]:
                cell.spanned_from, cell.text = printed, source.text


def _ruled_at(ruled: set[int], y: float) -> bool:
    return any(round(y) + d in ruled for d in (-2, -1, 0, 1, 2))


def _trim(grid: _RawGrid, table, ruled: set[int]) -> None:
    """Drop frame rows from the grid's ends: no figure, and no visible line at the edge
    they would share with the page — their text is body text."""
    rows = table.rows
    start, end = 0, len(grid.rows)
    while start < end and not grid.has_figure(start) and not _ruled_at(ruled, rows[start].bbox[1]):
        start += 1
    while end > start and not grid.has_figure(end - 1) and not _ruled_at(ruled, rows[end - 1].bbox[3]):
        end -= 1
    if (start, end) == (0, len(grid.rows)):
        return
    kept = grid.rows[start:end]
    if not kept:
        grid.rows = []
        return
    for row in kept:
        for cell in row:
            if cell.spanned_from is not None:
                r0, c0 = cell.spanned_from
                if r0 < start:  # merged from a trimmed row: the cell is its own now
                    cell.spanned_from, cell.text = None, ""
                else:
                    cell.spanned_from = (r0 - start, c0)
    grid.rows = kept
    boxes = [cell.box for row in kept for cell in row]
    grid.box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _grid_of(table, number: int, height: float) -> _RawGrid:
    texts = table.extract()
    rows = table.rows
    columns = table.columns
    own = {(r, c): box for r, row in enumerate(rows) for c, box in enumerate(row.cells) if box is not None}
    out: list[list[_RawCell]] = []
    for r, row in enumerate(rows):
        cells = []
        for c, box in enumerate(row.cells):
            if box is not None:
                cells.append(_RawCell(texts[r][c] or "", number, _pdf_box(height, box)))
                continue
            origin = _covering(own, r, c, rows[r].bbox, columns[c].bbox)
            if origin is None:  # a hole in the ruling: an empty position, not a merge
                x0, x1 = columns[c].bbox[0], columns[c].bbox[2]
                cells.append(_RawCell("", number, _pdf_box(height, (x0, rows[r].bbox[1], x1, rows[r].bbox[3]))))
            else:
                cells.append(_RawCell(texts[origin[0]][origin[1]] or "", number, _pdf_box(height, own[origin]), origin))
        out.append(cells)
    return _RawGrid(number, _pdf_box(height, table.bbox), out)


def _covering(own: dict, r: int, c: int, row_box, column_box) -> tuple[int, int] | None:
    # just inside the position's top left corner: the column's left edge and the row's
    # top are exact, their other edges may belong to a merged cell reaching further
    x = column_box[0] + 1
    y = row_box[1] + 1
    best = None
    for (r0, c0), (x0, top, x1, bottom) in own.items():
        if r0 <= r and c0 <= c and x0 <= x <= x1 and top <= y <= bottom:
            if best is None or (r0, c0) > best:
                best = (r0, c0)
    return best


def _is_table(grid: _RawGrid) -> bool:
    """A text frame drawn as a table has one column, or no figure in any cell."""
    return grid.width >= 2 and grid.has_figure()


# -- the reader -----------------------------------------------------------------------------


class _Reader:
    def __init__(self, raw: bytes, display: str, limits: PdfLimits, started: float, problems: list[Problem]) -> None:
        self.raw, self.display, self.limits, self.started, self.problems = raw, display, limits, started, problems

    def _clock(self) -> None:
        if time.monotonic() - self.started > self.limits.time_budget_seconds:
            raise _over("读取超过 {limit} 秒的时间上限", "reading took longer than the time budget of {limit} s",
                        limit=self.limits.time_budget_seconds)

    def document(self) -> Document:
        import pypdfium2 as pdfium
        import pypdfium2.raw as C

        try:
            pdf = pdfium.PdfDocument(self.raw)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == C.FPDF_ERR_PASSWORD:
                raise ImportRefused(ENCRYPTED) from None
            raise _damaged(f"PDFium 无法打开（{_named(exc)}）", f"PDFium cannot open it ({_named(exc)})") from None
        try:
            return self._read(pdfium, C, pdf)
        finally:
            pdf.close()

    def _read(self, pdfium, C, pdf) -> Document:
        count = len(pdf)
        if count == 0:
            raise _damaged("没有页面", "it has no pages")
        if count > self.limits.max_pages:
            raise _over("有 {n} 页（上限 {limit} 页）", "it has {n} pages (limit {limit})", n=count, limit=self.limits.max_pages)
        pages: list[_Page] = []
        total = 0
        for index in range(count):
            self._clock()
            try:
                page = _pdfium_page(pdfium, C, pdf, index, self.limits)
            except pdfium.PdfiumError as exc:
                self._page_problem(index + 1, f"PDFium 无法读取（{_named(exc)}）", f"PDFium cannot read it ({_named(exc)})")
                continue
            total += len(page.chars)
            if total > self.limits.max_chars:
                raise _over("文字层超过 {limit} 个字符", "its text layer holds more than {limit} characters", limit=self.limits.max_chars)
            pages.append(page)
        readable = self._readable_pages(pages)
        grids = self._tables(readable)
        items = self._items(readable, grids)
        meta = {}
        title = (pdf.get_metadata_value("Title") or "").strip()
        if title:
            meta["pdf_title"] = title
        return Document(self.display, "pdf", tuple(items), meta, None, problems=tuple(self.problems))

    def _page_problem(self, page: int, zh: str, en: str) -> None:
        self.problems.append(Problem(PAGE_NOT_READ, args={"page": page, "what_zh": zh, "what_en": en}, place=PdfPlace(page)))

    def _readable_pages(self, pages: list[_Page]) -> list[_Page]:
        """The pages whose text can be read; the others are findings — of the document when
        no page can be read."""
        scans, garbled, readable = [], [], []
        for page in pages:
            text = page.text
            visible = sum(1 for ch in text if not ch.isspace())
            if visible == 0:
                if page.images:
                    scans.append(page)
                continue  # an empty page: nothing to read, nothing lost
            share = pdf_text.unreadable_share(text)
            if visible >= pdf_text.MIN_CHARS and share >= pdf_text.GARBLED_SHARE:
                garbled.append((page, share))
            else:
                readable.append(page)
        if not readable:
            if scans and len(scans) >= len(garbled):
                raise ImportRefused(NO_TEXT, _where(None))
            if garbled:
                raise ImportRefused(GARBLED, {**_where(None), "share": _percent(max(s for _, s in garbled))})
            raise _damaged("没有任何文字或图像", "it holds no text and no image")
        for page in scans:
            self.problems.append(Problem(NO_TEXT, args=_where(page.number), place=PdfPlace(page.number)))
        for page, share in garbled:
            self.problems.append(Problem(GARBLED, args={**_where(page.number), "share": _percent(share)}, place=PdfPlace(page.number)))
        return readable

    def _tables(self, pages: list[_Page]) -> dict[int, list[_RawGrid]]:
        """page number -> its tables, found only where the page has visible ruling and
        figures in its text; a page over the per-page limits is I046, its tables unread."""
        wanted = []
        for page in pages:
            if page.rulings < 4 or not any(ch.isdigit() for ch in page.text):
                continue
            if page.rulings > self.limits.max_rulings_per_page:
                self._page_problem(page.number, f"绘图对象超过 {self.limits.max_rulings_per_page} 个，表格未读取",
                                   f"more than {self.limits.max_rulings_per_page} drawing objects; its tables were not read")
                continue
            wanted.append(page)
        if not wanted:
            return {}
        import pdfplumber

        errors = _library_errors()
        found: dict[int, list[_RawGrid]] = {}
        try:
            plumber = pdfplumber.open(io.BytesIO(self.raw))
        except errors as exc:
            for page in wanted:
                self._page_problem(page.number, f"pdfminer 无法打开文件，表格未读取（{_named(exc)}）",
                                   f"pdfminer cannot open the file; its tables were not read ({_named(exc)})")
            return {}
        try:
            for page in wanted:
                self._clock()
                try:
                    plumber_page = plumber.pages[page.number - 1]
                    grids = _grids_of(plumber_page, page.number)
                    plumber_page.close()
                except errors as exc:
                    self._page_problem(page.number, f"表格未读取（{_named(exc)}）", f"its tables were not read ({_named(exc)})")
                    continue
                if len(grids) > self.limits.max_tables_per_page:
                    self._page_problem(page.number, f"有 {len(grids)} 个表格（上限 {self.limits.max_tables_per_page}），表格未读取",
                                       f"it has {len(grids)} tables (limit {self.limits.max_tables_per_page}); they were not read")
                    continue
                found[page.number] = [g for g in grids if _is_table(g)]
        finally:
            plumber.close()
        return found

    def _items(self, pages: list[_Page], grids: dict[int, list[_RawGrid]]) -> list:
        """Lines outside the tables, in reading order, with the tables in their places;
        furniture dropped; lines -> paragraphs; continued tables joined; numbered."""
        lines: list[pdf_text.Line] = []
        for page in pages:
            lines.extend(_lines(page, [g.box for g in grids.get(page.number, ())]))
        heights = {page.number: page.height for page in pages}
        dropped = pdf_text.furniture(lines, heights)
        body = [line for i, line in enumerate(lines) if i not in dropped]
        sequence: list = []  # Line | _RawGrid
        by_page: dict[int, list[pdf_text.Line]] = {}
        for line in body:
            by_page.setdefault(line.page, []).append(line)
        for page in pages:
            pending = sorted(grids.get(page.number, ()), key=lambda g: -g.box[3])
            for line in by_page.get(page.number, ()):
                while pending and line.box[3] <= pending[0].box[1] + 1:  # the line is below the grid
                    sequence.append(pending.pop(0))
                sequence.append(line)
            sequence.extend(pending)
        runs: list[list[pdf_text.Line]] = [[]]
        shape: list = []  # a run index or a grid, in order
        for item in sequence:
            if isinstance(item, _RawGrid):
                shape.append(item)
                runs.append([])
            else:
                if not runs[-1]:
                    shape.append(len(runs) - 1)
                runs[-1].append(item)
        paragraphs = pdf_text.paragraphs(runs, pdf_text.Breaker(body))
        joined: list = []
        for item in shape:
            if isinstance(item, _RawGrid):
                if joined and isinstance(joined[-1], _RawGrid) and _continues(joined[-1], item):
                    _join(joined[-1], item)
                else:
                    joined.append(item)
            else:
                joined.extend(paragraphs[item])
        items = []
        number = 0
        for item in joined:
            if isinstance(item, _RawGrid):
                number += 1
                items.append(_finish(item, number))
            else:
                items.append(Block(item.text, PdfPlace(item.page, box=_round(item.box))))
        return items


def _where(page: int | None) -> dict[str, str]:
    if page is None:
        return {"where_zh": "整个文档", "where_en": "the whole document"}
    return {"where_zh": f"第 {page} 页", "where_en": f"page {page}"}


def _percent(share: float) -> int:
    return round(share * 100)


def _round(box):
    return tuple(round(v, 2) for v in box)


def _inside(box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(page: _Page, exclude: list) -> list[pdf_text.Line]:
    """The page's characters outside the tables, cut into its printed lines at the line
    breaks PDFium reports."""
    out: list[pdf_text.Line] = []
    text: list[str] = []
    boxes: list = []

    def flush() -> None:
        if boxes:
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            heights = sorted(b[3] - b[1] for b in boxes)
            out.append(pdf_text.Line("".join(text).strip(), page.number, box, heights[len(heights) // 2]))
        text.clear()
        boxes.clear()

    for char in page.chars:
        if char.ch in "\r\n":
            if char.ch == "\n":
                flush()
            continue
        if char.box is None:
            if boxes:
                text.append(char.ch)  # a space PDFium inferred from a gap: kept, as printed
            continue
        x0, y0, x1, y1 = char.box
        if any(_inside(box, (x0 + x1) / 2, (y0 + y1) / 2) for box in exclude):
            continue
        text.append(char.ch)
        boxes.append(char.box)
    flush()
    return [line for line in out if line.text]


def _continues(first: _RawGrid, then: _RawGrid) -> bool:
    """``then`` continues ``first`` on the next page: same width, and its first row holds
    figures (a table's first row is its header; a continuation has none)."""
    return then.page == _last_page(first) + 1 and then.width == first.width and then.has_figure(0)


def _last_page(grid: _RawGrid) -> int:
    return grid.rows[-1][0].page if grid.rows else grid.page


def _join(first: _RawGrid, then: _RawGrid) -> None:
    offset = len(first.rows)
    last = first.rows[-1]
    top = then.rows[0]
    # the continuation's first-row label cells left empty by the page break continue the
    # merged labels above them (up to its first printed cell)
    carried: dict[int, tuple[int, int]] = {}
    for c, cell in enumerate(top):
        if cell.spanned_from is not None or not is_blank(cell.text):
            break
        above = last[c]
        origin = above.spanned_from or (offset - 1, c)
        source = first.rows[origin[0]][origin[1]]
        if is_blank(source.text) or _FIGURE.fullmatch(source.text.strip()):
            break
        carried[c] = origin
    for r, row in enumerate(then.rows):
        for c, cell in enumerate(row):
            if r == 0 and c in carried:
                origin = carried[c]
            elif cell.spanned_from is not None:
                r0, c0 = cell.spanned_from
                origin = carried.get(c0) if r0 == 0 and c0 in carried else (r0 + offset, c0)
            else:
                continue
            cell.spanned_from = origin
            cell.text = first.rows[origin[0]][origin[1]].text if origin[0] < offset else then.rows[origin[0] - offset][origin[1]].text
    first.rows.extend(then.rows)


def _finish(grid: _RawGrid, number: int) -> Grid:
    rows = tuple(
        tuple(Cell(cell.text, PdfPlace(cell.page, box=cell.box, table=number, row=r + 1, column=c + 1), cell.spanned_from)
              for c, cell in enumerate(row))
        for r, row in enumerate(grid.rows))
    return Grid(rows, PdfPlace(grid.page, box=grid.box, table=number), number)
