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


def _library_last_year() -> int:
    """The last year the installed chinesecalendar release covers (each release adds one)."""
    import chinese_calendar

    return max(chinese_calendar.holidays).year


LAST = _library_last_year()


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
    while d <= date(LAST, 12, 31):
        if d not in corrected:
            assert cal.is_workday(d) is chinese_calendar.is_workday(d), d
            assert cal.holiday_name(d) == chinese_calendar.get_holiday_detail(d)[1], d
        d += timedelta(days=1)
    assert all(not chinese_calendar.is_workday(d) and cal.is_workday(d) for d in corrected)
    assert "国办发明电〔2005〕35号" in cal.source(date(2005, 12, 31))
    assert cal.source(date(2019, 10, 1)) == "chinesecalendar"


# -- contract with chinesecalendar ----------------------------------------------------
# golocheck reads exactly these from the library: the dicts ``holidays`` and
# ``workdays`` (date -> English holiday name; the years covered are min..max of
# ``holidays``) and ``Holiday(name).chinese`` for Chinese names.  ``is_workday``
# and ``get_holiday_detail`` are the library's own reading of those dicts, used
# here as a cross-check.  A release that changes any of this must fail here, loudly,
# before it can change a deadline.

# Days the shipped calendar-overrides.toml corrects: there golocheck and the CSV
# of facts disagree with chinesecalendar on purpose.
SHIPPED_CORRECTIONS = {date(2005, 12, 31)}


def _library_says_workday(d: date) -> bool:
    import chinese_calendar

    return d in chinese_calendar.workdays or (d.weekday() < 5 and d not in chinese_calendar.holidays)


def test_contract_library_tables_have_the_shape_golocheck_reads():
    import chinese_calendar

    names = {h.value for h in chinese_calendar.Holiday}
    for table in (chinese_calendar.holidays, chinese_calendar.workdays):
        assert isinstance(table, dict) and table
        for d, name in table.items():
            assert type(d) is date, d  # not datetime: golocheck looks days up by date
            assert isinstance(name, str) and name in names, (d, name)
            chinese = chinese_calendar.Holiday(name).chinese
            assert isinstance(chinese, str) and chinese, name
    # a day is either a rest day or an adjusted working day, never both
    assert not set(chinese_calendar.holidays) & set(chinese_calendar.workdays)
    # the adjusted working days are weekend days (weekdays work anyway)
    assert all(d.weekday() >= 5 for d in chinese_calendar.workdays)


def test_contract_years_covered_are_whole_and_contiguous():
    """golocheck treats every year from the first to the last as covered: each must be there."""
    import chinese_calendar

    first, last = min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year
    assert first <= 2004 and last >= 2026  # what golocheck's facts and documentation rely on
    assert {d.year for d in chinese_calendar.workdays} <= set(range(first, last + 1))
    for year in range(first, last + 1):
        # New Year's Day, Spring Festival and National Day are in every year's notice
        assert chinese_calendar.holidays.get(date(year, 1, 1)) == "New Year's Day", year
        assert chinese_calendar.holidays.get(date(year, 10, 1)) == "National Day", year
        assert "Spring Festival" in {n for d, n in chinese_calendar.holidays.items() if d.year == year}, year
    # the library's own range check agrees with golocheck's reading of the years covered
    assert chinese_calendar.is_workday(date(first, 1, 5)) in (True, False)
    assert chinese_calendar.is_workday(date(last, 12, 31)) in (True, False)
    for outside in (date(first - 1, 12, 31), date(last + 1, 1, 1)):
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(outside)


@pytest.mark.parametrize("row", WORKDAY_FACTS, ids=[r["date"] for r in WORKDAY_FACTS])
def test_contract_library_agrees_with_known_facts(row):
    """The CSV of facts (checked against the notices) read straight from the library's
    dicts. A release fixing a shipped correction fails here too: drop the correction."""
    import chinese_calendar

    d = date.fromisoformat(row["date"])
    expected = row["is_working_day"] == "true"
    if d in SHIPPED_CORRECTIONS:
        expected = not expected
    assert _library_says_workday(d) is expected, row["note"]
    assert chinese_calendar.is_workday(d) is expected, row["note"]


