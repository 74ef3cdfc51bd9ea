"""Check kinds of the narrative rules (N0xx): the report's prose against its tables and
against itself, and text left over from elsewhere.

The work is in golocheck.narrative, imported inside run(): a run that ignores the
narrative group never loads it. params_schema only gives the shape of params (it is checked on
every start-up); the patterns and the phrase catalogue are checked by the tests.

A finding points at the text value (/preamble, /sections/N/text or /metadata/title);
its args carry the sentence with the figure marked 【…】 (quote), the character offset
into the value (offset, 0-based; position, 1-based) and the heading (where). A
contradiction with the table lists the cells in related, so both places are shown.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from golocheck.checks.arithmetic import number_text
from golocheck.checks.paramtypes import NO_PARAMS, REGEX as _REGEX, TEXT
from golocheck.precompiled import compile as compile_pattern
from golocheck.diagnostics import Finding, Location, Text

_BOUND_NOTE = {
    "gt": ("大于", "more than"), "ge": ("不少于", "at least"), "lt": ("小于", "less than"),
    "le": ("不超过", "at most"), "about": ("约", "about"),
}


# Compiled patterns of the rules' params, by rule code and parameter: compiled once per
# process (the re module's own cache is too small for all the narrative patterns).
_PATTERNS: dict[tuple[str, str], object] = {}


def _compiled(rule, param: str = "patterns") -> list[tuple[re.Pattern, Text]]:
    """params[param] as (pattern, description) pairs, each leading choice its own pattern."""
    key = (str(rule.source), param)
    if key not in _PATTERNS:
        from golocheck.narrative.phrases import expanded

        from golocheck.narrative.lazyre import lazy

        # compiled when a text could match (narrative.lazyre)
        _PATTERNS[key] = [(lazy(p), Text.of(s.get("what", ""))) for s in rule.params[param] for p in expanded(s["regex"])]
    return _PATTERNS[key]


def _regex(rule, param: str) -> re.Pattern:
    key = (str(rule.source), param)
    if key not in _PATTERNS:
        _PATTERNS[key] = compile_pattern(rule.params[param])
    return _PATTERNS[key]


_PATTERN_LIST = {
    "type": "array",
    "minItems": 1,
    "items": {"type": "object", "properties": {"regex": _REGEX, "what": TEXT}, "required": ["regex"], "additionalProperties": False},
}


def _doc(ctx):
    from golocheck.narrative.document import document

    return document(ctx)


def _finding(block, start, end, args=None, related=()) -> Finding:
    return Finding(block.pointer, {**block.where(start, end), **(args or {})}, label=block.label, related=tuple(related))


def _place(block, start, end) -> Location:
    """Another place in the text, labelled with its quoted sentence."""
    where = block.where(start, end)
    return Location(block.pointer, Text(where["quote"], where["quote"]))


def _cells_text(values) -> Text:
    return Text(" + ".join(f"{v.cell.short.zh} {number_text(v.number)}" for v in values),
                " + ".join(f"{v.cell.short.en} {number_text(v.number)}" for v in values))


class TableFigures:
    """N001: a figure the phrase catalogue maps to cells lies outside every reading, a blank
    cell counting as any number ≥ 0 (checks.bounds). The three outcomes of one judgement
    (_judged_mentions) are three kinds, so that each rule's logic is all code."""

    params_schema = NO_PARAMS
    OUTCOME = "contradiction"

    @classmethod
    def run(cls, ctx, rule):
        for mention, outcome, args, related in _judged_mentions(ctx):
            if outcome == cls.OUTCOME:
                yield _finding(mention.block, mention.quantity.start, mention.quantity.end, args, related)


class BlankDependentFigures(TableFigures):
    """N016: the figure agrees only with a reading whose blank cells would hold the difference."""

    OUTCOME = "blank_dependent"


class CategoryFigures(TableFigures):
    """N051: a category count (政策规范性文件类信息 N 条) below the least the row can hold: a
    contradiction only if the category holds every document of the row, which a catalogue
    that files some under a subject category does not (a warning)."""

    OUTCOME = "category_short"


