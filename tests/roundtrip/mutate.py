"""Mutations of real documents on their own structure: a table row deleted, two value
columns swapped (with their header cells), a cell blanked, two rows merged into one (the
label cells and each value cell holding both rows' paragraphs, as Word's merge leaves them).
DOCX through zip + ElementTree on word/document.xml; HTML through lxml on the parsed page.
Tables and rows are 1-based, as a document place (DocxPlace, HtmlPlace) counts them;
columns are 0-based grid columns."""

from __future__ import annotations

import copy

import lxml.html

from roundtrip.htmlgrid import expand
from roundtrip.ooxml import W, parse_part, read_zip, row_cells, serialize_part, tc_span, tc_vmerge, write_zip

# ---------------------------------------------------------------- DOCX


def _docx_edit(raw: bytes, table_no: int, edit) -> bytes:
    parts = read_zip(raw)
    root, start = parse_part(parts["word/document.xml"])
    tbl = list(root.iter(f"{W}tbl"))[table_no - 1]
    edit(tbl)
    parts["word/document.xml"] = serialize_part(root, start)
    return write_zip(parts)


def _tc_at(tr, col):
    return next((tc for c, tc in row_cells(tr) if c == col), None)


def _set_merge(tc, value: str | None) -> None:
    pr = tc.find(f"{W}tcPr")
    merge = pr.find(f"{W}vMerge")
    if merge is not None:
        pr.remove(merge)
    if value is not None:
        new = pr.makeelement(f"{W}vMerge", {f"{W}val": value} if value == "restart" else {})
        pr.insert(1 if pr.find(f"{W}tcW") is not None else 0, new)


def docx_delete_row(raw: bytes, table_no: int, row_no: int) -> bytes:
    def edit(tbl):
        trs = tbl.findall(f"{W}tr")
        tr = trs[row_no - 1]
        below = trs[row_no] if row_no < len(trs) else None
        for col, tc in row_cells(tr):  # a merge that starts here now starts on the next row
            if tc_vmerge(tc) == "restart" and below is not None:
                nxt = _tc_at(below, col)
                if nxt is not None and tc_vmerge(nxt) == "continue":
                    for p in nxt.findall(f"{W}p"):
                        nxt.remove(p)
                    nxt.extend(copy.deepcopy(p) for p in tc.findall(f"{W}p"))
                    _set_merge(nxt, "restart")
        tbl.remove(tr)

    return _docx_edit(raw, table_no, edit)


def docx_swap_columns(raw: bytes, table_no: int, col_a: int, col_b: int) -> bytes:
    def edit(tbl):
        for tr in tbl.findall(f"{W}tr"):
            a, b = _tc_at(tr, col_a), _tc_at(tr, col_b)
            if a is None or b is None or a is b or tc_span(a) != 1 or tc_span(b) != 1:
                continue
            ia, ib = list(tr).index(a), list(tr).index(b)
            tr.remove(a)
            tr.remove(b)
            first, second = (b, a) if ia < ib else (a, b)
            low, high = sorted((ia, ib))
            tr.insert(low, first)
            tr.insert(high, second)

    return _docx_edit(raw, table_no, edit)


def docx_blank_cell(raw: bytes, table_no: int, row_no: int, col: int) -> bytes:
    def edit(tbl):
        tc = _tc_at(tbl.findall(f"{W}tr")[row_no - 1], col)
        for t in tc.iter(f"{W}t"):
            t.text = ""
        next(tc.iter(f"{W}t")).text = "\u3000\u3000"

    return _docx_edit(raw, table_no, edit)


def docx_merge_rows(raw: bytes, table_no: int, row_no: int) -> bytes:
    """Rows ``row_no`` and the one below become one row."""

    def edit(tbl):
        trs = tbl.findall(f"{W}tr")
        top, bottom = trs[row_no - 1], trs[row_no]
        for col, tc in row_cells(bottom):
            target = _tc_at(top, col)
            if target is None or tc_vmerge(tc) == "continue":
                continue
            target.extend(copy.deepcopy(p) for p in tc.findall(f"{W}p"))
        tbl.remove(bottom)

    return _docx_edit(raw, table_no, edit)


