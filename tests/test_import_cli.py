"""Documents on the command line: `golocheck page.html` imports and checks in one step,
`golocheck import` writes report files that still point into the document, and every
output format shows where in the original a finding is. The assembly of a report from
a document is replaced here by a fixed report with places, so that these tests depend
only on the route, not on table anchoring."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from golocheck.diagnostics import DocxPlace, HtmlPlace
from golocheck.importing import ImportResult
from helpers import ROOT

STAFF = "/tables/statistics/staff_total"
SAMPLE = json.loads((ROOT / "sample_reports" / "golog-2018.json").read_text(encoding="utf-8"))
PAGE = "\n".join(["<html><body>", "<p>报告</p>", "<table>", "<tr><td>从事政府信息公开工作人员数</td><td>195</td></tr>",
                  "<tr><td>专职人员数</td><td>7</td></tr>", "<tr><td>兼职人员数</td><td>195</td></tr>", "</table>",
                  "</body></html>"]) + "\n"
PLACES = {STAFF: HtmlPlace(line=4, table=1, row=1, column=2), "/tables/statistics/staff_full_time": HtmlPlace(line=5, table=1, row=2, column=2),
          "/tables/statistics/staff_part_time": HtmlPlace(line=6, table=1, row=3, column=2)}


def run(argv, capsys):
    from golocheck.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.fixture
def assembled(monkeypatch):
    """assemble() gives golog-2018's report (its staff figures do not add up: T107) with places."""
    from golocheck.importing import assemble

    def fake(document, options):
        assert document.kind in ("html", "docx")
        places = PLACES if document.kind == "html" else {STAFF: DocxPlace(table=1, row=1, column=2)}
        return ImportResult(json.loads(json.dumps(SAMPLE)), dict(places))

    monkeypatch.setattr(assemble, "assemble", fake)


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def t107(document):
    return next(d for d in document["diagnostics"] if d["code"] == "T107")


def test_checking_a_page_points_into_the_page(assembled, page, capsys):
    code, out, _ = run([str(page), "--output-format", "json"], capsys)
    assert code == 1
    finding = t107(json.loads(out))
    assert finding["file"] == str(page) and finding["pointer"] == STAFF and finding["line"] == 4
    assert finding["place"] == {"kind": "html", "line": 4, "table": 1, "row": 1, "column": 2}
    assert {r["pointer"]: r["place"]["line"] for r in finding["related"]}["/tables/statistics/staff_full_time"] == 5


def test_full_output_quotes_the_page_line(assembled, page, capsys):
    code, out, _ = run([str(page), "--color", "never"], capsys)
    assert code == 1
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("T107 "))
    assert lines[head].startswith(f"T107 错误 {page}:4:1 表 1 第 1 行第 2 列 {STAFF}")
    assert lines[head + 3] == " 4 | <tr><td>从事政府信息公开工作人员数</td><td>195</td></tr>"


@pytest.mark.parametrize("fmt", ["concise", "github", "gitlab", "junit", "sarif"])
def test_every_format_gives_the_page_line(fmt, assembled, page, capsys):
    code, out, _ = run([str(page), "--output-format", fmt, "--lang", "en"], capsys)
    assert code == 1
    if fmt == "concise":
        assert f"{page}:4:1 (table 1 row 1 column 2): T107" in out
    elif fmt == "github":
        assert any(line.startswith("::error ") and f"file={page},line=4," in line for line in out.splitlines())
    elif fmt == "gitlab":
        issue = next(i for i in json.loads(out) if i["check_name"].startswith("T107"))
        assert issue["location"]["path"] == str(page) and issue["location"]["positions"]["begin"]["line"] == 4
    elif fmt == "junit":
        case = next(c for c in ET.fromstring(out).iter("testcase") if c.get("name", "").startswith("T107 "))
        assert case.find("failure").text.startswith(f"{page}:4:1 table 1 row 1 column 2")
    else:
        result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "T107")
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("page.html") and physical["region"]["startLine"] == 4
        assert physical["properties"]["golocheck/place"] == {"kind": "html", "line": 4, "table": 1, "row": 1, "column": 2}


def test_a_page_without_a_report_does_not_pass(page, capsys):
    code, out, _ = run([str(page), "--output-format", "json"], capsys)
    assert code == 1
    assert [(d["code"], d["pointer"]) for d in json.loads(out)["diagnostics"]] == [("I010", "")]


def test_directories_pick_up_documents(page, tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"not a zip")
    code, out, _ = run([str(tmp_path), "--output-format", "json"], capsys)
    assert code == 1
    assert sorted((Path(d["file"]).name, d["code"]) for d in json.loads(out)["diagnostics"]) == [("notes.docx", "I003"), ("page.html", "I010")]
    code, out, _ = run([str(tmp_path), "--output-format", "json", "--exclude", "*.html"], capsys)
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["notes.docx"]


def test_import_writes_a_report_that_still_points_into_the_page(assembled, page, tmp_path, capsys):
    out_file = tmp_path / "out" / "report.json"
    out_file.parent.mkdir()
    code, out, err = run(["import", str(page), "-o", str(out_file)], capsys)
    assert code == 0 and out == "" and f"已写入 {out_file}" in err
    written = json.loads(out_file.read_text(encoding="utf-8"))
    assert written["tables"] == SAMPLE["tables"]
    assert written["imported_from"] == {"file": str(page), "kind": "html", "places": {
        p: {"line": place.line, "table": 1, "row": place.row, "column": 2} for p, place in sorted(PLACES.items())}}
    code, out, _ = run([str(out_file), "--output-format", "json"], capsys)
    assert code == 1
    document = json.loads(out)
    assert not [d for d in document["diagnostics"] if d["code"] == "F007"]  # the schema allows the record
    finding = t107(document)
    assert finding["file"] == str(page) and finding["line"] == 4 and finding["place"]["table"] == 1
    other = next(d for d in document["diagnostics"] if d["pointer"] not in PLACES)  # not from the page: in the JSON
    assert other["file"] == str(out_file)


