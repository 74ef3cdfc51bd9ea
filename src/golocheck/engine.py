"""Run the catalogue over one loaded report and produce diagnostics.

The engine is small on purpose: it turns loader problems and check findings
into diagnostics, stamping code, name, severity, message and basis from the
rule; it applies rule selection; and, only when there is something to report,
maps JSON pointers back to line and column.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Iterable

from golocheck.catalogue import Rule, load_catalogue
from golocheck.checks import kind
from golocheck.checks.context import Context
from golocheck.diagnostics import Diagnostic, Finding, Location, Severity, Span, Text
from golocheck.loading import LoadedReport
from golocheck.loading.positions import inside_json_string as _inside_json_string  # noqa: F401 (tests use it)
from golocheck.settings import CheckSettings

INTERNAL_ERROR = "X001"
NULL_DOCUMENT = "F010"
PREVIOUS_UNUSABLE = "Y004"
# Kinds that run even when the report's format is unknown: they read only metadata.
_FORMAT_FREE = {"title_wording", "reporting_period"}
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Selection:
    """Which rules run and how severe they are (filled by configuration and options).
    Rules marked ``always_reported`` (load and structure problems) ignore both."""

    select: tuple[str, ...] = ()  # empty: all rules
    ignore: tuple[str, ...] = ()
    severities: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    extend_select: tuple[str, ...] = ()  # added to select (configuration keeps its select, adds these)

    def enabled(self, rule: Rule) -> bool:
        if rule.always_reported:  # a file that could not be read or checked never passes
            return True
        selected = not self.select or any(matches_rule(rule, s) for s in self.select)
        if not selected and not any(matches_rule(rule, s) for s in self.extend_select):
            return False
        return not any(matches_rule(rule, s) for s in self.ignore)

    def severity(self, rule: Rule) -> Severity:
        if rule.always_reported:
            return rule.severity
        return Severity(self.severities.get(rule.code, rule.severity))


def matches_rule(rule: Rule, selector: str) -> bool:
    """A selector is a code, a code prefix ("T1", "T"), a rule name, a group, or ALL."""
    return selector == "ALL" or rule.code.startswith(selector) or selector == rule.name or selector in rule.groups


def render_message(template: str, args: dict[str, Any], lang: str) -> str:
    parts = []
    for literal, name, _, _ in _FORMATTER.parse(template):
        parts.append(literal)
        if name is not None:
            value = args.get(name, args.get(f"{name}_{lang}", f"{{{name}}}"))
            parts.append(value.get(lang) if isinstance(value, Text) else str(value))
    return "".join(parts)


def make_diagnostic(rule: Rule, finding: Finding, file: str, selection: Selection) -> Diagnostic:
    args = dict(finding.args)
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=finding.severity or selection.severity(rule),
        file=file,
        location=Location(finding.pointer, finding.label),
        message=Text(render_message(rule.message.zh, args, "zh"), render_message(rule.message.en, args, "en")),
        title=rule.title,
        basis=rule.basis,
        args=MappingProxyType(args),
        related=finding.related,
    )


@dataclass(frozen=True)
class RunResult:
    diagnostics: list[Diagnostic]
    # indexes into the configuration suppressions given to run_detailed that suppressed something
    used_suppressions: frozenset[int] = frozenset()


def run(loaded: LoadedReport, selection: Selection = Selection(), previous: LoadedReport | None = None, settings: CheckSettings = CheckSettings()) -> list[Diagnostic]:
    """Diagnostics of one report; ``previous`` is last year's report of the same body, for
    the cross-year rules (they do not run without it)."""
    return run_detailed(loaded, selection, previous, settings).diagnostics


def run_detailed(
    loaded: LoadedReport,
    selection: Selection = Selection(),
    previous: LoadedReport | None = None,
    settings: CheckSettings = CheckSettings(),
    suppressions: tuple = (),
    today: "date | None" = None,
) -> RunResult:
    """run(), applying the report's own suppressions and the configuration ``suppressions``
    that match this file, and telling which of the latter were used."""
    from golocheck.formats import get_format

    rules = load_catalogue()
    findings: list[tuple[str, Finding, Span | None]] = []
    for problem in loaded.problems:
        findings.append((problem.code, Finding(problem.pointer, problem.args), problem.span))
    if loaded.data is None and not loaded.problems:  # `null`, `~`, `---`: parsed, but not a report
        findings.append((NULL_DOCUMENT, Finding("", {"value": _excerpt(loaded.text)}), None))

    unsuppressible = always_reported(rules)
    from golocheck.suppress import apply, from_report, problem

    data = loaded.data
    own, invalid_suppressions = from_report(data, loaded.path, unsuppressible) if data is not None else ([], [])
    findings.extend((code, finding, None) for code, finding in invalid_suppressions)
    if data is not None and not any(p.code in ("F009",) for p in loaded.problems):
        fmt = None
        skip: set[str] = {finding.pointer for _, finding in invalid_suppressions}  # Q003 says more than F007
        if isinstance(data, dict) and isinstance(data.get("format"), str):
            fmt = get_format(data["format"])
            if fmt is None:
                from golocheck.formats import all_formats

                known = "、".join(sorted(all_formats()))
                findings.append(("F008", Finding("/format", {"format": data["format"], "known": known}, label=Text("格式", "format")), None))
                skip.add("/format")
        from golocheck.schema_errors import structure_findings

        if fmt is not None:
            from golocheck.checks.layout import layout_findings
            from golocheck.formats import all_formats

            layout, explained = layout_findings(data, fmt, all_formats())
            findings.extend(("M004", finding, None) for finding in layout)
            skip |= explained
        cell_pointers = frozenset(c.pointer for c in fmt.cells()) if fmt else frozenset()
        for finding in structure_findings(data, cell_pointers, frozenset(skip)):
            findings.append(("F007", finding, None))
        last_year, unusable = _previous_context(previous, data, rules)
        if unusable is not None:
            findings.append((PREVIOUS_UNUSABLE, unusable, None))
        if isinstance(data, dict):
            findings.extend(_run_rules(rules, data, fmt, selection, last_year, settings))

    from datetime import date as _date

    today = today or _date.today()
    raw = _stamp(findings, rules, loaded, selection)
    kept, used = apply(raw, [*own, *suppressions], today, unsuppressible)
    for index, suppression in enumerate(own):
        if suppression.expired(today) or index not in used:
            code, finding = problem(suppression, suppression.expired(today), in_report=True)
            if selection.enabled(rules[code]):
                kept.append(make_diagnostic(rules[code], finding, loaded.path, selection))
    used_config = frozenset(i - len(own) for i in used if i >= len(own))
    if kept:
        kept = [_resolve(d, loaded, previous) for d in kept]
    return RunResult(sorted(kept, key=Diagnostic.sort_key), used_config)


def always_reported(rules: dict[str, Rule]) -> frozenset[str]:
    """Codes and names of the rules that selection, suppressions and baselines do not apply to."""
    return frozenset(x for rule in rules.values() if rule.always_reported for x in (rule.code, rule.name))


def _excerpt(text: str | None, limit: int = 30) -> str:
    squashed = " ".join((text or "").replace("\ufeff", "").split())
    return squashed if len(squashed) <= limit else squashed[:limit] + "…"


def _stamp(findings, rules, loaded: LoadedReport, selection: Selection) -> list[Diagnostic]:
    """Findings -> diagnostics: rule metadata stamped, disabled rules dropped, duplicates merged."""
    diagnostics = []
    seen: set[tuple[str, str, str]] = set()
    for code, finding, span in findings:
        rule = rules[code]
        if not selection.enabled(rule):
            continue
        diagnostic = make_diagnostic(rule, finding, loaded.path, selection)
        key = (code, finding.pointer, diagnostic.message.zh)
        if key in seen:  # e.g. one blank whole makes five "part ≤ whole" pairs unevaluable
            continue
        seen.add(key)
        if span is not None:
            diagnostic = _with_span(diagnostic, span)
        diagnostics.append(diagnostic)
    return diagnostics


def _previous_context(previous: LoadedReport | None, data, rules: dict[str, Rule]) -> tuple[Context | None, Finding | None]:
    """Last year's report as a context; or, when it was given but cannot be compared, None
    and the Y004 finding saying why (the cross-year rules are never skipped silently)."""
    from golocheck.formats import get_format

    if previous is None:
        return None, None
    last = previous.data
    reason: Text | None = None
    fmt = None
    pointer = ""  # the finding is about the checked report as a whole ...
    if previous.problems:
        first = previous.problems[0]
        rule = rules[first.code]
        where = f"{first.span.line}:{first.span.column} " if first.span else ""
        reason = Text(f"无法读取（{first.code} {where}{render_message(rule.message.zh, first.args, 'zh')}）",
                      f"it cannot be read ({first.code} {where}{render_message(rule.message.en, first.args, 'en')})")
    elif not isinstance(last, dict):
        reason = Text(f"它不是报告（内容为 {_excerpt(previous.text)}）", f"it is not a report (its content is {_excerpt(previous.text)})")
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


def _run_rules(rules: dict[str, Rule], data: dict, fmt, selection: Selection, previous: Context | None = None, settings: CheckSettings = CheckSettings()) -> Iterable[tuple[str, Finding, None]]:
    ctx = Context(data, fmt, previous=previous, settings=settings)
    for rule in rules.values():
        if not selection.enabled(rule) or rule.check in ("loader", "schema", "engine"):
            continue
        if fmt is None and rule.check not in _FORMAT_FREE:
            continue
        if fmt is not None and not rule.applies_to(fmt.id):
            continue
        try:
            for finding in kind(rule.check).run(ctx, rule):
                yield (finding.rule or rule.code, finding, None)
        except Exception as exc:  # a bug in a check must not hide the other findings
            yield (INTERNAL_ERROR, Finding("", {"rule": rule.code, "error": f"{type(exc).__name__}: {exc}"}), None)


def _with_span(diagnostic: Diagnostic, span: Span) -> Diagnostic:
    from dataclasses import replace

    return replace(diagnostic, location=replace(diagnostic.location, span=span))


def _span_for(loaded: LoadedReport, pointer: str) -> Span | None:
    """The span of the pointer's value, or of its nearest ancestor that exists (a missing key)."""
    while True:
        span = loaded.source_map.span(pointer)
        if span is not None or not pointer:
            return span
        pointer = pointer.rsplit("/", 1)[0]


