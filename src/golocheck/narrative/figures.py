"""Figures in the prose that name table quantities, read with the phrase catalogue.

A mention is a figure with the phrase before (or after) it that says what it counts.
The phrase that ends closest to the figure wins, then the longest: in
予以公开及部分公开 208 件 the figure is the sum of two rows, not 部分公开 alone.
"""

from __future__ import annotations

from functools import cache
from decimal import Decimal

from golocheck.narrative.document import Block, Document
from golocheck.narrative.numerals import Quantity
from golocheck.narrative.phrases import FigurePhrase, load
from golocheck.narrative.lazyre import LazyPattern, LiteralIndex, lazy
from golocheck.records import record, replace

# 人 and 名 count the same people (专职人员只有7名 against a table in 人).
_SAME_UNIT = {"名": "人"}
_MAX_GAP = 6  # longest text between a phrase and its figure that the gap patterns allow


def unit_class(unit: str | None) -> str | None:
    return _SAME_UNIT.get(unit, unit) if unit else unit


@record(frozen=True)
class Mention:
    """A figure of the text read as one of the tables' figures."""

    phrase: FigurePhrase
    block: Block
    quantity: Quantity
    phrase_start: int
    phrase_end: int
    subunit: bool  # the clause names a part of the issuer: its count is at most the table's
    verb: int | None = None  # the phrase's verb that governs the figure (index into phrase.verbs)
    # the clause makes the figure a count over another period than the report year (历年, 累计,
    # 以来…: 梳理历年印发的…90份): no figure of this year's table, so nothing is compared
    other_period: bool = False
    # a stock dated at the end of a year the clause names (截至2022年底现行有效…): the check
    # compares it only when that year is the report year (None: no year named)
    as_of_year: int | None = None

    def of_another_period(self, report_year: int | None) -> bool:
        """Whether the figure counts another period than the report year (see other_period)."""
        return self.other_period or (self.as_of_year is not None and report_year is not None and self.as_of_year != report_year)

    def readings(self, fmt_id: str) -> tuple[tuple, tuple]:
        """(readings, loose readings) of the figure in a format: the governing verb's, if any."""
        return self.phrase.readings_for(fmt_id, self.verb)

    @property
    def start(self) -> int:
        return min(self.phrase_start, self.quantity.start)

    @property
    def figure(self) -> str:
        return self.block.text[self.quantity.start:self.quantity.end].strip()


def _matches(doc: Document, entries, fmt_id: str | None, blocks: list[Block] | None = None) -> dict:
    """block -> ((end -> [(entry, start, end)]) for 'after' phrases, (start -> [...]) for
    'before' ones); a phrase whose sentence lacks what the entry ``requires`` is dropped."""
    found: dict = {}
    patterns, index = _phrase_patterns(entries, fmt_id)
    indexed = index is not None and blocks is None
    if indexed:  # only the patterns the text's literals allow
        patterns = [patterns[i] for i in index.candidates(doc.literals_in(index))]
    reaches = _reaches(patterns) if indexed else {}
    # (id of a requires pattern, of a block, a sentence start) -> whether the sentence has it:
    # an entry's phrases meet in one sentence (办结…，答复…), its requires is searched once
    required: dict[tuple[int, int, int], bool] = {}
    for entry, side, pattern in patterns:
        hits = doc.scan(pattern, blocks, could_match=indexed, reach=reaches.get(id(pattern)))
        if not hits:
            continue  # most patterns: a literal they need is not in the text
        requires = entry.requires
        for block, offset, m in hits:
            start = m.start() - offset
            if requires is not None:
                sentence = block.sentence(start)
                key = (id(requires), id(block), sentence[0])
                held = required.get(key)
                if held is None:
                    held = required[key] = requires.search(block.text, *sentence) is not None
                if not held:
                    continue
            by_place = found.get(block)
            if by_place is None:
                by_place = found[block] = ({}, {})
            by_place[side].setdefault(m.end() - offset if side == 0 else start, []).append((entry, start, m.end() - offset))
    return found


class _PhrasePatterns:
    """The patterns of the entries that read in a format, and the index of their literals."""

    def __init__(self, entries, patterns: tuple):
        self.entries, self.patterns = entries, patterns
        self.reports = 0
        self.index: LiteralIndex | None = None

    def use(self) -> tuple[tuple, LiteralIndex | None]:
        # The index costs as much to compile as a hundred reports' literal searches: it is
        # built for the second report of the format, in a process that checks a batch; and
        # only for many literals (a format's figures: ~250), as a pass over the text costs
        # as much as a few dozen searches (the subjects need 8).
        self.reports += 1
        if self.index is None and self.reports == 2:
            index = LiteralIndex(getattr(p, "needs", ()) for _, _, p in self.patterns)
            self.index = index if len(index.literals) >= _INDEXED_LITERALS else None
        return self.patterns, self.index


