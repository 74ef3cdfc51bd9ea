"""The HTML reader on real pages and on the shapes real pages have: encodings, site
chrome, runs split mid-word, merged cells, blank cells, hostile tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from golocheck.diagnostics import HtmlPlace
from golocheck.importing import ImportRefused
from golocheck.importing.readers import html

ORIGINALS = Path(__file__).resolve().parent / "data" / "originals"


def read(markup: str | bytes):
    raw = markup.encode("utf-8") if isinstance(markup, str) else markup
    return html.read(raw, "page.html")


def shape(document):
    return [(len(grid.rows), grid.width) for grid in document.grids]


# -- real pages ---------------------------------------------------------------------------


def test_shuyang_article_tables_and_page_metadata():
    document = html.read((ORIGINALS / "shuyang-fagaiju-2023.reconstructed.html").read_bytes(), "shuyang.html")
    # the site's 发布机构/公开日期 table is chrome, not one of the report's tables
    assert shape(document) == [(14, 4), (28, 10), (4, 15)]
    assert document.blocks[0].text.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "现向社会公布沭阳县发展和改革局2023年度" in document.blocks[0].text  # "20</span><span>23" joined
    assert document.blocks[1].text == "一、总体情况"
    assert document.meta["published"] == "2024-01-17"
    assert document.meta["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"
    assert document.meta["heading"] == "沭阳县发展和改革局2023年政府信息公开年度报告"


def test_shuyang_cells_keep_blanks_and_places():
    text = (ORIGINALS / "shuyang-fagaiju-2023.reconstructed.html").read_text(encoding="utf-8")
    document = html.read(text.encode("utf-8"), "shuyang.html")
    applications = document.grids[1]
    blank = [cell for row in applications.rows for cell in row if cell.blank]
    assert blank and {cell.text for cell in blank} == {" "}  # <o:p> </o:p>, not the source's indentation
    # five of the seven 表三 columns are blank in every figure row: blank, never "0"
    figure_rows = [row for row in applications.rows if row[3].text.strip().isdigit()]
    assert figure_rows and all(row[4].blank and row[8].blank for row in figure_rows)
    cell = figure_rows[0][3]
    assert isinstance(cell.place, HtmlPlace) and cell.place.table == 2 and cell.place.column == 4
    assert document.source_lines[cell.place.line - 1].count("<td") >= 1  # the cell's own source line


def test_pingtan_2019_word_pasted_page():
    document = html.read((ORIGINALS / "pingtan" / "2019" / "page.html").read_bytes(), "page.html")
    assert shape(document) == [(18, 4), (26, 10), (4, 15)]
    assert [b.text for b in document.blocks[:2]] == ["平潭综合实验区2019年", "政府信息公开工作年度报告"]
    assert document.meta["ArticleTitle"] == "平潭综合实验区2019年度政府信息公开工作年度报告"
    assert document.meta["PubDate"] == "2020-01-20 15:22"
    assert document.meta["published"] == "2020-01-20 15:22"  # 时间：… printed above the article
    assert not any("文字版" in b.text or "文件下载" in b.text for b in document.blocks)  # chrome dropped
    assert all(b.place.line == 349 for b in document.blocks)  # the article is one source line
    assert len(document.source_lines) == 911


def test_pingtan_2016_page():
    document = html.read((ORIGINALS / "pingtan" / "2016" / "page.html").read_bytes(), "page.html")
    assert shape(document) == [(17, 4)]
    assert document.grids[0].rows[1][0].text == "主动公开文件数" and document.grids[0].rows[1][2].text == "3460"
    assert document.blocks[1].text == "2016年度政府信息公开工作年度报告"


# -- encodings ----------------------------------------------------------------------------


REPORT = "<html><head>{head}</head><body><p>政府信息公开工作年度报告</p></body></html>"


@pytest.mark.parametrize("head", ['<meta charset="gbk">', '<meta charset=GB2312>',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ""])
def test_gb_pages_decode_as_gb18030(head):
    raw = REPORT.format(head=head).encode("gb18030")
    document = read(raw)
    assert document.blocks[0].text == "政府信息公开工作年度报告"
    assert document.meta["encoding"] == "gb18030"


def test_utf8_with_bom_and_without_declaration():
    assert read(b"\xef\xbb\xbf" + REPORT.format(head="").encode()).meta["encoding"] == "utf-8"
    assert read(REPORT.format(head="").encode()).blocks[0].text == "政府信息公开工作年度报告"


def test_a_page_declaring_utf8_written_in_gbk_is_read_in_gbk():
    document = read(REPORT.format(head='<meta charset="utf-8">').encode("gb18030"))
    assert document.blocks[0].text == "政府信息公开工作年度报告" and document.meta["encoding"] == "gb18030"


def test_undecodable_bytes_are_refused_with_I002():
    with pytest.raises(ImportRefused) as refused:
        read(b"<p>\xff\xfe\xff</p>")
    assert refused.value.code == "I002" and refused.value.args_["offset"] == 3


# -- structure ----------------------------------------------------------------------------


def test_inline_runs_join_and_blocks_break():
    document = read('<div><p><span>申请人情</span><span>况</span></p>总<font face="x">计</font><br>'
                    '<b>第二</b>行<li>列表</li><h2>二、主动公开</h2><script>var x="脚本";</script><style>p{}</style>尾</div>')
    assert [(b.text, b.level) for b in document.blocks] == [
        ("申请人情况", None), ("总计", None), ("第二行", None), ("列表", None), ("二、主动公开", 2), ("尾", None)]


def test_rowspan_colspan_expand_with_spanned_from():
    document = read("<table>\n<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td></tr>\n"
                    "<tr><td>1</td><td>2</td></tr>\n</table>")
    grid = document.grids[0]
    assert [[c.text for c in row] for row in grid.rows] == [
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"], ["三、本年度办理结果", "1", "2"]]
    assert grid.rows[0][2].spanned_from == (0, 1) and grid.rows[1][0].spanned_from == (0, 0)
    assert grid.rows[0][0].spanned_from is None and grid.rows[1][1].spanned_from is None
    assert grid.rows[1][2].place == HtmlPlace(line=3, table=1, row=2, column=3)
    assert grid.rows[1][0].place == HtmlPlace(line=2, table=1, row=2, column=1)  # the merged cell's line


def test_blank_cells_keep_their_white_space():
    document = read("<table><tr><td><p><o:p> </o:p></p></td><td>&nbsp;</td><td>\u3000\u3000</td><td>0</td></tr>"
                    "<tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></table>")
    cells = document.grids[0].rows[0]
    assert [c.text for c in cells] == [" ", "\u00a0", "\u3000\u3000", "0"]
    assert [c.blank for c in cells] == [True, True, True, False]


def test_a_cell_paragraphs_are_lines():
    document = read("<table><tr><td><p>商业</p><p>企业</p></td><td>x</td></tr><tr><td>1</td><td>2</td></tr></table>")
    assert document.grids[0].rows[0][0].text == "商业\n企业"


def test_nested_tables_do_not_crash_and_inner_tables_are_grids():
    inner = "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    document = read("<table><tr><td>布局" + inner + "</td></tr></table>")
    assert shape(document) == [(2, 2)] and document.grids[0].rows[1][1].text == "4"
    assert document.blocks[0].text == "布局"
    deep = read("<div>" * 250 + "<span>深</span>" + "</div>" * 250)  # past the walker's own depth bound
    assert [b.text for b in deep.blocks] == ["深"]
    read("<div>" * 5000 + "深" + "</div>" * 5000)  # lxml stops nesting near 256 levels: no crash


def test_absurd_spans_are_bounded():
    document = read('<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr><tr><td>y</td></tr></table>')
    grid = document.grids[0]
    assert grid.width == html.MAX_COLSPAN + 1 and len(grid.rows) == 2  # "y" after the 2-row span
    assert grid.rows[1][0].spanned_from == (0, 0) and grid.rows[1][html.MAX_COLSPAN].text == "y"
    with pytest.raises(ImportRefused) as refused:
        read('<table><tr><td colspan="1000">1</td></tr>' + "<tr><td colspan=1000>2</td></tr>" * 200 + "</table>")
    assert refused.value.code == "I004"


def test_empty_and_markup_free_input():
    assert read(b"").items == () and read(b"   ").items == ()
    assert read("只有文字").blocks[0].text == "只有文字"
