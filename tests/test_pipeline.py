"""The engine's pipeline: each report goes down the stages once, in order, with one
Context; a check that raises is X001 naming its rule (traceback only with --debug)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from golocheck import pipeline
from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.checks.context import Context
from golocheck.loading import load_path, load_text
from golocheck.loading.positions import marked_length
from helpers import ROOT

GOLOG = ROOT / "sample_reports" / "golog-2018.json"
STAGE_NAMES = ["load", "resolve_format", "ledgers", "structure", "context", "rules", "diagnosis", "stamp", "suppressions", "locations"]


def test_the_stages_are_the_documented_ones_in_order():
    assert [stage.__name__ for stage in pipeline.STAGES] == STAGE_NAMES


@pytest.mark.parametrize("raw, previous", [
    (GOLOG.read_bytes(), None),
    ((ROOT / "sample_reports/hongze-2024.json").read_bytes(), ROOT / "sample_reports/hongze-2023.json"),
    (b"{not json", None),  # a file that cannot be parsed goes down the same route
])
def test_each_stage_runs_once_per_report_in_order_with_one_context(monkeypatch, raw, previous):
    calls: list[tuple[str, int]] = []

    def traced(stage):
        def wrapper(state):
            calls.append((stage.__name__, id(state.loaded)))
            return stage(state)
        return wrapper

    monkeypatch.setattr(pipeline, "STAGES", tuple(traced(s) for s in pipeline.STAGES))
    built: list[object] = []

    class CountedContext(Context):
        def __init__(self, data, *args, **kwargs):
            built.append(data)
            super().__init__(data, *args, **kwargs)

    monkeypatch.setattr(pipeline, "Context", CountedContext)
    # the checks of the rules and diagnosis stages all see the one Context of the report
    seen: set[int] = set()
    from golocheck.checks import arithmetic, diagnosis

    for cls in (arithmetic.SumEquals, diagnosis.CellDiagnosis):
        original = cls.run

        def spy(ctx, rule, original=original):
            seen.add(id(ctx))
            return original(ctx, rule)

        monkeypatch.setattr(cls, "run", staticmethod(spy))
    last = load_path(previous) if previous else None
    diagnostics = check_bytes(raw, "r.json", previous=last)

    assert [name for name, _ in calls] == STAGE_NAMES
    assert len({report for _, report in calls}) == 1
    this_report = [data for data in built if last is None or data is not last.data]
    if raw.startswith(b"{not"):
        assert this_report == [] and seen == set() and [d.code for d in diagnostics] == ["F003"]
    else:
        assert len(this_report) == 1  # last year's report has its own Context
        assert len(seen) == 1


def _x001_rules(diagnostics) -> set[str]:
    return {d.args["rule"] for d in diagnostics if d.code == "X001"}


def test_a_check_that_raises_is_x001_naming_the_rule_and_the_others_stand(monkeypatch):
    from golocheck.checks import metadata

    before = check_bytes(GOLOG.read_bytes(), "golog.json")
    failing = {r.code: r for r in load_catalogue().values() if r.check == "title_wording" and r.applies_to("gov-2014")}
    assert failing

    def boom(ctx, rule):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(metadata.TitleWording, "run", staticmethod(boom))
    after = check_bytes(GOLOG.read_bytes(), "golog.json")

    errors = [d for d in after if d.code == "X001"]
    assert _x001_rules(after) == set(failing) and len(errors) == len(failing)
    for d in errors:
        rule = failing[d.args["rule"]]
        assert d.pointer == "" and d.severity.value == "error"
        assert d.message.en == f"rule {rule.code} ({rule.name}) failed: RuntimeError: injected failure"
        assert rule.code in d.message.zh and rule.name in d.message.zh
    others = lambda ds: {(d.code, d.pointer) for d in ds if d.code != "X001" and d.code not in failing}
    assert others(after) == others(before) and len(others(before)) >= 5


def test_a_bug_in_the_register_evaluation_is_x001_of_every_register_rule(monkeypatch):
    """Only a broken calendar file is expected there; anything else is a bug and is not
    swallowed by the register rules."""
    from golocheck.checks import deadlines

    def boom(ctx):
        raise TypeError("injected bug")
        yield  # a generator, like the real one

    monkeypatch.setattr(deadlines, "_evaluate", boom)
    report = json.loads((ROOT / "sample_reports/registers-gov-2021.json").read_text(encoding="utf-8"))
    diagnostics = check_bytes(json.dumps(report, ensure_ascii=False).encode(), "r.json")
    register_rules = {r.code for r in load_catalogue().values() if r.check == "register_deadlines" and r.applies_to(report["format"])}
    assert len(register_rules) >= 9
    assert _x001_rules(diagnostics) == register_rules
    assert all("TypeError: injected bug" in d.message.en for d in diagnostics if d.code == "X001")


_INJECTED_CLI = """
import sys
from golocheck.checks import metadata

def boom(ctx, rule):
    raise RuntimeError("injected failure")

metadata.TitleWording.run = staticmethod(boom)
from golocheck.cli import main
sys.argv = ["golocheck", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("extra", [[], ["--jobs", "2"]])
def test_the_traceback_of_a_failing_rule_is_printed_only_with_debug(extra):
    files = [str(GOLOG), str(ROOT / "sample_reports/pingtan-2019.json")]

    def cli(*args):
        return subprocess.run([sys.executable, "-c", _INJECTED_CLI, "--isolated", "--output-format", "concise", "--lang", "en", *extra, *args, *files],
                              capture_output=True, text=True, cwd=ROOT, timeout=120, env={"NO_COLOR": "1", "PATH": ""})

    plain, debug = cli(), cli("--debug")
    for result in (plain, debug):
        assert result.returncode == 2
        for name in ("golog-2018.json", "pingtan-2019.json"):
            assert f"{name}:1:1: X001 [error] rule M003 (title-wording) failed: RuntimeError: injected failure" in result.stdout
        assert "golog-2018.json:105:22: T107 [error]" in result.stdout  # another rule's finding stands
        assert "golocheck: error: internal error in golocheck (X001)" in result.stderr
    assert "Traceback" not in plain.stderr and "Traceback" not in plain.stdout
    assert plain.stderr.count("\n") == 1  # the one line
    assert debug.stderr.count("Traceback (most recent call last)") >= 2  # both files, also in worker processes
    assert "RuntimeError: injected failure" in debug.stderr and "in boom" in debug.stderr
    assert "Traceback" not in debug.stdout


def test_positions_of_a_missing_key_and_of_a_marked_figure():
    loaded = load_text("r.json", b'{"a": {"b": "x\\n10\\u6237"}}')
    assert loaded.span_of("/a/missing/deeper") == loaded.span_of("/a")  # the nearest value that exists
    assert loaded.span_of("/a").column == 7
    assert marked_length("共有【10户】的") == 3 and marked_length("no marks") == 1
    span = loaded.span_inside("/a/b", 2, 3)  # "10户", after an escaped line break
    assert (span.column, span.end_column) == (17, 25)
