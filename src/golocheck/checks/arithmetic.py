"""Relations between cells: a total equals its parts, a part is at most its whole,
parts together are at least the whole.

All arithmetic is exact (Decimal), so money in 万元 is compared as written.
A relation with a cell that is not a usable number (blank, "—", text, ...) is
not evaluated; it says so through rule V006 instead of guessing.

Parameters name cells by id. ``for_each`` repeats a relation over a list of
values substituted for ``{name}`` in the ids, e.g. every column of a table.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import Iterable, Iterator

from golocheck.diagnostics import Finding, Location, Text

NOT_EVALUATED = "V006"


def number_text(value: Decimal) -> str:
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        return str(int(value))
    return str(value)


def _expand(params) -> Iterator[dict[str, str]]:
    for_each = params.get("for_each") or {}
    names = list(for_each)
    for values in product(*(for_each[n] for n in names)):
        yield dict(zip(names, values))


def _subst(cell_id: str, binding: dict[str, str]) -> str:
    for name, value in binding.items():
        cell_id = cell_id.replace("{" + name + "}", value)
    return cell_id


def _ids(params, binding) -> list[str]:
    ids = []
    for key in ("total", "whole", "part"):
        if key in params:
            ids.append(_subst(params[key], binding))
    for key in ("parts",):
        ids.extend(_subst(p, binding) for p in params.get(key, ()))
    return ids


def _validate(rule, formats, required: tuple[str, ...]) -> str | None:
    params = rule.params
    missing = [k for k in required if k not in params]
    if missing:
        return f"params needs {', '.join(missing)}"
    if not rule.formats:
        return "a table relation must list its formats"
    for binding in _expand(params):
        for cell_id in _ids(params, binding):
            for format_id in rule.formats:
                if cell_id not in formats[format_id].cell_map:
                    return f"cell {cell_id!r} does not exist in format {format_id}"
    return None


def _values(ctx, ids: Iterable[str]):
    values = [ctx.cell(i) for i in ids]
    unusable = [v for v in values if not v.usable]
    return values, unusable


_STATE_TEXT = {
    "blank": Text("空白", "blank"),
    "not_applicable": Text("填写了“不适用”类标记", "marked not applicable"),
    "text": Text("不是数字", "not a number"),
    "fraction": Text("不是整数", "not a whole number"),
    "negative": Text("为负数", "negative"),
    "non_finite": Text("不是有限数", "not a finite number"),
    "missing": Text("缺失", "missing"),
}


def not_evaluated(rule, values, unusable) -> Finding:
    reasons = Text(
        "、".join(f"{v.cell.short.zh}{_STATE_TEXT[v.state].zh}" for v in unusable),
        ", ".join(f"{v.cell.short.en} is {_STATE_TEXT[v.state].en}" for v in unusable),
    )
    related = tuple(Location(v.cell.pointer, v.cell.label) for v in values if v not in unusable[:1])
    return Finding(
        unusable[0].cell.pointer,
        {"relation": rule.code, "relation_title": rule.title, "reasons": reasons},
        label=unusable[0].cell.label,
        related=related,
        rule=NOT_EVALUATED,
    )


def _terms(values) -> Text:
    return Text(
        " + ".join(f"{v.cell.short.zh} {number_text(v.number)}" for v in values),
        " + ".join(f"{v.cell.short.en} {number_text(v.number)}" for v in values),
    )


class SumEquals:
    """total = sum of parts."""

    @staticmethod
    def validate(rule, formats):
        return _validate(rule, formats, ("total", "parts"))

    @staticmethod
    def run(ctx, rule):
        for binding in _expand(rule.params):
            total_id = _subst(rule.params["total"], binding)
            part_ids = [_subst(p, binding) for p in rule.params["parts"]]
            values, unusable = _values(ctx, [total_id, *part_ids])
            if unusable:
                yield not_evaluated(rule, values, unusable)
                continue
            total, parts = values[0], values[1:]
            parts_sum = sum((v.number for v in parts), Decimal(0))
            if parts_sum != total.number:
                yield Finding(
                    total.cell.pointer,
                    {
                        "parts_expr": _terms(parts),
                        "sum": number_text(parts_sum),
                        "total_label": total.cell.short,
                        "total": number_text(total.number),
                        "difference": number_text(parts_sum - total.number),
                    },
                    label=total.cell.label,
                    related=tuple(Location(v.cell.pointer, v.cell.label) for v in parts),
                )


class SumAtLeast:
    """sum of parts >= total (each item counted once in the total, once per channel in the parts)."""

    @staticmethod
    def validate(rule, formats):
        return _validate(rule, formats, ("total", "parts"))

    @staticmethod
    def run(ctx, rule):
        for binding in _expand(rule.params):
            total_id = _subst(rule.params["total"], binding)
            part_ids = [_subst(p, binding) for p in rule.params["parts"]]
            values, unusable = _values(ctx, [total_id, *part_ids])
            if unusable:
                yield not_evaluated(rule, values, unusable)
                continue
            total, parts = values[0], values[1:]
            parts_sum = sum((v.number for v in parts), Decimal(0))
            if parts_sum < total.number:
                yield Finding(
                    total.cell.pointer,
                    {
                        "parts_expr": _terms(parts),
                        "sum": number_text(parts_sum),
                        "total_label": total.cell.short,
                        "total": number_text(total.number),
                        "difference": number_text(total.number - parts_sum),
                    },
                    label=total.cell.label,
                    related=tuple(Location(v.cell.pointer, v.cell.label) for v in parts),
                )


class AtMost:
    """part <= whole, for each [part, whole] pair in params.pairs."""

    @staticmethod
    def validate(rule, formats):
        pairs = rule.params.get("pairs")
        if not pairs or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            return "params.pairs must be a list of [part, whole] cell ids"
        if not rule.formats:
            return "a table relation must list its formats"
        for binding in _expand(rule.params):
            for pair in pairs:
                for cell_id in pair:
                    cell_id = _subst(cell_id, binding)
                    for format_id in rule.formats:
                        if cell_id not in formats[format_id].cell_map:
                            return f"cell {cell_id!r} does not exist in format {format_id}"
        return None

    @staticmethod
    def run(ctx, rule):
        for binding in _expand(rule.params):
            for part_id, whole_id in rule.params["pairs"]:
                values, unusable = _values(ctx, [_subst(part_id, binding), _subst(whole_id, binding)])
                if unusable:
                    yield not_evaluated(rule, values, unusable)
                    continue
                part, whole = values
                if part.number > whole.number:
                    yield Finding(
                        part.cell.pointer,
                        {
                            "part_label": part.cell.short,
                            "part": number_text(part.number),
                            "whole_label": whole.cell.short,
                            "whole": number_text(whole.number),
                            "difference": number_text(part.number - whole.number),
                        },
                        label=part.cell.label,
                        related=(Location(whole.cell.pointer, whole.cell.label),),
                    )
