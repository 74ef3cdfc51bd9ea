"""Run the catalogue over one loaded report and produce diagnostics.

The public entry points (run, run_detailed) and what every stage and caller shares:
rule selection and the stamping of a finding into a diagnostic (code, name, severity,
message and basis from the rule). The route of a report, stage by stage, is
golocheck.pipeline.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import Any

from golocheck.catalogue import Rule, load_catalogue, parse_template
from golocheck.diagnostics import Diagnostic, Finding, Location, Severity, Text
from golocheck.loading import LoadedReport
from golocheck.records import field, record
from golocheck.settings import CheckSettings

INTERNAL_ERROR = "X001"


@record(frozen=True)
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
    append = parts.append
    english = lang == "en"
    for literal, name, localized, placeholder in _parsed(template, lang):
        append(literal)
        if name is not None:
            value = args.get(name, _NO_VALUE)
            if value is _NO_VALUE:
                value = args.get(localized, placeholder)
            if isinstance(value, Text):
                append(value.en if english else value.zh)  # Text.get
            else:
                append(str(value))
    return "".join(parts)


_NO_VALUE = object()


_PARSED: dict[tuple[str, str], tuple] = {}


def _parsed(template: str, lang: str) -> tuple:
    """A rule's message template as (literal, field name, its name in ``lang``, the text
    kept for a field without a value) parts: the same for every finding of the rule, so
    parsed once per process (templates are the catalogue's, never a report's text)."""
    found = _PARSED.get((template, lang))
    if found is None:
        if len(_PARSED) >= 4096:  # far more than a catalogue's messages
            _PARSED.clear()
        found = _PARSED[(template, lang)] = tuple(
            (literal, name, None if name is None else f"{name}_{lang}", None if name is None else f"{{{name}}}")
            for literal, name, _, _ in parse_template(template))
    return found


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


@record(frozen=True)
class RunResult:
    """The findings of one report, and which configuration suppressions were used."""

    diagnostics: list[Diagnostic]
    # indexes into the configuration suppressions given to run_detailed that suppressed something
    used_suppressions: frozenset[int] = frozenset()
    # rule code -> why it did not check the report (pipeline.not_run): for the outputs that list rules
    not_run: dict[str, str] = field(default_factory=dict)


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
    from golocheck.checks.memo import once
    from golocheck.pipeline import ReportState, not_run, run_stages  # it imports this module

    rules = load_catalogue()
    unsuppressible = once("always reported", (rules,), lambda: always_reported(rules))  # the catalogue's, not the report's
    state = ReportState(loaded, rules, selection, settings, previous, suppressions, today or date.today(), unsuppressible)
    state = run_stages(state)
    return RunResult(state.diagnostics, state.used_config_suppressions, not_run(state))


def always_reported(rules: dict[str, Rule]) -> frozenset[str]:
    """Codes and names of the rules that selection, suppressions and baselines do not apply to."""
    return frozenset(x for rule in rules.values() if rule.always_reported for x in (rule.code, rule.name))
