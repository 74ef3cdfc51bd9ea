"""Two kinds of text figure that prove nothing about a single table row, on constructed
documents (tests/data/constructed, invented issuer and figures):

- a stock over another period (梳理历年印发的行政规范性文件90份) is not this year's 制发: N040
  does not compare it with an unsplit run, while 本年印发…90份 still fires;
- a figure naming several kinds (行政法规、规章和规范性文件3条) is a sum over their rows, read
  as such by the phrase catalogue, never as the 规范性文件 row alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from golocheck.api import check_bytes

CONSTRUCTED = Path(__file__).resolve().parent / "data" / "constructed"


@pytest.fixture(scope="module")
def checked():
    cache: dict[str, list] = {}

    def check(name: str, edit: tuple[str, str] | None = None):
        key = (name, edit)
        if key not in cache:
            text = (CONSTRUCTED / name).read_text(encoding="utf-8")
            if edit is not None:
                assert edit[0] in text
                text = text.replace(*edit)
            cache[key] = check_bytes(text.encode("utf-8"), name)
        return cache[key]

    return check


def at(found, *codes: str) -> list[tuple[str, str]]:
    return sorted((d.code, d.pointer) for d in found if d.code in codes)


# ---------------------------------------------------------------- N040: 历年 / 累计 … is another period


def test_a_stock_of_all_years_is_not_compared_with_the_run(checked):
    found = checked("linian-all-years.txt")  # 梳理历年印发的行政规范性文件90份 against 3124
    assert at(found, "N040", "N001") == []
    assert at(found, "I031") == [("I031", "/tables/art20_1/normative_docs")]


def test_this_years_figure_that_no_reading_gives_still_fires(checked):
    found = checked("linian-this-year.txt")  # 本年印发行政规范性文件90份 against 3124
    assert at(found, "N040") == [("N040", "/sections/0/text")]
    (d,) = [d for d in found if d.code == "N040"]
    assert d.severity.value == "error" and d.args["digits"] == "3124"


# ---------------------------------------------------------------- N001: several kinds in one figure


def test_several_kinds_with_an_unread_row_can_agree(checked):
    # 规章1312 is unread (I031): the sum 规章 + 规范性文件 can be 3 (13/1/2 gives 1 + 2)
    found = checked("combined-kinds-run.txt")
    assert at(found, "N001", "N040") == []
    assert at(found, "I031") == [("I031", "/tables/art20_1/rules")]


def test_several_kinds_agree_with_the_sum_of_their_rows(checked):
    found = checked("combined-kinds-read.txt")  # 规章 1 1 2, 规范性文件 2 2 9: 1 + 2 = 3
    assert at(found, "N001", "N016", "N040") == []


def test_several_kinds_against_every_sum_is_a_contradiction(checked):
    # 30 is neither 1 + 2 (本年新公开) nor 2 + 9 (对外公开总数)
    found = checked("combined-kinds-read.txt", ("规范性文件3条", "规范性文件30条"))
    assert at(found, "N001") == [("N001", "/sections/0/text")]
    (d,) = [d for d in found if d.code == "N001"]
    assert d.severity.value == "error"
    assert {r.pointer for r in d.related} == {"/tables/art20_1/rules/new_published", "/tables/art20_1/normative_docs/new_published",
                                              "/tables/art20_1/rules/total_published", "/tables/art20_1/normative_docs/total_published"}


def test_several_kinds_where_the_table_has_no_sum_map_to_no_row():
    # gov-2014 has no 规章 row: the sum cannot be read, and the figure is not the 规范性文件 row's
    from golocheck.narrative.document import Block, Document
    from golocheck.narrative.figures import table_mentions

    from golocheck.diagnostics import Text

    block = Block("/sections/0/text", "本年度制发规章和规范性文件 5 件。", Text("一、总体情况", "1. overview"))
    (mention,) = table_mentions(Document([block], None), "gov-2014")
    assert mention.phrase.id == "rules-and-normative-documents"
    assert mention.readings("gov-2014") == ((), ())


@pytest.mark.parametrize("fmt, text, phrase", [
    ("gov-2019", "全年发生政府信息公开行政复议和行政诉讼 5 件。", "reviews-and-lawsuits"),
    ("gov-2014", "政务微博、政务微信公开信息 200 条。", "channel-weibo-and-wechat"),
    ("gov-2014", "专职和兼职工作人员共 12 人。", "staff-full-and-part-time"),
])
def test_several_kinds_listed_are_read_as_their_sum(fmt, text, phrase):
    from golocheck.diagnostics import Text
    from golocheck.narrative.document import Block, Document
    from golocheck.narrative.figures import table_mentions

    (mention,) = table_mentions(Document([Block("/sections/0/text", text, Text("一、总体情况", "1. overview"))], None), fmt)
    assert mention.phrase.id == phrase
    assert all(len(ids) > 1 for ids in mention.readings(fmt)[0] if phrase != "staff-full-and-part-time")


def test_a_listed_kind_without_a_sum_entry_is_not_read_as_its_row():
    # 不予公开和无法提供 N 件: no entry adds the two up, so neither row's phrase takes the figure
    from golocheck.diagnostics import Text
    from golocheck.narrative.document import Block, Document
    from golocheck.narrative.figures import table_mentions

    block = Block("/sections/0/text", "其中不予公开和无法提供 12 件。", Text("三、依申请", "3. requests"))
    assert table_mentions(Document([block], None), "gov-2021") == []