class LooseFigures(TableFigures):
    """N018: the figure agrees only with a loose reading (共受理 749 件 = 新收 713 + 上年结转 36).
    One defect, one finding: the figures of one sentence read so (共受理 749 件，其中自然人申请
    741 件: both count the carried-over requests) are one finding at the first, naming all."""

    OUTCOME = "loose"

    @classmethod
    def run(cls, ctx, rule):
        by_sentence: dict[tuple, list] = {}
        for mention, outcome, args, related in _judged_mentions(ctx):
            if outcome == cls.OUTCOME:
                key = (mention.block.pointer, mention.block.sentence(mention.quantity.start)[0])
                by_sentence.setdefault(key, []).append((mention, args, related))
        for group in by_sentence.values():
            mention, args, related = group[0]
            if len(group) > 1:
                args = {**args, "figure": "、".join(a["figure"] for _, a, _ in group),
                        "readings": Text("；".join(f"{a['figure']}：{a['readings'].zh}" for _, a, _ in group),
                                         "; ".join(f"{a['figure']}: {a['readings'].en}" for _, a, _ in group)),
                        "note": _joined(a["note"] for _, a, _ in group), "why": _joined(a["why"] for _, a, _ in group)}
                seen = set()
                related = [r for _, _, rel in group for r in rel if not (r.pointer in seen or seen.add(r.pointer))]
            yield _finding(mention.block, mention.quantity.start, mention.quantity.end, args, related)


def _joined(texts) -> Text:
    """Distinct texts in order, joined (the notes of figures merged into one finding)."""
    zh, en = [], []
    for t in texts:
        if t.zh not in zh:
            zh.append(t.zh)
            en.append(t.en)
    return Text("；".join(z for z in zh if z), "; ".join(e for e in en if e))


def _agrees(q, r, subunit: bool, category: bool, least, most) -> bool:
    """Whether a quoted figure can be a value of the range (a part of it, for a sub-unit; a
    category that includes it, for a category count). ``least``, ``most``: the least and
    greatest values the figure allows (narrative.figures lower, narrative.parts upper),
    worked out once per figure."""
    if subunit:
        return r.high is None or least <= r.high
    if category:
        return most is None or most >= r.low
    if r.exact:
        return q.admits(r.low)
    return (r.high is None or least <= r.high) and (most is None or most >= r.low)


def _proven(r, category: bool, least) -> bool:
    """Whether an agreeing figure agrees whatever the blank cells hold: the reading is known
    exactly (an approximate figure is given the benefit of its range, as for N001), or (a
    category count) the figure (at least ``least``) is at least the most the reading can be."""
    if category and not r.exact:
        return r.high is not None and least >= r.high
    return r.exact


def _reading_text(ctx, cell_ids, r) -> Text:
    parts_zh, parts_en = [], []
    for c in cell_ids:
        v = ctx.cell(c)
        shown = number_text(v.number) if v.usable else None
        parts_zh.append(f"{v.cell.short.zh} {shown if shown is not None else '空白'}")
        parts_en.append(f"{v.cell.short.en} {shown if shown is not None else 'blank'}")
    zh, en = " + ".join(parts_zh), " + ".join(parts_en)
    if len(cell_ids) > 1 or not r.exact or r.blanks:
        value = r.text()
        if r.blanks and len(cell_ids) == 1:
            zh, en = f"{zh}（可取 {value.zh}）", f"{en} (can be {value.en})"
        else:
            zh, en = f"{zh} = {value.zh}", f"{en} = {value.en}"
    return Text(zh, en)


