"""Part headings in the report's own words at the ends of the sequence, and where a run-on
heading ends — on constructed documents (tests/data/constructed, invented issuer and figures).

- The first and the last part are placed by their number as a middle part is: "一、概述"
  before a placed 二 is part 一's heading worded far from the template (S103, warning), not
  a part missing (S101, error); "六、附表说明" after a placed 五 is part 六's. A part that
  is truly absent is still S101.
- A run-on heading worded unlike the format ends where its text's first sentence starts,
  not after the last word a heading ends with: "六、需要说明的其他事项与附表按照《…》…" keeps
  与附表, and S103 decides on the whole printed heading, whatever the layout.

Each document is checked once per module (in-process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from golocheck.engine import run
from golocheck.importing.loaded import load_document

DATA = Path(__file__).resolve().parent / "data" / "constructed"
BASE_2019 = (DATA / "spaced-zeros.txt").read_text(encoding="utf-8")  # one line, headings spaced
BASE_2021 = (DATA / "flat-2021-runs-agree.txt").read_text(encoding="utf-8")
PART_CODES = ("S101", "S103", "S108")
HEADINGS_2019 = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def _edit(base: str, old: str, new: str) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def _line_broken(text: str, *own: str) -> str:
    """The page with each part heading (the template's and ``own``) on a line of its own,
    as a Word or PDF extract prints it."""
    for heading in (*HEADINGS_2019, *own):
        text = text.replace(f" {heading} ", f"\n{heading}\n")
    return text


@cache
def _checked(text: str) -> tuple[tuple[str, ...], tuple]:
    """The imported headings and the part findings — (code, pointer) and, for S103, the
    heading, template and similarity it quotes — of one import and check."""
    loaded = load_document("case.txt", text.encode("utf-8"), "text")
    findings = tuple((d.code, d.pointer, *((d.args["heading"], d.args["template"], d.args["similarity"]) if d.code == "S103" else ()))
                     for d in run(loaded) if d.code in PART_CODES)
    return tuple(s["heading"] for s in loaded.data["sections"]), findings


def _headings(text: str) -> tuple[str, ...]:
    return _checked(text)[0]


def _findings(text: str) -> tuple:
    return _checked(text)[1]


# ---------------------------------------------------------------- the first and last parts

GAISHU_SPACED = _edit(BASE_2019, " 一、总体情况 ", " 一、概述 ")
GAISHU_RUNON = _edit(BASE_2019, " 一、总体情况 2020年", " 一、概述2020年")


@pytest.mark.parametrize("text", [GAISHU_SPACED, GAISHU_RUNON, _line_broken(GAISHU_SPACED, "一、概述")],
                         ids=["flattened-spaced", "flattened-run-on", "line-broken"])
def test_a_first_part_headed_in_own_words_is_that_parts_heading_not_a_missing_part(text):
    assert _headings(text)[0] == "一、概述"
    # not S101 "缺少“总体情况”部分" (error): S103 names the printed and the expected heading
    assert _findings(text) == (("S103", "/sections/0/heading", "一、概述", "一、总体情况", "0.00"),)


@pytest.mark.parametrize("line_broken", [False, True], ids=["flattened", "line-broken"])
def test_a_last_part_headed_in_own_words_is_that_parts_heading_not_a_missing_part(line_broken):
    text = _edit(BASE_2019, " 六、其他需要报告的事项 无。", " 六、附表说明 无。")
    text = _line_broken(text, "六、附表说明") if line_broken else text
    assert _headings(text)[-1] == "六、附表说明"
    assert _findings(text) == (("S103", "/sections/5/heading", "六、附表说明", "六、其他需要报告的事项", "0.00"),)


def test_a_first_heading_near_the_templates_wording_is_placed_and_passes():
    # 基本情况 is 0.50 similar to 总体情况: the part is there (no S101) and S103's threshold is not crossed
    text = _edit(BASE_2019, " 一、总体情况 ", " 一、基本情况 ")
    assert _findings(text) == ()


def test_the_line_broken_layout_puts_the_own_heading_on_a_line_of_its_own():
    assert "\n一、概述\n" in _line_broken(GAISHU_SPACED, "一、概述") and "\n一、概述" not in GAISHU_SPACED


def test_a_first_part_truly_absent_is_still_missing():
    # the sequence starts at 二: the overview's sentence stands in the preamble, no heading 一
    text = _edit(BASE_2019, " 一、总体情况 2020年", " 2020年")
    assert _headings(text)[0] == "二、主动公开政府信息情况"
    assert _findings(text) == (("S101", "/sections"),)


def test_a_last_part_truly_absent_is_still_missing():
    text = _edit(BASE_2019, " 六、其他需要报告的事项 无。", "")
    assert _headings(text)[-1] == "五、存在的主要问题及改进情况"
    assert _findings(text) == (("S101", "/sections"),)


def test_a_first_heading_numbered_otherwise_is_not_taken_for_part_one():
    # "二、概述" before "二、主动公开…": numbered unlike part 一, it is not part 一's heading
    text = _edit(BASE_2019, " 一、总体情况 ", " 二、概述 ")
    assert ("S101", "/sections") in _findings(text)


# ---------------------------------------------------------------- where a run-on heading ends

OLD_SIX = "六、需要说明的其他事项与附表"  # a superseded outline's wording: 0.48 similar to the template
SIX_TEXT = "依照《某县政府信息公开处理费收取办法》规定的按件、按量收取标准，本年度未收取信息处理费。"
TAIL_2021 = " 六、其他需要报告的事项 本年度未收取信息处理费。"


@pytest.mark.parametrize("joint", ["", " "], ids=["run-on", "spaced"])
def test_a_run_on_heading_runs_to_its_texts_first_sentence_whatever_the_layout(joint):
    text = _edit(BASE_2021, TAIL_2021, f" {OLD_SIX}{joint}{SIX_TEXT}")
    # not cut after 事项 (where the template's wording ends): 与附表 is the heading's
    assert _headings(text)[-1] == OLD_SIX
    assert _findings(text) == (("S103", "/sections/5/heading", OLD_SIX, "六、其他需要报告的事项", "0.48"),)


@pytest.mark.parametrize("heading, body, printed", [
    # a sentence starting with the reporting body, after the heading's last words
    ("五、问题与不足", "我局将继续丰富公开形式。", "五、问题与不足"),
    # 今年 right after a joiner goes on the heading; 我局 starts the sentence
    ("五、存在的问题及改进措施和今年工作打算", "我局将继续丰富公开形式。", "五、存在的问题及改进措施和今年工作打算"),
], ids=["subject", "joiner"])  # with no sentence start seen: tests/importing/test_runon_headings.py
def test_a_run_on_heading_ends_where_a_reader_sees_the_sentence_start(heading, body, printed):
    tail = " 五、存在的主要问题及改进情况 公开形式仍较单一。 六、其他需要报告的事项 无。"
    text = _edit(BASE_2019, tail, f" {heading}{body} 六、其他需要报告的事项 无。")
    assert _headings(text)[4:] == (printed, "六、其他需要报告的事项")


@pytest.mark.parametrize("heading, fires", [
    ("五、存在的主要问题及明年工作计划", False),  # 0.62: the template's words 存在的主要问题及 are there
    ("五、问题与展望", True),  # 0.24
], ids=["0.62-passes", "0.24-fires"])
def test_s103_decides_on_the_whole_heading_the_same_in_every_layout(heading, fires):
    tail = " 五、存在的主要问题及改进情况 公开形式仍较单一。"
    runs = [_edit(BASE_2019, tail, f" {heading}{joint}我局将继续丰富公开形式。") for joint in ("", " ")]
    if fires:  # and on a line of its own
        runs.append(_line_broken(runs[1], heading))
    for text in runs:
        assert _headings(text)[4] == heading
        assert [f[:3] for f in _findings(text)] == ([("S103", "/sections/4/heading", heading)] if fires else [])
