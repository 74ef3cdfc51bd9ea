"""Ledgers (golocheck/ledger) on arbitrary CSV text and workbook bytes: a one-line
LedgerError or a layout, never another exception; every row's finding is an L-code on a
cell of the sheet."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from golocheck.formats import get_format
from golocheck.ledger.convert import entries, layout
from golocheck.ledger.sheet import LedgerError, read_csv, read_workbook

TOKENS = ["编号", "收到日期", "受理日期", "申请方式", "答复日期", "办理结果", "申请人类型", "征求意见日期", "延期告知日期", "当场答复",
          ",", "\n", "\r\n", '"', " ", "2025-03-14", "2025/3/14", "2025年3月14日", "20250314", "2025-02-30", "45730", "网络", "微信",
          "予以公开", "部分公开", "自然人", "是", "x", "\ufeff", "\x00", "=A1+1", "9" * 300]


@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.sampled_from(["utf-8", "gb18030"]))
def test_any_csv_is_a_layout_or_one_line_error(tokens, encoding):
    raw = "".join(tokens).encode(encoding)
    try:
        found = layout(read_csv(raw, "l.csv"))
    except LedgerError as exc:
        assert "\n" not in str(exc)
        return
    registered, places, problems = entries(found, get_format("gov-2021"), 0)
    for problem in problems:
        assert problem.code.startswith("L") and problem.place.file == "l.csv" and problem.place.row >= 1
    assert set(places) >= {f"/registers/{found.kind}/{i}" for i in range(len(registered))}


@given(st.binary(max_size=300))
def test_any_workbook_bytes_are_one_line_error(tail):
    try:
        read_workbook(b"PK\x03\x04" + tail, None, "l.xlsx")
    except LedgerError as exc:
        assert "\n" not in str(exc)
