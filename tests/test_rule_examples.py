"""Every rule's documented examples are run, and none can pass by accident:

- a 'fail' example must produce the rule's code exactly at the JSON pointers its `at`
  lists (a multiset: one entry per diagnostic, so the count is checked too) and, for a
  raw file, at the line:column its `at_position` lists;
- the base a 'fail' example patches (the filled skeleton of its format, with its `base`
  patch, and a bare last-year report when it has `previous`) must not produce the rule's
  code, otherwise the example would prove nothing;
- a 'pass' example must not produce the rule's code at all.

One runner for the whole catalogue; the convention is documented in docs/developing.md.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.formats import FormatDefinition, get_format
from golocheck.loading import load_text
from golocheck.templates import apply_patch, skeleton

RULES = load_catalogue()


def example_base(fmt: FormatDefinition, year: int | None = None) -> dict[str, Any]:
    """The report every 'report' example is patched into: a fully filled report of the
    format, every cell 0 and every section with placeholder text. The examples are
    written against this base, whatever `golocheck init` writes for people to fill in,
    so any cell the skeleton leaves blank is filled with 0 here."""
    report = skeleton(fmt, year)
    for rows in report["tables"].values():
        for row_id, value in rows.items():
            if isinstance(value, dict):
                rows[row_id] = {col: 0 if cell is None else cell for col, cell in value.items()}
            elif value is None:
                rows[row_id] = 0
    return report


def _format_of(rule, example) -> FormatDefinition:
    return get_format(example.get("format") or (rule.formats[0] if rule.formats else "gov-2014"))


def _encode(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, default=str).encode()


def _base_of(rule, example) -> dict[str, Any]:
    return apply_patch(example_base(_format_of(rule, example)), example.get("base") or {})


def _last_year(rule, example, report: dict, patch: dict):
    year = report["metadata"]["report_year"] - 1
    last = apply_patch(example_base(_format_of(rule, example), year), patch)
    return load_text("last-year.json", _encode(last))


def _run(rule, example, monkeypatch, *, bare: bool):
    """The rule's diagnostics on the example (bare=False) or on the base it patches
    (bare=True: no `report` or `previous` patch, no injected failure)."""
    if "raw" in example:
        raw, name, previous = example["raw"].encode(example.get("encoding", "utf-8")), "example" + example["suffix"], None
    else:
        base = _base_of(rule, example)
        report = base if bare else apply_patch(base, example["report"])
        raw, name = _encode(report), "example.json"
        previous = None
        if "previous" in example:
            previous = _last_year(rule, example, report, {} if bare else example["previous"])
    if example.get("inject") == "failing-check" and not bare:
        from golocheck.checks import cells

        def boom(ctx, rule):
            raise RuntimeError("injected failure")

        monkeypatch.setattr(cells.CellValueCheck, "run", staticmethod(boom))
    if example.get("inject") == "missing-reader" and not bare:
        import golocheck.importing

        readers = {kind: "golocheck.importing.readers.not_installed" for kind in golocheck.importing.READERS}
        monkeypatch.setattr(golocheck.importing, "READERS", readers)
    if example.get("inject") in ("unreadable-file", "crashed-worker") and not bare:
        diagnostics = _diagnostics_by_injection(example, raw, name)
    elif ("ledger" in example or "workbook" in example) and not bare:
        diagnostics = check_bytes(raw, name, previous=previous, settings=_with_ledger(example.get("ledger"), example.get("workbook")))
    else:
        diagnostics = check_bytes(raw, name, previous=previous)
    monkeypatch.undo()
    return diagnostics


def _with_ledger(text: str | None, workbook: dict | None = None):
    """Settings that give the example's ledger as ``--register ledger.csv`` (CSV text) or
    ``--register ledger.xlsx`` (rows of a workbook, and its hidden sheets)."""
    import tempfile

    from golocheck.ledger import read_ledgers
    from golocheck.settings import CheckSettings

    with tempfile.TemporaryDirectory() as directory:
        if workbook is None:
            path = Path(directory) / "ledger.csv"
            path.write_text(text, encoding="utf-8")
        else:
            import openpyxl

            path = Path(directory) / "ledger.xlsx"
            book = openpyxl.Workbook()
            for row in workbook["rows"]:
                book.active.append(row)
            for name in workbook.get("hidden", ()):
                book.create_sheet(name).sheet_state = "hidden"
            book.save(path)
        return CheckSettings(registers=read_ledgers([str(path)]))


def example_problems(rule, outcome: str, example, monkeypatch) -> list[str]:
    """What is wrong with one example (empty: it holds). Kept apart from the test so the
    runner itself can be tested on examples that must be refused."""
    if outcome == "pass":
        mine = [d for d in _run(rule, example, monkeypatch, bare=False) if d.code == rule.code]
        return [f"{rule.code} fired on a passing example at {[d.pointer for d in mine]}"] if mine else []
    problems = []
    if "raw" not in example:
        on_base = [d.pointer for d in _run(rule, example, monkeypatch, bare=True) if d.code == rule.code]
        if on_base:
            problems.append(f"the base already produces {rule.code} at {on_base}: give the example a `base:` patch where it does not")
    diagnostics = _run(rule, example, monkeypatch, bare=False)
    mine = [d for d in diagnostics if d.code == rule.code]
    if not mine:
        problems.append(f"{rule.code} did not fire on a failing example")
    if "at" not in example:
        problems.append("a failing example must say where the rule fires (`at:`)")
    elif Counter(d.pointer for d in mine) != Counter(example["at"]):
        problems.append(f"{rule.code} fired at {sorted(d.pointer for d in mine)}, the example says {sorted(example['at'])}")
    if "at_position" in example:
        found = Counter(f"{d.line}:{d.column}" for d in mine)
        if found != Counter(example["at_position"]):
            problems.append(f"{rule.code} fired at line:column {sorted(found)}, the example says {sorted(example['at_position'])}")
    for d in diagnostics:  # every placeholder of the message was given by the check
        if "{" in d.message.zh + d.message.en:
            problems.append(f"unfilled placeholder in {d.code}: {d.message}")
    return problems


def _routed(suffix: str) -> bool:
    """Does checking a file of this suffix import it? (golocheck.inputs routes documents;
    until it routes PDFs, their rules' examples run in tests/test_pdf_reader.py.)"""
    try:
        from golocheck.inputs import DOCUMENT_SUFFIXES
    except ImportError:
        return False
    return suffix in DOCUMENT_SUFFIXES


def _cases():
    for rule in RULES.values():
        for outcome in ("pass", "fail"):
            for index, example in enumerate(rule.examples[outcome]):
                marks = ()
                if example.get("suffix") == ".pdf" and not _routed(".pdf"):
                    marks = (pytest.mark.skip(reason="PDFs are not routed to the importer in this tree yet (see tests/test_pdf_reader.py)"),)
                yield pytest.param(rule, outcome, example, id=f"{rule.code}-{outcome}-{index}", marks=marks)


def _crash_on_example(job):
    """A worker for run_jobs that dies abruptly on the example file, as a killed process would."""
    import os

    from golocheck.run import run_job

    if job.display == "example.json":
        os._exit(70)
    return run_job(job)


def _diagnostics_by_injection(example, raw, name):
    """The file-level findings no file content can cause: the runner makes the situation."""
    import tempfile

    from golocheck.run import Job, run_in_processes, run_jobs

    folder = Path(tempfile.mkdtemp(prefix="golocheck-example-"))
    if example["inject"] == "unreadable-file":
        (folder / name).symlink_to(folder / "missing.json")
        return list(next(run_jobs([Job(folder / name, name, regular_only=True)])).diagnostics)
    (folder / name).write_bytes(raw)
    other = folder / "other.json"
    other.write_bytes(raw)
    results = list(run_in_processes([Job(folder / name, name), Job(other, "other.json")], 2, worker=_crash_on_example))
    return list(results[0].diagnostics)


def _documents_imported() -> bool:
    """Whether checking a document (a .txt file) imports it: until the import route is
    wired into check_bytes, a text file is parsed as a report file (F002 and the like)."""
    return not any(d.code.startswith("F") for d in check_bytes("# 报告\n".encode(), "probe.md"))


@pytest.mark.parametrize("rule, outcome, example", list(_cases()))
def test_rule_example(rule, outcome, example, monkeypatch):
    from golocheck.importing import IMPORT_SUFFIXES

    if example.get("suffix") in IMPORT_SUFFIXES and not _documents_imported():
        pytest.skip("documents are not imported by check_bytes in this build")
    assert example_problems(rule, outcome, example, monkeypatch) == []


# --- the runner refuses examples that would pass by accident -------------------------

T101 = RULES["T101"]
_T101_FAIL = {"tables": {"statistics": {"requests_received": 3, "requests_in_person": 1, "requests_online": 1}}}


def test_runner_refuses_a_failing_example_without_a_place(monkeypatch):
    assert example_problems(T101, "fail", {"report": _T101_FAIL}, monkeypatch) == ["a failing example must say where the rule fires (`at:`)"]


@pytest.mark.parametrize(
    "at",
    [["/tables/statistics/requests_in_person"], ["/tables/statistics/requests_received"] * 2, []],
    ids=["wrong-pointer", "wrong-count", "none"],
)
def test_runner_refuses_a_wrong_place_or_count(at, monkeypatch):
    assert example_problems(T101, "fail", {"report": _T101_FAIL, "at": at}, monkeypatch)
    assert example_problems(T101, "fail", {"report": _T101_FAIL, "at": ["/tables/statistics/requests_received"]}, monkeypatch) == []


def test_runner_refuses_a_base_that_already_fails(monkeypatch):
    base = {"tables": {"statistics": {"requests_received": 1}}}  # fires T101 before the example's own patch
    example = {"base": base, "report": _T101_FAIL, "at": ["/tables/statistics/requests_received"]}
    problems = example_problems(T101, "fail", example, monkeypatch)
    assert len(problems) == 1 and problems[0].startswith("the base already produces T101")


def test_runner_refuses_a_wrong_position_for_a_raw_file(monkeypatch):
    example = {"raw": "{\n  \"format\": \n", "suffix": ".json", "at": [""], "at_position": ["1:1"]}
    assert any("line:column" in p for p in example_problems(RULES["F002"], "fail", example, monkeypatch))


def test_rule_schema_requires_a_place_on_failing_examples_only():
    from jsonschema import Draft202012Validator

    from golocheck.catalogue import rule_schema

    schema = rule_schema()
    fail = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/failExample"})
    passing = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/passExample"})
    assert not fail.is_valid({"report": {}})
    assert fail.is_valid({"report": {}, "at": [""]})
    assert fail.is_valid({"raw": "", "suffix": ".json", "at": [""], "at_position": ["1:1"]})
    assert not fail.is_valid({"report": {}, "at": [""], "at_position": ["1:1"]})  # positions only for raw files
    assert not fail.is_valid({"raw": "", "suffix": ".json", "base": {}, "at": [""]})  # a raw file has no base
    assert passing.is_valid({"report": {}})
    assert not passing.is_valid({"report": {}, "at": [""]})


@pytest.mark.parametrize("format_id", ["gov-2014", "gov-2019", "gov-2021"])
def test_skeleton_is_clean(format_id):
    """The base every 'report' example is patched into has a valid structure and tables;
    only the content rules that read its placeholder text may fire (their failing examples
    give a `base:` patch where they do not, which test_rule_example checks)."""
    raw = _encode(example_base(get_format(format_id)))
    codes = {d.code for d in check_bytes(raw, "skeleton.json")}
    assert codes <= {"S104", "S105", "S106", "N009", "D002"}  # N009: the skeleton's placeholder text （待填写）
