"""The route of one report through the engine: a list of stages run in order, once each.

Each stage takes the report's state, adds what it finds and returns it; none goes back
to an earlier one. In order:

    load          loader problems (F001–F006, F009, V007, ...) and a null document (F010)
    format        which format the report declares (F008 when it is unknown)
    ledgers       registers kept as spreadsheets (--register): their rows join the report's
                  registers, each placed at its cell; their cells' findings (L001–L006)
    structure     the report's own suppression entries (Q003), another format's layout
                  (M004), then the schema (F007) for what those did not explain
    context       the Context the checks read, and last year's (Y004 when unusable)
    rules         every selected rule of a check kind, each caught on its own (X001)
    diagnosis     hint rules that explain the rules' failures (T206–T208), on the same Context
    stamp         findings -> diagnostics: rule metadata, selection, duplicates merged
    suppressions  the report's and the configuration's suppressions (Q001, Q002)
    locations     JSON pointers -> line:column through the source map, then sorted

A new stage is a function here, placed in STAGES; a new kind of check needs none (see
docs/developing.md).
"""

from __future__ import annotations

import functools

import sys
from datetime import date
from typing import Callable

from golocheck.catalogue import Rule
from golocheck.checks import kind
from golocheck.checks.context import Context
from golocheck.checks.memo import once
from golocheck.diagnostics import Diagnostic, Finding, Location, Span, Text
from golocheck.engine import INTERNAL_ERROR, Selection, make_diagnostic, render_message
from golocheck.loading import LoadedReport
from golocheck.loading import excerpt
from golocheck.loading.positions import marked_length
from golocheck.records import field, record, replace
from golocheck.settings import CheckSettings

PREVIOUS_UNUSABLE = "Y004"
# Kinds that run even when the report's format is unknown: they read only metadata.
_FORMAT_FREE = {"title_wording", "reporting_period"}
# Pseudo-kinds of rules whose findings the stages below produce themselves.
_BUILTIN = ("loader", "schema", "engine", "importer")


@record
class ReportState:
    """One report on its way down the pipeline."""

    loaded: LoadedReport
    rules: dict[str, Rule]
    selection: Selection
    settings: CheckSettings
    previous: LoadedReport | None
    config_suppressions: tuple  # the configuration's suppressions that match this file
    today: date
    unsuppressible: frozenset[str]  # codes and names of the always_reported rules
    format: object | None = None  # the FormatDefinition, once resolved
    context: Context | None = None
    last_year: Context | None = None
    # (code, finding, exact span or None, document place or None) in the order found;
    # stamped into diagnostics later
    findings: list[tuple[str, Finding, Span | None, object]] = field(default_factory=list)
    # pointers whose structure error a more specific finding explains (F008, M004, Q003)
    explained: set[str] = field(default_factory=set)
    own_suppressions: list = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    used_config_suppressions: frozenset[int] = frozenset()
    crashed: set[str] = field(default_factory=set)  # codes of the rules that raised (X001)

    @property
    def checkable(self) -> bool:
        """Parsed into data the checks can read: not unparseable, null, too large or too deep."""
        return self.loaded.data is not None and not any(p.code == "F009" for p in self.loaded.problems)

    def add(self, code: str, finding: Finding, span: Span | None = None, place=None) -> None:
        self.findings.append((code, finding, span, place))


Stage = Callable[[ReportState], ReportState]


def run_stages(state: ReportState, stages: "tuple[Stage, ...] | None" = None) -> ReportState:
    from golocheck.loading.collector import paused

    with paused():  # what a check builds lives until it ends: see loading/collector.py
        for stage in STAGES if stages is None else stages:
            state = stage(state)
    return state


# -- the stages, in order ------------------------------------------------------------------


def load(state: ReportState) -> ReportState:
    loaded = state.loaded
    for problem in loaded.problems:
        state.add(problem.code, Finding(problem.pointer, problem.args), problem.span, problem.place)
    return state


def resolve_format(state: ReportState) -> ReportState:
    from golocheck.formats import all_formats, get_format

    data = state.loaded.data
    if state.checkable and isinstance(data, dict) and isinstance(data.get("format"), str):
        state.format = get_format(data["format"])
        if state.format is None:
            known = "、".join(sorted(all_formats()))
            state.add("F008", Finding("/format", {"format": data["format"], "known": known}, label=Text("格式", "format")))
            state.explained.add("/format")
    return state


