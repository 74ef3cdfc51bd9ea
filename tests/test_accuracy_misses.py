"""Defects a careful reader found on real reports that golocheck missed, each fixed as a
mechanism and tested here on constructed documents and sentences (invented issuers and
figures, tests/data/constructed): a text figure that no reading of an unsplit digit run
gives (N040), a heading with a slip inside it (S107, not S108), a slogan taken for an
aspect (S104), a year left from another report (N041), listed parts larger than their
total (N042, N043)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golocheck.api import check_bytes

CONSTRUCTED = Path(__file__).resolve().parent / "data" / "constructed"


@pytest.fixture(scope="module")
def checked():
    cache: dict[str, list] = {}

    def check(name: str):
        if name not in cache:
            cache[name] = check_bytes((CONSTRUCTED / name).read_bytes(), name)
        return cache[name]

    return check


def at(found, *codes: str) -> list[tuple[str, str]]:
    return sorted((d.code, d.pointer) for d in found if d.code in codes)


# ---------------------------------------------------------------- N040: no reading of a run agrees


def test_a_text_figure_no_reading_of_the_run_gives_is_a_proven_contradiction(checked):
    found = checked("flat-2021-runs.txt")  # 现行有效…287件 against 行政规范性文件465312
    assert at(found, "N040") == [("N040", "/sections/0/text")]
    (d,) = [d for d in found if d.code == "N040"]
    assert d.severity.value == "error"
    assert d.args["digits"] == "465312" and d.args["count"] == 10
    assert "287" in d.args["figures"].zh and "现行有效件数" in d.args["figures"].zh
    assert [r.pointer for r in d.related] == ["/tables/art20_1/normative_docs"]
    # the readings that agree with the text's other figure (制发 46) are the examples shown first
    assert d.args["examples"].zh.startswith("46/5/312；46/53/12；46/531/2；")
    assert "465312" in d.message.zh and "10 种读法" in d.message.zh and "10 readings" in d.message.en
    # the run itself is still reported unread, and not more than once
    assert at(found, "I031") == [("I031", "/tables/art20_1/normative_docs")]


def test_a_text_figure_some_reading_gives_is_not_a_contradiction(checked):
    found = checked("flat-2021-runs-agree.txt")  # 现行有效 312 and 制发 46: the reading 46/5/312
    assert at(found, "N040", "N001") == []
    assert at(found, "I031") == [("I031", "/tables/art20_1/normative_docs")]


# ---------------------------------------------------------------- S107: a slip inside a heading


def test_a_character_inserted_inside_a_top_level_heading_is_a_slip_not_a_missing_heading(checked):
    found = checked("flat-2021-runs.txt")  # 四、政府信息公开行政复议、行政法诉讼情况
    assert at(found, "S107", "S108", "S101") == [("S107", "/sections/3/heading")]
    (d,) = [d for d in found if d.code == "S107"]
    assert d.args["slip"].zh == "多了“法”"
    assert d.args["heading"] == "四、政府信息公开行政复议、行政法诉讼情况"
    assert at(checked("flat-2021-runs-agree.txt"), "S107", "S108") == []


# ---------------------------------------------------------------- S104: a slogan is not an aspect


def _overview(supervision: str):
    from golocheck.api import check_bytes as check
    import json

    report = json.loads((Path(__file__).resolve().parents[1] / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    report["sections"][0]["text"] = ("我局全年主动公开政府信息 86 条，依申请公开工作规范有序；加强政府信息管理，做好政府网站和政务新媒体等公开平台建设。"
                                     + supervision)
    return [d for d in check(json.dumps(report, ensure_ascii=False).encode(), "r.json") if d.code == "S104"]


def test_a_slogan_naming_supervision_does_not_state_the_supervision_aspect():
    found = _overview("全局上下以更高水平的公开促落实、强监督、优服务。")
    assert [(d.pointer, d.args["aspect"]) for d in found] == [("/sections/0/text", "监督保障")]


def test_a_sentence_about_the_supervision_work_states_it():
    assert _overview("我局自觉接受人大代表、政协委员和社会公众的监督，并将公开工作纳入年度考核。") == []


def _overview_of(text: str):
    from golocheck.api import check_bytes as check
    import json

    report = json.loads((Path(__file__).resolve().parents[1] / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    report["sections"][0]["text"] = text
    return [(d.pointer, d.args["aspect"]) for d in check(json.dumps(report, ensure_ascii=False).encode(), "r.json") if d.code == "S104"]


_THREE_PARTS = ("（一）政府信息管理方面制定信息管理办法。（二）政府信息公开平台建设方面开设微信公众号。"
                "（三）监督保障方面定期组织政府网站自查，健全考核机制。")


def test_an_attribute_count_labelled_on_request_does_not_state_the_request_aspect():
    # documents counted by disclosure attribute: 依申请公开 is a label there, not the requests handled
    with_label = _overview_of(_THREE_PARTS + "2022年共制发政府信息300条，其中，主动公开政府信息100条、依申请公开150条、不予公开50条。")
    without = _overview_of(_THREE_PARTS + "2022年共制发政府信息300条，其中，主动公开政府信息100条。")
    assert with_label == without == [("/sections/0/text", "依申请公开")]


def test_a_sentence_about_handling_requests_states_the_request_aspect():
    assert _overview_of(_THREE_PARTS + "主动公开政府信息100条。全年受理政府信息公开申请12件，均按时答复。") == []
    assert _overview_of(_THREE_PARTS + "主动公开政府信息100条。（四）依申请公开方面规范办理流程。") == []


# ---------------------------------------------------------------- N043: last year's notice named as the basis


def _with_preamble(basis: str):
    from golocheck.api import check_bytes as check
    import json

    report = json.loads((Path(__file__).resolve().parents[1] / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    year = report["metadata"]["report_year"]
    report["preamble"] = basis.format(year=year, last=year - 1) + report.get("preamble", "")
    return year, [d for d in check(json.dumps(report, ensure_ascii=False).encode(), "r.json") if d.code == "N043"]


def test_the_notice_on_last_years_report_cited_in_the_preamble_is_reported():
    year, found = _with_preamble("依据《某县政府办公室关于做好{last}年度政府信息公开年报编制工作的通知》编制本报告。")
    assert [(d.pointer, d.args["year"], d.args["report_year"]) for d in found] == [("/preamble", str(year - 1), year)]
    assert f"【{year - 1}】年度政府信息公开年报" in found[0].args["quote"]


def test_the_notice_on_this_years_report_numbered_in_last_year_is_not_reported():
    assert _with_preamble("依据《某县政府办公室关于做好{year}年度政府信息公开年报编制工作的通知》（某政办〔{last}〕3号）编制本报告。")[1] == []


def test_no_wording_finds_its_counter_example():
    from golocheck.catalogue import load_catalogue
    from golocheck.checks.sections import stated

    wordings = [(r.code, a, w) for r in load_catalogue().values() if r.check in ("section_mentions", "report_mentions")
                for a in r.params.get("aspects", r.params.get("items", [])) for w in a.get("wordings", ()) if "counter" in w]
    assert len(wordings) >= 3
    for code, aspect, wording in wordings:
        assert not stated(wording["counter"], {"name": aspect["name"], "wordings": [wording]}), (code, wording)


# ---------------------------------------------------------------- N002 / N042: listed parts against their total


def _narrative(text: str, code: str):
    from narrative.test_narrative_rules import findings

    return [(d.code, d.pointer) for d in findings(text, code=code)]


def test_parts_listed_after_a_zai_zhong_frame_that_exceed_its_figure_are_an_error():
    text = "2024年，在主动公开的 53 条政府信息中，机构职能类 4 条、政策法规类 2 条、规划计划类 8 条、财政资金类 11 条、工作动态类 36 条。"
    assert _narrative(text, "N002") == [("N002", "/sections/0/text")]  # 4 + 2 + 8 + 11 + 36 = 61 > 53


def test_a_partial_list_after_a_zai_zhong_frame_is_not_reported():
    text = "2024年，在主动公开的 53 条政府信息中，机构职能类 4 条、工作动态类 36 条。"
    assert _narrative(text, "N002") == [] and _narrative(text, "N042") == [] and _narrative(text, "N003") == []


def test_a_list_claimed_complete_with_fenbie_wei_that_falls_short_is_a_warning():
    text = "全年共受理政府信息公开申请 27 件，分别为自然人申请 19 件、企业申请 5 件。"
    from narrative.test_narrative_rules import findings

    (d,) = findings(text, code="N042")
    assert (d.pointer, d.severity.value) == ("/sections/0/text", "warning")
    assert "19件+5件=24件" in d.message.zh.replace(" ", "") and "少3件" in d.message.zh.replace(" ", "")


def test_a_list_opened_by_a_colon_runs_across_semicolons():
    text = "全年主动公开政府信息共 40 条，其中：政策文件 6 条，政策解读 3 条；工作动态 25 条；其他信息 10 条。"
    assert _narrative(text, "N002") == [("N002", "/sections/0/text")]  # 44 > 40
    assert _narrative(text.replace("：", ""), "N002") == []  # without the colon the list is 6 + 3 and ends at ；


# ---------------------------------------------------------------- N041: a year left from last year's report


def _years(text: str, heading: str = "二、主动公开政府信息情况"):
    from narrative.test_narrative_rules import findings

    meta = {"metadata": {"report_year": 2024, "period": {"start": "2024-01-01", "end": "2024-12-31"}}}
    return [(d.code, d.pointer, d.args["year"]) for d in findings(text, code="N041", **meta)]


def test_the_previous_year_heading_a_statistics_sentence_is_a_warning():
    text = "（二）主动公开政府信息的主要类别2023年，在主动公开的 48 条政府信息中，政策文件 9 条、工作动态 39 条。"
    assert _years(text) == [("N041", "/sections/0/text", "2023")]


@pytest.mark.parametrize("text", [
    "2023年，全局主动公开政府信息 48 条，较上年增加 5 条。",  # a comparison
    "截至2023年，累计公开规范性文件 120 件。",  # a running total
    "2023年，上年结转的 2 件申请均已办结。",  # carried over
    "2024年，全局主动公开政府信息 48 条。",  # the report year
    "2023年，我局持续优化公开栏目设置。",  # no figure stated
])
def test_a_past_year_said_for_a_reason_is_not_reported(text):
    assert _years(text) == []


def test_the_import_keeps_every_reading_of_an_unread_run():
    from golocheck.importing import ImportOptions, import_bytes

    result = import_bytes((CONSTRUCTED / "flat-2021-runs.txt").read_bytes(), "flat-2021-runs.txt", "text", ImportOptions())
    (entry,) = result.report["run_readings"]
    assert entry["pointer"] == "/tables/art20_1/normative_docs" and entry["digits"] == "465312"
    assert entry["columns"] == ["issued", "repealed", "in_force"]
    assert len(entry["readings"]) == 10 and [46, 5, 312] in entry["readings"]
    assert result.report["tables"]["art20_1"]["normative_docs"] == {}  # still unread: the text does not read the table


def test_a_semicolon_item_with_two_counts_ends_a_colon_list():
    text = "办结政府信息公开申请 40 件，其中：予以公开 20 件，占 50%；无法提供 15 件，占 37.5%；其他处理 5 件，占 12.5%；因政府信息公开引起的行政复议案件 1 件、行政诉讼案件 2 件。"
    assert _narrative(text, "N002") == []
    assert _narrative(text.replace("无法提供 15 件", "无法提供 18 件"), "N002") == [("N002", "/sections/0/text")]  # 43 > 40


def test_a_list_ending_in_deng_is_not_complete():
    text = "全年主动公开政府信息共 50 条，其中：政策文件 10 条；工作动态 20 条；其他信息 12 条等。"
    assert _narrative(text, "N003") == []
    assert _narrative(text.replace("12 条等", "12 条"), "N003") == [("N003", "/sections/0/text")]  # 42 < 50 with an 其他 item
