"""When relations fail, say which cell is most likely wrong, and why — only when the
numbers really say so.

Reviewers facing five failing sums want the one cell to fix. This kind re-evaluates
the relations of the rules named in ``params.relations`` and looks for three patterns
(``params.pattern``):

* ``shared_cell`` — ONE cell explains EVERY failing relation: it takes part in each of
  them, a single new value makes them all hold, and that value breaks no relation that
  holds now. Then it is the likely culprit and the value is given. A cell shared by
  only some of the failures proves nothing (two wrong cells look like that), so it is
  not named.
* ``swapped_columns`` — the same column relation fails in exactly two applicant columns,
  by +n and −n, and the row sums (``params.row_sums``, the rule "总计 = the sum of the
  applicant columns") hold on every row those relations touch: the figures were entered
  in the wrong column. Which columns are applicant columns is read from the row-sum
  rule: its parts are, its total (the 总计 column) is not.
* ``split_number`` — a row sum fails, and joining the digits of two adjacent cells would
  make it hold: one number was split across two cells (a PDF or spreadsheet slip).

Findings are hints (the failing relations are already errors of their own rules).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cached_property
from decimal import Decimal

from golocheck.checks.arithmetic import concrete_relations, may_fail_as_equations, number_text
from golocheck.checks.memo import once
from golocheck.diagnostics import Finding, Location

PATTERNS = ("shared_cell", "swapped_columns", "split_number")
# the kinds whose relations this kind re-evaluates (golocheck.checks.arithmetic.instances)
RELATION_KINDS = ("sum", "sum_at_least", "at_most", "balance")
# the kinds whose rules hold exactly when every relation holds as an equation, as here
EQUATIONS = ("sum", "balance")


class _Relation:
    """One concrete relation instance: sum(left) = sum(right) when it holds. Whether it can
    be evaluated and by how much it fails are read from the report's plain integers
    (Context.integers) where they can be; the cells' values are built only when a pattern
    reads them (a failing relation, or one with a figure of another kind)."""

    def __init__(self, ctx, rule, left_ids: tuple[str, ...], right_ids: tuple[str, ...]) -> None:
        self.ctx, self.rule, self.left_ids, self.right_ids = ctx, rule, left_ids, right_ids

    # each read by several patterns: computed once
    @cached_property
    def left(self) -> tuple:
        return tuple(self.ctx.cell(i) for i in self.left_ids)

    @cached_property
    def right(self) -> tuple:
        return tuple(self.ctx.cell(i) for i in self.right_ids)

    @cached_property
    def _figures(self) -> tuple[list, list] | None:
        """The plain integers of both sides (None for an unusable cell), or None when a
        cell holds a figure of another kind."""
        figure = self.ctx.integers().__getitem__
        try:
            return list(map(figure, self.left_ids)), list(map(figure, self.right_ids))
        except KeyError:
            return None

    @cached_property
    def evaluable(self) -> bool:
        figures = self._figures
        if figures is not None:
            return None not in figures[0] and None not in figures[1]
        return all(v.usable for v in (*self.left, *self.right))

    @cached_property
    def diff(self) -> Decimal:
        """left − right (0 when the relation holds); only for evaluable relations."""
        figures = self._figures
        if figures is not None:
            return Decimal(sum(figures[0]) - sum(figures[1]))  # the same Decimal as the sums of the cells' values
        return sum((v.number for v in self.left), Decimal(0)) - sum((v.number for v in self.right), Decimal(0))

    @property
    def cell_ids(self) -> set[str]:
        return {*self.left_ids, *self.right_ids}

    def weight(self, cell_id: str) -> int:
        """How changing the cell by +1 changes ``diff`` (+1 on the left, −1 on the right)."""
        return self.left_ids.count(cell_id) - self.right_ids.count(cell_id)


def _relations(ctx, rules) -> list[_Relation]:
    """The relations of ``rules`` on this report: the same for each diagnosis rule that
    names the same relations, so built once per report (the list is only read)."""
    return ctx.remember(("diagnosis relations", *(id(rule) for rule in rules)), lambda: _build_relations(ctx, rules))


def _build_relations(ctx, rules) -> list[_Relation]:
    return [
        _Relation(ctx, rule, left_ids, right_ids)
        for rule in rules
        for left_ids, right_ids in concrete_relations(rule.check, rule.params, ctx.format)
    ]


def _may_fail(ctx, rules) -> bool:
    """False when every relation of ``rules`` that can be evaluated holds as an equation
    (``_failing`` would be empty), decided on the report's plain integer figures
    (Context.integers); True when one fails or a figure is not a plain integer. Once per
    report and set of rules, as ``_relations``."""
    def decide() -> bool:
        integers = ctx.integers()
        for rule in rules:
            if rule.check in EQUATIONS:  # the rule's own run has decided it (unless it did not run)
                decided = ctx.recall(may_fail_as_equations(rule))
                if decided is not None:
                    if decided:
                        return True
                    continue
            for left_ids, right_ids in concrete_relations(rule.check, rule.params, ctx.format):
                try:
                    left, right = [integers[i] for i in left_ids], [integers[i] for i in right_ids]
                except KeyError:
                    return True  # a fraction, an amount with its unit, a noted figure: the exact route decides
                if None in left or None in right:
                    continue  # not evaluable: never failing
                if sum(left) != sum(right):
                    return True
        return False

    return ctx.remember(("diagnosis may fail", *(id(rule) for rule in rules)), decide)


def _failing(relations: list[_Relation]) -> list[_Relation]:
    return [r for r in relations if r.evaluable and r.diff != 0]


class CellDiagnosis:
    # run by the engine's diagnosis stage, after the relations' own rules
    stage = "diagnosis"
    params_schema = {
        "type": "object",
        "properties": {
            "pattern": {"enum": list(PATTERNS)},
            "relations": {"type": "array", "minItems": 1, "items": {"type": "string", "x-rule-code": True, "x-rule-kinds": list(RELATION_KINDS)}},
            # swapped_columns: the rule "总计 = the sum of the applicant columns" of each row
            "row_sums": {"type": "string", "x-rule-code": True, "x-rule-kinds": ["sum"]},
        },
        "required": ["pattern", "relations"],
        "if": {"properties": {"pattern": {"const": "swapped_columns"}}},
        "then": {"required": ["row_sums"]},
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        from golocheck.catalogue import load_catalogue

        catalogue = load_catalogue()
        named, row_sums = once("diagnosis rules", (rule, catalogue, ctx.format), lambda: _named_rules(rule, catalogue, ctx.format))
        if not _may_fail(ctx, named):
            return  # decided on the plain integers, without building the relations
        relations = _relations(ctx, named)
        if not _failing(relations):
            return
        pattern = rule.params["pattern"]
        if pattern == "shared_cell":
            yield from _shared_cell(relations)
        elif pattern == "swapped_columns":
            if row_sums is not None:  # without the row sums nothing confirms a swap
                yield from _swapped_columns(relations, _relations(ctx, [row_sums]))
        else:
            yield from _split_number(_failing(relations))


def _named_rules(rule, catalogue, fmt) -> tuple[list, object]:
    """The relation rules a diagnosis rule names that apply to the format, and its row-sum
    rule (None when it names none or that one does not apply)."""
    def applicable(code):
        return code in catalogue and catalogue[code].applies_to(fmt.id)

    row_sums = rule.params.get("row_sums")
    return ([catalogue[c] for c in rule.params["relations"] if applicable(c)],
            catalogue[row_sums] if row_sums is not None and applicable(row_sums) else None)


# -- shared_cell ---------------------------------------------------------------------


def _shared_cell(relations: list[_Relation]):
    failures = _failing(relations)
    if len(failures) < 2:  # one failing relation: any of its cells would explain it
        return
    candidates = set.intersection(*(f.cell_ids for f in failures))
    explained = [(cell_id, fix) for cell_id in sorted(candidates) if (fix := _single_fix(cell_id, relations, failures)) is not None]
    if len(explained) != 1:  # none, or several cells equally able: no honest culprit
        return
    cell_id, fix = explained[0]
    value = next(v for v in (*failures[0].left, *failures[0].right) if v.cell.id == cell_id)
    yield Finding(
        value.cell.pointer,
        {"label": value.cell.short, "value": number_text(value.number), "count": len(failures),
         "relations": "、".join(sorted({f.rule.code for f in failures})), "fix": number_text(fix)},
        label=value.cell.label,
    )


def _single_fix(cell_id: str, relations: list[_Relation], failures: list[_Relation]) -> Decimal | None:
    """The one value of ``cell_id`` that makes every failing relation hold without breaking
    one that holds now, else None."""
    value = next(v for v in (*failures[0].left, *failures[0].right) if v.cell.id == cell_id)
    deltas = set()
    for failure in failures:
        weight = failure.weight(cell_id)
        if weight == 0:
            return None
        deltas.add(-failure.diff / weight)
    if len(deltas) != 1:  # the failures disagree on what the cell should be
        return None
    delta = deltas.pop()
    fix = value.number + delta
    if fix < 0 and value.cell.kind != "signed_count":  # a negative count explains nothing
        return None
    for relation in relations:
        if relation.evaluable and cell_id in relation.cell_ids and relation.diff + relation.weight(cell_id) * delta != 0:
            return None
    return fix


# -- swapped_columns -------------------------------------------------------------------


def _swapped_columns(relations: list[_Relation], row_sums: list[_Relation]):
    """Per rule: two failing applicant-column relations, +n and −n, each the other's only
    partner, with every row sum they touch holding."""
    applicant_cells = {i for r in row_sums for i in r.right_ids}  # the parts; the totals are the 总计 column
    by_rule = defaultdict(list)
    for failure in _failing(relations):
        if failure.cell_ids <= applicant_cells:
            by_rule[failure.rule.code].append(failure)
    for code, failures in by_rule.items():
        partners = Counter()
        pairs = []
        for i, first in enumerate(failures):
            for second in failures[i + 1:]:
                if second.diff == -first.diff:
                    pairs.append((first, second))
                    partners[id(first)] += 1
                    partners[id(second)] += 1
        for first, second in pairs:
            if partners[id(first)] != 1 or partners[id(second)] != 1:  # ambiguous: which column got whose figures?
                continue
            touched = first.cell_ids | second.cell_ids
            rows = [r for r in row_sums if r.cell_ids & touched]
            if not all(r.evaluable and r.diff == 0 for r in rows):  # a wrong 总计 is another error, not a swap
                continue
            a, b = first.left[0].cell, second.left[0].cell
            yield Finding(
                a.pointer,
                {"relation": code, "first": a.short, "second": b.short, "plus": number_text(abs(first.diff)),
                 "first_diff": number_text(first.diff), "second_diff": number_text(second.diff)},
                label=a.label,
                related=(Location(b.pointer, b.label),),
            )


# -- split_number ------------------------------------------------------------------------


def _split_number(failures: list[_Relation]):
    for relation in failures:
        left, right = relation.left, relation.right
        if relation.rule.check != "sum" or len(left) != 1:
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
