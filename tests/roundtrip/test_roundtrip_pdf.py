"""Every sample report rendered as an office prints it to PDF (roundtrip/render_pdf.py:
ruled tables, the largest continued across a page break without a repeated header and
with its merged label cells empty on the continuation, paragraphs, page numbers) imports
back as the same report: the format, every table cell, every section (heading and text
up to whitespace) and the metadata the rendering prints. Each sample is rendered once."""

from __future__ import annotations

from functools import cache

import pytest

from golocheck.importing.readers import pdf
from roundtrip.pipeline import import_document, load_sample, sample_names
from roundtrip.render_pdf import render_pdf, wrap
from roundtrip.test_roundtrip import assert_same_report, options_for

pytestmark = pytest.mark.importer

SAMPLES = sample_names()
# What importing a rendering reports, with why: only what the sample itself holds.
EXPECTED_PROBLEMS = {
    # （六）其他处理 printed as the one row the 洪泽区 reports print (the sample has no sub-rows)
    "hongze-2023.json": [("I016", "/tables/requests/other")],
    "hongze-2024.json": [("I016", "/tables/requests/other")],
    # the sample's 结转下年度继续办理 总计 is blank among figures (as the report prints it)
    "shanghai-kewei-2024.json": [("I021", "/tables/requests/carried_forward/total")],
}


@cache
def rendered(name: str) -> bytes:
    return render_pdf(load_sample(name))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_survives_the_pdf_round_trip(name):
    sample = load_sample(name)
    imported = import_document(rendered(name), "report.pdf", "pdf", options_for(sample))
    assert_same_report(imported, sample, "pdf")
    assert [(p.code, p.pointer) for p in imported.problems] == EXPECTED_PROBLEMS.get(name, [])


@pytest.mark.parametrize("name", SAMPLES)
def test_the_rendering_continues_a_table_across_a_page_break(name):
    document = pdf.read(rendered(name), "report.pdf")
    continued = [g for g in document.grids if len({row[0].place.page for row in g.rows}) > 1]
    assert continued, "no table continues on the next page"
    grid = continued[0]
    first_page = grid.rows[0][0].place.page
    at = next(r for r, row in enumerate(grid.rows) if row[0].place.page > first_page)
    # no header repeated: the continuation starts with figures
    assert any(c.text.strip().isdigit() for c in grid.rows[at])
    # a merged label crossing the break is printed above it only: its continuation is empty
    # in the PDF and the reader carries the label over
    for cell in grid.rows[at]:
        if cell.spanned_from is not None and cell.spanned_from[0] < at:
            assert cell.text == grid.rows[cell.spanned_from[0]][cell.spanned_from[1]].text
    # page numbers are furniture: no block is one
    assert not any(b.text.startswith("- ") and b.text.endswith(" -") for b in document.blocks)
    assert len({b.place.page for b in document.blocks}) >= 2


def test_closing_punctuation_never_starts_a_line():
    # the line-breaking rule of Chinese word processors (and PDFium drops a lone "。" line)
    lines = wrap("甲" * 10 + "。", 120.0, 12.0)
    assert lines == ["甲" * 10 + "。"]
    assert wrap("甲" * 11, 120.0, 12.0) == ["甲" * 10, "甲"]