# ---------------------------------------------------------------- HTML


def _html_edit(raw: bytes, table_no: int, edit) -> bytes:
    page = lxml.html.fromstring(raw)
    table = list(page.iter("table"))[table_no - 1]
    edit(table)
    return lxml.html.tostring(page, encoding="utf-8", doctype="<!doctype html>")


def _origin(grid, td):
    for r, row in enumerate(grid):
        for c, x in enumerate(row):
            if x is td:
                return r, c
    raise ValueError("cell not in grid")


def html_delete_row(raw: bytes, table_no: int, row_no: int) -> bytes:
    def edit(table):
        grid = expand(table)
        trs = table.findall(".//tr")
        tr = trs[row_no - 1]
        r = row_no - 1
        seen = set()
        for td in grid[r]:
            if td is None or id(td) in seen:
                continue
            seen.add(id(td))
            span = int(td.get("rowspan", 1))
            top, col = _origin(grid, td)
            if span == 1:
                continue
            if span == 2:
                td.attrib.pop("rowspan")
            else:
                td.set("rowspan", str(span - 1))
            if top == r:  # the merged cell starts on the deleted row: move it to the next one
                below = trs[r + 1]
                before = {id(x) for x in grid[r + 1][:col] if x is not None and x.getparent() is below}
                tr.remove(td)
                below.insert(len(before), td)
        tr.getparent().remove(tr)

    return _html_edit(raw, table_no, edit)


def html_swap_columns(raw: bytes, table_no: int, col_a: int, col_b: int) -> bytes:
    def edit(table):
        grid = expand(table)
        for r, tr in enumerate(table.findall(".//tr")):
            a, b = grid[r][col_a], grid[r][col_b]
            if a is None or b is None or a is b or a.getparent() is not tr or b.getparent() is not tr:
                continue
            if int(a.get("colspan", 1)) != 1 or int(b.get("colspan", 1)) != 1:
                continue
            marker_a, marker_b = lxml.html.Element("td"), lxml.html.Element("td")
            tr.replace(a, marker_a)
            tr.replace(b, marker_b)
            tr.replace(marker_a, b)
            tr.replace(marker_b, a)

    return _html_edit(raw, table_no, edit)


def html_blank_cell(raw: bytes, table_no: int, row_no: int, col: int) -> bytes:
    def edit(table):
        td = expand(table)[row_no - 1][col]
        for p in td.findall(".//p"):
            for child in list(p):
                p.remove(child)
            p.text = None
        first = td.find(".//p")
        span = lxml.html.fromstring('<span style="font-family: 微软雅黑;"><o:p> </o:p></span>')
        first.append(span)

    return _html_edit(raw, table_no, edit)


def html_merge_rows(raw: bytes, table_no: int, row_no: int) -> bytes:
    def edit(table):
        grid = expand(table)
        trs = table.findall(".//tr")
        top, bottom = trs[row_no - 1], trs[row_no]
        for c, td in enumerate(grid[row_no]):
            if td is None or td.getparent() is not bottom or _origin(grid, td)[1] != c:
                continue
            target = grid[row_no - 1][c]
            if target is None or target.getparent() is not top:
                continue
            for p in td.findall(".//p"):
                target.append(copy.deepcopy(p))
        # merged cells above that covered both rows now cover one row fewer
        for td in {id(x): x for x in grid[row_no] if x is not None and x.getparent() is not bottom}.values():
            span = int(td.get("rowspan", 1))
            if span > 1:
                td.set("rowspan", str(span - 1))
        bottom.getparent().remove(bottom)

    return _html_edit(raw, table_no, edit)
