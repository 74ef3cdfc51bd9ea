"""Counting working days (D004–D007, D010–D012) is a search in the calendar's list of working
days, made once per calendar and span of years, not a walk asking the calendar day by day:
the same due dates, counts and days looked at as the walk, which this test keeps as the
definition. Counted, not timed."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from golocheck.checks.timelimits import _Clock
from golocheck.workdays import NotCovered, WorkdayCalendar

ONE_DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def cal():
    return WorkdayCalendar()


def _walk_nth(cal, start, excluded, n, stop):
    """(the n-th counted day or None, the last day looked at): the definition."""
    day, count = start, 0
    while day < stop:
        day += ONE_DAY
        if day not in excluded and cal.is_workday(day):
            count += 1
            if count == n:
                return day, day
    return None, day


def _walk_between(cal, excluded, first, last):
    return sum(1 for k in range(1, (last - first).days + 1)
               if (d := first + k * ONE_DAY) not in excluded and cal.is_workday(d))


def test_due_dates_and_counts_are_the_walks(cal):
    rng = random.Random(7)
    years = sorted(cal.covered_years())
    last_covered = date(years[-1], 12, 31)
    for _ in range(600):
        start = date(rng.choice(years[-4:]), 1, 1) + timedelta(days=rng.randrange(366))
        stop = start + timedelta(days=rng.randrange(-3, 80))
        excluded = frozenset(start + timedelta(days=rng.randrange(1, 40)) for _ in range(rng.randrange(0, 12)))
        n = rng.randrange(0, 30)
        clock = _Clock(cal, start, excluded)
        try:
            expected, looked = _walk_nth(cal, start, excluded, n, stop)
        except NotCovered:
            assert stop > last_covered
            with pytest.raises(NotCovered):
                clock.nth(n, stop)
            continue
        assert clock.nth(n, stop) == expected, (start, stop, n, sorted(excluded))
        assert clock.seen == max(start, looked)
        if stop > start and stop <= last_covered:
            first = start + timedelta(days=rng.randrange(0, max(1, (stop - start).days)))
            assert clock.between(first, stop) == _walk_between(cal, excluded, first, stop)
            assert clock.seen == max(looked, stop)


def test_counting_asks_the_calendar_once_per_span_of_years(monkeypatch, cal):
    start = date(max(cal.covered_years()) - 1, 3, 1)
    _Clock(cal, start).nth(20, start + timedelta(days=60))  # the span's list, made once
    asked = []
    real = cal.is_workday
    monkeypatch.setattr(cal, "is_workday", lambda d: asked.append(d) or real(d))
    clock = _Clock(cal, start, frozenset({start + 3 * ONE_DAY}))
    due = clock.nth(20, start + timedelta(days=60))
    assert due is not None and clock.between(start, due) == 20
    assert asked == []  # no walk: a search in the list of working days
