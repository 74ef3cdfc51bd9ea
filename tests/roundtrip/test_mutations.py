"""Mutations of real documents — the hongze 2023 figures in the national Word template and
the 沭阳县发改局 2023 web page: a row deleted, two value columns swapped, a cell blanked, two
rows merged. Each gives an import diagnostic (a code I…) at the table or row concerned, and
never a silently shifted table: no cell imports a value that belongs to another row or
column. The mutation functions themselves are tested first (they run without the importer).
"""

from __future__ import annotations

import re

import lxml.html
import pytest

from golocheck.importing import ImportOptions
from roundtrip import mutate
from roundtrip.htmlgrid import expand_text
from roundtrip.ooxml import W, expand_table, read_zip
from roundtrip.pipeline import ORIGINALS, import_document, load_sample

DOCX = ORIGINALS / "roundtrip-hongze-2023-filled-template.docx"
HTML = ORIGINALS / "shuyang-fagaiju-2023.reconstructed.html"

# Places in the documents (1-based tables and rows, 0-based grid columns), checked below
# against the documents' own text so that a changed original cannot make them point elsewhere.
DOCX_REQUESTS, DOCX_REVIEW = 2, 3
DOCX_PARTLY, DOCX_NOT_HELD = 7, 16  # rows of 表三: （二）部分公开, 1.本机关不掌握相关政府信息
HTML_ART20, HTML_REQUESTS = 2, 3  # the page's first table is its 发布机构/公开日期 box
HTML_NEW, HTML_DISCLOSED = 4, 6  # rows of 表三: 一、本年新收…, （一）予以公开


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


def docx_grids(raw: bytes) -> list[list[list[str]]]:
    import xml.etree.ElementTree as ET

    return [expand_table(t) for t in ET.fromstring(read_zip(raw)["word/document.xml"]).iter(W + "tbl")]


def html_grids(raw: bytes) -> list[list[list[str]]]:
    return [expand_text(t) for t in lxml.html.fromstring(raw).iter("table")]


# ---------------------------------------------------------------- the mutations themselves


