"""Every rule's documented examples, run by golocheck.rule_examples (the runner
`golocheck test-rules` uses too, whose docstring states what each example must prove)."""

from __future__ import annotations

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.formats import get_format
from golocheck.rule_examples import encode_report, example_base, example_problems

RULES = load_catalogue()


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


@pytest.mark.parametrize("format_id", ["gov-2014", "gov-2019", "gov-2021", "fujian-2008"])
def test_skeleton_is_clean(format_id):
    """The base every 'report' example is patched into has a valid structure and tables;
    only the content rules that read its placeholder text may fire (their failing examples
    give a `base:` patch where they do not, which test_rule_example checks)."""
    raw = encode_report(example_base(get_format(format_id)))
    codes = {d.code for d in check_bytes(raw, "skeleton.json")}
    assert codes <= {"S104", "S105", "S106", "N009", "D002"}  # N009: the skeleton's placeholder text （待填写）
