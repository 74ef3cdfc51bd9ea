"""Find the figures quoted in report prose (Arabic, full-width and Chinese numerals).

The reports are PDF extractions of Chinese government prose, so this reader is
deliberately conservative: it is better to miss a figure than to invent one
that a later consistency check would then flag as wrong.

Decisions (see also the tests):

* Dates are not quantities and are dropped, not returned: ``2018年`` (a
  four-digit year, or 二〇一八年), every ``N月`` (month durations are written
  ``N个月``), ``N日`` right after a month, ``2018-01-01``, ``9:00`` and year
  ranges ``2018-2020``.  Other ``N年`` / ``N日`` are durations (``3年``,
  ``15日内``) and keep the unit.
* ``个工作日`` and ``工作日`` both give unit ``工作日``; ``个百分点`` gives
  ``百分点``; ``％`` and ``百分之…`` give ``%``.
* An amount that ends in 万 before 元 is reported in 万元, the unit of the
  tables: ``5万元`` and ``五万元`` are 5 万元, ``1千万元`` is 1000 万元, while
  ``1.5亿元`` is 150000000 元.
* Chinese numerals count only before a measure word (or as ``百分之…``); a
  bare 百/千/万/亿 needs 余/多 (``万余本``); an 一 glued to the word before it
  (统一, 唯一, 之一…), a numeral after an opening quote (slogans such as
  “四个意识”) and any number after 第 are not quantities.  一 before a
  measure word is still 1 (一个, 一项), except in a few listed slogans (一次办).
* ``3个多月`` is 3 个月 with bound ``gt``.
* ``，`` is a thousands separator only between full-width digits; ASCII ``,``
  always is (``12,515``).
* Unitless Arabic integers of 7+ digits or with a leading zero are treated as
  identifiers (phone numbers, codes); digit strings longer than 30 characters
  are never numbers.
* Bounds: 余/多/超过/逾 → ``gt``; 以上/至少 → ``ge``; 不到/不足 → ``lt``;
  近/将近/接近/以下/不超过 → ``le``; 约/大约/左右 → ``about`` (±10%, see
  :meth:`Quantity.admits`).  When several words apply, a directional one wins
  over ``about``, the strict one over the inclusive one, and opposite
  directions give ``about``.  ``approx`` holds the words joined by ``…``.
"""

import re
from functools import cache

from golocheck.narrative.lazyre import lazy
from golocheck.records import record
from decimal import Context, Decimal, InvalidOperation
from typing import Literal

Bound = Literal["exact", "gt", "ge", "lt", "le", "about"]

#: Relative tolerance of an "about" figure (约 / 大约 / 左右).
ABOUT_TOLERANCE = Decimal("0.1")

# Longest first matters: 人次 before 人, 万元 before 元, 批次 before 次.
_UNITS = sorted(
    "个工作日 个百分点 个多月 个余月 工作日 百分点 个月 人次 万元 批次 条 件 个 次 人 名 篇 元 户 项 份 期 家 "
    "场 本 册 天 年 月 日 % 号".split(),
    key=len, reverse=True,
)
_UNIT_ALIASES = {"个工作日": "工作日", "个百分点": "百分点"}

_PRE_BOUND = {"不超过": "le", "将近": "le", "接近": "le", "近": "le", "大约": "about", "约": "about",
              "超过": "gt", "逾": "gt", "至少": "ge", "不到": "lt", "不足": "lt"}
_SUFFIX_BOUND = {"余": "gt", "多": "gt", "以上": "ge", "以下": "le", "左右": "about"}

_MULTIPLIERS = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 1000, "百": 100}
# A 万 right before 元 belongs to the unit 万元, not to the number.
_MUL = r"万亿|亿|(?:千|百)?万(?!元)|千|百"
_UNIT = "|".join(map(re.escape, _UNITS))
_AR = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"

# Phrases whose numerals are followed by a measure word but are not counts.
_NOT_NUMBERS = ("一次办", "一次性", "跑一次", "一件事", "一条龙", "一个窗口", "四个意识", "四个自信",
                "两个维护", "两个确立", "三个代表", "千家万户")