def structure(state: ReportState) -> ReportState:
    from golocheck.suppress import from_report

    data = state.loaded.data
    if data is None:
        return state
    # The suppression entries are read even from a file too large to check: an invalid one
    # is Q003 (it says more than F007 would), a valid one is applied in `suppressions`.
    state.own_suppressions, invalid = from_report(data, state.loaded.path, state.unsuppressible)
    for code, finding in invalid:
        state.add(code, finding)
        state.explained.add(finding.pointer)
    if not state.checkable:
        return state
    from golocheck.schema_errors import structure_findings

    fmt = state.format
    if fmt is not None:
        from golocheck.checks.layout import layout_findings
        from golocheck.formats import all_formats

        layout, explained = layout_findings(data, fmt, all_formats())
        for finding in layout:
            state.add("M004", finding)
        state.explained |= explained
    # V001–V005 say more
    cell_pointers = once("cell pointers", (fmt,), lambda: frozenset(c.pointer for c in fmt.cells())) if fmt else frozenset()
    for finding in structure_findings(data, cell_pointers, frozenset(state.explained)):
        state.add("F007", finding)
    return state


def context(state: ReportState) -> ReportState:
    if not state.checkable:
        return state
    state.last_year, unusable = _previous_context(state)
    if unusable is not None:
        state.add(PREVIOUS_UNUSABLE, unusable)
    if isinstance(state.loaded.data, dict):  # the checks read a mapping; F007 says when it is not
        state.context = Context(state.loaded.data, state.format, previous=state.last_year, settings=state.settings)
    return state


def rules(state: ReportState) -> ReportState:
    read_with = _read_with(state)
    for rule, check in _applicable(state, diagnosis=False):
        if rule.code in read_with:
            _run_rule_not_on(state, rule, check, read_with[rule.code])
        else:
            _run_rule(state, rule, check)
    return state


def diagnosis(state: ReportState) -> ReportState:
    # After every other rule: a diagnosis kind explains the relations that failed, reading
    # the same Context (its cells are already classified) rather than the file again.
    for rule, check in _applicable(state, diagnosis=True):
        _run_rule(state, rule, check)
    return state


def stamp(state: ReportState) -> ReportState:
    """Findings -> diagnostics: rule metadata stamped, disabled rules dropped, duplicates merged."""
    from golocheck.blankgroups import group_blank_columns

    # one finding for a column left blank in several rows, not one per cell and relation
    findings = group_blank_columns(state.findings, state.format, lambda code: code in state.rules and state.selection.enabled(state.rules[code]),
                                   state.context)
    seen: set[tuple[str, str, str]] = set()
    enabled: dict[str, bool] = {}  # code -> whether it is selected, asked once per code
    for code, finding, span, place in findings:
        rule = state.rules[code]
        if code not in enabled:
            enabled[code] = state.selection.enabled(rule)
        if not enabled[code]:
            continue
        diagnostic = make_diagnostic(rule, finding, state.loaded.path, state.selection)
        key = (code, finding.pointer, diagnostic.message.zh)
        if key in seen:  # e.g. one blank whole makes five "part ≤ whole" pairs unevaluable
            continue
        seen.add(key)
        if span is not None or place is not None:
            diagnostic = replace(diagnostic, location=replace(diagnostic.location, span=span, place=place))
        state.diagnostics.append(diagnostic)
    return state


def suppressions(state: ReportState) -> ReportState:
    from golocheck.suppress import apply, problem

    own = state.own_suppressions
    kept, used = apply(state.diagnostics, [*own, *state.config_suppressions], state.today, state.unsuppressible)
    for index, suppression in enumerate(own):
        expired = suppression.expired(state.today)
        if expired or index not in used:
            code, finding = problem(suppression, expired, in_report=True)
            if state.selection.enabled(state.rules[code]):
                kept.append(make_diagnostic(state.rules[code], finding, state.loaded.path, state.selection))
    state.diagnostics = kept
    # the configuration's suppressions are reported by the caller, across all the files they match
    state.used_config_suppressions = frozenset(i - len(own) for i in used if i >= len(own))
    return state


def locations(state: ReportState) -> ReportState:
    # Only now, and only for what is reported: a clean JSON file is never scanned for positions.
    state.diagnostics = sorted((_locate(d, state.loaded, state.previous) for d in state.diagnostics), key=Diagnostic.sort_key)
    return state


