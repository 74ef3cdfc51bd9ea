"""Decompositions — "共N…，其中A…、B…、C…" (also 包括, 分别为, 在 N…中，A…、B…) — and
percentages of a whole.

The whole is the last figure before the marker at the same bracket depth, in the same
sentence; when the marker opens a sentence (…1191 件。其中，…) it is the last figure of
the sentence before, and when the marker opens an aside (…2599条，(其中…)) it is the
last figure before the aside. Asides inside the list (预决算公开197条（政府预决算32条、
部门预决算公开165条）) are sub-parts and are not added.

The parts run to the end of the sentence, except that a list separated by 、 or ，
ends at ； (unless a colon opens it: 其中：A…，B…；C…, each ；-item then one category with
its count — an item of two counts, …；行政复议 2 件、行政诉讼 7 件, ends it), and a clause that starts a new total (共…, 另有…, 同时…) ends it:
共受理749件，其中…8件；共办理718件 is two statements.
"""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from golocheck.narrative.document import Block, Document
from golocheck.narrative.figures import lower, unit_class
from golocheck.narrative.numerals import Quantity
from golocheck.narrative.lazyre import lazy
from golocheck.records import record

MARKER = lazy(r"其中(?:包括)?|包括|分别为|分别是")
# 分别为 / 分别是 introduce every part, one after another: such a list claims to be complete.
_CLAIMS_ALL = ("分别为", "分别是")
# "在主动公开的 61 条政府信息中，A 5 条、B 1 条…": the whole stands inside the 在…中 frame
# and the parts follow it. The marker is the frame's 中 (the whole must lie in the frame).
_FRAME = lazy(r"在[^，,。；;：:！？]{1,40}?中(?=[\s　]*[，,：:])")
_NEW_TOTAL = lazy(r"[\s　]*(?:共|合计|总计|累计|另有|另外|此外|同时|全年|并|其中|分别)")
_LIST_DELIMITERS = "、，,；;"
_DELIMITER = lazy("[、，,；;]")  # the first of _LIST_DELIMITERS in a text
_CLAUSE_CUT = lazy("[，,；;]")
_LABEL_START = lazy(r"[、，,；;：:（(。]")
_MAX_WHOLE_DISTANCE = 60  # characters between the whole and the marker
# 其他 / 其它 names the rest: a list with such an item claims to be complete.
_REST = lazy(r"^[\s　]*(?:以及|及|和)?[\s　]*其[他它]")
_OPEN_END = lazy(r"[\s　]*等")
# A figure whose measure word golocheck does not know: a Han character right after it.
_UNKNOWN_MEASURE = lazy(r"[\s　]*[\u4e00-\u9fff]")
# The levels of a set of items counted together (对…12项大项、30小项审批事项进行梳理): a figure
# of one level and a figure of another count different things, whatever their measure word.
_LEVEL = lazy(r"[\s　]*(?:个)?(?P<level>大项|小项|子项|主项|分项)")


@record(frozen=True)
class Decomposition:
    """A figure of the text stated with its parts (其中…): the whole and each part with its label."""

    block: Block
    whole: Quantity
    parts: tuple[tuple[Quantity, str], ...]  # (figure, its label: the words before it)
    marker_start: int
    marker: str = ""  # the marker as printed (其中, 包括, 分别为, 中 of 在…中)

    def claims_all(self) -> bool:
        """分别为…: the list names every part (a shorter sum is a doubt, not a partial list)."""
        return self.marker in _CLAIMS_ALL

    @property
    def unit(self) -> str | None:
        return unit_class(self.whole.unit)

    def parts_low(self) -> Decimal:
        return sum((lower(q) for q, _ in self.parts), Decimal(0))

    def complete(self) -> bool:
        """A list with an 其他… item names everything — unless it ends in 等 (…其他文件 54 条等):
        "and so on" leaves it open."""
        last = self.parts[-1][0]
        if _OPEN_END.match(self.block.text, last.end):
            return False
        return any(_REST.match(label) for _, label in self.parts)


def _figures(block: Block, marker: int) -> list[Quantity]:
    """Every figure from a little before the marker (where the whole can be; in the sentence
    before when the marker opens its sentence, …1191 件。其中，…) to the end of the marker's
    sentence (the parts), with a measure word golocheck knows or not."""
    s_start, s_end = block.sentence(marker)
    opens = s_start > 0 and not block.text[s_start:marker].strip(" 　，,：:")
    floor = block.sentence(s_start - 1)[0] if opens else s_start
    start = block.clause_start(max(floor, marker - _MAX_WHOLE_DISTANCE - 20))
    return block.window_quantities(start, s_end)


