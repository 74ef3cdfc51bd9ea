"""Writes the synthetic ledger of 示例县人民政府 for 2025 (SYNTHETIC: invented requests, see
README.md) in three forms holding the same data:

* county-2025.xlsx — a workbook as an office keeps it: a merged title row, a two-row header
  with 征求意见 merged over its three columns, real spreadsheet dates;
* county-2025.csv — the same rows with other header wordings, dates written 2025/3/14 or
  2025年3月14日, UTF-8 with a BOM;
* county-2025-registers.json — the report with the same rows as JSON registers;
* county-2025.json — the report without registers (its table 三 is the ledger's sum).

Boundary dates (the 20th and 21st working day across the Spring Festival and National Day,
the 7th/8th for a correction, the 20th/21st for an extension notice) are counted with
golocheck's calendar here; tests/test_ledger.py checks them against the working-day facts.
Run: python tests/data/ledger/make_ledger.py
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
APPLICANTS = {"natural_person": ("自然人", "个人"), "commercial": ("商业企业", "企业"), "legal_services": ("法律服务机构", "律师事务所")}
RESULTS = {"disclosed": ("予以公开", "同意公开"), "partly_disclosed": ("部分公开", "部分公开"),
           "withheld_state_secret": ("不予公开·属于国家秘密", "不予公开·属于国家秘密"),
           "unable_not_held": ("无法提供·本机关不掌握相关政府信息", "本机关不掌握"),
           "not_processed_repeat": ("不予处理·重复申请", "重复申请")}
CHANNELS = {"网络": ("网上申请", "网络"), "当面": ("当面", "现场"), "邮寄": ("信函", "邮寄")}


def nth(start: date, n: int) -> date:
    from golocheck.workdays import WorkdayCalendar

    return WorkdayCalendar().nth_workday(start, n).end


def requests() -> list[dict]:
    d = date.fromisoformat
    rows = [
        # carried over from 2024, answered in January
        dict(id="XZF-2024-087", received_on=d("2024-12-16"), answered_on=d("2025-01-08"), result="disclosed"),
        dict(id="XZF-2024-091", received_on=d("2024-12-27"), answered_on=d("2025-01-17"), result="unable_not_held", applicant="commercial"),
        # across the Spring Festival: the 20th working day is in time, the 21st is late
        dict(id="XZF-2025-003", received_on=d("2025-01-20"), answered_on=nth(d("2025-01-20"), 20), result="disclosed"),
        dict(id="XZF-2025-004", received_on=d("2025-01-20"), answered_on=nth(d("2025-01-20"), 21), result="partly_disclosed"),
        # received on a Saturday: the count starts the next day
        dict(id="XZF-2025-011", received_on=d("2025-03-15"), answered_on=nth(d("2025-03-15"), 20), result="disclosed", channel="邮寄"),
        # corrections: asked on the 7th working day (in time) and on the 8th (late)
        dict(id="XZF-2025-015", received_on=d("2025-04-01"), correction=(nth(d("2025-04-01"), 7), d("2025-04-14")), answered_on=d("2025-04-25"), result="disclosed"),
        dict(id="XZF-2025-016", received_on=d("2025-04-01"), correction=(nth(d("2025-04-01"), 8), d("2025-04-16")), answered_on=d("2025-04-28"), result="unable_not_held"),
        # extensions: notified on the 20th working day (in time, answered on the 40th) and on the 21st (late)
        dict(id="XZF-2025-021", received_on=d("2025-05-06"), extension=nth(d("2025-05-06"), 20), answered_on=nth(d("2025-05-06"), 40), result="partly_disclosed", applicant="legal_services"),
        dict(id="XZF-2025-022", received_on=d("2025-05-06"), extension=nth(d("2025-05-06"), 21), answered_on=nth(d("2025-05-06"), 30), result="disclosed"),
        # a third-party consultation: its days are left out, so day 25 is in time
        dict(id="XZF-2025-027", received_on=d("2025-06-02"), consultation=("third_party", d("2025-06-09"), d("2025-06-20")), answered_on=nth(d("2025-06-02"), 25), result="withheld_state_secret", applicant="commercial"),
        # across National Day: the 20th working day is in time, the 21st is late
        dict(id="XZF-2025-040", received_on=d("2025-09-26"), answered_on=nth(d("2025-09-26"), 20), result="disclosed", channel="当面"),
        dict(id="XZF-2025-041", received_on=d("2025-09-26"), answered_on=nth(d("2025-09-26"), 21), result="not_processed_repeat"),
        # open at the end of the year: carried forward, not late yet
        dict(id="XZF-2025-058", received_on=d("2025-12-15")),
        dict(id="XZF-2025-059", received_on=d("2025-12-22"), applicant="commercial"),
    ]
    # ordinary requests through the year, answered within ten days
    kinds = ["disclosed", "disclosed", "unable_not_held", "partly_disclosed", "disclosed", "not_processed_repeat"]
    for i in range(12):
        received = date(2025, 1 + i, 7) if i != 9 else date(2025, 10, 13)
        rows.append(dict(id=f"XZF-2025-{100 + i}", received_on=received, answered_on=nth(received, 8), result=kinds[i % len(kinds)],
                         applicant=("natural_person", "commercial")[i % 2], channel=("网络", "当面", "邮寄")[i % 3]))
    for row in rows:
        row.setdefault("applicant", "natural_person")
        row.setdefault("channel", "网络")
    return rows


def register_entry(row: dict) -> dict:
    entry = {"id": row["id"], "received_on": str(row["received_on"]), "channel": row["channel"], "applicant": row["applicant"]}
    if "correction" in row:
        entry["correction"] = {"asked_on": str(row["correction"][0]), "corrected_received_on": str(row["correction"][1])}
    if "extension" in row:
        entry["extension"] = {"approved_on": str(row["extension"]), "notified_on": str(row["extension"])}
    if "consultation" in row:
        kind, sent, answered = row["consultation"]
        entry["consultations"] = [{"kind": kind, "sent_on": str(sent), "answered_on": str(answered)}]
    if "answered_on" in row:
        entry["answered_on"] = str(row["answered_on"])
        entry["result"] = row["result"]
    return entry


def table(rows: list[dict], start: date, end: date) -> dict:
    """Table 三 as the sum of the ledger."""
    counts: dict[str, dict[str, int]] = {}

    def add(row_id: str, applicant: str) -> None:
        cells = counts.setdefault(row_id, {c: 0 for c in ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]})
        cells[applicant] += 1
        cells["total"] += 1

    for row in rows:
        a = row["applicant"]
        add("new" if row["received_on"] >= start else "carried_over", a)
        if "answered_on" in row and row["answered_on"] <= end:
            add(row["result"], a)
            add("results_total", a)
        else:
            add("carried_forward", a)
    return counts


_XLSX_HEAD = ["受理编号", "收到日期", "提交方式", "申请人类别", "告知补正日期", "收到补正日期", "延期批准日期", "延期告知日期", "征求意见", None, None, "答复日期", "办理结果"]
_XLSX_SUB = [None] * 8 + ["对象", "发出日期", "收到日期", None, None]
_CSV_HEAD = ["编号", "受理日期", "申请方式", "申请人类型", "补正通知日期", "补正材料收到日期", "延期审批日期", "延期通知日期", "征求意见类型", "征求意见发出日期", "意见反馈日期", "办结日期", "答复结果"]


def cells(row: dict, style: int) -> list:
    """One ledger row: style 0 (XLSX: dates, printed wordings), 1 (CSV: written dates, other wordings)."""
    def day(value, n=0):
        if value is None:
            return None
        if style == 0:
            return value
        return f"{value.year}/{value.month}/{value.day}" if n % 2 == 0 else f"{value.year}年{value.month}月{value.day}日"

    correction = row.get("correction", (None, None))
    consultation = row.get("consultation", (None, None, None))
    return [row["id"], day(row["received_on"]), CHANNELS[row["channel"]][style], APPLICANTS[row["applicant"]][style],
            day(correction[0], 1), day(correction[1]), day(row.get("extension"), 1), day(row.get("extension")),
            {"third_party": ("第三方", "第三方意见")}[consultation[0]][style] if consultation[0] else None,
            day(consultation[1], 1), day(consultation[2]), day(row.get("answered_on"), 1),
            RESULTS[row["result"]][style] if "result" in row else None]


def write_xlsx(rows: list[dict], path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    ws.append(["示例县人民政府2025年政府信息公开申请登记台账（合成数据，golocheck 测试用）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(_XLSX_HEAD))
    ws.append(_XLSX_HEAD)
    ws.append(_XLSX_SUB)
    ws.merge_cells("I2:K2")
    for col in [c for c in range(1, len(_XLSX_HEAD) + 1) if not 9 <= c <= 11]:
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for row in rows:
        ws.append(cells(row, 0))
    for r in ws.iter_rows(min_row=4):
        for c in r:
            if isinstance(c.value, date):
                c.number_format = "yyyy-mm-dd"
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2026, 1, 5)
    wb.save(path)


def write_csv(rows: list[dict], path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_CSV_HEAD)
    for row in rows:
        writer.writerow(["" if v is None else v for v in cells(row, 1)])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def report(rows: list[dict], with_registers: bool) -> dict:
    data = json.loads((ROOT / "sample_reports" / "registers-gov-2021.json").read_text(encoding="utf-8"))
    data.pop("registers", None)
    data.pop("$schema", None)
    data["metadata"]["notes"] = "Synthetic (golocheck tests): table 三 is the sum of tests/data/ledger/county-2025.*"
    zeros = {row: {column: 0 for column in cells} for row, cells in data["tables"]["requests"].items()}
    data["tables"]["requests"] = {**zeros, **table(rows, date(2025, 1, 1), date(2025, 12, 31))}
    if with_registers:
        data["registers"] = {"requests": [register_entry(r) for r in rows]}
    return data


def main() -> None:
    rows = requests()
    write_xlsx(rows, HERE / "county-2025.xlsx")
    write_csv(rows, HERE / "county-2025.csv")
    for name, with_registers in (("county-2025.json", False), ("county-2025-registers.json", True)):
        (HERE / name).write_text(json.dumps(report(rows, with_registers), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
