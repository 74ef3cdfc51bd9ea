"""The numeral reader (golocheck.narrative.numerals) on any text: never an exception,
offsets inside the text, and the round trips its documentation promises."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from fuzz.strategies import texts
from golocheck.narrative.numerals import find_quantities, parse_number

PROSE = st.lists(st.sampled_from(list("零〇一二两三四五六七八九十百千万亿0123456789０１２３４５６７８９,，.．%％余多约近超过以上以下左右不到足个件条人次元万年月日第号（）()《》“”-—:：电话 \n")), max_size=60).map("".join)
BOUNDS = {"exact", "gt", "ge", "lt", "le", "about"}
_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """n (0 < n < 10**12) in Chinese numerals as written in reports: 一千零五, 三万二千, 十五."""
    def below_10k(x: int, leading: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // size % 10
            if d:
                if zero:
                    out += "零"
                out += ("" if (unit == "十" and d == 1 and leading and not out) else _DIGITS[d]) + unit
                zero = False
            elif out:
                zero = True
        return out
    parts = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = ""
    for i, (x, unit) in enumerate(parts):
        if x:
            if out and x < 1000:
                out += "零"
            out += below_10k(x, leading=not out) + unit
        elif out and i < 2 and any(p for p, _ in parts[i + 1:]):
            pass
    return out


@given(st.one_of(texts(200), PROSE))
def test_any_text_gives_quantities_inside_it(text):
    for q in find_quantities(text):
        assert 0 <= q.start <= q.num_start < q.num_end <= q.end <= len(text), q
        assert isinstance(q.value, Decimal) and q.value.is_finite()
        assert q.bound in BOUNDS


@given(st.one_of(texts(80), PROSE))
def test_parse_number_reads_a_number_or_says_none(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, Decimal) and value.is_finite())


@given(st.integers(0, 10**30 - 1))
def test_arabic_digits_round_trip(n):
    assert parse_number(str(n)) == n
    if len(f"{n:,}") <= 30:  # longer digit strings are never numbers (documented)
        assert parse_number(f"{n:,}") == n  # 12,515
    assert parse_number(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == n


@given(st.integers(1, 10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(chinese(n)) == n, chinese(n)


@given(st.integers(1, 999_999), st.sampled_from(["件", "条", "人次", "个", "项"]))
def test_a_count_in_prose_is_found_with_its_unit(n, unit):
    (q,) = find_quantities(f"全年共受理{n}{unit}。")
    assert (q.value, q.unit, q.bound) == (n, unit, "exact")
    (q,) = find_quantities(f"全年共受理{chinese(n)}{unit}。")
    assert (q.value, q.unit) == (n, unit)


@given(st.integers(1, 999_999))
def test_bounds_round_trip(n):
    assert [q.bound for q in find_quantities(f"受理{n}余件")] == ["gt"]
    assert [q.bound for q in find_quantities(f"受理约{n}件")] == ["about"]
    assert [q.bound for q in find_quantities(f"受理{n}件以上")] == ["ge"]


@given(st.integers(1900, 2100))
def test_a_year_is_not_a_quantity(year):
    assert find_quantities(f"{year}年") == []
