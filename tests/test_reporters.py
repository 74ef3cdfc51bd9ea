"""The machine output formats (json, sarif, github, gitlab, junit) on every sample
report and on hand-made diagnostics that lack spans and labels, and write_atomic."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from golocheck import __version__
from golocheck.catalogue import load_catalogue, ruleset_version
from golocheck.diagnostics import Diagnostic, Location, Severity, Span, Text
from golocheck.engine import Selection
from golocheck.reporters import REPORTERS, ReportOptions, get_reporter, render_text
from golocheck.outcome import write_atomic
from golocheck.run import FileResult, check_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    str(p.relative_to(ROOT)).replace(os.sep, "/")
    for p in (ROOT / "sample_reports").rglob("*")
    if p.suffix in (".json", ".yaml", ".yml")
)
MACHINE = ["json", "sarif", "github", "gitlab", "junit"]
GOLOG = "sample_reports/golog-2018.json"


@pytest.fixture(scope="module")
def checked():
    """Results per sample, checked from the project root with relative paths (as the CLI is used)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return {s: check_paths([Path(s)], Selection())[0] for s in SAMPLES}


@pytest.fixture(scope="module")
def all_results(checked):
    return [checked[s] for s in SAMPLES]


def render(fmt: str, results, lang: str = "zh", selection=None, **options) -> str:
    """As outcome.report renders: the catalogue and options passed in, the results as a
    generator (a reporter consumes them once), GitHub's step summary from the environment."""
    from golocheck.outcome import AppendOnWrite

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    step_summary = AppendOnWrite(summary) if summary else None
    from golocheck.explain import explain_rule

    report_options = ReportOptions(lang=lang, ruleset_version=ruleset_version(), selections=selection, step_summary=step_summary,
                                   explain=explain_rule, **options)
    try:
        return render_text(fmt, (r for r in results), load_catalogue(), report_options)
    finally:
        if step_summary is not None:
            step_summary.close()


def diag(code="T107", severity=Severity.ERROR, file="r.json", pointer="/a", span=None, label=None, related=(), message=None, args=None):
    rule = load_catalogue().get(code)
    return Diagnostic(
        code=code,
        name=rule.name if rule else "custom-rule",
        severity=severity,
        file=file,
        location=Location(pointer, label, span),
        message=message or Text("消息", "message"),
        title=Text("标题", "title"),
        basis=Text("依据", "basis"),
        args=MappingProxyType(args or {}),
        related=related,
    )


@pytest.fixture
def awkward():
    """Diagnostics every format must survive: no span, no label, a related place in
    another file without span, exotic arguments, characters that need escaping."""
    odd = diag(
        code="X001",
        file="dir\\报告, v2:final.json",
        pointer="",
        message=Text("100% 错误\n第二行 ::error::注入 <b>|</b> \x07", "100% wrong\n::error::injected"),
        args={"value": Decimal("1.50"), "text": Text("甲", "A"), "nan": float("nan"), "items": (1, Decimal("2"))},
        related=(Location("/b", None, None, "last-year.json"), Location("/c", Text("丙", "C"), Span(3, 1, 3, 4))),
    )
    custom = diag(code="Z999", severity=Severity.INFO, pointer="/z", span=Span(2, 5, 4, 1))
    return [FileResult("dir\\报告, v2:final.json", None, (odd,)), FileResult("r.json", "{}", (custom,)), FileResult("clean.json", "{}", ())]


# ---------------------------------------------------------------- all formats


def test_every_format_is_registered():
    for name in ["full", "concise", *MACHINE]:
        assert callable(get_reporter(name).render), name
    assert set(MACHINE) <= set(REPORTERS)


@pytest.mark.parametrize("fmt", MACHINE)
def test_output_is_deterministic(fmt, all_results):
    first = render(fmt, all_results)
    assert first == render(fmt, all_results)
    assert "T107" in first