def test_the_places_name_the_rows_they_mean():
    docx = docx_grids(DOCX.read_bytes())
    assert squeeze(docx[DOCX_REQUESTS - 1][DOCX_PARTLY - 1][1]).startswith("（二）部分公开")
    assert squeeze(docx[DOCX_REQUESTS - 1][DOCX_NOT_HELD - 1][2]) == "1.本机关不掌握相关政府信息"
    assert [squeeze(x) for x in docx[DOCX_REVIEW - 1][1][:2]] == ["结果维持", "结果纠正"]
    html = html_grids(HTML.read_bytes())
    assert squeeze(html[HTML_REQUESTS - 1][HTML_NEW - 1][0]) == "一、本年新收政府信息公开申请数量"
    assert squeeze(html[HTML_REQUESTS - 1][HTML_DISCLOSED - 1][1]) == "（一）予以公开"
    assert [squeeze(x) for x in html[HTML_ART20 - 1][1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]


def test_docx_row_deleted_keeps_the_merges():
    before = docx_grids(DOCX.read_bytes())[DOCX_REQUESTS - 1]
    after = docx_grids(mutate.docx_delete_row(DOCX.read_bytes(), DOCX_REQUESTS, DOCX_PARTLY))[DOCX_REQUESTS - 1]
    assert len(after) == len(before) - 1
    assert after[DOCX_PARTLY - 1] == before[DOCX_PARTLY]
    assert squeeze(after[DOCX_PARTLY - 2][0]) == "三、本年度办理结果"  # the vertical label still covers its rows


def test_docx_row_deleted_where_a_merge_starts():
    # the first row under 三、本年度办理结果 holds the merge's start: it moves down a row
    before = docx_grids(DOCX.read_bytes())[DOCX_REQUESTS - 1]
    after = docx_grids(mutate.docx_delete_row(DOCX.read_bytes(), DOCX_REQUESTS, 6))[DOCX_REQUESTS - 1]
    assert squeeze(after[5][0]) == squeeze(before[5][0]) == "三、本年度办理结果"
    assert after[5][1:] == before[6][1:]


def test_docx_columns_swapped_with_their_heads():
    before = docx_grids(DOCX.read_bytes())[DOCX_REVIEW - 1]
    after = docx_grids(mutate.docx_swap_columns(DOCX.read_bytes(), DOCX_REVIEW, 0, 1))[DOCX_REVIEW - 1]
    for r in (1, 3):
        assert (after[r][0], after[r][1]) == (before[r][1], before[r][0])
    assert squeeze(after[3][0]) != squeeze(after[3][1])  # distinct figures: a shifted import would show
    assert after[0] == before[0]


def test_docx_cell_blanked_and_rows_merged():
    raw = DOCX.read_bytes()
    blank = docx_grids(mutate.docx_blank_cell(raw, DOCX_REQUESTS, DOCX_NOT_HELD, 3))[DOCX_REQUESTS - 1]
    assert squeeze(blank[DOCX_NOT_HELD - 1][3]) == "" and blank[DOCX_NOT_HELD - 1][4:] == docx_grids(raw)[DOCX_REQUESTS - 1][DOCX_NOT_HELD - 1][4:]
    merged = docx_grids(mutate.docx_merge_rows(raw, DOCX_REQUESTS, DOCX_NOT_HELD))[DOCX_REQUESTS - 1]
    assert len(merged) == 27
    assert merged[DOCX_NOT_HELD - 1][3].split("\n") == ["10", "3"]
    assert "2.没有现成信息需要另行制作" in merged[DOCX_NOT_HELD - 1][2]


def test_html_row_deleted_where_the_rowspan_starts():
    before = html_grids(HTML.read_bytes())[HTML_REQUESTS - 1]
    after = html_grids(mutate.html_delete_row(HTML.read_bytes(), HTML_REQUESTS, HTML_DISCLOSED))[HTML_REQUESTS - 1]
    assert len(after) == len(before) - 1 and all(len(row) == 10 for row in after)
    assert squeeze(after[HTML_DISCLOSED - 1][0]) == "三、本年度办理结果"
    assert after[HTML_DISCLOSED - 1][1:] == before[HTML_DISCLOSED][1:]
    page = lxml.html.fromstring(mutate.html_delete_row(HTML.read_bytes(), HTML_REQUESTS, HTML_DISCLOSED))
    assert "21" in [td.get("rowspan") for td in list(page.iter("table"))[HTML_REQUESTS - 1].iter("td")]


def test_html_columns_swapped_blanked_merged():
    raw = HTML.read_bytes()
    before = html_grids(raw)
    swapped = html_grids(mutate.html_swap_columns(raw, HTML_ART20, 1, 3))[HTML_ART20 - 1]
    assert [squeeze(x) for x in swapped[1]] == ["信息内容", "现行有效件数", "本年废止件数", "本年制发件数"]
    assert [squeeze(x) for x in swapped[3]] == [squeeze(before[HTML_ART20 - 1][3][0]), "18", "0", "8"]
    assert swapped[6] == before[HTML_ART20 - 1][6]  # a colspan row is left as it is
    blank = html_grids(mutate.html_blank_cell(raw, HTML_REQUESTS, HTML_NEW, 3))[HTML_REQUESTS - 1]
    assert squeeze(blank[HTML_NEW - 1][3]) == "" and squeeze(before[HTML_REQUESTS - 1][HTML_NEW - 1][3]) == "26"
    merged = html_grids(mutate.html_merge_rows(raw, HTML_REQUESTS, HTML_NEW))[HTML_REQUESTS - 1]
    assert len(merged) == 27 and all(len(row) == 10 for row in merged)
    assert [squeeze(x) for x in merged[HTML_NEW - 1][3].split("\n")] == ["26", "0"]


# ---------------------------------------------------------------- the importer on them

_MISSING = object()


def _flat(tables: dict, prefix: str = "/tables") -> dict[str, object]:
    out = {}
    for key, value in tables.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}/{key}"))
        else:
            out[f"{prefix}/{key}"] = value
    return out


def assert_diagnosed(result, pointer: str, table_no: int, rows: tuple[int, ...] = ()) -> None:
    """An import problem (code I…) names the table (and row) by pointer or by place."""

    def at(problem) -> bool:
        if (problem.pointer or "").startswith(pointer):
            return True
        place = problem.place
        if getattr(place, "table", None) != table_no:
            return False
        return not rows or getattr(place, "row", None) in rows or getattr(place, "row", None) is None

    found = [p for p in result.problems if p.code.startswith("I")]
    assert any(at(p) for p in found), [(p.code, p.pointer, p.place) for p in found]