def test_import_yaml_stdout_and_refusals(assembled, page, tmp_path, capsys):
    code, out, _ = run(["import", str(page)], capsys)
    assert code == 0 and json.loads(out)["imported_from"]["kind"] == "html"  # one input: standard output
    target = tmp_path / "r.yaml"
    assert run(["import", str(page), "-o", str(target)], capsys)[0] == 0
    import yaml

    assert yaml.safe_load(target.read_text(encoding="utf-8"))["tables"] == SAMPLE["tables"]
    before = target.read_bytes()
    code, _, err = run(["import", str(page), "-o", str(target)], capsys)
    assert code == 2 and "已存在" in err and target.read_bytes() == before  # never overwritten without --force
    assert run(["import", str(page), "-o", str(target), "--force"], capsys)[0] == 0
    code, _, err = run(["import", str(page), "-o", str(page), "--force"], capsys)
    assert code == 2 and "输入文件" in err and page.read_text(encoding="utf-8") == PAGE  # never written to
    other = tmp_path / "b.html"
    other.write_text(PAGE, encoding="utf-8")
    code, _, err = run(["import", str(page), str(other)], capsys)
    assert code == 2 and "--output-dir" in err
    assert run(["import", str(tmp_path / "missing.html")], capsys)[0] == 2
    assert run(["import", str(tmp_path / "r.yaml")], capsys)[0] == 2  # not a document


def test_import_output_dir_and_options(assembled, page, tmp_path, capsys, monkeypatch):
    from golocheck.importing import assemble

    seen = []
    real = assemble.assemble
    monkeypatch.setattr(assemble, "assemble", lambda document, options: seen.append(options) or real(document, options))
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    docx_file = tmp_path / "r.docx"
    docx_file.write_bytes((ROOT / "tests" / "data" / "originals" / "template-2021-blank.docx").read_bytes())
    code, _, _ = run(["import", str(page), str(docx_file), "--output-dir", str(out_dir), "--year", "2023",
                      "--issuer", "某县人民政府", "--issuer-kind", "government", "--published-on", "2024-01-17"], capsys)
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["page.html.json", "r.docx.json"]
    assert json.loads((out_dir / "r.docx.json").read_text())["imported_from"]["places"] == {STAFF: {"table": 1, "row": 1, "column": 2}}
    assert seen[0].year == 2023 and seen[0].issuer == "某县人民政府" and seen[0].published_on == "2024-01-17"
    assert seen[0].issuer_kind is not None
    assert run(["import", str(page), "--published-on", "17.1.2024"], capsys)[0] == 2


def test_import_reports_its_own_diagnostics(page, tmp_path, capsys):
    code, out, err = run(["import", str(page), "--output-dir", str(tmp_path), "--output-format", "json"], capsys)
    assert code == 1 and not (tmp_path / "page.html.json").exists()  # no report: nothing written
    assert [(d["code"], d["file"]) for d in json.loads(out)["diagnostics"]] == [("I010", str(page))]
    code, out, err = run(["import", str(page), "--output-format", "json"], capsys)
    assert code == 1 and out == "" and json.loads(err)["diagnostics"][0]["code"] == "I010"  # stdout is the report's


def test_text_documents_without_their_reader_are_a_finding(tmp_path, capsys, monkeypatch):
    import golocheck.importing

    monkeypatch.setattr(golocheck.importing, "READERS", {**golocheck.importing.READERS, "text": "golocheck.importing.readers.not_here"})
    path = tmp_path / "report.txt"
    path.write_text("2023年政府信息公开工作年度报告", encoding="utf-8")
    code, out, _ = run([str(path), "--output-format", "json"], capsys)
    assert code == 1 and [d["code"] for d in json.loads(out)["diagnostics"]] == ["I006"]


def test_one_list_of_document_suffixes():
    from golocheck.importing import IMPORT_SUFFIXES, READERS
    from golocheck.inputs import DOCUMENT_SUFFIXES

    assert DOCUMENT_SUFFIXES is IMPORT_SUFFIXES
    assert set(DOCUMENT_SUFFIXES.values()) == set(READERS)  # every kind has its reader


def test_checking_json_loads_no_importer_and_no_lxml():
    code = ("import sys; from golocheck.cli import main\n"
            "try:\n    main(['sample_reports/golog-2018.json', '--output-format', 'json'])\nexcept SystemExit:\n    pass\n"
            "bad = [m for m in sys.modules if m.startswith(('golocheck.importing', 'lxml'))]\n"
            "sys.stderr.write('LOADED:' + ','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert "LOADED:" in result.stderr and result.stderr.rsplit("LOADED:", 1)[1] == ""
    code_html = code.replace("sample_reports/golog-2018.json", "tests/data/originals/pingtan/2016/page.html")
    result = subprocess.run([sys.executable, "-c", code_html], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "golocheck.importing.readers.html" in result.stderr and "lxml" in result.stderr  # the probe sees imports
