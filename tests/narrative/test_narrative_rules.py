"""The narrative rules on small reports: readings, bounds, sub-units, decompositions,
percentages, quotations and positions. Sentences are real (see tests/data/corpus) unless
marked as altered."""

from __future__ import annotations

import json

import pytest

from golocheck.api import check_bytes
from golocheck.engine import Selection
from golocheck.formats import get_format
from golocheck.narrative.document import quote
from golocheck.templates import apply_patch, skeleton

NARRATIVE = Selection(select=("narrative",))


def findings(text: str, format_id: str = "gov-2021", tables: dict | None = None, code: str | None = None, **patch):
    report = apply_patch(skeleton(get_format(format_id)), {"sections": [{"heading": "一、总体情况", "text": text}], "tables": tables or {}, **patch})
    found = check_bytes(json.dumps(report, ensure_ascii=False).encode(), "r.json", selection=NARRATIVE)
    return [d for d in found if code is None or d.code == code]


# ------------------------------------------------------------------ text against the table

HUAIAN = "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以答复。"
HUAIAN_TABLE = {"requests": {"new": {"total": 3119}, "carried_over": {"total": 34}, "results_total": {"total": 3050}, "carried_forward": {"total": 103}}}


def test_answered_including_carried_over_agrees():
    assert findings(HUAIAN, tables=HUAIAN_TABLE, code="N001") == []


@pytest.mark.parametrize("row, value", [("results_total", 3049), ("carried_forward", 10), ("carried_over", 30)])
def test_each_figure_of_the_sentence_is_compared(row, value):
    tables = json.loads(json.dumps(HUAIAN_TABLE))
    tables["requests"][row]["total"] = value
    (d,) = findings(HUAIAN, tables=tables, code="N001")
    assert d.related[0].pointer == f"/tables/requests/{row}/total"


def test_received_may_be_new_plus_carried_over():
    text = "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件。"
    tables = {"requests": {"new": {"natural_person": 705, "commercial": 3, "legal_services": 5, "total": 713},
                           "carried_over": {"natural_person": 36, "total": 36}}}
    assert findings(text, tables=tables, code="N001") == []
    tables["requests"]["carried_over"] = {"natural_person": 30, "total": 30}  # altered: 713 + 30 = 743
    (d,) = [d for d in findings(text, tables=tables, code="N001") if "749" in d.args["figure"]]
    assert "本年新收·总计 713；或 本年新收·总计 713 + 上年结转·总计 30 = 743" in d.message.zh


def test_a_wholly_blank_table_is_not_compared():
    assert [d for d in findings(HUAIAN, tables={"requests": "$blank"}) if d.code in ("N001", "N016", "N018")] == []


def test_a_blank_total_is_read_from_the_applicant_columns():
    # 总计 left blank in every row; the columns add up to the text's figures: nothing to say
    tables = {"requests": {row: {"natural_person": value, "total": None} for row, value in
                           (("new", 3119), ("carried_over", 34), ("results_total", 3050), ("carried_forward", 103))}}
    tables["requests"]["disclosed"] = {"natural_person": 3050, "total": 3050}  # the result rows add up to 总计
    assert [d.code for d in findings(HUAIAN, tables=tables) if d.code in ("N001", "N016", "N018")] == []
    tables["requests"]["results_total"]["natural_person"] = 3000  # altered: 答复 3050, the columns give exactly 3000
    tables["requests"]["disclosed"] = {"natural_person": 3000, "total": 3000}
    (d,) = findings(HUAIAN, tables=tables, code="N001")
    assert d.args["figure"] == "3050 件" and d.related[0].pointer == "/tables/requests/results_total/total"
    assert "办理结果总计·总计 空白（可取 3000）" in d.message.zh and "blank cells" in d.message.en


def test_a_sub_unit_figure_must_be_at_most_the_table():
    text = "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。"
    assert findings(text, tables={"requests": {"new": {"total": 95}}}, code="N001") == []
    (d,) = findings(text, tables={"requests": {"new": {"total": 12}}}, code="N001")  # altered
    assert "下属单位" in d.message.zh


@pytest.mark.parametrize("table, fires", [(5332, True), (5333, False), (5400, False)])
def test_approximations_are_bounds(table, fires):
    text = "州内主要媒体共播发政府新闻信息超过 5332 余条。"
    found = findings(text, "gov-2014", {"statistics": {"channel_other": table}}, code="N001")
    assert bool(found) == fires


def test_an_amount_in_yuan_against_wan_yuan():
    text = "全年收取政府信息公开费用 500 元。"
    assert findings(text, "gov-2014", {"statistics": {"fees_collected": 0.05}}, code="N001") == []
    assert findings(text, "gov-2014", {"statistics": {"fees_collected": 5}}, code="N001")


def test_services_are_not_requests():
    text = "2018 年，共受理办件量 12515 件，办结12140件，办结率 97%。"
    assert findings(text, "gov-2014", {"statistics": {"requests_received": 0, "requests_closed": 0}}) == []