def assert_not_shifted(result, baseline: dict, gone: tuple[str, ...] = (), merged: tuple[str, ...] = ()) -> None:
    """Every imported figure is the figure of its own row and column in the original: a
    deleted row's cells are absent or null; merged rows' cells hold their own figure, text, or
    nothing; every other cell its original figure, or nothing."""
    got = _flat((result.report or {}).get("tables", {}))
    for pointer, original in _flat(baseline).items():
        value = got.get(pointer, _MISSING)
        if value is _MISSING or value is None:
            continue
        if gone and pointer.startswith(gone):
            raise AssertionError(f"{pointer}: {value!r} imported for a deleted row")
        if merged and pointer.startswith(merged) and isinstance(value, str):
            continue
        assert value == original, f"{pointer}: {value!r} imported where the original has {original!r}"


def _docx_baseline() -> dict:
    return load_sample("hongze-2023.json")["tables"]


def _html_baseline() -> dict:
    return import_document(HTML.read_bytes(), HTML.name, "html", ImportOptions()).report["tables"]


@pytest.mark.importer
def test_html_original_imports_its_printed_figures():
    tables = _html_baseline()
    assert tables["requests"]["new"]["natural_person"] == 26 and tables["requests"]["new"]["total"] == 26
    assert tables["requests"]["new"]["commercial"] is None  # five of seven columns are blank
    assert tables["art20_1"]["normative_docs"] == {"issued": 8, "repealed": 0, "in_force": 18}


DOCX_CASES = {
    "row-deleted": (lambda raw: mutate.docx_delete_row(raw, DOCX_REQUESTS, DOCX_PARTLY), "/tables/requests", DOCX_REQUESTS, (DOCX_PARTLY - 1, DOCX_PARTLY)),
    "columns-swapped": (lambda raw: mutate.docx_swap_columns(raw, DOCX_REVIEW, 0, 1), "/tables/review_litigation", DOCX_REVIEW, ()),
    "cell-blanked": (lambda raw: mutate.docx_blank_cell(raw, DOCX_REQUESTS, DOCX_NOT_HELD, 3), "/tables/requests/unable_not_held", DOCX_REQUESTS, (DOCX_NOT_HELD,)),
    "rows-merged": (lambda raw: mutate.docx_merge_rows(raw, DOCX_REQUESTS, DOCX_NOT_HELD), "/tables/requests/unable_n", DOCX_REQUESTS, (DOCX_NOT_HELD, DOCX_NOT_HELD + 1)),
}
HTML_CASES = {
    "row-deleted": (lambda raw: mutate.html_delete_row(raw, HTML_REQUESTS, HTML_DISCLOSED), "/tables/requests", HTML_REQUESTS, (HTML_DISCLOSED - 1, HTML_DISCLOSED)),
    "columns-swapped": (lambda raw: mutate.html_swap_columns(raw, HTML_ART20, 1, 3), "/tables/art20_1", HTML_ART20, ()),
    "cell-blanked": (lambda raw: mutate.html_blank_cell(raw, HTML_REQUESTS, HTML_NEW, 3), "/tables/requests/new", HTML_REQUESTS, (HTML_NEW,)),
    "rows-merged": (lambda raw: mutate.html_merge_rows(raw, HTML_REQUESTS, HTML_NEW), "/tables/requests/new", HTML_REQUESTS, (HTML_NEW, HTML_NEW + 1)),
}
GONE = {"row-deleted": {"docx": ("/tables/requests/partly_disclosed/",), "html": ("/tables/requests/disclosed/",)}}
MERGED = {"docx": ("/tables/requests/unable_not_held/", "/tables/requests/unable_needs_creation/"), "html": ("/tables/requests/new/", "/tables/requests/carried_over/")}
BLANKED = {"docx": "/tables/requests/unable_not_held/natural_person", "html": "/tables/requests/new/natural_person"}


@pytest.mark.importer
@pytest.mark.parametrize("kind", ["docx", "html"])
@pytest.mark.parametrize("case", list(DOCX_CASES))
def test_mutation_is_diagnosed_never_shifted(kind, case):
    source, cases, baseline = (DOCX, DOCX_CASES, _docx_baseline) if kind == "docx" else (HTML, HTML_CASES, _html_baseline)
    mutation, pointer, table_no, rows = cases[case]
    result = import_document(mutation(source.read_bytes()), source.name, kind, ImportOptions())
    assert_diagnosed(result, pointer, table_no, rows)
    assert_not_shifted(result, baseline(), gone=GONE.get(case, {}).get(kind, ()), merged=MERGED[kind] if case == "rows-merged" else ())
    if case == "cell-blanked":
        assert _flat(result.report["tables"]).get(BLANKED[kind], _MISSING) is None  # blank, never 0, never absent
