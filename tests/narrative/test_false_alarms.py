"""Known false alarms of the leftover rules, fixed by their class, and the self-reference
that was never reported: each with the sentence that fired (or stayed silent) and the
sentence that must still fire. Sentences are real (tests/data/corpus) or realistic."""

from __future__ import annotations

import json

import pytest

from golocheck.api import check_bytes
from golocheck.engine import Selection
from helpers import ROOT

CLEAN = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))


def found(code: str, text: str = "", **metadata):
    report = json.loads(json.dumps(CLEAN))
    report["metadata"].update(metadata)
    report["sections"][0]["text"] = text or report["sections"][0]["text"]
    return [(d.code, d.pointer) for d in check_bytes(json.dumps(report, ensure_ascii=False).encode(), "r.json", selection=Selection(select=(code,)))]


@pytest.mark.parametrize("text, fires", [
    ("二○○八年以来，本县持续推进政府信息公开工作。", False),  # ○ (U+25CB) as the zero of a year
    ("二○〇八年以来，本县持续推进政府信息公开工作。", False),  # mixed with 〇
    ("二○○八年以来，○○县持续推进政府信息公开工作。", True),  # ○○ standing for a name
    ("全年主动公开政府信息××条。", True),
])
def test_white_circles_in_a_year_are_no_placeholder(text, fires):
    assert found("N009", text) == ([("N009", "/sections/0/text")] if fires else [])


@pytest.mark.parametrize("text, fires", [
    ("2024年，我局将推进政务公开标准化规范化建设作为重点任务，全面完成年度目标。", False),  # 将 = 把 … 作为
    ("2024年，我市将持续推进政务公开标准化规范化工作列入年度重点任务。", False),
    ("2024年，我局将推进政务公开标准化规范化建设，全面提升公开质效。", True),  # a plan for the report year itself
])
def test_jiang_meaning_ba_is_no_plan(text, fires):
    assert found("N010", text, report_year=2024) == ([("N010", "/sections/0/text")] if fires else [])


@pytest.mark.parametrize("title, fires", [
    ("示例市人民政府2024年政府信息公开工作年度报告（2025年1月）", False),  # a second year in brackets (2021 format)
    ("示例市人民政府2024年度政府信息公开工作年度报告(2025年)", False),
    ("示例市人民政府2023年政府信息公开工作年度报告（2025年1月）", True),  # the title's own year is wrong
])
def test_a_bracketed_year_in_the_title_is_not_the_report_year(title, fires):
    got = found("N010", title=title)  # the clean sample reports on 2024
    assert got == ([("N010", "/metadata/title")] if fires else [])


COUNTY = {"issuer": "沭阳县人民政府", "region": "江苏省宿迁市沭阳县"}


@pytest.mark.parametrize("text, fires", [
    ("2025年，我县坚持以群众需求为导向，聚焦重点领域和关键环节。", False),  # 沭阳县 2025
    ("认真贯彻国务院办公厅和省、市有关工作部署，全市政务公开工作会议精神得到落实。", False),  # 全市 may name the parent
    ("2025年，我市坚持以群众需求为导向，聚焦重点领域和关键环节。", True),  # 我市 in a county's report
    ("本市政务公开工作取得新成效。", True),
])
def test_my_city_in_a_countys_report(text, fires):
    assert found("N030", text, **COUNTY) == ([("N030", "/sections/0/text")] if fires else [])
    assert found("N011", text, **COUNTY) == []  # the county lies in a city: N011 stays silent
