"""The renderers themselves (they run without the importer): every rendered DOCX is a valid
package whose tables have the printed shapes and merges and hold the report's figures
once the runs are joined; every page parses with lxml with the expected rowspans, and a
GBK page decodes as GBK and only as GBK."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golocheck.formats import get_format
from golocheck.importing.document import is_blank
from roundtrip.htmlgrid import expand as expand_html
from roundtrip.htmlgrid import expand_text as expand_html_text
from roundtrip.layout import figure_text, flow, printed_tables
from roundtrip.ooxml import W, expand_table, merges, read_zip
from roundtrip.pipeline import load_sample, sample_names
from roundtrip.render_docx import TEMPLATE, render_docx
from roundtrip.render_html import render_html
from roundtrip.strategies import variant_reports

SAMPLES = sample_names()
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


def document_root(raw: bytes) -> ET.Element:
    return ET.fromstring(read_zip(raw)["word/document.xml"])


def test_every_sample_is_rendered():
    from golocheck.formats import all_formats

    assert len(SAMPLES) >= 8 and {load_sample(n)["format"] for n in SAMPLES} == set(all_formats())  # a sample of every format


@pytest.mark.parametrize("name", SAMPLES)
def test_docx_is_a_valid_package(name):
    raw = render_docx(load_sample(name), seed=7)
    parts = read_zip(raw)
    types = ET.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    assert overrides["/word/document.xml"].endswith("wordprocessingml.document.main+xml")
    assert {d.get("Extension") for d in types.iter(CT + "Default")} >= {"rels", "xml"}
    for part in overrides:
        assert part.lstrip("/") in parts, part
    package_rels = ET.fromstring(parts["_rels/.rels"])
    assert "word/document.xml" in {r.get("Target") for r in package_rels.iter(REL + "Relationship")}
    for rel in ET.fromstring(parts["word/_rels/document.xml.rels"]).iter(REL + "Relationship"):
        assert "word/" + rel.get("Target") in parts, rel.get("Target")
    for part, data in parts.items():
        if part.endswith(".xml") or part.endswith(".rels"):
            ET.fromstring(data)  # every XML part parses
    # Word refuses a document whose mc:Ignorable names an undeclared prefix
    start = re.search(rb"<w:document[^>]*>", parts["word/document.xml"]).group(0).decode()
    ignorable = re.search(r'mc:Ignorable="([^"]*)"', start)
    for prefix in ignorable.group(1).split() if ignorable else ():
        assert f"xmlns:{prefix}=" in start, prefix
    body = document_root(raw).find(W + "body")
    assert body[-1].tag == W + "sectPr"


def test_gov_2021_fills_the_template_with_its_shapes_and_merges():
    raw = render_docx(load_sample("clean-gov-2021.json"), seed=1)
    tables = list(document_root(raw).iter(W + "tbl"))
    assert [(len(expand_table(t)), len(expand_table(t)[0])) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    template = list(ET.fromstring(read_zip(TEMPLATE.read_bytes())["word/document.xml"]).iter(W + "tbl"))
    for ours, theirs in zip(tables, template):
        assert merges(ours) == merges(theirs)
    kinds = Counter(m for t in tables for _, _, _, m in merges(t))
    assert kinds["restart"] >= 10 and kinds["continue"] >= 20
    assert any(span > 1 for t in tables for _, _, span, _ in merges(t))


def test_a_layout_variant_is_printed_as_its_own_row():
    # hongze-2023 prints （六）其他处理 as one row (the 2019 layout) in a 2021 table
    raw = render_docx(load_sample("hongze-2023.json"), seed=1)
    tables = [expand_table(t) for t in document_root(raw).iter(W + "tbl")]
    assert [(len(t), len(t[0])) for t in tables] == [(14, 4), (26, 10), (4, 15)]
    other = [row for row in tables[1] if squeeze(row[1]) == "（六）其他处理"]
    assert len(other) == 1 and other[0][2] == other[0][1]  # spans the two label columns


def _expected_grid(report):
    """Per printed table: (row, col) -> expected squeezed text, from the layout."""
    out = []
    for table in printed_tables(report):
        expected = {}
        for r, row in enumerate(table.expanded()):
            for c, cell in enumerate(row):
                if cell.role == "value":
                    expected[(r, c)] = squeeze(figure_text(cell.value) or "")
                else:
                    expected[(r, c)] = squeeze(cell.text)
        out.append(expected)
    return out


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("seed", [0, 11])
def test_docx_tables_hold_the_labels_and_figures(name, seed):
    report = load_sample(name)
    raw = render_docx(report, seed=seed)
    root = document_root(raw)
    grids = [expand_table(t) for t in root.iter(W + "tbl")]
    expected = _expected_grid(report)
    assert len(grids) == len(expected)
    for grid, want in zip(grids, expected):
        got = {(r, c): squeeze(text) for r, row in enumerate(grid) for c, text in enumerate(row)}
        assert got == want
    # the runs really are split, and blanks are U+3000 U+3000 or empty — never 0
    paragraphs = list(root.iter(W + "p"))
    assert sum(len(p.findall(W + "r")) > 1 for p in paragraphs) > 10
    fmt = get_format(report["format"])
    labels = {squeeze(r.label) for t in fmt.tables for r in t.rows}
    printed = {squeeze(text) for grid in grids for row in grid for text in row}
    assert labels & printed  # the labels come from the format definition


def test_blank_cells_are_blank_in_both_renderings():
    report = load_sample("shanghai-kewei-2024.json")
    assert report["tables"]["requests"]["carried_forward"]["total"] is None
    table = next(t for t in printed_tables(report) if "requests" in t.tables)
    cell = next(c for c in table.value_cells() if c.pointer == "/tables/requests/carried_forward/total")
    docx = [expand_table(t) for t in document_root(render_docx(report, seed=2)).iter(W + "tbl")]
    page = lxml.html.fromstring(render_html(report, seed=2))
    html = [expand_html_text(t) for t in page.iter("table")]
    for grids in (docx, html):
        text = grids[1][cell.row][cell.col]
        assert is_blank(text) and text != "0"


def test_the_document_order_and_signature():
    report = load_sample("clean-gov-2021.json")
    root = document_root(render_docx(report, seed=3))
    body = root.find(W + "body")
    texts = ["".join(t.text or "" for t in p.iter(W + "t")) for p in body if p.tag == W + "p"]
    headings = [s["heading"] for s in report["sections"]]
    positions = [texts.index(h) for h in headings]
    assert positions == sorted(positions)
    assert texts[0] == report["metadata"]["title"]
    assert [t for t in texts if t][-2:] == ["示例市人民政府", "2025年3月28日"]
    # the three tables sit under 二、三、四
    order = [("t" if el.tag == W + "tbl" else "".join(x.text or "" for x in el.iter(W + "t"))) for el in body]
    for heading in headings[1:4]:
        at = order.index(heading)
        assert "t" in order[at + 1 : at + 3]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_html_parses_with_the_layout_grids(name, encoding):
    report = load_sample(name)
    raw = render_html(report, seed=5, encoding=encoding)
    page = lxml.html.fromstring(raw)
    tables = list(page.iter("table"))
    expected = _expected_grid(report)
    assert len(tables) == len(expected)
    for table, want in zip(tables, expected):
        got = {(r, c): squeeze(text) for r, row in enumerate(expand_html_text(table)) for c, text in enumerate(row)}
        assert got == want
    assert page.find(".//div[@id='zoomcon']") is not None
    assert any(len(p.findall(".//span")) + len(p.findall(".//font")) > 2 for p in page.iter("p"))


def test_html_rowspans_of_table_three():
    page = lxml.html.fromstring(render_html(load_sample("clean-gov-2021.json"), seed=1))
    requests = list(page.iter("table"))[1]
    label_spans = sorted(int(td.get("rowspan")) for td in requests.iter("td") if td.get("rowspan") and td.get("colspan") is None)
    # as the real 沭阳 page: 22 for 三、本年度办理结果, 8/3/5/3 for its groups, 2 for the column heads
    assert [s for s in label_spans if s > 2] == [3, 3, 5, 8, 22]
    assert Counter(label_spans)[2] == 2  # 自然人 and 总计 over two header rows
    grid = expand_html(requests)
    assert len(grid) == 28 and all(len(row) == 10 and all(td is not None for td in row) for row in grid)


def test_gbk_page_decodes_as_gbk_only():
    report = load_sample("pingtan-2019.json")
    raw = render_html(report, seed=4, encoding="gbk")
    assert b'<meta charset="gbk">' in raw
    text = raw.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert report["sections"][0]["heading"] in re.sub(r"<[^>]+>", "", text)
    assert "75394432.52元" in re.sub(r"<[^>]+>", "", text)
    page = lxml.html.fromstring(raw)  # lxml honours the page's own charset
    assert report["metadata"]["title"] in page.findtext(".//title")


def test_html_page_has_site_chrome_and_publication_line():
    report = load_sample("clean-gov-2021.json")
    raw = render_html(report, seed=1).decode("utf-8")
    assert "发布时间：2025-03-28" in raw
    assert '<ul class="nav">' in raw and 'class="footer"' in raw and "<script" in raw and "<style" in raw
    assert "<o:p>" in raw and "&nbsp;" in raw
    page = lxml.html.fromstring(raw.encode())
    article = page.find(".//div[@id='zoomcon']")
    assert "首页" not in article.text_content() and "ICP" not in article.text_content()
    # no published date printed when the report has none (nothing for an importer to invent from)
    assert "发布时间" not in render_html(load_sample("hongze-2023.json")).decode("utf-8")


def test_rendering_is_seeded():
    report = load_sample("clean-gov-2021.json")
    assert render_docx(report, seed=9) == render_docx(report, seed=9)
    assert render_html(report, seed=9) == render_html(report, seed=9)
    assert render_html(report, seed=9) != render_html(report, seed=10)


def test_flow_puts_gov_2014_table_in_an_appendix():
    printed = flow(load_sample("clean-gov-2014.json"))
    assert [t.layout for t in printed.appendix] == ["list"]
    assert all(not tables for _, _, tables in printed.sections)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=variant_reports(), seed=st.integers(0, 2**32 - 1))
def test_random_variants_render_with_their_figures(report, seed):
    expected = _expected_grid(report)
    docx = [expand_table(t) for t in document_root(render_docx(report, seed=seed)).iter(W + "tbl")]
    page = lxml.html.fromstring(render_html(report, seed=seed, encoding="gbk"))
    html = [expand_html_text(t) for t in page.iter("table")]
    for grids in (docx, html):
        got = [{(r, c): squeeze(text) for r, row in enumerate(grid) for c, text in enumerate(row)} for grid in grids]
        assert got == expected