def _marked_length(args) -> int:
    """The length of the part a quote marks 【like this】, else 1."""
    quote = args.get("quote")
    text = quote.zh if isinstance(quote, Text) else quote
    if isinstance(text, str) and "【" in text and "】" in text:
        return max(1, text.index("】") - text.index("【") - 1)
    return 1


def _resolve(diagnostic: Diagnostic, loaded: LoadedReport, previous: LoadedReport | None = None) -> Diagnostic:
    from dataclasses import replace

    location = diagnostic.location
    if location.span is None:
        location = replace(location, span=_span_for(loaded, location.pointer))
        offset = diagnostic.args.get("offset")
        span_inside = getattr(loaded.source_map, "span_inside", None)
        if isinstance(offset, int) and location.span is not None and span_inside is not None:
            # a narrative finding: point at the figure inside the text, not at the whole text
            inside = span_inside(location.pointer, offset, _marked_length(diagnostic.args))
            location = replace(location, span=inside or location.span)

    def related_span(r: Location) -> Location:
        if r.span:
            return r
        source = previous if (previous is not None and r.file == previous.path) else loaded
        return replace(r, span=_span_for(source, r.pointer))

    related = tuple(related_span(r) for r in diagnostic.related)
    return replace(diagnostic, location=location, related=related)
