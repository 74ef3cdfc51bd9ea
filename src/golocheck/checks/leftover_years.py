"""N041: this year's statistics stated under the previous year — a year left from last
year's report ("2023年，在主动公开的61条政府信息中…" in a 2024 report).

Only a year that opens its sentence's time clause (params.head: "2023年，") in the parts
that report the year's figures (params.sections) and a sentence that states a count
(params.counted) are looked at. A past year can be legitimate — 与2023年相比, 截至2023
年底, 2022—2023年, 上年结转 — so the sentences that compare, accumulate or carry over
are set aside by params.exclude (data, each with what it stands for), and the finding is
a warning.

N043: a year left in the title of a notice the preamble cites as its basis (CitedNoticeYear).

N044: the preamble names the notice of another format than the report year's (FormatNotice).
"""

from __future__ import annotations


from golocheck.checks.paramtypes import REGEX, SECTION_ID, TEXT
from golocheck.checks.sections import locate_sections
from golocheck.precompiled import compile as compile_pattern

# params.exclude of both kinds: sentences set aside, each pattern with what it stands for
EXCLUSIONS = {"type": "array", "items": {"type": "object", "properties": {"regex": REGEX, "what": TEXT}, "required": ["regex", "what"], "additionalProperties": False}}

_PATTERNS: dict[tuple, object] = {}  # compiled patterns and their leads, by rule


def _compiled(rule, param: str) -> list:
    key = (str(rule.source), param)
    if key not in _PATTERNS:
        value = rule.params[param]
        _PATTERNS[key] = [compile_pattern(p["regex"]) for p in value] if isinstance(value, list) else [compile_pattern(value)]
    return _PATTERNS[key]


def _leads(rule, pattern) -> tuple[str, ...]:
    """The literals every match of a pattern opening with a lookbehind starts with (the year
    of (?<!…)(?P<year>(?:19|20)…): the engine would try it at every character), once per
    process; () for any other pattern."""
    key = (str(rule.source), "leads", pattern.pattern)
    if key not in _PATTERNS:
        from golocheck.narrative.document import LOOKAROUND_OPENINGS
        from golocheck.narrative.lazyre import leading_literals

        _PATTERNS[key] = leading_literals(pattern.pattern, pattern.flags) if pattern.pattern.startswith(LOOKAROUND_OPENINGS) else ()
    return _PATTERNS[key]


def _section_pointers(ctx, wanted: list[str]) -> set[str]:
    """The text pointers of the report's sections that belong to the wanted format sections:
    from a part's heading up to the next part placed (sub-parts printed as top-level
    headings belong to the part before them)."""
    starts = sorted((index, section_id) for section_id, (index, _) in locate_sections(ctx).items())
    pointers = set()
    for index, _, _ in ctx.sections():
        owner = next((section_id for start, section_id in reversed(starts) if start <= index), None)
        if owner in wanted:
            pointers.add(f"/sections/{index}/text")
    return pointers


def _preamble_blocks(ctx) -> list:
    """The text blocks of the preamble: where a report names the basis it is compiled under."""
    from golocheck.checks.narrative import _doc

    return [block for block in _doc(ctx).blocks if block.pointer == "/preamble"]


