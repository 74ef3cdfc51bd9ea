"""HTML tables as rectangles (rowspan/colspan expanded), with lxml — for the renderers'
tests and the mutations of real pages."""

from __future__ import annotations


def cell_text(td) -> str:
    """A cell's text: inline runs joined, <p> boundaries as line breaks, blanks kept."""
    paragraphs = td.findall(".//p")
    if not paragraphs:
        return "".join(td.itertext())
    return "\n".join("".join(p.itertext()) for p in paragraphs)


def expand(table) -> list[list]:
    """The rectangle of <td> elements: each position holds the td covering it."""
    grid: dict[tuple[int, int], object] = {}
    rows = table.findall(".//tr")
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.findall("td") + tr.findall("th"):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = td
            c += colspan
    height = len(rows)
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]


def expand_text(table) -> list[list[str]]:
    return [[cell_text(td) if td is not None else "" for td in row] for row in expand(table)]