def test_the_finding_marks_the_figure_and_gives_its_offset():
    text = "2018年，果洛州通过多种途径主动公开各类政府信息 9210条，规范性文件 51份。"
    (d,) = findings(text, "gov-2014", {"statistics": {"proactive_total": 9000, "proactive_normative_docs": 51}}, code="N001")
    assert d.args["quote"] == "2018年，果洛州通过多种途径主动公开各类政府信息 【9210条】，规范性文件 51份"
    assert text[d.args["offset"]:].startswith("9210条") and d.args["position"] == d.args["offset"] + 1
    assert d.pointer == "/sections/0/text" and d.related[0].pointer == "/tables/statistics/proactive_total"
    assert d.line is not None  # the engine maps the pointer to the text value's line


# ------------------------------------------------------------------ statements

def test_statement_against_a_positive_cell():
    (d,) = findings("全州没有依申请政府信息公开的案例。", "gov-2014", {"statistics": {"requests_received": 2}}, code="N006")
    assert d.related[0].pointer == "/tables/statistics/requests_received"
    assert findings("全州没有依申请政府信息公开的案例。", "gov-2014", code="N006") == []


def test_not_corrected_is_not_no_reviews():
    text = "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"
    assert findings(text, tables={"review_litigation": {"review": {"upheld": 50, "total": 50}}}, code="N006") == []
    assert findings(text, tables={"review_litigation": {"review": {"corrected": 1, "total": 1}}}, code="N006")


# ------------------------------------------------------------------ decompositions and percentages

@pytest.mark.parametrize(
    "text, codes",
    [
        ("清理涉嫌长期未经营的企业 10户，其中 8 户企业已自行补报年报公示，4户企业进行了吊销处理。", ["N002"]),
        ("全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。", []),
        ("今年共发布380条财政资金信息，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。", []),
        ("共发布政策及解读信息 477余条，其中果洛政策及解读 122条。", []),  # 477余 has no upper bound
        ("办结 1191 件（含上年结转 189 件），均在法定期限内答复。其中，予以公开及部分公开 208 件，不予公开 20 件，无法提供 564 件，不予处理 80 件，其他处理 319 件。", []),
        ("办结 1191 件（含上年结转 189 件），均在法定期限内答复。其中，予以公开 208 件，不予公开 20 件，其他处理 300 件。", ["N003"]),  # altered
        ("全年共审核发布各类公开政府信息249条，其中：发布行政公文和政策解读信息9条；机构设置和人事任免信息7条；重点工作39条；政府网站信息185条；政府信息公开制度1条。", []),
        ("发布各类信息 13528 条，总浏览量为 536 万，同比显著增长 82%，其中 47%来自海外。", []),
    ],
)
def test_decompositions(text, codes):
    assert [d.code for d in findings(text) if d.code in ("N002", "N003")] == codes


@pytest.mark.parametrize(
    "percent, fires",
    [("17.46%", None), ("17.5%", None), ("17.4%", "N019"), ("17%", None), ("18%", "N004"), ("17.47%", "N004"), ("41.5%", "N004")],
)
def test_percentages_within_the_rounding_shown(percent, fires):
    text = f"办结 1191 件（含上年结转 189 件），均在法定期限内答复。其中，予以公开及部分公开 208 件（{percent}），不予公开 20 件（1.68%）。"
    found = [d for d in findings(text) if d.code in ("N004", "N019")]  # 208 / 1191 = 17.464…%: 17.4% is cut off, not wrong
    assert [d.code for d in found] == ([fires] if fires else [])


def test_percentage_base_from_an_earlier_list_in_the_paragraph():
    text = "2016年全区主动公开政府信息3460条。其中，区管委会及区直各部门主动公开政府信息1822条，占53%。各乡镇主动公开政府信息1638条，占48%。"
    (d,) = findings(text, "gov-2014", code="N004")  # altered: 1638 / 3460 = 47.3%, the report says 47%
    assert "1638 ÷ 3460 = 47.3%" in d.message.zh


# ------------------------------------------------------------------ leftovers

def test_the_skeleton_placeholder_is_reported_once_per_section():
    report = skeleton(get_format("gov-2021"))
    found = check_bytes(json.dumps(report, ensure_ascii=False).encode(), "s.json", selection=Selection(select=("N009",)))
    assert len(found) == len(report["sections"])


@pytest.mark.parametrize("text, fires", [("二〇〇八年", False), ("XX县", True), ("××单位", True), ("有待补充", False), ("待补充", True)])
def test_placeholders(text, fires):
    assert bool(findings(f"{text}政府信息公开工作取得成效。", code="N009")) == fires


@pytest.mark.parametrize(
    "text, fires",
    [
        ("2021年，我们将采取以下措施加以改进。", True),
        ("2022年，我们将采取以下措施加以改进。", False),
        ("2021年，我市将政务公开工作纳入绩效考核。", False),  # 将 … 纳入: not a plan
    ],
)
def test_plan_years(text, fires):
    assert bool(findings(text, code="N010")) == fires


def test_same_count_twice_shows_both_places():
    text = "全州共有政务新媒 61个，发布各类信息 4211条。\n关停政务新媒体 8个。政务新媒 53个。"
    (d,) = findings(text, "gov-2014", code="N005")
    assert d.args["first"] == "61个" and d.args["second"] == "53个" and d.related[0].pointer == "/sections/0/text"


def test_quote_cuts_long_sentences():
    text = "甲" * 100 + "9210条" + "乙" * 100
    q = quote(text, 100, 105)
    assert q.startswith("……") and q.endswith("……") and "【9210条】" in q
