"""Ways a published report prints its tables that the importer once misread, on constructed
documents (tests/data/constructed, invented figures and wording): a labelled row printed without
figures in flattened text, a figure printed with its cell's unit (万元) after it, 表二 printed with
the column headers of another format. Each document is imported once per module (a few ms each)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.importing import ImportOptions, import_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "constructed"
BASE_2019 = (DATA / "spaced-zeros.txt").read_text(encoding="utf-8")  # gov-2019, imports clean
BASE_2021 = (DATA / "spaced-zeros-2021.txt").read_text(encoding="utf-8")  # gov-2021, imports clean
OPTIONS_2019 = ImportOptions(format="gov-2019", issuer_kind="政府部门", region="某省某县", published_on="2021-01-20")
OPTIONS_2021 = ImportOptions(issuer_kind="政府部门", region="某省某县", published_on="2023-01-20")
BLANK = dict.fromkeys(("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"))
ZEROS = dict.fromkeys(BLANK, 0)
FEE_UNPAID = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


def edited(base: str, old: str, new: str) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


@pytest.fixture(scope="module")
def imported():
    cache = {}

    def load(name: str, text: str, options: ImportOptions = OPTIONS_2021):
        if name not in cache:
            cache[name] = import_bytes(text.encode("utf-8"), name, "text", options)
        return cache[name]

    return load


def codes(result, *wanted: str) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in result.problems if p.code in wanted]


def checked(result, name: str) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in check_bytes(json.dumps(result.report, ensure_ascii=False).encode(), name)]


# --- A: a row printed with its label and no figures ----------------------------------------

BLANK_SUBROWS = edited(BASE_2021, f"{FEE_UNPAID} 0 0 0 0 0 0 0 3.其他 0 0 0 0 0 0 0 （七）总计", f"{FEE_UNPAID} 3.其他 （七）总计")


def test_a_labelled_rows_without_figures_are_rows_of_blank_cells(imported):
    # "…2.申请人逾期…申请 3.其他 （七）总计 0 0 0…": both labels are printed, only the figures are blank
    result = imported("blank-subrows.txt", BLANK_SUBROWS)
    requests = result.report["tables"]["requests"]
    assert requests["other_fee_unpaid"] == BLANK and requests["other_other"] == BLANK
    assert requests["results_total"] == ZEROS
    assert codes(result, "I012", "I011", "I018") == []
    # each blank row is placed at its printed label
    line = BLANK_SUBROWS.splitlines()[1]
    assert result.places["/tables/requests/other_fee_unpaid"].column == line.index(FEE_UNPAID) + 1
    assert result.places["/tables/requests/other_other/total"].column == line.index("3.其他 （七）") + 1


def test_a_blank_rows_are_blank_at_check_not_missing(imported):
    found = checked(imported("blank-subrows.txt", BLANK_SUBROWS), "blank-subrows.json")
    assert not [f for f in found if f[0] in ("I012", "F007")]
    # blank is not 0: the blank cells are reported as blank cells of those rows
    blank_rows = {pointer.rsplit("/", 1)[0] for code, pointer in found if code in ("V004", "M005") and "/tables/requests/" in pointer}
    assert blank_rows, found


def test_a_blank_row_whose_ordinal_is_glued_to_the_figures_before_it_is_blank_not_missing(imported):
    # "…申请0000000" + "2.申请人逾期…申请3.其他（七）总计…": the run before takes the 2 off as the next
    # row's ordinal, so the blank row's printed label starts without it; it is still printed
    glued = edited(BASE_2021, "公开申请 0 0 0 0 0 0 0 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0 3.其他 0 0 0 0 0 0 0 （七）总计",
                   "公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计")
    result = imported("glued-blank-subrows.txt", glued)
    requests = result.report["tables"]["requests"]
    assert requests["other_no_correction"] == ZEROS
    assert requests["other_fee_unpaid"] == BLANK and requests["other_other"] == BLANK
    assert codes(result, "I012", "I011", "I018") == []


def test_a_a_row_whose_label_is_not_printed_stays_missing(imported):
    result = imported("absent-subrow.txt", edited(BASE_2021, "3.其他 0 0 0 0 0 0 0 （七）总计", "（七）总计"))
    requests = result.report["tables"]["requests"]
    assert codes(result, "I012") == [("I012", "/tables/requests/other_other")]
    assert "other_other" not in requests and requests["other_fee_unpaid"] == ZEROS


# --- B: a figure printed with its cell's unit -----------------------------------------------

PROCUREMENT = "政府集中采购 3 120000元"


def test_b_an_amount_in_wanyuan_glued_to_the_run_is_a_run_of_the_table(imported):
    # "政府集中采购31690.99万元": the block is printed; the run has four readings (I031), no I011
    result = imported("run-wanyuan.txt", edited(BASE_2019, PROCUREMENT, "政府集中采购31690.99万元"), OPTIONS_2019)
    assert codes(result, "I011") == []
    assert codes(result, "I031") == [("I031", "/tables/art20_9/procurement")]
    listed = next(p for p in result.problems if p.code == "I031")
    assert listed.args["digits"] == "31690.99" and listed.args["count"] == 4


def test_b_a_spaced_amount_in_a_unit_the_format_allows_is_read_as_printed(imported):
    result = imported("spaced-wanyuan.txt", edited(BASE_2019, PROCUREMENT, "政府集中采购 3 1690.99万元"), OPTIONS_2019)
    assert result.report["tables"]["art20_9"]["procurement"] == {"projects": 3, "amount": 1690.99}
    assert codes(result, "I011", "I031", "I051") == []


def test_b_an_amount_in_another_unit_than_the_formats_is_not_read(imported):
    # gov-2021 （八） is in 万元: "3500元" is neither 3500 万元 nor converted
    text = edited(BASE_2021, "行政事业性收费 0", "行政事业性收费 3500元")
    result = imported("fee-yuan.txt", text)
    assert codes(result, "I051") == [("I051", "/tables/art20_8/fees/amount")]
    assert "amount" not in result.report["tables"]["art20_8"]["fees"]
    problem = next(p for p in result.problems if p.code == "I051")
    assert problem.args["unit"] == "元" and problem.args["declared"] == "万元"


def test_b_an_amount_in_the_formats_unit_is_read(imported):
    result = imported("fee-wanyuan.txt", edited(BASE_2021, "行政事业性收费 0", "行政事业性收费 0.35万元"))
    assert result.report["tables"]["art20_8"]["fees"] == {"amount": 0.35}
    assert codes(result, "I051", "I011", "I012") == []


# --- C: 表二 printed with the column headers of another format ----------------------------

HEADER_5 = "第二十条第（五）项 信息内容 本年处理决定数量 行政许可 0"
HEADER_6 = "第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 0 行政强制 0"
COLUMNS_2019 = "上一年项目数量 本年增/减 处理决定数量"
COLUMNS_2019_FLAT = edited(edited(BASE_2021, HEADER_5, f"第二十条第（五）项 信息内容 {COLUMNS_2019} 行政许可5312"),
                           HEADER_6, f"第二十条第（六）项 信息内容 {COLUMNS_2019} 行政处罚7400 行政强制 0 0 0")


def test_c_2019_columns_over_2021_rows_are_named_and_not_read(imported):
    # "行政许可5312" under 上一年项目数量 / 本年增/减 / 处理决定数量 is three cells, not one 处理决定数量
    result = imported("columns-2019-flat.txt", COLUMNS_2019_FLAT)
    assert result.report["format"] == "gov-2021"
    assert codes(result, "I052") == [("I052", "/tables/art20_5"), ("I052", "/tables/art20_6")]
    tables = result.report["tables"]
    assert tables["art20_5"] == {"licensing": {}}
    assert tables["art20_6"] == {"penalties": {}, "enforcement": {}}
    problem = next(p for p in result.problems if p.code == "I052")
    assert problem.args["printed"] == "上一年项目数量、本年增/减、处理决定数量" and problem.args["expected"] == "本年处理决定数量"
    assert problem.args["other_format"] == "gov-2019" and problem.args["format"] == "gov-2021"
    # the tables with the format's own headers are read as before
    assert tables["art20_1"]["normative_docs"] == {"issued": 2, "repealed": 0, "in_force": 9}
    assert tables["art20_8"] == {"fees": {"amount": 0}}


def test_c_spaced_cells_under_the_2019_columns_are_not_read_either(imported):
    text = edited(edited(BASE_2021, HEADER_5, f"第二十条第（五）项 信息内容 {COLUMNS_2019} 行政许可 5 3 12"),
                  HEADER_6, f"第二十条第（六）项 信息内容 {COLUMNS_2019} 行政处罚 74 0 0 行政强制 0 0 0")
    result = imported("columns-2019-spaced.txt", text)
    assert codes(result, "I052") == [("I052", "/tables/art20_5"), ("I052", "/tables/art20_6")]
    assert codes(result, "I033", "I031") == []
    assert result.report["tables"]["art20_5"] == {"licensing": {}}


def test_c_the_2019_header_of_art20_1_over_2021_rows_is_named(imported):
    text = edited(COLUMNS_2019_FLAT, "本年制发件数 本年废止件数 现行有效件数", "本年新制作数量 本年新公开数量 对外公开总数量")
    result = imported("columns-2019-all.txt", text)
    assert codes(result, "I052") == [("I052", "/tables/art20_1"), ("I052", "/tables/art20_5"), ("I052", "/tables/art20_6")]
    assert result.report["tables"]["art20_1"] == {"rules": {}, "normative_docs": {}}


def test_c_control_whole_2019_tables_in_a_later_year_are_imported_as_2019(imported):
    # rows and columns both of 2019 (其他对外管理服务事项, 政府集中采购): the tables fit gov-2019 (I017)
    options = ImportOptions(issuer_kind="政府部门", region="某省某县", published_on="2023-01-20")
    text = BASE_2019.replace("2020年", "2022年").replace("2020年度", "2022年度")
    result = imported("whole-2019.txt", text, options)
    assert result.report["format"] == "gov-2019"
    assert codes(result, "I017") == [("I017", "/format")]
    assert codes(result, "I052") == []
    assert result.report["tables"]["art20_5"]["licensing"]["decisions"] == 0
