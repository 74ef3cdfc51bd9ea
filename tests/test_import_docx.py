"""The DOCX reader: the national template and a filled copy, merges, headings, and
files that are damaged or built to exhaust memory (I003, I004: never a traceback)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.diagnostics import DocxPlace
from golocheck.importing import ImportRefused
from golocheck.importing.readers import docx

ORIGINALS = Path(__file__).resolve().parent / "data" / "originals"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def build(body: str, styles: str | None = None, core: str | None = None, extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>')
        if styles is not None:
            archive.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        if core is not None:
            archive.writestr("docProps/core.xml", core)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>" + "".join(f"<w:r><w:t>{run}</w:t></w:r>" for run in text.split("|")) + "</w:p>"


def tc(text: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(text)}</w:tc>"


def test_template_grids_and_blank_cells():
    document = docx.read((ORIGINALS / "template-2021-blank.docx").read_bytes(), "template.docx")
    assert [(len(g.rows), g.width) for g in document.grids] == [(14, 4), (28, 10), (4, 15)]
    applications = document.grids[1]
    # 申请人情况 spans seven columns (gridSpan); the label column is merged downwards (vMerge)
    assert applications.rows[0][3].text == "申请人情况" and applications.rows[0][9].spanned_from == (0, 3)
    assert applications.rows[2][3].text == "自然人" and applications.rows[2][3].spanned_from == (1, 3)
    assert applications.rows[2][4].text == "商业\n企业"
    blanks = {c.text for g in document.grids for row in g.rows for c in row if c.blank}
    assert "\u3000\u3000" in blanks  # the template's empty cells: blank, never "0"
    assert applications.rows[3][5].place == DocxPlace(table=2, row=4, column=6)
    assert document.blocks[0].text == "政府信息公开工作年度报告格式模板" and document.blocks[0].place == DocxPlace(paragraph=1)


def test_filled_template_figures_are_text_as_printed():
    document = docx.read((ORIGINALS / "roundtrip-hongze-2023-filled-template.docx").read_bytes(), "filled.docx")
    assert [(len(g.rows), g.width) for g in document.grids] == [(14, 4), (28, 10), (4, 15)]
    row = document.grids[1].rows[3]
    assert row[0].text.startswith("一、本年新收政府信息公开申请数量") and [c.text for c in row[3:]] == ["21", "0", "0", "0", "0", "0", "21"]


def test_runs_join_and_headings_come_from_styles_and_outline_levels():
    styles = ('<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="Mine"/><w:basedOn w:val="a5"/></w:style>')
    body = (p("一、|总体|情况", '<w:pStyle w:val="1"/>') + p("（一）主动公开", '<w:pStyle w:val="mine"/>')
            + p("正文", '<w:outlineLvl w:val="9"/>') + p("三级", '<w:outlineLvl w:val="2"/>')
            + '<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
              '<w:r><w:tab/><w:t>制表</w:t><w:br/><w:t>换行</w:t></w:r></w:p>')
    document = docx.read(build(body, styles), "x.docx")
    assert [(b.text, b.level, b.place.paragraph) for b in document.blocks] == [
        ("一、总体情况", 1, 0), ("（一）主动公开", 2, 1), ("正文", None, 2), ("三级", 3, 3), ("保留\t制表\n换行", None, 4)]


def test_vertical_and_horizontal_merges_expand():
    rows = ("<w:tr>" + tc("三、结果", '<w:vMerge w:val="restart"/>') + tc("（一）", '<w:gridSpan w:val="2"/>') + "</w:tr>"
            "<w:tr>" + tc("", "<w:vMerge/>") + tc("1") + tc("2") + "</w:tr>"
            "<w:tr>" + tc("", "<w:vMerge/>") + tc("3", '<w:gridSpan w:val="99999"/>') + "</w:tr>")
    grid = docx.read(build(f"<w:tbl>{rows}</w:tbl>"), "x.docx").grids[0]
    assert [c.text for c in grid.rows[1]][:3] == ["三、结果", "1", "2"]
    assert grid.rows[2][0].spanned_from == (0, 0) and grid.rows[1][0].spanned_from == (0, 0)
    assert grid.rows[0][2].spanned_from == (0, 1) and grid.rows[0][1].spanned_from is None
    assert grid.width == 1 + docx.MAX_SPAN  # an absurd gridSpan is bounded
    assert grid.rows[1][2].place == DocxPlace(table=1, row=2, column=3)


def test_core_title():
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某县2023年政府信息公开工作年度报告</dc:title></cp:coreProperties>')
    assert docx.read(build(p("x"), core=core), "x.docx").meta == {"title": "某县2023年政府信息公开工作年度报告"}


def _refused(raw: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        docx.read(raw, "x.docx")
    return refused.value


def _zip(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("raw, what", [
    (b"not a zip at all", "ZIP"),
    (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
    (_zip({"word/other.xml": "<x/>"}), "word/document.xml"),
    (_zip({"word/document.xml": "<w:document><w:body>"}), "XML"),
    (_zip({"word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'}), "DTD"),
    (_zip({"word/document.xml": f"<w:document {NS}/>"}), "w:body"),
])
def test_damaged_documents_are_I003(raw, what):
    refused = _refused(raw)
    assert refused.code == "I003" and what in refused.args_["what_en"]


def test_zip_bombs_are_I004():
    many = _zip({f"f{i}.xml": "" for i in range(docx.MAX_ENTRIES + 1)})
    assert _refused(many).code == "I004"
    huge = _zip({"word/document.xml": b"\x00" * (docx.MAX_PART_BYTES + 1)})  # compresses to ~32 KB
    assert len(huge) < 100_000
    refused = _refused(huge)
    assert refused.code == "I004" and "word/document.xml" in refused.args_["what_en"]


def test_a_damaged_docx_is_a_finding_not_a_traceback():
    codes = [(d.code, d.pointer) for d in check_bytes(b"PK\x03\x04garbage", "report.docx")]
    assert codes == [("I003", "")]


def test_a_doc_renamed_docx_is_I001():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert [d.code for d in check_bytes(ole, "report.docx")] == ["I001"]
