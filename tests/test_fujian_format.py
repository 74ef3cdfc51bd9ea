"""The province format fujian-2008 (Fujian's pre-2019 table 指标名称 / 计量单位 / 本年度 / 历年累计):
found by the importer from the table's own header row, read cell by cell as printed in the
平潭 2016 report, checked with its relations; the required contents of 条例(2008) shared with
gov-2014 through the format's `contents`; the year ↔ format check accepting both formats.
Nothing here teaches the code about Fujian: all of it is format and rule data."""

from __future__ import annotations

import json

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.formats import FormatError, all_formats, get_format
from golocheck.importing import ImportOptions, import_bytes
from helpers import ROOT

PAGES = ROOT / "tests" / "data" / "originals" / "pingtan" / "2016"

# The table exactly as page.html prints it (本年度 = the column headed "2016年度", 历年累计), row by row.
PRINTED = {
    "proactive_total": (3460, 85376),  # 主动公开文件数
    "proactive_website": (3460, 85376),  # 其中：1、政府网站公开数
    "proactive_gazette": (0, 0),
    "requests_received": (0, 0),
    "requests_in_person": (0, 0),
    "requests_online": (0, 0),
    "requests_letter_fax": (0, 0),
    "replies_total": (0, 0),
    "reply_disclosed": (0, 0),
    "reply_partly_disclosed": (0, 0),
    "reply_refused": (0, 0),
    "reply_other": (0, 0),
    "fees_reduced": (0, 0),
    "lawsuits_and_reports": (0, 0),
    "reviews": (0, 0),
    "lawsuits": (0, 0),
}


def _imported(name: str):
    path = PAGES / name
    return import_bytes(path.read_bytes(), str(path), "html" if name.endswith(".html") else "text", ImportOptions())


@pytest.fixture(scope="module")
def html_import():
    return _imported("page.html")


@pytest.fixture(scope="module")
def text_import():
    return _imported("page.txt")


def test_the_format_rows_are_the_printed_rows_in_order():
    table = get_format("fujian-2008").table("statistics")
    assert [row.id for row in table.rows] == list(PRINTED)
    assert [c for c, _ in table.columns] == ["this_year", "cumulative"]
    assert table.rows[1].label == "其中：1、政府网站公开数" and table.rows[12].cells[0].unit == "元"


def test_the_page_imports_as_fujian_2008_with_every_cell_as_printed(html_import):
    report = html_import.report
    assert report["format"] == "fujian-2008"  # found from the header row, the year (2016) fits gov-2014 too
    assert report["metadata"]["report_year"] == 2016
    cells = {row: (values["this_year"], values["cumulative"]) for row, values in report["tables"]["statistics"].items()}
    assert cells == PRINTED
    assert [p.code for p in html_import.problems] == []
    assert html_import.places["/tables/statistics/proactive_total/cumulative"].column == 4


def test_the_crawler_text_imports_as_fujian_2008_and_leaves_ambiguous_runs_unread(text_import):
    """page.txt runs the table together ("主动公开文件数条346085376"): 3460 | 85376 is one of
    three readings that 本年度 ≤ 历年累计 allows, so those two rows stay absent (I031), never
    guessed; every other row reads as printed, an ordinal stuck to its run ("…条002、网上…") included."""
    report = text_import.report
    assert report["format"] == "fujian-2008"
    table = report["tables"]["statistics"]
    assert table["proactive_total"] == {} and table["proactive_website"] == {}
    assert {row: (v["this_year"], v["cumulative"]) for row, v in table.items() if v} == {
        row: figures for row, figures in PRINTED.items() if row not in ("proactive_total", "proactive_website")}
    unread = sorted(p.pointer for p in text_import.problems if p.code == "I031")
    assert unread == ["/tables/statistics/proactive_total", "/tables/statistics/proactive_website"]
    assert {p.code for p in text_import.problems} == {"I031"}


def test_checking_the_imported_page_runs_the_relations(html_import):
    report = json.loads(json.dumps(html_import.report))
    report["tables"]["statistics"]["proactive_website"]["this_year"] = 3461  # one more than its whole
    report["tables"]["statistics"]["reviews"] = {"this_year": 1, "cumulative": 0}
    found = {(d.code, d.pointer) for d in check_bytes(json.dumps(report, ensure_ascii=False).encode(), "p.json")}
    assert ("T301", "/tables/statistics/proactive_website/this_year") in found
    assert ("T306", "/tables/statistics/reviews/this_year") in found
    assert not any(p.startswith("/tables/statistics/proactive_total") for _, p in found)  # the whole is not blamed


def test_the_fujian_relations_apply_to_fujian_2008_only():
    rules = load_catalogue()
    fujian = [code for code, rule in rules.items() if code.startswith("T3")]
    assert fujian and all(rules[code].formats == ("fujian-2008",) for code in fujian)
    assert rules["Y005"].formats == ("fujian-2008",) and rules["Y005"].check == "running_total"


def test_the_required_contents_of_2008_are_shared_through_the_format_data():
    formats = all_formats()
    assert formats["fujian-2008"].contents == formats["gov-2014"].contents == "regulations-2008"
    assert formats["fujian-2008"].sections == formats["gov-2014"].sections  # defined once, in gov-2014.yaml
    rules = load_catalogue()
    for code in ("S001", "S002", "S003"):
        assert rules[code].formats == ("gov-2014", "fujian-2008") and rules[code].contents == ("regulations-2008",)
    assert "gov-2019" not in rules["S001"].formats


def test_a_contents_set_no_format_defines_is_a_broken_definition(tmp_path):
    (tmp_path / "orphan.yaml").write_text(
        "id: orphan-2010\nreport_years: {first: 2010, last: 2012}\nnational: false\ncontents: regulations-1999\n"
        "tables: []\n", encoding="utf-8")
    with pytest.raises(FormatError, match="orphan.yaml: no format defines the sections of contents 'regulations-1999'"):
        all_formats((tmp_path,))


@pytest.mark.parametrize("format_id, year, fits", [("gov-2014", 2016, True), ("fujian-2008", 2016, True), ("fujian-2008", 2021, False)])
def test_the_year_fits_a_national_or_a_province_format(format_id, year, fits):
    report = {"format": format_id, "metadata": {"report_year": year}}
    found = [d for d in check_bytes(json.dumps(report).encode(), "r.json") if d.code == "M001"]
    assert [d.pointer for d in found] == ([] if fits else ["/format"])
    if not fits:
        assert "gov-2021" in found[0].message.zh and "fujian-2008" not in found[0].args["expected"].zh


def test_a_wrong_format_for_2016_names_both_valid_formats():
    report = {"format": "gov-2021", "metadata": {"report_year": 2016}}
    found = next(d for d in check_bytes(json.dumps(report).encode(), "r.json") if d.code == "M001")
    assert found.args["expected"].zh.startswith("gov-2014（") and "fujian-2008（2008–2018 年度" in found.args["expected"].zh
    assert "限福建省" in found.args["expected"].zh and "Fujian Province only" in found.args["expected"].en


def test_import_is_a_command_not_a_file_to_check():
    from golocheck.entry import plain_check

    assert plain_check(["import", "page.html"]) is None  # handed to the import command
    assert plain_check(["page.html"]) == {"files": [__import__("pathlib").Path("page.html")]}
