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
