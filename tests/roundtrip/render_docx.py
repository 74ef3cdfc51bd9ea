"""Render a report (a sample_reports/*.json dict) as a .docx the way drafting offices
produce one: the title, preamble, headings and section text as plain paragraphs (bold
direct formatting, no heading styles — as in the national template), the tables with
merged label columns (vMerge) and spanned cells (gridSpan), every label and figure cut
into several w:r runs at seeded random places, with proofing marks and bookmarks between
runs, blank cells holding two ideographic spaces, figures as printed text.

A gov-2021 report whose tables have the national template's shapes is written into a copy
of tests/data/originals/template-2021-blank.docx: the template's own tables (their
widths, borders, merges) are filled cell by cell, after checking that every cell of the
printed layout sits at the same place with the same spans in the template. Other reports
(gov-2014, gov-2019, a gov-2021 report printing a layout variant) get tables of the same
layout written from scratch. Standard library only.
"""

from __future__ import annotations

import copy
import random
import xml.etree.ElementTree as ET
from pathlib import Path

from roundtrip.layout import Flow, PCell, PrintedTable, flow
from roundtrip.ooxml import W, W_NS, XML_SPACE, parse_part, read_zip, row_cells, serialize_part, tc_span, tc_vmerge, write_zip
from roundtrip.runs import split_runs, wrap_label

TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "originals" / "template-2021-blank.docx"
TEMPLATE_FORMAT = "gov-2021"
BLANK_CELL = "\u3000\u3000"  # what the national template's empty cells hold

_FONT = "仿宋_GB2312"
_HEADING_FONT = "黑体"


def render_docx(report: dict, seed: int = 0, use_template: bool | None = None) -> bytes:
    """The report as .docx bytes. ``use_template`` None: the template when it fits."""
    rng = random.Random(seed)
    printed = flow(report)
    if use_template is None:
        use_template = report["format"] == TEMPLATE_FORMAT
    if use_template:
        filled = _from_template(printed, rng)
        if filled is not None:
            return filled
    return _from_scratch(printed, rng, report)


# ---------------------------------------------------------------- runs and paragraphs


def _el(tag: str, attrib: dict | None = None, *children: ET.Element) -> ET.Element:
    element = ET.Element(W + tag, {W + k: v for k, v in (attrib or {}).items()})
    element.extend(children)
    return element


def _rpr(bold: bool = False, font: str = _FONT, size: int | None = None, latin: str | None = None) -> ET.Element:
    rpr = _el("rPr", None, _el("rFonts", {"ascii": latin or font, "hAnsi": latin or font, "eastAsia": font, "hint": "eastAsia"}))
    if bold:
        rpr.extend([_el("b"), _el("bCs")])
    if size:
        rpr.extend([_el("sz", {"val": str(size)}), _el("szCs", {"val": str(size)})])
    return rpr


