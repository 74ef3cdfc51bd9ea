"""The PDF reader (importing/readers/pdf.py) on the real published PDFs and on generated
ones: tables with their shapes, merges, pages and boxes; continued tables joined; body
text in paragraphs without page numbers; every unreadable or hostile PDF its finding."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.importing import IMPORT_SUFFIXES, ImportRefused
from golocheck.importing.document import Block, Grid
from golocheck.importing.readers import pdf, pdf_text
from golocheck.importing.readers.pdf_limits import PdfLimits

import pdfmake  # tests/pdfmake.py (tests/ is on sys.path: rootdir conftest)

ROOT = Path(__file__).resolve().parents[1]
ORIGINALS = ROOT / "tests" / "data" / "originals"


@pytest.fixture(scope="module")
def hongze2023():
    return pdf.read((ORIGINALS / "hongze-district-2023.pdf").read_bytes(), "hongze-2023.pdf")


@pytest.fixture(scope="module")
def hongze2024():
    return pdf.read((ORIGINALS / "hongze-district-2024.pdf").read_bytes(), "hongze-2024.pdf")


@pytest.fixture(scope="module")
def huaian():
    return pdf.read((ORIGINALS / "huaian-city-2024.pdf").read_bytes(), "huaian-2024.pdf")


def shapes(document):
    return [(len(g.rows), g.width, g.place.page) for g in document.grids]


def refused(raw: bytes, **kw) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        pdf.read(raw, "x.pdf", **kw)
    return caught.value


# -- the real PDFs ----------------------------------------------------------------------


def test_pdf_is_an_import_suffix():
    assert IMPORT_SUFFIXES[".pdf"] == "pdf"


@pytest.mark.parametrize("name, table2", [("hongze2023", (8, 4, 2)), ("hongze2024", (7, 4, 2))])
def test_hongze_tables_have_their_printed_shapes(name, table2, request):
    document = request.getfixturevalue(name)
    # 表二 p.2 (its WPS text-frame rows trimmed) and its rest on p.3 (fewer columns: not
    # joined); 表三 17 rows on p.3 + 9 on p.4 joined; 表四 4x15. The one-column text frames
    # of p.1, p.4 and p.5 are not tables.
    # (2024 prints 第二十条第（六）项 at the top of p.3: 7 rows on each page)
    assert shapes(document) == [table2, (6 if name == "hongze2023" else 7, 2, 3), (26, 10, 3), (4, 15, 4)]
    assert not document.problems
    assert document.kind == "pdf"


def test_hongze_2023_cells_keep_their_page_box_and_printed_text(hongze2023):
    table2, rest, table3, table4 = hongze2023.grids
    cell = table2.rows[3][2]  # 行政规范性文件 / 本年废止件数
    assert (cell.text, cell.place.page, cell.place.table, cell.place.row, cell.place.column) == ("5", 2, 1, 4, 3)
    x0, y0, x1, y1 = cell.place.box
    assert 330 < x0 < x1 < 430 and 230 < y0 < y1 < 280  # PDF points, origin bottom left (p.2, upper half)
    assert table3.rows[3][0].text == "一、本年新收政府信息公开申请数量"
    assert table3.rows[3][9].text == "21" and table3.rows[3][9].place.page == 3
    # the continuation keeps its own page: 3.补正后申请内容仍不明确 is the first row of p.4
    assert table3.rows[17][2].text == "3.补正后申请内容仍不明确" and table3.rows[17][2].place.page == 4
    assert table3.rows[17][2].place.row == 18
    assert table3.rows[-1][0].text == "四、结转下年度继续办理" and table3.rows[-1][0].place.page == 4
    # line breaks and letter spacing as printed; vertical labels one character per line
    assert table3.rows[2][4].text == "商业\n企业"
    assert table4.rows[1][4].text == "总 计"
    assert table3.rows[5][0].text == "三\n、\n本\n年\n度\n办\n理\n结\n果"
    assert table4.rows[3][10].text == "5"


def test_merged_cells_repeat_the_covering_cell(hongze2023):
    table2, _, table3, table4 = hongze2023.grids
    # 第二十条第（一）项 spans the width of 表二: the covered positions point at it
    assert [c.spanned_from for c in table2.rows[0]] == [None, (0, 0), (0, 0), (0, 0)]
    assert {c.text for c in table2.rows[0]} == {"第二十条第（一）项"}
    # the vertical label 三、本年度办理结果 covers the rows below it on p.3
    assert table3.rows[6][0].spanned_from == (5, 0) and table3.rows[6][0].text == table3.rows[5][0].text
    # 行政诉讼 over its ten columns: pdfplumber cuts it where WPS closed a cell with a white
    # rectangle; with no visible rule there, the blank part belongs to the printed cell
    assert [c.text for c in table4.rows[0][5:]] == ["行政诉讼"] * 10
    assert table4.rows[0][5].spanned_from == (0, 8)
    # 表四's header cells merged downwards
    assert table4.rows[2][0].spanned_from == (1, 0) and table4.rows[2][0].text == "结果\n维持"


def _header_grid(second_row: list[tuple[str, tuple[int, int] | None, int, int]]):
    """A 3-row grid on a 100 pt high page, columns at x = 0, 10, 20, 30, 40: 甲 over the
    first two columns, a blank cell over the third, 乙 over the fourth; ``second_row`` as
    (text, spanned_from, x0, x1); a row of figures under it."""
    cell = pdf._RawCell
    rows = [[cell("甲", 1, (0, 80, 20, 100)), cell("甲", 1, (0, 80, 20, 100), (0, 0)),
             cell("", 1, (20, 80, 30, 100)), cell("乙", 1, (30, 80, 40, 100))],
            [cell(text, 1, (x0, 60, x1, 80), origin) for text, origin, x0, x1 in second_row],
            [cell(str(c), 1, (10 * c, 40, 10 * c + 10, 60)) for c in range(4)]]
    return pdf._RawGrid(1, (0, 40, 40, 100), rows)


def test_a_rule_that_a_header_cell_below_runs_across_splits_no_column():
    # 洪泽区 2024 表四: the rule at x=30 stops at the top header row, and 丙 below runs
    # across it, so the blank part of the top row is 乙's (as in hongze2024 below)
    grid = _header_grid([("a", None, 0, 10), ("b", None, 10, 20), ("丙", None, 20, 40), ("丙", (1, 2), 20, 40)])
    walls = [(0, 0, 60), (20, 0, 60), (30, 0, 20), (40, 0, 60)]
    pdf._unwall(grid, walls, 100)
    assert [(c.text, c.spanned_from) for c in grid.rows[0][2:]] == [("乙", (0, 3)), ("乙", None)]


def test_a_rule_that_runs_on_between_the_columns_keeps_a_blank_header_blank():
    # a real missing column header: the rule at x=30 runs down between 丙 and 丁
    grid = _header_grid([("a", None, 0, 10), ("b", None, 10, 20), ("丙", None, 20, 30), ("丁", None, 30, 40)])
    walls = [(0, 0, 60), (20, 0, 60), (30, 0, 60), (40, 0, 60)]
    pdf._unwall(grid, walls, 100)
    assert [(c.text, c.spanned_from) for c in grid.rows[0][2:]] == [("", None), ("乙", None)]
    # nor is a blank header over a blank cell below joined (no printed cell runs across)
    grid = _header_grid([("a", None, 0, 10), ("b", None, 10, 20), ("", None, 20, 40), ("", (1, 2), 20, 40)])
    pdf._unwall(grid, [(0, 0, 60), (20, 0, 60), (30, 0, 20), (40, 0, 60)], 100)
    assert grid.rows[0][2].spanned_from is None


def test_hongze_2024_table4_header_is_read_across_its_split_rule(hongze2024):
    table4 = hongze2024.grids[3]
    assert [c.text for c in table4.rows[0][5:]] == ["行政诉讼"] * 10
    assert table4.rows[0][5].spanned_from == (0, 8)


def test_a_continued_table_carries_its_merged_labels_across_the_page(hongze2023):
    table3 = hongze2023.grids[2]
    first_of_p4 = table3.rows[17]
    # the continuation's first row prints its label cells empty: they continue 三、本年度办理结果
    assert first_of_p4[0].spanned_from == (5, 0) and first_of_p4[0].place.page == 4
    assert first_of_p4[0].text.startswith("三")
    # and positions merged with them on p.4 point at the same cell
    assert table3.rows[18][0].spanned_from == (5, 0)


def test_huaian_lines_only_tables_and_the_group_label_broken_across_the_page(huaian):
    assert shapes(huaian) == [(8, 4, 3), (6, 2, 4), (28, 10, 4), (4, 15, 5)]
    table3 = huaian.grids[2]
    broken = [(row[1].text, row[1].place.page) for row in table3.rows if row[1].text in ("（四）无", "法提供") and row[1].spanned_from is None]
    assert broken == [("（四）无", 4), ("法提供", 5)]  # as printed: the anchoring reads labels in order
    assert table3.rows[16][0].spanned_from == (5, 0)  # the empty label of p.5's first row continues 三、
    assert table3.rows[3][9].text == "3119"
    assert not huaian.problems


def test_body_text_in_paragraphs_without_page_numbers(hongze2023, hongze2024, huaian):
    texts = [b.text for b in hongze2023.blocks]
    # the title, printed over two centred lines in display type, is one paragraph
    assert texts[0] == "洪泽区人民政府2023 年政府信息公开工作年度报告"
    assert texts[1].startswith("本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》")
    assert "号 ， 邮 编 ： 223100" in texts[1] and texts[1].endswith("hzzwgk@126.com）。")  # lines rejoined
    assert texts[2] == "一、总体情况"
    # a paragraph that runs from p.1 onto p.2 is one block, placed on its first page
    continued = next(b for b in hongze2023.blocks if "加强区政府门户网站及政务新媒体日常管理" in b.text)
    assert continued.place.page == 1 and continued.text.endswith("未经审核的信息一律不准发布。")
    for document in (hongze2023, hongze2024, huaian):
        for block in document.blocks:
            assert not pdf_text._PAGE_NUMBER.fullmatch(block.text), block
            assert not block.text.startswith("- ")
    # table text is not body text; the tables' headings are
    assert not any("本年新收政府信息公开申请数量" in t for t in texts)
    assert "三、收到和处理政府信息公开申请情况" in texts


def test_items_are_in_reading_order(hongze2023):
    kinds = [(type(i).__name__, i.text if isinstance(i, Block) else i.number) for i in hongze2023.items]
    heading = kinds.index(("Block", "二、主动公开政府信息情况"))
    assert kinds[heading + 1] == ("Grid", 1)
    assert kinds.index(("Block", "三、收到和处理政府信息公开申请情况")) == kinds.index(("Grid", 3)) - 1


def test_metadata_keeps_the_unreliable_title_apart(hongze2023, hongze2024):
    assert hongze2023.meta == {"pdf_title": "洪泽区人民政府2023年政府信息公开工作年度报告"}
    assert "title" not in hongze2024.meta and not any("date" in k.lower() for k in hongze2024.meta)


def test_the_garbled_original_is_refused():
    error = refused((ORIGINALS / "synthetic-beijing-2023.pdf").read_bytes())
    assert error.code == "I041" and error.args_["share"] >= 50


# -- the paragraph and furniture rules ----------------------------------------------------


def line(text, page, x0, y0, x1, size=16.0):
    return pdf_text.Line(text, page, (x0, y0, x1, y0 + size), size)


def test_paragraphs_join_broken_words_and_figures_but_not_two_paragraphs():
    lines = [line("　　第一段落的开头写到20", 1, 90, 700, 518), line("23年为止。", 1, 72, 673, 200),
             line("　　第二段落", 1, 104, 646, 518), line("继续。", 1, 72, 619, 140),
             line("Open gov", 1, 72, 592, 518), line("ernment", 1, 72, 565, 200)]
    lines = [pdf_text.Line(l.text.strip("　"), l.page, l.box, l.size) for l in lines]
    breaker = pdf_text.Breaker(lines * 5)
    found = [p.text for p in pdf_text.paragraphs([lines], breaker)[0]]
    assert found == ["第一段落的开头写到2023年为止。", "第二段落继续。", "Open gov ernment"]


def test_a_title_over_two_centred_lines_is_one_paragraph_and_its_date_line_is_not():
    body = [line("正文正文正文", 1, 72, 600 - 27 * i, 518) for i in range(10)]
    title = [line("某某区人民政府", 1, 219, 740, 373, size=22.0), line("2023 年政府信息公开工作年度报告", 1, 128, 710, 464, size=22.0),
             line("（2024年1月）", 1, 250, 680, 340)]
    breaker = pdf_text.Breaker(title + body)
    found = [p.text for p in pdf_text.paragraphs([title], breaker)[0]]
    assert found == ["某某区人民政府2023 年政府信息公开工作年度报告", "（2024年1月）"]
    # two centred headings in display type far apart are two paragraphs
    apart = [title[0], line("2023 年政府信息公开工作年度报告", 1, 128, 650, 464, size=22.0)]
    assert len(pdf_text.paragraphs([apart], breaker)[0]) == 2


def test_page_numbers_and_running_heads_are_furniture():
    heights = {1: 842.0, 2: 842.0, 3: 842.0}
    lines = [line("- 1 -", 1, 280, 40, 300), line("-2-", 2, 280, 40, 300), line("第 3 页", 3, 280, 40, 300),
             line("某某区人民政府 2023 年报", 1, 72, 800, 300), line("某某区人民政府 2023 年报", 2, 72, 800, 300),
             line("3", 2, 72, 400, 80), line("正文 - 3 -", 3, 72, 400, 300)]
    assert pdf_text.furniture(lines, heights) == {0, 1, 2, 3, 4}


def test_unreadable_share_tells_text_from_mojibake():
    assert pdf_text.unreadable_share("2023 年，洪泽区人民政府坚持“三审三校”制度（第 1 项）①√") == 0
    assert pdf_text.unreadable_share("æ¿å\x9cä¿¡æ\x81flå\x85‹") > 0.5
    assert pdf_text.unreadable_share("(cid:12)(cid:7)(cid:99) 年") > 0.8


# -- unreadable and hostile PDFs ------------------------------------------------------------


def test_a_scan_is_refused_and_a_scanned_page_is_a_page_finding():
    assert refused(pdfmake.pdf([pdfmake.scanned_page()])).code == "I040"
    document = pdf.read(pdfmake.pdf([pdfmake.text_page(["Report 2023 of the county"]), pdfmake.scanned_page()]), "x.pdf")
    assert [(p.code, p.place.page, p.args["where_en"]) for p in document.problems] == [("I040", 2, "page 2")]
    assert [b.text for b in document.blocks] == ["Report 2023 of the county"]


def test_a_garbled_text_layer_is_refused_and_a_garbled_page_is_a_page_finding():
    assert refused(pdfmake.garbled()).code == "I041"


def test_an_encrypted_pdf_is_refused():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    sheet.drawString(100, 700, "2023")
    sheet.save()
    assert refused(buffer.getvalue()).code == "I042"


@pytest.mark.parametrize("raw", [b"", b"hello", b"%PDF-1.7\n" + b"\x00" * 500, (ORIGINALS / "hongze-district-2023.pdf").read_bytes()[:3000]],
                         ids=["empty", "not-a-pdf", "header-and-zeros", "truncated"])
def test_a_damaged_file_is_refused_naming_the_error(raw):
    error = refused(raw)
    assert error.code == "I043" and error.args_["what_en"]


def test_a_malformed_xref_is_a_finding_and_the_text_is_still_read():
    document = pdf.read(pdfmake.pdf([pdfmake.text_page(["Report 2023"])], xref=False), "x.pdf")
    assert [p.code for p in document.problems] == ["I044"]
    assert [b.text for b in document.blocks] == ["Report 2023"]
    intact = pdf.read(pdfmake.pdf([pdfmake.text_page(["Report 2023"])]), "x.pdf")
    assert intact.problems == ()


def test_the_real_pdfs_have_intact_xrefs():
    for name in ("hongze-district-2023.pdf", "hongze-district-2024.pdf", "huaian-city-2024.pdf"):
        assert pdf.xref_intact((ORIGINALS / name).read_bytes()), name


def test_more_pages_than_the_limit_are_refused_before_reading_them():
    raw = pdfmake.many_pages(201)
    error = refused(raw)
    assert error.code == "I045" and "201" in error.args_["what_en"]
    # with a higher limit every page is read (one line each, so one paragraph across them)
    (block,) = pdf.read(raw, "x.pdf", limits=PdfLimits(max_pages=250)).blocks
    assert block.text.endswith("text of page 200 text of page 201")


def test_a_decompression_bomb_is_refused_without_inflating_it():
    bomb = pdfmake.bomb(40 << 20)
    assert len(bomb) < 100_000
    error = refused(bomb)
    assert error.code == "I045" and "decompression bomb" in error.args_["what_en"]
    small = PdfLimits(max_stream_bytes=1 << 20)
    assert refused(pdfmake.bomb(2 << 20), limits=small).code == "I045"


def test_thousands_of_tiny_tables_are_a_page_finding_and_bounded():
    document = pdf.read(pdfmake.tiny_tables(3000), "x.pdf")
    assert [(p.code, p.place.page) for p in document.problems] == [("I046", 1)]
    assert "drawing objects" in document.problems[0].args["what_en"]
    assert document.grids == ()
    # below the drawing-object bound, the number of tables is bounded too
    document = pdf.read(pdfmake.tiny_tables(60, 10), "x.pdf")
    assert [p.code for p in document.problems] == ["I046"] and "60 tables" in document.problems[0].args["what_en"]
    # the refusal costs less than reading the tables would (ratio, not an absolute time); shown
    # on 400 tables under a lower bound, as reading 3,000 tables takes half a minute
    many = pdfmake.tiny_tables(400)
    started = time.monotonic()
    assert [p.code for p in pdf.read(many, "x.pdf", limits=PdfLimits(max_rulings_per_page=1200)).problems] == ["I046"]
    bounded = time.monotonic() - started
    started = time.monotonic()
    pdf.read(many, "x.pdf", limits=PdfLimits(max_rulings_per_page=10**6, max_tables_per_page=10**6))
    assert bounded < time.monotonic() - started


def test_the_time_budget_is_a_finding():
    error = refused((ORIGINALS / "hongze-district-2023.pdf").read_bytes(), limits=PdfLimits(time_budget_seconds=0.0))
    assert error.code == "I045" and "time budget" in error.args_["what_en"]


def test_a_library_error_on_a_page_is_named_in_a_page_finding(monkeypatch):
    def broken(page, number):
        raise KeyError("Resources")

    monkeypatch.setattr(pdf, "_grids_of", broken)
    document = pdf.read((ORIGINALS / "hongze-district-2023.pdf").read_bytes(), "x.pdf")
    assert [(p.code, p.place.page) for p in document.problems] == [("I046", 2), ("I046", 3), ("I046", 4)]
    assert "builtins.KeyError" in document.problems[0].args["what_en"]
    assert document.grids == ()


# -- the rules' own examples, through the reader -------------------------------------------

PDF_RULES = [r for r in load_catalogue().values() if r.code.startswith("I04")]


def test_the_pdf_codes_are_rules():
    assert [r.code for r in PDF_RULES] == [f"I04{n}" for n in range(7)]


@pytest.mark.parametrize("rule", PDF_RULES, ids=lambda r: r.code)
def test_rule_examples_through_the_reader(rule):
    for outcome in ("pass", "fail"):
        for example in rule.examples[outcome]:
            raw = example["raw"].encode(example.get("encoding", "utf-8"))
            try:
                document = pdf.read(raw, "example.pdf")
                found = [(p.code, p.pointer, p.args) for p in document.problems]
            except ImportRefused as error:
                found = [(error.code, "", error.args_)]
            mine = [pointer for code, pointer, _ in found if code == rule.code]
            if outcome == "pass":
                assert mine == [], found
            else:
                assert Counter(mine) == Counter(example["at"]), found
                for code, _, args in found:
                    if code == rule.code:
                        from golocheck.engine import render_message

                        for lang in ("zh", "en"):
                            assert "{" not in render_message(getattr(rule.message, lang), args, lang)


# -- dependencies ---------------------------------------------------------------------------


def test_checking_a_report_file_loads_no_pdf_library():
    code = ("import sys; from golocheck.cli import main\n"
            "try:\n    main(['sample_reports/golog-2018.json', '--quiet'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pypdfium2', 'pypdfium2_raw', 'pdfminer')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_only_the_pdf_reader_imports_the_pdf_libraries():
    sources = ROOT / "src" / "golocheck"
    for path in sources.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(f"import {lib}" in text or f"from {lib}" in text for lib in ("pdfplumber", "pypdfium2", "pdfminer")):
            assert path.name == "pdf.py", path


# -- golden imports ------------------------------------------------------------------------

# What the import reports besides the tables, with why. The 洪泽区 reports print （六）其他处理
# as one row with figures of its own instead of the template's three sub-rows: the import
# says so (I016 at the group) and leaves the three sub-rows out, as their samples do
# (sample_reports/README.md: the three （六） sub-rows blank).
OTHER_ONE_ROW = [("I016", "/tables/requests/other")]
GOLDEN = [("hongze-district-2023.pdf", "hongze-2023", OTHER_ONE_ROW),
          ("hongze-district-2024.pdf", "hongze-2024", OTHER_ONE_ROW),
          ("huaian-city-2024.pdf", "huaian-2024", [])]


@pytest.mark.parametrize("name, sample, problems", GOLDEN, ids=[g[1] for g in GOLDEN])
def test_golden_import_reproduces_the_hand_transcription(name, sample, problems):
    import json

    from golocheck.importing import ImportOptions
    from golocheck.importing.assemble import assemble

    result = assemble(pdf.read((ORIGINALS / name).read_bytes(), name), ImportOptions())
    assert result.report is not None, [p.code for p in result.problems]
    expected = json.loads((ROOT / "sample_reports" / f"{sample}.json").read_text(encoding="utf-8"))
    assert result.report["format"] == expected["format"]
    assert result.report["tables"] == expected["tables"]
    assert [(p.code, p.pointer) for p in result.problems] == problems
