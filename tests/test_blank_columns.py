"""M005 (a column blank in several rows): an error only when the table's relations prove that
the blank cells cannot all be 0 — a figure is missing — and a warning, saying so, when they may
be zeros left unwritten. On a realistic table (sample_reports/clean-gov-2021.json, which adds up)
with cells blanked."""

from __future__ import annotations

import copy
import json

from golocheck.api import check_bytes
from helpers import ROOT

SAMPLE = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
ROWS = [row for row in SAMPLE["tables"]["requests"]]


def _m005(blank: dict[str, list[str]]):
    """The M005 findings once the given (row -> columns) cells of 表三 are blank."""
    report = copy.deepcopy(SAMPLE)
    for row, columns in blank.items():
        for column in columns:
            report["tables"]["requests"][row][column] = None
    found = check_bytes(json.dumps(report, ensure_ascii=False).encode(), "report.json")
    return {d.pointer: d for d in found if d.code == "M005"}


def test_a_column_of_zeros_left_blank_is_a_warning_that_says_so():
    # 科研机构 is 0 in every row of the sample: blank, every relation still holds with 0
    found = _m005({row: ["research"] for row in ROWS})
    (d,) = found.values()
    assert (d.pointer, d.severity.value, d.args["count"]) == ("/tables/requests/new/research", "warning", len(ROWS))
    assert "若为 0，不与任何勾稽关系矛盾" in d.message.zh and "write 0" in d.message.en


def test_a_blank_total_beside_filled_applicant_cells_is_an_error():
    # 予以公开 20 + 3 + 1 = 24 and 部分公开 4 + 1 = 5 with their 总计 blank: at least 29 is missing
    found = _m005({"disclosed": ["total"], "partly_disclosed": ["total"]})
    (d,) = found.values()
    assert (d.pointer, d.severity.value, d.args["count"]) == ("/tables/requests/disclosed/total", "error", 2)
    assert "至少为 29" in d.message.zh and "at least 29" in d.message.en


def test_cells_proven_non_zero_only_together_are_an_error():
    # 自然人 and 总计 blank in both rows: no cell is bounded alone (each row's total is blank, each column
    # has another blank), but 办理结果总计 自然人 52 against the other filled rows leaves 24 for the two
    # 自然人 cells together, and 总计 61 leaves 29 for the two 总计 cells
    found = _m005({"disclosed": ["natural_person", "total"], "partly_disclosed": ["natural_person", "total"]})
    assert {p: (d.severity.value, d.args["count"]) for p, d in found.items()} == {
        "/tables/requests/disclosed/natural_person": ("error", 2), "/tables/requests/disclosed/total": ("error", 2)}
    assert "至少为 24" in found["/tables/requests/disclosed/natural_person"].message.zh
    assert "至少为 29" in found["/tables/requests/disclosed/total"].message.zh
