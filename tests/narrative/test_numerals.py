"""Tests for golocheck.narrative.numerals (figures quoted in report prose)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from golocheck.narrative.numerals import Quantity, find_quantities, parse_number
from timing import assert_linear


def brief(text: str) -> list[tuple]:
    """(value, unit, bound) of every quantity, with values as plain strings."""
    return [(str(q.value), q.unit, q.bound) for q in find_quantities(text)]


# --------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic, separators, decimals
        ("12515", "12515"),
        ("12,515", "12515"),
        ("1,234.5", "1234.5"),
        ("1,234,567", "1234567"),
        ("0.5", "0.5"),
        (" 9210 ", "9210"),
        # full-width digits and punctuation
        ("１２３", "123"),
        ("１，２３４", "1234"),
        ("１．５", "1.5"),
        # Chinese numerals
        ("一百二十", "120"),
        ("两千零五", "2005"),
        ("十五", "15"),
        ("十", "10"),
        ("一万二千", "12000"),
        ("三亿五千万", "350000000"),
        ("一千零五十", "1050"),
        ("一百零五", "105"),
        ("〇", "0"),
        ("零", "0"),
        ("两", "2"),
        ("万", "10000"),
        ("一万亿", "1000000000000"),
        ("二〇一八", "2018"),          # years are read digit by digit
        ("一千五", "1500"),            # colloquial: one step below the last unit
        ("一万五", "15000"),
        # mixed forms
        ("1.2万", "12000"),
        ("3千", "3000"),
        ("5.6亿", "560000000"),
        ("1万亿", "1000000000000"),
        ("1千万", "10000000"),
        ("１．２万", "12000"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "十三五", "一千二千", "12条", "97%", "1.2.3", "一万二万", "1" * 31, "一" * 40, "两两"],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_integral_values_have_no_fraction() -> None:
    assert str(parse_number("1.2万")) == "12000"
    assert str(parse_number("1.25万")) == "12500"


# ------------------------------------------------------------ real sentences

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主动公开各类政府信息 9210条，规范性文件 51份",
         [("9210", "条", "exact"), ("51", "份", "exact")]),
        ("共播发政府新闻信息超过 5332 余条",
         [("5332", "条", "gt")]),
        ("共发布政策及解读信息 477余条，其中果洛政策及解读 122条",
         [("477", "条", "gt"), ("122", "条", "exact")]),
        ("全州共有政务新媒 61个，发布各类信息 4211条",
         [("61", "个", "exact"), ("4211", "条", "exact")]),
        ("2018 年，共受理办件量 12515 件，办结12140件，办结率 97%",
         [("12515", "件", "exact"), ("12140", "件", "exact"), ("97", "%", "exact")]),
        ("本年报中所列数据的统计期限自 2018 年 1 月 1 日至 12 月 31日止", []),
        ("（果政办〔2017〕199号）", []),
        ("联系电话：0975—8386332", []),
        ("邮编：814000", []),
        ("全州共成立政务（政府信息）公开工作领导小组 21 个；政务公开专项经费 5 万元，"
         "设立查阅点信息查阅点 185个；从事政务（政府信息）公开工作人员 195人",
         [("21", "个", "exact"), ("5", "万元", "exact"), ("185", "个", "exact"), ("195", "人", "exact")]),
        ("全州专职从事政务公开工作的人员只有7名", [("7", "名", "exact")]),
        ("出动执法人员 338余人次", [("338", "人次", "gt")]),
        ("发放藏汉两种文字的惠农政策…宣传册子万余本", [("10000", "本", "gt")]),
        ("共收到政府信息公开申请一百二十件", [("120", "件", "exact")]),
        ("两千零五条", [("2005", "条", "exact")]),
        ("1.2万条", [("12000", "条", "exact")]),
        ("近3千人次", [("3000", "人次", "le")]),
        ("约1.5亿元", [("150000000", "元", "about")]),
    ],
)
def test_real_sentences(text: str, expected: list[tuple]) -> None:
    assert brief(text) == expected


# ------------------------------------------------------------------- offsets

def test_offsets_mark_number_and_whole_quantity() -> None:
    text = "共播发政府新闻信息超过 5332 余条。"
    [q] = find_quantities(text)
    assert text[q.start:q.end] == "超过 5332 余条"
    assert text[q.num_start:q.num_end] == "5332"
    assert q.approx == "超过…余"


@pytest.mark.parametrize(
    ("text", "whole", "number"),
    [
        ("办结率 97％。", "97％", "97"),
        ("共１，２３４条", "１，２３４条", "１，２３４"),
        ("宣传册子万余本", "万余本", "万"),
        ("约1.5亿元", "约1.5亿元", "1.5亿"),
        ("达十余万人", "十余万人", "十余万"),
        ("百分之九十七", "百分之九十七", "九十七"),
        ("经费五万元", "五万元", "五"),
        ("受理 100 件以上", "100 件以上", "100"),
    ],
)
def test_offsets(text: str, whole: str, number: str) -> None:
    [q] = find_quantities(text)
    assert text[q.start:q.end] == whole
    assert text[q.num_start:q.num_end] == number


# --------------------------------------------------------------------- units

@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("12条", "12", "条"), ("12件", "12", "件"), ("12个", "12", "个"), ("12次", "12", "次"),
        ("12人", "12", "人"), ("12人次", "12", "人次"), ("12篇", "12", "篇"), ("12元", "12", "元"),
        ("12万元", "12", "万元"), ("12户", "12", "户"), ("12项", "12", "项"), ("12份", "12", "份"),
        ("12期", "12", "期"), ("12批次", "12", "批次"), ("12家", "12", "家"), ("12场", "12", "场"),
        ("12名", "12", "名"), ("12本", "12", "本"), ("12册", "12", "册"), ("12天", "12", "天"),
        ("12个月", "12", "个月"), ("12%", "12", "%"), ("12％", "12", "%"), ("12 %", "12", "%"),
        ("20个工作日", "20", "工作日"), ("20工作日", "20", "工作日"),
        ("提高3.5个百分点", "3.5", "百分点"),
        ("3年", "3", "年"),              # a duration, not a year
        ("自收到申请之日起15日内", "15", "日"),
        ("百分之九十七", "97", "%"), ("百分之97", "97", "%"), ("百分之百", "100", "%"),
        ("9210 条", "9210", "条"),         # PDF spacing
        ("9210\u3000条", "9210", "条"),    # ideographic space
        ("一千五百万元", "1500", "万元"),   # amounts ending in 万 before 元 are in 万元
        ("1千万元", "1000", "万元"),
        ("三亿五千万元", "35000", "万元"),
        ("5.6亿元", "560000000", "元"),
        ("3千元", "3000", "元"),
        ("1.2万人次", "12000", "人次"),
        ("5.6亿", "560000000", None),      # Arabic numbers count without a unit
        ("增长了12.5", "12.5", None),
    ],
)
def test_units(text: str, value: str, unit: str | None) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit) == (Decimal(value), unit)


def test_longest_unit_wins() -> None:
    assert brief("338人次，5批次，2万元") == [("338", "人次", "exact"), ("5", "批次", "exact"),
                                              ("2", "万元", "exact")]


# ------------------------------------------------------------ approximations

@pytest.mark.parametrize(
    ("text", "value", "bound", "approx"),
    [
        ("100余条", "100", "gt", "余"),
        ("100多条", "100", "gt", "多"),
        ("超过100条", "100", "gt", "超过"),
        ("逾100条", "100", "gt", "逾"),
        ("100条以上", "100", "ge", "以上"),
        ("100以上", "100", "ge", "以上"),
        ("至少100条", "100", "ge", "至少"),
        ("近100条", "100", "le", "近"),
        ("将近100条", "100", "le", "将近"),
        ("接近100条", "100", "le", "接近"),
        ("不超过100条", "100", "le", "不超过"),
        ("100条以下", "100", "le", "以下"),
        ("不到100条", "100", "lt", "不到"),
        ("不足 100 条", "100", "lt", "不足"),
        ("约100条", "100", "about", "约"),
        ("大约100条", "100", "about", "大约"),
        ("100条左右", "100", "about", "左右"),
        ("约100余条", "100", "gt", "约…余"),       # a direction says more than 约
        ("超过 5332 余条", "5332", "gt", "超过…余"),
        ("近100条以上", "100", "about", "近…以上"),  # contradictory words
        ("100余万元", "100", "gt", "余"),
        ("十余万人", "100000", "gt", "余"),
        ("1万余元", "1", "gt", "余"),              # 1万余元: more than 1 万元
        ("千余人", "1000", "gt", "余"),
        ("3个多月", "3", "gt", "多"),
        ("100条", "100", "exact", None),
        ("最近3年", "3", "exact", None),           # 最近 is "most recent", not "nearly"
        ("节约5万元", "5", "exact", None),          # 节约 is "save", not "about"
    ],
)
def test_approximations(text: str, value: str, bound: str, approx: str | None) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.bound, q.approx) == (Decimal(value), bound, approx)


# ------------------------------------------------------------ not quantities

@pytest.mark.parametrize(
    "text",
    [
        # dates
        "2018年1月1日", "2018年12月31日", "2018-01-01", "2018/12/31", "2018.12.31", "2018 年",
        "2018年度", "二〇一八年十二月三十一日", "截至12月31日", "2018-2019年", "2018至2020年",
        # document numbers
        "果政办〔2017〕199号", "青政办[2018]449号", "［2018］12号", "第3号令",
        # phones and postcodes
        "联系电话：0975—8386332", "电话 0975-8386332", "0975-8386332", "传真：0975-8386333",
        "邮编：814000", "邮政编码 814000", "咨询电话13800138000", "办公时间9:00-17:30",
        # list markers and ordinals
        "1.主动公开情况", "2、依申请公开", "（一）主动公开", "(1)政府信息", "（2）机构", "一是加强领导",
        "二是完善制度", "第一", "第一次会议", "第3次会议", "第 3 条",
        # words containing numeral characters
        "一些", "统一发布", "统一名称", "一站式服务", "一窗受理", "唯一", "一体化平台", "一目录五清单",
        "五公开", "三公经费", "双随机一公开", "党的十九大精神", "一次办", "“最多跑一次”", "一次性告知",
        "一件事一次办", "十三五期间", "“四个意识”", "做到两个维护", "千家万户", "三分之一",
        # bare Chinese numerals without a measure word
        "两种文字", "三亿五千万", "一百二十",
        # identifiers
        "5G网络", "H5N1", "qq123@163.com", "0975",
        "万元",          # a table heading, no number
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_dates_do_not_hide_neighbouring_counts() -> None:
    text = "2018年1月1日至12月31日，共受理申请15件，在20个工作日内答复"
    assert brief(text) == [("15", "件", "exact"), ("20", "工作日", "exact")]


def test_list_marker_versus_number() -> None:
    # A marker opens a clause; 97 after 率 is a figure even before a full stop.
    assert brief("1.办结率97.") == [("97", None, "exact")]


# -------------------------------------------------------------------- admits

@pytest.mark.parametrize(
    ("bound", "x", "ok"),
    [
        ("exact", 100, True), ("exact", 101, False),
        ("gt", 101, True), ("gt", 100, False),
        ("ge", 100, True), ("ge", 99, False),
        ("lt", 99, True), ("lt", 100, False),
        ("le", 100, True), ("le", 101, False),
        ("about", 90, True), ("about", 110, True), ("about", Decimal("89.9"), False), ("about", 111, False),
    ],
)
def test_admits(bound: str, x: Decimal | int, ok: bool) -> None:
    q = Quantity(Decimal(100), 0, 3, 0, 3, "条", None, bound)  # type: ignore[arg-type]
    assert q.admits(Decimal(x)) is ok


def test_admits_on_found_quantities() -> None:
    over, near, about = find_quantities("超过 5332 余条；近3千人次；约1.5亿元")
    assert over.admits(Decimal(5400)) and not over.admits(Decimal(5332))
    assert near.admits(Decimal(2950)) and not near.admits(Decimal(3001))
    assert about.admits(Decimal(140000000)) and not about.admits(Decimal(100000000))


def test_quantity_is_frozen() -> None:
    [q] = find_quantities("9210条")
    with pytest.raises(AttributeError):
        q.value = Decimal(1)  # type: ignore[misc]


# -------------------------------------------------------------- adversarial

@pytest.mark.parametrize(
    "text",
    [
        "1," * 500_000,
        "一" * 1_000_000,
        "１２３４５６７８９０" * 100_000,
        "。" * 1_000_000,
        " " * 1_000_000,
        "1" + " " * 1_000_000 + "x",
        "电话" + " " * 1_000_000,
        "(" + " " * 1_000_000,
        "约" * 1_000_000,
        "1,000" * 200_000,
        "百分之" * 300_000,
        "1余" * 250_000,
        "万 " * 500_000,
    ],
    ids=lambda t: repr(t[:6]),
)
def test_adversarial_input_is_linear(text: str) -> None:
    # A ratio, not a time limit: the input against its first tenth, measured side by side.
    assert isinstance(find_quantities(text[:1000]), list)
    assert_linear(find_quantities, text[: len(text) // 10], text, 10, repr(text[:6]))
