"""Rules across two years of the same body's reports (``golocheck --previous LAST THIS``)."""

from __future__ import annotations

import re

from golocheck.checks.arithmetic import number_text
from golocheck.checks.cellrefs import bindings, subst
from golocheck.checks.paramtypes import CELL_ID, FOR_EACH, NO_PARAMS, SHARE, TABLE_ID
from golocheck.diagnostics import Finding, Location, Text

# Sentences for the repeated-text comparison: split at 。；！？ and line ends.
_SENTENCE = re.compile(r"[^。；！？\n]+")
_SPACE = re.compile(r"\s+")


def _years(ctx) -> tuple[int | None, int | None]:
    return ctx.report_year(), ctx.previous.report_year()


def consecutive(ctx) -> bool:
    this, last = _years(ctx)
    return this is not None and last is not None and last == this - 1


class PreviousYear:
    """The previous report must be the year before (else the cross-year rules are skipped, said once)."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        if ctx.previous is None or consecutive(ctx):
            return
        this, last = _years(ctx)
        yield Finding("/metadata/report_year", {"previous": ctx.previous.path, "last": last if last is not None else "?", "this": this if this is not None else "?"},
                      label=Text("报告年度", "report year"), related=(Location("/metadata/report_year", Text("上一年度报告的报告年度", "previous report's year"), file=ctx.previous.path),))


class CarriedOver:
    """params.this (row carried over from last year) = params.last (last year's row carried
    forward), for every column of params.table both reports have."""

    needs_year_before = True  # checks only against last year's report of the year before (pipeline.not_run)
    params_schema = {
        "type": "object",
        "properties": {"table": TABLE_ID, "this": {"type": "string", "x-row-of": "table"}, "last": {"type": "string", "x-row-of": "table"}},
        "required": ["table", "this", "last"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        if ctx.previous is None or not consecutive(ctx):
            return
        table, this_row, last_row = rule.params["table"], rule.params["this"], rule.params["last"]
        this_table, last_table = ctx.format.table(table), ctx.previous.format.table(table)
        if this_table is None or last_table is None:
            return
        last_columns = {col for col, _ in last_table.columns}
        for column, _ in this_table.columns:
            if column not in last_columns:
                continue
            current = ctx.cell(f"{table}.{this_row}.{column}")
            before = ctx.previous.cell(f"{table}.{last_row}.{column}")
            if not (current.usable and before.usable) or current.number == before.number:
                continue
            yield Finding(
                current.cell.pointer,
                {"this_label": current.cell.short, "this_value": number_text(current.number), "last_label": before.cell.short,
                 "last_value": number_text(before.number), "previous": ctx.previous.path, "last_year": ctx.previous.meta("report_year")},
                label=current.cell.label,
                related=(Location(before.cell.pointer, before.cell.label, file=ctx.previous.path),),
            )


class RunningTotal:
    """A running figure carried across years: this year's params.running = last year's
    params.running + this year's params.added (历年累计 = 上年历年累计 + 本年度), for each
    binding of params.for_each. Cells either report lacks or holds no number are not compared
    (their own rules say why); last year's report may be of another format: a cell it does
    not have is not compared."""

    needs_year_before = True  # checks only against last year's report of the year before (pipeline.not_run)
    params_schema = {
        "type": "object",
        "x-needs-formats": True,
        "properties": {"for_each": FOR_EACH, "running": CELL_ID, "added": CELL_ID},
        "required": ["running", "added"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        if ctx.previous is None or not consecutive(ctx):
            return
        last_cells = ctx.previous.format.cell_map
        for binding in bindings(rule.params.get("for_each"), ctx.format):
            running_id, added_id = subst(rule.params["running"], binding), subst(rule.params["added"], binding)
            if running_id not in last_cells:
                continue
            running, added, before = ctx.cell(running_id), ctx.cell(added_id), ctx.previous.cell(running_id)
            if not (running.usable and added.usable and before.usable):
                continue
            expected = before.number + added.number
            if running.number == expected:
                continue
            yield Finding(
                running.cell.pointer,
                {"running_label": running.cell.short, "running": number_text(running.number), "last_running": number_text(before.number),
                 "added_label": added.cell.short, "added": number_text(added.number), "expected": number_text(expected),
                 "difference": number_text(running.number - expected), "previous": ctx.previous.path, "last_year": ctx.previous.meta("report_year")},
                label=running.cell.label,
                related=(Location(before.cell.pointer, before.cell.label, file=ctx.previous.path), Location(added.cell.pointer, added.cell.label)),
            )


def _sentences(ctx) -> list[str]:
    texts = [ctx.data.get("preamble") if isinstance(ctx.data.get("preamble"), str) else ""]
    texts += [text for _, _, text in ctx.sections()]
    result = []
    for text in texts:
        for sentence in _SENTENCE.findall(text):
            squashed = _SPACE.sub("", sentence)
            if len(squashed) >= 12:  # short phrases ("无", headings) repeat legitimately
                result.append(squashed)
    return result


def _normalise_years(sentence: str, year: int | None) -> str:
    """Replace the report year (and the next) so that "2023年" and "2024年" compare equal."""
    if year is None:
        return sentence
    return sentence.replace(str(year + 1), "〈次年〉").replace(str(year), "〈本年〉")


class RepeatedNarrative:
    """Share of this year's narrative (by characters of sentences) found verbatim in last
    year's report, years normalised; a finding when it reaches params.threshold."""

    needs_year_before = True  # checks only against last year's report of the year before (pipeline.not_run)
    params_schema = {"type": "object", "properties": {"threshold": SHARE}, "required": ["threshold"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        if ctx.previous is None or not consecutive(ctx):
            return
        this_year, last_year = _years(ctx)
        current = [_normalise_years(s, this_year) for s in _sentences(ctx)]
        before = {_normalise_years(s, last_year) for s in _sentences(ctx.previous)}
        total = sum(len(s) for s in current)
        if not total:
            return
        repeated = sum(len(s) for s in current if s in before)
        share = repeated / total
        if share >= rule.params["threshold"]:
            yield Finding("/sections", {"share": f"{share:.0%}", "previous": ctx.previous.path, "last_year": last_year},
                          label=Text("报告正文", "report text"), related=(Location("/sections", Text("上一年度报告正文", "last year's text"), file=ctx.previous.path),))
