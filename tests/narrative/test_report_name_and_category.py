"""Two misses of the narrative checks found by measuring on reports golocheck was not tuned
on (docs/accuracy.md), fixed in the mechanism: the report's name for itself with another
year (N010; a notice on another year's report is N050, one in 《》 N043: never two codes for
one year), and a category count that includes the normative documents (政策规范性文件类信息
N 条: at least the row's newly published count; below it N051, a warning). Every sentence
and table here is constructed."""

from __future__ import annotations

from narrative.test_narrative_rules import findings

YEAR_CODES = ("N010", "N043", "N050")
Y2022 = {"metadata": {"report_year": 2022, "period": {"start": "2022-01-01", "end": "2022-12-31"},
                      "title": "某县统计局2022年度政府信息公开工作年度报告"}}


def _years(preamble: str, text: str = "无。"):
    found = findings(text, preamble=preamble, **Y2022)
    return [(d.code, d.pointer, d.args["quote"][d.args["quote"].index("【"):d.args["quote"].index("】") + 1])
            for d in found if d.code in YEAR_CODES]


def test_the_report_named_with_another_year_is_n010():
    assert _years("结合我局实际，编制完成2023年度政府信息公开工作年度报告。") == [("N010", "/preamble", "【2023】")]
    assert _years("现将本机关2023年度政府信息公开工作年度报告向社会公布。") == [("N010", "/preamble", "【2023】")]
    assert _years("特发布2023年政府信息公开工作年度报告。") == [("N010", "/preamble", "【2023】")]
    # its own year, in the same sentences: nothing
    assert _years("结合我局实际，编制完成2022年度政府信息公开工作年度报告。现将本机关2022年度政府信息公开工作年度报告向社会公布。") == []


def test_a_name_that_may_be_another_report_is_no_error():
    # an earlier report spoken of, no sentence naming this one
    assert _years("本报告由总体情况等六部分组成。", "2021年度政府信息公开工作年度报告中提出的问题已全部整改。") == []
    # an unbracketed notice on another year's report: a warning, not N010
    assert _years("根据示例县政府办公室2023年度政府信息公开工作年度报告编制通知要求，编制本报告。") == [("N050", "/preamble", "【2023】")]


def test_a_notice_title_in_title_marks_is_n043_alone():
    preamble = "根据《示例县政府办公室关于编制公布2021年政府信息公开工作年度报告有关事项的通知》要求，现将2023年度政府信息公开工作年度报告向社会公布。"
    # the notice's 2021 is N043's only; the report's own name (2023) is N010's
    assert sorted(_years(preamble)) == [("N010", "/preamble", "【2023】"), ("N043", "/preamble", "【2021】")]


CATEGORY_2019 = {"art20_1": {"normative_docs": {"new_made": 9, "new_published": 9, "total_published": 21}}}


def _category(text: str, tables=CATEGORY_2019, format_id: str = "gov-2019"):
    return [(d.code, d.pointer, d.args["figure"]) for d in findings(text, format_id, tables=tables) if d.code in ("N001", "N016", "N051")]


def test_a_category_count_below_the_row_is_a_warning_not_an_error():
    assert _category("主动公开政府信息225条，其中政策规范性文件类信息5条。") == [("N051", "/sections/0/text", "5条")]
    # joined kinds make one category: still at least the row's 9
    assert _category("主动公开政府信息225条，其中政策、规范性文件类7条。") == [("N051", "/sections/0/text", "7条")]
    assert _category("主动公开政府信息225条，其中政策、规范性文件类12条。") == []
    # not compared with 对外公开总数量 (21: earlier years too), nor outside a 主动公开 sentence
    assert _category("主动公开政府信息225条，其中政策规范性文件类信息9条。") == []
    assert _category("其中政策规范性文件类信息5条。") == []


def test_an_approximate_category_count():
    # 近10条 (less than 10) may be 9: no word, and no blank-cell doubt (N016) either
    assert _category("主动公开政府信息225条，其中政策规范性文件类信息近10条。") == []
    assert _category("主动公开政府信息225条，其中政策规范性文件类信息不到5条。") == [("N051", "/sections/0/text", "不到5条")]


def test_the_2021_table_gives_no_bound():
    tables = {"art20_1": {"normative_docs": {"issued": 9, "in_force": 20}}}
    assert _category("主动公开政府信息120条，其中政策、规范性文件类7条。", tables, "gov-2021") == []