def _judged_mentions(ctx):
    """(mention, outcome, message args, related) for every figure that needs a word, computed
    once per report for the three rules that share it."""
    key = "judged_mentions"
    doc = _doc(ctx)
    if key in doc.cache:
        return doc.cache[key]
    from golocheck.checks.bounds import blanks_text, reading_range
    from golocheck.narrative.figures import lower, scaled, table_mentions
    from golocheck.narrative.parts import upper

    judged = []
    report_year = ctx.report_year()
    for mention in table_mentions(doc, ctx.format.id):
        if mention.of_another_period(report_year):
            continue  # 梳理历年印发的…90份: a count of other years than the report's (phrase catalogue other_period)
        strict, loose = mention.readings(ctx.format.id)
        ranged = [(ids, r, is_loose) for ids, is_loose in [*((i, False) for i in strict), *((i, True) for i in loose)]
                  if (r := reading_range(ctx, ids)) is not None]
        # a wholly blank reading (no filled cell, no bound) admits any figure: nothing can be
        # concluded, neither a contradiction nor a doubt (V004 reports the blanks)
        if not ranged or any(r.blanks and not r.informative for _, r, _ in ranged):
            continue
        q = scaled(mention.quantity, ctx.cell(ranged[0][0][0]).cell.unit)
        category = mention.phrase.category
        least, most = lower(q), upper(q)
        agreeing = [(ids, r, is_loose) for ids, r, is_loose in ranged if _agrees(q, r, mention.subunit, category, least, most)]
        # agreement is proven when the reading is known exactly (a blank 总计 with every column
        # filled), or a category count is at least the reading's maximum
        if any(_proven(r, category, least) and not is_loose for _, r, is_loose in agreeing):
            continue
        related, seen = [], set()
        for ids, _, _ in (agreeing or ranged):
            for c in ids:
                v = ctx.cell(c)
                if v.cell.pointer not in seen:
                    seen.add(v.cell.pointer)
                    related.append(Location(v.cell.pointer, v.cell.label))
        strict_agreeing = [a for a in agreeing if not a[2]]
        if strict_agreeing:
            outcome, shown_readings = "blank_dependent", strict_agreeing
        elif agreeing:
            stated = mention.phrase.loose_stated
            if stated is not None and stated.search(mention.block.text, *mention.block.sentence(mention.quantity.start)):
                continue  # the sentence says the figure includes them
            outcome, shown_readings = "loose", [*[a for a in ranged if not a[2]], *agreeing]
        else:
            outcome, shown_readings = ("category_short" if category else "contradiction"), ranged
        texts = [_reading_text(ctx, ids, r) for ids, r, _ in shown_readings]
        shown = Text("；或 ".join(t.zh for t in texts), "; or ".join(t.en for t in texts))
        note = Text("", "")
        if mention.subunit:
            note = Text("（该句是下属单位或部分的数，不应大于表中数）", " (the sentence counts part of the issuer: it cannot exceed the table)")
        elif q.bound != "exact":
            zh, en = _BOUND_NOTE[q.bound]
            note = Text(f"（“{q.approx}”表示{zh} {number_text(q.value)}）", f" (“{q.approx}” means {en} {number_text(q.value)})")
        blanks = [b for _, r, _ in shown_readings for b in r.blanks]
        if blanks:
            names = blanks_text(blanks)
            note = Text(f"{note.zh}（空白单元格 {names.zh} 按未知的非负数计）", f"{note.en} (blank cells {names.en} read as unknown counts ≥ 0)")
        args = {"figure": mention.figure, "readings": shown, "note": note}
        if outcome == "loose":
            why = mention.phrase.loose_note or Text("", "")
            args["why"] = why
        judged.append((mention, outcome, args, related))
    doc.cache[key] = judged
    return judged


