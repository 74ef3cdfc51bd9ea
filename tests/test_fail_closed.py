"""Fail closed: nothing that was not read or checked passes.

A document that is not a report, a load or structure problem hidden by a selection or a
suppression, an unusable previous report, a malformed suppression, an unfilled table, a
baseline that swallows a new wrong figure: each must be reported, with its code and place.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from golocheck import check
from golocheck.api import check_bytes
from golocheck.engine import Selection
from helpers import ROOT, run_cli

CLEAN = ROOT / "sample_reports/clean-gov-2014.json"
HONGZE_2023 = ROOT / "sample_reports/hongze-2023.json"
HONGZE_2024 = ROOT / "sample_reports/hongze-2024.json"


def findings(result) -> list[tuple[str, str]]:
    """(code, pointer) of every finding of a --output-format json run."""
    document = json.loads(result.stdout)
    return [(d["code"], d["pointer"]) for d in document["diagnostics"]]


def json_run(*args: str, input: bytes | None = None):
    return run_cli("--output-format", "json", *args, input=input)


def clean_report() -> dict:
    return json.loads(CLEAN.read_text(encoding="utf-8"))


def write(path: Path, report) -> Path:
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path


# -- 1. a document that is not a report ------------------------------------------------

@pytest.mark.parametrize(
    "name, raw, expected",
    [
        ("r.json", b"null", [("F010", "")]),
        ("r.yaml", b"null\n", [("F010", "")]),
        ("r.yaml", b"~\n", [("F010", "")]),
        ("r.yaml", b"---\n", [("F010", "")]),
        ("r.yaml", b"NULL\n", [("F010", "")]),
        ("r.json", b"\xef\xbb\xbfnull", [("F010", "")]),
        # explicit tags are refused before any value is built (F004), and no report is left
        ("r.yaml", b'!!null ""\n', [("F004", ""), ("F007", "")]),
    ],
)
def test_a_null_document_is_a_finding(tmp_path, name, raw, expected):
    (tmp_path / name).write_bytes(raw)
    result = json_run(str(tmp_path / name))
    assert result.returncode == 1
    assert findings(result) == expected


def test_null_on_standard_input_is_a_finding():
    result = json_run("-", input=b"null")
    assert result.returncode == 1 and findings(result) == [("F010", "")]


def test_an_empty_mapping_lacks_every_required_item(tmp_path):
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    result = json_run(str(tmp_path / "r.json"))
    assert result.returncode == 1
    assert set(findings(result)) == {("F007", "/format"), ("F007", "/metadata"), ("F007", "/sections"), ("F007", "/tables")}


# -- 1. load and structure findings whatever the selection or a suppression say ----------

def test_a_selection_does_not_hide_a_syntax_error(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    result = json_run("--select", "T", str(tmp_path / "broken.json"))
    assert result.returncode == 1 and [code for code, _ in findings(result)] == ["F003"]


def test_ignoring_an_unknown_format_does_not_hide_it(tmp_path):
    report = clean_report()
    report["format"] = "gov-2104"
    result = json_run("--ignore", "F008", str(write(tmp_path / "r.json", report)))
    assert result.returncode == 1 and ("F008", "/format") in findings(result)


def test_ignoring_m004_does_not_hide_the_structure_error_it_explains():
    result = json_run("--ignore", "M004", str(HONGZE_2024))
    assert result.returncode == 1 and ("M004", "/tables/requests/other") in findings(result)


def test_a_configured_severity_does_not_lower_a_structure_error(tmp_path):
    report = clean_report()
    del report["metadata"]["issuer"]
    write(tmp_path / "r.json", report)
    (tmp_path / "golocheck.toml").write_text('[severity]\nF007 = "info"\n', encoding="utf-8")
    result = run_cli("--output-format", "json", "r.json", cwd=tmp_path)
    document = json.loads(result.stdout)
    [f007] = [d for d in document["diagnostics"] if d["code"] == "F007"]
    assert result.returncode == 1 and f007["severity"] == "error" and f007["pointer"] == "/metadata/issuer"


def test_a_report_cannot_suppress_its_own_structure_errors(tmp_path):
    report = clean_report()
    del report["tables"]
    del report["metadata"]["issuer"]
    report["suppressions"] = [{"code": "F007", "reason": "以后补上"}]
    result = json_run(str(write(tmp_path / "r.json", report)))
    found = findings(result)
    assert result.returncode == 1
    assert ("F007", "/tables") in found and ("F007", "/metadata/issuer") in found
    assert ("Q003", "/suppressions/0/code") in found  # and the entry itself is said to be invalid


def test_a_report_cannot_suppress_a_structure_error_by_rule_name(tmp_path):
    report = clean_report()
    del report["metadata"]["issuer"]
    report["suppressions"] = [{"code": "structure-error", "reason": "以后补上"}]
    found = {d.code: d.pointer for d in check(write(tmp_path / "r.json", report))}
    assert found["F007"] == "/metadata/issuer" and found["Q003"] == "/suppressions/0/code"


def test_the_library_selection_does_not_hide_a_load_problem():
    diagnostics = check_bytes(b'{"format": ', "broken.json", selection=Selection(select=("T",), ignore=("F",)))
    assert [d.code for d in diagnostics] == ["F003"]


def test_explain_says_a_structure_rule_is_always_reported():
    for lang, phrase in (("zh", "一律报告"), ("en", "Always reported")):
        assert phrase in run_cli("explain", "F007", "--lang", lang).stdout.decode()
    assert "Always reported" not in run_cli("explain", "T107", "--lang", "en").stdout.decode()


# -- 1. --previous that cannot be used -------------------------------------------------

def _previous_findings(this: Path, previous: Path, *args: str):
    result = json_run("--select", "Y", *args, "--previous", str(previous), str(this))
    return result.returncode, [f for f in findings(result) if f[0][0] == "Y"]


@pytest.mark.parametrize("raw", [b'{"format": ', b"null", b"[1, 2]"])
def test_a_broken_or_null_previous_report_is_a_finding(tmp_path, raw):
    (tmp_path / "last.json").write_bytes(raw)
    returncode, found = _previous_findings(HONGZE_2024, tmp_path / "last.json")
    assert returncode == 1 and found == [("Y004", "")]


def test_another_bodys_report_as_previous_is_a_finding(tmp_path):
    last = json.loads(HONGZE_2023.read_text(encoding="utf-8"))
    last["metadata"]["issuer"] = "淮安市淮阴区人民政府"
    result = json_run("--select", "Y", "--previous", str(write(tmp_path / "last.json", last)), str(HONGZE_2024))
    document = json.loads(result.stdout)
    [y004] = [d for d in document["diagnostics"] if d["code"] == "Y004"]
    assert result.returncode == 1 and y004["pointer"] == "/metadata/issuer"
    assert "淮安市淮阴区人民政府" in y004["message"]["zh"] and y004["severity"] == "error"


def test_a_previous_report_of_another_year_is_an_error(tmp_path):
    last = json.loads(HONGZE_2023.read_text(encoding="utf-8"))
    last["metadata"]["report_year"] = 2021
    returncode, found = _previous_findings(HONGZE_2024, write(tmp_path / "last.json", last))
    assert returncode == 1 and found == [("Y003", "/metadata/report_year")]


def test_an_unusable_previous_report_is_reported_whatever_the_selection(tmp_path):
    (tmp_path / "last.json").write_text("null", encoding="utf-8")
    returncode, found = _previous_findings(HONGZE_2024, tmp_path / "last.json", "--ignore", "Y004")
    assert returncode == 1 and found == [("Y004", "")]


def test_the_real_previous_year_is_still_compared():
    returncode, found = _previous_findings(HONGZE_2024, HONGZE_2023)
    assert found == []


# -- 1. malformed suppressions ----------------------------------------------------------

STAFF_WRONG = {"staff_total": 195, "staff_full_time": 7, "staff_part_time": 195}


@pytest.mark.parametrize(
    "entry, pointer",
    [
        ({"code": "T107", "reason": "限期整改", "expires": "2999-02-30"}, "/suppressions/0/expires"),
        ({"code": "T107", "reason": "限期整改", "expires": "29991231"}, "/suppressions/0/expires"),
        ({"code": "T107", "reason": "限期整改", "expires": 29991231}, "/suppressions/0/expires"),
        ({"code": "T107", "reason": "限期整改", "expires": ["2999-12-31"]}, "/suppressions/0/expires"),
        ({"code": "T107", "reason": "   "}, "/suppressions/0/reason"),
        ({"code": "T107", "reason": ""}, "/suppressions/0/reason"),
        ({"code": "T107", "reason": "原表如此", "pointer": 5}, "/suppressions/0/pointer"),
    ],
)
def test_a_malformed_suppression_is_a_finding_and_suppresses_nothing(tmp_path, entry, pointer):
    report = clean_report()
    report["tables"]["statistics"].update(STAFF_WRONG)
    report["suppressions"] = [entry]
    result = json_run(str(write(tmp_path / "r.json", report)))
    found = findings(result)
    assert result.returncode == 1
    assert ("T107", "/tables/statistics/staff_total") in found  # not suppressed
    assert [f for f in found if f[0] in ("Q003", "F007") and f[1].startswith("/suppressions")] == [("Q003", pointer)]


def test_a_valid_suppression_still_suppresses(tmp_path):
    report = clean_report()
    report["tables"]["statistics"].update(STAFF_WRONG)
    report["suppressions"] = [{"code": "T107", "reason": "原表如此", "expires": "2999-12-31"}]
    result = json_run(str(write(tmp_path / "r.json", report)))
    assert result.returncode == 0 and [f for f in findings(result) if f[0][0] in "QT"] == []


# -- 6. baselines never hide a new error ------------------------------------------------

def _with_text(report: dict, old: str, new: str) -> dict:
    report["sections"][0]["text"] = report["sections"][0]["text"].replace(old, new)
    return report


def _baseline_then_check(tmp_path, before: dict, after: dict) -> list[tuple[str, str, str]]:
    write(tmp_path / "r.json", before)
    assert run_cli("--write-baseline", "base.json", "r.json", cwd=tmp_path).returncode == 0
    assert run_cli("--baseline", "base.json", "r.json", cwd=tmp_path).returncode == 0
    write(tmp_path / "r.json", after)
    result = run_cli("--output-format", "json", "--baseline", "base.json", "r.json", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert result.returncode == (1 if document["diagnostics"] else 0)
    return [(d["code"], d["pointer"], d["message_args"]["figure"]) for d in document["diagnostics"]]


def test_a_new_wrong_figure_in_a_baselined_text_is_reported(tmp_path):
    # one wrong figure in section 一 is baselined; a second one, earlier in the same text,
    # has the same code and pointer: it is new, the baselined one stays left out
    before = _with_text(clean_report(), "政务微博公开80条", "政务微博公开81条")
    after = _with_text(copy.deepcopy(before), "主动公开政府信息1260条", "主动公开政府信息1261条")
    assert _baseline_then_check(tmp_path, before, after) == [("N001", "/sections/0/text", "1261条")]


def test_a_wrong_figure_in_place_of_a_corrected_one_is_reported(tmp_path):
    # the baselined wrong figure is corrected and another goes wrong in the same text
    before = _with_text(clean_report(), "政务微博公开80条", "政务微博公开81条")
    after = _with_text(clean_report(), "政务微信公开120条", "政务微信公开121条")
    assert _baseline_then_check(tmp_path, before, after) == [("N001", "/sections/0/text", "121条")]


def test_a_baselined_figure_stays_baselined_when_the_text_moves(tmp_path):
    report = _with_text(clean_report(), "主动公开政府信息1260条", "主动公开政府信息1261条")
    write(tmp_path / "r.json", report)
    assert run_cli("--write-baseline", "base.json", "r.json", cwd=tmp_path).returncode == 0
    report["sections"][0]["text"] = "（一）概况。" + report["sections"][0]["text"]  # the offset moves, the figure does not change
    write(tmp_path / "r.json", report)
    assert run_cli("--baseline", "base.json", "r.json", cwd=tmp_path).returncode == 0


def test_a_baseline_does_not_hide_a_structure_error(tmp_path):
    (tmp_path / "r.json").write_text('{"format": ', encoding="utf-8")
    assert run_cli("--write-baseline", "base.json", "r.json", cwd=tmp_path).returncode == 0
    result = run_cli("--output-format", "json", "--baseline", "base.json", "r.json", cwd=tmp_path)
    assert result.returncode == 1 and [code for code, _ in findings(result)] == ["F003"]


def test_a_version_1_baseline_is_refused_with_a_clear_error(tmp_path):
    write(tmp_path / "r.json", clean_report())
    (tmp_path / "base.json").write_text(json.dumps({"baseline_version": 1, "findings": []}), encoding="utf-8")
    result = run_cli("--baseline", "base.json", "r.json", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and stderr.startswith("golocheck: error: base.json: baseline version 1") and "--write-baseline" in stderr
    assert stderr.count("\n") == 1


# -- 1. a table without a single figure --------------------------------------------------

@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_an_unfilled_init_skeleton_does_not_pass(tmp_path, suffix):
    from golocheck.formats import get_format

    target = tmp_path / f"new{suffix}"
    assert run_cli("init", "--format", "gov-2021", "--year", "2025", "--issuer", "示例县人民政府", "--kind", "government", "-o", str(target)).returncode == 0
    result = json_run(str(target))
    tables = {f"/tables/{table.id}" for table in get_format("gov-2021").tables}
    assert result.returncode == 1
    assert {pointer for code, pointer in findings(result) if code == "V008"} == tables


def _empty_table_pointers(report: dict) -> list[str]:
    raw = json.dumps(report, ensure_ascii=False).encode()
    return [d.pointer for d in check_bytes(raw, "r.json") if d.code == "V008"]


def test_a_table_of_not_applicable_marks_holds_no_figure():
    report = clean_report()
    report["tables"]["statistics"] = {row: "/" for row in report["tables"]["statistics"]}
    assert _empty_table_pointers(report) == ["/tables/statistics"]


def test_a_table_of_blanks_and_marks_holds_no_figure():
    report = clean_report()
    rows = list(report["tables"]["statistics"])
    report["tables"]["statistics"] = {row: (None if i % 2 else "—") for i, row in enumerate(rows)}
    assert _empty_table_pointers(report) == ["/tables/statistics"]


def test_zeros_are_figures():
    report = clean_report()
    report["tables"]["statistics"] = {row: 0 for row in report["tables"]["statistics"]}
    report["tables"]["statistics"]["staff_total"] = None  # and one blank cell does not make a table empty
    assert _empty_table_pointers(report) == []


@pytest.mark.parametrize(
    "entry, problem",
    [
        ('reason = "  "', "reason"),
        ('reason = "整改中"\nexpires = 20991231', "expires"),
        ('reason = "整改中"\nexpires = "2099-02-30"', "expires"),
    ],
    ids=["blank-reason", "number-expiry", "impossible-date"],
)
def test_a_malformed_configuration_suppression_is_a_configuration_error(tmp_path, entry, problem):
    """In configuration a bad suppression is a one-line configuration error (exit 2): it never suppresses."""
    report = write(tmp_path / "r.json", json.loads((ROOT / "sample_reports" / "golog-2018.json").read_text(encoding="utf-8")))
    (tmp_path / "golocheck.toml").write_text(f'[[suppress]]\nfiles = "*.json"\ncode = "T107"\n{entry}\n', encoding="utf-8")
    result = run_cli(str(report))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and f"suppress.0.{problem}" in lines[0]
    assert b"T107" not in result.stdout


def test_a_valid_configuration_suppression_still_suppresses(tmp_path):
    report = write(tmp_path / "r.json", json.loads((ROOT / "sample_reports" / "golog-2018.json").read_text(encoding="utf-8")))
    (tmp_path / "golocheck.toml").write_text('[[suppress]]\nfiles = "*.json"\ncode = "T107"\nreason = "整改中"\nexpires = 2099-12-31\n', encoding="utf-8")
    result = run_cli("--output-format", "concise", str(report))
    assert result.returncode == 1 and b"T107" not in result.stdout