def test_contract_shipped_corrections_are_the_ones_listed_here(cal):
    import tomllib

    from golocheck.workdays import SHIPPED_OVERRIDES

    data = tomllib.loads(SHIPPED_OVERRIDES.read_text(encoding="utf-8"))
    assert {entry["date"] for entry in data.get("day", [])} == SHIPPED_CORRECTIONS
    assert not data.get("year")


def test_shipped_overrides_are_valid_and_written_as_validation_returns_them():
    """The shipped file is applied without validation (no pydantic on a plain run),
    which is safe only because it is exactly what validation would give."""
    import tomllib

    from golocheck.calendar_overrides import validate_overrides
    from golocheck.workdays import SHIPPED_OVERRIDES

    raw = tomllib.loads(SHIPPED_OVERRIDES.read_text(encoding="utf-8"))
    normalised = validate_overrides(raw, SHIPPED_OVERRIDES)
    assert normalised == {"year": [], "day": raw["day"]}


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


def test_the_year_after_the_library_is_not_covered(cal):
    after = LAST + 1
    assert LAST in cal.covered_years() and after not in cal.covered_years()
    assert not cal.is_covered(date(after, 1, 4))
    with pytest.raises(NotCovered, match=str(after)) as info:
        cal.is_workday(date(after, 1, 4))
    assert info.value.year == after
    with pytest.raises(NotCovered) as info:
        cal.add_workdays(date(LAST, 12, 20), 20)  # runs off the end: no Mon-Fri fallback
    assert info.value.year == after
    with pytest.raises(NotCovered):
        cal.day_kind(date(2003, 12, 31))


def test_uncertain_late_december_of_last_covered_year(cal):
    assert cal.uncertain(date(LAST, 12, 31))
    assert cal.uncertain(date(LAST, 12, 20))
    assert not cal.uncertain(date(LAST, 12, 19))
    assert not cal.uncertain(date(LAST, 11, 30))
    assert not cal.uncertain(date(LAST - 1, 12, 31))

    across = cal.nth_workday(date(LAST, 12, 10), 10)
    assert across.uncertain
    assert across.uncertain_days[0] == date(LAST, 12, 20)
    assert across.uncertain_days[-1] == across.end
    assert all(cal.uncertain(d) for d in across.uncertain_days)
    assert not cal.nth_workday(date(LAST, 11, 2), 5).uncertain
    assert cal.span(date(LAST, 12, 10), date(LAST, 12, 31)).uncertain
    assert any(str(LAST + 1) in line for line in render_span(cal, date(LAST, 12, 10), date(LAST, 12, 31)))


@pytest.fixture
def release_ending_2025(monkeypatch):
    """chinesecalendar as an older release covering 2004–2025 would have it."""
    import chinese_calendar

    for name in ("holidays", "workdays"):
        table = getattr(chinese_calendar, name)
        monkeypatch.setattr(chinese_calendar, name, {d: v for d, v in table.items() if d.year <= 2025})