@pytest.mark.parametrize("fmt", MACHINE)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_awkward_diagnostics_do_not_crash(fmt, lang, awkward, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render(fmt, awkward, lang)
    assert "X001" in text and "Z999" in text


# ---------------------------------------------------------------- json


@pytest.fixture(scope="module")
def output_validator():
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("sample", SAMPLES)
def test_json_validates_against_published_schema(sample, checked, output_validator):
    document = json.loads(render("json", [checked[sample]]))
    errors = list(output_validator.iter_errors(document))
    assert not errors, errors[0].message


def test_json_schema_rejects_wrong_documents(checked, output_validator):
    good = json.loads(render("json", [checked[GOLOG]]))
    assert output_validator.is_valid(good)
    t107 = next(i for i, d in enumerate(good["diagnostics"]) if d["code"] == "T107")
    broken = [
        lambda d: d["diagnostics"][t107].__setitem__("severity", "fatal"),
        lambda d: d["diagnostics"][t107].pop("pointer"),
        lambda d: d["diagnostics"][t107].__setitem__("surprise", 1),
        lambda d: d["diagnostics"][t107]["message"].pop("en"),
        lambda d: d["diagnostics"][t107]["related"][0].__setitem__("line", 0),
        lambda d: d["diagnostics"][t107]["related"][0].__setitem__("surprise", 1),
        lambda d: d["diagnostics"][t107].__setitem__("message_args", []),
        lambda d: d["diagnostics"][t107].__setitem__("help", "https://example.com"),
        lambda d: d["summary"].__setitem__("error", "1"),
        lambda d: d.__setitem__("schema_version", "2"),
    ]
    for index, breaking in enumerate(broken):
        document = json.loads(json.dumps(good))
        breaking(document)
        assert not output_validator.is_valid(document), index


def test_json_envelope(all_results):
    document = json.loads(render("json", all_results))
    assert list(document) == ["schema_version", "tool", "summary", "files", "diagnostics"]
    assert document["tool"] == {"name": "golocheck", "version": __version__, "ruleset_version": ruleset_version()}
    diagnostics = [d for r in all_results for d in r.diagnostics]
    summary = document["summary"]
    assert summary["files"] == len(SAMPLES) and [f["path"] for f in document["files"]] == SAMPLES
    assert summary["files_with_findings"] == sum(1 for r in all_results if r.diagnostics) < len(SAMPLES)
    for severity in ("error", "warning", "info"):
        assert summary[severity] == sum(d.severity.value == severity for d in diagnostics)
    assert sum(summary["by_rule"].values()) == len(diagnostics) and list(summary["by_rule"]) == sorted(summary["by_rule"])
    assert [(d["code"], d["file"], d["pointer"]) for d in document["diagnostics"]] == [(d.code, d.file, d.pointer) for d in diagnostics]
    t107 = next(d for d in document["diagnostics"] if d["code"] == "T107" and d["file"] == GOLOG)
    assert list(t107) == ["code", "name", "severity", "message", "message_args", "file", "pointer", "line", "column",
                          "end_line", "end_column", "place", "label", "title", "basis", "help", "related"]
    assert (t107["line"], t107["column"], t107["end_line"], t107["end_column"]) == (105, 22, 105, 25)
    assert t107["message"]["en"] == "full-time staff 7 + part-time staff 195 = 202 ≠ disclosure staff 195"
    assert t107["message_args"]["parts_expr"] == {"zh": "专职人员数 7 + 兼职人员数 195", "en": "full-time staff 7 + part-time staff 195"}
    assert t107["help"] == "golocheck explain T107"
    assert [r["pointer"] for r in t107["related"]] == ["/tables/statistics/staff_full_time", "/tables/statistics/staff_part_time"]
    assert t107["related"][0]["line"] == 106


def test_json_arguments_and_missing_places(awkward, output_validator):
    document = json.loads(render("json", awkward))
    assert output_validator.is_valid(document), next(output_validator.iter_errors(document)).message
    odd = document["diagnostics"][0]
    assert odd["message_args"] == {"value": "1.50", "text": {"zh": "甲", "en": "A"}, "nan": "nan", "items": [1, "2"]}
    assert odd["line"] is None and odd["label"] is None and odd["file"] == "dir/报告, v2:final.json"
    assert odd["related"][0] == {"file": "last-year.json", "pointer": "/b", "line": None, "column": None,
                                 "end_line": None, "end_column": None, "place": None, "label": None}
    assert odd["related"][1]["file"] == odd["file"] and odd["related"][1]["label"] == {"zh": "丙", "en": "C"}


# ---------------------------------------------------------------- sarif


@pytest.fixture(scope="module")
def sarif_validator():
    from jsonschema.validators import validator_for

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"  # the official schema is draft-04
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


_URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _assert_sarif_valid(log, validator):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"
    for result in log["runs"][0]["results"]:
        for location in result["locations"] + result.get("relatedLocations", []):
            assert _URI_REFERENCE.match(location["physicalLocation"]["artifactLocation"]["uri"])


@pytest.mark.parametrize("sample", SAMPLES)
def test_sarif_validates_against_official_schema(sample, checked, sarif_validator):
    log = json.loads(render("sarif", [checked[sample]]))
    _assert_sarif_valid(log, sarif_validator)
    assert len(log["runs"][0]["results"]) == len(checked[sample].diagnostics)


def test_sarif_schema_check_is_not_vacuous(checked, sarif_validator):
    log = json.loads(render("sarif", [checked[GOLOG]]))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(log)


def test_sarif_content(all_results):
    log = json.loads(render("sarif", all_results, "en"))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints" and run["language"] == "en-US"
    driver = run["tool"]["driver"]
    assert driver["name"] == "golocheck" and driver["version"] == driver["semanticVersion"] == __version__
    codes = sorted({d.code for r in all_results for d in r.diagnostics})
    assert [rule["id"] for rule in driver["rules"]] == codes
    catalogue = load_catalogue()
    t107_rule = driver["rules"][codes.index("T107")]
    assert t107_rule["shortDescription"]["text"] == catalogue["T107"].title.en
    assert t107_rule["help"]["text"].startswith("T107 staff-full-and-part-time")
    assert t107_rule["defaultConfiguration"]["level"] == "error"
    assert t107_rule["properties"]["tags"] == list(catalogue["T107"].groups)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    diagnostics = [d for r in all_results for d in r.diagnostics]
    for d, result in zip(diagnostics, run["results"], strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == d.code
        assert result["level"] == levels[d.severity.value]
    t107 = next(r for r in run["results"] if r["ruleId"] == "T107" and GOLOG in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert t107["message"]["text"] == "full-time staff 7 + part-time staff 195 = 202 ≠ disclosure staff 195"
    location = t107["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": GOLOG}, "region": {"startLine": 105, "startColumn": 22, "endLine": 105, "endColumn": 25}}
    assert location["logicalLocations"] == [{"fullyQualifiedName": "/tables/statistics/staff_total", "kind": "value"}]
    assert [r["id"] for r in t107["relatedLocations"]] == [1, 2]
    assert t107["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 106
    fingerprints = [r["partialFingerprints"]["golocheck/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_without_positions(awkward, sarif_validator):
    log = json.loads(render("sarif", awkward))
    _assert_sarif_valid(log, sarif_validator)
    odd, custom = log["runs"][0]["results"]
    assert odd["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "dir/%E6%8A%A5%E5%91%8A%2C%20v2%3Afinal.json"}}
    assert "logicalLocations" not in odd["locations"][0]  # the whole file: no pointer to show
    assert odd["relatedLocations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "last-year.json"}}
    assert "message" not in odd["relatedLocations"][0] and odd["relatedLocations"][1]["message"] == {"text": "丙"}
    assert custom["level"] == "note" and log["runs"][0]["tool"]["driver"]["rules"][custom["ruleIndex"]]["id"] == "Z999"


# ---------------------------------------------------------------- gitlab


def test_gitlab_report(all_results):
    issues = json.loads(render("gitlab", all_results))
    diagnostics = [d for r in all_results for d in r.diagnostics]
    assert len(issues) == len(diagnostics)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert json.loads(render("gitlab", all_results)) == issues
    severities = {"error": "critical", "warning": "minor", "info": "info"}
    for d, issue in zip(diagnostics, issues):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == d.code and issue["severity"] == severities[d.severity.value]
        assert issue["location"]["path"] == d.file and issue["location"]["positions"]["begin"]["line"] == d.line
    t107 = next(i for i in issues if i["check_name"] == "T107" and i["location"]["path"] == GOLOG)
    assert t107["location"]["positions"] == {"begin": {"line": 105, "column": 22}, "end": {"line": 105, "column": 25}}
    assert t107["description"].endswith("(/tables/statistics/staff_total)")


def test_gitlab_fingerprints_survive_a_line_shift(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = Path("hongze-2023.json")
    original = (ROOT / "sample_reports" / "hongze-2023.json").read_text(encoding="utf-8")
    report.write_text(original, encoding="utf-8")
    before = check_paths([report], Selection())
    report.write_text("\n\n\n" + original, encoding="utf-8")
    after = check_paths([report], Selection())
    assert [d.line + 3 for d in before[0].diagnostics] == [d.line for d in after[0].diagnostics]
    first, second = json.loads(render("gitlab", before)), json.loads(render("gitlab", after))
    assert len(first) > 1 and [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert first[0]["location"] != second[0]["location"]


def test_gitlab_fingerprints_unique_for_identical_triples():
    same = [diag(message=Text("甲", "a")), diag(message=Text("乙", "b")), diag(file="other.json")]
    issues = json.loads(render("gitlab", [FileResult("r.json", None, tuple(same[:2])), FileResult("other.json", None, (same[2],))]))
    assert len({i["fingerprint"] for i in issues}) == 3
    assert issues[0]["location"] == {"path": "r.json", "lines": {"begin": 1}}


# ---------------------------------------------------------------- github


def _many():
    severities = [Severity.ERROR] * 15 + [Severity.WARNING] * 12 + [Severity.INFO] * 3
    diagnostics = tuple(diag(severity=s, pointer=f"/p/{i}", span=Span(i + 1, 2, i + 1, 5)) for i, s in enumerate(reversed(severities)))
    return [FileResult("r.json", None, diagnostics)]


def _commands(text: str, kind: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"::{kind} ")]


def test_github_caps_annotations_and_writes_the_step_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    text = render("github", _many())
    assert (len(_commands(text, "error")), len(_commands(text, "warning")), len(_commands(text, "notice"))) == (10, 10, 3)
    lines = text.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations[0].startswith("::error ") and annotations[-1].startswith("::notice ")  # errors first
    assert "::notice::" not in text and "7 finding(s) not shown" not in text and "7 条发现未显示为注解" in text
    assert sum(1 for line in lines if line.startswith("r.json:")) == 30  # the full log
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## golocheck")
    rows = [line for line in written.splitlines() if line.startswith("| r.json:")]
    assert len(rows) == 30 and rows[0].endswith("| 提示 | 消息 |") and rows[-1] == "| r.json:30:2 | T107 staff-full-and-part-time | 错误 | 消息 |"
    assert "15 个错误，12 个警告，3 个提示" in written


def test_github_without_summary_says_how_many_were_dropped(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render("github", _many(), "en")
    assert text.splitlines()[-1] == "::notice::7 finding(s) not shown as annotations (GitHub shows at most 10 per type per step); all findings are in this step's log."
    many_info = [FileResult("r.json", None, tuple(diag(severity=Severity.INFO, pointer=f"/{i}") for i in range(12)))]
    text = render("github", many_info, "en")
    notices = [line for line in text.splitlines() if line.startswith("::notice")]
    assert len(notices) == 10 and notices[-1].startswith("::notice::3 finding(s)")  # 9 + the closing notice
    assert "::notice::" not in render("github", [FileResult("r.json", None, (diag(),))])


def test_github_annotation_fields_and_escaping(checked, awkward, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render("github", [checked[GOLOG]])
    assert ("::error file=sample_reports/golog-2018.json,line=105,col=22,endLine=105,endColumn=25,"
            "title=T107 staff-full-and-part-time::专职人员数 7 + 兼职人员数 195 = 202 ≠ 从事政府信息公开工作人员数 195%0A/tables/statistics/staff_total") in text.splitlines()
    text = render("github", awkward)
    error = _commands(text, "error")[0]
    assert error.startswith("::error file=dir/报告%2C v2%3Afinal.json,title=X001 internal-error::100%25 错误%0A第二行 ::error::注入")
    assert "line=" not in error
    notice = _commands(text, "notice")[0]
    assert "line=2,endLine=4,title=" in notice and "col=" not in notice  # multi-line value: no columns
    assert not [line for line in text.splitlines() if line.startswith("::error::")]  # no injected command
    from golocheck.reporters.github import escape_data, escape_property

    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_github_summary_cells_are_escaped(awkward, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render("github", awkward)
    row = next(line for line in summary.read_text(encoding="utf-8").splitlines() if "X001" in line)
    assert row.count(" | ") == 3 and "<br>" in row and "&lt;b&gt;\\|&lt;/b&gt;" in row


# ---------------------------------------------------------------- junit


def _suites(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    for key in ("tests", "failures", "skipped"):
        assert int(root.get(key)) == sum(int(s.get(key)) for s in root)
    return {suite.get("name"): suite for suite in root}


def test_junit_structure(all_results):
    suites = _suites(render("junit", all_results))
    assert list(suites) == SAMPLES
    catalogue = load_catalogue()
    for result in all_results:
        suite = suites[result.path]
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure")) == len({d.code for d in result.diagnostics})
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
        assert all(c.get("classname") == result.path for c in cases)
    golog = {c.get("name"): c for c in suites[GOLOG]}
    failure = golog["T107 staff-full-and-part-time"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "专职人员数 7 + 兼职人员数 195 = 202 ≠ 从事政府信息公开工作人员数 195"
    assert f"{GOLOG}:105:22 [错误]" in failure.text and "/tables/statistics/staff_total" in failure.text
    assert len(golog["T101 " + catalogue["T101"].name]) == 0  # ran and passed
    assert set(golog) == {f"{code} {rule.name}" for code, rule in catalogue.items()}  # every rule: passed, failed or skipped
    m004 = golog["M004 " + catalogue["M004"].name].find("skipped")  # M004 is for 2019/2021 only
    assert m004 is not None and m004.get("message") == "此规则不适用于格式 gov-2014，未运行"


def _skipped(suite) -> dict[str, str]:
    """Code -> the skipped message of each skipped case; passing cases are listed as None."""
    return {c.get("name").split()[0]: (c.find("skipped").get("message") if c.find("skipped") is not None else None)
            for c in suite if c.find("failure") is None}


def test_junit_unreadable_report_has_no_passing_case(checked):
    suite = _suites(render("junit", [checked["sample_reports/invalid/broken-syntax.json"]]))["sample_reports/invalid/broken-syntax.json"]
    cases = {c.get("name"): c for c in suite}
    assert cases["F003 invalid-json"].find("failure") is not None
    assert int(suite.get("skipped")) == len(cases) - 1 > 0
    assert set(_skipped(suite).values()) == {"报告无法读取，此规则未运行"}


def test_junit_skips_what_did_not_run_and_says_why(checked, tmp_path):
    """A rule passes only when it checked the report: a cross-year rule without --previous,
    a rule across reports, an importer's or a ledger's check, a rule of another format, and
    every rule on a report that was read but is not a mapping are skipped, each saying why."""
    golog = checked[GOLOG]
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (listed,) = check_paths([tmp_path / "list.json"], Selection())
    skipped = _skipped(_suites(render("junit", [golog], lang="en"))[GOLOG])
    assert skipped["Y002"] == skipped["Y004"] == "cross-year rule: no previous year's report (--previous); not run"
    assert skipped["A003"] == "rule across reports: runs only with --across or --aggregate, and not on this report"
    assert skipped["I010"] == "a check of importing: the report was not imported from a document; not run"
    assert skipped["L001"] == "a check of ledgers: no register kept as a spreadsheet (--register); not run"
    assert skipped["T101"] is None and skipped["F001"] is None  # they ran and passed
    suite = _suites(render("junit", [listed]))[str(tmp_path / "list.json").replace("\\", "/")]
    assert [c.get("name").split()[0] for c in suite if c.find("failure") is not None] == ["F007"]
    assert set(_skipped(suite).values()) == {"报告已读取但无法检查（过大、嵌套过深或不是对象），此规则未运行"}


def test_junit_selection_and_xml_escaping(checked, awkward):
    suite = _suites(render("junit", [checked[GOLOG]], selection=Selection(select=("T107",))))[GOLOG]
    # findings always a failure (the narrative N and deadline D findings of golog-2018 too; only S and T compared here);
    # the rules not selected are skipped, not passed
    assert [c.get("name") for c in suite if c.get("name")[0] in "ST" and c.find("failure") is not None] == ["S002 other-matters-section-missing", "T107 staff-full-and-part-time"]
    assert {m for code, m in _skipped(suite).items() if code[0] in "ST"} == {"未选用此规则（--select/--ignore 或配置），未运行"}
    by_path = _suites(render("junit", [checked[GOLOG]], selection={GOLOG: Selection(select=("S002",))}))[GOLOG]
    assert _skipped(by_path)["T101"] == "未选用此规则（--select/--ignore 或配置），未运行"
    assert _skipped(_suites(render("junit", [checked[GOLOG]], selection={}))[GOLOG])["T101"] is None  # no entry: every rule selected
    text = render("junit", awkward)
    assert "&lt;b&gt;|&lt;/b&gt;" in text and "\x07" not in text
    suites = _suites(text)
    failure = suites["dir/报告, v2:final.json"].find("testcase/failure")
    assert failure.get("message").endswith("<b>|</b> \\x07") and "第二行 ::error::注入" in failure.text
    assert suites["r.json"].find("testcase[@name='Z999 custom-rule']/failure").get("type") == "info"


# ---------------------------------------------------------------- write_atomic


def test_write_atomic_replaces_whole_files(tmp_path, monkeypatch):
    target = tmp_path / "out.sarif"
    write_atomic(target, "一\n")
    assert target.read_bytes() == "一\n".encode("utf-8")
    target.chmod(0o640)
    write_atomic(target, "二\r\n")
    assert target.read_bytes() == "二\r\n".encode("utf-8") and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.sarif"]

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, "三")
    assert target.read_bytes() == "二\r\n".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["out.sarif"]  # no temporary file left behind


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_the_ruleset_version_is_computed_for_exactly_the_outputs_that_show_it(fmt, all_results):
    """outcome.report skips the digest (hashlib, every rule file read) unless the reporter
    says it shows it: a reporter that shows it without saying so would print an empty one."""
    from golocheck.reporters import get_reporter

    from helpers import rendered

    text = rendered(fmt, all_results, load_catalogue(), ReportOptions(ruleset_version="rs-0123456789"))
    assert ("rs-0123456789" in text) == getattr(get_reporter(fmt), "USES_RULESET_VERSION", False)


def test_github_log_line_of_a_file_named_like_a_command_runs_no_command(monkeypatch):
    """The full log's plain line starts with the file's name: a file named ``::error::x``
    would make it a workflow command (found by the fuzz tests). It is indented instead."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    text = render("github", [FileResult("::error::x.json", None, (diag(file="::error::x.json"),))], "en")
    plain = [line for line in text.splitlines() if "::error::x.json" in line and not line.startswith("::error file=")]
    assert plain and all(line.startswith(" ::error::x.json") for line in plain)
    assert not [line for line in text.splitlines() if line.startswith("::error::")]


def test_summaries_do_not_count_a_file_that_was_not_checked(checked, tmp_path):
    """A file read but not checkable (not a mapping) or not read at all is said apart in the
    summary lines and the JSON output, never counted among the files checked."""
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (listed,) = check_paths([tmp_path / "list.json"], Selection())
    results = [checked["sample_reports/clean-gov-2014.json"], listed, checked["sample_reports/invalid/broken-syntax.json"]]
    assert render("concise", results).splitlines()[-1] == "检查了 1 个文件：2 个错误，0 个警告，0 个提示；另有 2 个文件未能检查（见其错误）"
    assert render("full", results, lang="en").splitlines()[-1].startswith("1 file(s) checked: 2 error(s)")
    document = json.loads(render("json", results))
    assert (document["summary"]["files"], document["summary"]["files_not_checked"]) == (3, 2)
    assert [f["checked"] for f in document["files"]] == [True, False, False]
    from golocheck.reporters.xlsx import status

    assert [status(r) for r in results] == ["status_clean", "status_unchecked", "status_unchecked"]