class RepeatedCount:
    """N005: a subject of the catalogue counted twice with two different exact values."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.figures import subject_mentions, unit_class

        first: dict[str, object] = {}
        for m in subject_mentions(_doc(ctx)):
            if m.subunit or m.quantity.bound != "exact":
                continue
            earlier = first.setdefault(m.phrase.id, m)
            if earlier is m or (earlier.quantity.value == m.quantity.value and unit_class(earlier.quantity.unit) == unit_class(m.quantity.unit)):
                continue
            yield _finding(m.block, m.quantity.start, m.quantity.end,
                           {"subject": m.phrase.name, "first": earlier.figure, "second": m.figure,
                            "first_quote": earlier.block.where(earlier.quantity.start, earlier.quantity.end)["quote"]},
                           [_place(earlier.block, earlier.quantity.start, earlier.quantity.end)])


class Statements:
    """N006: a sentence says counts are zero (未收到…申请, 均获维持, 所有申请均已办结…) and a
    cell is proven positive — filled, or blank but bounded away from zero by the relations."""

    params_schema = NO_PARAMS
    OUTCOME = "contradiction"

    @classmethod
    def run(cls, ctx, rule):
        from golocheck.checks.bounds import blanks_text

        for statement, cell_ids, matches, ranges in _made_statements(ctx):
            positive = [(c, r) for c, r in ranges if r.low > 0]
            open_ = [(c, r) for c, r in ranges if r.blanks and r.low == 0 and (r.high is None or r.high > 0)]
            if cls.OUTCOME == "contradiction":
                if not positive:
                    continue
                cells = _ranges_text(ctx, positive)
                related = [Location(ctx.cell(c).cell.pointer, ctx.cell(c).cell.label) for c, _ in positive]
                args = {"cells": cells}
            else:
                # a table left wholly blank says nothing (V004 reports the blanks)
                if positive or not open_ or not _table_filled(ctx, cell_ids[0]):
                    continue
                args = {"blanks": blanks_text([b for _, r in open_ for b in r.blanks])}
                related = [Location(ctx.cell(c).cell.pointer, ctx.cell(c).cell.label) for c, _ in open_]
            for block, start, end in matches:
                yield _finding(block, start, end, {"says": statement.says, **args}, related)


def _made_statements(ctx) -> list:
    """(statement, its cell ids, the places the text makes it, the cells' ranges) for each
    statement of the catalogue the text makes, in catalogue order: worked out once per report
    for N006 and N017, which judge the same places against the same cells."""
    def compute():
        from golocheck.checks.bounds import cell_range
        from golocheck.narrative.phrases import load

        doc = _doc(ctx)
        made = []
        for statement in load().statements:
            cell_ids = statement.cells.get(ctx.format.id)
            if not cell_ids:
                continue
            matches = statement_matches(doc, statement)
            if not matches:
                continue  # cells are looked up only for statements the text makes
            made.append((statement, cell_ids, matches, [(c, r) for c in cell_ids if (r := cell_range(ctx, c)) is not None]))
        return made

    return ctx.remember("narrative statements made", compute)


class BlankDependentStatements(Statements):
    """N017: no cell contradicts the statement, but a blank one could be positive."""

    OUTCOME = "blank_dependent"


def _table_filled(ctx, cell_id: str) -> bool:
    prefix = "/".join(ctx.cell(cell_id).cell.pointer.split("/")[:3]) + "/"
    return any(v.usable for v in ctx.cells() if v.cell.pointer.startswith(prefix))


def _ranges_text(ctx, found) -> Text:
    zh, en = [], []
    for c, r in found:
        v = ctx.cell(c)
        if v.usable:
            zh.append(f"{v.cell.short.zh} {number_text(v.number)}")
            en.append(f"{v.cell.short.en} {number_text(v.number)}")
        else:
            zh.append(f"{v.cell.short.zh} 空白，但按表中其他数至少为 {number_text(r.low)}")
            en.append(f"{v.cell.short.en} blank, but at least {number_text(r.low)} by the other cells")
    return Text("、".join(zh), ", ".join(en))


@cache
def _counted() -> re.Pattern:
    """A count of cases (3 件), compiled when a statement with a subject is first looked for."""
    return re.compile(r"[0-9０-９零〇一二两三四五六七八九十百]+\s*件")


def statement_matches(doc, statement) -> list:
    """(block, start, end) of each place the text makes the statement: a pattern's match, or
    the predicate with the statement's subject named before it in its sentence (and after
    any earlier predicate: 行政复议 3 件均获维持，行政诉讼 2 件… says nothing of the lawsuits)."""
    found = [(block, m.start() - offset, m.end() - offset) for pattern in statement.patterns
             for block, offset, m in doc.scan(pattern)]
    if statement.subject is not None:
        for pattern in statement.predicate:
            for block, offset, m in doc.scan(pattern):
                start, end = m.start() - offset, m.end() - offset
                s_start = max(block.sentence(start)[0], block.text.rfind("；", 0, start) + 1, block.text.rfind(";", 0, start) + 1)
                floor = max([s_start, *(e for p in statement.predicate for x in p.finditer(block.text, s_start, start)
                                        if (e := x.end()) <= start)])
                clause = block.clause_start(start)
                if _counted().search(block.text, max(clause, floor), start):
                    floor = max(clause, floor)  # 行政诉讼 2 件均获维持: said of its own clause's subject only
                if statement.subject.search(block.text, floor, start):
                    found.append((block, start, end))
    return sorted(set(found), key=lambda f: (f[0].pointer, f[1]))


class Parts:
    """N002 (params.mode: exceeds) parts add up to more than their whole;
    N003 (mode: complete) a list with an 其他 item does not add up to its whole;
    N042 (mode: claimed) a list introduced by 分别为 (without an 其他 item) adds up to less."""

    params_schema = {"type": "object", "properties": {"mode": {"enum": ["exceeds", "complete", "claimed"]}}, "required": ["mode"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.parts import decompositions, upper

        for d in decompositions(_doc(ctx)):
            low = d.parts_low()
            whole_max = upper(d.whole)
            if rule.params["mode"] == "exceeds":
                if whole_max is None or low <= whole_max:
                    continue
            else:
                exact = d.whole.bound == "exact" and all(q.bound == "exact" for q, _ in d.parts)
                # an 其他 item makes the list complete (N003); 分别为 only claims it (N042, a doubt)
                complete = d.complete() if rule.params["mode"] == "complete" else (d.claims_all() and not d.complete())
                if not (exact and complete and low < d.whole.value):
                    continue
            unit = d.whole.unit or ""
            expr = " + ".join(d.block.text[q.start:q.end].strip() for q, _ in d.parts)
            yield _finding(d.block, d.whole.start, d.whole.end,
                           {"whole": d.block.text[d.whole.start:d.whole.end].strip(), "parts_expr": expr,
                            "parts_sum": f"{number_text(low)}{unit}", "difference": f"{number_text(abs(d.whole.value - low))}{unit}"},
                           [_place(d.block, q.start, q.end) for q, _ in d.parts[-1:]])


# How the base of a percentage was found: a reader's reading, said in the message.
_BASE_HOW = {
    "list": Text("所在列举的总数", "the whole of its list"),
    "named": Text("句中所说的总数", "the base the sentence names"),
    "earlier_list": Text("同段此前同单位列举的总数", "the whole of an earlier list in the paragraph"),
    "earlier_total": Text("同段此前的总数", "a total given earlier in the paragraph"),
}


def _base_note(wholes, used=None) -> Text:
    """The bases a percentage was read against: the one it fits (``used``, N019), or all of
    them, none fitting (N004). Nothing when the only base is the count's own list."""
    if len(wholes) == 1 and wholes[0][1] == "list":
        return Text("", "")
    if used is not None:
        whole, how = used
        return Text(f"（基数 {number_text(whole.value)} 是{_BASE_HOW[how].zh}）", f" (the base {number_text(whole.value)} is {_BASE_HOW[how].en})")
    zh = "、".join(f"{number_text(w.value)}（{_BASE_HOW[how].zh}）" for w, how in wholes)
    en = ", ".join(f"{number_text(w.value)} ({_BASE_HOW[how].en})" for w, how in wholes)
    if len(wholes) == 1:
        return Text(f"（基数是{zh}）", f" (the base: {en})")
    return Text(f"（试过的基数 {zh} 无一相符）", f" (bases tried, none fits: {en})")