# Every quantifier below is over a class disjoint from what follows it, so the
# scan stays linear (no catastrophic backtracking).  Skip branches come first so
# that, at the same start position, a date or phone number beats a number.
_SCAN = lazy(rf"""
    (?P<skip>
        [0-9]{{4}}\s*[-/.]\s*[0-9]{{1,2}}\s*[-/.]\s*[0-9]{{1,2}}          # 2018-01-01
      | [0-9]{{1,2}}\s*[:：]\s*[0-9]{{2}}                                  # 9:00
      | (?:19|20)[0-9]{{2}}\s*[-—–－~～至到]\s*(?:19|20)[0-9]{{2}}         # 2018-2020
      | [〔\[［【(（]\s*[0-9]{{4}}\s*[〕\]］】)）]                           # 〔2017〕199号
      | [(（]\s*(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[)）]      # (1) （一）
      | (?:电话|传真|手机|热线|邮编|邮政编码)[:：\s]*[0-9][0-9\-—–－‐]*
      | [0-9]{{3,4}}\s*[-—–－‐]+\s*[0-9]{{7,8}}                           # 0975—8386332
      | {"|".join(_NOT_NUMBERS)}
    )
  | (?P<pct>百分之\s*)?
    (?:(?P<ar>{_AR})|(?P<cn>{_CN}))
    (?:\s*(?P<mul>{_MUL}))?
    (?:\s*(?P<apx>余|多(?=\s*(?:{_MUL}|{_UNIT}))))?
    (?:\s*(?P<mul2>{_MUL}))?
    (?:\s*(?P<unit>{_UNIT}))?
    (?:\s*(?P<post>以上|以下|左右))?
""", re.VERBOSE)

# Searched in a short window before the number; the look-behinds keep 最近 and
# 节约 from reading as approximations.
_PRE = lazy(r"(不超过|将近|接近|大约|超过|不到|不足|至少|逾|(?<![最附])近|(?<![节制签预契])约)\s*$")
_PRE_LAST = set("过近约到足少逾")
_MONTH_END = lazy(r"月\s*$")
_NUMBER = lazy(rf"\s*(?:(?P<ar>{_AR})|(?P<cn>{_CN}))(?:\s*(?P<mul>万亿|亿|(?:千|百)?万|千|百))?\s*")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_FW_COMMA = lazy(r"(?<=[０-９])，(?=[０-９])")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BLOCKERS = set("统唯同逐之划专单归合如")
_OPEN_QUOTES = set("“‘「『《\"'")
_ID_CHARS = set("@_#/\\")
_MAX_DIGITS = 30


@cache
def _fullwidth_char() -> re.Pattern:
    """The characters _normalise changes: most texts have none, and looking is far cheaper
    than translating. (Not a lazy pattern: one that rarely matches would be tried literal by
    literal on every call.)"""
    return re.compile("[０-９．％]")


def _normalise(text: str) -> str:
    # One character in, one out: offsets stay valid for the caller's text.
    if _fullwidth_char().search(text) is None:
        return text  # no full-width digit, so no full-width thousands separator either
    return _FW_COMMA.sub(",", text).translate(_FULLWIDTH)


