"""Parts, content statements, issuer kinds, printed labels and blank columns on small
variations of the clean 2021 sample: each test says where the finding fires (code and
pointer) and that the correct report is silent. Sentences are real (tests/data/corpus)
or realistic."""

from __future__ import annotations

import copy
import json

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.settings import CheckSettings, ISSUER_KINDS
from helpers import ROOT

CLEAN = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))


def run(patch=None, settings: CheckSettings = CheckSettings(), **replace):
    report = copy.deepcopy(CLEAN)
    for key, value in replace.items():
        report[key] = value
    if patch:
        patch(report)
    return check_bytes(json.dumps(report, ensure_ascii=False).encode(), "r.json", settings=settings)


def codes(found, *wanted):
    return [(d.code, d.pointer) for d in found if d.code in wanted]


def heading(index, text):
    def patch(report):
        report["sections"][index]["heading"] = text
    return patch


def test_the_clean_sample_is_clean():
    assert run() == []


# ------------------------------------------------------------------ 6. one heading per part


def test_a_sub_heading_never_stands_for_a_part():
    # （一）主动公开 is a sub-part of 总体情况: part 二 has no heading, while its tables are filled
    found = run(heading(1, "（一）主动公开"))
    assert codes(found, "S101", "S108") == [("S108", "/sections")]
    (d,) = [d for d in found if d.code == "S108"]
    assert d.related[0].pointer == "/tables/art20_1" and "二、主动公开政府信息情况" in d.message.zh


def test_one_heading_does_not_satisfy_two_parts():
    def merged(report):
        report["sections"][3]["heading"] = "四、行政复议、行政诉讼和存在的主要问题"
        report["sections"][3]["text"] = "本年度无行政复议、行政诉讼。"
        del report["sections"][4]
    # substring matching took the one heading for both parts; now part 五 is missing
    assert codes(run(merged), "S101", "S108") == [("S101", "/sections")]


def test_a_part_without_its_heading_but_with_its_content_is_heading_missing():
    def shanghai(report):  # 上海市科委 2024: "（一）主要问题……" follows table 4, no heading 五
        report["sections"][3]["text"] += "\n（一）主要问题\n政策解读形式还不够丰富。"
        del report["sections"][4]
    found = run(shanghai)
    assert codes(found, "S101", "S108") == [("S108", "/sections")]
    (d,) = [d for d in found if d.code == "S108"]
    assert d.severity.value == "warning" and d.related[0].pointer == "/sections/3/text" and "（一）主要问题" in d.message.zh


@pytest.mark.parametrize("index, slipped, slip", [
    (2, "三、收到和处理政府信息公开申请况", "少了“情”"),
    (5, "六、其他需要报告的的事项", "多了“的”"),
])
def test_a_one_character_slip_is_a_warning_naming_it(index, slipped, slip):
    found = run(heading(index, slipped))
    assert codes(found, "S107", "S101", "S103") == [("S107", f"/sections/{index}/heading")]
    assert slip in found[0].message.zh


def test_an_accepted_variant_is_no_slip():
    assert codes(run(heading(3, "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况")), "S107", "S103") == []


# ------------------------------------------------------------------ 7. content, not one word


def test_every_accepted_wording_finds_its_example():
    from golocheck.checks.sections import stated

    rules = [r for r in load_catalogue().values() if r.check in ("section_mentions", "report_mentions")]
    wordings = [(r.code, a, w) for r in rules for a in r.params.get("aspects", r.params.get("items", [])) for w in a.get("wordings", ())]
    assert len(wordings) >= 12
    for code, aspect, wording in wordings:
        assert stated(wording["example"], {"name": aspect["name"], "wordings": [wording]}), (code, wording)


def other_matters(text):
    def patch(report):
        report["sections"][5]["text"] = text
    return patch


@pytest.mark.parametrize("text", ["2023年度，县发展和改革局政府信息公开未发生收费情况。", "本机关依申请提供政府信息，未收取任何费用。",
                                  "依申请公开政府信息不收取任何费用。", "本年度未收取信息处理费。"])
def test_each_fee_statement_states_it(text):
    assert codes(run(other_matters(text)), "S106") == []


def test_no_fee_statement_is_reported():
    assert codes(run(other_matters("无。")), "S106") == [("S106", "/sections/5/text")]


def supervision(text):
    def patch(report):
        report["sections"][0]["text"] = report["sections"][0]["text"].rsplit("（五）", 1)[0] + text
    return patch


RESULTS = {"工作考核": "考核结果为优秀等次", "社会评议": "群众满意度为98.5%", "责任追究": "全年未发生责任追究情况"}


def test_the_three_results_are_each_required():
    assert codes(run(), "S105") == []
    for name in RESULTS:
        text = "（五）监督保障。" + "；".join(v for k, v in RESULTS.items() if k != name) + "。"
        (d,) = [d for d in run(supervision(text)) if d.code == "S105"]
        assert d.pointer == "/sections" and d.message.zh.endswith(f"未见：{name}")


