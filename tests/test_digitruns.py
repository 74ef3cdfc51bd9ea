"""importing.digitruns: runs of digits read under the format's own relations.

The real runs are those of the 平潭 2021 page (tests/data/originals/pingtan-2021.page.txt),
as its text reader gives them, each anchored by hand to its format row here."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from golocheck.diagnostics import TextPlace
from golocheck.formats import get_format
from golocheck.importing.digitruns import MAX_RUN_CHARACTERS, Run, read_runs

FMT = get_format("gov-2021")
REQUESTS = FMT.table("requests")
COLUMNS = [c for c, _ in REQUESTS.columns]
ROWS = [r.id for r in REQUESTS.rows if r.id]

# (row, run as printed, the label printed after it), 表三 of the 平潭 2021 page
PINGTAN_REQUESTS = [
    ("new", "640020470", "二、上年结转政府信息公开申请数量"), ("carried_over", "0000000", "三、本年度办理结果（一）予以公开"),
    ("disclosed", "270020130", "（二）部分公开"), ("partly_disclosed", "500000 5", "（三）不予公开1.属于国家秘密"),
    ("withheld_state_secret", "00000002", ".其他法律行政法规禁止公开"), ("withheld_prohibited", "00000003", ".危及“三安全一稳定”"),
    ("withheld_security", "00000004", ".保护第三方合法权益"), ("withheld_third_party", "00000005", ".属于三类内部事务信息"),
    ("withheld_internal", "10000016", ".属于四类过程性信息"), ("withheld_process", "00000007", ".属于行政执法案卷"),
    ("withheld_enforcement_file", "60000068", ".属于行政查询事项"), ("withheld_query", "1000001", "（四）无法提供1.本机关不掌握相关政府信息"),
    ("unable_not_held", "2200003252", ".没有现成信息需要另行制作"), ("unable_needs_creation", "00000003", ".补正后申请内容仍不明确"),
    ("unable_unclear", "0000000", "（五）不予处理1.信访举报投诉类申请"), ("not_processed_petition", "00000002", ".重复申请"),
    ("not_processed_repeat", "00000003", ".要求提供公开出版物"), ("not_processed_publication", "00000004", ".无正当理由大量反复申请"),
    ("not_processed_mass", "00000005", ".要求行政机关确认或重新出具已获取信息"), ("not_processed_confirmation", "0000000", "（六）其他处理1.申请人无正当理由逾期不补正"),
    ("other_no_correction", "00000002", ".申请人逾期未按收费通知要求缴纳费用"), ("other_fee_unpaid", "00000003", ".其他"),
    ("other_other", "1000001", "（七）总计"), ("results_total", "630020469", "四、结转下年度继续办理"),
    ("carried_forward", "1000001", "四、政府信息公开行政复议、行政诉讼情况"),
]


def _runs(rows):
    return [Run(row, digits, after, TextPlace(10, 100 + i)) for i, (row, digits, after) in enumerate(rows)]


def _row(reading, row):
    return [reading.cells.get((row, c)) for c in COLUMNS]


def test_pingtan_requests_rows_each_read_alone():
    """23 of the 25 rows have one reading under the row total alone; 予以公开 and 本机关不掌握
    have two each: (2, 7, 0, 0, 20, 1, 30) / (27, 0, 0, 2, 0, 1, 30) and
    (2, 20, 0, 0, 0, 3, 25) / (22, 0, 0, 0, 0, 3, 25)."""
    ambiguous = {}
    for row, digits, after in PINGTAN_REQUESTS:
        reading = read_runs(FMT, REQUESTS, _runs([(row, digits, after)]))
        if reading.unread:
            ambiguous[row] = reading.unread[row]
            assert [p.code for p in reading.problems] == ["I031"] and reading.problems[0].pointer == f"/tables/requests/{row}"
    assert ambiguous == {
        "disclosed": [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)],
        "unable_not_held": [(2, 20, 0, 0, 0, 3, 25), (22, 0, 0, 0, 0, 3, 25)],
    }


def test_pingtan_requests_table_read_with_the_column_relations():
    reading = read_runs(FMT, "requests", _runs(PINGTAN_REQUESTS))
    assert reading.problems == [] and reading.unread == {} and len(reading.cells) == 25 * 7
    assert _row(reading, "new") == [64, 0, 0, 2, 0, 4, 70]
    assert _row(reading, "disclosed") == [27, 0, 0, 2, 0, 1, 30]
    assert _row(reading, "unable_not_held") == [22, 0, 0, 0, 0, 3, 25]
    assert _row(reading, "partly_disclosed") == [5, 0, 0, 0, 0, 0, 5]
    assert _row(reading, "withheld_state_secret") == [0] * 7  # "00000002": the 2 is 2.其他's ordinal
    assert _row(reading, "withheld_internal") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(reading, "results_total") == [63, 0, 0, 2, 0, 4, 69]
    # what was read with a relation, and only that: a run of 7 digits for 7 cells needs none
    assert sorted(reading.read_with) == [
        ("T202", "/tables/requests/disclosed"), ("T202", "/tables/requests/unable_not_held"),
        ("T203", "/tables/requests/disclosed"), ("T203", "/tables/requests/new"),
        ("T203", "/tables/requests/results_total"), ("T203", "/tables/requests/unable_not_held"),
    ]
    assert reading.used == ["T202", "T203"]


def test_pingtan_review_litigation_run_read_by_its_three_row_relations():
    run = Run("review", "10203120001200000", "五、存在的主要问题及改进情况", TextPlace(10, 2992),
              rows=("review", "lawsuit_direct", "lawsuit_after_review"))
    reading = read_runs(FMT, "review_litigation", [run])
    columns = [c for c, _ in FMT.table("review_litigation").columns]
    assert [[reading.cells[(r, c)] for c in columns] for r in run.row_ids] == [[1, 0, 2, 0, 3], [12, 0, 0, 0, 12], [0] * 5]
    assert sorted(reading.read_with) == [("T204", f"/tables/review_litigation/{r}") for r in sorted(run.row_ids)]


def test_pingtan_art20_runs():
    reading = read_runs(FMT, "art20_1", [Run("rules", "000", "行政规范性文件", None), Run("normative_docs", "693665", "第二十条", TextPlace(10, 2119))])
    assert [reading.cells[("rules", c)] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert len(reading.unread["normative_docs"]) == 10 and ("normative_docs", "issued") not in reading.cells
    problem = reading.problems[0]
    assert (problem.code, problem.pointer, problem.place, problem.args["count"]) == ("I031", "/tables/art20_1/normative_docs", TextPlace(10, 2119), 10)
    assert "6 9 3665" in problem.args["readings"] and reading.read_with == []
    fees = read_runs(FMT, "art20_8", [Run("fees", "24252.311082", "三、收到", None)])
    assert fees.cells == {("fees", "amount"): Decimal("24252.311082")}
    counts = read_runs(FMT, "art20_5", [Run("licensing", "22.93", None, None)])  # no decimal in a count
    assert counts.cells == {} and counts.problems[0].code == "I033"


def test_a_run_no_reading_satisfies_is_unread():
    reading = read_runs(FMT, "requests", _runs([("new", "640020471", "二、上年结转")]))
    assert reading.cells == {} and reading.unread == {"new": []}
    assert [(p.code, p.pointer) for p in reading.problems] == [("I033", "/tables/requests/new")]


def test_long_runs_are_refused_and_the_search_is_bounded():
    too_long = read_runs(FMT, "requests", _runs([("new", "1" * (MAX_RUN_CHARACTERS + 1), None)]))
    assert too_long.cells == {} and too_long.problems[0].code == "I033"
    many = read_runs(FMT, "requests", _runs([("new", "123456789" * 12, None)]))  # C(107, 6) cuttings
    assert many.cells == {} and many.problems[0].code == "I033"


# -- properties: never a wrong unique reading ------------------------------------------------

figure = st.integers(0, 60) | st.sampled_from([0, 0, 0, 1])


@st.composite
def requests_rows(draw, rows):
    """Rows of the requests table satisfying the row totals."""
    table = {}
    for row in rows:
        parts = [draw(figure) for _ in COLUMNS[:-1]]
        table[row] = [*parts, sum(parts)]
    return table


def _flatten(values) -> str:
    return "".join(str(v) for v in values)


@settings(max_examples=150, deadline=None)
@given(requests_rows(ROWS[:1]))
def test_a_row_reads_back_or_is_reported(table):
    (row, values), = table.items()
    reading = read_runs(FMT, REQUESTS, [Run(row, _flatten(values), None, None)])
    if reading.unread:
        assert tuple(values) in reading.unread[row] and reading.problems[0].code == "I031"
    else:
        assert _row(reading, row) == values


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_whole_table_reads_back_or_is_reported(data):
    """A table satisfying every relation (row totals, results total, column balances),
    flattened row by row with the next ordinal stuck to the run where the text does."""
    results = [r.id for r in REQUESTS.rows if r.part_of == "results_total"]
    table = data.draw(requests_rows([*results, "carried_over"]))
    table["results_total"] = [sum(table[r][i] for r in results) for i in range(len(COLUMNS))]
    table["carried_forward"] = data.draw(requests_rows(["carried_forward"]))["carried_forward"]
    table["new"] = [table["results_total"][i] + table["carried_forward"][i] - table["carried_over"][i] for i in range(len(COLUMNS))]
    if any(v < 0 for v in table["new"]):
        table["carried_over"] = [0] * len(COLUMNS)
        table["new"] = [table["results_total"][i] + table["carried_forward"][i] for i in range(len(COLUMNS))]
    labels = {r.id: r.label for r in REQUESTS.rows if r.id}
    runs = []
    for i, row in enumerate(ROWS):
        after = labels[ROWS[i + 1]] if i + 1 < len(ROWS) else None
        digits = _flatten(table[row])
        if after and after[0].isdigit():  # "2.其他…": its ordinal sticks to the run
            ordinal, after = after.split(".", 1)
            digits, after = digits + ordinal, "." + after
        runs.append(Run(row, digits, after, None))
    reading = read_runs(FMT, REQUESTS, runs)
    for row in ROWS:
        if row in reading.unread:
            assert any(code == "I031" or code == "I033" for code in (p.code for p in reading.problems))
            assert not reading.unread[row] or tuple(table[row]) in reading.unread[row]
            assert all((row, c) not in reading.cells for c in COLUMNS)
        else:
            assert _row(reading, row) == table[row], row
