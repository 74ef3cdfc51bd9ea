"""Section splitting: a document's blocks -> preamble and the report's sections.

A heading starts with a Chinese ordinal followed by 、 (一、 … 六、; never 一是/二是) and
either shows one of its section's match phrases, variants or label (formats/*.yaml), or
stands as a short line of its own (reports add parts of their own, 二、工作机制保障), or —
in run-on text, where a crawled page is one line — is the next ordinal of the sequence
with a few words that a space, a figure or table words close. A heading not worded as
its section's label ends, in run-on text, where a reader sees it end (_runon_end).
Ordinals only increase — except that a heading printing a section's own label or variant
may start the numbering again (a report that numbers its table parts anew). In flattened
text a heading may stand inside a block, or at the head of a flattened table's label
cell: it is split out there.

A section's text is its prose. Tables are not: grids are not blocks, and around them
the captions, header words, notes and cell fragments an extraction leaves as loose
lines (the table's "zone", measured against the format's own table words) belong to
the table. Page furniture is dropped; the title block and the signature are metadata.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from golocheck.formats import FormatDefinition
from golocheck.importing.document import Block, Grid, is_blank
from golocheck.importing.labels import normalise, split_ordinal

_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,3})\s*[、.．]")
_DIGITS = "一二三四五六七八九"
# page numbers ("-1-", "— 2 —", "第 3 页", "第3页 共5页")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*[0-9]+[-—–－\s]*$|^第\s*[0-9]+\s*页(\s*[/，,]?\s*共\s*[0-9]+\s*页)?$")
_WINDOW = 40  # how far after the ordinal a heading's words may reach
_OWN_HEADING = 30  # a heading line of the report's own wording is short
# where a heading of the report's own wording stops in run-on text (see _unlisted_end)
_STOP = re.compile(r"[。！？；，：:;,!?]")
_FIGURE_CHARS = "0123456789０１２３４５６７８９"
_SCAN = 200  # how far a run-on heading's stop is looked for (a table's label cell is long)
_SUB_ORDINAL = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")  # （一）: the part's first sub-heading
# the words a part's heading ends with ("…改进情况", "…下一步打算", "…明年工作计划")
_HEADING_ENDS = ("情况", "事项", "打算", "计划", "措施", "举措", "思路", "安排", "方向", "展望")
# Words a sentence of a part's text starts with — a preposition, the reporting body, the
# period ("…与附表按照《办法》规定…", "…改进措施我局将…") — and the joiners after which a
# heading goes on ("…改进情况及今年工作计划": 今年 starts no sentence there)
_SENTENCE_START = re.compile(
    r"按照|根据|依据|依照|对照|围绕|结合|通过|针对|依托|同时|其中|截至|截止|目前|今年|全年|年内|本年|"
    r"本机关|本单位|本部门|我们|我(?:局|委|办|区|市|县|镇|乡|街道|单位|部门|中心|院|厅|处|所|站|队)")
_JOINERS = "及和与暨、并"
# A paragraph of prose: a sentence of some length. Shorter lines without one next to a
# table are its notes and fragments (注：……。 is a table's note, not prose).
_PROSE_LENGTH = 30
_SENTENCE_END = "。！？"
_PUNCT = re.compile(r"[\"'，。：；、.·/／\-—–（）()\[\]【】<>《》“”‘’:;,!?！？|｜]")
_FIGURES = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_NOTE = re.compile(r"^\s*注\s*[：:]")  # a table's note (注：行政复议、行政诉讼数量含上年度结转数量。)
_TABLE_NUMBER = re.compile(r"^附?表[一二三四五六七八九十0-9]*$|^附表$")  # 表二 …, 附表 … before a table's name
# site chrome after the last sentence of a flattened page (" 附件下载"): short, no punctuation
_TRAILING_CHROME = re.compile(r"(?<=[。！？])\s+[^\s。，；：！？、]{1,8}$")


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


# ---------------------------------------------------------------- the format's table words


def _bare(text: str) -> str:
    return _PUNCT.sub("", normalise(text))


_WORDS_OF: dict[int, tuple[FormatDefinition, tuple]] = {}  # id -> (the format, its words): formats hold dicts, not hashable


def _table_words(fmt: FormatDefinition) -> tuple[tuple[str, ...], tuple[str, ...]]:
    cached = _WORDS_OF.get(id(fmt))
    if cached is None or cached[0] is not fmt:
        cached = _WORDS_OF[id(fmt)] = (fmt, _collect_table_words(fmt))
    return cached[1]


def _collect_table_words(fmt: FormatDefinition) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, leads) of the format's tables, bare: every label, header word, caption and
    printed name (words, longest first), and those a table's text starts with (leads:
    table labels, captions and printed names, also without their 表二 number)."""
    words: set[str] = set()
    leads: set[str] = set()
    for table in fmt.tables:
        leads.add(table.label)
        for column in getattr(table, "columns", ()) or ():
            words.update(x for x in (getattr(column, "label", None), getattr(column, "short", None)) if x)
        for row in table.rows:
            words.add(row.label)
            words.add(split_ordinal(normalise(row.label))[1])
    for printed in fmt.printed:
        words.update(printed.fingerprint)
        leads.update(printed.captions)
        name = printed.name.zh
        leads.add(name)
        leads.add(re.sub(r"^表[一二三四五六七八九十]+\s*", "", name))
        for block in printed.blocks:
            for column in block.columns:
                words.update(column.header)
    words |= leads
    bare_words = tuple(sorted({_bare(w) for w in words if _bare(w)}, key=len, reverse=True))
    bare_leads = tuple(sorted({_bare(w) for w in leads if _bare(w)}, key=len, reverse=True))
    return bare_words, bare_leads


