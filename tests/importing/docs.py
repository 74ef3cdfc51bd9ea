"""Documents built in tests the way the readers build them: lists of strings -> Grids and
Blocks. In a grid spec, "<" repeats the cell to the left (a colspan / gridSpan) and "^"
the cell above (a rowspan / vMerge); the position then has ``spanned_from`` set to the
cell it repeats, with that cell's text, as the readers expand merges."""

from __future__ import annotations

import json
from pathlib import Path

from golocheck.diagnostics import DocxPlace
from golocheck.importing.document import Block, Cell, Document, Grid

ROOT = Path(__file__).resolve().parents[2]


def grid(spec: list[list[str]], number: int, flattened: bool = False) -> Grid:
    rows: list[list[Cell]] = []
    for r, line in enumerate(spec):
        row: list[Cell] = []
        for c, text in enumerate(line):
            place = DocxPlace(table=number, row=r + 1, column=c + 1)
            if text in ("<", "^"):
                source = row[c - 1] if text == "<" else rows[r - 1][c]
                origin = source.spanned_from or ((r, c - 1) if text == "<" else (r - 1, c))
                row.append(Cell(source.text, place, origin))
            else:
                row.append(Cell(text, place))
        rows.append(row)
    assert len({len(r) for r in rows}) == 1, "a grid is a rectangle"
    return Grid(tuple(tuple(r) for r in rows), DocxPlace(table=number), number, flattened)


def block(text: str, n: int, level: int | None = None) -> Block:
    return Block(text, DocxPlace(paragraph=n), level)


def document(*items, meta: dict | None = None) -> Document:
    numbered, n = [], 0
    for item in items:
        if isinstance(item, str):
            numbered.append(block(item, n))
            n += 1
        else:
            numbered.append(item)
    return Document("test.docx", "docx", tuple(numbered), meta or {})


def sample(name: str) -> dict:
    return json.loads((ROOT / "sample_reports" / f"{name}.json").read_text(encoding="utf-8"))


def text(value) -> str:
    return "" if value is None else str(value)


# --- the national 2021 template's grids (tables 14x4, 28x10, 4x15), filled from a report ---

def table2_2021(t: dict) -> list[list[str]]:
    a1, a5, a6, a8 = t["art20_1"], t["art20_5"], t["art20_6"], t["art20_8"]
    return [
        ["第二十条第（一）项", "<", "<", "<"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *(text(a1["rules"][c]) for c in ("issued", "repealed", "in_force"))],
        ["行政规范性文件", *(text(a1["normative_docs"][c]) for c in ("issued", "repealed", "in_force"))],
        ["第二十条第（五）项", "<", "<", "<"],
        ["信息内容", "本年处理决定数量", "<", "<"],
        ["行政许可", text(a5["licensing"]["decisions"]), "<", "<"],
        ["第二十条第（六）项", "<", "<", "<"],
        ["信息内容", "本年处理决定数量", "<", "<"],
        ["行政处罚", text(a6["penalties"]["decisions"]), "<", "<"],
        ["行政强制", text(a6["enforcement"]["decisions"]), "<", "<"],
        ["第二十条第（八）项", "<", "<", "<"],
        ["信息内容", "本年收费金额（单位：万元）", "<", "<"],
        ["行政事业性收费", text(a8["fees"]["amount"]), "<", "<"],
    ]


REQUEST_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")


