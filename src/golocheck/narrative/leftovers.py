"""Text that should not be in a published report: web-page debris, template
placeholders, years that do not fit, names of another region or body, repeated text,
ASCII punctuation in Chinese prose, a list item whose figure is missing.

The patterns come from the rules' params (rules/N0xx.yaml); this module only applies
them, so each function takes compiled patterns and yields (block, start, end, args).
"""

from __future__ import annotations

import re
from typing import Iterator

from golocheck.narrative.document import Block, Document, lacks_literals
from golocheck.narrative.lazyre import lazy

_LEVELS = "省市州县区旗盟镇乡"
_SENTENCE = lazy(r"[^。！？!?；;\n]+")
_HAN = lazy(r"[\u4e00-\u9fff]")


def text_blocks(doc: Document, with_title: bool = True) -> list[Block]:
    title = doc.title_block if with_title else None
    return ([title] if title else []) + doc.blocks


def hits(doc: Document, patterns, with_title: bool = True, shared: bool = False) -> Iterator[tuple[Block, int, re.Match, dict]]:
    """(block, offset, match, description) for every match of every (pattern, description)
    in the report's text; positions in the block are the match's minus offset. A pattern
    anchored with ^ is applied to each block on its own. ``shared``: the rule shares patterns
    with another (N012 and N045 both look for the signature), whose matches are kept for the
    report — keeping costs more than it saves for the patterns of one rule only."""
    title = doc.title_block if with_title else None
    for pattern, what in patterns:
        if title is not None:
            for m in _title_matches(doc, pattern, title.text):
                yield title, 0, m, what
        for block, offset, m in (_kept_matches(doc, pattern) if shared else _matches(doc, pattern)):
            yield block, offset, m, what


def _title_matches(doc: Document, pattern, title: str):
    """``pattern.finditer(title)``, unless the title lacks every literal of one of the
    groups the pattern needs (narrative.lazyre): each literal is looked for in the title
    once per report, not once per pattern that needs it, and a compiled pattern is not
    run on a title it cannot match either."""
    needs = getattr(pattern, "needs", None)
    if needs:
        holds = doc.cache.get("title literals")
        if holds is None:
            holds = doc.cache["title literals"] = {}
        if lacks_literals(needs, title, holds):
            return ()
    return (pattern.finditer if getattr(pattern, "is_compiled", True) else pattern.compiled.finditer)(title)


def _matches(doc: Document, pattern):
    return doc.scan(pattern, list(doc.blocks) if pattern.pattern.startswith("^") else None)


def _kept_matches(doc: Document, pattern) -> list[tuple[Block, int, re.Match]]:
    """Document.scan's matches of ``pattern``, once per report and pattern source."""
    key = ("matches", pattern.pattern, pattern.flags)
    found = doc.cache.get(key)
    if found is None:
        found = doc.cache[key] = list(_matches(doc, pattern))
    return found


# A word before a figure and one after it, close together: the only sentences where a
# figure can carry two approximation words.
_TWO_WORDS = lazy(r"(?:超过|逾|近|约|不到|不足|至少|不超过)[^。！？\n]{0,24}?(?:余|多|以上|以下|左右)")


def stacked_approximations(doc: Document):
    """Figures with two approximation words (超过 5332 余条): one says it already."""
    for block in doc.blocks:
        sentences = {block.sentence(m.start())[0]: m.start() for m in _TWO_WORDS.finditer(block.text)}
        for q in block.quantities_around(sentences.values()):
            if q.approx and "…" in q.approx:
                yield block, q


def level_words(region: str, issuer: str) -> set[str]:
    return {c for c in _LEVELS if c in region + issuer}


def other_levels(doc: Document, pattern: re.Pattern, region: str, issuer: str):
    """我市 / 全县 / 本区… naming a level the issuer's region does not have (全市 in a
    report of 平潭综合实验区, a zone of Fujian with no city): text copied from another
    body's report. Nothing is said when the region names no level at all, nor of a level
    ranked above every level it names: the region's name need not give its parents
    (平潭综合实验区 lies in 福建省 whether or not the name says so), so 全省 there may name one —
    only a level missing between or below the named ones is known not to exist."""
    allowed = level_words(region, issuer)
    if not allowed:
        return
    top = min(_RANKS[c] for c in allowed)
    for block, offset, m in doc.scan(pattern):
        if m["level"] not in allowed and _RANKS[m["level"]] >= top:
            yield block, m.start() - offset, m.end() - offset, m.group()