def _counts(figures: list[Quantity]) -> list[Quantity]:
    """The figures with a measure word golocheck knows (the wholes and parts it compares)."""
    return [q for q in figures if q.unit and q.unit != "%"]


def _unknown_measure(text: str, q: Quantity) -> bool:
    """A figure followed by a word that is no measure word golocheck knows (30小项, 30宗):
    it counts something, but what cannot be told."""
    return q.unit is None and _UNKNOWN_MEASURE.match(text, q.end) is not None


def _level(text: str, q: Quantity) -> str | None:
    """The level a figure counts at (12项大项 → 大项, 30小项 → 小项, 3个子项 → 子项), if it names one."""
    m = _LEVEL.match(text, q.end)
    return m["level"] if m else None


def _can_tell(block: Block, figures: list[Quantity], whole: Quantity, marker: int) -> bool:
    """Whether ``whole`` is surely the figure the parts after the marker belong to. Not when a
    figure of a measure word golocheck does not know stands between it and the marker (12项大项、
    30小项…，其中30项: the nearer 30小项 may be the whole), nor when the figures before the marker
    count one set of items at two levels (12项大项、30项小项): which level the parts count the
    text does not say."""
    text = block.text
    s_start, _ = block.sentence(marker)
    depth = block.depth(whole.start)
    levels = set()
    for q in figures:
        if q.start < min(s_start, whole.start) or q.end > marker or block.depth(q.start) != depth:
            continue
        if q.start >= whole.end and _unknown_measure(text, q):
            return False
        if (level := _level(text, q)) is not None:
            levels.add(level)
    return len(levels) < 2


def _whole(block: Block, counts: list[Quantity], marker: int, depth: int) -> Quantity | None:
    text = block.text
    s_start, _ = block.sentence(marker)
    before = [q for q in counts if s_start <= q.start and q.end <= marker and block.depth(q.start) == depth
              and block.min_depth(q.end, marker) >= depth]
    if before:
        return before[-1] if marker - before[-1].end <= _MAX_WHOLE_DISTANCE else None
    if depth > 0:
        # the marker opens an aside: the whole is the figure just before the aside
        opening = block.opening(marker)
        outer = [q for q in counts if s_start <= q.start and q.end <= opening and block.depth(q.start) == depth - 1]
        if outer and opening - outer[-1].end <= _MAX_WHOLE_DISTANCE:
            return outer[-1]
        return None
    lead = text[s_start:marker].strip(" 　，,：:")
    if lead or s_start == 0 or text[s_start - 1] != "。":
        return None
    prev_start, _ = block.sentence(s_start - 1)
    earlier = [q for q in counts if prev_start <= q.start and q.end <= s_start and block.depth(q.start) == 0]
    return earlier[-1] if earlier and marker - earlier[-1].end <= _MAX_WHOLE_DISTANCE else None


def _label(text: str, start: int, floor: int) -> str:
    cut = max((m.end() for m in _LABEL_START.finditer(text, floor, start)), default=floor)
    return text[cut:start]


def _parts(block: Block, counts: list[Quantity], whole: Quantity, m_end: int, depth: int) -> list[tuple[Quantity, str]]:
    text = block.text
    _, s_end = block.sentence(m_end)
    unit = unit_class(whole.unit)
    parts: list[tuple[Quantity, str]] = []
    separator = None
    position = m_end
    # 其中：A…；B…；C…: a colon opens an enumeration whose items ； separates — it ends
    # at the end of the sentence (or a new total), not at the first ；
    colon = text[m_end:m_end + 2].lstrip(" 　")[:1] in ("：", ":")
    for q in counts:
        if q.start < m_end or q.start >= s_end:
            continue
        between = text[position:q.start]
        if block.min_depth(position, q.start) < depth:
            break  # the aside that held the list has closed
        if parts:
            if separator is None:
                found = _DELIMITER.search(between)
                separator = found.group() if found else None
            semicolon = "；" in between or ";" in between
            if not colon and separator not in ("；", ";") and semicolon:
                break
            if colon and separator not in ("；", ";") and semicolon and _item_count(block, counts, q, s_end, unit) != 1:
                break  # an item that is not one category and its count (…；行政复议 2 件、行政诉讼 7 件) is another statement
            if any(_NEW_TOTAL.match(text, cut + 1) for cut in _clause_cuts(between, position)):
                break
        if block.depth(q.start) != depth:
            continue  # a sub-part inside an aside
        position = q.end
        if unit_class(q.unit) == unit:
            parts.append((q, _label(text, q.start, max(m_end, parts[-1][0].end if parts else m_end))))
    return parts


