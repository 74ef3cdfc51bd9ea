"""Word documents (.docx) -> Document: body paragraphs and tables, merges expanded.

Read with the standard library (zipfile + xml.etree), not python-docx: a .docx is a zip
of XML parts and the reader needs only word/document.xml (paragraphs, tables, merges),
word/styles.xml (which styles are headings) and docProps/core.xml (the title). That is a
few hundred lines fewer to load than python-docx and its lxml, and no new dependency.

* A paragraph's text is its runs' text joined (w:t, tabs, breaks; deleted text w:del
  left out); its level comes from its own w:outlineLvl, else its style's (following
  w:basedOn), else a style named "heading N" / "标题 N".
* Tables expand horizontal (w:gridSpan) and vertical (w:vMerge) merges into a rectangle;
  a position that repeats a merged cell has ``spanned_from`` = the 0-based (row, column)
  in ``Grid.rows`` of the cell it repeats, and that cell's text.
* Places: DocxPlace(paragraph=i) counts the body's paragraphs from 0 in reading order
  (those inside content controls included); DocxPlace(table, row, column) is 1-based.

The file is untrusted: a damaged archive or part is I003, an archive larger than any
report (a zip bomb) is I004 — never a traceback, never a partial document.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from golocheck.diagnostics import DocxPlace
from golocheck.importing import ImportRefused
from golocheck.importing.document import Block, Cell, Document, Grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# A report's .docx is well under a megabyte; these bounds are far above any real one and
# far below what would exhaust memory.
MAX_ENTRIES = 2000
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # every entry, uncompressed, as the archive declares
MAX_GRID_CELLS = 100_000
MAX_SPAN = 1000
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def read(raw: bytes, display: str) -> Document:
    archive = _open(raw)
    with archive:
        body = _root(archive, "word/document.xml", required=True).find(f"{W}body")
        styles = _Styles(_root(archive, "word/styles.xml"))
        core = _root(archive, "docProps/core.xml")
    if body is None:
        raise _damaged("word/document.xml 中没有正文（w:body）", "word/document.xml has no body (w:body)")
    meta: dict[str, str] = {}
    title = core.find(_DC_TITLE) if core is not None else None
    if title is not None and title.text and title.text.strip():
        meta["title"] = title.text.strip()
    return Document(display, "docx", tuple(_Body(styles).items(body)), meta, None)


# -- the archive --------------------------------------------------------------------------


def _damaged(zh: str, en: str) -> ImportRefused:
    return ImportRefused("I003", {"what_zh": zh, "what_en": en})


def _too_large(zh: str, en: str) -> ImportRefused:
    return ImportRefused("I004", {"what_zh": zh, "what_en": en})


def _open(raw: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise _damaged("不是有效的 .docx（ZIP）文件", "not a valid .docx (ZIP) file") from None
    if len(entries) > MAX_ENTRIES:
        raise _too_large(f"压缩包中有 {len(entries)} 个文件（上限 {MAX_ENTRIES}）",
                         f"the archive holds {len(entries)} entries (limit {MAX_ENTRIES})")
    total = sum(info.file_size for info in entries)
    if total > MAX_TOTAL_BYTES:
        raise _too_large(f"解压后共 {total} 字节（上限 {MAX_TOTAL_BYTES}）",
                         f"{total} bytes uncompressed (limit {MAX_TOTAL_BYTES})")
    return archive


def _root(archive: zipfile.ZipFile, name: str, required: bool = False):
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise _damaged(f"缺少 {name}（不是 Word 文档）", f"{name} is missing (not a Word document)") from None
        return None
    if info.file_size > MAX_PART_BYTES:
        raise _too_large(f"{name} 解压后 {info.file_size} 字节（上限 {MAX_PART_BYTES}）",
                         f"{name} is {info.file_size} bytes uncompressed (limit {MAX_PART_BYTES})")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART_BYTES + 1)  # zipfile stops at the declared size
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise _damaged(f"无法解压 {name}（{type(exc).__name__}）", f"{name} cannot be decompressed ({type(exc).__name__})") from None
    # Word never writes a DTD; one in a part could only serve entity expansion.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _damaged(f"{name} 含有文档类型定义（DTD）", f"{name} contains a document type definition (DTD)")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise _damaged(f"{name} 不是有效的 XML（第 {line} 行第 {column} 列）",
                       f"{name} is not well-formed XML (line {line}, column {column})") from None


# -- styles -------------------------------------------------------------------------------


class _Styles:
    """Paragraph style id -> heading level (1-based), from its outline level or its name."""

    def __init__(self, root) -> None:
        self._based_on: dict[str, str] = {}
        self._own: dict[str, int | None] = {}
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if not style_id:
                continue
            name = style.find(f"{W}name")
            based = style.find(f"{W}basedOn")
            if based is not None and based.get(f"{W}val"):
                self._based_on[style_id] = based.get(f"{W}val")
            level = _outline_level(style.find(f"{W}pPr"))
            if level is None and name is not None:
                match = _HEADING_NAME.match((name.get(f"{W}val") or "").strip())
                level = int(match.group(1)) if match else None
            self._own[style_id] = level

    def level(self, style_id: str | None) -> int | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:  # basedOn chains can loop in a damaged file
            seen.add(style_id)
            if self._own.get(style_id) is not None:
                return self._own[style_id]
            style_id = self._based_on.get(style_id)
        return None


def _outline_level(ppr) -> int | None:
    node = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    try:
        value = int(node.get(f"{W}val")) if node is not None else None
    except (TypeError, ValueError):
        return None
    return value + 1 if value is not None and 0 <= value < 9 else None  # 9: body text


# -- paragraphs and tables ----------------------------------------------------------------


def paragraph_text(p) -> str:
    parts: list[str] = []
    stack = [p]
    while stack:  # document order, without recursion (nesting depth is the file's)
        node = stack.pop()
        tag = node.tag
        if tag in (f"{W}del", _MC_FALLBACK, f"{W}pPr", f"{W}rPr"):
            continue  # deleted text; the duplicate of an mc:Choice; properties
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}p" and node is not p:
            parts.append("\n")  # a paragraph inside a text box
        stack.extend(reversed(list(node)))
    return "".join(parts)


def body_items(body):
    """The body's paragraphs and tables in reading order, as ("paragraph", 0-based index,
    w:p) and ("table", 1-based number, w:tbl): the one count behind every DocxPlace (the
    reader's, and the annotated copy's comments). Paragraphs inside content controls are
    counted; those inside tables are not (they are cells)."""
    paragraphs = tables = 0
    stack = list(reversed(list(body)))
    while stack:
        node = stack.pop()
        if node.tag == f"{W}p":
            yield "paragraph", paragraphs, node
            paragraphs += 1
        elif node.tag == f"{W}tbl":
            tables += 1
            yield "table", tables, node
        elif node.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
            stack.extend(reversed(list(node)))  # content controls hold paragraphs and tables


class _Body:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.out: list = []

    def items(self, body) -> list:
        for kind, number, node in body_items(body):
            if kind == "paragraph":
                self._paragraph(node, number)
            else:
                self.out.append(_grid(node, number))
        return self.out

    def _paragraph(self, p, index: int) -> None:
        text = paragraph_text(p)
        if not text.strip():
            return
        ppr = p.find(f"{W}pPr")
        level = _outline_level(ppr)
        if level is None and ppr is not None and (style := ppr.find(f"{W}pStyle")) is not None:
            level = self.styles.level(style.get(f"{W}val"))
        self.out.append(Block(text, DocxPlace(paragraph=index), level))


def cell_text(tc) -> str:
    """A cell's paragraphs, one per line; a nested table's text is part of its cell's."""
    return "\n".join(paragraph_text(p) for p in tc.iter(f"{W}p"))


