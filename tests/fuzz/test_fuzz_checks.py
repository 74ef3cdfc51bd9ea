"""Every check kind over reports hypothesis builds from a format's cells and the
samples, with arbitrary values in cells, metadata, sections and registers (and an
arbitrary last-year report for the cross-year kinds): findings, never an exception —
the engine turns any exception of a check into an X001 internal error — and findings
whose messages can be written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.strategies import budget, reports
from golocheck.catalogue import load_catalogue
from golocheck.checks import KINDS, kind
from golocheck.checks.context import Context
from golocheck.diagnostics import Finding
from golocheck.engine import Selection, make_diagnostic
from golocheck.formats import all_formats, get_format

RULES = load_catalogue()
RUN_BY_KIND = sorted(k for k in KINDS if k not in ("loader", "schema", "engine", "importer"))
FORMATS = sorted(all_formats())


def _rules_of(kind_name: str) -> list:
    return [rule for code, rule in sorted(RULES.items()) if rule.check == kind_name]


def test_every_kind_is_used_by_a_rule():
    assert all(_rules_of(k) for k in RUN_BY_KIND)


@pytest.mark.parametrize("kind_name", RUN_BY_KIND)
@budget(3)
@given(data=st.data())
def test_check_kind_survives_any_report(kind_name, data):
    rule = RULES[data.draw(st.sampled_from([r.code for r in _rules_of(kind_name)]), label="rule")]
    formats = [f for f in FORMATS if rule.applies_to(f)]
    fid, report = data.draw(reports(formats), label="report")
    previous = None
    if data.draw(st.booleans(), label="with last year's report"):
        prev_fid, prev_report = data.draw(reports(), label="previous")
        previous = Context(prev_report, get_format(prev_fid), path="previous.json")
    ctx = Context(report, get_format(fid), previous=previous)
    findings = list(kind(rule.check).run(ctx, rule))  # an exception here is the failure
    assert all(isinstance(f, Finding) and isinstance(f.pointer, str) for f in findings)

    # Stamped as the engine stamps them: the message templates filled in both languages
    # (an exception here would also be an internal error).
    for finding in findings:
        stamped = RULES.get(finding.rule or rule.code, rule)
        diagnostic = make_diagnostic(stamped, finding, "r.json", Selection())
        assert isinstance(diagnostic.message.zh, str) and isinstance(diagnostic.message.en, str)
