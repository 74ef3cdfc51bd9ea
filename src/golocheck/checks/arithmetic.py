"""Relations between cells: a total equals its parts, a part is at most its whole,
parts together are at least the whole, two sums balance.

All arithmetic is exact (Decimal), so money in 万元 is compared as written.
A relation with a cell that is not a usable number (blank, "—", text, ...) is
not evaluated; it says so through rule V006 instead of guessing.

Parameters name cells by id ("table.row" or "table.row.column"). A relation
can be repeated with ``for_each``: ``{column: [a, b]}`` substitutes each value
for ``{column}`` in the ids; ``{column: {columns_of: T}}`` and
``{row: {rows_of: T}}`` take every column or data row of table T in the
report's format. In ``parts``, ``{part_of: T.R, column: "{column}"}`` stands
for every row of T that the format marks as added into row R.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from golocheck.checks.cellrefs import bindings, cell_ids, subst
from golocheck.checks.memo import once
from golocheck.checks.paramtypes import CELL_ID, CELL_IDS, FOR_EACH
from golocheck.diagnostics import Finding, Location, Text

NOT_EVALUATED = "V006"


def number_text(value: Decimal) -> str:
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        return str(int(value))
    return str(value)


def instances(kind: str, params, fmt) -> Iterator[tuple[list[str], list[str]]]:
    """The concrete relations of a rule in one format: (left ids, right ids).

    sum / sum_at_least: left = [total], right = parts; at_most: left = [part], right = [whole];
    balance: left and right are the two sides."""
    for binding in bindings(params.get("for_each"), fmt):
        if kind in ("sum", "sum_at_least"):
            yield [subst(params["total"], binding)], cell_ids(params["parts"], binding, fmt)
        elif kind == "balance":
            yield cell_ids(params["left"], binding, fmt), cell_ids(params["right"], binding, fmt)
        else:  # at_most
            for part, whole in params["pairs"]:
                yield [subst(part, binding)], [subst(whole, binding)]


def concrete_relations(kind: str, params, fmt) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """:func:`instances` as a tuple, worked out once per process for each rule and format
    (they depend on nothing else, and every report of a batch asks for them)."""
    return once(("relations", kind), (params, fmt), lambda: tuple((tuple(left), tuple(right)) for left, right in instances(kind, params, fmt)))


def may_fail_as_equations(rule) -> tuple:
    """The name under which a relation rule's run tells the report's other rules
    (Context.recall) whether one of its relations may fail as an equation (sum(left) ≠
    sum(right)): False when each either held or had an unusable cell (None in
    Context.integers), True when one failed on plain integers or had a figure of another
    kind. Only the rule's kind says whether holding means equal (sum, balance)."""
    return ("may fail as equations", id(rule))


def _relation_schema(**properties) -> dict:
    return {"type": "object", "x-needs-formats": True, "properties": {"for_each": FOR_EACH, **properties},
            "required": list(properties), "additionalProperties": False}


_TOTAL_AND_PARTS = _relation_schema(total=CELL_ID, parts=CELL_IDS)
_PAIRS = {"type": "array", "minItems": 1, "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": CELL_ID},
          "description": "[part, whole] cell ids"}


_STATE_TEXT = {
    "blank": Text("空白", "blank"),
    "not_applicable": Text("填写了“不适用”类标记", "marked not applicable"),
    "text": Text("不是数字", "not a number"),
    "fraction": Text("不是整数", "not a whole number"),
    "negative": Text("为负数", "negative"),
    "non_finite": Text("不是有限数", "not a finite number"),
    "too_large": Text("数值过大，无法精确表示", "too large to be exact"),
    "missing": Text("缺失", "missing"),
}


def not_evaluated(rule, values, unusable) -> Finding:
    reasons = Text(
        "、".join(f"{v.cell.short.zh}{_STATE_TEXT[v.state].zh}" for v in unusable),
        ", ".join(f"{v.cell.short.en} is {_STATE_TEXT[v.state].en}" for v in unusable),
    )
    related = tuple(Location(v.cell.pointer, v.cell.label) for v in values if v is not unusable[0])
    return Finding(
        unusable[0].cell.pointer,
        {"relation": rule.code, "relation_title": rule.title, "reasons": reasons},
        label=unusable[0].cell.label,
        related=related,
        rule=NOT_EVALUATED,
    )


def terms(values) -> Text:
    return Text(
        " + ".join(f"{v.cell.short.zh} {number_text(v.number)}" for v in values),
        " + ".join(f"{v.cell.short.en} {number_text(v.number)}" for v in values),
    )


def _total(values) -> Decimal:
    return sum((v.number for v in values), Decimal(0))