def ledgers(state: ReportState) -> ReportState:
    """Registers kept as spreadsheets (``--register requests.xlsx``): their rows become the
    report's register entries, each field placed at its cell, before the schema sees them;
    what a ledger's cells do not say clearly is reported here (L001–L006)."""
    if not state.settings.registers or not state.checkable or not isinstance(state.loaded.data, dict):
        return state
    from golocheck.ledger.convert import merge

    state.loaded, problems = merge(state.loaded, state.format, state.settings.registers)
    for problem in problems:
        state.add(problem.code, Finding(problem.pointer, problem.args), None, problem.place)
        # the cell's finding says more than the schema would about the value left out
        # (a channel it could not read: "channel is required"; a result: "result is a
        # dependency of answered_on", whose pointer is the entry's)
        state.explained.add(problem.pointer)
        state.explained.update(problem.explains)  # a column the ledger lacks: one finding, not one per row
        if problem.pointer.endswith("/result"):
            state.explained.add(problem.pointer.rsplit("/", 1)[0])
    return state


STAGES: tuple[Stage, ...] = (load, resolve_format, ledgers, structure, context, rules, diagnosis, stamp, suppressions, locations)


# -- what did not run ---------------------------------------------------------------------

# Why a selected rule that applies to the report's format did not check it (not_run); the
# outputs that list rules (junit) say so instead of passing it.
NOT_CHECKED = "not_checked"  # the report was read but cannot be checked (too large, too deep, not a mapping)
FORMAT_UNKNOWN = "format_unknown"  # no known format: only the metadata rules ran
NEEDS_PREVIOUS = "needs_previous"  # a cross-year rule without last year's report (--previous)
PREVIOUS_NOT_CONSECUTIVE = "previous_not_consecutive"  # last year's report is not of the year before (Y003)
NEEDS_ACROSS = "needs_across"  # a rule across reports: only with --across / --aggregate (golocheck.across)
FAILED = "failed"  # the rule raised (X001)
NOT_IMPORTED = "not_imported"  # an importer's finding: the report was not imported from a document
NO_LEDGER = "no_ledger"  # a ledger's finding: no register kept as a spreadsheet (--register)


def not_run(state: ReportState) -> dict[str, str]:
    """Rule code -> why it did not check this report, for the selected rules that apply to
    its format (the rules that do not apply, or were not selected, every output knows).
    The builtin codes (loader, schema, engine) are the stages' own: they ran unless the
    report could not be checked."""
    fmt, selection = state.format, state.selection
    imported = isinstance(state.loaded.data, dict) and "imported_from" in state.loaded.data
    unchecked, no_previous, registers = state.context is None, state.previous is None, bool(state.settings.registers)
    # Without a crashed rule, the answer depends only on the catalogue, the format, the
    # selection and these few facts of the report: worked out once per process for each.
    # (Whether last year's report is of the year before is asked only when it is there.)
    year_before = state.last_year is not None and not unchecked and _consecutive(state)
    facts = (unchecked, no_previous, imported, registers, state.last_year is None, year_before)
    key = ("not run", facts, tuple(selection.select), tuple(selection.ignore), tuple(selection.extend_select))
    if not state.crashed:
        return dict(once(key, (state.rules, fmt), lambda: _not_run(state, imported, lambda: year_before)))
    return _not_run(state, imported, lambda: _consecutive(state))


def _not_run(state: ReportState, imported: bool, consecutive: Callable[[], bool]) -> dict[str, str]:
    fmt = state.format
    found: dict[str, str] = {}
    for rule in state.rules.values():
        if not state.selection.enabled(rule) or (fmt is not None and not rule.applies_to(fmt.id)):
            continue
        if state.context is None:
            found[rule.code] = NOT_CHECKED
        elif "cross-year" in rule.groups and state.previous is None:
            found[rule.code] = NEEDS_PREVIOUS
        elif rule.check == "importer" and not imported:
            found[rule.code] = NOT_IMPORTED
        elif "ledger" in rule.groups and not state.settings.registers:
            found[rule.code] = NO_LEDGER
        elif rule.check in _BUILTIN:
            continue  # the stages' own findings: they ran
        elif rule.code in state.crashed:
            found[rule.code] = FAILED
        elif fmt is None and rule.check not in _FORMAT_FREE:
            found[rule.code] = FORMAT_UNKNOWN
        elif _kind_flags(rule.check)[0] == "across":
            found[rule.code] = NEEDS_ACROSS
        elif _kind_flags(rule.check)[1] and (state.last_year is None or not consecutive()):
            found[rule.code] = PREVIOUS_NOT_CONSECUTIVE
    return found


