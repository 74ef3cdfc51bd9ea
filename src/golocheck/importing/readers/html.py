"""HTML pages -> Document: the article's paragraphs and tables, each with its source line.

Real pages are saved whole (site chrome, menus, scripts around the report) or pasted
from Word (every figure wrapped in spans, runs split mid-word: "总</span><span>计").
So the reader

* decodes by the page's own declaration (BOM, <meta charset>, http-equiv), GBK and
  GB2312 as their superset GB18030; without one, UTF-8, then GB18030 (I002 when no
  encoding decodes the bytes: never a page of replacement characters);
* drops what is never content (scripts, styles, navigation), then finds the article:
  the element that holds most of the page's text and every data table;
* joins inline runs with no separator and breaks at block boundaries (p, div, br, li,
  h1–h6, tr); a heading h1–h6 gives its Block a level;
* expands rowspan/colspan into a rectangular Grid; a copy of a merged cell says which
  cell it repeats (``spanned_from``: 0-based row and column in ``Grid.rows``);
* keeps a blank cell's own white space (``<o:p> </o:p>``, &nbsp;, U+3000): blank is not 0.

Only this module imports lxml, and only when an HTML file is imported.
"""

from __future__ import annotations

import re

from golocheck.diagnostics import HtmlPlace
from golocheck.importing import ImportRefused
from golocheck.importing.document import Block, Cell, Document, Grid, is_blank

# HTML's own bounds (colspan ≤ 1000, rowspan ≤ 65534); the cell budget keeps a table of
# absurd spans from taking the memory a real report never needs (its tables hold ~200 cells).
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
MAX_GRID_CELLS = 100_000
# Deeper than this, an element's text is taken whole (lxml itself stops near 256 levels).
_MAX_DEPTH = 200

_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "select",
            "button", "nav", "head", "title", "meta", "link", "input", "textarea", "map"}
_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "tbody", "thead", "tfoot", "section", "article", "header", "footer", "aside",
           "blockquote", "pre", "center", "form", "fieldset", "address", "main", "figure",
           "figcaption", "caption", "hr", "td", "th", "body", "html"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# ASCII white space collapses as a browser shows it; no-break and ideographic spaces stay.
_SPACES = re.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# GBK and GB2312 pages use characters only their superset GB18030 has (a wrong but common label).
_GB = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "ms936", "windows-936", "gb18030", "euc-cn", "csgb2312"}
# Characters str.splitlines breaks at but an HTML parser does not: shown as spaces, so that
# line N of source_lines is line N as lxml counts it.
_LINE_LIKE = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})
_LINE_LIKE_FOUND = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DATE = r"\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_PUBLISHED = re.compile(rf"(?:(?:发布|公开|发文|成文)(?:时间|日期)|(?<![\u4e00-\u9fff])时间)\s*[:：]?\s*({_DATE})")
# <meta name=...> a page states about itself, kept under the page's own spelling of the name
_META_NAMES = {"articletitle", "pubdate", "publishdate", "firstpublishedtime", "author", "contentsource",
               "columnname", "description", "keywords"}


def read(raw: bytes, display: str) -> Document:
    text, encoding = decode(raw)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text) if text.strip() else None
    except (lxml.etree.ParserError, ValueError):
        root = None
    shown = text.translate(_LINE_LIKE) if _LINE_LIKE_FOUND.search(text) else text  # one pass, mostly a search
    lines = tuple(line.rstrip("\r") for line in shown.split("\n"))
    meta: dict[str, str] = {"encoding": encoding}
    if root is None:
        return Document(display, "html", (), meta, lines)
    _read_head(root, meta)
    body = root.find("body")
    if body is None:
        body = root
    _drop_non_content(body)
    article = find_article(body)
    items = _Walker().items(article)
    _read_chrome(body, article, meta)
    return Document(display, "html", tuple(items), meta, lines)


# -- decoding -----------------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with; ImportRefused("I002") when none fits."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(raw, [encoding], exc) from None
    declared = _declared(raw)
    tried: list[str] = []
    error: UnicodeDecodeError | None = None
    # A declaration is tried first; pages that declare one encoding and are written in
    # another exist, so UTF-8 and GB18030 follow it (meta["encoding"] says which read it).
    for encoding in dict.fromkeys([e for e in (declared, "utf-8", "gb18030") if e]):
        tried.append(encoding)
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            error = error or exc
    raise _undecodable(raw, tried, error)


