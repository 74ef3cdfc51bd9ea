"""Ways a published report prints its text that the importer once misread, on constructed
documents (tests/data/constructed, invented figures and wording): the last spaced zero of a
row glued to the next row's ordinal, a part heading straight after a colon, no statistics
period sentence, a sentence between part 四's heading and 表四. Each document is imported
once per module (a few ms each)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.importing import ImportOptions, import_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "constructed"
BASE = (DATA / "spaced-zeros.txt").read_text(encoding="utf-8")  # imports clean
OPTIONS = ImportOptions(format="gov-2019", issuer_kind="政府部门", region="某省某县", published_on="2021-01-20")
ZEROS = {"natural_person": 0, "commercial": 0, "research": 0, "public_interest": 0, "legal_services": 0, "other_org": 0, "total": 0}


def edited(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


@pytest.fixture(scope="module")
def imported():
    cache = {}

    def load(name: str, text: str | None = None):
        if name not in cache:
            raw = text.encode("utf-8") if text is not None else (DATA / name).read_bytes()
            cache[name] = import_bytes(raw, name, "text", OPTIONS)
        return cache[name]

    return load


def codes(result, *wanted: str) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in result.problems if p.code in wanted]


# --- A: the last spaced figure of a row touching the next row's ordinal -------------------


def test_a_zero_glued_to_the_next_ordinal_is_the_rows_last_cell(imported):
    # "3.要求提供公开出版物 0 0 0 0 0 0 04.无正当理由…": the ordinal is 4, the 0 before it a cell
    result = imported("glued-ordinal.txt")
    requests = result.report["tables"]["requests"]
    assert requests["not_processed_publication"] == ZEROS
    assert requests["not_processed_mass"] == ZEROS
    assert codes(result, "I031", "I033", "I012") == []


def test_a_figure_glued_to_the_next_ordinal_is_read_by_the_labels_numbering(imported):
    # "1.信访举报投诉类申请 1 0 0 0 0 0 12.重复申请": after 1. comes 2., so "1" is the total
    result = imported("glued-ordinal-nonzero.txt")
    requests = result.report["tables"]["requests"]
    assert requests["not_processed_petition"] == {**ZEROS, "natural_person": 1, "total": 1}
    assert requests["not_processed_repeat"] == ZEROS
    assert codes(result, "I031", "I033", "I012") == []


# --- B: a part heading right after a full-width colon --------------------------------------


def test_a_heading_after_a_colon_opens_its_part(imported):
    text = edited("止。 一、总体情况 2020年，", "止，现报告如下：一、总体情况2020年，")
    result = imported("colon-heading.txt", text)
    headings = [s["heading"] for s in result.report["sections"]]
    assert headings[0] == "一、总体情况"
    assert result.report["sections"][0]["text"].startswith("2020年，我局")
    assert "总体情况" not in result.report.get("preamble", "")


def test_after_a_colon_an_item_that_is_no_part_stays_in_the_text(imported):
    text = edited("2020年，我局全年未收到政府信息公开申请。", "主要做法如下：一、加强组织领导。二、规范办理流程。")
    result = imported("colon-items.txt", text)
    headings = [s["heading"] for s in result.report["sections"]]
    assert headings[:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert "一、加强组织领导" in result.report["sections"][0]["text"]


# --- E: no statistics period sentence -------------------------------------------------------


def test_without_a_period_sentence_the_period_is_the_report_year_said_once(imported):
    text = edited("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。 ", "")
    result = imported("no-period.txt", text)
    metadata = result.report["metadata"]
    assert metadata["period"] == {"start": "2020-01-01", "end": "2020-12-31"}
    assert metadata["period_derived"] is True
    notes = [p for p in result.problems if p.code == "I050"]
    assert [(p.pointer, p.args["source"]) for p in notes] == [("/metadata/period", "标题")]
    assert (notes[0].place.line, notes[0].place.column) == (1, 1)  # the title, where the year is
    assert result.places["/metadata/period"] is notes[0].place
    # the file golocheck wrote is checked without a structure error, and I050 is not repeated
    found = [(d.code, d.pointer) for d in check_bytes(json.dumps(result.report, ensure_ascii=False).encode(), "no-period.json")]
    assert ("F007", "/metadata/period") not in found
    assert [c for c, _ in found if c in ("F007", "I050", "M002")] == []


def test_a_printed_period_is_read_not_derived(imported):
    result = imported("spaced-zeros.txt")
    assert result.report["metadata"]["period"] == {"start": "2020-01-01", "end": "2020-12-31"}
    assert "period_derived" not in result.report["metadata"]
    assert codes(result, "I050") == []


# --- D: a sentence between part 四's heading and 表四 ---------------------------------------

T4_ZEROS = {group: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
            for group in ("review", "lawsuit_direct", "lawsuit_after_review")}
T4_HEADING = "四、政府信息公开行政复议、行政诉讼情况"


def assert_t4_read_after(result, sentence: str) -> None:
    assert codes(result, "I011", "I012", "I018", "I031", "I033") == []
    assert result.report["tables"]["review_litigation"] == T4_ZEROS
    part = next(s for s in result.report["sections"] if s["heading"] == T4_HEADING)
    assert part["text"] == sentence  # the header words and figures are the table's, not prose


def test_t4_after_a_sentence_in_run_on_text(imported):
    # "四、…情况 本年度无相关案件。 行政复议 行政诉讼 … 总计 0 0 … 0 五、…"
    assert_t4_read_after(imported("sentence-before-t4.txt"), "本年度无相关案件。")


def test_t4_after_a_sentence_with_a_year_in_unspaced_run_on_text(imported):
    start, end = BASE.index(T4_HEADING), BASE.index(" 五、")
    grid = BASE[start + len(T4_HEADING):end].replace(" ", "")  # "行政复议行政诉讼…总计000000000000000"
    sentence = "2020年，本局未发生政府信息公开行政复议、行政诉讼案件。"
    text = BASE[:start] + T4_HEADING + sentence + grid + BASE[end + 1:]
    assert_t4_read_after(imported("sentence-before-t4-unspaced.txt", text), sentence)


@pytest.mark.parametrize("sentence", ["", "本年度无相关案件。\n"], ids=["heading-line", "sentence-line"])
def test_t4_on_a_line_of_its_own_in_line_broken_text(imported, sentence):
    text = edited(" " + T4_HEADING + " 行政复议", "\n" + T4_HEADING + "\n" + sentence + "行政复议").replace(" 五、", "\n五、")
    assert_t4_read_after(imported(f"t4-line-{bool(sentence)}.txt", text), sentence.strip())


def test_a_figure_in_prose_after_a_table_stays_prose(imported):
    # "…图表、H5等方式…" after 表四: a short label and words going on after the figure
    text = edited("五、存在的主要问题及改进情况 公开形式仍较单一。", "五、存在的主要问题及改进情况 公开形式仍较单一，下一步将通过图表、H5等方式解读政策。")
    result = imported("figure-in-prose.txt", text)
    part = next(s for s in result.report["sections"] if s["heading"].startswith("五、"))
    assert part["text"] == "公开形式仍较单一，下一步将通过图表、H5等方式解读政策。"
    assert result.report["tables"]["review_litigation"] == T4_ZEROS
