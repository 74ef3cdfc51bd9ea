"""The prose of one report as the narrative checks see it: text blocks with their
pointers, the figures in them, sentences, and quotations that mark a figure.

Every narrative rule reads the same blocks, so they are built once per report and
kept with the check context (a weak map: nothing outlives the run).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from functools import cached_property
from weakref import WeakKeyDictionary

from golocheck.diagnostics import Text
from golocheck.narrative.numerals import Quantity, find_quantities
from golocheck.narrative.lazyre import lazy
from golocheck.records import field, record

# Sentence ends.  ； is not one: reports run lists and whole paragraphs through ；.
_SENTENCE_END = lazy(r"[。！？!?\n]")
_CLAUSE_BREAK = lazy(r"[，,。；;！？!?\n]")

_OPEN, _CLOSE = "（(【[", "）)】]"
_BRACKET = lazy("[（(【\\[）)】\\]]")
QUOTE_WIDTH = 36  # characters kept on each side of a figure when a sentence is long


@record(eq=False)
class Block:
    """One text value of the report (the preamble or a section's text)."""

    pointer: str
    text: str
    label: Text

    # Figures are read sentence by sentence, and only in the sentences a rule looks at
    # (those with a phrase, a 其中, a %…): reading the whole text is most of the cost.
    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [m.start() for m in _SENTENCE_END.finditer(self.text)]

    @cached_property
    def _read(self) -> dict[int, list[Quantity]]:
        return {}

    def sentence_quantities(self, pos: int) -> list[Quantity]:
        """The figures of the sentence around ``pos``, with offsets into the whole text."""
        start, end = self.sentence(pos)
        found = self._read.get(start)
        if found is None:
            found = self._read[start] = _read(self.text, start, end)
        return found

    def quantities_around(self, positions) -> list[Quantity]:
        """The figures of every sentence that holds one of ``positions``, in text order."""
        starts = {self.sentence(p)[0]: p for p in positions}
        return [q for start in sorted(starts) for q in self.sentence_quantities(starts[start])]

    def window_quantities(self, start: int, end: int) -> list[Quantity]:
        """The figures of ``text[start:end]``; ``start`` must be a clause start."""
        key = ("window", start, end)
        if key not in self._read:
            self._read[key] = _read(self.text, start, end)
        return self._read[key]

    @cached_property
    def _clause_breaks(self) -> list[int]:
        return [m.start() for m in _CLAUSE_BREAK.finditer(self.text)]

    def clause_quantities(self, positions) -> list[Quantity]:
        """The figures of the clauses (between ，。；…) that hold ``positions``: a phrase and
        its figure are always in one clause, so a mention needs no more text than that."""
        breaks, found = self._clause_breaks, {}
        for pos in positions:
            i = bisect_left(breaks, pos)
            start, end = (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(self.text))
            if start not in found:
                key = ("clause", start)
                if key not in self._read:
                    self._read[key] = _read(self.text, start, end)
                found[start] = self._read[key]
        return [q for start in sorted(found) for q in found[start]]

    @property
    def quantities(self) -> list[Quantity]:
        """Every figure of the text."""
        return self.quantities_around([0, *(end + 1 for end in self._sentence_ends if end + 1 <= len(self.text))])

    @cached_property
    def _brackets(self) -> tuple[list[int], list[int], list[int]]:
        """Positions of the brackets, the depth at each, and the depth after each.
        Kept as events (a text has few brackets): a per-character table is too slow."""
        positions, at, after, level = [], [], [], 0
        for m in _BRACKET.finditer(self.text):
            if m.group() in _CLOSE:
                level = max(0, level - 1)
                positions.append(m.start()), at.append(level), after.append(level)
            else:
                positions.append(m.start()), at.append(level), after.append(level + 1)
                level += 1
        return positions, at, after

    def depth(self, pos: int) -> int:
        """Bracket depth at ``pos`` (an aside such as （含上年结转 189 件） is one deeper)."""
        positions, at, after = self._brackets
        i = bisect_right(positions, pos) - 1
        if i < 0:
            return 0
        return at[i] if positions[i] == pos else after[i]

    def min_depth(self, start: int, end: int) -> int:
        """The least depth over ``text[start:end]`` (``start`` alone when empty)."""
        positions, at, after = self._brackets
        least = self.depth(start)
        for i in range(bisect_left(positions, start), bisect_left(positions, end)):
            least = min(least, at[i], after[i] if positions[i] + 1 < end else at[i])
        return least

    def opening(self, pos: int) -> int:
        """Position of the bracket that opens the aside ``pos`` is in (0 if none)."""
        positions, at, after = self._brackets
        level = self.depth(pos)
        for i in range(bisect_right(positions, pos) - 1, -1, -1):
            if positions[i] < pos and at[i] == level - 1 and after[i] == level:
                return positions[i]
        return 0

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end of the sentence around ``pos`` (at a 。, the sentence it ends)."""
        ends = self._sentence_ends
        i = bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(self.text))

    def clause_start(self, pos: int) -> int:
        """Start of the clause (after the last ，。；…) that ``pos`` is in."""
        i = bisect_left(self._clause_breaks, pos)
        return self._clause_breaks[i - 1] + 1 if i else 0

    def where(self, start: int, end: int | None = None) -> dict:
        """Message arguments that show a place in this block: the sentence with the span
        marked, and the character offset (0-based, into the JSON string value)."""
        return {"quote": quote(self.text, start, start if end is None else end, *self.sentence(start)),
                "offset": start, "position": start + 1, "where": self.label}


# A pattern that opens with a lookaround: the engine tries it at every character (it finds
# no literal to look for first), though every match may start with one of a few literals.
LOOKAROUND_OPENINGS = ("(?<=", "(?<!", "(?=", "(?!")


# A pattern that opens with a line's start (the signature: (?:^|\n)…), which the engine
# also tries at every character: without MULTILINE, ^ is the text's start only.
LINE_START = "(?:^|\\n)"


def _places(pattern) -> tuple[tuple[str, ...], bool]:
    """(literals one of which every match starts with, whether one may start at the text's
    start) for the patterns :func:`lead_matches` scans faster than the engine; ((), False)
    for the others."""
    source = pattern.pattern
    if source.startswith(LOOKAROUND_OPENINGS):
        return getattr(pattern, "leads", ()), False
    if source.startswith(LINE_START) and not pattern.flags & re.MULTILINE:
        return ("\n",), True
    return (), False


def lead_matches(pattern: re.Pattern, leads: tuple[str, ...], text: str, from_start: bool = False) -> list[re.Match]:
    """``pattern.finditer(text)`` for a pattern every match of which starts with one of
    ``leads`` (narrative.lazyre leading_literals), or at the text's start (``from_start``):
    the pattern is tried only at those places, in order, from the end of the last match on —
    the leftmost match from each place, as finditer finds it. A lookbehind at such a place
    sees the text before it, as in a scan. (A match holds its literal; an empty one, which
    only the text's start can give, is left to finditer's rules for those.)"""
    places = {0} if from_start else set()
    for lead in leads:
        at = text.find(lead)
        while at >= 0:
            places.add(at)
            at = text.find(lead, at + 1)
    return _matches_at(pattern, text, sorted(places))


def _matches_at(pattern: re.Pattern, text: str, places: list[int]) -> list[re.Match]:
    """``pattern.finditer(text)`` for a pattern every match of which starts at one of
    ``places`` (in order): tried only there, from the end of the last match on — the leftmost
    match from each place, as finditer finds it. An empty match (only the text's start can
    give one) is left to finditer's rules for those."""
    found, end, match = [], 0, pattern.match
    for at in places:
        if at >= end and (m := match(text, at)) is not None:
            if m.end() == at:
                return list(pattern.finditer(text))
            found.append(m)
            end = m.end()
    return found


def _read(text: str, start: int, end: int) -> list[Quantity]:
    """The figures of ``text[start:end]``, with offsets into ``text``."""
    return find_quantities(text[start:end], start)


def quote(text: str, start: int, end: int, s_start: int = 0, s_end: int | None = None) -> str:
    """The sentence ``text[s_start:s_end]`` with ``text[start:end]`` marked 【…】, cut to
    QUOTE_WIDTH characters either side with …… where it is long."""
    s_end = len(text) if s_end is None else s_end
    left_cut = max(s_start, start - QUOTE_WIDTH)
    right_cut = min(s_end, end + QUOTE_WIDTH)
    left = ("……" if left_cut > s_start else "") + text[left_cut:start].lstrip()
    right = text[end:right_cut].rstrip() + ("……" if right_cut < s_end else "")
    middle = f"【{text[start:end]}】" if end > start else "【】"
    return " ".join(f"{left}{middle}{right}".split())


def lacks_literals(needs, text: str, holds: dict) -> bool:
    """Whether ``text`` lacks every literal of one of the groups of ``needs`` (a lazy
    pattern's, narrative.lazyre): then the pattern cannot match it. ``holds`` keeps whether
    the text holds each literal, so that the patterns sharing one look for it once."""
    for group in needs:
        for literal in group:
            held = holds.get(literal)
            if held is None:
                held = holds[literal] = literal in text
            if held:
                break
        else:
            return True
    return False


# Between blocks in the joined text: a sentence end no pattern reads across.
_JOIN = "\n。\n"


@record(eq=False)
class Document:
    """A report's prose: its text blocks and title, with per-report results shared by rules."""

    blocks: list[Block]
    title: str | None
    cache: dict = field(default_factory=dict)  # per-report results shared by several rules
    # id of a pattern -> (the pattern, its matches in the joined text): rules share patterns
    # (N006, N017). By id, as a lazy pattern's hash is Python code; the pattern is held, so
    # its id is not reused while the document lives.
    scans: dict = field(default_factory=dict)
    holds: dict = field(default_factory=dict)  # literal -> whether the joined text contains it

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        return _JOIN.join(b.text for b in self.blocks), [0, *accumulate(len(b.text) + len(_JOIN) for b in self.blocks)]

    def literals_in(self, index) -> set[str]:
        """The literals of ``index`` (narrative.lazyre LiteralIndex) the joined text
        contains, found in one pass."""
        return index.present(self._joined[0])

    def scan(self, pattern: re.Pattern, blocks: list[Block] | None = None, could_match: bool = False,
             reach: int | None = None) -> list:
        """(block, offset, match) for every match of ``pattern`` in the blocks, scanning
        all of them as one text: one pass per pattern instead of one per block and pattern
        (a report has many patterns and a dozen blocks). Positions in the block are the
        match's minus ``offset``; a match that runs across two blocks is dropped. The
        matches are kept for the report's other rules. ``could_match``: the caller knows
        that the text holds the literals the pattern needs (a LiteralIndex said so). ``reach``:
        the most characters a match spans, for a pattern that has no leading literal but
        needs some (see _starts)."""
        if blocks is not None and blocks is not self.blocks:
            return [(block, 0, m) for block in blocks for m in pattern.finditer(block.text)]
        kept = self.scans.get(id(pattern))
        if kept is None:
            kept = self.scans[id(pattern)] = (pattern, self._scan(pattern, could_match, reach))
        return kept[1]

    def _scan(self, pattern, could_match: bool, reach: int | None = None) -> list:
        text, starts = self._joined
        # A pattern whose every match contains one of a few literals (narrative.lazyre)
        # cannot match a text without them: most of a report's ~160 patterns are not in its
        # text, and str's search for a literal is far quicker than the engine's scan. The
        # patterns share their literals (one phrase split into a pattern per leading word),
        # so each literal is looked for once per report.
        needs = None if could_match else getattr(pattern, "needs", None)
        if needs and lacks_literals(needs, text, self.holds):
            return []
        blocks, found = self.blocks, []
        # (a lazy pattern not yet compiled would look for its literals again)
        compiled = pattern.compiled if not getattr(pattern, "is_compiled", True) else pattern
        starts_at = _starts(text, getattr(pattern, "needs", ()), reach) if reach is not None else None
        if starts_at is not None:  # a pattern with no leading literal, near its literals only
            matches = _matches_at(compiled, text, starts_at)
        else:
            leads, from_start = _places(pattern)
            matches = lead_matches(compiled, leads, text, from_start) if leads else compiled.finditer(text)
        for m in matches:
            i = bisect_right(starts, m.start()) - 1
            if i < len(blocks) and m.end() <= starts[i] + len(blocks[i].text):
                found.append((blocks[i], starts[i], m))
        return found

    @property
    def title_block(self) -> Block | None:
        return Block("/metadata/title", self.title, Text("标题", "title")) if self.title else None


def _starts(text: str, needs, reach: int) -> list[int] | None:
    """The places a match can start at, for a pattern whose every match holds one literal of
    each group of ``needs`` and spans at most ``reach`` characters: at most that far before
    an occurrence of the group found least often. None when they are too many to be worth
    trying one by one (the engine tries a pattern without a leading literal at every place:
    a phrase such as (?:政策…)?(?:行政)?规范性文件 costs a millisecond over a report)."""
    if not needs:
        return None
    group = min(needs, key=lambda g: sum(text.count(literal) for literal in g))
    found: set[int] = set()
    for literal in group:
        at = text.find(literal)
        while at >= 0:
            found.update(range(max(0, at + len(literal) - reach), at + 1))
            if len(found) > len(text) // 8:
                return None
            at = text.find(literal, at + 1)
    return sorted(found)


_DOCUMENTS: WeakKeyDictionary = WeakKeyDictionary()


def document(ctx) -> Document:
    """The report's prose, built once per check context."""
    found = _DOCUMENTS.get(ctx)
    if found is None:
        blocks = []
        preamble = ctx.data.get("preamble")
        if isinstance(preamble, str) and preamble.strip():
            blocks.append(Block("/preamble", preamble, Text("前言", "preamble")))
        for index, heading, text in ctx.sections():
            if text.strip():
                blocks.append(Block(f"/sections/{index}/text", text, Text(heading, heading)))
        title = ctx.meta("title")
        found = _DOCUMENTS[ctx] = Document(blocks, title if isinstance(title, str) else None)
    return found
