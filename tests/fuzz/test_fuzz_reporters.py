"""Every output format over arbitrary findings: odd unicode, control characters, lone
surrogates (from JSON escapes, or file names the OS gave as surrogate escapes), huge
numbers and spans, missing labels. Each renders without an exception, writes as UTF-8
(what --output-file does), and the machine formats stay valid JSON, SARIF and XML with
one record per finding; the line formats keep one line per finding."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.strategies import budget, file_results
from golocheck.reporters import REPORTERS

SARIF_SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RESULTS = st.lists(file_results(), min_size=1, max_size=3)
# Without lone surrogates: the structure tests below each find their own kind of failure
# (test_every_format_renders_any_findings_as_utf8 covers surrogates).
PLAIN_RESULTS = st.lists(file_results(surrogates=False), min_size=1, max_size=3)
LANGS = st.sampled_from(["zh", "en"])


def render(fmt: str, results, lang: str) -> str:
    from golocheck.catalogue import load_catalogue
    from golocheck.explain import explain_rule
    from golocheck.reporters import ReportOptions
    from helpers import rendered

    options = ReportOptions(lang=lang, ruleset_version="0" * 16, explain=explain_rule)
    return rendered(fmt, results, load_catalogue(), options)  # a workbook: its cells, read back


def _strict_json(text: str):
    def no_constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=no_constant)


def _count(results) -> int:
    return sum(len(r.diagnostics) for r in results)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
@budget(3)
@given(results=RESULTS, lang=LANGS)
def test_every_format_renders_any_findings_as_utf8(fmt, results, lang):
    render(fmt, results, lang).encode("utf-8")  # reporters.write_atomic writes exactly this


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_json_output_is_strict_json_with_every_finding(results, lang):
    document = _strict_json(render("json", results, lang))
    assert len(document["diagnostics"]) == _count(results)
    assert [d["code"] for d in document["diagnostics"]] == [d.code for r in results for d in r.diagnostics]


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_sarif_output_is_valid_sarif_with_every_finding(results, lang):
    import jsonschema

    log = _strict_json(render("sarif", results, lang))
    jsonschema.validate(log, SARIF_SCHEMA)
    assert len(log["runs"][0]["results"]) == _count(results)


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_gitlab_output_is_strict_json_with_unique_fingerprints(results, lang):
    issues = _strict_json(render("gitlab", results, lang))
    assert len(issues) == _count(results)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_junit_output_is_xml_with_every_finding(results, lang):
    root = ET.fromstring(render("junit", results, lang).encode("utf-8"))
    assert len(root.findall("testsuite")) == len(results)
    for suite, result in zip(root.findall("testsuite"), results):
        codes_with_findings = {d.code for d in result.diagnostics}
        assert int(suite.get("failures")) == len(codes_with_findings)


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_concise_output_is_one_line_per_finding(results, lang):
    lines = render("concise", results, lang).splitlines()
    assert len(lines) == _count(results) + 1  # and the totals


@budget(3)
@given(results=PLAIN_RESULTS, lang=LANGS)
def test_github_output_runs_no_command_a_finding_did_not_ask_for(results, lang):
    import os

    os.environ.pop("GITHUB_STEP_SUMMARY", None)
    lines = render("github", results, lang).split("\n")
    commands = [line for line in lines if line.startswith("::")]
    # annotations: at most 10 per type, plus at most one closing notice
    assert len(commands) <= min(_count(results), 30) + 1
    for line in lines:
        if not line.startswith("::"):
            continue
        head, sep, _ = line[2:].partition("::")
        assert sep and head.split(" ", 1)[0] in ("error", "warning", "notice"), line