@pytest.mark.parametrize("text", ["（五）监督保障。将县直单位信息公开工作纳入高质量发展考核。",  # 沭阳县 2025
                                  "（五）监督保障。建立健全政府信息公开工作考核制度、社会评议制度和责任追究制度。"])  # 果洛州 2018
def test_systems_are_not_results(text):
    (d,) = [d for d in run(supervision(text)) if d.code == "S105"]
    assert d.message.zh.endswith("未见：工作考核、社会评议、责任追究")


def test_a_word_in_passing_is_no_aspect():
    # 沭阳县 2025: "有效保障了群众的知情权、参与权和监督权" says nothing of 监督保障 work
    found = run(supervision("有效保障了群众的知情权、参与权和监督权。"))
    assert [(d.code, d.pointer, d.args["aspect"]) for d in found if d.code == "S104"] == [("S104", "/sections/0/text", "监督保障")]


# ------------------------------------------------------------------ 8. kinds of issuer


def metadata(**values):
    def patch(report):
        report["metadata"].update(values)
    return patch


@pytest.mark.parametrize("kind", ISSUER_KINDS)
def test_every_kind_is_valid_in_a_report(kind):
    assert codes(run(metadata(issuer_kind=kind)), "F007") == []


def test_an_area_body_has_no_statutory_deadline_and_is_told_so():
    found = run(metadata(issuer="平潭综合实验区管委会办公室", issuer_kind="管委会或派出机关", published_on="2025-05-20"))
    assert codes(found, "D001", "M007", "S105") == [("M007", "/metadata/published_on")]
    assert "第四十九条" in found[0].message.zh
    settings = CheckSettings(local_deadlines={"管委会或派出机关": "03-31"})
    (d,) = [d for d in run(metadata(issuer_kind="管委会或派出机关", published_on="2025-05-20"), settings) if d.code in ("D001", "M007")]
    assert (d.code, d.pointer, d.severity.value) == ("D001", "/metadata/published_on", "warning")


@pytest.mark.parametrize("kind", ["授权组织", "公共企事业单位"])
def test_art_54_and_55_bodies_are_not_asked_for_government_content(kind):
    def both(*patches):
        return lambda report: [p(report) for p in patches]

    no_results = supervision("（五）监督保障。无。")
    assert codes(run(no_results), "S105") == [("S105", "/sections")]  # a 人民政府: art. 50 (4)
    late = metadata(issuer_kind=kind, published_on="2025-05-20")
    assert codes(run(both(no_results, late)), "S105", "D001", "M007") == [("M007", "/metadata/published_on")]


def test_a_kind_inferred_from_the_name_only_warns_and_says_so():
    stated = [d for d in run(lambda r: (supervision("（五）监督保障。无。")(r), metadata(published_on="2025-04-02")(r))) if d.code in ("S105", "D001")]
    assert {(d.code, d.severity.value) for d in stated} == {("S105", "error"), ("D001", "error")}
    assert "报告所写的机关类型：人民政府" in next(d for d in stated if d.code == "S105").message.zh
    inferred = run(lambda r: (supervision("（五）监督保障。无。")(r), metadata(published_on="2025-04-02", issuer_kind_inferred=True)(r)))
    got = {d.code: d for d in inferred if d.code in ("S105", "D001", "M008")}
    assert {c: (d.pointer, d.severity.value) for c, d in got.items()} == {
        "S105": ("/sections", "warning"), "D001": ("/metadata/published_on", "warning"), "M008": ("/metadata/issuer_kind", "warning")}
    assert "由名称推断" in got["S105"].message.zh and "由名称推断" in got["D001"].message.zh


# ------------------------------------------------------------------ 9. a previous format's label


def test_an_earlier_formats_label_in_a_newer_table():
    # 沭阳县发改局 2023 (a 2021-format table) prints 规范性文件, the 2019 format's label
    found = run(printed_labels={"/tables/art20_1/normative_docs": "规范性文件"})
    assert codes(found, "M006") == [("M006", "/tables/art20_1/normative_docs")]
    assert "gov-2019" in found[0].message.zh and "行政规范性文件" in found[0].message.zh
    assert codes(run(printed_labels={"/tables/art20_1/normative_docs": "行政规范性 文件"}), "M006") == []


# ------------------------------------------------------------------ 10. one defect, one finding


def blank(column: str, rows=None):
    def patch(report):
        for row, cells in report["tables"]["requests"].items():
            if rows is None or row in rows:
                cells[column] = None
    return patch


def test_a_blank_column_is_one_finding():
    found = run(blank("total"))
    assert codes(found, "V004", "V006") == []
    (d,) = [d for d in found if d.code == "M005"]
    assert d.pointer == "/tables/requests/new/total" and len(d.related) == 24
    assert {r.pointer for r in d.related} >= {"/tables/requests/carried_over/total", "/tables/requests/carried_forward/total"}
    assert "“总计”列有 25 个单元格空白" in d.message.zh and "T202" in d.message.zh and "本年新收、上年结转" in d.message.zh


def test_a_single_blank_cell_keeps_its_own_findings():
    found = run(blank("total", rows={"carried_forward"}))
    assert ("V004", "/tables/requests/carried_forward/total") in codes(found, "V004") and codes(found, "M005") == []