class Percentages:
    """N004: "N件（P%）" where P is not N over any candidate whole within the rounding shown,
    nor cut off from it (every reading of the base is tried before a contradiction)."""

    params_schema = NO_PARAMS
    TRUNCATED = False

    @classmethod
    def run(cls, ctx, rule):
        from golocheck.narrative.parts import percentages

        for block, count, percent, wholes in percentages(_doc(ctx)):
            written = block.text[percent.num_start:percent.num_end]
            decimals = len(written.split(".")[1]) if "." in written else 0
            step = Decimal(1) / Decimal(10) ** decimals
            tolerance = step / 2
            actuals = [(candidate, count.value * 100 / candidate[0].value) for candidate in wholes]
            if any(abs(actual - percent.value) <= tolerance for _, actual in actuals):
                continue
            truncated = [(c, a) for c, a in actuals if (a / step).to_integral_value(rounding="ROUND_FLOOR") * step == percent.value]
            if cls.TRUNCATED != bool(truncated):
                continue
            (whole, how), actual = (truncated or actuals)[0]
            shown = actual.quantize(Decimal(1) / Decimal(10) ** (decimals + 1))
            base = _base_note(wholes, (whole, how) if truncated else None)
            yield _finding(block, percent.start, percent.end,
                           {"count": number_text(count.value), "whole": number_text(whole.value), "actual": str(shown),
                            "percent": block.text[percent.start:percent.end].strip(),
                            "rounded": str(actual.quantize(step)), "base": base},
                           [_place(block, w.start, w.end) for w, _ in ([(whole, how)] if truncated else wholes)])


