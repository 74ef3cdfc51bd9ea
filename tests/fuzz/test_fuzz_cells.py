"""The cell classifier (golocheck.checks.context.classify) on every cell of every format
and any value the loader can produce: a state for everything, never an exception, and
nothing turned into a number that is not one."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from fuzz.strategies import loader_values, scalars
from golocheck.checks.context import NOT_APPLICABLE, CellValue, classify
from golocheck.formats import all_formats

CELLS = sorted((cell for fmt in all_formats().values() for cell in fmt.cells()), key=lambda c: (c.pointer, c.kind))
STATES = {"number", "blank", "not_applicable", "text", "fraction", "negative", "non_finite", "missing"}


@given(st.sampled_from(CELLS), st.one_of(scalars(), loader_values()), st.booleans())
def test_every_value_gets_a_state_and_only_numbers_are_numbers(cell, raw, present):
    value = classify(cell, raw, present)
    assert isinstance(value, CellValue) and value.state in STATES
    if not present:
        assert value.state == "missing"
        return
    if raw is None:
        assert value.state == "blank"
    if value.usable:
        assert isinstance(value.number, Decimal) and value.number.is_finite()
        assert not isinstance(raw, (bool, dict, list))
        if cell.kind == "count":
            assert value.number >= 0 and value.number == value.number.to_integral_value()
    if isinstance(raw, str) and raw.strip() in NOT_APPLICABLE:
        assert value.state == "not_applicable"
    if isinstance(raw, bool):
        assert value.state == "text", "true/false is not a number"


@given(st.sampled_from([c for c in CELLS if c.kind == "count"]), st.integers(min_value=0, max_value=10**4000))
def test_a_non_negative_integer_in_a_count_cell_is_that_number(cell, n):
    value = classify(cell, n, True)
    assert value.state == "number" and value.number == n
