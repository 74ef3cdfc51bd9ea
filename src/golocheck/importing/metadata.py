"""Report metadata from what the document prints: the title, the title block under it
("沐阳县人民政府 / (2026年1月23日)"), the preamble, the signature block at the end
("沭阳县发展和改革局 / 2024年1月17日") and the page's own metadata (an HTML 发布时间 /
PubDate, or a saved page's header lines "发布时间: 2022-02-08 16:34", is a publication
date; a PDF CreationDate is not and is never read). Nothing is invented: what the
document does not say is left out, and the rules then say what could not be checked.
ImportOptions override everything.

What comes before the title (site chrome, a crawler's header, an extractor's 正文) is
not the report's: its blocks are marked used, so that they are in no section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from golocheck.importing import ImportOptions
from golocheck.importing.document import Block, is_blank
from golocheck.importing.labels import squeeze
from golocheck.loading import Problem
from golocheck.settings import ISSUER_KIND_NAMES

_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_DATE = re.compile(r"([0-9]{4})\s*[年\-/.]\s*([0-9]{1,2})\s*[月\-/.]\s*([0-9]{1,2})\s*日?")
_SIGNED_DATE = re.compile(r"^\s*[（(]?\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*[）)]?\s*$")
# the statistics period: 自2023年1月1日起至2023年12月31日止, 统计时限为2023年1月1日至…,
# 统计期限为 2025年 1 月 1 日至 12 月 31 日 (the end's year left out: the start's)
_PERIOD = re.compile(
    r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:至|到)(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日"
)
_PERIOD_CONTEXT = ("统计", "自")  # a date range is the period where the text says so
# metadata keys (lower-cased) that name a publication date or a title, as pages print them
_PUBLISHED_KEYS = ("pubdate", "publishdate", "firstpublishedtime", "published", "发布时间", "发布日期", "公开日期")
_TITLE_KEYS = ("heading", "articletitle", "title", "标题")
# a saved page's header line: "发布时间: 2022-02-08 16:34", "栏目: …" (a short key, a colon)
_HEADER_LINE = re.compile(r"^\s*([^\s:：]{1,8})\s*[:：]\s*(.*)$")
_TITLE_WORDS = ("报告",)
_SCAN = 15  # the title is among the first blocks
_TITLE_LENGTH = 80
_NAME_LENGTH = 40  # an issuer's name in a title or signature block is short
# The kind of issuer where the name settles it: a 人民政府, or a government's 局 or
# 委员会/委. Other names (办公厅, 办公室, 管委会, a zone's name) are left to --issuer-kind:
# a government's office may report for the government or for itself.
_GOVERNMENT = "人民政府"
_DEPARTMENT_ENDINGS = ("局", "委员会", "委")
# a zone's committee or a 派出机关 reports for an area without being a 人民政府
_AREA_BODY_ENDINGS = ("管委会", "管理委员会", "街道办事处")
# a name line alone at the end is a signature when it ends as an organisation's name does
_ORGANISATION_ENDINGS = ("人民政府", "政府", "办公室", "办公厅", "局", "委员会", "委", "厅", "管委会", "中心", "院", "办")
_PROSE_PUNCT = re.compile(r"[。，：；;:,0-9]")
_CHROME_TOKEN = 30  # a space-separated piece of site chrome is short and no sentence


@dataclass
class Metadata:
    values: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # blocks that are title, chrome or signature, not prose
    starts: dict[int, int] = field(default_factory=dict)  # block -> where its prose starts (after an inline title)
    problems: list = field(default_factory=list)  # the import's notes on what it derived (I050)


def _iso(y: str, m: str, d: str) -> str | None:
    month, day = int(m), int(d)
    return f"{int(y):04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def read_metadata(blocks: list[Block], meta: dict[str, str], options: ImportOptions, skip: set[int]) -> Metadata:
    found = Metadata()
    lowered = {key.lower(): value for key, value in meta.items()}
    visible = [i for i, b in enumerate(blocks) if i not in skip and not is_blank(b.text)]
    header = _header_lines(blocks, visible)
    title_at = _title(found, blocks, visible, header, lowered)
    title = found.values.get("title", "")
    year = options.year
    if year is None and (match := _YEAR.search(title)):
        year = int(match.group(1))
    if year is not None:
        found.values["report_year"] = year
    block_issuer, block_date = _title_block(found, blocks, visible, title_at)
    before = set(found.used)
    issuer, issuer_place, signed_on = _signature(found, blocks, visible)
    titled = block_issuer or ((_issuer_in_title(title), found.places.get("/metadata/title")) if title else None)
    if issuer is not None and titled is not None and titled[0] and not _same_body(issuer, titled[0]):
        # the signature names another body than the title (某县统计局's report signed 某县财政局):
        # the title's body stays the issuer and the signature stays in the text, where the
        # checks compare it with the issuer (N045, N012) — never a silent choice of one
        found.used -= found.used - before
        issuer, issuer_place = titled
    if issuer is None and block_issuer is not None:
        issuer, issuer_place = block_issuer
    if issuer is None and title:
        issuer, issuer_place = _issuer_in_title(title), found.places.get("/metadata/title")
    if options.issuer:
        issuer, issuer_place = options.issuer, None
    if issuer:
        found.values["issuer"] = issuer
        if issuer_place is not None:
            found.places["/metadata/issuer"] = issuer_place
    kind = options.issuer_kind or (_kind_of(issuer) if issuer else None)
    if kind:
        found.values["issuer_kind"] = kind
        if not options.issuer_kind:
            found.values["issuer_kind_inferred"] = True
        if not options.issuer_kind and "/metadata/issuer" in found.places:
            # read from the issuer's name: where the name is printed (a PDF's page)
            found.places["/metadata/issuer_kind"] = found.places["/metadata/issuer"]
    if options.region:
        found.values["region"] = options.region
    _period(found, blocks, visible)
    if "period" not in found.values and year is not None:
        _derived_period(found, year, from_title=options.year is None)
    published = options.published_on
    pages = {**{k.lower(): v for k, v in header.values()}, **lowered}
    if published is None:
        for key in _PUBLISHED_KEYS:
            if key in pages and (match := _DATE.search(pages[key])):
                published = _iso(*match.groups())
                break
    published = published or signed_on or block_date
    if published:
        found.values["published_on"] = published
    return found


def _kind_of(issuer: str) -> str | None:
    """The kind the name settles, or None (an office, a 中心, a company: say --issuer-kind).
    The report records that it was inferred (metadata.issuer_kind_inferred): the checks
    whose finding depends on it say so and do not raise an error on it."""
    name = squeeze(issuer)
    if name.endswith(_GOVERNMENT):
        return ISSUER_KIND_NAMES["government"]
    if name.endswith(_AREA_BODY_ENDINGS):
        return ISSUER_KIND_NAMES["area-body"]
    if name.endswith(_DEPARTMENT_ENDINGS):
        return ISSUER_KIND_NAMES["department"]
    return None


def _header_lines(blocks: list[Block], visible: list[int]) -> dict[int, tuple[str, str]]:
    """The leading "key: value" lines of a saved page's header (block -> (key, value))."""
    lines = {}
    for index in visible[:_SCAN]:
        match = _HEADER_LINE.match(blocks[index].text)
        if not match or "。" in blocks[index].text:
            break
        lines[index] = (match.group(1), match.group(2).strip())
    return lines