# Levels from the top: a self-reference with 我/本 names the issuer's own level, and a
# level ranked above it (我市 in a county's report) is another body's — 全市 may name a parent.
_RANKS = {"省": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "区": 2, "旗": 2, "镇": 3, "乡": 3}
_LEVEL_AT = lazy(r"[省市州盟县区旗镇乡](?![场域])")


def own_level(region: str, issuer: str) -> str | None:
    """The lowest level the region names (区 in 江苏省淮安市洪泽区), else the issuer's name's."""
    for name in (region, issuer):
        levels = _LEVEL_AT.findall(name)
        if levels:
            return max(levels, key=lambda c: _RANKS[c])
    return None


def parent_levels(doc: Document, pattern: re.Pattern, region: str, issuer: str):
    """我市 / 本市 … in the report of a body whose own level is below it (a county's report):
    (block, start, end, found, own level). Nothing is said when no level is known."""
    own = own_level(region, issuer)
    if own is None:
        return
    for block, offset, m in doc.scan(pattern):
        if _RANKS[m["level"]] < _RANKS[own]:
            yield block, m.start() - offset, m.end() - offset, m.group(), own


def foreign_places(name: str, place: re.Pattern, reference: str) -> list[str]:
    """The place names at the start of ``name`` (淮安市, 洪泽区) that are not in ``reference``."""
    missing, pos = [], 0
    while True:
        m = place.match(name, pos)
        if m is None:
            return missing
        if m.group() not in reference:
            missing.append(m.group())
        pos = m.end()


def item_before(text: str, end: int, longest: int = 20) -> int:
    """Start of the list item that ends at ``end``: back over Chinese characters to the
    separator before it (、，；：。 or a line end), at most ``longest`` characters."""
    start = end
    while start > 0 and end - start < longest and _HAN.match(text, start - 1):
        start -= 1
    return start


def repeated_sentences(doc: Document, min_chars: int):
    """(block, start, end, first block, first start, first end) for a sentence that occurs
    again later in the report, white space ignored."""
    if not _may_repeat(doc, min_chars):
        return  # most reports: no sentence twice, found without a step per sentence
    seen: dict[str, tuple[Block, int, int]] = {}
    for block in doc.blocks:
        for m in _SENTENCE.finditer(block.text):
            start, end = m.span()
            if end - start < min_chars:
                continue  # too short to hold min_chars Chinese characters
            sentence = m.group()
            key = sentence.replace(" ", "").replace("\u3000", "").replace("\t", "")
            if sentence[0].isspace():  # (str.lstrip strips what isspace says: most sentences start with none)
                start += len(sentence) - len(sentence.lstrip())
            first = seen.get(key)
            if first is None:
                seen[key] = (block, start, end)
            elif len(_HAN.findall(key)) >= min_chars:  # counted only for the rare repeats
                yield (block, start, end, *first)


def _may_repeat(doc: Document, min_chars: int) -> bool:
    """Whether two sentences of min_chars characters or more are the same, white space
    ignored. A sentence's key (the sentence without spaces, tabs and 　) is a run of the
    text without them between two sentence ends, so the keys of a block are found in one
    pass of the engine; a repeat repeated_sentences reports has min_chars Han characters,
    so it is among the keys this long."""
    keys = []
    for block in doc.blocks:
        text = block.text.replace(" ", "").replace("\u3000", "").replace("\t", "")
        keys += [key for key in _SENTENCE.findall(text) if len(key) >= min_chars]
    return len(set(keys)) < len(keys)


def doubled_phrases(doc: Document, patterns: list[re.Pattern], min_han: int):
    """A phrase written twice in a row (…新闻发布会聚焦新中国成立 70 周年…新闻发布会):
    (block, start, end, the phrase), marked from the phrase (not a separator before it)."""
    seen: set[tuple[int, int]] = set()
    for pattern in patterns:
        for block, offset, m in doc.scan(pattern):
            start, end = m.start(1) - offset, m.end() - offset
            key = (id(block), start)
            if len(_HAN.findall(m.group(1))) >= min_han and key not in seen:
                seen.add(key)
                yield block, start, end, m.group(1)
