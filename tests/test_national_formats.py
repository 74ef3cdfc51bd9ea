"""The national formats gov-2019 and gov-2021: every cell of the requests and the
review/litigation tables takes part in a relation, so adding 1 to any of them, in a
report whose tables add up, produces an error naming that cell."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from golocheck.api import check_bytes
from golocheck.formats import get_format
from helpers import ROOT

CLEAN = {
    # a real report whose tables add up (its only finding is S105, a content rule)
    "gov-2019": json.loads((ROOT / "sample_reports/pingtan-2019.json").read_text(encoding="utf-8")),
    # synthetic
    "gov-2021": json.loads((ROOT / "sample_reports/clean-gov-2021.json").read_text(encoding="utf-8")),
}


def _errors(report):
    raw = json.dumps(report, ensure_ascii=False, default=str).encode()
    return [d for d in check_bytes(raw, "r.json") if d.severity.value == "error"]


def _table_cells(format_id):
    fmt = get_format(format_id)
    return [c for c in fmt.cells() if c.table in ("requests", "review_litigation")]


@pytest.mark.parametrize("format_id", sorted(CLEAN))
def test_clean_tables_have_no_table_errors(format_id):
    assert [d.code for d in _errors(CLEAN[format_id]) if d.code.startswith(("T", "V", "F", "M"))] == []


@pytest.mark.parametrize("format_id, cell_id", [(f, c.id) for f in sorted(CLEAN) for c in _table_cells(f)])
def test_plus_one_on_any_cell_names_it(format_id, cell_id):
    report = copy.deepcopy(CLEAN[format_id])
    _, row, column = cell_id.split(".")
    table = cell_id.split(".")[0]
    report["tables"][table][row][column] += 1
    pointer = f"/tables/{table}/{row}/{column}"
    named = [d for d in _errors(report) if d.code.startswith("T") and (d.pointer == pointer or any(r.pointer == pointer for r in d.related))]
    assert named, cell_id


def test_gov_2019_report_with_a_2021_only_row():
    report = copy.deepcopy(CLEAN["gov-2019"])
    requests = report["tables"]["requests"]
    requests["other_no_correction"] = dict(requests.pop("other"))
    found = {d.code: d for d in _errors(report)}
    assert "M004" in found and "gov-2021" in found["M004"].message.zh
    assert "F007" not in found  # explained by M004, not repeated as unknown and missing keys


def test_2022_report_in_the_2019_format():
    report = copy.deepcopy(CLEAN["gov-2019"])
    report["metadata"].update(report_year=2022, period={"start": "2022-01-01", "end": "2022-12-31"}, title="平潭综合实验区2022年政府信息公开工作年度报告")
    found = [d for d in _errors(report) if d.code == "M001"]
    assert found and "gov-2021" in found[0].message.zh and "国办公开办函〔2021〕30号" in found[0].message.zh


def test_2014_format_in_a_2020_report():
    report = json.loads((ROOT / "sample_reports/clean-gov-2014.json").read_text(encoding="utf-8"))
    report["metadata"].update(report_year=2020, period={"start": "2020-01-01", "end": "2020-12-31"})
    assert any(d.code == "M001" and "gov-2019" in d.message.en for d in _errors(report))


def test_money_is_kept_exactly_as_written():
    """万元 amounts are read as decimals, never as binary floats (0.1 + 0.2 is 0.3 here)."""
    from golocheck.checks.context import Context
    from golocheck.loading import load_text

    text = json.dumps(CLEAN["gov-2021"], ensure_ascii=False).replace('"amount": 1520.36', '"amount": 0.30000000000000001')
    loaded = load_text("r.json", text.encode())
    value = Context(loaded.data, get_format("gov-2021")).cell("art20_8.fees.amount")
    assert value.usable and value.number == Decimal("0.30000000000000001") and value.number != Decimal(0.3)
    yaml_text = "tables:\n  art20_8:\n    fees:\n      amount: 1520.36\n"
    assert load_text("r.yaml", yaml_text.encode()).data["tables"]["art20_8"]["fees"]["amount"] == Decimal("1520.36")


def test_title_says_work_report_instead_of_annual_report():
    report = copy.deepcopy(CLEAN["gov-2021"])
    report["metadata"]["title"] = "示例市人民政府2024年政府信息公开工作报告"
    assert any(d.code == "M003" for d in _errors(report))


@pytest.mark.parametrize("start, end", [("2024-01-01", "2024-11-30"), ("2023-12-01", "2024-11-30")])
def test_reporting_period(start, end):
    report = copy.deepcopy(CLEAN["gov-2021"])
    report["metadata"]["period"] = {"start": start, "end": end}
    assert any(d.code == "M002" for d in _errors(report))


def test_not_applicable_marker_is_its_own_warning():
    report = copy.deepcopy(CLEAN["gov-2021"])
    report["tables"]["requests"]["carried_over"]["research"] = "—"
    raw = json.dumps(report, ensure_ascii=False).encode()
    codes = [d.code for d in check_bytes(raw, "r.json")]
    assert "V005" in codes and "V006" in codes and "V004" not in codes


def test_cross_year_on_the_real_hongze_pair():
    """洪泽区 2023 → 2024: 四、结转下年度 2023 is 0 in every column and 二、上年结转 2024 is 0: no Y001;
    16% of the 2024 text is word for word in 2023 (measured): below the 80% threshold, no Y002."""
    from golocheck import check

    codes = {d.code for d in check(ROOT / "sample_reports/hongze-2024.json", previous=ROOT / "sample_reports/hongze-2023.json")}
    assert not codes & {"Y001", "Y002", "Y003"}


def test_cross_year_findings(tmp_path):
    from golocheck import check

    last = json.loads((ROOT / "sample_reports/hongze-2023.json").read_text(encoding="utf-8"))
    # last year's report copied with its years moved on by one: the copy golocheck must catch
    this = json.loads(json.dumps(last, ensure_ascii=False).replace("2024", "2025").replace("2023", "2024"))
    this["tables"]["requests"]["carried_over"]["natural_person"] = 2  # last year carried forward 0
    (tmp_path / "last.json").write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "this.json").write_text(json.dumps(this, ensure_ascii=False), encoding="utf-8")
    found = {d.code: d for d in check(tmp_path / "this.json", previous=tmp_path / "last.json")}
    assert "Y002" in found and "100%" in found["Y002"].message.zh  # the same text, years normalised
    assert "Y001" in found and found["Y001"].related[0].file == str(tmp_path / "last.json")
    assert found["Y001"].related[0].span is not None  # a position in last year's file


def test_previous_of_another_year_is_said_once(tmp_path):
    from golocheck import check

    last = json.loads((ROOT / "sample_reports/hongze-2023.json").read_text(encoding="utf-8"))
    last["metadata"]["report_year"] = 2020  # the same body, not the year before
    (tmp_path / "last.json").write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    found = [d.code for d in check(ROOT / "sample_reports/hongze-2024.json", previous=tmp_path / "last.json")]
    assert found.count("Y003") == 1 and "Y001" not in found and "Y004" not in found
