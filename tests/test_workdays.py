"""Tests for golocheck.workdays: ground-truth CSVs, overrides, counting convention."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from golocheck.workdays import (
    CalendarError,
    NotCovered,
    SkippedDay,
    WorkdayCalendar,
    render_span,
)

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


WORKDAY_FACTS = _rows("workday-facts.csv")
NTH_FACTS = _rows("nth-working-day-facts.csv")


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def _write(tmp_path: Path, text: str, name: str = "overrides.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# A made-up 2027 (not the real notice): New Year Fri 01-01, Spring Festival
# 02-06..12 with Sunday 02-07 worked, National Day 10-01..07.
YEAR_2027 = """
[[year]]
year = 2027
notice = "test notice 2027"
holidays = ["2027-01-01", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12",
            "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"]
workdays = [2027-02-07, "2027-10-09"]
"""


# -- ground truth --------------------------------------------------------------


@pytest.mark.parametrize("row", WORKDAY_FACTS, ids=[r["date"] for r in WORKDAY_FACTS])
def test_workday_facts(cal, row):
    d = date.fromisoformat(row["date"])
    assert f"{d:%a}" == row["weekday"], "CSV weekday column disagrees with its date"
    assert cal.is_workday(d) is (row["is_working_day"] == "true"), row["note"]


@pytest.mark.parametrize("row", NTH_FACTS, ids=[f"{r['start']}+{r['n']}" for r in NTH_FACTS])
def test_nth_working_day_facts(cal, row):
    start, n = date.fromisoformat(row["start"]), int(row["n"])
    expected = date.fromisoformat(row["nth_working_day_after_start"])
    assert cal.add_workdays(start, n) == expected, row["note"]
    assert cal.count_workdays(start, expected) == n
    assert cal.count_workdays(start, expected - timedelta(days=1)) == n - 1


def test_agrees_with_chinese_calendar_except_shipped_corrections(cal):
    import chinese_calendar

    corrected = {date(2005, 12, 31)}
    d = date(2004, 1, 1)
    while d <= date(2026, 12, 31):
        if d not in corrected:
            assert cal.is_workday(d) is chinese_calendar.is_workday(d), d
            assert cal.holiday_name(d) == chinese_calendar.get_holiday_detail(d)[1], d
        d += timedelta(days=1)
    assert all(not chinese_calendar.is_workday(d) and cal.is_workday(d) for d in corrected)
    assert "国办发明电〔2005〕35号" in cal.source(date(2005, 12, 31))
    assert cal.source(date(2019, 10, 1)) == "chinesecalendar"


# -- counting convention -----------------------------------------------------------


def test_start_day_itself_is_not_counted(cal):
    friday = date(2019, 9, 27)  # a working day; Sunday 09-29 is an adjusted working day
    assert cal.is_workday(friday)
    assert cal.add_workdays(friday, 1) == date(2019, 9, 29)
    assert cal.count_workdays(friday, friday) == 0


def test_start_on_rest_day_counts_from_next_working_day(cal):
    assert cal.add_workdays(date(2019, 10, 1), 1) == date(2019, 10, 8)
    assert cal.add_workdays(date(2019, 10, 7), 1) == date(2019, 10, 8)
    assert cal.add_workdays(date(2019, 9, 28), 1) == date(2019, 9, 29)  # Sat before an adjusted Sun


def test_invalid_arguments(cal):
    with pytest.raises(ValueError):
        cal.add_workdays(date(2019, 1, 2), 0)
    with pytest.raises(ValueError):
        cal.count_workdays(date(2019, 1, 2), date(2019, 1, 1))
    with pytest.raises(ValueError):
        render_span(cal, date(2019, 1, 1), date(2019, 1, 2), lang="fr")


@pytest.mark.parametrize(
    "first, last",
    [(date(2024, 1, 20), date(2024, 2, 20)), (date(2019, 9, 15), date(2019, 10, 15))],
    ids=["spring-festival-2024", "national-day-2019"],
)
def test_add_count_round_trip(cal, first, last):
    start = first
    while start <= last:
        for n in range(1, 26):
            end = cal.add_workdays(start, n)
            assert cal.is_workday(end)
            assert cal.count_workdays(start, end) == n
        start += timedelta(days=1)


def test_skipped_days_name_the_holiday(cal):
    skipped = cal.skipped_days(date(2019, 9, 30), date(2019, 10, 8))
    assert skipped == [SkippedDay(date(2019, 10, d), "holiday", "National Day") for d in range(1, 8)]
    assert cal.skipped_days(date(2019, 9, 27), date(2019, 9, 29)) == [SkippedDay(date(2019, 9, 28), "weekend", None)]


def test_day_kind_and_holiday_name(cal):
    assert cal.day_kind(date(2019, 10, 8)) == "workday"
    assert cal.day_kind(date(2019, 9, 28)) == "weekend"
    assert cal.day_kind(date(2019, 9, 29)) == "adjusted_workday"
    assert cal.day_kind(date(2019, 10, 1)) == "holiday"
    assert cal.day_kind(date(2019, 10, 5)) == "holiday"  # a Saturday inside National Day
    assert cal.day_kind(date(2005, 12, 31)) == "adjusted_workday"  # shipped correction
    assert cal.holiday_name(date(2019, 10, 1)) == "National Day"
    assert cal.holiday_name(date(2019, 10, 1), lang="zh") == "国庆节"
    assert cal.holiday_name(date(2019, 10, 8)) is None


# -- coverage and uncertainty ----------------------------------------------------


def test_2027_is_not_covered(cal):
    assert 2026 in cal.covered_years() and 2027 not in cal.covered_years()
    assert not cal.is_covered(date(2027, 1, 4))
    with pytest.raises(NotCovered, match="2027") as info:
        cal.is_workday(date(2027, 1, 4))
    assert info.value.year == 2027
    with pytest.raises(NotCovered) as info:
        cal.add_workdays(date(2026, 12, 20), 20)  # runs off the end: no Mon-Fri fallback
    assert info.value.year == 2027
    with pytest.raises(NotCovered):
        cal.day_kind(date(2003, 12, 31))


def test_uncertain_late_december_of_last_covered_year(cal):
    assert cal.uncertain(date(2026, 12, 31))
    assert cal.uncertain(date(2026, 12, 20))
    assert not cal.uncertain(date(2026, 12, 19))
    assert not cal.uncertain(date(2026, 11, 30))
    assert not cal.uncertain(date(2025, 12, 31))

    across = cal.nth_workday(date(2026, 12, 10), 10)
    assert across.uncertain
    assert across.uncertain_days[0] == date(2026, 12, 20)
    assert across.uncertain_days[-1] == across.end
    assert all(cal.uncertain(d) for d in across.uncertain_days)
    assert not cal.nth_workday(date(2026, 11, 2), 5).uncertain
    assert cal.span(date(2026, 12, 10), date(2026, 12, 31)).uncertain
    assert any("2027" in line for line in render_span(cal, date(2026, 12, 10), date(2026, 12, 31)))


def test_override_year_makes_2027_covered(tmp_path):
    cal = WorkdayCalendar([_write(tmp_path, YEAR_2027)])
    assert cal.is_covered(date(2027, 6, 1)) and 2027 in cal.covered_years()
    assert cal.source(date(2027, 6, 1)) == "test notice 2027"
    assert not cal.is_workday(date(2027, 1, 1))  # listed holiday
    assert cal.is_workday(date(2027, 1, 4))  # ordinary Monday
    assert cal.day_kind(date(2027, 2, 7)) == "adjusted_workday"
    assert cal.day_kind(date(2027, 10, 2)) == "weekend"  # Saturday not listed as a holiday
    assert cal.add_workdays(date(2027, 2, 5), 2) == date(2027, 2, 15)  # 02-07, then 02-15
    # 2026 December is settled now; 2027 December is the provisional one.
    assert not cal.uncertain(date(2026, 12, 31)) and cal.uncertain(date(2027, 12, 31))
    assert cal.count_workdays(date(2026, 12, 30), date(2027, 1, 4)) == 2


def test_user_file_wins_over_shipped_correction(tmp_path):
    path = _write(tmp_path, '[[day]]\ndate = 2005-12-31\nworking = false\nnotice = "test"\n')
    assert not WorkdayCalendar([path]).is_workday(date(2005, 12, 31))


def test_later_year_entry_replaces_earlier_day_fix(tmp_path):
    fix = _write(tmp_path, '[[day]]\ndate = 2027-01-02\nworking = true\nnotice = "a"\n', "a.toml")
    year = _write(tmp_path, YEAR_2027, "b.toml")
    assert WorkdayCalendar([year, fix]).is_workday(date(2027, 1, 2))
    assert not WorkdayCalendar([year, fix, year]).is_workday(date(2027, 1, 2))
    same_file = _write(tmp_path, YEAR_2027 + '[[day]]\ndate = 2027-01-01\nworking = true\nnotice = "c"\n', "c.toml")
    assert WorkdayCalendar([same_file]).is_workday(date(2027, 1, 1))  # [[day]] wins within a file


# -- override validation ----------------------------------------------------------


INVALID_FILES = [
        ('[[day]]\ndate = 2005-12-31\nworking = true\n', "missing key 'notice'"),
        ('[[year]]\nyear = 2027\nholidays = []\nworkdays = []\n', "missing key 'notice'"),
        ('[[day]]\ndate = 2005-12-31\nworking = true\nnotice = " "\n', "'notice'"),
        ('[[day]]\ndate = "2005-13-01"\nworking = true\nnotice = "n"\n', "not a date"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2027-02-30"]\nworkdays = []\n', "not a date"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2028-01-03"]\nworkdays = []\n', "not in 2027"),
        ('[[day]]\ndate = 2005-12-31\nworking = true\nnotice = "n"\nwhy = "x"\n', "unknown key 'why'"),
        ('[[days]]\ndate = 2005-12-31\n', "unknown key 'days'"),
        ('[[day]]\ndate = 2005-12-31\nworking = "yes"\nnotice = "n"\n', "true or false"),
        ('[[year]]\nyear = "2027"\nnotice = "n"\nholidays = []\nworkdays = []\n', "integer year"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = "2027-01-01"\nworkdays = []\n', "list of dates"),
        ('day = 1\n', "array of tables"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = []\nworkdays = ["2027-01-04"]\n', "Monday"),
        ('[[day]]\ndate = 2030-01-01\nworking = true\nnotice = "n"\n', "not covered"),
        ('[[day]]\ndate = 2019-01-01\nworking = true\nnotice = "n"\n' * 2, "appears twice"),
        ("[[day]\ndate = 2005-12-31\n", "invalid TOML"),
        ('[[day]]\ndate = 2005-12-31 working = true\n', "invalid TOML"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2027-01-01", 2027-01-01]\nworkdays = []\n', "listed twice"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2027-01-02"]\nworkdays = ["2027-01-02"]\n', "in both"),
]


@pytest.mark.parametrize("text, problem", INVALID_FILES, ids=[f"{i}-{p}" for i, (_, p) in enumerate(INVALID_FILES)])
def test_invalid_override_file(tmp_path, text, problem):
    path = _write(tmp_path, text)
    with pytest.raises(CalendarError) as info:
        WorkdayCalendar([path])
    message = str(info.value)
    assert str(path) in message and problem in message
    assert "\n" not in message
    assert not isinstance(info.value, NotCovered)


def test_missing_override_file(tmp_path):
    with pytest.raises(CalendarError, match="cannot read"):
        WorkdayCalendar([tmp_path / "nope.toml"])


# -- rendering and import cost ----------------------------------------------------


def test_render_span_marks_rest_and_adjusted_days(cal):
    en = render_span(cal, date(2019, 9, 20), date(2019, 10, 23))
    assert en[0].startswith("2019-09-20 to 2019-10-23: 20 working days")
    assert any("2019-09-29" in line and "adjusted working day 6" in line for line in en)
    assert any("2019-10-01..07" in line and "holiday (National Day)" in line for line in en)
    assert en[-1].strip().endswith("working days 18–20")
    zh = render_span(cal, date(2019, 9, 20), date(2019, 10, 23), lang="zh")
    assert any("2019-10-01..07" in line and "国庆节" in line for line in zh)
    assert any("调休上班 第 12 个" in line for line in zh)


def test_module_import_does_not_load_chinese_calendar():
    code = "import sys, golocheck.workdays; print('chinese_calendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