def test_coverage_and_provisional_december_follow_the_installed_release(release_ending_2025):
    """Nothing assumes a last year: with a release ending in 2025, 2026 is not covered
    and late December 2025 is the provisional stretch."""
    cal = WorkdayCalendar()
    assert max(cal.covered_years()) == 2025
    assert cal.uncertain(date(2025, 12, 31)) and not cal.uncertain(date(2025, 12, 19))
    with pytest.raises(NotCovered, match="2004–2025") as info:
        cal.is_workday(date(2026, 1, 5))
    assert info.value.year == 2026


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
        (f'[[day]]\ndate = {LAST + 5}-01-01\nworking = true\nnotice = "n"\n', "not covered"),
        ('[[day]]\ndate = 2019-01-01\nworking = true\nnotice = "n"\n' * 2, "appears twice"),
        ("[[day]\ndate = 2005-12-31\n", "invalid TOML"),
        ('[[day]]\ndate = 2005-12-31 working = true\n', "invalid TOML"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2027-01-01", 2027-01-01]\nworkdays = []\n', "listed twice"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = ["2027-01-02"]\nworkdays = ["2027-01-02"]\n', "in both"),
        # the kinds of problem the pydantic model catches, one each
        ('[[day]]\ndate = 2005-12-31T00:00:00\nworking = true\nnotice = "n"\n', "[[day]] #1 'date': datetime.datetime(2005, 12, 31, 0, 0) is not a date"),
        ('[[day]]\ndate = 1\nworking = true\nnotice = "n"\n', "[[day]] #1 'date': 1 is not a date"),
        ('day = [1]\n', "[[day]] #1: must be a table"),
        ('[[day]]\ndate = 2005-12-31\nworking = 1\nnotice = "n"\n', "[[day]] 2005-12-31 'working': must be true or false, got 1"),
        ('[[year]]\nyear = true\nnotice = "n"\nholidays = []\nworkdays = []\n', "[[year]] #1 'year': must be an integer year, got True"),
        ('[[year]]\nyear = 0\nnotice = "n"\nholidays = []\nworkdays = []\n', "[[year]] #1 'year': must be an integer year, got 0"),
        ('[[year]]\nyear = 2027\nnotice = 5\nholidays = []\nworkdays = []\n', "[[year]] 2027 'notice': must be a string, got 5"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = [2027-01-01, 3]\nworkdays = []\n', "[[year]] 2027 'holidays' item 2: 3 is not a date"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = []\nworkdays = []\nnote = ""\n', "[[year]] 2027: unknown key 'note' (allowed: year, notice, holidays, workdays)"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = []\nworkdays = []\n' * 2, "[[year]] 2027 appears twice"),
        ('[[year]]\nyear = 2027\nnotice = "n"\nholidays = [2027-02-06]\nworkdays = [2027-02-06]\n', "[[year]] 2027: 'holidays' and 'workdays': 2027-02-06 is in both"),
        ('[[year]]\nfoo = 1\n', "[[year]] #1: missing key 'year' (and 4 more problems)"),
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


def test_override_file_error_through_the_command_line(tmp_path):
    """--calendar FILE with a bad file: exit 2 and one line naming file and key, no traceback."""
    from helpers import no_traceback, run_cli

    path = _write(tmp_path, '[[day]]\ndate = 2019-01-01\nworking = "no"\nnotice = "n"\n')
    result = run_cli("workdays", "2019-01-02", "5", "--calendar", str(path))
    assert result.returncode == 2 and no_traceback(result)
    lines = result.stderr.decode().strip().splitlines()
    assert lines == [f"golocheck: error: {path}: [[day]] 2019-01-01 'working': must be true or false, got 'no'"]


def test_pydantic_is_imported_only_for_user_override_files(tmp_path):
    code = (
        "import sys\n"
        "from golocheck.workdays import WorkdayCalendar\n"
        "WorkdayCalendar()\n"
        "print('pydantic' in sys.modules)\n"
        f"WorkdayCalendar([{str(_write(tmp_path, YEAR_2027))!r}])\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("report", ["golog-2018.json", "registers-gov-2021.json"])
def test_plain_run_does_not_import_pydantic(report):
    """A run without --calendar, also one that counts working days, never imports pydantic."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "golocheck", str(root / "sample_reports" / report)],
        capture_output=True, text=True, cwd=root,
    )
    assert out.returncode in (0, 1), out.stderr[-2000:]
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")]
    assert "golocheck" in imported
    assert not [name for name in imported if name.split(".")[0] == "pydantic"]
    if report.startswith("registers"):
        assert "chinese_calendar" in imported  # the calendar was really built


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
