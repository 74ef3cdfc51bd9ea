"""Section splitting: a document's blocks -> preamble and the format's sections.

A heading starts with a Chinese ordinal followed by 、 (一、 … 六、; never 一是/二是) and
shows one of its section's match phrases, variants or label (formats/*.yaml); ordinals
only increase. In flattened text a heading may stand inside a block: the block is split
there. A section's text is its blocks, tables excluded (grids are not blocks, and the
captions and notes printed with a table belong to it); page furniture is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from golocheck.formats import FormatDefinition
from golocheck.importing.document import Block, is_blank
from golocheck.importing.labels import contains_words, normalise

_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,3})\s*[、.．]")
_DIGITS = "一二三四五六七八九"
# page numbers ("-1-", "— 2 —", "第 3 页", "第3页 共5页")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*[0-9]+[-—–－\s]*$|^第\s*[0-9]+\s*页(\s*[/，,]?\s*共\s*[0-9]+\s*页)?$")
_WINDOW = 40  # how far after the ordinal a heading's words may reach


def ordinal_value(text: str) -> int:
    """一 -> 1 … 十 -> 10, 十一 -> 11, 二十 -> 20."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_DIGITS.index(units) + 1 if units else 0)
    return _DIGITS.index(text) + 1 if len(text) == 1 else 0


def furniture(blocks: list[Block]) -> set[int]:
    """Indices of page numbers and running heads (a short line repeated on many pages)."""
    counts = Counter(normalise(b.text) for b in blocks if len(normalise(b.text)) <= 30)
    return {
        i for i, b in enumerate(blocks)
        if _PAGE_NUMBER.match(b.text.strip()) or (len(normalise(b.text)) <= 30 and counts[normalise(b.text)] >= 3 and normalise(b.text))
    }


def table_text(fmt: FormatDefinition, text: str) -> bool:
    """A block that is a table's caption or note (part of the table, not of the prose)."""
    own = normalise(text)
    phrases = [c for p in fmt.printed for c in p.captions] + [t.label for t in fmt.tables]
    return any(own == normalise(phrase) for phrase in phrases)


@dataclass
class Split:
    preamble: list[tuple[str, Any]] = field(default_factory=list)  # (text, place)
    sections: list[dict[str, Any]] = field(default_factory=list)  # heading, heading place, parts [(text, place)]


def _heading_at(fmt: FormatDefinition, text: str, start: int, seen: int) -> tuple[int, int] | None:
    """(ordinal value, end of the heading) when a heading of the format starts at ``start``."""
    match = _ORDINAL.match(text, start)
    if not match:
        return None
    value = ordinal_value(match.group(1))
    if value <= seen:
        return None
    after = text[match.end(): match.end() + _WINDOW]
    for section in fmt.sections:
        names = sorted({section.label, *section.variants}, key=len, reverse=True)
        for name in names:
            if normalise(after).startswith(normalise(name)):
                return value, _end_of(text, match.end(), name)
        if any(contains_words(after, phrase) for phrase in section.match):
            return value, None  # the heading runs to the end of its line
    return None


def _end_of(text: str, start: int, name: str) -> int:
    """Where the printed ``name`` ends in ``text`` from ``start`` (spaces may be inside it)."""
    wanted, got, i = len(normalise(name)), 0, start
    while i < len(text) and got < wanted:
        if normalise(text[i]):
            got += len(normalise(text[i]))
        i += 1
    return i


def split(fmt: FormatDefinition, blocks: list[Block], skip: set[int]) -> Split:
    result = Split()
    seen = 0
    for index, block in enumerate(blocks):
        if index in skip or is_blank(block.text) or table_text(fmt, block.text):
            continue
        text, pos = block.text, 0
        while True:
            found = _next_heading(fmt, text, pos, seen)
            if found is None:
                _add(result, text[pos:], block.place)
                break
            start, value, end = found
            _add(result, text[pos:start], block.place)
            line_end = text.find("\n", start)
            end = end if end is not None else (len(text) if line_end < 0 else line_end)
            heading = text[start:end].strip()
            result.sections.append({"heading": heading, "place": block.place, "parts": []})
            seen, pos = value, end
    return result


def _next_heading(fmt: FormatDefinition, text: str, pos: int, seen: int):
    for match in _ORDINAL.finditer(text, pos):
        start = match.start()
        before = text[pos:start]
        # a heading starts a block or line, or — in flattened text — follows the end of a sentence or a figure
        if start != pos and before.strip() and not re.search(r"[。！？；\n0-9）)]\s*$", before):
            continue
        found = _heading_at(fmt, text, start, seen)
        if found:
            return start, found[0], found[1]
    return None


def _add(result: Split, text: str, place) -> None:
    text = text.strip()
    if not text:
        return
    target = result.sections[-1]["parts"] if result.sections else result.preamble
    target.append((text, place))