def table_text(fmt: FormatDefinition, text: str) -> bool:
    """A line that is a table's own text — its caption, note or name (附表：…, 表二：…), or
    header words, row labels and figures — rather than prose: what is left of it once
    the format's table words and the figures are taken out is at most a character."""
    if any(ch in text for ch in _SENTENCE_END) and len(normalise(text)) > _PROSE_LENGTH:
        return False
    if _NOTE.match(text):
        return True
    words, leads = _table_words(fmt)
    bare = _bare(text)
    if not bare:
        return False
    if any(bare.startswith(lead) or (len(bare) >= 6 and lead.startswith(bare)) for lead in leads):
        return True
    rest = _FIGURES.sub("", bare)
    for word in words:
        rest = rest.replace(word, "")
    return not rest or (len(rest) == 1 and len(bare) >= 4)


def _prose(text: str) -> bool:
    return len(normalise(text)) > _PROSE_LENGTH and any(ch in text for ch in _SENTENCE_END)


# ---------------------------------------------------------------- splitting


@dataclass
class Split:
    preamble: list[tuple[str, Any]] = field(default_factory=list)  # (text, place)
    sections: list[dict[str, Any]] = field(default_factory=list)  # heading, heading place, parts [(text, place)]


_GRID = object()  # a table's place among a section's parts


@dataclass
class _State:
    seen: int = 0
    labelled: set[str] = field(default_factory=set)  # sections whose own label or variant was printed
    parts: list = field(default_factory=list)  # of the preamble or the current section: (text, place) | _GRID


_SLIP_MIN = 8  # a name this long with one character added or left out is still that name


def _section_name(fmt: FormatDefinition, after: str):
    """(section, printed name) when ``after`` starts with a section's label or variant —
    or with one of them with one character added or left out anywhere inside it (四、政府信息
    公开行政法复议、行政诉讼情况): a typing slip leaves the heading a heading (S107 names the
    slip) instead of letting the part run into the one before it."""
    squashed = normalise(after)
    names = [(section, name) for section in fmt.sections for name in sorted({section.label, *section.variants}, key=len, reverse=True)]
    for section, name in names:
        if squashed.startswith(normalise(name)):
            return section, name
    for section, name in names:
        printed = _slipped_prefix(squashed, normalise(name))
        if printed is not None:
            return section, printed
    return None


def _slipped_prefix(text: str, name: str) -> str | None:
    """The start of ``text`` that is ``name`` with one character added or left out, or None."""
    if len(name) < _SLIP_MIN:
        return None
    longer = text[: len(name) + 1]
    if len(longer) == len(name) + 1 and any(longer[:i] + longer[i + 1:] == name for i in range(1, len(name))):
        return longer
    shorter = text[: len(name) - 1]
    if any(name[:i] + name[i + 1:] == shorter for i in range(1, len(name) - 1)):
        return shorter
    return None


