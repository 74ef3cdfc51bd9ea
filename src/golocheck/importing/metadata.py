"""Report metadata from what the document prints: the title, the preamble, the signature
block at the end ("沭阳县发展和改革局 / 2024年1月17日") and the page's own metadata (an
HTML 发布时间 / PubDate is a publication date; a PDF CreationDate is not and is never
read). Nothing is invented: what the document does not say is left out, and the rules
then say what could not be checked. ImportOptions override everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from golocheck.importing import ImportOptions
from golocheck.importing.document import Block, is_blank
from golocheck.importing.labels import squeeze

_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_DATE = re.compile(r"([0-9]{4})\s*[年\-/.]\s*([0-9]{1,2})\s*[月\-/.]\s*([0-9]{1,2})\s*日?")
_SIGNED_DATE = re.compile(r"^\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*$")
_PERIOD = re.compile(
    r"自\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*(?:起)?\s*至\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"
)
# metadata keys (lower-cased) that name a publication date or a title, as pages print them
_PUBLISHED_KEYS = ("pubdate", "publishdate", "firstpublishedtime", "发布时间", "发布日期", "published")
_TITLE_KEYS = ("articletitle", "title", "标题")
_GOVERNMENT = "人民政府"
_SIGNATURE_LENGTH = 40  # an issuer's name in a signature block is short


@dataclass
class Metadata:
    values: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # blocks that are title or signature, not prose


def _iso(y: str, m: str, d: str) -> str | None:
    month, day = int(m), int(d)
    return f"{int(y):04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def read_metadata(blocks: list[Block], meta: dict[str, str], options: ImportOptions, skip: set[int]) -> Metadata:
    found = Metadata()
    lowered = {key.lower(): value for key, value in meta.items()}
    _title(found, blocks, lowered, skip)
    title = found.values.get("title", "")
    year = options.year
    if year is None and (match := _YEAR.search(title)):
        year = int(match.group(1))
    if year is not None:
        found.values["report_year"] = year
    issuer, issuer_place, signed_on = _signature(found, blocks, skip)
    if issuer is None and title and (match := _YEAR.search(title)) and match.start() > 0:
        issuer, issuer_place = squeeze(title[: match.start()]), found.places.get("/metadata/title")
    if options.issuer:
        issuer, issuer_place = options.issuer, None
    if issuer:
        found.values["issuer"] = issuer
        if issuer_place is not None:
            found.places["/metadata/issuer"] = issuer_place
    kind = options.issuer_kind or (("人民政府" if issuer.endswith(_GOVERNMENT) else "政府部门") if issuer else None)
    if kind:
        found.values["issuer_kind"] = kind
    if options.region:
        found.values["region"] = options.region
    _period(found, blocks, skip)
    published = options.published_on
    if published is None:
        for key in _PUBLISHED_KEYS:
            if key in lowered and (match := _DATE.search(lowered[key])):
                published = _iso(*match.groups())
                break
    if published is None:
        published = signed_on
    if published:
        found.values["published_on"] = published
    return found


def _title(found: Metadata, blocks: list[Block], meta: dict[str, str], skip: set[int]) -> None:
    """The first heading-like block (among the first few) with 年 and 报告; a short
    first line before it (the issuer, on a line of its own) is part of it."""
    visible = [i for i, b in enumerate(blocks) if i not in skip and not is_blank(b.text)][:6]
    for n, index in enumerate(visible):
        text = blocks[index].text.strip()
        if "报告" in text and "年" in text and len(text) <= 80 and "。" not in text:
            parts = [index]
            if n > 0:
                previous = blocks[visible[n - 1]].text.strip()
                if n == 1 and len(previous) <= 30 and not re.search(r"[。，：；]", previous):
                    parts.insert(0, visible[0])
            found.values["title"] = "".join(blocks[i].text.strip() for i in parts)
            found.places["/metadata/title"] = blocks[parts[0]].place
            found.used.update(parts)
            return
    for key in _TITLE_KEYS:
        if meta.get(key, "").strip():
            found.values["title"] = meta[key].strip()
            return


def _signature(found: Metadata, blocks: list[Block], skip: set[int]):
    """(issuer, its place, date) of a signature block: a short name line, then a date line, at the end."""
    visible = [i for i, b in enumerate(blocks) if i not in skip and not is_blank(b.text)]
    if len(visible) < 2:
        return None, None, None
    name_i, date_i = visible[-2], visible[-1]
    date = _SIGNED_DATE.match(blocks[date_i].text)
    name = blocks[name_i].text.strip()
    if not date or len(name) > _SIGNATURE_LENGTH or re.search(r"[。，：；0-9]", name):
        return None, None, None
    found.used.update((name_i, date_i))
    return name, blocks[name_i].place, _iso(*date.groups())


def _period(found: Metadata, blocks: list[Block], skip: set[int]) -> None:
    for index, block in enumerate(blocks):
        if index in skip:
            continue
        match = _PERIOD.search(block.text)
        if match:
            start, end = _iso(*match.groups()[:3]), _iso(*match.groups()[3:])
            if start and end:
                found.values["period"] = {"start": start, "end": end}
                found.places["/metadata/period"] = block.place
            return