def _cn_value(s: str) -> int | None:
    """Value of a run of Chinese numeral characters, or None if malformed."""
    if len(s) > _MAX_DIGITS:
        return None
    if all(c in _CN_DIGITS for c in s):
        if len(s) > 1 and "两" in s:
            return None
        # Digit by digit, as years are written (二〇一八).
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total = wan = sec = 0            # above 亿, the 万 group, below 万
    digit: int | None = None
    zero = False                     # a 零 since the last unit: 一千零五
    cap = last = 10**4               # small units must decrease within a group
    for c in s:
        if c in _CN_DIGITS:
            if digit is not None:    # 十三五: two digits in a row
                return None
            if _CN_DIGITS[c] == 0:
                zero = True
            else:
                digit = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            u = _CN_SMALL[c]
            if u >= cap:
                return None
            if digit is None:        # 十五, 百余: implied 一 only opens a group
                if sec and not zero:
                    return None
                digit = 1
            sec += digit * u
            cap = last = u
            digit, zero = None, False
        else:                        # 万 or 亿
            sec += digit or 0
            if c == "万":
                if wan or (sec == 0 and (total or zero)):
                    return None
                wan, sec = (sec or 1) * 10**4, 0
                last = 10**4
            else:
                part = wan + sec
                if part == 0 and (total or zero):
                    return None
                total, wan, sec = (total + (part or 1)) * 10**8, 0, 0
                last = 10**8
            cap, digit, zero = 10**4, None, False
    if digit is not None:
        # 两千零五 → 5, but 一千五 / 一万五 → one step below the last unit.
        sec += digit if zero else digit * (last // 10)
    return total + wan + sec


# Arithmetic on figures is exact: the longest figure (_MAX_DIGITS digits, times 万亿 twice)
# fits. In the default 28-digit context a 29-digit figure would be rounded, and
# quantize() would raise InvalidOperation.
_EXACT = Context(prec=_MAX_DIGITS + 30)


_ONE = Decimal(1)


def _tidy(d: Decimal) -> Decimal:
    if d != d.to_integral_value():
        return d
    try:
        return d.quantize(_ONE)  # exact when it fits 28 digits (the common, fast case)
    except InvalidOperation:
        return d.quantize(_ONE, context=_EXACT)


def _value(ar: str | None, cn: str | None, *muls: str | None) -> Decimal | None:
    if ar is not None:
        if len(ar) > _MAX_DIGITS:
            return None
        if ar.isdigit() and not any(muls):
            return Decimal(ar)  # the common case, already integral: nothing to multiply or tidy
        value = Decimal(ar.replace(",", ""))
    else:
        n = _cn_value(cn or "")
        if n is None:
            return None
        value = Decimal(n)
    for mul in muls:
        if mul:
            value = _EXACT.multiply(value, _MULTIPLIERS[mul])
    return _tidy(value)


def parse_number(text: str) -> Decimal | None:
    """Read a whole string as one number (``12,515``, ``１２３``, ``两千零五``, ``1.2万``).

    Returns None when ``text`` is not exactly one number.
    """
    m = _NUMBER.fullmatch(_normalise(text))
    return _value(m["ar"], m["cn"], m["mul"]) if m else None


@record(frozen=True)
class Quantity:
    """A figure quoted in prose.

    ``start:end`` spans everything matched (approximation words, number,
    measure word); ``num_start:num_end`` spans the number with its 万/亿
    multiplier (and a 余 between them, as in 十余万).
    """

    value: Decimal
    start: int
    end: int
    num_start: int
    num_end: int
    unit: str | None = None
    approx: str | None = None
    bound: Bound = "exact"

    def admits(self, x: Decimal | int) -> bool:
        """Whether an exact table figure ``x`` is consistent with this quoted one."""
        x, v = Decimal(x), self.value
        if self.bound == "gt":
            return x > v
        if self.bound == "ge":
            return x >= v
        if self.bound == "lt":
            return x < v
        if self.bound == "le":
            return x <= v
        if self.bound == "about":
            return abs(x - v) <= abs(v) * ABOUT_TOLERANCE
        return x == v


def _combine(bounds: list[str]) -> Bound:
    kinds = set(bounds) - {"about"}      # a direction says more than 约
    if not kinds:
        return "about" if bounds else "exact"
    lower, upper = kinds & {"gt", "ge"}, kinds & {"lt", "le"}
    if lower and upper:
        return "about"
    if lower:
        return "gt" if "gt" in lower else "ge"
    return "lt" if "lt" in upper else "le"


def _is_id_char(c: str) -> bool:
    # Digits glued to Latin letters or e-mail/URL punctuation are identifiers.
    return (c.isascii() and c.isalpha()) or c in _ID_CHARS


def _is_year(ar: str | None, cn: str | None) -> bool:
    if ar is not None:
        return len(ar) == 4 and ar.isdigit() and 1900 <= int(ar) <= 2100
    return len(cn or "") == 4 and all(c in _CN_DIGITS for c in cn or "")


def _quantity(text: str, m: re.Match[str], offset: int = 0) -> Quantity | None:
    ar, cn, mul, apx, mul2, unit, post, pct = m.group(
        "ar", "cn", "mul", "apx", "mul2", "unit", "post", "pct")
    num_start = m.start("ar") if ar is not None else m.start("cn")
    num_end = m.end("mul2" if mul2 else "mul" if mul else "ar" if ar is not None else "cn")
    start = m.start()
    window = max(0, start - 12)
    before = text[window:start]
    stripped = before.rstrip()
    prev = text[num_start - 1] if num_start else ""

    if unit == "号" or stripped.endswith("第"):                 # document numbers, ordinals
        return None
    if unit == "月" or (unit == "年" and _is_year(ar, cn)) or (unit == "日" and _MONTH_END.search(before)):
        return None                                              # dates
    if ar is not None:
        after = text[m.end("ar"):m.end("ar") + 1]
        if _is_id_char(prev) or _is_id_char(after):
            return None                                          # 5G, H5N1, qq123@163.com
        if not (mul or apx or unit or post or pct) and ar.isdigit():
            if len(ar) >= 7 or (len(ar) > 1 and ar[0] == "0"):
                return None                                      # phone numbers, codes
            if len(ar) <= 2 and after in ("、", ".", ")", "）") and not prev.isalnum():
                return None                                      # list markers 1. 2、
    else:
        if not (unit or pct):
            return None                                          # 一是, 十九大, 三公
        if len(cn) == 1 and cn in "百千万亿" and not (apx or pct):
            return None                                          # 千家, 万户
        if (cn == "一" and prev in _CN_BLOCKERS) or prev in _OPEN_QUOTES:
            return None                                          # 统一, “四个意识”

    value = _value(ar, cn, mul, mul2)
    if value is None:
        return None
    if pct:
        unit = "%"
    elif unit == "元" and text[num_end - 1] == "万" and num_end - 1 > num_start:
        value, unit, num_end = _tidy(_EXACT.divide(value, 10**4)), "万元", num_end - 1   # 五万元 → 5 万元
    elif unit in ("个多月", "个余月"):                         # 3个多月: 多 sits inside the unit
        apx, unit = unit[1], "个月"
    elif unit:
        unit = _UNIT_ALIASES.get(unit, unit)

    words, bounds = [], []
    # Cheap test first: every approximation word ends in one of these characters.
    pre = _PRE.search(text, window, start) if stripped[-1:] in _PRE_LAST else None
    if pre:
        start = pre.start()
        words.append(pre[1])
        bounds.append(_PRE_BOUND[pre[1]])
    for word in (apx, post):
        if word:
            words.append(word)
            bounds.append(_SUFFIX_BOUND[word])
    if not words:  # most figures: no approximation word
        return Quantity(value, start + offset, m.end() + offset, num_start + offset, num_end + offset, unit)
    return Quantity(value, start + offset, m.end() + offset, num_start + offset, num_end + offset, unit, "…".join(words), _combine(bounds))


# The characters a match of _SCAN can start with: a digit, a Chinese numeral (百 of
# 百分之 too), an opening bracket, the first character of a skipped word or phrase.
_SCAN_FIRST = "0-9\\[" + "".join(dict.fromkeys("零〇一二两三四五六七八九十百千万亿" + "〔［【(（" + "电传手热邮" + "".join(p[0] for p in _NOT_NUMBERS)))


@cache
def _scan_start() -> re.Pattern:
    """Where a match of _SCAN can start. The engine tries each of _SCAN's many branches at
    every character, and few characters of prose can start one: found first with a plain
    class, _SCAN is tried only there. (Not a lazy pattern: it would be tried literal by
    literal.)"""
    return re.compile(f"[{_SCAN_FIRST}]")


def _scan(norm: str):
    """The matches of _SCAN in ``norm``, as its finditer gives them: the leftmost match from
    each place on, tried only where a match can start (_scan_start)."""
    search, match = _scan_start().search, _SCAN.match
    at = search(norm)
    while at is not None:
        m = match(norm, at.start())
        if m is None:
            at = search(norm, at.start() + 1)
        else:
            yield m
            at = search(norm, m.end())  # a match is never empty


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every quantity quoted in ``text``, in order, with offsets into ``text`` plus
    ``offset`` (the place of ``text`` in a longer one)."""
    norm = _normalise(text)
    found = []
    for m in _scan(norm):
        if m["skip"] is None:
            q = _quantity(norm, m, offset)
            if q is not None:
                found.append(q)
    return found
