"""readers/text.py: lines, Markdown pipe tables and headings, flattened tables, on real texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from golocheck.diagnostics import TextPlace
from golocheck.importing import ImportRefused
from golocheck.importing.document import Block, Grid
from golocheck.importing.readers.text import read

ORIGINALS = Path(__file__).parent / "data" / "originals"


def _read(name: str):
    return read((ORIGINALS / name).read_bytes(), name, markdown=name.endswith(".md"))


def test_decodes_utf8_with_bom_and_gb18030_and_refuses_the_rest():
    assert read("\ufeff总体情况\n".encode(), "a.txt").blocks[0] == Block("总体情况", TextPlace(1, 1))
    assert read("二、主动公开\n".encode("gb18030"), "a.txt").blocks[0].text == "二、主动公开"
    with pytest.raises(ImportRefused) as refused:
        read(b"\xff\xfe\xff\xff\x81", "a.txt")
    assert refused.value.code == "I002"


def test_lines_headings_and_kind():
    doc = read("# 报告\n\n  ## 一、总体情况 ##\n正文第一行\n".encode(), "a.md", markdown=True)
    assert doc.kind == "markdown" and read(b"x\n", "a.txt").kind == "text"
    assert doc.items == (Block("报告", TextPlace(1, 3), 1), Block("一、总体情况", TextPlace(3, 6), 2), Block("正文第一行", TextPlace(4, 1)))
    assert doc.source_lines[3] == "正文第一行"


def test_pipe_table_drops_separators_splits_at_header_rows_and_pads():
    text = "| 项目 | 甲 | 乙 |\n|---|:-:|---|\n| 规章 | 0 |\n| 0 | 1 | 2 |\n|---|---|---|\n| 3 | 4 | 5 |\n"
    grids = read(text.encode(), "a.md", markdown=True).grids
    assert [len(g.rows) for g in grids] == [2, 2] and [g.number for g in grids] == [1, 2]
    first = grids[0]
    assert [c.text for c in first.rows[1]] == ["规章", "0", ""]  # padded to the widest row
    assert first.rows[1][1].place == TextPlace(3, 8) and first.rows[0][0].place == TextPlace(1, 3)
    assert not first.flattened and [c.text for c in grids[1].rows[0]] == ["0", "1", "2"]


PINGTAN = "pingtan-2021.page.txt"


def test_flattened_tables_of_the_pingtan_2021_page():
    doc = _read(PINGTAN)
    grids = doc.grids
    assert len(grids) == 1  # the dates and counts of the prose stay prose
    grid = grids[0]
    assert grid.flattened and grid.width == 2 and len(grid.rows) == 32
    label, run = grid.rows[0]
    assert label.text.startswith("二、主动公开政府信息情况") and label.text.endswith("规章") and run.text == "000"
    assert label.place == TextPlace(10, 2062) and run.place == TextPlace(10, 2109)
    rows = {r[0].text: r[1].text for r in grid.rows}
    assert rows["行政规范性文件"] == "693665"
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == "500000 5"  # a printed space kept
    assert rows["（三）不予公开1.属于国家秘密"] == "00000002"  # the next ordinal stuck to the run
    assert rows[".其他法律行政法规禁止公开"] == "00000003"
    assert rows["（七）总计"] == "630020469"
    assert grid.rows[-1][1].text == "10203120001200000" and grid.rows[-1][1].place == TextPlace(10, 2992)
    money = next(r for r in grid.rows if r[0].text.endswith("行政事业性收费"))
    assert money[1].text == "24252.311082"
    # the text around the table stays as blocks, in reading order
    index = doc.items.index(grid)
    assert doc.items[index - 1].text.endswith("切实提升我区政务公开质效。")
    assert doc.items[index + 1].text.startswith("五、存在的主要问题及改进情况")


def test_prose_with_figures_is_not_a_table():
    text = "全年累计整改不规范描述22处、失效链接43个、错别字5处。统计期限自2021年1月1日起至2021年12月31日止。已入驻中介机构868家、服务事项5大类53项。"
    doc = read(text.encode(), "a.txt")
    assert doc.grids == () and doc.blocks[0].text == text


def test_shanghai_kewei_markdown_extraction_with_shredded_headers():
    doc = _read("shanghai-kewei-2024.pdf-extract.md")
    grids = doc.grids
    first = grids[0]
    assert (len(first.rows), first.width) == (3, 4)
    assert [c.text for c in first.rows[2]] == ["规范性文件", "13", "0", "55"] and first.rows[2][1].place == TextPlace(89, 11)
    shredded = grids[1]
    assert [c.text for c in shredded.rows[0][:4]] == ["业", "构", "益组织", "务机构"] and shredded.width == 9
    assert [c.text for c in shredded.rows[1][:8]] == ["一、本年新收政府信息公开申请数量", "32", "2", "0", "0", "0", "0", "34"]
    # a row whose label the extraction lost is a grid of its own, figures only
    assert [c.text for c in grids[2].rows[0]] == ["0"] * 7 and grids[2].place == TextPlace(105, 3)
    assert not any(g.flattened for g in grids)


def test_shanghai_govoffice_markdown_extraction():
    doc = _read("shanghai-govoffice-2025.pdf-extract.md")
    assert not any(g.flattened for g in doc.grids)
    new = next(g for g in doc.grids if g.rows[0][0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in new.rows[0]] == ["一、本年新收政府信息公开申请数量", "1259", "36", "0", "0", "0", "0", "1295"]
    assert new.rows[0][7].place == TextPlace(115, 50)
    assert any(b.level == 2 and b.text == "表三：收到和处理政府信息公开申请情况" for b in doc.blocks)


def test_shuyang_county_extraction_in_a_txt_file():
    doc = _read("shuyang-county-2025.extract.txt")
    assert doc.kind == "text"
    assert doc.blocks[0] == Block("沐阳县人民政府 2025 年 政府信息公开工作年度报告", TextPlace(1, 3), 1)
    grids = doc.grids
    assert not any(g.flattened for g in grids)
    assert [c.text for c in grids[0].rows[2]] == ["行政规范性文件", "6", "1", "32"]
    fees = grids[3]
    assert [c.text for c in fees.rows[1]] == ["行政事业性收费", "4068.208"] and fees.rows[1][1].place == TextPlace(75, 13)
    generic = grids[7]
    assert [c.text for c in generic.rows[0]] == ["类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"]
    assert [c.text for c in generic.rows[1]] == ["本年新收政府信息公开申请数量", "705", "3", "0", "0", "5", "0", "713"]
