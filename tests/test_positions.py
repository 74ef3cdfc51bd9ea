"""Positions: a finding about a figure inside a text value points at the figure, also
when the JSON string has escapes before it."""

from __future__ import annotations

import pytest

from golocheck.diagnostics import Span
from golocheck.loading.positions import inside_json_string as _inside_json_string

TEXT = '{"a": "x\\ny\\u4e00zabc"}'  # decoded: x, newline, y, 一, z, a, b, c


@pytest.mark.parametrize("offset, length, source", [(0, 1, "x"), (1, 1, "\\n"), (2, 1, "y"), (3, 1, "\\u4e00"), (4, 2, "za"), (5, 3, "abc")])
def test_offsets_inside_a_json_string(offset, length, source):
    span = _inside_json_string(TEXT, Span(1, 7, 1, len(TEXT)), offset, length)
    assert TEXT[span.column - 1 : span.end_column - 1] == source


def test_narrative_finding_points_at_the_figure():
    from golocheck import check
    from helpers import ROOT

    path = ROOT / "sample_reports/golog-2018.json"
    finding = next(d for d in check(path) if d.code == "N002")
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.location.span.end_column - 1] == "10户"


def test_offsets_placed_close_together_do_not_make_the_line_index_quadratic():
    """Each offset placed by counting is inserted among those placed before; an insertion
    moves the ones after it. Offsets asked for backwards, a character apart (findings of
    many short sections), move every one each time: the index is built whole once those
    moves reach the counting's budget, and the lines stay right."""
    import math

    from golocheck.loading.positions import LineIndex

    text = "".join(f"{i:08d}\n" for i in range(20_000))  # 180,000 characters, a line each 9
    index = LineIndex(text)
    asked = range(45_000, 40_000, -1)
    for offset in asked:
        assert index.line_col(offset) == (offset // 9 + 1, offset % 9 + 1)
    assert len(index._placed) <= 2 * math.isqrt(2 * len(text)) + 2  # 5,000 offsets placed before
    assert index._starts is not None
