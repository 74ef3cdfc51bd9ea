"""Assembly of Documents shaped like the real originals (the national 2021 Word template's
grids 14x4, 28x10, 4x15 with merges; 洪泽's one-row （六）; a 2019 and a 2014 table) into
report data, cell for cell equal to the hand transcriptions in sample_reports/, and the
mutations of those documents that must give an import diagnostic, never a shifted table."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from golocheck.formats import get_format
from golocheck.importing import ImportOptions
from golocheck.importing.assemble import assemble

from .docs import document, grid, national_2021_document, sample, statistics_2014, table2_2021, table2_from_format, table3_2021, table4


def codes(result):
    return [(p.code, p.pointer) for p in result.problems]


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_hongze_one_row_other_imports_as_printed_and_is_reported(name):
    report = sample(name)
    result = assemble(national_2021_document(report, one_row_other=True), ImportOptions())
    assert result.report["tables"] == report["tables"]
    assert codes(result) == [("I016", "/tables/requests/other")]
    assert "3.其他" in result.problems[0].args["absent"]
    assert result.report["format"] == "gov-2021"
    assert result.report["sections"] == report["sections"]


def test_full_2021_layout_imports_without_findings_and_places_every_cell():
    report = sample("clean-gov-2021")
    result = assemble(national_2021_document(report), ImportOptions())
    assert result.report["tables"] == report["tables"]
    assert result.problems == []
    place = result.places["/tables/requests/new/total"]
    assert (place.table, place.row, place.column) == (2, 4, 10)
    assert result.places["/tables/review_litigation/lawsuit_after_review/total"].column == 15
    assert result.places["/tables/art20_8/fees/amount"].row == 14
    assert "/sections/0/text" in result.places and "/metadata/title" in result.places


def test_a_2019_report_imports_in_its_format():
    report = sample("pingtan-2019")
    fmt = get_format("gov-2019")
    doc = document(
        "平潭综合实验区2019年政府信息公开工作年度报告",
        "一、总体情况", "概述。",
        "二、主动公开政府信息情况", grid(table2_from_format(fmt, report["tables"]), 1),
        "三、收到和处理政府信息公开申请情况", grid(table3_2021(report["tables"], one_row_other=True), 2),
        "四、政府信息公开行政复议、行政诉讼情况", grid(table4(report["tables"]), 3),
        "五、存在的主要问题及改进情况", "问题。", "六、其他需要报告的事项", "无。",
    )
    result = assemble(doc, ImportOptions())
    assert result.report["format"] == "gov-2019"
    assert result.report["tables"] == report["tables"]
    assert [p.code for p in result.problems] == ["I050"]  # no period printed: the title's year, said once


def test_a_2014_statistics_table_imports_with_its_unit_column_skipped():
    report = sample("clean-gov-2014")
    fmt = get_format("gov-2014")
    doc = document(report["metadata"]["title"], "一、概述", "文字。", grid(statistics_2014(fmt, report["tables"]["statistics"]), 1))
    result = assemble(doc, ImportOptions())
    assert result.report["format"] == "gov-2014"
    assert result.report["tables"] == report["tables"]
    assert [p.code for p in result.problems] == ["I050"]  # no period printed: the title's year, said once


# --- printed labels and values as publishers print them --------------------------------


def _table3(report=None, edit=None):
    report = report or sample("clean-gov-2021")
    rows = table3_2021(report["tables"])
    if edit:
        edit(rows)
    return report, national_2021_document(report, table3=rows)


def _row(rows, label):
    return next(i for i, r in enumerate(rows) if label in r)


def test_misprinted_spaced_wrapped_and_renumbered_labels_still_anchor_and_the_printed_label_is_kept():
    def edit(rows):
        rows[_row(rows, "2.其他法律行政法规禁止公开")][2] = "2.其他法律行政止公开"
        rows[_row(rows, "（七）总计")][1] = "（七）总 计"
        rows[_row(rows, "1.信访举报投诉类申请")][2] = "1、信访举报\n投诉类申请"
        rows[2][4] = "商业\n企业"

    report, doc = _table3(edit=edit)
    result = assemble(doc, ImportOptions())
    assert result.report["tables"] == report["tables"]
    assert result.problems == []
    assert result.report["printed_labels"] == {"/tables/requests/withheld_prohibited": "2.其他法律行政止公开"}


def test_values_are_never_cleaned():
    report = sample("hongze-2023")
    def edit(rows):
        new = _row(rows, "一、本年新收政府信息公开申请数量")
        rows[new][3:6] = ["9210条", "/", ""]
        rows[_row(rows, "二、上年结转政府信息公开申请数量")][3:5] = ["—", "无"]
    rows = table3_2021(report["tables"], one_row_other=True)
    edit(rows)
    result = assemble(national_2021_document(report, table3=rows), ImportOptions())
    new = result.report["tables"]["requests"]["new"]
    assert (new["natural_person"], new["commercial"], new["research"]) == ("9210条", "/", None)
    carried = result.report["tables"]["requests"]["carried_over"]
    assert (carried["natural_person"], carried["commercial"]) == ("—", "无")
    assert result.report["tables"]["art20_8"]["fees"]["amount"] == 7730.28
    assert result.report["tables"]["requests"]["new"]["total"] == 21


# --- mutations: each its diagnostic, nothing shifted ------------------------------------


def test_a_deleted_row_is_missing_and_the_rows_after_it_keep_their_figures():
    report = copy.deepcopy(sample("clean-gov-2021"))
    report["tables"]["requests"]["withheld_security"]["natural_person"] = 7  # tell the neighbours apart
    report["tables"]["requests"]["withheld_third_party"]["natural_person"] = 9
    _, doc = _table3(report, lambda rows: rows.pop(_row(rows, "3.危及“三安全一稳定”")))
    result = assemble(doc, ImportOptions())
    assert codes(result) == [("I012", "/tables/requests/withheld_security")]
    tables = result.report["tables"]["requests"]
    assert "withheld_security" not in tables
    assert tables["withheld_third_party"]["natural_person"] == 9


def test_two_swapped_columns_are_reported_and_not_imported():
    report = copy.deepcopy(sample("clean-gov-2021"))
    report["tables"]["requests"]["new"]["commercial"] = 3

    def swap(rows):
        for r in rows[2:]:
            r[4], r[5] = r[5], r[4]

    _, doc = _table3(report, swap)
    result = assemble(doc, ImportOptions())
    assert codes(result) == [("I015", "/tables/requests"), ("I015", "/tables/requests")]
    assert {p.args["column"] for p in result.problems} == {"商业企业", "科研机构"}
    new = result.report["tables"]["requests"]["new"]
    assert "commercial" not in new and "research" not in new
    assert new["natural_person"] == report["tables"]["requests"]["new"]["natural_person"]


def test_a_blanked_cell_is_null_not_zero():
    _, doc = _table3(edit=lambda rows: rows[_row(rows, "（一）予以公开")].__setitem__(9, "\u3000\u3000"))
    result = assemble(doc, ImportOptions())
    assert result.report["tables"]["requests"]["disclosed"]["total"] is None
    # blank, never 0 — and reported where it is, since its row and column hold figures (I021)
    assert codes(result) == [("I021", "/tables/requests/disclosed/total")]


def test_a_column_left_blank_throughout_is_layout_not_a_lone_blank():
    def blank_column(rows):
        for i in range(_row(rows, "一、本年新收政府信息公开申请数量"), len(rows)):
            rows[i][4] = "\u3000\u3000"

    _, doc = _table3(edit=blank_column)
    result = assemble(doc, ImportOptions())
    assert result.report["tables"]["requests"]["new"]["commercial"] is None
    assert result.problems == []


def test_two_merged_rows_are_reported_and_absent():
    def merge(rows):
        i = _row(rows, "1.属于国家秘密")
        rows[i] = ["^", rows[i][1], "1.属于国家秘密\n2.其他法律行政法规禁止公开", *("0\n0" for _ in range(7))]
        del rows[i + 1]

    _, doc = _table3(edit=merge)
    result = assemble(doc, ImportOptions())
    assert codes(result) == [("I019", "/tables/requests/withheld_state_secret")]
    tables = result.report["tables"]["requests"]
    assert "withheld_state_secret" not in tables and "withheld_prohibited" not in tables


def test_a_figure_cell_merged_across_two_columns_is_absent_with_a_reason():
    _, doc = _table3(edit=lambda rows: rows[_row(rows, "（一）予以公开")].__setitem__(9, "<"))
    result = assemble(doc, ImportOptions())
    assert codes(result) == [("I020", "/tables/requests/disclosed/total")]
    assert "total" not in result.report["tables"]["requests"]["disclosed"]


def test_a_missing_table_is_reported_for_each_of_its_blocks():
    report = sample("clean-gov-2021")
    doc = national_2021_document(report)
    doc = type(doc)(doc.path, doc.kind, tuple(i for i in doc.items if getattr(i, "number", 0) != 3), doc.meta)
    result = assemble(doc, ImportOptions())
    assert codes(result) == [("I011", "/tables/review_litigation")]


def test_text_frames_are_ignored_and_a_continuation_is_joined():
    report = sample("clean-gov-2021")
    rows = table3_2021(report["tables"])
    first, rest = rows[:15], rows[15:]
    rest = [[("" if c == "^" else c) for c in r] for r in rest]  # a continuation's merged labels come out empty
    frame = grid([["第一段正文"], ["第二段正文"]], 9)
    doc = national_2021_document(report)
    items = []
    for item in doc.items:
        if getattr(item, "number", None) == 2:
            items += [frame, grid(first, 2), "-3-", grid(rest, 4)]
        else:
            items.append(item)
    result = assemble(document(*[(i.text if hasattr(i, "text") and not hasattr(i, "rows") else i) for i in items]), ImportOptions())
    assert result.report["tables"] == report["tables"]
    assert result.problems == []


# --- format detection ----------------------------------------------------------------


def test_tables_of_another_format_than_the_year_s_are_a_finding():
    report = sample("clean-gov-2021")
    doc = national_2021_document(dict(report, metadata=dict(report["metadata"], title="示例县人民政府2018年政府信息公开工作年度报告")))
    result = assemble(doc, ImportOptions())
    assert ("I017", "/format") in codes(result)
    assert result.report["format"] == "gov-2021" and result.report["metadata"]["report_year"] == 2018


def test_the_format_option_overrides_detection():
    report = sample("clean-gov-2021")
    result = assemble(national_2021_document(report), ImportOptions(format="gov-2019"))
    assert result.report["format"] == "gov-2019"
    assert ("I017", "/format") not in codes(result)
    assert ("I015", "/tables/art20_1") in codes(result)  # the 2021 columns do not fit 2019's


def test_a_document_without_tables_or_headings_is_not_a_report():
    result = assemble(document("会议通知", "请各单位参加。"), ImportOptions())
    assert result.report is None and codes(result) == [("I010", "")]


# --- a province's own format: data only --------------------------------------------------


def test_a_relabelled_copy_of_a_format_in_an_extra_directory_imports_without_code(tmp_path: Path):
    source = Path(get_format("gov-2021").source)
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    raw["id"], raw["national"] = "province-2021", False
    table = next(t for t in raw["tables"] if t["id"] == "requests")
    table["id"] = "applications"
    table["rows"][0]["label"] = "一、本年度新收到的申请数量"
    for printed in raw["printed"]:
        for block in printed["blocks"]:
            if block["table"] == "requests":
                block["table"] = "applications"
    (tmp_path / "province-2021.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    report = sample("clean-gov-2021")

    def relabel(rows):
        rows[_row(rows, "一、本年新收政府信息公开申请数量")][0:3] = ["一、本年度新收到的申请数量", "<", "<"]

    _, doc = _table3(report, relabel)
    result = assemble(doc, ImportOptions(format="province-2021"), extra_formats=(tmp_path,))
    assert result.report["format"] == "province-2021"
    assert result.report["tables"]["applications"] == report["tables"]["requests"]
    assert result.problems == []