def _is_title(text: str) -> bool:
    return all(w in text for w in _TITLE_WORDS) and "年" in text and len(squeeze(text)) <= _TITLE_LENGTH and "。" not in text


def _title(found: Metadata, blocks: list[Block], visible: list[int], header: dict, meta: dict[str, str]) -> int | None:
    """The title: the first title-like block among the first few (a short line before it
    that it continues, as a PDF's title broken over two lines, is part of it), or a
    title-like piece of a flattened line; else the page's own title. Returns its block."""
    candidates = [i for i in visible[:_SCAN] if i not in header]
    for n, index in enumerate(candidates):
        text = blocks[index].text.strip()
        if _is_title(text):
            parts = [index]
            if n > 0:
                previous = blocks[candidates[n - 1]].text.strip()
                if len(squeeze(previous)) <= _NAME_LENGTH and not re.search(r"[。，：；:]", previous) and (
                    not _YEAR.search(text) or n == 1
                ) and not _is_title(previous) and (_YEAR.search(previous) or not _YEAR.search(text)):
                    parts.insert(0, candidates[n - 1])
            joined = "".join(blocks[i].text.strip() for i in parts)
            _take_title(found, blocks, visible, parts, joined)
            return parts[-1]
        inline = _inline_title(text)
        if inline is not None:
            title, start = inline
            _take_title(found, blocks, visible, [index], title)
            found.used.discard(index)
            found.starts[index] = blocks[index].text.find(text) + start
            return index
    for key in _TITLE_KEYS:
        if meta.get(key, "").strip():
            found.values["title"] = meta[key].strip()
            return None
    return None


def _take_title(found: Metadata, blocks: list[Block], visible: list[int], parts: list[int], title: str) -> None:
    found.values["title"] = title
    found.places["/metadata/title"] = blocks[parts[0]].place
    found.used.update(i for i in visible if i <= parts[-1])  # the title, and the chrome before it


def _inline_title(text: str) -> tuple[str, int] | None:
    """In flattened text the title is a space-separated piece of a longer line, between
    site chrome (当前位置：… 来源：… 时间：…) and the preamble: (title, where the prose
    starts after it and the chrome that follows it)."""
    pos = 0
    for piece in re.finditer(r"\S+", text):
        if _is_title(piece.group()) and len(piece.group()) >= 10:
            pos = piece.end()
            for after in re.finditer(r"\S+", text[pos:]):
                token = after.group()
                if len(token) > _CHROME_TOKEN or re.search(r"[。，]", token):
                    return piece.group(), pos + after.start()
            return None
    return None