def _heading_at(fmt: FormatDefinition, text: str, start: int, state: _State, whole_line: bool, strict: bool) -> tuple[int, int | None, str | None] | None:
    """(ordinal value, end of the heading or None for the end of its line, section id)
    when a heading of the report starts at ``start``. ``whole_line``: the heading would
    be a block of its own; ``strict``: only a section's own label or variant counts (in
    a flattened table's label cell, where row labels such as 四、结转下年度继续办理 stand)."""
    match = _ORDINAL.match(text, start)
    if not match:
        return None
    value = ordinal_value(match.group(1))
    after = text[match.end(): match.end() + _WINDOW]
    named = _section_name(fmt, after)
    if named is not None:
        section, name = named
        if value > state.seen or section.id not in state.labelled:
            return value, _end_of(text, match.end(), name), section.id
        return None
    if value <= state.seen or (strict and value != state.seen + 1):
        return None
    if any(_bare(phrase) in _bare(after) for section in fmt.sections for phrase in section.match):
        end = _unlisted_end(fmt, text, match.end(), value, whole_line and not strict)
        # in a flattened table's label cell the heading itself must show the phrase
        # (the cell's header words 行政复议 行政诉讼 … are no heading of their own)
        if strict and not any(_bare(phrase) in _bare(text[match.end():end]) for section in fmt.sections for phrase in section.match):
            return None
        return value, end, None
    if strict:
        return None
    line_end = text.find("\n", match.end())
    rest = text[match.end(): None if line_end < 0 else line_end].strip()
    if whole_line and rest and len(normalise(rest)) <= _OWN_HEADING and not re.search(r"[。，；：:;,]", rest) and not table_text(fmt, rest):
        return value, None, None
    if not whole_line and value == state.seen + 1:
        return _runon_own_heading(fmt, text, match.end(), value)
    return None


def _runon_own_heading(fmt: FormatDefinition, text: str, start: int, value: int) -> tuple[int, int, None] | None:
    """The next ordinal of the sequence inside run-on text, worded as no part of the format
    (五、问题与展望2024年，…): the report's own heading of its next part when a few words
    stand there that white space, a figure, a sub-heading, table words or the line's end
    close — not a clause of a sentence (二、加强平台建设，…) and not a table's row label
    (四、结转下年度继续办理)."""
    end, closed = _runon_end(fmt, text, start, value)
    heading = text[start:end]
    if closed and 2 <= len(normalise(heading)) <= _OWN_HEADING and not table_text(fmt, heading.strip()):
        return value, end, None
    return None


def _unlisted_end(fmt: FormatDefinition, text: str, start: int, value: int, own_line: bool) -> int | None:
    """Where a heading worded unlike the format's (五、存在的主要问题及下一步打算) ends,
    ``start`` being just after its ordinal; None for the end of its line: a short line
    of its own (``own_line``: nothing before the ordinal) is the heading. Else see
    _runon_end."""
    line_end = text.find("\n", start)
    rest = text[start: None if line_end < 0 else line_end]
    if own_line and len(normalise(rest)) <= _OWN_HEADING and not _STOP.search(rest):
        return None
    return _runon_end(fmt, text, start, value)[0]


