"""Part headings worded unlike the format, in run-on (flattened) web text, on constructed
documents (tests/data/constructed, invented issuer and figures).

A crawled page is one line: a heading that is not the format's label or a listed variant
(五、存在的主要问题及下一步打算, 四、…行政复议及行政诉讼情况) has no line end of its own. It must
end where a reader sees it end — before its text, before the next heading, before the
table that follows it — and still stand for its part, so that no later part goes missing
(S101), the part is not said to have no heading (S108) and S103 quotes that heading only.
Each document is imported or checked once per module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.importing import ImportOptions, import_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "constructed"
BASE = (DATA / "spaced-zeros.txt").read_text(encoding="utf-8")
# the base's last two parts, run on in one line as a crawled page prints them
TAIL = " 五、存在的主要问题及改进情况 公开形式仍较单一。 六、其他需要报告的事项 无。"
PART_CODES = ("S101", "S103", "S108")


def _edited(tail: str) -> bytes:
    assert BASE.count(TAIL) == 1
    return BASE.replace(TAIL, tail).encode("utf-8")


def _headings(raw: bytes) -> list[str]:
    result = import_bytes(raw, "case.txt", "text", ImportOptions(format="gov-2019"))
    return [s["heading"] for s in result.report["sections"]]


def _part_findings(raw: bytes, name: str = "case.txt") -> list[tuple[str, str, str | None]]:
    return [(d.code, d.pointer, d.args.get("heading") if d.code == "S103" else None)
            for d in check_bytes(raw, name) if d.code in PART_CODES]


@pytest.fixture(scope="module")
def runon():
    return (DATA / "runon-unlisted-heading.txt").read_bytes()


def test_an_unlisted_heading_in_run_on_text_ends_before_its_text_and_the_next_heading(runon):
    # 五、存在的主要问题及下一步打算 公开形式仍较单一。 六、其他需要报告的事项 无。 (one line)
    assert _headings(runon)[4:] == ["五、存在的主要问题及下一步打算", "六、其他需要报告的事项"]
    assert _part_findings(runon) == []  # no S101 for 六; the wording is close enough for S103


@pytest.mark.parametrize("tail, heading", [
    # the text follows without a space, starting with a figure (as crawled pages print it)
    ("五、存在的主要问题及下一步打算2020年，公开形式仍较单一。六、其他需要报告的事项2020年，无。", "五、存在的主要问题及下一步打算"),
    # the part's first sub-heading follows it
    ("五、存在的主要问题及下一步打算（一）公开形式仍较单一。六、其他需要报告的事项无。", "五、存在的主要问题及下一步打算"),
    # nothing but the sentence's punctuation: cut after the word the heading ends with
    ("五、存在的主要问题及下一步打算公开形式仍较单一。六、其他需要报告的事项无。", "五、存在的主要问题及下一步打算"),
], ids=["figure", "sub-heading", "sentence"])
def test_an_unlisted_heading_run_into_its_text_ends_where_its_words_end(tail, heading):
    assert _headings(_edited(tail))[4:] == [heading, "六、其他需要报告的事项"]


def test_s103_quotes_the_unlisted_heading_only():
    raw = _edited(" 五、存在问题及下步工作 公开形式仍较单一。 六、其他需要报告的事项 无。")
    assert _part_findings(raw) == [("S103", "/sections/4/heading", "五、存在问题及下步工作")]


def test_an_unlisted_heading_right_before_its_table_is_that_parts_heading():
    # 四、政府信息公开行政复议及行政诉讼情况 行政复议 行政诉讼 结果维持 … (表四's header words)
    raw = (DATA / "unlisted-heading-before-table.txt").read_bytes()
    assert _headings(raw)[3] == "四、政府信息公开行政复议及行政诉讼情况"
    assert _part_findings(raw) == []  # no S108 "没有标题"


def test_an_unlisted_heading_run_into_its_tables_header_words_is_that_parts_heading():
    # 四、政府信息公开行政复议与行政诉讼情况行政复议 行政诉讼 …: the heading stands in the
    # label cell of the flattened table, run into its first header word
    raw = (DATA / "unlisted-heading-in-table-cell.txt").read_bytes()
    result = import_bytes(raw, "case.txt", "text", ImportOptions(format="gov-2019"))
    # 表三's last row 四、结转下年度继续办理 also stands in a label cell, after heading 三: it
    # shows no part's phrase and is no heading
    assert [s["heading"] for s in result.report["sections"]] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议与行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    table = result.report["tables"]["review_litigation"]
    assert table and all(v == 0 for cells in table.values() for v in cells.values())
    assert _part_findings(raw) == []  # no S108 "没有标题"


def test_the_next_ordinal_in_run_on_text_is_a_heading_even_worded_as_no_part():
    # 五、问题与展望 shows no part's phrase: in run-on text it still closes part 四
    raw = _edited(" 五、问题与展望 公开形式仍较单一。 六、其他需要报告的事项 无。")
    assert _headings(raw)[3:] == ["四、政府信息公开行政复议、行政诉讼情况", "五、问题与展望", "六、其他需要报告的事项"]
    # numbered 五 between parts 四 and 六, it is part 五's heading worded far from the
    # template (S103, warning), not a part missing (S101, error)
    assert _part_findings(raw) == [("S103", "/sections/4/heading", "五、问题与展望")]
    # a clause of a sentence is none ("二、加强…，" after part 一's heading)
    clause = BASE.replace("2020年，我局全年未收到政府信息公开申请。", "2020年，我局全年未收到政府信息公开申请。二、加强平台建设，更新栏目。")
    assert _headings(clause.encode("utf-8"))[:2] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_a_crawled_page_with_its_headings_run_on_imports_the_parts_of_its_reviewed_sample():
    # tuning data: the 2016 平潭 page, one line; its reviewed import is sample_reports/pingtan-2016.json
    root = Path(__file__).resolve().parents[2]
    page = root / "tests" / "data" / "originals" / "pingtan" / "2016" / "page.txt"
    sample = json.loads((root / "sample_reports" / "pingtan-2016.json").read_text(encoding="utf-8"))
    result = import_bytes(page.read_bytes(), "page.txt", "text", ImportOptions())
    assert [s["heading"] for s in result.report["sections"]] == [s["heading"] for s in sample["sections"]]
    findings = {(d.code, d.pointer) for d in check_bytes(page.read_bytes(), "page.txt")}
    # "2016年，我们将采取以下措施加以改进" in part 六 (N010, as for the sample); no part missing (S001)
    assert ("N010", "/sections/5/text") in findings
    assert not [f for f in findings if f[0] in ("S001", "S101", "S108")]
