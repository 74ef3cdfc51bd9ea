"""When relations fail, say which cell is most likely wrong, and why.

Reviewers facing five failing sums want the one cell to fix. This kind re-evaluates
the relations of the rules named in ``params.relations`` and looks for three patterns
(``params.pattern``):

* ``shared_cell`` — one cell takes part in two or more failing relations (a row sum and
  a column sum, typically): it is the likely culprit; when every failing relation agrees,
  the value that would make them all hold is given.
* ``swapped_columns`` — on one row two applicant columns are off by +n and −n while the
  row's 总计 is right: the figures were entered in the wrong column.
* ``split_number`` — a row sum fails, and joining the digits of two adjacent cells would
  make it hold: one number was split across two cells (a PDF or spreadsheet slip).

Findings are hints (the failing relations are already errors of their own rules).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from golocheck.checks.arithmetic import instances, number_text
from golocheck.diagnostics import Finding, Location, Text

PATTERNS = ("shared_cell", "swapped_columns", "split_number")
# the kinds whose relations this kind re-evaluates (golocheck.checks.arithmetic.instances)
RELATION_KINDS = ("sum", "sum_at_least", "at_most", "balance")


def _failures(ctx, rules):
    """(rule, left values, right values, left - right) of every failing relation instance."""
    result = []
    for rule in rules:
        for left_ids, right_ids in instances(rule.check, rule.params, ctx.format):
            left = [ctx.cell(i) for i in left_ids]
            right = [ctx.cell(i) for i in right_ids]
            if not all(v.usable for v in (*left, *right)):
                continue
            diff = sum((v.number for v in left), Decimal(0)) - sum((v.number for v in right), Decimal(0))
            if diff != 0:
                result.append((rule, left, right, diff))
    return result


class CellDiagnosis:
    params_schema = {
        "type": "object",
        "properties": {
            "pattern": {"enum": list(PATTERNS)},
            "relations": {"type": "array", "minItems": 1, "items": {"type": "string", "x-rule-code": True, "x-rule-kinds": list(RELATION_KINDS)}},
        },
        "required": ["pattern", "relations"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        from golocheck.catalogue import load_catalogue

        catalogue = load_catalogue()
        relations = [catalogue[c] for c in rule.params["relations"] if c in catalogue and catalogue[c].applies_to(ctx.format.id)]
        failures = _failures(ctx, relations)
        if not failures:
            return
        yield from globals()[f"_{rule.params['pattern']}"](failures)


def _shared_cell(failures):
    by_cell = defaultdict(list)
    for failure in failures:
        rule, left, right, diff = failure
        for value in left:
            by_cell[value.cell.id].append((failure, value, -1))  # left side: value - diff fixes it
        for value in right:
            by_cell[value.cell.id].append((failure, value, +1))  # right side: value + diff fixes it
    for cell_id, hits in by_cell.items():
        if len(hits) < 2 or len({id(h[0]) for h in hits}) < 2:
            continue
        value = hits[0][1]
        fixes = {value.number + sign * failure[3] for failure, _, sign in hits}
        codes = "、".join(sorted({failure[0].code for failure, _, _ in hits}))
        if len(fixes) == 1:
            fix = number_text(fixes.pop())
            hint = Text(f"改为 {fix} 可使这 {len(hits)} 个关系同时成立", f"{fix} would make all {len(hits)} relations hold")
        else:
            hint = Text("各关系的差额不一致，可能还有其他单元格有误", "the differences disagree: more than one cell may be wrong")
        yield Finding(
            value.cell.pointer,
            {"label": value.cell.short, "value": number_text(value.number), "count": len(hits), "relations": codes, "hint": hint},
            label=value.cell.label,
        )


def _swapped_columns(failures):
    """Column relations failing by +n in one column and −n in another, on the same rule."""
    by_rule = defaultdict(list)
    for failure in failures:
        by_rule[failure[0].code].append(failure)
    for code, rule_failures in by_rule.items():
        for i, (rule, left, _, diff) in enumerate(rule_failures):
            for other in rule_failures[i + 1:]:
                if other[3] == -diff:
                    a, b = left[0].cell, other[1][0].cell
                    yield Finding(
                        a.pointer,
                        {"relation": code, "first": a.short, "second": b.short, "plus": number_text(abs(diff)),
                         "first_diff": number_text(diff), "second_diff": number_text(other[3])},
                        label=a.label,
                        related=(Location(b.pointer, b.label),),
                    )


def _split_number(failures):
    for rule, left, right, diff in failures:
        if rule.check != "sum" or len(left) != 1:
            continue
        total = left[0].number
        for first, second in zip(right, right[1:]):
            if first.number < 0 or second.number < 0 or not first.number or first.number != first.number.to_integral_value():
                continue
            joined = Decimal(f"{int(first.number)}{int(second.number)}")
            rest = sum((v.number for v in right if v is not first and v is not second), Decimal(0))
            if rest + joined == total:
                yield Finding(
                    first.cell.pointer,
                    {"first": first.cell.short, "first_value": number_text(first.number), "second": second.cell.short,
                     "second_value": number_text(second.number), "joined": number_text(joined), "total_label": left[0].cell.short,
                     "total": number_text(total)},
                    label=first.cell.label,
                    related=(Location(second.cell.pointer, second.cell.label), Location(left[0].cell.pointer, left[0].cell.label)),
                )
