"""The ratio bound used by the suite's performance tests (tests/timing.py) tells a linear
operation from a quadratic one, whatever the machine's load."""

from __future__ import annotations

import pytest

from timing import assert_linear


def _linear(n: int) -> int:
    return sum(range(n))


def _quadratic(n: int) -> int:
    return sum(1 for i in range(n) for _ in range(i))


def test_a_linear_operation_passes():
    assert_linear(_linear, 20_000, 200_000, 10, "sum")


def test_a_quadratic_operation_fails():
    with pytest.raises(AssertionError, match="worse than linear"):
        assert_linear(_quadratic, 150, 1_500, 10, "nested loops")