def _title_block(found: Metadata, blocks: list[Block], visible: list[int], title_at: int | None):
    """The lines right under the title that name the issuer and the date
    (沐阳县人民政府 / (2026年1月23日)): ((issuer, place) or None, date or None)."""
    if title_at is None or title_at not in visible:
        return None, None
    n = visible.index(title_at)
    following = visible[n + 1: n + 3]
    issuer = date = None
    for index in following:
        text = blocks[index].text.strip()
        if date is None and (match := _SIGNED_DATE.match(text)):
            date = _iso(*match.groups())
            found.used.add(index)
        elif issuer is None and date is None and _organisation(text):
            issuer = (text, blocks[index].place)
            found.used.add(index)
        else:
            break
    if date is None and issuer is not None:  # a name alone under the title: not a title block
        found.used.discard(visible[n + 1])
        return None, None
    return issuer, date


def _same_body(one: str, other: str) -> bool:
    """Whether two names may name one body: the shorter one's characters stand in the longer
    one in order — it holds it (统计局 / 某县统计局, 某县人民政府 / 某县人民政府办公室, which signs
    for it) or abbreviates it (上海市科委 / 上海市科学技术委员会, 某县政府 / 某县人民政府). As N045's
    checks.narrative.one_body, which reads the text, not the document."""
    short, long = sorted((squeeze(one), squeeze(other)), key=len)
    rest = iter(long)
    return all(c in rest for c in short)


def _organisation(text: str) -> bool:
    name = squeeze(text)
    return 0 < len(name) <= _NAME_LENGTH and not _PROSE_PUNCT.search(name) and name.endswith(_ORGANISATION_ENDINGS)


def _issuer_in_title(title: str) -> str | None:
    """The name a title gives before its year (平潭综合实验区2021年度…), or between the
    year and 政府信息公开 (2025 年上海市人民政府办公厅政府信息公开…)."""
    match = _YEAR.search(title)
    if not match:
        return None
    before = squeeze(title[: match.start()])
    if before:
        return before
    after = squeeze(title[match.end():])
    after = re.sub(r"^度", "", after)
    end = after.find("政府信息公开")
    return after[:end] or None if end > 0 else None


def _signature(found: Metadata, blocks: list[Block], visible: list[int]):
    """(issuer, its place, date) of a signature block at the end: a short name line and a
    date line, or a name alone that ends as an organisation's name does."""
    if len(visible) < 2:
        return None, None, None
    name_i, date_i = visible[-2], visible[-1]
    date = _SIGNED_DATE.match(blocks[date_i].text)
    name = blocks[name_i].text.strip()
    if date and len(squeeze(name)) <= _NAME_LENGTH and not _PROSE_PUNCT.search(name):
        found.used.update((name_i, date_i))
        return squeeze(name), blocks[name_i].place, _iso(*date.groups())
    last = blocks[date_i].text.strip()
    if _organisation(last):
        found.used.add(date_i)
        return squeeze(last), blocks[date_i].place, None
    return None, None, None


def _derived_period(found: Metadata, year: int, from_title: bool) -> None:
    """No statistics period printed: an annual report's period is its report year, 1 January
    to 31 December (条例 第四十九条: the report on the previous year; neither national
    format asks for a period sentence). Recorded as derived (metadata.period_derived), placed
    where the year was read, and said once (I050)."""
    found.values["period"] = {"start": f"{year:04d}-01-01", "end": f"{year:04d}-12-31"}
    found.values["period_derived"] = True
    place = found.places.get("/metadata/title") if from_title else None
    if place is not None:
        found.places["/metadata/period"] = place
    source = ("标题", "the title") if from_title and place is not None else ("--year", "--year")
    found.problems.append(Problem("I050", "/metadata/period", {
        "year": year, "start": found.values["period"]["start"], "end": found.values["period"]["end"],
        "source": source[0], "source_en": source[1]}, place=place))


def _period(found: Metadata, blocks: list[Block], visible: list[int]) -> None:
    """The first date range the text gives as its statistics period; lines are joined
    first (a PDF's line break may fall inside the range)."""
    text, owners = "", []
    for index in visible:
        piece = squeeze(blocks[index].text)
        text += piece
        owners.extend([index] * len(piece))
    for match in _PERIOD.finditer(text):
        context = text[max(0, match.start() - 12): match.start()]
        if not any(word in context for word in _PERIOD_CONTEXT):
            continue
        y1, m1, d1, y2, m2, d2 = match.groups()
        start, end = _iso(y1, m1, d1), _iso(y2 or y1, m2, d2)
        if start and end:
            found.values["period"] = {"start": start, "end": end}
            found.places["/metadata/period"] = blocks[owners[match.start()]].place
        return