def _run(text: str, rpr: ET.Element) -> ET.Element:
    t = _el("t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    return _el("r", None, copy.deepcopy(rpr), t)


def _runs(text: str, rng: random.Random, rpr: ET.Element) -> list[ET.Element]:
    out: list[ET.Element] = []
    for i, piece in enumerate(split_runs(text, rng)):
        if i and rng.random() < 0.2:  # Word leaves proofing marks and bookmarks between runs
            out.append(_el("proofErr", {"type": rng.choice(["spellStart", "gramStart", "spellEnd"])}))
        if i and rng.random() < 0.1:
            mark = str(rng.randint(1, 999))
            out.extend([_el("bookmarkStart", {"id": mark, "name": f"_GoBack{mark}"}), _el("bookmarkEnd", {"id": mark})])
        run_rpr = rpr
        if piece.isdigit() and rng.random() < 0.5:  # figures often in a Latin font of their own
            run_rpr = copy.deepcopy(rpr)
            fonts = run_rpr.find(f"{W}rFonts")
            fonts.set(W + "ascii", "Times New Roman")
            fonts.set(W + "hAnsi", "Times New Roman")
        out.append(_run(piece, run_rpr))
    return out


def _paragraph(text: str, rng: random.Random, ppr: ET.Element | None = None, rpr: ET.Element | None = None) -> ET.Element:
    p = _el("p")
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
    p.extend(_runs(text, rng, rpr if rpr is not None else _rpr()))
    return p


def _text_ppr(indent: bool = True, align: str = "both") -> ET.Element:
    ppr = _el("pPr", None, _el("spacing", {"line": "560", "lineRule": "exact"}))
    if indent:
        ppr.append(_el("ind", {"firstLineChars": "200", "firstLine": "640"}))
    ppr.append(_el("jc", {"val": align}))
    return ppr


def _body_paragraphs(printed: Flow, rng: random.Random, heading_rpr: ET.Element, text_rpr: ET.Element, table_xml) -> list[ET.Element]:
    """Title, preamble, sections with their tables, appendix, signature — in order."""
    out = [_paragraph(printed.title, rng, _text_ppr(False, "center"), _rpr(True, "方正小标宋简体", 44))]
    out.extend(_paragraph(p, rng, _text_ppr(), text_rpr) for p in printed.preamble)
    for heading, paragraphs, tables in printed.sections:
        out.append(_paragraph(heading, rng, _text_ppr(), heading_rpr))
        out.extend(_paragraph(p, rng, _text_ppr(), text_rpr) for p in paragraphs)
        for table in tables:
            out.append(table_xml(table))
            out.append(_el("p"))  # Word keeps a paragraph after every table
    for table in printed.appendix:
        out.append(_paragraph(_appendix_caption(table), rng, _text_ppr(False, "center"), heading_rpr))
        out.append(table_xml(table))
        out.append(_el("p"))
    out.extend(_paragraph(line, rng, _text_ppr(False, "right"), text_rpr) for line in printed.signature)
    return out


def _appendix_caption(table: PrintedTable) -> str:
    from roundtrip.layout import APPENDIX_CAPTION
    from golocheck.formats import all_formats

    for fmt in all_formats().values():
        found = fmt.table(table.tables[0])
        if found is not None:
            return APPENDIX_CAPTION + found.label
    return APPENDIX_CAPTION


def _cell_paragraphs(cell: PCell, rng: random.Random, ppr: ET.Element | None, rpr: ET.Element) -> list[ET.Element]:
    if cell.role == "value" and cell.value is None:
        if rng.random() < 0.8:
            return [_paragraph(BLANK_CELL, rng, ppr, rpr)]
        p = _el("p")  # an empty paragraph: blank too
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        return [p]
    lines = wrap_label(cell.text, rng) if cell.role == "header" else [cell.text]
    return [_paragraph(line, rng, ppr, rpr) for line in lines]


# ---------------------------------------------------------------- scratch route


def _scratch_table(table: PrintedTable, rng: random.Random) -> ET.Element:
    borders = _el("tblBorders", None, *(_el(side, {"val": "single", "sz": "4", "space": "0", "color": "auto"}) for side in ("top", "left", "bottom", "right", "insideH", "insideV")))
    tbl = _el("tbl", None, _el("tblPr", None, _el("tblW", {"w": "0", "type": "auto"}), _el("jc", {"val": "center"}), borders, _el("tblLayout", {"type": "fixed"})))
    widths = [900 if c < 3 else 600 for c in range(table.n_cols)]
    tbl.append(_el("tblGrid", None, *(_el("gridCol", {"w": str(w)}) for w in widths)))
    grid = table.expanded()
    ppr = _el("pPr", None, _el("jc", {"val": "center"}))
    rpr = _rpr(size=21)
    for r in range(table.n_rows):
        tr = _el("tr", None, _el("trPr", None, _el("jc", {"val": "center"})))
        c = 0
        while c < table.n_cols:
            cell = grid[r][c]
            if cell is None:
                raise ValueError(f"hole in the printed table at {(r, c)}")
            tcpr = _el("tcPr", None, _el("tcW", {"w": str(sum(widths[c : c + cell.colspan])), "type": "dxa"}))
            if cell.colspan > 1:
                tcpr.append(_el("gridSpan", {"val": str(cell.colspan)}))
            if cell.rowspan > 1:
                tcpr.append(_el("vMerge", {"val": "restart"} if cell.row == r else None))
            tcpr.append(_el("vAlign", {"val": "center"}))
            tc = _el("tc", None, tcpr)
            if cell.row == r:
                tc.extend(_cell_paragraphs(cell, rng, ppr, rpr))
            else:
                tc.append(_el("p", None, copy.deepcopy(ppr)))  # a continuation holds an empty paragraph
            tr.append(tc)
            c += cell.colspan
        tbl.append(tr)
    return tbl


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    '</w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    "</w:styles>"
)
# Core properties as offices leave them: the title is the template's or empty, never the report's.
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:creator>办公室</dc:creator>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-10T08:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application></Properties>"
)
_SECT = (
    _el("pgSz", {"w": "11906", "h": "16838"}),
    _el("pgMar", {"top": "2098", "right": "1474", "bottom": "1984", "left": "1588", "header": "851", "footer": "992", "gutter": "0"}),
)


