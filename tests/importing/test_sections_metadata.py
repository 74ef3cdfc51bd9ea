"""Sections by ordinal and the format's phrases (inline in flattened text too, never at
一是), tables and page furniture kept out of the text; metadata only as printed."""

from __future__ import annotations

import pytest

from golocheck.importing import ImportOptions
from golocheck.importing.assemble import assemble

from .docs import document, grid, sample, table2_2021


def _headings(result):
    return [s["heading"] for s in result.report["sections"]]


def test_headings_in_flattened_text_split_the_block_and_yi_shi_is_not_a_heading():
    doc = document(
        "某县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况 一是加强领导。二是完善制度。二、主动公开政府信息情况 见下表。三、收到和处理政府信息公开申请情况"
        " 全年收到申请3件。四、政府信息公开行政复议、行政诉讼情况 无。五、存在的主要问题及改进情况 问题。六、其他需要报告的事项 无。",
    )
    result = assemble(doc, ImportOptions())
    assert _headings(result) == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    assert result.report["sections"][0]["text"] == "一是加强领导。二是完善制度。"


def test_ordinals_only_increase_and_page_furniture_and_table_captions_are_dropped():
    report = sample("clean-gov-2021")
    doc = document(
        "某县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况", "正文第一段。", "-1-",
        "二、主动公开政府信息情况", "第二十条第（一）项", grid(table2_2021(report["tables"]), 1),
        "一、主动公开情况", "— 2 —",
        "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    )
    result = assemble(doc, ImportOptions())
    assert _headings(result) == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    assert [s["text"] for s in result.report["sections"]] == ["正文第一段。", "一、主动公开情况", ""]


def test_metadata_from_title_preamble_and_signature_block():
    doc = document(
        "沭阳县发展和改革局2023年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况", "正文。",
        "沭阳县发展和改革局", "2024年1月17日",
    )
    result = assemble(doc, ImportOptions())
    meta = result.report["metadata"]
    assert meta == {
        "title": "沭阳县发展和改革局2023年政府信息公开工作年度报告", "report_year": 2023,
        "issuer": "沭阳县发展和改革局", "issuer_kind": "政府部门", "issuer_kind_inferred": True,  # read from the name (…局)
        "period": {"start": "2023-01-01", "end": "2023-12-31"}, "published_on": "2024-01-17",
    }
    assert result.report["sections"][0]["text"] == "正文。"  # the signature is not prose
    assert "region" not in meta  # not printed, not invented


def test_a_page_publication_date_counts_and_a_pdf_creation_date_does_not():
    body = ("某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "正文。")
    assert assemble(document(*body, meta={"PubDate": "2024-01-20 09:00"}), ImportOptions()).report["metadata"]["published_on"] == "2024-01-20"
    assert "published_on" not in assemble(document(*body, meta={"CreationDate": "D:20240226"}), ImportOptions()).report["metadata"]


def test_options_override_what_the_document_says():
    doc = document("某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "正文。")
    options = ImportOptions(year=2022, issuer="某县人民政府办公室", issuer_kind="政府部门", region="某省某县", published_on="2023-01-30")
    meta = assemble(doc, options).report["metadata"]
    assert (meta["report_year"], meta["issuer"], meta["issuer_kind"], meta["region"], meta["published_on"]) == (2022, "某县人民政府办公室", "政府部门", "某省某县", "2023-01-30")
    assert "issuer_kind_inferred" not in meta  # stated by --issuer-kind


@pytest.mark.parametrize("issuer, kind", [
    ("沭阳县人民政府", "人民政府"), ("沭阳县发展和改革局", "政府部门"), ("上海市科学技术委员会", "政府部门"),
    ("平潭综合实验区管委会", "管委会或派出机关"), ("某经济技术开发区管理委员会", "管委会或派出机关"), ("某区某街道办事处", "管委会或派出机关"),
    ("平潭综合实验区管委会办公室", None), ("某县人民政府办公室", None), ("某市住房公积金管理中心", None),
])
def test_the_kind_is_inferred_only_where_the_name_settles_it(issuer, kind):
    doc = document("2023年政府信息公开工作年度报告", "一、总体情况", "正文。")
    meta = assemble(doc, ImportOptions(issuer=issuer)).report["metadata"]
    assert meta.get("issuer_kind") == kind and meta.get("issuer_kind_inferred") is (True if kind else None)


def test_a_reports_own_part_heading_counts_and_a_section_label_may_restart_the_numbering():
    # 上海市科委 2024: parts of its own (二、工作机制保障), then its table parts numbered anew
    doc = document(
        "2024 年上海市科委政府信息公开工作年度报告",
        "一、总体情况", "正文一。", "二、工作机制保障", "正文二。",
        "一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况",
        "三、本年度办理结果",  # a table's row label left loose: not a heading (三 is not after 二 … and no section's words)
        "五、其他需要报告的事项", "无。",
    )
    assert _headings(assemble(doc, ImportOptions())) == [
        "一、总体情况", "二、工作机制保障", "一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "五、其他需要报告的事项",
    ]


def test_a_heading_inside_a_flattened_tables_label_cell_starts_its_section_and_the_cell_stays_table_text():
    doc = document(
        "某县人民政府2021年政府信息公开工作年度报告",
        "一、总体情况 正文。",
        grid([["二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章", "000"],
              ["三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和）一、本年新收政府信息公开申请数量", "640020470"],
              ["四、结转下年度继续办理", "1000001"]], 1, flattened=True),
        "五、存在的主要问题及改进情况 问题。六、其他需要报告的事项 无。 附件下载",
    )
    result = assemble(doc, ImportOptions(year=2021))
    assert _headings(result) == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                 "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert [s["text"] for s in result.report["sections"]] == ["正文。", "", "", "问题。", "无。"]  # site chrome 附件下载 dropped


def test_loose_table_lines_of_an_extraction_are_table_text_and_a_note_is_too():
    report = sample("clean-gov-2021")
    doc = document(
        "某县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况", "正文。",
        "二、主动公开政府信息情况", "第二十条第（一）项", "22", "（其中修订 16 件）", "行政许可 0", "表二：主动公开政府信息情况",
        grid(table2_2021(report["tables"]), 1),
        "三、收到和处理政府信息公开申请情况", "注：本表数据含上年度结转数量。", grid(table2_2021(report["tables"]), 2),
        "（一）存在问题的改进情况", "针对上一年度工作中存在的主要问题，重点采取如下改进措施并已全部落实到位。",
    )
    sections = assemble(doc, ImportOptions()).report["sections"]
    assert [s["text"] for s in sections] == [
        "正文。", "", "（一）存在问题的改进情况\n针对上一年度工作中存在的主要问题，重点采取如下改进措施并已全部落实到位。",
    ]


def test_a_saved_pages_header_and_chrome_are_metadata_not_preamble():
    doc = document(
        "标题: 平潭综合实验区2021年度政府信息公开工作年度报告", "发布时间: 2022-02-08 16:34", "栏目: 政府信息公开年报",
        "当前位置： 首页政务公开 平潭综合实验区2021年度政府信息公开工作年度报告 来源：某县人民政府 时间：2022-02-08 微信 -->"
        " 根据《中华人民共和国政府信息公开条例》要求，我区编制完成了本报告。本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
        "一、总体情况", "正文。",
    )
    report = assemble(doc, ImportOptions()).report
    assert report["metadata"] == {
        "title": "平潭综合实验区2021年度政府信息公开工作年度报告", "report_year": 2021, "issuer": "平潭综合实验区",
        "period": {"start": "2021-01-01", "end": "2021-12-31"}, "published_on": "2022-02-08",
    }  # no issuer_kind: the zone's name does not settle it
    assert report["preamble"].startswith("根据《中华人民共和国政府信息公开条例》")


def test_a_title_broken_over_two_lines_a_title_block_and_a_period_without_the_end_year():
    doc = document(
        "正文", "2025 年上海市人民政府办公厅政府信息公开", "工作年度报告",
        "本年度报告中所列数据统计期限为 2025", "年 1 月 1 日至 12 月 31 日。",
        "一、总体情况", "正文。",
    )
    meta = assemble(doc, ImportOptions()).report["metadata"]
    assert meta == {"title": "2025 年上海市人民政府办公厅政府信息公开工作年度报告", "report_year": 2025,
                    "issuer": "上海市人民政府办公厅", "period": {"start": "2025-01-01", "end": "2025-12-31"}}
    doc = document("某县人民政府 2025 年 政府信息公开工作年度报告", "某县人民政府", "(2026年1月23日)", "依据条例编制本报告。", "一、总体情况", "正文。")
    report = assemble(doc, ImportOptions()).report
    assert (report["metadata"]["issuer"], report["metadata"]["published_on"], report["preamble"]) == ("某县人民政府", "2026-01-23", "依据条例编制本报告。")
