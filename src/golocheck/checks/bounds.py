"""What cells can add up to when some are blank: a blank count is an unknown number ≥ 0.

A text figure or a statement compared with a reading whose cells are partly blank is not
silenced: the filled cells give a lower bound and the format's sum relations (the built-in
rules of kind ``sum``: a total equals its parts) narrow a blank cell further —

* a blank part is at most its filled total less the other filled parts (exactly that when
  they are all filled);
* a blank total is at least its filled parts, and exactly their sum when all are filled
  (总计 blank: the applicant columns are read instead);
* in a ``balance`` (新收 + 上年结转 = 办理结果总计 + 结转下年度), a blank cell is at most the
  other side less the filled cells of its own side, and exactly that when all are filled.

Only one step of the relations is followed: the bounds are sound, not always the tightest.
A cell that is not a count at all ("—", text, a fraction) has no bounds: readings with one
are not compared, as before.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from golocheck.checks.arithmetic import number_text
from golocheck.diagnostics import Text
from golocheck.records import record

_UNKNOWN = ("blank", "missing")


@record(frozen=True)
class Range:
    """The range a figure can take: exact when both bounds are equal (blank cells widen it)."""

    low: Decimal
    high: Decimal | None  # None: no upper bound
    blanks: tuple  # CellValue of every blank cell the range depends on

    @property
    def exact(self) -> bool:
        return self.high is not None and self.low == self.high

    @property
    def informative(self) -> bool:
        """Whether it says anything beyond "some count ≥ 0" (a wholly blank reading does not)."""
        return self.low > 0 or self.high is not None

    def __add__(self, other: "Range") -> "Range":
        high = None if self.high is None or other.high is None else self.high + other.high
        return Range(self.low + other.low, high, self.blanks + other.blanks)

    def text(self) -> Text:
        if self.exact:
            return Text(number_text(self.low), number_text(self.low))
        if self.high is None:
            return Text(f"不少于 {number_text(self.low)}", f"at least {number_text(self.low)}")
        return Text(f"{number_text(self.low)}–{number_text(self.high)}", f"{number_text(self.low)}–{number_text(self.high)}")


@cache
def _sum_relations(fmt_id: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(total, parts) of every built-in ``sum`` relation in a format."""
    from golocheck.catalogue import load_catalogue
    from golocheck.checks.arithmetic import instances
    from golocheck.formats import get_format

    fmt = get_format(fmt_id)
    found = []
    for rule in load_catalogue().values():
        if rule.check == "sum" and (rule.formats is None or fmt_id in rule.formats):
            found.extend((left[0], tuple(right)) for left, right in instances("sum", rule.params, fmt))
    return tuple(found)


@cache
def _balances(fmt_id: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    from golocheck.catalogue import load_catalogue
    from golocheck.checks.arithmetic import instances
    from golocheck.formats import get_format

    fmt = get_format(fmt_id)
    found = []
    for rule in load_catalogue().values():
        if rule.check == "balance" and (rule.formats is None or fmt_id in rule.formats):
            for left, right in instances("balance", rule.params, fmt):
                found.extend([(tuple(left), tuple(right)), (tuple(right), tuple(left))])
    return tuple(found)


def _filled(ctx, ids) -> tuple[Decimal, bool]:
    values = [ctx.cell(i) for i in ids]
    return sum((v.number for v in values if v.usable), Decimal(0)), all(v.usable for v in values)


def cell_range(ctx, cell_id: str) -> Range | None:
    value = ctx.cell(cell_id)
    if value.usable:
        return Range(value.number, value.number, ())
    if value.state not in _UNKNOWN:
        return None
    low, high = Decimal(0), None
    for total, parts in _sum_relations(ctx.format.id):
        if cell_id == total:
            values = [ctx.cell(p) for p in parts]
            filled = sum((v.number for v in values if v.usable), Decimal(0))
            low = max(low, filled)
            if all(v.usable for v in values):
                high = filled if high is None else min(high, filled)
        elif cell_id in parts:
            whole = ctx.cell(total)
            if whole.usable:
                others, others_known = _filled(ctx, [p for p in parts if p != cell_id])
                rest = max(Decimal(0), whole.number - others)
                high = rest if high is None else min(high, rest)
                if others_known:
                    low = max(low, rest)  # every other part filled: exactly the rest
    for own, other in _balances(ctx.format.id):
        if cell_id in own:
            rest = [i for i in own if i != cell_id]
            other_sum, other_known = _filled(ctx, other)
            rest_sum, rest_known = _filled(ctx, rest)
            if other_known:
                bound = max(Decimal(0), other_sum - rest_sum)
                high = bound if high is None else min(high, bound)
                if rest_known:
                    low = max(low, bound)
    if high is not None and high < low:
        high = None  # the table contradicts itself there (a T rule says so): no upper bound to trust
    return Range(low, high, (value,))


def reading_range(ctx, cell_ids) -> Range | None:
    """The range of the sum of some cells, or None when one is not a count."""
    # The sum of the cells' ranges (Range.__add__), added up without a Range per cell: most
    # cells are filled (a range of one number), and N001 sums a reading for every figure.
    low, high, blanks = Decimal(0), Decimal(0), ()
    for cell_id in cell_ids:
        value = ctx.cell(cell_id)
        if value.usable:
            low += value.number
            if high is not None:
                high += value.number
            continue
        r = cell_range(ctx, cell_id)
        if r is None:
            return None
        low += r.low
        high = None if high is None or r.high is None else high + r.high
        blanks += r.blanks
    return Range(low, high, blanks)


def blanks_text(blanks) -> Text:
    names = list(dict.fromkeys(v.cell.short.zh for v in blanks))
    names_en = list(dict.fromkeys(v.cell.short.en for v in blanks))
    return Text("、".join(names), ", ".join(names_en))


def group_low(ctx, cell_ids) -> Decimal:
    """A lower bound of what some blank cells hold together, from the same relations.

    Every cell is ≥ its own lower bound (``cell_range``), and cells of one relation are
    bounded jointly too: where the whole of a ``sum`` (or the other side of a
    ``balance``) is filled and so is every cell of it outside the group, the group's cells
    in it add up to exactly the rest. Greater than 0: the relations prove that a figure is
    missing, not a 0 left unwritten."""
    ids = set(cell_ids)
    own_lows = Decimal(0)
    for cell_id in ids:
        r = cell_range(ctx, cell_id)
        if r is not None:
            own_lows += r.low
    low = own_lows
    sides = [((total,), parts) for total, parts in _sum_relations(ctx.format.id)]
    for whole, parts in [*sides, *_balances(ctx.format.id)]:
        inside = [p for p in parts if p in ids]
        if not inside:
            continue
        known, all_known = _filled(ctx, [p for p in parts if p not in ids])
        whole_sum, whole_known = _filled(ctx, whole)
        if all_known and whole_known:
            low = max(low, whole_sum - known)
    return low