def _runon_end(fmt: FormatDefinition, text: str, start: int, value: int) -> tuple[int, bool]:
    """(end, closed) of a heading of the report's own wording in run-on text (a crawled
    page is one line), where nothing but the reader's eye ends it. It stops at the first
    of: white space or a figure after its words (the body: "…打算 公开形式…", "…计划2024年，…"),
    the next ordinal of the sequence (六、 after 五、) or a sub-part's （一）, and the start
    of the table words that run from there to that stop (表四's header words after its
    heading) — each a visible end (``closed``). When a sentence mark or the window stops
    it instead, its words go on into the sentence: the heading ends where a reader sees
    the sentence start (_sentence_start: "…事项与附表按照《…》规定…" keeps 与附表), else after
    the last word a heading ends with ("…打算公开形式仍较单一。"); either is not ``closed``.
    Where the format's own words end does not matter: S103 compares the whole printed heading."""
    line_end = text.find("\n", start)
    line_end = min(len(text) if line_end < 0 else line_end, start + _SCAN)
    i, seen_words, closed = start, 0, True
    while i < line_end:
        ch = text[i]
        if _STOP.match(ch):
            closed = False
            break
        if ch.isspace():
            if seen_words >= 2:
                break
        elif ch in _FIGURE_CHARS:
            if seen_words:
                break
        else:
            ordinal = _ORDINAL.match(text, i)
            if seen_words and ((ordinal and ordinal_value(ordinal.group(1)) == value + 1) or _SUB_ORDINAL.match(text, i)):
                break
            seen_words += 1
        i += 1
    stop = i
    for p in range(start + 2, min(stop, start + _WINDOW + 1)):
        if _bare(text[p]) and _starts_with_table_word(fmt, _bare(text[p:stop])) and table_text(fmt, text[p:stop]):
            return _trim(text, start, p), True
    if stop - start > _WINDOW:
        stop, closed = start + _WINDOW, False
    if not closed:
        words = text[start:stop]
        sentence = _sentence_start(words)
        if sentence is not None:
            return _trim(text, start, start + sentence), False
        cut = max((words.rfind(w) + len(w) for w in _HEADING_ENDS if w in words), default=-1)
        if cut > 0:
            return start + cut, False
    return _trim(text, start, stop), closed


def _sentence_start(words: str) -> int | None:
    """Where in a run-on heading's ``words`` its text's first sentence starts: the first
    sentence-start word after the first word a heading ends with (or, without one, after
    the heading's first two characters), not right after a joiner. None when none is seen."""
    ends = [words.find(w) + len(w) for w in _HEADING_ENDS if w in words]
    earliest = min(ends, default=2)
    for match in _SENTENCE_START.finditer(words, earliest):
        if words[match.start() - 1] not in _JOINERS:
            return match.start()
    return None


def _starts_with_table_word(fmt: FormatDefinition, bare: str) -> bool:
    """Whether ``bare`` starts with a header word or row label of the format's tables (not
    a caption or table name: "七、…政府信息公开情况统计表" is a heading naming its table)."""
    words, leads = _table_words(fmt)
    return any(len(word) >= 2 and word not in leads and bare.startswith(word) for word in words)