def _declared(raw: bytes) -> str | None:
    import codecs

    match = _CHARSET.search(raw[:8192])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None  # an unknown label: read as if undeclared


def _undecodable(raw: bytes, tried: list[str], exc: UnicodeDecodeError | None) -> ImportRefused:
    at = exc.start if exc is not None else 0
    byte = f"0x{raw[at]:02x}" if at < len(raw) else "?"
    return ImportRefused("I002", {"encodings": "、".join(tried), "encodings_en": ", ".join(tried),
                                  "offset": at, "byte": byte})


# -- what is not the article --------------------------------------------------------------


def _tag(element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _drop_non_content(body) -> None:
    """Remove scripts, styles, menus and comments, keeping the text that follows them."""
    doomed = [e for e in body.iter() if not isinstance(e.tag, str) or _tag(e) in _DROPPED]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent


def _read_head(root, meta: dict[str, str]) -> None:
    title = root.find(".//title")
    if title is not None and (text := _squash(title.text_content())):
        meta["title"] = text
    for element in root.iter("meta"):
        name = (element.get("name") or "").strip()
        content = _squash(element.get("content") or "")
        if name.lower() in _META_NAMES and content and name not in meta:
            meta[name] = content


def _text_lengths(body) -> dict:
    """Every element's visible text length (one bottom-up pass: no quadratic itertext)."""
    lengths: dict = {}
    for element in reversed(list(body.iter())):
        own = len((element.text or "").strip())
        lengths[element] = own + sum(lengths[c] + len((c.tail or "").strip()) for c in element)
    return lengths


def _data_tables(element) -> int:
    """Tables of at least two rows and two cells that hold no other table."""
    count = 0
    for table in element.iter("table"):
        if table.find(".//table") is None and len(table.findall(".//tr")) >= 2 and len(table.findall(".//td")) >= 4:
            count += 1
    return count


def _prose_lengths(body) -> dict:
    """Every element's visible text outside tables (the same bottom-up pass)."""
    lengths: dict = {}
    for element in reversed(list(body.iter())):
        if _tag(element) == "table":
            lengths[element] = 0
            continue
        own = len((element.text or "").strip())
        lengths[element] = own + sum(lengths[c] + len((c.tail or "").strip()) for c in element)
    return lengths


def find_article(body):
    """The element of the report itself: descend from <body> while one child holds most
    of the text, every data table and most of the prose (a report whose statistics table
    is longer than its text must not shrink to the table's box); a page that is only the
    report stays whole."""
    lengths = _text_lengths(body)
    prose = _prose_lengths(body)
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children or lengths[node] == 0 or _tag(node) in ("table", "tr", "td", "th", "tbody", "thead", "tfoot"):
            return node
        best = max(children, key=lambda c: lengths[c])
        if _tag(best) in ("tbody", "thead", "tfoot", "tr"):
            return node
        if lengths[best] < 0.6 * lengths[node] or _data_tables(best) != _data_tables(node):
            return node
        if prose[node] >= 200 and prose[best] < 0.5 * prose[node]:
            return node
        node = best


def _read_chrome(body, article, meta: dict[str, str]) -> None:
    """A publication date printed around the article (发布时间：2020-01-20), as printed,
    and a title heading printed above it."""
    if article is body:
        return
    match = _PUBLISHED.search(_chrome_text(body, article))
    if match:
        meta["published"] = _squash(match.group(1))
    heading = next((e for e in body.iter("h1", "h2") if not _inside(e, article)), None)
    if heading is not None and (text := _squash(heading.text_content())):
        meta["heading"] = text


def _inside(element, ancestor) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def _chrome_text(body, article) -> str:
    parts: list[str] = []

    def walk(element) -> None:
        if element is article:
            parts.append(" ")
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(" " if _tag(child) in _BLOCKS else "")
            parts.append(child.tail or "")

    walk(body)
    return _squash("".join(parts))


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


# -- blocks and tables --------------------------------------------------------------------


class _Walker:
    """Reading order: inline text gathers into the current block; a block boundary ends it."""

    def __init__(self) -> None:
        self.out: list = []
        self.pieces: list[str] = []
        self.line: int | None = None
        self.level: int | None = None
        self.tables = 0

    def items(self, article) -> list:
        self._element(article, 0)
        self._flush()
        return self.out

    def _flush(self) -> None:
        text = _squash("".join(self.pieces))
        if not is_blank(text):
            self.out.append(Block(text, HtmlPlace(line=self.line), self.level))
        self.pieces, self.line, self.level = [], None, None

    def _add(self, text: str | None, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.pieces.append(text)

    def _element(self, element, depth: int) -> None:
        tag = _tag(element)
        if tag == "table" and element.find(".//table") is None:
            self._flush()
            self.tables += 1
            self.out.append(_grid(element, self.tables))
            return
        if depth > _MAX_DEPTH:
            self._add(element.text_content(), element.sourceline)
            return
        block = tag in _BLOCKS
        if block or tag == "br":
            self._flush()
        if tag in _HEADINGS:
            self.level = _HEADINGS[tag]
        self._add(element.text, element.sourceline)
        for child in element:
            self._element(child, depth + 1)
            if self.line is None and (child.tail or "").strip():
                self.line = child.sourceline
            self._add(child.tail, child.sourceline)
        if block:
            self._flush()


def cell_text(element) -> str:
    """A cell's printed text: inline runs joined, its paragraphs on lines of their own. A
    cell holding only white space keeps it (it is blank, and says how it was written)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines.append("".join(current))
        current.clear()

    def walk(node, depth: int) -> None:
        tag = _tag(node)
        if depth > _MAX_DEPTH:
            current.append(node.text_content())
            return
        boundary = tag in _BLOCKS or tag == "br"
        if boundary and depth:
            flush()
        current.append(_visible(node.text))
        for child in node:
            walk(child, depth + 1)
            current.append(_visible(child.tail))
        if boundary and depth:
            flush()

    walk(element, 0)
    flush()
    raw = "".join(lines)
    if is_blank(raw):
        return raw
    shown = [_squash(line) for line in lines]
    return "\n".join(line for line in shown if line)


def _visible(text: str | None) -> str:
    """Text as written, except the source's own indentation between tags (white space
    with a line break), which a browser never shows inside a cell."""
    if not text or (not text.strip(" \t\r\n\f") and "\n" in text):
        return ""
    return text


def _span(element, name: str, bound: int) -> int:
    try:
        value = int((element.get(name) or "1").strip())
    except ValueError:
        return 1
    return min(max(value, 1), bound)


def _grid(table, number: int) -> Grid:
    rows = [tr for tr in table.iter("tr")]
    placed: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            while (r, c) in placed:
                c += 1
            colspan = _span(td, "colspan", MAX_COLSPAN)
            rowspan = min(_span(td, "rowspan", MAX_ROWSPAN), len(rows) - r)
            if len(placed) + colspan * rowspan > MAX_GRID_CELLS:
                raise ImportRefused("I004", {"what_zh": f"表 {number} 的单元格超过 {MAX_GRID_CELLS} 个",
                                             "what_en": f"table {number} has more than {MAX_GRID_CELLS} cells"})
            text = cell_text(td)
            for dr in range(rowspan):
                for dc in range(colspan):
                    position = (r + dr, c + dc)
                    if position in placed:  # overlapping spans: the first cell keeps the position
                        continue
                    place = HtmlPlace(line=td.sourceline, table=number, row=position[0] + 1, column=position[1] + 1)
                    placed[position] = Cell(text, place, None if (dr, dc) == (0, 0) else (r, c))
            c += colspan
            width = max(width, c)  # a position a span above fills lies left of its own row's end
    if len(rows) * width > MAX_GRID_CELLS:
        raise ImportRefused("I004", {"what_zh": f"表 {number} 的单元格超过 {MAX_GRID_CELLS} 个",
                                     "what_en": f"table {number} has more than {MAX_GRID_CELLS} cells"})
    grid_rows = []
    for r, tr in enumerate(rows):
        grid_rows.append(tuple(placed.get((r, c)) or Cell("", HtmlPlace(line=tr.sourceline, table=number, row=r + 1, column=c + 1))
                               for c in range(width)))
    return Grid(tuple(grid_rows), HtmlPlace(line=table.sourceline, table=number), number)