class PreviousYearStatistics:
    """A sentence of the year's parts whose time clause is the previous year and which states a count."""

    params_schema = {
        "type": "object",
        "properties": {
            "sections": {"type": "array", "minItems": 1, "items": SECTION_ID, "description": "the parts that report the year's figures"},
            "head": REGEX,
            "counted": REGEX,
            "exclude": {**EXCLUSIONS, "minItems": 1},
        },
        "required": ["sections", "head", "counted", "exclude"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        year = ctx.report_year()
        if year is None:
            return
        from golocheck.checks.narrative import _doc, _finding
        from golocheck.narrative.document import lead_matches

        pointers = _section_pointers(ctx, rule.params["sections"])
        (head,), (counted,) = _compiled(rule, "head"), _compiled(rule, "counted")
        leads = _leads(rule, head)
        excluded = _compiled(rule, "exclude")
        for block in _doc(ctx).blocks:
            if block.pointer not in pointers:
                continue
            for m in lead_matches(head, leads, block.text) if leads else head.finditer(block.text):
                if int(m.group("year")) != year - 1:
                    continue
                s_start, s_end = block.sentence(m.start())
                sentence = block.text[s_start:s_end]
                if not counted.search(block.text, m.end(), s_end) or any(x.search(sentence) for x in excluded):
                    continue
                yield _finding(block, m.start("year"), m.end("year"), {"year": m.group("year"), "report_year": year})


class CitedNoticeYear:
    """N043: the preamble cites a notice on compiling the annual report
    whose title names another report year (《…关于编制公布2021年…年度报告…的通知》 in a 2022
    report): most likely last year's basis copied unchanged. Only the year inside the cited
    title counts (params.cited, group "year"), not a document number 〔2021〕: notices on the
    {Y} report are often issued in {Y}. Sentences that name the earlier notice as such are set
    aside by params.exclude (data)."""

    params_schema = {
        "type": "object",
        "properties": {
            "cited": REGEX,
            "exclude": EXCLUSIONS,
        },
        "required": ["cited", "exclude"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        year = ctx.report_year()
        if year is None:
            return
        from golocheck.checks.narrative import _finding

        (cited,) = _compiled(rule, "cited")
        excluded = _compiled(rule, "exclude") if rule.params["exclude"] else []
        for block in _preamble_blocks(ctx):
            for m in cited.finditer(block.text):
                if int(m.group("year")) == year:
                    continue
                s_start, s_end = block.sentence(m.start())
                if any(x.search(block.text[s_start:s_end]) for x in excluded):
                    continue
                yield _finding(block, m.start("year"), m.end("year"), {"year": m.group("year"), "report_year": year})


class FormatNotice:
    """N044: the preamble cites the notice that published another national format
    (国办公开办函〔2019〕60号 in a 2022 report) and none of the notices of the formats valid
    for the report year: a basis left over from an older format. Which notice belongs to
    which format is data of the format definitions (formats/*.yaml ``notice``); params.cited
    reads a document number (groups office, year, number). A citation whose title names a
    report year other than the report's is N043's (params.titled, group year, matched on the
    text before the number), so one citation is not reported twice."""

    params_schema = {
        "type": "object",
        "properties": {"cited": REGEX, "titled": REGEX},
        "required": ["cited", "titled"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        year = ctx.report_year()
        if year is None:
            return
        from golocheck.checks.narrative import _finding
        from golocheck.formats import all_formats

        notices = {(f.notice.office, f.notice.year, f.notice.number): f for f in all_formats().values() if f.notice is not None}
        expected = [f for f in notices.values() if f.covers_year(year)]
        if not expected:
            return  # no format valid for the year names its notice: nothing to compare with
        (cited,), (titled,) = _compiled(rule, "cited"), _compiled(rule, "titled")
        stale = []
        for block in _preamble_blocks(ctx):
            for m in cited.finditer(block.text):
                fmt = notices.get((m.group("office"), int(m.group("year")), int(m.group("number"))))
                if fmt is None:
                    continue
                if fmt.covers_year(year):
                    return  # the year's own notice is named: an older one beside it is history
                s_start, _ = block.sentence(m.start())
                title = titled.search(block.text, s_start, m.start())
                if title is not None and int(title.group("year")) != year:
                    continue  # 《…编制2021年…年度报告…》（…）: the title's year is N043's
                stale.append((block, m, fmt))
        for block, m, fmt in stale:
            right = expected[0]
            yield _finding(block, m.start(), m.end(), {
                "cited": block.text[m.start():m.end()], "format": fmt.id, "years": fmt.years_text(),
                "report_year": year, "expected": right.notice.text, "expected_format": right.id,
            })
