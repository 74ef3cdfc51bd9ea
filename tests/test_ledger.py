"""Registers kept as spreadsheets (golocheck/ledger): the synthetic county ledger of
tests/data/ledger in XLSX, CSV and JSON gives the same findings, each on its cell; the
boundaries agree with the working-day facts; the table against the ledger; --due; broken
ledgers give a finding or a one-line error."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from golocheck.api import check_bytes
from golocheck.cli import app
from golocheck.ledger import read_ledgers
from golocheck.ledger.sheet import LedgerError
from golocheck.settings import CheckSettings

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "ledger"
REGISTER_CODES = ("D004", "D005", "D006", "D007", "D008", "D009", "D010", "D011", "L")


def _facts() -> dict[date, bool]:
    with open(HERE / "data" / "workday-facts.csv", encoding="utf-8") as handle:
        return {date.fromisoformat(r["date"]): r["is_working_day"] == "true" for r in csv.DictReader(handle)}


FACTS = _facts()


def nth_by_facts(start: date, n: int) -> date:
    """The n-th working day after start, from the facts file alone (weekdays work unless listed)."""
    day, count = start, 0
    while count < n:
        day += timedelta(days=1)
        count += FACTS.get(day, day.weekday() < 5)
    return day


def _check(report: str | bytes, ledger: str | None = None) -> list:
    raw = report if isinstance(report, bytes) else (DATA / report).read_bytes()
    settings = CheckSettings(registers=read_ledgers([str(DATA / ledger)])) if ledger else CheckSettings()
    return [d for d in check_bytes(raw, "county-2025.json", settings=settings)
            if d.code.startswith(REGISTER_CODES) or d.code == "F007"]


@pytest.fixture(scope="module")
def three():
    return {"json": _check("county-2025-registers.json"), "xlsx": _check("county-2025.json", "county-2025.xlsx"),
            "csv": _check("county-2025.json", "county-2025.csv")}


def _key(d):
    return d.code, d.pointer, d.message.zh


def test_xlsx_csv_and_json_give_the_same_findings(three):
    assert sorted(map(_key, three["json"])) == sorted(map(_key, three["xlsx"])) == sorted(map(_key, three["csv"]))
    found = {(d.code, d.pointer) for d in three["json"]}
    assert ("D005", "/registers/requests/3/answered_on") in found  # 21st working day after the Spring Festival
    assert ("D005", "/registers/requests/11/answered_on") in found  # 21st working day after National Day
    assert ("D007", "/registers/requests/6/correction/asked_on") in found  # correction asked on the 8th
    assert ("D006", "/registers/requests/8/extension/notified_on") in found  # extension notified on the 21st
    assert len(three["json"]) == 5 + sum(d.code == "D012" for d in three["json"])


def test_every_ledger_finding_names_its_sheet_row_and_column(three):
    by_pointer = {d.pointer: d for d in three["xlsx"]}
    late = by_pointer["/registers/requests/3/answered_on"]
    assert late.file.endswith("county-2025.xlsx")
    place = late.location.place
    assert (place.sheet, place.row, place.column, place.cell) == ("2025年台账", 7, 12, "L7")
    assert "XZF-2025-004" in place.row_text
    csv_place = {d.pointer: d for d in three["csv"]}["/registers/requests/3/answered_on"].location.place
    assert (csv_place.sheet, csv_place.cell, csv_place.header) == (None, "L5", "办结日期")


def test_the_boundaries_agree_with_the_working_day_facts():
    rows = {r["编号"]: r for r in csv.DictReader((DATA / "county-2025.csv").read_text(encoding="utf-8-sig").splitlines())}

    def day(text):
        from golocheck.ledger.convert import parse_cell_date

        return parse_cell_date(text)

    assert day(rows["XZF-2025-003"]["办结日期"]) == nth_by_facts(date(2025, 1, 20), 20)  # in time: not reported
    assert day(rows["XZF-2025-004"]["办结日期"]) == nth_by_facts(date(2025, 1, 20), 21)  # reported late
    assert day(rows["XZF-2025-040"]["办结日期"]) == nth_by_facts(date(2025, 9, 26), 20) == date(2025, 10, 30)
    assert day(rows["XZF-2025-041"]["办结日期"]) == nth_by_facts(date(2025, 9, 26), 21)
    # (the facts file lists the Spring Festival and National Day of 2025, not 清明: the
    # correction boundaries in April are checked by their D007 finding above)


def test_a_table_that_is_the_ledgers_sum_is_silent_and_a_planted_difference_is_found(three):
    assert not [d for d in three["xlsx"] if d.code in ("D009", "L010")]
    report = json.loads((DATA / "county-2025.json").read_text(encoding="utf-8"))
    report["tables"]["requests"]["disclosed"]["natural_person"] += 1
    report["tables"]["requests"]["disclosed"]["total"] += 1
    found = {d.pointer: d for d in _check(json.dumps(report, ensure_ascii=False).encode(), "county-2025.xlsx") if d.code in ("D009", "L010")}
    assert set(found) == {"/tables/requests/disclosed/total", "/tables/requests/disclosed/natural_person"}
    by_column = found["/tables/requests/disclosed/natural_person"]
    assert by_column.code == "L010"
    rows = sorted(r.place.row for r in by_column.related)
    assert rows and all(r.place.kind == "sheet" and r.file.endswith("county-2025.xlsx") for r in by_column.related)
    ledger_rows = {r["编号"] for r in csv.DictReader((DATA / "county-2025.csv").read_text(encoding="utf-8-sig").splitlines())
                   if r["答复结果"] == "同意公开" and r["申请人类型"] == "个人"}
    assert {r.label.zh.removeprefix("申请 ") for r in by_column.related} == ledger_rows


def test_every_output_format_shows_the_cell(three, tmp_path):
    runner = CliRunner()
    for fmt, needle in (("full", "county-2025.csv!L5（办结日期）"), ("concise", "county-2025.csv!L5"), ("json", '"cell": "L5"'),
                        ("sarif", '"cell": "L5"'), ("junit", "county-2025.csv!L5"), ("github", "county-2025.csv!L5")):
        result = runner.invoke(app, ["check", str(DATA / "county-2025.json"), "--register", str(DATA / "county-2025.csv"),
                                     "--select", "D005", "--output-format", fmt, "--color", "never"])
        assert result.exit_code == 1 and needle in result.output, (fmt, result.output[-800:])
        if fmt == "full":
            assert "5 | XZF-2025-004 | 2025/1/20" in result.output  # the row itself


def test_due_lists_open_requests_with_due_dates_from_the_facts(tmp_path):
    ledger = tmp_path / "open.csv"
    ledger.write_text("编号,收到日期,申请方式,答复日期\nA,2025-09-26,网络,\nB,2025-01-20,网络,\nC,2025-01-02,网络,2025-01-10\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["register", str(ledger), "--due", "--today", "2025-10-28"])
    lines = {line.split("\t")[1]: line.split("\t") for line in result.output.splitlines()[1:-1]}
    assert set(lines) == {"A", "B"}  # C is answered
    assert lines["A"][3] == str(nth_by_facts(date(2025, 9, 26), 20)) and lines["A"][4] == "2"
    assert lines["B"][3] == str(nth_by_facts(date(2025, 1, 20), 20)) and "已逾期" in lines["B"][4]
    assert result.exit_code == 1
    on_time = runner.invoke(app, ["register", str(ledger) , "--due", "--today", "2025-01-21"])
    assert on_time.exit_code == 0 and "已逾期 0 件" in on_time.output


def test_the_template_holds_the_recognised_headers(tmp_path):
    out = tmp_path / "t.xlsx"
    assert CliRunner().invoke(app, ["register-template", "-o", str(out)]).exit_code == 0
    (layout,) = read_ledgers([str(out)])
    assert layout.kind == "requests" and {c.field for _, c, _ in layout.columns} >= {"received_on", "answered_on", "result", "applicant"}
    assert CliRunner().invoke(app, ["register-template", "-o", str(out)]).exit_code == 2  # never overwritten


# -- broken ledgers ---------------------------------------------------------------------


def _workbook(tmp_path, build) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    build(wb)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("content, words", [
    (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100, "password-protected"),
    (b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
    (b"\xff\xfe\x00\x00\xff", "neither UTF-8 nor GB18030"),
    ("标题\n1,2\n".encode(), "no header row"),
])
def test_an_unreadable_ledger_is_one_line_error(tmp_path, content, words):
    path = tmp_path / ("bad.xlsx" if content.startswith((b"PK", b"\xd0")) else "bad.csv")
    path.write_bytes(content)
    with pytest.raises(LedgerError, match=words):
        read_ledgers([str(path)])
    result = CliRunner().invoke(app, ["check", str(DATA / "county-2025.json"), "--register", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_gb18030_csv_is_read(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("编号,收到日期,申请方式\nA1,2025年3月14日,网络\n".encode("gb18030"))
    (layout,) = read_ledgers([str(path)])
    assert layout.columns[1][2] == "收到日期"


def test_formulas_hidden_sheets_merged_headers_and_blank_rows_are_findings_not_crashes(tmp_path):
    def build(wb):
        ws = wb.active
        ws.title = "台账"
        ws.append(["编号", "收到日期", "申请方式", "征求意见", None])
        ws.merge_cells("D1:E1")
        ws.append(["A1", date(2025, 3, 14), "网络"])
        ws.append([None, None, None])
        ws.append(["A2", "=B2+1", "网络"])  # openpyxl saves no value for it
        wb.create_sheet("旧台账").sheet_state = "hidden"

    path = _workbook(tmp_path, build)
    found = {(d.code, d.location.place.cell if d.location.place else None) for d in
             check_bytes((DATA / "county-2025.json").read_bytes(), "r.json", settings=CheckSettings(registers=read_ledgers([str(path)])))
             if d.code.startswith("L")}
    assert ("L003", "B4") in found  # the formula without a saved value
    assert ("L005", "A1") in found  # the hidden sheet
    assert ("L004", "D1") in found  # the merged header without sub-headers
    assert not any(code == "L006" for code, _ in found)  # the blank row is skipped
    hidden = CliRunner().invoke(app, ["register", f"{path}#旧台账", "--due"])
    assert hidden.exit_code == 2 and "no header row" in hidden.output


# -- configuration, a province's wordings, the proactive register, gov-2014 ------------------


def test_the_configuration_names_ledgers_and_extra_wordings_relative_to_itself(tmp_path):
    (tmp_path / "ledgers").mkdir()
    (tmp_path / "ledgers" / "l.csv").write_text("编号,来件日期,申请方式,答复日期\nA,2025-09-26,网络,2025-10-31\n", encoding="utf-8")
    (tmp_path / "fj.yaml").write_text("requests:\n  columns:\n    - {field: received_on, wordings: [来件日期]}\n", encoding="utf-8")
    (tmp_path / "golocheck.toml").write_text('registers = ["ledgers/l.csv"]\nledger-columns = ["fj.yaml"]\n', encoding="utf-8")
    report = tmp_path / "r.json"
    report.write_bytes((DATA / "county-2025.json").read_bytes())
    result = CliRunner().invoke(app, ["check", str(report), "--select", "D005", "--output-format", "concise"])
    assert result.exit_code == 1 and "l.csv!D2（答复日期）: D005" in result.output, result.output
    without = CliRunner().invoke(app, ["check", str(report), "--select", "D005", "--isolated"])
    assert without.exit_code == 0  # the shipped wordings alone do not know 来件日期, and no ledger is read


def test_a_proactive_register_ledger(tmp_path):
    path = tmp_path / "p.csv"
    formed = date(2025, 9, 26)
    path.write_text(f"信息名称,形成日期,公开日期\n通知一,{formed},{nth_by_facts(formed, 20)}\n通知二,{formed},{nth_by_facts(formed, 21)}\n", encoding="utf-8")
    found = [(d.code, d.pointer, d.location.place.cell) for d in check_bytes((DATA / "county-2025.json").read_bytes(), "r.json",
             settings=CheckSettings(registers=read_ledgers([str(path)]))) if d.code == "D004"]
    assert found == [("D004", "/registers/proactive/1/published_on", "C3")]


def test_gov_2014_results_by_their_printed_wording(tmp_path):
    from golocheck.formats import get_format
    from golocheck.registers import register_rows

    report = json.loads((HERE.parent / "sample_reports" / "clean-gov-2014.json").read_text(encoding="utf-8"))
    table = report["tables"]["statistics"]
    for cell_id, _ in register_rows(get_format("gov-2014")):
        table[cell_id.split(".")[1]] = 0
    table.update(requests_received=2, requests_online=1, requests_in_person=1, requests_closed=2, reply_disclosed=1, reply_refused=1)
    path = tmp_path / "l.csv"
    path.write_text("编号,收到日期,申请方式,答复日期,办理结果\nA,2017-03-01,网络,2017-03-08,同意公开答复数\nB,2017-03-01,当面,2017-03-08,不同意公开答复数\n", encoding="utf-8")

    def found(data):
        return {(d.code, d.pointer) for d in check_bytes(json.dumps(data, ensure_ascii=False).encode(), "r.json",
                settings=CheckSettings(registers=read_ledgers([str(path)]))) if d.code in ("D009", "L002")}

    assert found(report) == set()  # every wording read, every count the ledger's
    table["reply_disclosed"], table["reply_refused"] = 0, 2
    assert found(report) == {("D009", "/tables/statistics/reply_disclosed"), ("D009", "/tables/statistics/reply_refused")}


def _without_column(tmp_path, header: str) -> Path:
    """county-2025.csv with one column taken out."""
    rows = list(csv.reader((DATA / "county-2025.csv").read_text(encoding="utf-8-sig").splitlines()))
    index = rows[0].index(header)
    target = tmp_path / "ledger.csv"
    target.write_text("\n".join(",".join(r[:index] + r[index + 1:]) for r in rows) + "\n", encoding="utf-8")
    return target


def test_a_missing_optional_column_is_one_finding_not_one_per_row(tmp_path):
    """No 申请方式 column: one F007 on the register naming the column and the rows, not the
    schema's "channel is required" on each of the 26 rows; the deadlines are checked as before."""
    found = _check("county-2025.json", str(_without_column(tmp_path, "申请方式")))
    f007 = [d for d in found if d.code == "F007"]
    assert [d.pointer for d in f007] == ["/registers/requests"]
    assert "没有“申请方式”列（可用表头：申请方式、提交方式" in f007[0].message.zh and "第 2–27 行（26 条）没有此项" in f007[0].message.zh
    assert "rows 2–27 (26) lack it" in f007[0].message.en
    assert {(d.code, d.pointer) for d in found if d.code != "F007"} == {(d.code, d.pointer) for d in _check("county-2025.json", "county-2025.csv")}