_INDEXED_LITERALS = 64  # the fewest literals worth an index (see _PhrasePatterns.use)
_MAX_REACH = 64  # the widest match worth trying place by place (Document.scan's reach)

# id of a pattern -> (the pattern, the most characters a match spans or None): see _reaches.
# The pattern is held, so that its id is not reused while the entry lives.
_REACH: dict[int, tuple[object, int | None]] = {}


def _reaches(patterns) -> dict[int, int | None]:
    """id -> reach of the patterns that need literals but start with none (an optional
    group, a look-behind): worked out once per process, when first met."""
    found = {}
    for _, _, pattern in patterns:
        key = id(pattern)
        kept = _REACH.get(key)
        if kept is None or kept[0] is not pattern:
            kept = _REACH[key] = (pattern, _reach(pattern))
        reach = kept[1]
        if reach is not None:
            found[key] = reach
    return found


def _reach(pattern) -> int | None:
    if getattr(pattern, "leads", True) or not getattr(pattern, "needs", ()):
        return None  # a leading literal: the engine finds its places itself
    from re import _parser  # re's own reading of a pattern; any failure: scan as before

    try:
        widest = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # noqa: BLE001 - a private module
        return None
    return widest if 0 < widest <= _MAX_REACH else None


# (id of a catalogue's entries, format) -> their patterns: see _phrase_patterns
_PHRASE_PATTERNS: dict[tuple[int, str | None], _PhrasePatterns] = {}


def _phrase_patterns(entries, fmt_id: str | None) -> tuple[tuple, LiteralIndex | None]:
    """((entry, side, pattern) for each pattern of the entries that read in the format (all
    entries when ``fmt_id`` is None), in the catalogue's order, side 0 for 'after' patterns
    and 1 for 'before' ones; the index of their literals, or None). Worked out once per
    process for the catalogue's figures and subjects; any other entries (a test's) each time."""
    key = (id(entries), fmt_id)
    kept = _PHRASE_PATTERNS.get(key)
    if kept is not None and kept.entries is entries:
        return kept.use()
    patterns = tuple((entry, side, pattern) for entry in entries if fmt_id is None or fmt_id in entry.readings
                     for patterns, side in ((entry.after, 0), (entry.before, 1)) for pattern in patterns)
    cat = load()
    if entries is cat.figures or entries is cat.subjects:
        kept = _PHRASE_PATTERNS[key] = _PhrasePatterns(entries, patterns)
        return kept.use()
    return patterns, None


def _best(candidates):
    # latest end first (the caller orders by distance), then the longest phrase
    return max(candidates, key=lambda c: c[2] - c[1]) if candidates else None


@cache
def _figure_follows() -> LazyPattern:
    """A figure can start here: after the allowed gap, maybe an approximation word, a numeral.
    Checked before reading a clause's figures, which costs far more."""
    return lazy(load().gap.pattern + r"(?:不超过|将近|接近|大约|超过|不到|不足|至少|逾|近|约)?\s*[0-9０-９零〇一二两三四五六七八九十百千万亿]")


def _direct(pattern):
    """The compiled pattern of a lazy one (other_period, a verb's words, an exclusion), for
    the searches in each figure's clause: a lazy pattern not yet compiled looks for its
    literals before every search (a dozen str searches, several times the cost of the
    engine on a clause), and a report with figures reads every one of these patterns."""
    return pattern.compiled if isinstance(pattern, LazyPattern) else pattern