def _item_count(block: Block, counts: list[Quantity], q: Quantity, s_end: int, unit) -> int:
    """How many figures of the measure word the ；-separated item starting at ``q`` holds."""
    ends = [i for i in (block.text.find(c, q.end, s_end) for c in "；;") if i >= 0]
    end = min(ends, default=s_end)
    return sum(1 for c in counts if q.start <= c.start < end and unit_class(c.unit) == unit)


def _clause_cuts(between: str, offset: int):
    return [offset + m.start() for m in _CLAUSE_CUT.finditer(between)]


def decompositions(doc: Document) -> list[Decomposition]:
    if "decompositions" not in doc.cache:
        found = []
        for block in doc.blocks:
            markers = [(m.start(), m.end(), m.group(), None) for m in MARKER.finditer(block.text)]
            markers += [(m.end() - 1, m.end(), "中", m.start()) for m in _FRAME.finditer(block.text)]
            for start, end, printed, frame in sorted(markers):
                figures = _figures(block, start)
                counts = _counts(figures)
                depth = block.depth(start)
                whole = _whole(block, counts, start, depth)
                if whole is None or (frame is not None and whole.start < frame):
                    continue  # a 在…中 frame holds its whole: a figure before it is another statement
                if not _can_tell(block, figures, whole, start):
                    continue  # the whole could be another figure: no claim either way
                parts = _parts(block, counts, whole, end, depth)
                if parts:
                    found.append(Decomposition(block, whole, tuple(parts), start, printed))
        doc.cache["decompositions"] = found
    return doc.cache["decompositions"]


def upper(q: Quantity) -> Decimal | None:
    """The greatest value a quoted figure allows (None: no upper bound, as with 余)."""
    if q.bound in ("gt", "ge"):
        return None
    if q.bound == "about":
        return q.value * (1 + Decimal("0.1"))
    return q.value


# The percent signs: %, ％ and 百分之 (none overlaps another), found with str.find —
# a text holds few, and the engine would try a pattern of them at every character.
_PERCENT_SIGNS = ("%", "％", "百分之")
# "N件（P%…" or "N条，占P%" / "占比P%": the percentage of the count just before it; "占答复总数的P%"
# names its base (the figure after 答复 earlier in the paragraph).
_PERCENT_LINK = lazy(r"[\s　]*(?:[（(][\s　]*|[，,]?[\s　]*(?:占比|占|比例为?|占比为)[\s　]*)")
_NAMED_LINK = lazy(r"[\s　]*[，,]?[\s　]*占(?:全年|本年|全部|所有)?(?P<named>[\u4e00-\u9fff]{1,6}?)(?:总数|总量|总件数|总条数|件数|数)的?(?:比例为?|比重为?)?[\s　]*")
_MAX_BASE_DISTANCE = 200  # characters back from a percentage's count to its base
# A figure a reader takes as a total: 共答复 N 件 / 合计 N 件 / 累计 N 条 in the clause before it,
# or the count of a whole step of the handling (受理 / 收到 / 答复 / 办结 / 办理 N 件, said
# without 共: 答复政府信息公开申请 760 件。予以公开 311 件，占 40.9%).
_TOTAL_WORD = lazy(r"共|合计|总计|累计|受理|收到|答复|办结|办理")


def percentages(doc: Document) -> list[tuple[Block, Quantity, Quantity, tuple[tuple[Quantity, str], ...]]]:
    """(block, count, percentage, candidate wholes as (whole, how)) for every percentage of a
    count whose whole can be found the way a reader finds it. A base the sentence names
    (占答复总数的…, how ``named``) is the only reading. Otherwise every documented reading is
    a candidate, the most direct first: the whole of the decomposition the count belongs to
    (``list``), the last whole of a decomposition earlier in the paragraph with the same
    measure word (``earlier_list``), and every total earlier in the paragraph with that
    measure word and a value at least the count's, nearest first (``earlier_total``: 共答复 N
    件。予以公开 A 件，占 P%, and 答复…N 件 without 共). A percentage is wrong only when no
    candidate gives it. Worked out once per report (N004 and N019 read the same list)."""
    if "percentages" not in doc.cache:
        doc.cache["percentages"] = _percentages(doc)
    return doc.cache["percentages"]