class TruncatedPercentages(Percentages):
    """N019: P is N over a whole cut off instead of rounded (12.71% for 12.716%), and no
    reading of the base gives it rounded."""

    TRUNCATED = True


class StackedApproximations:
    """N007: two approximation words on one figure (超过 5332 余条)."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import stacked_approximations

        for block, q in stacked_approximations(_doc(ctx)):
            words = q.approx.split("…")
            yield _finding(block, q.start, q.end, {"figure": block.text[q.start:q.end].strip(),
                                                   "words": Text("”和“".join(words), "” and “".join(words))})


class Patterns:
    """N008, N009, N014: any match of params.patterns ({regex, what}). With
    params.per_block, one finding per text value giving the count (style notes)."""

    params_schema = {"type": "object", "properties": {"patterns": _PATTERN_LIST, "per_block": {"type": "boolean"}}, "required": ["patterns"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import hits

        patterns = _compiled(rule)
        found = _without_overlaps(sorted(((block, *_marked(m, offset), what) for block, offset, m, what in hits(_doc(ctx), patterns)),
                                         key=lambda f: (f[0].pointer != "/metadata/title", f[0].pointer, f[1], -f[2])))
        if not rule.params.get("per_block"):
            for block, start, end, what in found:
                yield _finding(block, start, end, {"found": block.text[start:end], "what": what})
            return
        grouped: dict[str, list] = {}
        for block, start, end, _ in found:
            grouped.setdefault(block.pointer, []).append((block, start, end))
        for places in grouped.values():
            block, start, end = places[0]
            yield _finding(block, start, end, {"found": block.text[start:end].strip(), "count": len(places)})


def _without_overlaps(found: list) -> list:
    """(block, start, end, …) sorted by place: a match inside an earlier one is the same text
    found by another pattern (（待填写） and 待填写)."""
    kept: list = []
    for item in found:
        if kept and kept[-1][0] is item[0] and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


def _marked(m: re.Match, offset: int = 0) -> tuple[int, int]:
    """The span to mark, in the block: the group ``found`` when the pattern has one (the
    comma of 四楼,邮编, not the character the pattern needs before it)."""
    start, end = m.span("found") if "found" in m.re.groupindex else m.span()
    return start - offset, end - offset


class Years:
    """N010: a year in the title, the stated period, a plan or the report's name for itself
    that does not fit the report year (params.title, params.period, params.plan,
    params.report_name: patterns with a ``year`` group). A report name (某县2023年度政府信息公开
    工作年度报告) is this report's only in a sentence that says so: params.this_report_before
    (现将…, 编制完成…, 特发布…, ending where the name starts) or params.this_report_after
    (…向社会公布, …如下, starting where it ends); any other mention may name another report."""

    params_schema = {"type": "object",
                     "properties": {"title": _REGEX, "period": _REGEX, "plan": _REGEX, "report_name": _REGEX,
                                    "this_report_before": _REGEX, "this_report_after": _REGEX},
                     "required": ["title", "period", "plan", "report_name", "this_report_before", "this_report_after"],
                     "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        year = ctx.report_year()
        if year is None:
            return
        doc = _doc(ctx)
        title, period, plan = _regex(rule, "title"), _regex(rule, "period"), _regex(rule, "plan")
        checks = [(title, Text("标题中的年度", "the year in the title"), lambda y: y == year, True),
                  (period, Text("统计期限", "the statistics period"), lambda y: y == year, False),
                  (plan, Text("改进计划", "the plan for next year"), lambda y: y > year, False)]
        from golocheck.narrative.leftovers import text_blocks

        names = _regex(rule, "report_name"), _regex(rule, "this_report_before"), _regex(rule, "this_report_after")
        for block in text_blocks(doc):
            for pattern, what, fits, title_only in checks:
                if title_only != (block.pointer == "/metadata/title"):
                    continue
                for m in pattern.finditer(block.text):
                    for name in ("year", "end_year"):
                        value = m.groupdict().get(name)
                        if value and not fits(int(value)):
                            yield _finding(block, m.start(name), m.end(name),
                                           {"what": what, "year": value, "report_year": year})
                            break
            if block.pointer != "/metadata/title":
                yield from Years._report_names(block, year, names)

    @staticmethod
    def _report_names(block, year, patterns):
        """The report's name for itself with another year (编制完成2023年度…年度报告 in a 2022 report)."""
        name, before, after = patterns
        what = Text("报告自称的名称中的年度", "the year in the report's name for itself")
        for m in name.finditer(block.text):
            if int(m.group("year")) == year:
                continue
            s_start, s_end = block.sentence(m.start())
            if before.search(block.text, s_start, m.start()) or after.match(block.text, m.end(), s_end):
                yield _finding(block, m.start("year"), m.end("year"), {"what": what, "year": m.group("year"), "report_year": year})


