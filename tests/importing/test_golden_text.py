"""Golden imports of the real text and Markdown originals: each equals its hand
transcription cell for cell, except the cells the document itself makes unreadable,
listed here with the reason and the diagnostic that must say why.

The documents (tests/data/originals/README.md): 平潭 pages as a crawler's text (tables
flattened into runs of digits), and machine Markdown extractions of PDFs (header rows
shredded, row labels lost, one printed table split into many small grids)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.importing import ImportOptions
from golocheck.importing.assemble import assemble
from golocheck.importing.readers import text

ROOT = Path(__file__).resolve().parents[2]
ORIGINALS = ROOT / "tests" / "data" / "originals"


def _cells(tables: dict) -> dict:
    """JSON pointer -> value of every cell (a row without cells holds none)."""
    out = {}
    for table_id, rows in tables.items():
        for row_id, row in rows.items():
            if isinstance(row, dict):
                out.update({f"/tables/{table_id}/{row_id}/{column}": value for column, value in row.items()})
            else:
                out[f"/tables/{table_id}/{row_id}"] = row
    return out


def _unread(table: str, row: str, columns: tuple[str, ...]) -> list[str]:
    return [f"/tables/{table}/{row}/{column}" for column in columns]


ART20_1_2021 = ("issued", "repealed", "in_force")
ART20_1_2019 = ("new_made", "new_published", "total_published")
YEARLY = ("previous_year", "change", "decisions")

# document -> (transcription, {diagnostic (code, pointer): (reason, cells it leaves absent)},
#              other import diagnostics the document earns)
CASES = {
    "pingtan-2021.page.txt": (
        "tests/data/transcriptions/pingtan-2021.json",
        {
            ("I031", "/tables/art20_1/normative_docs"): (
                "run 行政规范性文件693665: 10 readings of 3 cells, table 2 has no relation to choose one",
                _unread("art20_1", "normative_docs", ART20_1_2021)),
        },
        [],
    ),
    "pingtan/2019/page.txt": (
        "sample_reports/pingtan-2019.json",
        {
            ("I031", "/tables/art20_1/normative_docs"): ("run 规范性文件898989: 6 readings, no relation in the table",
                                                          _unread("art20_1", "normative_docs", ART20_1_2019)),
            ("I031", "/tables/art20_5/licensing"): ("run 行政许可3960181: 11 readings", _unread("art20_5", "licensing", YEARLY)),
            ("I031", "/tables/art20_5/other_services"): ("run 100153: 4 readings", _unread("art20_5", "other_services", YEARLY)),
            ("I031", "/tables/art20_6/penalties"): ("run 行政处罚26480430: 16 readings", _unread("art20_6", "penalties", YEARLY)),
            ("I031", "/tables/art20_6/enforcement"): ("run 行政强制126025: 7 readings", _unread("art20_6", "enforcement", YEARLY)),
            ("I031", "/tables/art20_8/fees"): ("run 行政事业性收费350: 3|50 or 35|0", _unread("art20_8", "fees", ("previous_year", "change"))),
            ("I031", "/tables/art20_9/procurement"): (
                "run 政府集中采购13575394432.52元 (the unit printed in the cell, then the next part's heading): "
                "10 readings, no relation in the table", _unread("art20_9", "procurement", ("projects", "amount"))),
        },
        [],
    ),
    "shanghai-kewei-2024.pdf-extract.md": ("sample_reports/shanghai-kewei-2024.json", {}, []),
    "shanghai-govoffice-2025.pdf-extract.md": (
        "tests/data/transcriptions/shanghai-govoffice-2025.json",
        {
            # The transcriber placed the two noted figures (22（其中修订 16 件）, 55（含自然失效 29 件）),
            # printed as loose lines above the table, by the meaning of their notes; the rows
            # print 2 figures for 3 columns and the format has no relation to tell which is missing.
            ("I020", "/tables/art20_1/rules"): ("| 规章 | 22 | 235 |: 2 figures for 3 columns", _unread("art20_1", "rules", ART20_1_2021)),
            ("I020", "/tables/art20_1/normative_docs"): ("| 行政规范性文件 | 34 | 189 |: 2 figures for 3 columns",
                                                          _unread("art20_1", "normative_docs", ART20_1_2021)),
        },
        [],
    ),
    "shuyang-county-2025.extract.txt": ("tests/data/transcriptions/shuyang-county-2025.json", {}, []),
}


def _import(name: str):
    path = ORIGINALS / name
    return assemble(text.read(path.read_bytes(), str(path), markdown=path.suffix == ".md"), ImportOptions())


@pytest.mark.parametrize("name", list(CASES))
def test_tables_equal_the_transcription_except_the_unreadable_cells(name):
    transcription, unreadable, others = CASES[name]
    want = json.loads((ROOT / transcription).read_text(encoding="utf-8"))
    result = _import(name)
    assert result.report["format"] == want["format"]
    absent = {cell for _, cells in unreadable.values() for cell in cells}
    expected = {k: v for k, v in _cells(want["tables"]).items() if k not in absent}
    got = _cells(result.report["tables"])
    assert got == expected
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}  # 0 is not 0.0
    assert not absent & set(got)
    # each absent cell has its diagnostic, and the import says nothing else about the tables
    assert sorted((p.code, p.pointer) for p in result.problems) == sorted([*unreadable, *others])


def test_unlabelled_rows_are_placed_only_where_the_format_order_leaves_one_place():
    """上海市科委 2024: eleven 表三 rows and 表四's one row have lost their labels; each gap
    between labelled rows holds exactly the missing rows' cells. Move one unlabelled row
    into another gap and neither gap fits: its figures are not imported (I018)."""
    path = ORIGINALS / "shanghai-kewei-2024.pdf-extract.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = lines.index("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |")  # （三）5.属于三类内部事务信息, unlabelled
    moved = lines[:row] + lines[row + 2:]
    at = moved.index("| 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |") + 1
    moved[at:at] = [lines[row], lines[row + 1]]
    result = assemble(text.read("\n".join(moved).encode(), "moved.md", markdown=True), ImportOptions())
    requests = result.report["tables"]["requests"]
    assert "withheld_internal" not in requests  # its place has no row left
    assert "unable_not_held" not in requests and "unable_unclear" not in requests  # 4 rows for 3 places
    assert requests["withheld_query"]["natural_person"] == 0 and requests["not_processed_petition"]["total"] == 0
    i018 = [p for p in result.problems if p.code == "I018"]
    assert len(i018) == 4 and all(p.pointer == "/tables/requests" for p in i018)
    assert ("I012", "/tables/requests/withheld_internal") in [(p.code, p.pointer) for p in result.problems]


def test_the_relations_used_to_read_the_pingtan_runs_are_reported_not_checked():
    result = _import("pingtan-2021.page.txt")
    read_with = {(e["rule"], e["pointer"]) for e in result.report["read_with"]}
    # 表三: the row total read every row whose run was not all single digits; the results
    # total (with the row total) chose between the two readings of 予以公开 and 本机关不掌握;
    # 表四: its one run of 17 digits read as three rows by the three group totals.
    assert read_with == {
        ("T203", "/tables/requests/new"), ("T203", "/tables/requests/disclosed"),
        ("T203", "/tables/requests/unable_not_held"), ("T203", "/tables/requests/results_total"),
        ("T202", "/tables/requests/disclosed"), ("T202", "/tables/requests/unable_not_held"),
        ("T204", "/tables/review_litigation/review"), ("T204", "/tables/review_litigation/lawsuit_direct"),
        ("T204", "/tables/review_litigation/lawsuit_after_review"),
    }
    report = dict(result.report, metadata={**result.report["metadata"], "region": "平潭综合实验区"})
    found = {(d.code, d.pointer) for d in check_bytes(json.dumps(report, ensure_ascii=False).encode(), "pingtan.json")}
    assert {("I032", pointer) for _, pointer in read_with} <= found
    assert not {(code, pointer) for code, pointer in found if code in ("T202", "T203", "T204")}


def test_an_ordinal_stuck_to_the_previous_run_leaves_its_label_anchored():
    """"…属于国家秘密0000000" + "2.其他…" reads "00000002" and ".其他…": the row after it is still found."""
    result = _import("pingtan-2021.page.txt")
    requests = result.report["tables"]["requests"]
    assert requests["withheld_prohibited"] == {c: 0 for c in requests["withheld_state_secret"]}
    assert requests["withheld_internal"]["natural_person"] == 1 and requests["withheld_process"]["total"] == 0
    assert result.places["/tables/requests/withheld_prohibited"].line == 10
    assert not [p for p in result.problems if p.code in ("I012", "I013", "I018")]
