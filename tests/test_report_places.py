"""Every reporter renders every kind of place a finding can have: a value in a JSON/YAML
file (pointer and line:column), a PDF page and box, an HTML line and table cell, a Word
paragraph or table cell, a line of a text file. The diagnostics are built here, as an
importer will produce them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.diagnostics import Diagnostic, DocxPlace, HtmlPlace, Location, PdfPlace, Severity, Span, Text, TextPlace
from golocheck.reporters import REPORTERS, ReportOptions, render_text
from golocheck.run import FileResult

ROOT = Path(__file__).resolve().parent.parent
POINTER = "/tables/statistics/staff_total"

# kind -> (file, location, what full/concise show after the file in zh, in en)
PLACES = {
    "file": ("r.json", Location(POINTER, Text("人员数", "staff"), Span(12, 5, 12, 8)), ":12:5", ":12:5"),
    "pdf": ("r.pdf", Location(POINTER, Text("人员数", "staff"), place=PdfPlace(3, (72.0, 400.5, 120.0, 415.0), table=2, row=5, column=3)),
            " 第 3 页，表 2 第 5 行第 3 列", " page 3, table 2 row 5 column 3"),
    "html": ("r.html", Location(POINTER, None, place=HtmlPlace(120, table=1, row=4, column=2)), ":120:1 表 1 第 4 行第 2 列", ":120:1 table 1 row 4 column 2"),
    "docx": ("r.docx", Location("/sections/2/text", None, place=DocxPlace(paragraph=7)), " 第 8 段", " paragraph 8"),
    "text": ("r.txt", Location("/sections/0/text", None, place=TextPlace(40, 9)), ":40:9", ":40:9"),
}


def diagnostic(file: str, location: Location) -> Diagnostic:
    rule = load_catalogue()["T107"]
    return Diagnostic(code="T107", name=rule.name, severity=Severity.ERROR, file=file, location=location,
                      message=Text("消息", "message"), title=rule.title, basis=rule.basis, related=(location,))


def render(fmt: str, kind: str, lang: str = "en") -> str:
    file, location, _, _ = PLACES[kind]
    result = FileResult(file, None, (diagnostic(file, location),), parsed=True, format_id="gov-2021")
    return render_text(fmt, iter([result]), load_catalogue(), ReportOptions(lang=lang, ruleset_version="0123456789ab"))


@pytest.fixture(autouse=True)
def _no_step_summary(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="module")
def output_validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def sarif_validator():
    from jsonschema.validators import validator_for

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PLACES)
def test_full_and_concise_show_the_place_after_the_file(kind, lang):
    file, _, zh, en = PLACES[kind]
    shown = zh if lang == "zh" else en
    full = render("full", kind, lang).splitlines()
    assert full[1].startswith(f"T107 {'错误' if lang == 'zh' else 'error'} {file}{shown} ")
    assert any(line.startswith(f"  {'相关' if lang == 'zh' else 'related'}") and f"{file}{shown}" in line for line in full)
    concise = render("concise", kind, lang).splitlines()[0]
    if shown.startswith(":"):
        assert concise.startswith(f"{file}{shown.split(' ')[0]}")
    else:  # no line in a page or a paragraph: the place, never an invented 1:1
        assert concise.startswith(f"{file} ({shown.strip()}): T107") and ":1:1" not in concise


@pytest.mark.parametrize("kind", PLACES)
def test_json_place_object(kind, output_validator):
    document = json.loads(render("json", kind))
    errors = list(output_validator.iter_errors(document))
    assert not errors, errors[0].message
    record = document["diagnostics"][0]
    expected_place = {
        "file": None,
        "pdf": {"kind": "pdf", "page": 3, "box": [72.0, 400.5, 120.0, 415.0], "table": 2, "row": 5, "column": 3},
        "html": {"kind": "html", "line": 120, "table": 1, "row": 4, "column": 2},
        "docx": {"kind": "docx", "paragraph": 7, "table": None, "row": None, "column": None},
        "text": {"kind": "text", "line": 40, "column": 9},
    }[kind]
    assert record["place"] == expected_place and record["related"][0]["place"] == expected_place
    expected_line = {"file": 12, "pdf": None, "html": 120, "docx": None, "text": 40}[kind]
    assert record["line"] == expected_line and record["pointer"] == PLACES[kind][1].pointer


def test_json_schema_rejects_a_wrong_place(output_validator):
    document = json.loads(render("json", "pdf"))
    document["diagnostics"][0]["place"]["page"] = 0
    assert not output_validator.is_valid(document)
    document["diagnostics"][0]["place"] = {"kind": "scroll", "page": 1}
    assert not output_validator.is_valid(document)


@pytest.mark.parametrize("kind", PLACES)
def test_sarif_place(kind, sarif_validator):
    log = json.loads(render("sarif", kind))
    errors = list(sarif_validator.iter_errors(log))
    assert not errors, errors[0].message
    location = log["runs"][0]["results"][0]["locations"][0]
    physical = location["physicalLocation"]
    line = {"file": 12, "pdf": None, "html": 120, "docx": None, "text": 40}[kind]
    assert physical.get("region", {}).get("startLine") == line
    assert physical["artifactLocation"]["uri"] == PLACES[kind][0]
    if kind == "file":
        assert "properties" not in physical and [l["kind"] for l in location["logicalLocations"]] == ["value"]
    else:
        assert physical["properties"]["golocheck/place"]["kind"] == kind
        names = [l.get("name") for l in location["logicalLocations"] if l["kind"] == "element"]
        assert names == [{"pdf": "page 3, table 2 row 5 column 3", "html": "line 120, table 1 row 4 column 2",
                          "docx": "paragraph 8", "text": "line 40, column 9"}[kind]]
    if kind == "pdf":
        assert physical["properties"]["golocheck/place"]["page"] == 3
        assert location["logicalLocations"][1]["name"] == "page 3, table 2 row 5 column 3"


@pytest.mark.parametrize("kind", PLACES)
def test_github_gitlab_junit_give_the_line_where_known(kind):
    line = {"file": 12, "pdf": None, "html": 120, "docx": None, "text": 40}[kind]
    file = PLACES[kind][0]
    annotation = next(l for l in render("github", kind).splitlines() if l.startswith("::error "))
    assert (f",line={line}," in annotation) == (line is not None) and f"file={file}," in annotation
    if kind == "pdf":
        assert "page 3, table 2 row 5 column 3" in annotation
    issue = json.loads(render("gitlab", kind))[0]
    if line is None:
        assert issue["location"]["lines"] == {"begin": 1} and PLACES[kind][3].strip() in issue["description"]
    else:
        assert issue["location"]["positions"]["begin"]["line"] == line
    failure = ET.fromstring(render("junit", kind)).find(".//failure")
    expected = f"{file}:{line}:" if line is not None else f"{file} {PLACES[kind][3].strip()}"
    assert failure.text.startswith(expected)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PLACES)
def test_html_shows_the_place_of_the_finding_and_of_its_related_value(kind, lang):
    import html

    file, _, zh, en = PLACES[kind]
    shown = zh if lang == "zh" else en
    page = render("html", kind, lang)
    places = [html.unescape(p) for p in re.findall(r'<(?:div|span) class="place">([^<]*)', page)]
    assert places[0].startswith(f"{file}{shown} {PLACES[kind][1].pointer}")  # the finding's place
    assert places[1] == f"{file}{shown} {PLACES[kind][1].pointer}"  # the related value (here the same place)


def test_every_reporter_is_covered():
    assert set(REPORTERS) == {"full", "concise", "json", "sarif", "github", "gitlab", "junit", "xlsx", "html"}


@pytest.mark.parametrize("kind", PLACES)
def test_the_workbook_gives_the_place_as_the_full_output_words_it(kind):
    """The findings sheet's place column: file:line:column, or the document place."""
    import io

    import openpyxl

    from golocheck.reporters import render_bytes

    file, location, _, en = PLACES[kind]
    result = FileResult(file, None, (diagnostic(file, location),), parsed=True, format_id="gov-2021")
    data = render_bytes("xlsx", iter([result]), load_catalogue(), ReportOptions(lang="en"))
    findings = openpyxl.load_workbook(io.BytesIO(data))["Findings"]
    header = [c.value for c in findings[1]]
    row = dict(zip(header, [c.value for c in findings[2]]))
    assert row["place"] == file + en
    assert row["pointer"] == location.pointer


def test_places_pickle():
    """Diagnostics cross process boundaries (--jobs)."""
    import pickle

    for _, location, _, _ in PLACES.values():
        assert pickle.loads(pickle.dumps(diagnostic("r", location))).location == location