class OtherRegion:
    """N011: 我市 / 全县 / 本区… naming a level the issuer's region does not have."""

    params_schema = {"type": "object", "properties": {"pattern": _REGEX}, "required": ["pattern"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import other_levels

        # names are texts; anything else in these fields is a structure error (F007) already
        region, issuer = (value if isinstance(value := ctx.meta(key), str) else "" for key in ("region", "issuer"))
        for block, start, end, found in other_levels(_doc(ctx), _regex(rule, "pattern"), region, issuer):
            yield _finding(block, start, end, {"found": found, "region": region or issuer})


class ParentLevel:
    """N030: 我市 / 本市… in the report of a body below that level (a county's 我市)."""

    params_schema = {"type": "object", "properties": {"pattern": _REGEX}, "required": ["pattern"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import parent_levels

        region, issuer = (value if isinstance(value := ctx.meta(key), str) else "" for key in ("region", "issuer"))
        for block, start, end, found, own in parent_levels(_doc(ctx), _regex(rule, "pattern"), region, issuer):
            yield _finding(block, start, end, {"found": found, "region": region or issuer, "own": own})


class IssuerName:
    """N012: the text names its author (本报告由…编制, 请与…联系, the title, the signature)
    with a place name that is neither in the issuer's name nor in its region."""

    params_schema = {"type": "object", "properties": {"patterns": _PATTERN_LIST, "place": _REGEX}, "required": ["patterns", "place"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import foreign_places, hits

        # names are texts; anything else in these fields is a structure error (F007) already
        region, issuer = (value if isinstance(value := ctx.meta(key), str) else "" for key in ("region", "issuer"))
        if not issuer:
            return
        place = _regex(rule, "place")
        found = sorted(((block, m.start("name") - offset, m.end("name") - offset, m["name"])
                        for block, offset, m, _ in hits(_doc(ctx), _compiled(rule), shared=True)),
                       key=lambda f: (f[0].pointer != "/metadata/title", f[0].pointer, f[1]))
        own = "".join(issuer.split())
        for block, start, end, name in found:
            # "淮安市洪泽区人民政府办公室" for the issuer 洪泽区人民政府: the places before the
            # issuer's own name are the regions it lies in (the report need not print its
            # region), not another body's — only what follows the name is checked
            at = name.find(own)
            checked = name[at + len(own):] if at >= 0 else name
            missing = foreign_places(checked, place, region + issuer)
            if missing:
                yield _finding(block, start, end, {"name": name, "places": "、".join(missing), "issuer": issuer})


class SignatureBody:
    """N045: the signature (落款) names another body than the issuer, in the issuer's own
    places (某县统计局's report signed 某县财政局): N012 compares only place names, so it
    cannot see this. Names that hold one another (统计局 / 某县统计局, 某县人民政府 /
    某县人民政府办公室) are one body; a signature with a foreign place name is N012's."""

    params_schema = {"type": "object", "properties": {"patterns": _PATTERN_LIST, "place": _REGEX}, "required": ["patterns", "place"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import foreign_places, hits

        region, issuer = (value if isinstance(value := ctx.meta(key), str) else "" for key in ("region", "issuer"))
        own = "".join(issuer.split())
        if not own:
            return
        place = _regex(rule, "place")
        for block, offset, m, _ in hits(_doc(ctx), _compiled(rule), with_title=False, shared=True):
            name = "".join(m["name"].split())
            if one_body(name, own) or foreign_places(name, place, region + issuer):
                continue
            if _body(name, place) == _body(own, place):
                continue  # the same office under a fuller or shorter place name
            yield _finding(block, m.start("name") - offset, m.end("name") - offset, {"name": m["name"], "issuer": issuer})


def one_body(one: str, other: str) -> bool:
    """Whether two names may name one body: the shorter one's characters stand in the longer
    one in order — it holds it (统计局 / 某县统计局, 某县人民政府办公室 signing for 某县人民政府) or
    abbreviates it (上海市科委 / 上海市科学技术委员会, 某县政府 / 某县人民政府). The importer reads
    a signature with the same test (importing.metadata._same_body)."""
    short, long = sorted((one, other), key=len)
    rest = iter(long)
    return all(c in rest for c in short)


def _body(name: str, place) -> str:
    """A body's name without the place names it opens with (某县财政局 -> 财政局)."""
    pos = 0
    while (m := place.match(name, pos)) is not None and m.end() < len(name):
        pos = m.end()
    return name[pos:]


class RepeatedText:
    """N013: a sentence that occurs twice (params.min_chars Han characters or more), or a
    phrase written twice in a row (params.doubled, params.min_han)."""

    params_schema = {
        "type": "object",
        "properties": {"min_chars": {"type": "integer", "minimum": 1}, "doubled": {"type": "array", "items": _REGEX}, "min_han": {"type": "integer", "minimum": 1}},
        "required": ["min_chars", "doubled", "min_han"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import doubled_phrases, repeated_sentences

        doc = _doc(ctx)
        for block, start, end, first, f_start, f_end in repeated_sentences(doc, rule.params["min_chars"]):
            yield _finding(block, start, end, {"what": Text("这句话在前文已出现过", "this sentence already appears earlier")},
                           [_place(first, f_start, f_end)])
        key = (str(rule.source), "doubled")
        patterns = _PATTERNS.get(key) or _PATTERNS.setdefault(key, [compile_pattern(p) for p in rule.params["doubled"]])
        for block, start, end, phrase in doubled_phrases(doc, patterns, rule.params["min_han"]):
            yield _finding(block, start, end, {"what": Text(f"“{phrase.strip()}”连写了两遍", f"“{phrase.strip()}” is written twice in a row")})


class MissingFigure:
    """N015: an item of a counted list with its measure word but no figure (资质条、施工许可证76条).
    params.pattern finds the measure word; the item is read back to the list separator."""

    params_schema = {
        "type": "object",
        "properties": {"pattern": _REGEX, "words": {"type": "array", "items": {"type": "string", "minLength": 1}}, "numerals": {"type": "string", "minLength": 1}},
        "required": ["pattern", "words", "numerals"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        from golocheck.narrative.leftovers import item_before

        pattern = _regex(rule, "pattern")
        words, numerals = tuple(rule.params["words"]), rule.params["numerals"]
        for block, offset, m in _doc(ctx).scan(pattern):
            end = m.end() - offset
            start = item_before(block.text, end - 1)
            item = block.text[start:end]
            if len(item) < 2 or item[-2] in numerals or item.endswith(words):
                continue
            yield _finding(block, start, end, {"item": item})
