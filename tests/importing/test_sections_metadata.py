"""Sections by ordinal and the format's phrases (inline in flattened text too, never at
一是), tables and page furniture kept out of the text; metadata only as printed."""

from __future__ import annotations

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
        "issuer": "沭阳县发展和改革局", "issuer_kind": "政府部门",
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