def _from_scratch(printed: Flow, rng: random.Random, report: dict) -> bytes:
    ET.register_namespace("w", W_NS)
    body = _el("body")
    body.extend(_body_paragraphs(printed, rng, _rpr(True, _HEADING_FONT), _rpr(), lambda t: _scratch_table(t, rng)))
    body.append(_el("sectPr", None, *(copy.deepcopy(x) for x in _SECT)))
    document = _el("document", None, body)
    return write_zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.encode(),
            "_rels/.rels": _PACKAGE_RELS.encode(),
            "word/document.xml": serialize_part(document),
            "word/_rels/document.xml.rels": _DOCUMENT_RELS.encode(),
            "word/styles.xml": _STYLES.encode(),
            "docProps/core.xml": _CORE.encode(),
            "docProps/app.xml": _APP.encode(),
        }
    )


# ---------------------------------------------------------------- template route


class _Misfit(Exception):
    """The printed layout does not have the template's shape: write from scratch."""


def _from_template(printed: Flow, rng: random.Random) -> bytes | None:
    parts = read_zip(TEMPLATE.read_bytes())
    root, start_tag = parse_part(parts["word/document.xml"])
    body = root.find(f"{W}body")
    templates = body.findall(f"{W}tbl")
    tables = [t for _, _, ts in printed.sections for t in ts] + printed.appendix
    if len(tables) != len(templates):
        return None
    filled: dict[int, ET.Element] = {}
    try:
        for table, template in zip(tables, templates):
            filled[id(table)] = _fill(copy.deepcopy(template), table, rng)
    except _Misfit:
        return None
    heading_rpr, text_rpr = _template_rprs(body)
    sect = body.find(f"{W}sectPr")
    for child in list(body):
        body.remove(child)
    body.extend(_body_paragraphs(printed, rng, heading_rpr, text_rpr, lambda t: filled[id(t)]))
    body.append(sect)
    parts["word/document.xml"] = serialize_part(root, start_tag)
    return write_zip(parts)


def _template_rprs(body: ET.Element) -> tuple[ET.Element, ET.Element]:
    """The run properties the template gives its headings (bold) and its text."""
    heading = text = None
    for p in body.findall(f"{W}p"):
        for r in p.findall(f"{W}r"):
            rpr = r.find(f"{W}rPr")
            if rpr is None:
                continue
            if rpr.find(f"{W}b") is not None and rpr.find(f"{W}sz") is None and heading is None:
                heading = rpr
            elif rpr.find(f"{W}b") is None and text is None:
                text = rpr
    return copy.deepcopy(heading if heading is not None else _rpr(True)), copy.deepcopy(text if text is not None else _rpr())


def _fill(tbl: ET.Element, table: PrintedTable, rng: random.Random) -> ET.Element:
    trs = tbl.findall(f"{W}tr")
    if len(trs) != table.n_rows or len(tbl.findall(f"{W}tblGrid/{W}gridCol")) != table.n_cols:
        raise _Misfit
    grid = table.expanded()
    for r, tr in enumerate(trs):
        cells = row_cells(tr)
        for col, tc in cells:
            cell = grid[r][col]
            if cell is None or cell.col != col or cell.colspan != tc_span(tc):
                raise _Misfit
            merge = tc_vmerge(tc)
            if cell.row != r:
                if merge != "continue":
                    raise _Misfit
                continue
            if (cell.rowspan > 1) != (merge == "restart"):
                raise _Misfit
            _set_cell(tc, cell, rng)
        if sum(tc_span(tc) for _, tc in cells) != table.n_cols:
            raise _Misfit
    return tbl


def _set_cell(tc: ET.Element, cell: PCell, rng: random.Random) -> None:
    paragraphs = tc.findall(f"{W}p")
    first = paragraphs[0] if paragraphs else None
    ppr = first.find(f"{W}pPr") if first is not None else None
    rpr = tc.find(f".//{W}r/{W}rPr")
    if rpr is None:
        rpr = ppr.find(f"{W}rPr") if ppr is not None and ppr.find(f"{W}rPr") is not None else _rpr(size=20)
    rpr = copy.deepcopy(rpr)
    ppr = copy.deepcopy(ppr) if ppr is not None else None
    for p in paragraphs:
        tc.remove(p)
    tc.extend(_cell_paragraphs(cell, rng, ppr, rpr))
