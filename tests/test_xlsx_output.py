"""--output-format xlsx: the workbook of a batch reads back, with openpyxl, with exactly the
findings of the JSON output of the same batch; one row per report with its counts and
status; frozen headers, autofilters, widths, zh/en; text from a report never a formula."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from golocheck.catalogue import load_catalogue
from golocheck.diagnostics import Diagnostic, Location, Severity, Text
from golocheck.reporters import ReportOptions, render_bytes, render_text
from golocheck.run import FileResult, check_paths
from helpers import ROOT

SAMPLES = sorted(p for p in (ROOT / "sample_reports").rglob("*") if p.suffix in (".json", ".yaml", ".yml"))
SEVERITY = {"zh": {"错误": "error", "警告": "warning", "提示": "info"}, "en": {"error": "error", "warning": "warning", "info": "info"}}


@pytest.fixture(scope="module")
def batch():
    """Every sample report, checked once (relative paths, as the command line shows them)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return check_paths([p.relative_to(ROOT) for p in SAMPLES])


def sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.fixture(scope="module")
def books(batch):
    catalogue = load_catalogue()
    return {lang: render_bytes("xlsx", iter(batch), catalogue, ReportOptions(lang=lang)) for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_has_exactly_the_findings_of_the_json_output(batch, books, lang):
    document = json.loads(render_text("json", iter(batch), load_catalogue(), ReportOptions()))
    book = openpyxl.load_workbook(io.BytesIO(books[lang]))
    reports_name, findings_name = ("报告", "问题") if lang == "zh" else ("Reports", "Findings")
    assert book.sheetnames == [reports_name, findings_name]
    file, code, severity, pointer, message = (("文件", "代码", "严重程度", "JSON 指针", "消息") if lang == "zh"
                                              else ("file", "code", "severity", "pointer", "message"))
    found = Counter((r[file], r[code], SEVERITY[lang][r[severity]], r[pointer] or "", r[message])
                    for r in sheet_rows(book[findings_name]))
    expected = Counter((d["file"], d["code"], d["severity"], d["pointer"], d["message"][lang]) for d in document["diagnostics"])
    assert found == expected and sum(found.values()) == len(document["diagnostics"]) > 50
    reports = sheet_rows(book[reports_name])
    assert [r[file] for r in reports] == [f["path"] for f in document["files"]]
    errors = "错误" if lang == "zh" else "errors"
    assert sum(r[errors] for r in reports) == document["summary"]["error"]


def test_each_report_has_its_issuer_year_format_counts_and_status(books):
    reports = {r["file"]: r for r in sheet_rows(openpyxl.load_workbook(io.BytesIO(books["en"]))["Reports"])}
    golog = reports["sample_reports/golog-2018.json"]
    assert (golog["issuer"], golog["year"], golog["format"], golog["status"]) == ("果洛州人民政府办公室", 2018, "gov-2014", "errors")
    assert golog["errors"] >= 1
    clean = reports["sample_reports/clean-gov-2021.json"]
    assert (clean["errors"], clean["warnings"], clean["infos"], clean["status"]) == (0, 0, 0, "clean")
    broken = reports["sample_reports/invalid/broken-syntax.json"]
    assert broken["status"] == "not checked" and broken["issuer"] is None and broken["errors"] >= 1


def test_headers_frozen_filtered_and_sized(books):
    book = openpyxl.load_workbook(io.BytesIO(books["zh"]))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:H{sheet.max_row}"
        assert all(sheet.column_dimensions[c].width >= 8 for c in "ABCDEFGH")
        assert all(cell.font.bold for cell in sheet[1])
    assert book["问题"].column_dimensions["G"].width > book["问题"].column_dimensions["C"].width  # messages get room


def test_the_same_findings_give_the_same_bytes(batch, books):
    """No time of the run inside (document dates, zip entry times)."""
    assert render_bytes("xlsx", iter(batch), load_catalogue(), ReportOptions(lang="zh")) == books["zh"]


def test_text_from_a_report_is_never_a_formula():
    """A report is untrusted: an issuer or a message that a spreadsheet would take for a
    formula (= + - @) is a string cell with the quote prefix, and the sheet has no formula."""
    rule = load_catalogue()["T107"]
    hostile = ['=HYPERLINK("http://evil.invalid","点击")', "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1\x07"]
    diagnostics = tuple(
        Diagnostic(code="T107", name=rule.name, severity=Severity.ERROR, file="r.json",
                   location=Location(f"/x/{i}"), message=Text(text, text), title=rule.title, basis=Text(text, text))
        for i, text in enumerate(hostile)
    )
    result = FileResult("=cmd|' /C calc'!A0.json", None, diagnostics, parsed=True, format_id="gov-2021", issuer="=2*3", year=2024)
    data = render_bytes("xlsx", iter([result]), load_catalogue(), ReportOptions(lang="en"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)
    book = openpyxl.load_workbook(io.BytesIO(data))
    messages = [row[6] for row in book["Findings"].iter_rows(min_row=2)]
    assert [c.value for c in messages] == [*hostile[:4], "=1+1\\x07"]  # a control character as \xNN
    assert all(c.data_type == "s" and c.quotePrefix for c in messages)
    issuer = book["Reports"]["B2"]
    assert issuer.value == "=2*3" and issuer.data_type == "s" and issuer.quotePrefix
    assert book["Reports"]["A2"].value == "=cmd|' /C calc'!A0.json"


def test_the_command_line_writes_the_workbook_to_a_file_never_to_standard_output(tmp_path, capsys, monkeypatch):
    from golocheck.check_command import CheckOptions, run

    monkeypatch.chdir(ROOT)
    golog = Path("sample_reports/golog-2018.json")
    assert run(CheckOptions(files=[golog], output_format="xlsx", isolated=True)) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("golocheck: error: --output-format xlsx") and "--output-file" in captured.err
    out = tmp_path / "review.xlsx"
    assert run(CheckOptions(files=[golog], output_format="xlsx", output_file=out, isolated=True, lang="en")) == 1
    codes = {r["code"] for r in sheet_rows(openpyxl.load_workbook(out)["Findings"])}
    assert "T107" in codes
    assert capsys.readouterr().out == ""