def _int(node, name: str, default: int) -> int:
    try:
        return int(node.get(f"{W}{name}")) if node is not None and node.get(f"{W}{name}") is not None else default
    except ValueError:
        return default


def table_rows(tbl):
    """Each row (w:tr) of a table as (row index, [(grid column, span, continues a vertical
    merge, w:tc)]), 0-based, spans bounded: the one reading of a table's layout (the
    reader's grid, and the annotated copy's cells)."""
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        trpr = tr.find(f"{W}trPr")
        c = min(_int(trpr.find(f"{W}gridBefore") if trpr is not None else None, "val", 0), MAX_SPAN)
        cells = []
        for tc in _row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            span = min(max(_int(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, "val", 1), 1), MAX_SPAN)
            merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            continues = merge is not None and merge.get(f"{W}val", "continue") != "restart"
            cells.append((c, span, continues, tc))
            c += span
        yield r, c, cells


def _grid(tbl, number: int) -> Grid:
    rows: list[dict[int, Cell]] = []
    width = 0
    cells = 0
    for r, end, row_cells in table_rows(tbl):
        row: dict[int, Cell] = {}
        for c, span, continues, tc in row_cells:
            above = rows[r - 1] if continues and r > 0 else {}
            own = cell_text(tc) if c not in above else ""
            cells += span
            if cells > MAX_GRID_CELLS:
                raise _too_large(f"表 {number} 的单元格超过 {MAX_GRID_CELLS} 个", f"table {number} has more than {MAX_GRID_CELLS} cells")
            for k in range(span):
                place = DocxPlace(table=number, row=r + 1, column=c + k + 1)
                if c + k in above:  # a vertical merge goes on: repeat the cell it started at
                    origin = above[c + k].spanned_from or (r - 1, c + k)
                    row[c + k] = Cell(rows[origin[0]][origin[1]].text, place, origin)
                else:
                    row[c + k] = Cell(own, place, None if k == 0 else (r, c))
        rows.append(row)
        width = max(width, end)
    if len(rows) * width > MAX_GRID_CELLS:
        raise _too_large(f"表 {number} 的单元格超过 {MAX_GRID_CELLS} 个", f"table {number} has more than {MAX_GRID_CELLS} cells")
    grid = tuple(tuple(row.get(c) or Cell("", DocxPlace(table=number, row=r + 1, column=c + 1)) for c in range(width))
                 for r, row in enumerate(rows))
    return Grid(grid, DocxPlace(table=number), number)


def _row_cells(tr):
    """The row's cells, including those inside content controls (w:sdt) of the row."""
    for node in tr:
        if node.tag == f"{W}tc":
            yield node
        elif node.tag in (f"{W}sdt", f"{W}customXml"):
            yield from node.iter(f"{W}tc")