@functools.lru_cache(maxsize=None)
def _kind_flags(name: str) -> tuple[str | None, bool]:
    """A check kind's stage and whether it needs last year's report: the same for every
    report, so looked up once per process."""
    check = kind(name)
    return getattr(check, "stage", None), getattr(check, "needs_year_before", False)


def _consecutive(state: ReportState) -> bool:
    from golocheck.checks.crossyear import consecutive

    return consecutive(state.context)


# -- helpers of the stages ----------------------------------------------------------------


def _applicable(state: ReportState, diagnosis: bool):
    """The selected rules of check kinds that apply to the report's format, of the
    diagnosis kinds or of the others."""
    if state.context is None:
        return ()
    fmt, selection = state.format, state.selection
    # the same for every report of a format under one selection: worked out once per process
    key = ("applicable", diagnosis, tuple(selection.select), tuple(selection.ignore), tuple(selection.extend_select))
    return once(key, (state.rules, fmt), lambda: tuple(_applicable_rules(state.rules, selection, fmt, diagnosis)))


def _applicable_rules(rules: dict[str, Rule], selection: Selection, fmt, diagnosis: bool):
    for rule in rules.values():
        if rule.check in _BUILTIN or not selection.enabled(rule):
            continue
        if fmt is None and rule.check not in _FORMAT_FREE:
            continue
        if fmt is not None and not rule.applies_to(fmt.id):
            continue
        check = kind(rule.check)
        if getattr(check, "stage", None) == "across":  # run after a batch (golocheck.across)
            continue
        if (getattr(check, "stage", None) == "diagnosis") is diagnosis:
            yield rule, check


def _run_rule(state: ReportState, rule: Rule, check) -> None:
    """One rule's findings. The one place that catches what a check raises: a bug in one
    rule is X001 naming it, and the other rules' findings stand."""
    try:
        for finding in check.run(state.context, rule):
            state.add(finding.rule or rule.code, finding)
    except Exception as exc:
        state.crashed.add(rule.code)
        if state.settings.debug:
            import traceback

            sys.stderr.write(f"golocheck: rule {rule.code} ({rule.name}) failed on {state.loaded.path}:\n")
            traceback.print_exception(exc, file=sys.stderr)
        state.add(INTERNAL_ERROR, Finding("", {"rule": rule.code, "name": rule.name, "error": f"{type(exc).__name__}: {exc}"}))




def _read_with(state: ReportState) -> dict[str, list[str]]:
    """The report's `read_with` (an imported report): rule code -> pointers of the rows or
    cells read with that rule's relation. Entries the schema refuses (F007) are ignored."""
    entries = state.loaded.data.get("read_with") if isinstance(state.loaded.data, dict) else None
    found: dict[str, list[str]] = {}
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str) and isinstance(entry.get("pointer"), str):
            if entry["pointer"].startswith("/tables/") and entry["rule"] in state.rules:
                found.setdefault(entry["rule"], []).append(entry["pointer"])
    return found


def _run_rule_not_on(state: ReportState, rule: Rule, check, pointers: list[str]) -> None:
    """A rule whose relation read some cells: it says nothing about them, whether it would
    hold or not. Its findings touching them (its own, or V006 on its behalf) are dropped,
    and each place read with it is reported as not checked (I032) — never as passing."""
    def touches(finding: Finding) -> bool:
        involved = [finding.pointer, *(r.pointer for r in finding.related)]
        return any(p == q or p.startswith(q + "/") for p in involved for q in pointers)

    start = len(state.findings)
    _run_rule(state, rule, check)
    state.findings[start:] = [  # entries are (code, finding, span, place)
        entry for entry in state.findings[start:]
        if entry[0] == INTERNAL_ERROR or not touches(entry[1])
    ]
    fmt = state.format
    for pointer in dict.fromkeys(pointers):
        cell = next((c for c in fmt.cells() if c.pointer == pointer or c.pointer.startswith(pointer + "/")), None) if fmt else None
        label = (cell.row_short or cell.short) if cell is not None and cell.pointer != pointer else (cell.label if cell else None)
        state.add("I032", Finding(pointer, {"relation": rule.code, "relation_title": rule.title}, label=label))


