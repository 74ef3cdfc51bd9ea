"""The hand transcriptions in tests/data/transcriptions/ (the importer's golden files) are report
files golocheck accepts: no F code but the "missing" F007 of the cells their README lists as
unreadable, no M code but those the report itself earns, and exactly the listed cells absent.
The list is read from the README, so the README and the files cannot drift apart."""

from __future__ import annotations

import json
import re

import pytest

from golocheck.api import check_file
from golocheck.formats import get_format
from helpers import ROOT

HERE = ROOT / "tests" / "data" / "transcriptions"
FILES = sorted(path.name for path in HERE.glob("*.json"))

# M codes that come from the report itself, not from the transcription.
REPORT_OWN_M = {
    # the printed title says 政府信息公开年度报告, without 工作; 表三 leaves the five applicant columns after
    # 自然人 blank in every row: one finding per column (M005), at its first cell — warnings, since 自然人 equals
    # 总计 in every row, so the blanks may be zeros left unwritten
    "shuyang-fagaiju-2023.json": {("M003", "/metadata/title")} | {
        ("M005", f"/tables/requests/new/{column}") for column in ("commercial", "research", "public_interest", "legal_services", "other_org")},
    # the zone's 管委会 (管委会或派出机关): 条例 第四十九条 sets it no publication date, said once (info)
    "pingtan-2021.json": {("M007", "/metadata/published_on")},
}


def _unreadable() -> dict[str, set[str]]:
    """file name -> pointers, from the README's "Unreadable cells" list."""
    text = (HERE / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Unreadable cells\n", 1)[1].split("\n## ", 1)[0]
    listed: dict[str, set[str]] = {}
    for line in section.splitlines():
        match = re.match(r"- `([\w.-]+\.json)`: (.*)", line)
        if match:
            listed.setdefault(match.group(1), set()).update(re.findall(r"`(/tables/[^`]+)`", match.group(2)))
    return listed


UNREADABLE = _unreadable()


def _absent_cells(report: dict) -> set[str]:
    fmt = get_format(report["format"])
    absent = set()
    for cell in fmt.cells():
        node = report
        for key in cell.pointer.strip("/").split("/"):
            if not isinstance(node, dict) or key not in node:
                absent.add(cell.pointer)
                break
            node = node[key]
    return absent


def test_the_four_originals_are_transcribed():
    assert FILES == ["pingtan-2021.json", "shanghai-govoffice-2025.json", "shuyang-county-2025.json", "shuyang-fagaiju-2023.json"]


def test_the_readme_lists_the_pingtan_digit_run():
    # the one run with several readings and no relation to choose one (10 readings)
    assert UNREADABLE == {"pingtan-2021.json": {f"/tables/art20_1/normative_docs/{column}" for column in ("issued", "repealed", "in_force")}}


@pytest.mark.parametrize("name", FILES)
def test_exactly_the_listed_cells_are_absent(name):
    report = json.loads((HERE / name).read_text(encoding="utf-8"))
    assert report["format"] == "gov-2021"
    assert _absent_cells(report) == UNREADABLE.get(name, set())


@pytest.mark.parametrize("name", FILES)
def test_golocheck_accepts_the_file(name):
    diagnostics = check_file(HERE / name)
    file_codes = {(d.code, d.pointer) for d in diagnostics if d.code.startswith("F")}
    assert file_codes == {("F007", pointer) for pointer in UNREADABLE.get(name, set())}
    assert {(d.code, d.pointer) for d in diagnostics if d.code.startswith("M")} == REPORT_OWN_M.get(name, set())
    # the real errors of the reports are still found: every file has findings
    assert diagnostics