def table3_2021(t: dict, one_row_other: bool = False) -> list[list[str]]:
    r = t["requests"]

    def v(row):
        return [text(r[row][c]) if row in r else "" for c in REQUEST_COLUMNS]

    top = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "<", "<", "申请人情况", "<", "<", "<", "<", "<", "<"],
        ["^", "^", "^", "自然人", "法人或其他组织", "<", "<", "<", "<", "总计"],
        ["^", "^", "^", "^", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "^"],
        ["一、本年新收政府信息公开申请数量", "<", "<", *v("new")],
        ["二、上年结转政府信息公开申请数量", "<", "<", *v("carried_over")],
        ["三、本年度办理结果", "（一）予以公开", "<", *v("disclosed")],
        ["^", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "<", *v("partly_disclosed")],
    ]
    groups = [
        ("（三）不予公开", [("1.属于国家秘密", "withheld_state_secret"), ("2.其他法律行政法规禁止公开", "withheld_prohibited"),
                       ("3.危及“三安全一稳定”", "withheld_security"), ("4.保护第三方合法权益", "withheld_third_party"),
                       ("5.属于三类内部事务信息", "withheld_internal"), ("6.属于四类过程性信息", "withheld_process"),
                       ("7.属于行政执法案卷", "withheld_enforcement_file"), ("8.属于行政查询事项", "withheld_query")]),
        ("（四）无法提供", [("1.本机关不掌握相关政府信息", "unable_not_held"), ("2.没有现成信息需要另行制作", "unable_needs_creation"),
                       ("3.补正后申请内容仍不明确", "unable_unclear")]),
        ("（五）不予处理", [("1.信访举报投诉类申请", "not_processed_petition"), ("2.重复申请", "not_processed_repeat"),
                       ("3.要求提供公开出版物", "not_processed_publication"), ("4.无正当理由大量反复申请", "not_processed_mass"),
                       ("5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation")]),
    ]
    if not one_row_other:
        groups.append(("（六）其他处理", [("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
                                     ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_fee_unpaid"),
                                     ("3.其他", "other_other")]))
    rows = list(top)
    for group, items in groups:
        for n, (label, row_id) in enumerate(items):
            rows.append(["^", group if n == 0 else "^", label, *v(row_id)])
    if one_row_other:
        rows.append(["^", "（六）其他处理", "<", *v("other")])
    rows.append(["^", "（七）总计", "<", *v("results_total")])
    rows.append(["四、结转下年度继续办理", "<", "<", *v("carried_forward")])
    return rows


def table4(t: dict) -> list[list[str]]:
    r = t["review_litigation"]
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    values = [text(r[row][c]) for row in ("review", "lawsuit_direct", "lawsuit_after_review") for c in ("upheld", "corrected", "other", "pending", "total")]
    return [
        ["行政复议", "<", "<", "<", "<", "行政诉讼", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
        ["^", "^", "^", "^", "^", "未经复议直接起诉", "<", "<", "<", "<", "复议后起诉", "<", "<", "<", "<"],
        [*five, *five, *five],
        values,
    ]


def national_2021_document(report: dict, one_row_other: bool = False, *, table3=None, table2=None, table4_=None) -> Document:
    sections = report["sections"]
    items: list = [report["metadata"]["title"], report.get("preamble", "")]
    n = 0
    for section in sections:
        items.append(section["heading"])
        items.extend(p for p in section["text"].split("\n") if p)
        heading = section["heading"]
        n += 1
        if heading.startswith("二、"):
            items.append(grid(table2 or table2_2021(report["tables"]), 1))
        elif heading.startswith("三、"):
            items.append(grid(table3 or table3_2021(report["tables"], one_row_other), 2))
        elif heading.startswith("四、"):
            items.append(grid(table4_ or table4(report["tables"]), 3))
    return document(*[i for i in items if i != ""])


def table2_from_format(fmt, tables: dict) -> list[list[str]]:
    """表二 as the national templates print it, for any format: per block a caption row,
    a header row (信息内容 + the block's columns) and its rows; narrower blocks merged."""
    blocks = [fmt.table(b.table) for b in fmt.printed[0].blocks]
    width = 1 + max(len(t.columns) for t in blocks)

    def pad(cells):
        return cells + ["<"] * (width - len(cells))

    rows = []
    for t in blocks:
        rows.append(pad([t.label]))
        rows.append(pad(["信息内容", *(label for _, label in t.columns)]))
        for row in t.rows:
            rows.append(pad([row.label, *(text(tables[t.id][row.id][c]) for c, _ in t.columns)]))
    return rows


def table3_2019(t: dict) -> list[list[str]]:
    return table3_2021(t, one_row_other=True)


def statistics_2014(fmt, values: dict) -> list[list[str]]:
    table = fmt.table("statistics")
    rows = [["统计指标", "单位", "总计"]]
    for row in table.rows:
        if row.id is None:
            rows.append([row.label, "", ""])
        else:
            rows.append([row.label, row.cells[0].unit, text(values[row.id])])
    return rows