def _previous_context(state: ReportState) -> tuple[Context | None, Finding | None]:
    """Last year's report as a context; or, when it was given but cannot be compared, None
    and the Y004 finding saying why (the cross-year rules are never skipped silently)."""
    from golocheck.formats import get_format

    previous, data = state.previous, state.loaded.data
    if previous is None:
        return None, None
    last = previous.data
    reason: Text | None = None
    fmt = None
    pointer = ""  # the finding is about the checked report as a whole ...
    if previous.problems:
        first = previous.problems[0]
        rule = state.rules[first.code]
        where = f"{first.span.line}:{first.span.column} " if first.span else ""
        reason = Text(f"无法读取（{first.code} {where}{render_message(rule.message.zh, first.args, 'zh')}）",
                      f"it cannot be read ({first.code} {where}{render_message(rule.message.en, first.args, 'en')})")
    elif not isinstance(last, dict):
        reason = Text(f"它不是报告（内容为 {excerpt(previous.text)}）", f"it is not a report (its content is {excerpt(previous.text)})")
    elif not isinstance(last.get("format"), str) or (fmt := get_format(last["format"])) is None:
        reason = Text("它的报告格式（format）缺失或未知", "its format is missing or unknown")
    else:
        this_issuer, last_issuer = _issuer(data), _issuer(last)
        if this_issuer is not None and this_issuer != last_issuer:
            pointer = "/metadata/issuer"  # ... or about its issuer
            reason = Text(f"它是另一机关的报告（发布机关“{last_issuer or '（未填写）'}”，本报告为“{this_issuer}”）",
                          f"it is another body's report (issuer “{last_issuer or '(none)'}”, this report's is “{this_issuer}”)")
    if reason is None:
        return Context(last, fmt, path=previous.path), None
    related = (Location(pointer, Text("上一年度报告", "previous report"), file=previous.path),)
    return None, Finding(pointer, {"previous": previous.path, "reason": reason}, label=Text("上一年度报告", "previous report"), related=related)


def _issuer(data) -> str | None:
    """The issuing body, white space removed (a line break in a long name is not another body)."""
    metadata = data.get("metadata") if isinstance(data, dict) else None
    issuer = metadata.get("issuer") if isinstance(metadata, dict) else None
    return "".join(issuer.split()) if isinstance(issuer, str) and issuer.strip() else None


def _locate(diagnostic: Diagnostic, loaded: LoadedReport, previous: LoadedReport | None) -> Diagnostic:
    location = diagnostic.location
    if location.span is None and location.place is None:
        span = loaded.span_of(location.pointer)
        offset = diagnostic.args.get("offset")
        if isinstance(offset, int) and span is not None:
            # a narrative finding: point at the figure inside the text, not at the whole text
            quote = diagnostic.args.get("quote")
            length = marked_length(quote.zh if isinstance(quote, Text) else quote)
            span = loaded.span_inside(location.pointer, offset, length) or span
        location = replace(location, span=span)
    location, origin = in_document(location, loaded)
    if origin is not None:  # a report file imported from a document: the finding is in the document
        diagnostic = replace(diagnostic, file=origin)

    def related_span(r: Location) -> Location:
        source = previous if (previous is not None and r.file == previous.path) else loaded
        if not r.span:
            r = replace(r, span=source.span_of(r.pointer))
        if source is not loaded or r.file not in (None, loaded.path):
            return r
        r, where = in_document(r, loaded)
        file = where or loaded.path  # the file the related value is in now
        return replace(r, file=None if file == diagnostic.file else file)

    return replace(diagnostic, location=location, related=tuple(related_span(r) for r in diagnostic.related))


def in_document(location: Location, loaded: LoadedReport) -> tuple[Location, str | None]:
    """A report imported from a document (HTML, DOCX, text): the place its value was read
    at, and — when the report was written to a file and is checked from there — the
    document's path. The place comes from the source map's ``place_of`` (the value's or
    its nearest ancestor's); a JSON or YAML file written by hand has none."""
    if location.place is not None:  # a place given with the finding: in its own file if it names one
        own = getattr(location.place, "file", None)
        return (replace(location, span=None) if own else location), own
    place_of = getattr(loaded.source_map, "place_of", None)
    if place_of is None:
        return location, None
    place = place_of(location.pointer)
    if place is None:
        return location, None
    # a place in a file of its own (a ledger's cell), or in the document the report came from
    origin = getattr(place, "file", None) or getattr(loaded.source_map, "origin", None)
    if origin is not None:  # the span is in the report file, not in the document
        return replace(location, place=place, span=None), origin
    return replace(location, place=place), None