def mentions(block: Block, entries, fmt_id: str | None, matches=None) -> list[Mention]:
    cat = load()
    if matches is None:
        matches = _matches(Document([block], None), entries, fmt_id).get(block, ({}, {}))
    after, before = matches
    text = block.text
    follows = _figure_follows()
    after = {end: found for end, found in after.items() if follows.match(text, end)}
    if not after and not before:
        return []
    found = []
    for q in block.clause_quantities([*after, *before]):
        if not q.unit or q.unit == "%":
            continue
        chosen = None
        for end in range(q.start, max(-1, q.start - _MAX_GAP - 1), -1):
            placed = after.get(end)
            if placed:
                options = [c for c in placed if q.unit in c[0].units]
                if options and cat.gap.fullmatch(text, end, q.start):
                    chosen = _best(options)
                    break
        # a category count (政策、规范性文件类) is a lower bound whatever else it includes
        if chosen is not None and not chosen[0].category and cat.joined.search(text, block.clause_start(chosen[1]), chosen[1]):
            continue  # 行政复议和行政诉讼 N 件: the figure counts the kinds listed, not this phrase's alone
        if chosen is None:
            for start in range(q.end, min(len(text), q.end + 3) + 1) if before else ():
                placed = before.get(start)
                if placed:
                    options = [c for c in placed if q.unit in c[0].units]
                    if options and cat.gap_before.fullmatch(text, q.end, start):
                        chosen = _best(options)
                        break
        if chosen is None:
            continue
        entry, p_start, p_end = chosen
        first = min(p_start, q.start)
        clause_start = block.clause_start(first)
        clause = text[clause_start:first]
        verb = None
        if entry.verbs:
            verb, excluded = governing_verb(block, entry, first, p_end)
            if excluded:
                continue
        elif entry.exclude is not None and _direct(entry.exclude).search(clause):
            continue
        subunit = bool(cat.subunit.search(clause))
        if subunit and entry.category:
            continue  # a part's category count is bounded neither way by the table's
        other, as_of = _period(block, entry, verb, clause_start, first)
        found.append(Mention(entry, block, q, p_start, p_end, subunit, verb, other, as_of))
    return found


def _period(block: Block, entry: FigurePhrase, verb: int | None, start: int, end: int) -> tuple[bool, int | None]:
    """(whether the clause text[start:end] names another period than the report year, the
    year of a year end it dates a stock at). 截至年底 / 截至12月31日 before a stock (现行有效)
    is the report year's end, not another period; before a flow it may be a total of all years."""
    cat = load()
    text, as_of = block.text, None
    for m in _direct(cat.other_period).finditer(text, start, end):
        end_of_year = cat.year_end.match(text, m.start(), end) if entry.is_stock(verb) else None
        if end_of_year is None:
            return True, None
        if end_of_year.group("year"):
            as_of = int(end_of_year.group("year"))
    return False, as_of


def governing_verb(block: Block, entry: FigurePhrase, p_start: int, p_end: int) -> tuple[int | None, bool]:
    """(index of the verb that governs a phrase's figure, whether an exclusion governs it
    instead). The nearest verb or exclusion before the phrase's end wins; a clause without
    either is governed by the clause before it in the sentence (废止规章 1 件，规范性文件 3 件:
    both repealed)."""
    text = block.text
    verbs = [(index, _direct(verb.words)) for index, verb in enumerate(entry.verbs)]
    exclude = _direct(entry.exclude) if entry.exclude is not None else None
    s_start = block.sentence(p_start)[0]
    start = block.clause_start(p_start)
    while True:
        best, best_end = None, -1
        for index, words in verbs:
            for m in words.finditer(text, start, p_end):
                if m.end() > best_end:
                    best, best_end = index, m.end()
        excluded_at = max((m.end() for m in exclude.finditer(text, start, p_start)), default=-1) if exclude else -1
        if best is not None or excluded_at >= 0 or start <= s_start:
            return best, excluded_at > best_end
        start = block.clause_start(start - 1)


def _all_mentions(doc: Document, entries, fmt_id: str | None) -> list[Mention]:
    found = _matches(doc, entries, fmt_id)
    return [m for block in doc.blocks if block in found for m in mentions(block, entries, fmt_id, found[block])]


def table_mentions(doc: Document, fmt_id: str) -> list[Mention]:
    key = ("figures", fmt_id)
    if key not in doc.cache:
        doc.cache[key] = _all_mentions(doc, load().figures, fmt_id)
    return doc.cache[key]


def subject_mentions(doc: Document) -> list[Mention]:
    if "subjects" not in doc.cache:
        doc.cache["subjects"] = _all_mentions(doc, load().subjects, None)
    return doc.cache["subjects"]


def scaled(q: Quantity, cell_unit: str) -> Quantity:
    """The quoted figure in the cell's unit (an amount in 元 against a table in 万元)."""
    if q.unit == "元" and cell_unit == "万元":
        return replace(q, value=q.value / Decimal(10000))
    if q.unit == "万元" and cell_unit == "元":
        return replace(q, value=q.value * Decimal(10000))
    return q


def lower(q: Quantity) -> Decimal:
    """The least value the quoted figure allows."""
    if q.bound in ("lt", "le"):
        return Decimal(0)
    if q.bound == "about":
        return q.value * (1 - Decimal("0.1"))
    return q.value
