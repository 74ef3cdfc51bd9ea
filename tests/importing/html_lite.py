"""A minimal HTML table reader for the importer's own tests (rowspan/colspan expanded,
cell text joined): enough to run the import rules' examples through assembly until the
real reader (importing/readers/html.py) is in the tree; not a reader for real pages."""

from __future__ import annotations

from lxml import html as lxml_html

from golocheck.diagnostics import HtmlPlace
from golocheck.importing.document import Block, Cell, Document, Grid


def read(raw: bytes, display: str = "example.html") -> Document:
    root = lxml_html.fromstring(raw.replace(b"<br/>", b"\n"))
    items, tables = [], 0
    for element in root.iter("p", "h1", "h2", "h3", "table"):
        if element.tag == "table":
            tables += 1
            items.append(_grid(element, tables))
        elif element.getparent() is not None and not any(a.tag == "table" for a in element.iterancestors()):
            items.append(Block("".join(element.itertext()), HtmlPlace(line=element.sourceline)))
    return Document(display, "html", tuple(items), {})


def _grid(table, number: int) -> Grid:
    grid: dict[tuple[int, int], Cell] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for td in tr.iter("td", "th"):
            while (r, c) in grid:
                c += 1
            text = "".join(td.itertext())
            rows, cols = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rows):
                for dc in range(cols):
                    place = HtmlPlace(line=td.sourceline, table=number, row=r + dr + 1, column=c + dc + 1)
                    grid[(r + dr, c + dc)] = Cell(text, place, None if dr == dc == 0 else (r, c))
            c += cols
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    rows = tuple(tuple(grid.get((r, c)) or Cell("", HtmlPlace(table=number, row=r + 1, column=c + 1)) for c in range(width)) for r in range(height))
    return Grid(rows, HtmlPlace(line=table.sourceline, table=number), number)