def _trim(text: str, start: int, end: int) -> int:
    """``end`` moved back over white space, not before ``start``."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _end_of(text: str, start: int, name: str) -> int:
    """Where the printed ``name`` ends in ``text`` from ``start`` (spaces may be inside it)."""
    wanted, got, i = len(normalise(name)), 0, start
    while i < len(text) and got < wanted:
        if normalise(text[i]):
            got += len(normalise(text[i]))
        i += 1
    return i


def _next_heading(fmt: FormatDefinition, text: str, pos: int, state: _State, strict: bool = False):
    for match in _ORDINAL.finditer(text, pos):
        start = match.start()
        before = text[pos:start]
        # a heading starts a block or line, or — in flattened text — follows the end of a
        # sentence or a figure (in a flattened table's cell it may follow anything)
        if not strict and start != pos and before.strip() and not re.search(r"[。！？；\n0-9）)]\s*$", before) and not (
                re.search(r"[：:]\s*$", before) and _section_name(fmt, text[match.end(): match.end() + _WINDOW])):
            continue  # after a colon ("……现报告如下：一、总体情况") only a section's own label or variant
        line_start = text.rfind("\n", 0, start) + 1
        whole_line = not text[line_start:start].strip()
        found = _heading_at(fmt, text, start, state, whole_line, strict)
        if found:
            return start, found
    return None


def split(fmt: FormatDefinition, blocks: list[Block], skip: set[int], items=None, starts: dict[int, int] | None = None) -> Split:
    """The preamble and sections of a document. ``blocks`` are its blocks (``skip``: indices
    of furniture, title and signature); ``items`` its blocks and grids in reading order
    (without them grids are not seen); ``starts``: where a block's own text begins when
    its head is the title (flattened text runs title and preamble together)."""
    result = Split()
    state = _State()
    starts = starts or {}
    index_of = {id(b): i for i, b in enumerate(blocks)}
    for item in items if items is not None else blocks:
        if isinstance(item, Grid):
            state.parts.append(_GRID)
            if item.flattened:
                _headings_in_grid(fmt, item, state, result)
            continue
        index = index_of.get(id(item))
        if index is None or index in skip or is_blank(item.text):
            continue
        _split_block(fmt, item.text[starts.get(index, 0):], item.place, state, result)
    _close(fmt, state, result)
    _drop_trailing_chrome(result)
    return result


def _drop_trailing_chrome(result: Split) -> None:
    parts = result.sections[-1]["parts"] if result.sections else result.preamble
    if parts:
        text, place = parts[-1]
        parts[-1] = (_TRAILING_CHROME.sub("", text), place)


def _split_block(fmt: FormatDefinition, text: str, place, state: _State, result: Split) -> None:
    pos = 0
    while True:
        found = _next_heading(fmt, text, pos, state)
        if found is None:
            _add(state, text[pos:], place)
            return
        start, (value, end, section_id) = found
        _add(state, text[pos:start], place)
        line_end = text.find("\n", start)
        end = end if end is not None else (len(text) if line_end < 0 else line_end)
        _open(fmt, state, result, text[start:end].strip(), place, value, section_id)
        pos = end


def _headings_in_grid(fmt: FormatDefinition, grid: Grid, state: _State, result: Split) -> None:
    """A flattened table's label cells may hold the next part's heading (二、主动公开政府信息
    情况 第二十条第（一）项…): the text around it is table text; the grid goes on in the
    new section."""
    for row in grid.rows:
        if not row:
            continue
        cell = row[0]
        found = _next_heading(fmt, cell.text, 0, state, strict=True)
        if found is None:
            continue
        start, (value, end, section_id) = found
        _open(fmt, state, result, cell.text[start:end].strip(), cell.place, value, section_id)
        state.parts.append(_GRID)


def _open(fmt: FormatDefinition, state: _State, result: Split, heading: str, place, value: int, section_id: str | None) -> None:
    _close(fmt, state, result)
    result.sections.append({"heading": heading, "place": place, "parts": []})
    state.seen = value
    if section_id:
        state.labelled.add(section_id)


def _add(state: _State, text: str, place) -> None:
    text = text.strip()
    if text:
        state.parts.append((text, place))


def _close(fmt: FormatDefinition, state: _State, result: Split) -> None:
    """Hand the collected parts to the preamble or the current section, tables' zones out."""
    target = result.sections[-1]["parts"] if result.sections else result.preamble
    target.extend(_prose_parts(fmt, state.parts))
    state.parts = []


def _prose_parts(fmt: FormatDefinition, parts: list) -> list[tuple[str, Any]]:
    """The parts that are not a table's: the lines between a section's first and last
    table (unless prose), the lines of table words right before the first (back to a
    caption, header or label line) and right after the last, and any table line of its own."""
    grids = [i for i, p in enumerate(parts) if p is _GRID]
    dropped: set[int] = set()
    if grids:
        first, last = grids[0], grids[-1]
        dropped.update(i for i in range(first, last) if parts[i] is not _GRID and not _prose(parts[i][0]))
        # back from the first table: fragments and words, as far as a line of table words
        start = first
        for i in range(first - 1, -1, -1):
            if parts[i] is _GRID or _prose(parts[i][0]):
                break
            if table_text(fmt, parts[i][0]):
                start = i
        dropped.update(range(start, first))
        for i in range(last + 1, len(parts)):
            if not table_text(fmt, parts[i][0]):
                break
            dropped.add(i)
    return [p for i, p in enumerate(parts) if p is not _GRID and i not in dropped and not _caption(fmt, p[0])]


def _caption(fmt: FormatDefinition, text: str) -> bool:
    """A table's caption or name printed on its own (附表：…, （本列数据的勾稽关系为…）)."""
    _, leads = _table_words(fmt)
    bare = _bare(text)
    if _TABLE_NUMBER.match(bare):
        return bool(bare)
    return bool(bare) and len(bare) <= 40 and any(bare == lead or (bare.endswith(lead) and _TABLE_NUMBER.match(bare[: -len(lead)])) for lead in leads)