def _percentages(doc: Document) -> list:
    result = []
    by_block: dict[int, list[Decomposition]] = {}
    for d in decompositions(doc):
        by_block.setdefault(id(d.block), []).append(d)
    for block in doc.blocks:
        signs = _percent_signs(block.text)
        if not signs:
            continue
        found = by_block.get(id(block), [])
        sentences = {block.sentence(at)[0]: at for at in signs}
        quantities = block.quantities_around(sentences.values())
        # Looked up per percentage: indexed once, not a pass over every decomposition each time.
        whole_of_part: dict[int, Quantity] = {}
        for d in found:
            for p, _ in d.parts:
                whole_of_part.setdefault(p.start, d.whole)
        ends = [d.whole.end for d in found]
        in_order = all(a <= b for a, b in zip(ends, ends[1:]))
        for previous, q in zip(quantities, quantities[1:]):
            if q.unit != "%" or previous.unit in (None, "%") or q.bound != "exact" or previous.bound != "exact":
                continue
            named = _NAMED_LINK.fullmatch(block.text, previous.end, q.start)
            if named is None and not _PERCENT_LINK.fullmatch(block.text, previous.end, q.start):
                continue
            if named is not None:
                candidates = [(w, "named") for w in _named_whole(block, previous, named["named"])]
            else:
                candidates = []
                if (whole := whole_of_part.get(previous.start)) is not None:
                    candidates.append((whole, "list"))
                if (whole := _earlier_whole(block.text, found, ends if in_order else None, previous)) is not None:
                    candidates.append((whole, "earlier_list"))
                candidates.extend((w, "earlier_total") for w in _earlier_totals(block, previous))
            wholes, seen = [], set()
            for w, how in candidates:
                if w.bound == "exact" and w.value and w.start not in seen:
                    seen.add(w.start)
                    wholes.append((w, how))
            if wholes:
                result.append((block, previous, q, tuple(wholes)))
    return result


def _percent_signs(text: str) -> list[int]:
    """The positions of the percent signs in ``text``, in order."""
    found = []
    for sign in _PERCENT_SIGNS:
        at = text.find(sign)
        while at >= 0:
            found.append(at)
            at = text.find(sign, at + len(sign))
    return sorted(found)


def _paragraph_counts(block: Block, count: Quantity) -> list[Quantity]:
    """The figures with the count's measure word before it in its paragraph (at most
    _MAX_BASE_DISTANCE characters back), nearest first."""
    # a reader looks back a sentence or two, not over a whole long paragraph (linear time)
    start = block.clause_start(max(block.text.rfind("\n", 0, count.start) + 1, count.start - _MAX_BASE_DISTANCE))
    return [w for w in reversed(block.window_quantities(start, count.start))
            if w.end <= count.start and unit_class(w.unit) == unit_class(count.unit) and w.value >= count.value]


def _named_whole(block: Block, count: Quantity, named: str):
    """The nearest earlier figure of the paragraph with the named word just before it."""
    for w in _paragraph_counts(block, count):
        if named in block.text[max(0, w.start - len(named) - 8):w.start]:
            return [w]
    return []


def _earlier_totals(block: Block, count: Quantity) -> list[Quantity]:
    return [w for w in _paragraph_counts(block, count) if _TOTAL_WORD.search(block.text, block.clause_start(w.start), w.start)]


def _earlier_whole(text: str, found: list[Decomposition], ends: list[int] | None, count: Quantity) -> Quantity | None:
    """The whole of the last decomposition before ``count`` in its paragraph with its measure
    word and a value at least its own. ``ends``: the wholes' ends when they are in text order
    (always, but for odd asides), so that only the paragraph's decompositions are looked at,
    from the latest back."""
    paragraph = text.rfind("\n", 0, count.start)  # a whole must end after it
    if ends is None:
        candidates = reversed(found)
    else:
        candidates = (found[i] for i in range(bisect_right(ends, count.start) - 1, -1, -1))
    for d in candidates:
        if ends is not None and d.whole.end <= paragraph:
            return None
        if (d.whole.end <= count.start and d.whole.end > paragraph and unit_class(d.whole.unit) == unit_class(count.unit)
                and d.whole.value >= count.value):
            return d.whole
    return None