def test_rows_the_missing_columns_leave_uncheckable_are_not_compared(tmp_path):
    """gov-2014 counts requests by channel and by result: without those columns its rows by
    channel and by result are not compared with the ledger (no 0-in-the-register findings),
    and each column is one finding saying so."""
    ledger = tmp_path / "g14.csv"
    ledger.write_text("编号,收到日期,答复日期\nA1,2017-03-03,2017-03-10\nA2,2017-03-06,2017-03-13\n", encoding="utf-8")
    found = _check((HERE.parent / "sample_reports" / "clean-gov-2014.json").read_bytes(), str(ledger))
    messages = [d.message.zh for d in found if d.code == "F007"]
    assert len(messages) == 2 and all(d.pointer == "/registers/requests" for d in found if d.code == "F007")
    channel, result = sorted(messages, key=lambda m: "办理结果" in m)
    assert "没有“申请方式”列" in channel and "按提交方式统计的表行（当面申请数、传真申请数、网络申请数、信函申请数）不能与台账核对" in channel
    assert "没有“办理结果”列" in result and "第 2–3 行（2 条）" in result
    compared = {d.pointer.rsplit("/", 1)[1] for d in found if d.code == "D009"}
    assert compared == {"requests_received", "requests_closed", "closed_extended"}, compared


def test_a_proactive_register_without_either_start_date_is_one_finding(tmp_path):
    ledger = tmp_path / "proactive.csv"
    ledger.write_text("信息名称,公开日期\n文件一,2025-03-03\n文件二,2025-03-04\n", encoding="utf-8")
    f007 = [d for d in _check("county-2025.json", str(ledger)) if d.code == "F007"]
    assert [d.pointer for d in f007] == ["/registers/proactive"]
    assert "没有“形成日期”或“变更日期”列" in f007[0].message.zh and "第 2–3 行（2 条）" in f007[0].message.zh and "D004" in f007[0].message.zh
