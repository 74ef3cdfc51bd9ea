"""--annotate: a copy of a Word input with one comment per finding, anchored where the
finding's place (the DOCX reader's DocxPlace) says; findings without a place in one comment
at the top; the original never written; the copy a well-formed, declared package.

Read back independently of the annotator: the comments from word/comments.xml, each
anchor from where its commentRangeStart sits in word/document.xml, counted as the reader
counts paragraphs and table cells (body_items, table_rows); the expected texts from the
JSON output of the same run."""

from __future__ import annotations

import hashlib
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from golocheck.check_command import CheckOptions, run
from golocheck.importing.readers import docx as reader
from helpers import ROOT

W = reader.W
ORIGINALS = ROOT / "tests" / "data" / "originals"
REAL = ["roundtrip-hongze-2023-filled-template.docx", "template-2021-blank.docx"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def synthetic(directory: Path) -> Path:
    """A report rendered as Word by the round-trip renderer: gov-2014 tables written from
    scratch (vertical and horizontal merges), with golog-2018's real defects (T107)."""
    from roundtrip.render_docx import render_docx

    report = json.loads((ROOT / "sample_reports" / "golog-2018.json").read_text(encoding="utf-8"))
    path = directory / "synthetic-golog-2018.docx"
    path.write_bytes(render_docx(report, seed=3))
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One run of the check command over the Word documents and a report file, with
    --annotate DIR and --output-format json: (work directory, copies directory, inputs'
    bytes before, the JSON output)."""
    work = tmp_path_factory.mktemp("annotate")
    copies = work / "copies"
    copies.mkdir()
    inputs = [ORIGINALS / name for name in REAL] + [synthetic(work), ROOT / "sample_reports" / "clean-gov-2021.json"]
    before = {path.name: path.read_bytes() for path in inputs}
    report = work / "out.json"
    code = run(CheckOptions(files=inputs, annotate=copies, output_format="json", output_file=report, isolated=True, quiet=True))
    assert code == 1
    return work, copies, inputs, before, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def annotated(batch):
    """name -> (input bytes before, input bytes after, the copy's bytes, its JSON diagnostics)."""
    _, copies, inputs, before, report = batch
    return {path.name: (before[path.name], path.read_bytes(), (copies / path.name).read_bytes(),
                        {"diagnostics": [d for d in report["diagnostics"] if d["file"] == str(path)]})
            for path in inputs if path.suffix == ".docx"}


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def comments_of(data: bytes) -> dict[str, tuple[str, str, str]]:
    """comment id -> (author, initials, text with one line per paragraph)."""
    root = ET.fromstring(parts(data)["word/comments.xml"])
    return {c.get(f"{W}id"): (c.get(f"{W}author"), c.get(f"{W}initials"),
                              "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.findall(f"{W}p")))
            for c in root.findall(f"{W}comment")}


def anchors_of(data: bytes) -> dict[str, tuple]:
    """comment id -> ("paragraph", index) or ("cell", table, the positions its w:tc covers),
    from where its range starts; also checks that its range ends and is referenced."""
    body = ET.fromstring(parts(data)["word/document.xml"]).find(f"{W}body")
    anchors: dict[str, tuple] = {}
    for kind, number, node in reader.body_items(body):
        if kind == "paragraph":
            for start in node.findall(f"{W}commentRangeStart"):
                anchors[start.get(f"{W}id")] = ("paragraph", number)
            continue
        covered: dict[int, set] = {}  # id(tc) -> positions, merged positions to the cell they repeat
        at: dict[tuple[int, int], object] = {}
        for r, _, cells in reader.table_rows(node):
            for c, span, continues, tc in cells:
                for k in range(span):
                    shown = at.get((r, c + k + 1)) if continues else None
                    shown = shown if shown is not None else tc
                    at[(r + 1, c + k + 1)] = shown
                    covered.setdefault(id(shown), set()).add((r + 1, c + k + 1))
        for tc in {id(v): v for v in at.values()}.values():
            for start in tc.iter(f"{W}commentRangeStart"):
                anchors[start.get(f"{W}id")] = ("cell", number, frozenset(covered[id(tc)]))
    document = ET.fromstring(parts(data)["word/document.xml"])
    ends = {e.get(f"{W}id") for e in document.iter(f"{W}commentRangeEnd")}
    references = Counter(e.get(f"{W}id") for e in document.iter(f"{W}commentReference"))
    assert set(anchors) == ends == set(references) and set(references.values()) == {1}
    return anchors


def expected_text(d: dict) -> str:
    text = f"{d['code']} {SEVERITY_ZH[d['severity']]}：{d['message']['zh']}"
    return text + (f"\n依据：{d['basis']['zh']}" if d["basis"] else "")


def expected_anchor(place: dict, covering: dict) -> tuple:
    if place.get("paragraph") is not None:
        return ("paragraph", place["paragraph"])
    position = (place.get("row") or 1, place.get("column") or 1)  # a whole table: its first cell
    return ("cell", place["table"], covering.get((place["table"], position)))


@pytest.mark.parametrize("name", [*REAL, "synthetic-golog-2018.docx"])
def test_every_finding_is_one_comment_at_its_place(annotated, name):
    _, _, copy, report = annotated[name]
    comments, anchors = comments_of(copy), anchors_of(copy)
    assert set(comments) == set(anchors)
    assert {(a, i) for a, i, _ in comments.values()} == {("golocheck", "GC")}
    covering = {(a[1], p): a[2] for a in anchors.values() if a[0] == "cell" for p in a[2]}
    placed = [d for d in report["diagnostics"] if d["place"] and d["place"]["kind"] == "docx"]
    unplaced = [d for d in report["diagnostics"] if not (d["place"] and d["place"]["kind"] == "docx")]
    top = [i for i, (_, _, text) in comments.items() if text.startswith("golocheck：")]
    assert len(top) == (1 if unplaced else 0)
    found = Counter((anchors[i], text) for i, (_, _, text) in comments.items() if i not in top)
    wanted = Counter()
    for d in placed:
        wanted[(expected_anchor(d["place"], covering), expected_text(d))] += 1
    assert found == wanted, set(wanted) - set(found)
    assert sum(found.values()) == len(placed) > 0
    if unplaced:
        listed = comments[top[0]][2].split("\n")[1:]
        assert anchors[top[0]] == ("paragraph", 0)
        bullets = [line for line in listed if line.startswith("• ")]
        assert Counter(bullets) == Counter("• " + expected_text(d).split("\n")[0] for d in unplaced)


def test_findings_land_in_cells_and_paragraphs(annotated):
    """The real filled template: T204's wrong total at table 3 row 4 column 5 (its own cell),
    S104 at the paragraph of 一、总体情况; metadata (F007) in the comment at the top."""
    _, _, copy, report = annotated[REAL[0]]
    comments, anchors = comments_of(copy), anchors_of(copy)
    by_text = {text: anchors[i] for i, (_, _, text) in comments.items()}
    t204 = next(d for d in report["diagnostics"] if d["code"] == "T204" and d["place"]["column"] == 5)
    assert by_text[expected_text(t204)][:2] == ("cell", 3) and (4, 5) in by_text[expected_text(t204)][2]
    s104 = next(d for d in report["diagnostics"] if d["code"] == "S104")
    assert by_text[expected_text(s104)] == ("paragraph", s104["place"]["paragraph"])
    top = next(text for text in comments.values() if text[2].startswith("golocheck："))[2]
    assert "F007 错误：缺少必填项“issuer”" in top


@pytest.mark.parametrize("name", [*REAL, "synthetic-golog-2018.docx"])
def test_the_original_is_untouched_and_the_copy_opens(annotated, name):
    before, after, copy, _ = annotated[name]
    assert hashlib.sha256(before).digest() == hashlib.sha256(after).digest()
    original, annotated_parts = parts(before), parts(copy)
    for part, data in annotated_parts.items():
        if part.endswith((".xml", ".rels")):
            ET.fromstring(data)  # well-formed
    assert set(original) | {"word/comments.xml"} == set(annotated_parts)
    unchanged = set(original) - {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    assert all(original[p] == annotated_parts[p] for p in unchanged)
    types = ET.fromstring(annotated_parts["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    defaults = {d.get("Extension") for d in types.iter(f"{CT}Default")}
    assert overrides["/word/comments.xml"].endswith("wordprocessingml.comments+xml")
    assert all(f"/{p}" in overrides or p.rsplit(".", 1)[-1] in defaults for p in annotated_parts if not p.endswith("/"))
    rels = ET.fromstring(annotated_parts["word/_rels/document.xml.rels"])
    assert [r.get("Target") for r in rels.iter(f"{RELS}Relationship") if r.get("Type").endswith("/comments")] == ["comments.xml"]
    # the comments change no text: the reader reads the same document from the copy
    original_doc, copy_doc = reader.read(before, "a.docx"), reader.read(copy, "a.docx")
    assert [getattr(i, "text", None) or [[c.text for c in row] for row in i.rows] for i in original_doc.items] == \
           [getattr(i, "text", None) or [[c.text for c in row] for row in i.rows] for i in copy_doc.items]


def test_existing_comments_are_kept_and_numbered_after(tmp_path):
    """A document that already has comments: they stay; golocheck's get fresh ids."""
    from golocheck.annotate import annotate
    from golocheck.diagnostics import Diagnostic, DocxPlace, Location, Severity, Text

    once = annotate((ORIGINALS / REAL[1]).read_bytes(), [], "zh")  # no findings: no comment, a valid copy
    assert comments_of(once.data) == {}
    d = Diagnostic(code="S001", name="x", severity=Severity.WARNING, file="t.docx",
                   location=Location("/sections/0", place=DocxPlace(paragraph=0)), message=Text("甲", "a"),
                   title=Text("标题", "title"), basis=None)
    first = annotate((ORIGINALS / REAL[1]).read_bytes(), [d], "zh")
    second = annotate(first.data, [d, d], "en")
    comments = comments_of(second.data)
    assert sorted(comments) == ["0", "1", "2"] and comments["0"][2] == "S001 警告：甲"
    assert comments["1"][2] == comments["2"][2] == "S001 warning: a"
    assert set(anchors_of(second.data).values()) == {("paragraph", 0)}


def test_usage_errors(tmp_path, capsys):
    """Several inputs need a directory; a copy is never an input; only Word documents."""
    blank, filled = ORIGINALS / REAL[1], ORIGINALS / REAL[0]
    json_report = ROOT / "sample_reports" / "golog-2018.json"
    cases = [
        ([blank, filled], tmp_path / "x.docx", "2 个输入，需要给出一个目录"),
        ([blank], blank, "是输入文件"),
        ([blank, filled], ORIGINALS, "是输入文件"),  # the inputs' own directory: their own names
        ([json_report], tmp_path / "x.docx", "不是 Word 文档"),
        ([json_report], tmp_path, "输入中没有 Word 文档"),
        ([blank], tmp_path / "x.json", "应以 .docx 结尾"),
    ]
    for files, out, said in cases:
        assert run(CheckOptions(files=files, annotate=out, isolated=True, quiet=True)) == 2, said
        err = capsys.readouterr().err
        assert err.startswith("golocheck: error: --annotate") or "golocheck: error:" in err
        assert said in err and err.count("\n") == 1, err
    assert not (tmp_path / "x.docx").exists() and blank.read_bytes()[:2] == b"PK"


def test_a_directory_gets_a_copy_of_each_word_input_and_one_input_its_file(batch, tmp_path):
    """Directory mode writes only the Word inputs' copies, under their own names; naming the
    file for one input gives the same bytes (the copy does not depend on the run)."""
    work, copies, inputs, _, _ = batch
    assert sorted(p.name for p in copies.iterdir()) == sorted(p.name for p in inputs if p.suffix == ".docx")
    single = tmp_path / "single.docx"
    synthetic_input = work / "synthetic-golog-2018.docx"
    assert run(CheckOptions(files=[synthetic_input], annotate=single, isolated=True, quiet=True, output_format="concise")) == 1
    assert single.read_bytes() == (copies / synthetic_input.name).read_bytes()


def test_a_document_that_cannot_be_read_gets_no_copy_and_says_so(tmp_path, capsys):
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(b"PK\x03\x04not a zip")
    out = tmp_path / "out.docx"
    assert run(CheckOptions(files=[damaged], annotate=out, isolated=True, output_format="concise")) == 1
    captured = capsys.readouterr()
    assert "I003" in captured.out and not out.exists()
    assert captured.err.splitlines()[-1] == f"golocheck: {damaged} 未能加批注：不是可读的 .docx（BadZipFile）"


def test_comments_kept_under_another_part_name_are_appended_to_there():
    """The relationship says where the comments live (here word/notes.xml): golocheck's go
    there too, and no second comments part appears."""
    from golocheck.annotate import annotate
    from golocheck.diagnostics import Diagnostic, DocxPlace, Location, Severity, Text

    d = Diagnostic(code="S001", name="x", severity=Severity.WARNING, file="t.docx",
                   location=Location("/sections/0", place=DocxPlace(table=1, row=2, column=3)), message=Text("甲", "a"),
                   title=Text("标题", "title"), basis=None)
    first = parts(annotate((ORIGINALS / REAL[1]).read_bytes(), [d], "zh").data)
    first["word/notes.xml"] = first.pop("word/comments.xml")
    for name, old, new in (("word/_rels/document.xml.rels", b'Target="comments.xml"', b'Target="notes.xml"'),
                           ("[Content_Types].xml", b'"/word/comments.xml"', b'"/word/notes.xml"')):
        assert old in first[name]
        first[name] = first[name].replace(old, new)
    moved = io.BytesIO()
    with zipfile.ZipFile(moved, "w") as archive:
        for name, data in first.items():
            archive.writestr(name, data)
    second = parts(annotate(moved.getvalue(), [d], "zh").data)
    assert "word/comments.xml" not in second
    notes = ET.fromstring(second["word/notes.xml"]).findall(f"{W}comment")
    assert [c.get(f"{W}id") for c in notes] == ["0", "1"]
    assert second["[Content_Types].xml"].count(b"comments+xml") == 1
    assert second["word/_rels/document.xml.rels"].count(b"/comments\"") == 1


def test_a_part_with_a_document_type_definition_is_refused():
    """The copy's parts are parsed too (relationships, content types): no entity expansion."""
    from golocheck.annotate import AnnotateError, annotate

    original = parts((ORIGINALS / REAL[1]).read_bytes())
    bomb = b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, data in original.items():
            archive.writestr(name, bomb if name == "[Content_Types].xml" else data)
    with pytest.raises(AnnotateError) as raised:
        annotate(damaged.getvalue(), [], "en")
    assert raised.value.say("en") == "[Content_Types].xml contains a document type definition (DTD)"