class _Relation:
    kind = ""

    @classmethod
    def run(cls, ctx, rule):
        missing: dict[str, Text] = {}  # cells absent from the file: already a structure error
        integers = ctx.integers()
        integer = integers.__getitem__
        holds = cls.holds
        may_fail = False  # whether a relation may fail as an equation (see may_fail_as_equations)
        for left_ids, right_ids in concrete_relations(cls.kind, rule.params, ctx.format):
            try:
                left_figures, right_figures = list(map(integer, left_ids)), list(map(integer, right_ids))
            except KeyError:  # a figure that is not a plain integer: the exact route decides
                may_fail = True
            else:
                try:
                    if holds(left_figures, right_figures):
                        continue  # the usual case, decided on plain integers: nothing to say
                except TypeError:  # an unusable cell (None)
                    pass
                if None in left_figures or None in right_figures:
                    # an unusable cell: the relation is not evaluated; when every unusable
                    # cell is missing, nothing else needs its CellValue
                    ids = (*left_ids, *right_ids)
                    unusable = [ctx.cell(i) for i in ids if integers.get(i, 0) is None]
                    if all(v.state == "missing" for v in unusable):
                        for v in unusable:
                            missing.setdefault(v.cell.pointer.rsplit("/", 1)[0] if v.cell.row_short else v.cell.pointer, v.cell.row_short or v.cell.short)
                        continue
                else:
                    may_fail = True  # it fails on plain integers
            left = [ctx.cell(i) for i in left_ids]
            right = [ctx.cell(i) for i in right_ids]
            unusable = [v for v in (*left, *right) if not v.usable]
            if unusable and all(v.state == "missing" for v in unusable):
                for v in unusable:
                    missing.setdefault(v.cell.pointer.rsplit("/", 1)[0] if v.cell.row_short else v.cell.pointer, v.cell.row_short or v.cell.short)
                continue
            if unusable:
                yield not_evaluated(rule, [*left, *right], unusable)
                continue
            finding = cls.compare(left, right)
            if finding is not None:
                yield finding
        # for the diagnosis rules, which re-evaluate these relations (checks/diagnosis.py)
        ctx.remember(may_fail_as_equations(rule), lambda: may_fail)
        if missing:
            # one finding per rule, not one per column of a missing row
            names = list(missing.values())
            reasons = Text("缺少" + "、".join(n.zh for n in names), "missing: " + ", ".join(n.en for n in names))
            yield Finding(next(iter(missing)), {"relation": rule.code, "relation_title": rule.title, "reasons": reasons}, rule=NOT_EVALUATED)

    @staticmethod
    def compare(left, right) -> Finding | None:
        raise NotImplementedError

    @staticmethod
    def holds(left: list[int], right: list[int]) -> bool:
        """Whether the relation holds on the cells' plain integer figures (exactly when
        :meth:`compare` finds nothing); TypeError for an unusable cell (None)."""
        raise NotImplementedError


def _related(values) -> tuple[Location, ...]:
    return tuple(Location(v.cell.pointer, v.cell.label) for v in values)


class SumEquals(_Relation):
    """total = sum of parts."""

    kind = "sum"
    params_schema = _TOTAL_AND_PARTS

    @staticmethod
    def holds(left, right):
        return sum(right) == left[0]

    @staticmethod
    def compare(left, right):
        total, parts_sum = left[0], _total(right)
        if parts_sum == total.number:
            return None
        args = {"parts_expr": terms(right), "sum": number_text(parts_sum), "total_label": total.cell.short,
                "total": number_text(total.number), "difference": number_text(parts_sum - total.number)}
        return Finding(total.cell.pointer, args, label=total.cell.label, related=_related(right))


class SumAtLeast(_Relation):
    """sum of parts >= total (each item counted once in the total, once per channel in the parts)."""

    kind = "sum_at_least"
    params_schema = _TOTAL_AND_PARTS

    @staticmethod
    def holds(left, right):
        return sum(right) >= left[0]

    @staticmethod
    def compare(left, right):
        total, parts_sum = left[0], _total(right)
        if parts_sum >= total.number:
            return None
        args = {"parts_expr": terms(right), "sum": number_text(parts_sum), "total_label": total.cell.short,
                "total": number_text(total.number), "difference": number_text(total.number - parts_sum)}
        return Finding(total.cell.pointer, args, label=total.cell.label, related=_related(right))


class AtMost(_Relation):
    """part <= whole, for each [part, whole] pair in params.pairs."""

    kind = "at_most"
    params_schema = _relation_schema(pairs=_PAIRS)

    @staticmethod
    def holds(left, right):
        return left[0] <= right[0]

    @staticmethod
    def compare(left, right):
        part, whole = left[0], right[0]
        if part.number <= whole.number:
            return None
        args = {"part_label": part.cell.short, "part": number_text(part.number), "whole_label": whole.cell.short,
                "whole": number_text(whole.number), "difference": number_text(part.number - whole.number)}
        return Finding(part.cell.pointer, args, label=part.cell.label, related=(Location(whole.cell.pointer, whole.cell.label),))


class Balance(_Relation):
    """sum(left) = sum(right), e.g. 一 + 二 = 三（七）总计 + 四 for every column."""

    kind = "balance"
    params_schema = _relation_schema(left=CELL_IDS, right=CELL_IDS)

    @staticmethod
    def holds(left, right):
        return sum(left) == sum(right)

    @staticmethod
    def compare(left, right):
        left_sum, right_sum = _total(left), _total(right)
        if left_sum == right_sum:
            return None
        args = {"left_expr": terms(left), "left_sum": number_text(left_sum), "right_expr": terms(right),
                "right_sum": number_text(right_sum), "difference": number_text(left_sum - right_sum)}
        return Finding(left[0].cell.pointer, args, label=left[0].cell.label, related=_related([*left[1:], *right]))
