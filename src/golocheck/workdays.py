"""Chinese working-day calendar (工作日) for counting legal time limits.

Weekends and public holidays are rest days; weekend days that the State
Council's annual holiday notice declares working days (调休上班) count as
working days.  Data comes from ``chinese_calendar`` (chinesecalendar >= 1.11.0,
which covers 2004–2026; each release adds the next year, and the years covered
are read from the installed release, never assumed), corrected and extended by
TOML override files: the shipped ``data/calendar-overrides.toml`` first, then
user files (validated by :mod:`golocheck.calendar_overrides`), later files winning.

Counting follows 民法典 第二百零一条: the start day is never counted, the day
after is working day 1 if it is a working day.  Dates outside every source
raise :class:`NotCovered` — there is deliberately no Monday-to-Friday fallback,
because a silently wrong deadline is worse than none.

Only light standard-library modules are imported at module level so that
importing golocheck stays fast; ``chinese_calendar``, ``tomllib`` and (for user
override files only) pydantic are imported where they are used.
See docs/working-days.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "CalendarError",
    "NotCovered",
    "SkippedDay",
    "WorkdayCalendar",
    "WorkdayResult",
    "render_span",
    "SHIPPED_OVERRIDES",
]

SHIPPED_OVERRIDES = Path(__file__).parent / "data" / "calendar-overrides.toml"

# From this day of December on (late December, the days year-end adjustments have
# touched), the last covered year is provisional: next
# year's notice often moves 12-29..31 (e.g. the 2019 notice made 2018-12-29 a
# working day and 2018-12-31 a holiday).
UNCERTAIN_FROM_DAY = 20

WORKDAY, WEEKEND, HOLIDAY, ADJUSTED_WORKDAY = "workday", "weekend", "holiday", "adjusted_workday"
_ONE_DAY = timedelta(days=1)


class CalendarError(Exception):
    """A problem with calendar data; ``str()`` is one line meant for users."""


class NotCovered(CalendarError):
    """No source (chinesecalendar or an override ``[[year]]``) covers ``year``."""

    def __init__(self, year: int, message: str) -> None:
        super().__init__(message)
        self.year = year


class SkippedDay(NamedTuple):
    """A rest day passed over while counting."""

    day: date
    kind: str  # "weekend" or "holiday"
    name: str | None  # holiday name where chinesecalendar knows it


class WorkdayResult(NamedTuple):
    """Working days in the span ``start < d <= end``, with what a caller must report.

    ``uncertain_days`` are days in the span whose status may still change with
    a holiday notice not yet published (see :meth:`WorkdayCalendar.uncertain`);
    a deadline computed across them is provisional.
    """

    start: date
    end: date
    workdays: int
    skipped: tuple[SkippedDay, ...]
    uncertain_days: tuple[date, ...]

    @property
    def uncertain(self) -> bool:
        return bool(self.uncertain_days)


class _YearEntry(NamedTuple):
    holidays: frozenset[date]  # rest days (weekend days listed here print as holidays)
    workdays: frozenset[date]  # weekend days that are working days
    notice: str


class _DayEntry(NamedTuple):
    working: bool
    notice: str
    source: Path  # file it came from, for error messages


class WorkdayCalendar:
    """Working-day calendar: chinesecalendar + shipped corrections + user override files."""

    def __init__(self, override_paths: Sequence[Path] = ()) -> None:
        import chinese_calendar

        # The library's own is_workday()/get_holiday_detail() rescan all its
        # dates on every call to validate the year; the dicts they read are
        # public, so look days up there directly (counting calls this a lot).
        self._lib_holidays: dict[date, str] = chinese_calendar.holidays
        self._lib_workdays: dict[date, str] = chinese_calendar.workdays
        # The years covered are those of the installed release (each release adds
        # one); everything else, late-December uncertainty included, keys on this.
        first, last = min(self._lib_holidays).year, max(self._lib_holidays).year
        self._library_years = range(first, last + 1)
        self._years: dict[int, _YearEntry] = {}
        self._days: dict[date, _DayEntry] = {}
        self._load(SHIPPED_OVERRIDES, shipped=True)
        for path in map(Path, override_paths):
            self._load(path)
        self._covered = frozenset(self._library_years).union(self._years)
        self._ordinals: dict[tuple[int, int], list[int]] = {}  # see workday_ordinals
        for day, entry in self._days.items():
            if day.year not in self._covered:
                raise CalendarError(
                    f"{entry.source}: [[day]] {day}: year {day.year} is not covered; "
                    f"describe the whole year with a [[year]] entry instead"
                )

    # -- coverage -----------------------------------------------------------

    def covered_years(self) -> frozenset[int]:
        return self._covered

    def is_covered(self, d: date) -> bool:
        return d.year in self._covered

    def uncertain(self, d: date) -> bool:
        """True for December days of a covered year whose next year is not covered yet.

        The next year's holiday notice may still turn such a day into a holiday
        or an adjusted working day (e.g. 2026-12-31 before the 2027 notice).
        """
        return (
            d.month == 12
            and d.day >= UNCERTAIN_FROM_DAY
            and self.is_covered(d)
            and d.year + 1 not in self._covered
        )

    def uncertain_between(self, start: date, end: date) -> list[date]:
        """The days d with start < d <= end that are :meth:`uncertain`, in order. Only
        late-December days can be: the others are not looked at."""
        found = []
        for year in range(start.year, end.year + 1):
            day = max(start + _ONE_DAY, date(year, 12, UNCERTAIN_FROM_DAY))
            last = min(end, date(year, 12, 31))
            while day <= last:
                if self.uncertain(day):
                    found.append(day)
                day += _ONE_DAY
        return found

    def workday_ordinals(self, first_year: int, last_year: int) -> list[int] | None:
        """The working days of the years first_year..last_year as ordinals
        (date.toordinal), in order; None when one of those years is not covered. Read
        from :meth:`is_workday` day by day, once per calendar and span of years, so that
        counting working days is a search in a list (timelimits) instead of a walk."""
        key = (first_year, last_year)
        found = self._ordinals.get(key)
        if found is None:
            if any(year not in self._covered for year in range(first_year, last_year + 1)):
                return None
            day, last, found = date(first_year, 1, 1), date(last_year, 12, 31), []
            while day <= last:
                if self.is_workday(day):
                    found.append(day.toordinal())
                day += _ONE_DAY
            self._ordinals[key] = found
        return found

    # -- single days --------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day; raises :class:`NotCovered` if unknown."""
        if d in self._days:
            return self._days[d].working
        if d.year in self._years:
            entry = self._years[d.year]
            return d in entry.workdays or (d.weekday() < 5 and d not in entry.holidays)
        if d.year in self._library_years:
            return d in self._lib_workdays or (d.weekday() < 5 and d not in self._lib_holidays)
        raise self._not_covered(d.year)

    def source(self, d: date) -> str:
        """Where the status of ``d`` comes from: an override's notice, or "chinesecalendar"."""
        if d in self._days:
            return self._days[d].notice
        if d.year in self._years:
            return self._years[d.year].notice
        if d.year in self._library_years:
            return "chinesecalendar"
        raise self._not_covered(d.year)

    def day_kind(self, d: date) -> str:
        """One of "workday", "weekend", "holiday", "adjusted_workday" (for printing)."""
        weekend = d.weekday() >= 5
        if self.is_workday(d):
            return ADJUSTED_WORKDAY if weekend else WORKDAY
        return HOLIDAY if not weekend or self._listed_holiday(d) else WEEKEND

    def holiday_name(self, d: date, lang: str = "en") -> str | None:
        """Holiday name from chinesecalendar (also for its 调休 days), else None.

        Override ``[[year]]`` entries carry no names, so their days give None.
        """
        if d.year in self._years or d.year not in self._library_years:
            return None
        name = self._lib_workdays.get(d) or self._lib_holidays.get(d)
        if name is not None and lang == "zh":
            import chinese_calendar

            return chinese_calendar.Holiday(name).chinese
        return name

    # -- counting -----------------------------------------------------------

    def nth_workday(self, start: date, n: int) -> WorkdayResult:
        """The n-th working day after ``start`` (``start`` itself never counts), n >= 1."""
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        count, day = 0, start
        while count < n:
            day += _ONE_DAY
            count += self.is_workday(day)
        return self._result(start, day, count)

    def span(self, start: date, end: date) -> WorkdayResult:
        """Working days d with ``start < d <= end``; ``end < start`` is a ValueError."""
        if end < start:
            raise ValueError(f"end {end} is before start {start}")
        count = sum(self.is_workday(d) for d in _days_after(start, end))
        return self._result(start, end, count)

    def add_workdays(self, start: date, n: int) -> date:
        """Date of the n-th working day after ``start``; see :meth:`nth_workday`."""
        return self.nth_workday(start, n).end

    def count_workdays(self, start: date, end: date) -> int:
        """Number of working days d with ``start < d <= end``.

        ``count_workdays(s, add_workdays(s, n)) == n``.  Raises ValueError if
        ``end < start`` (a span never runs backwards in a time limit).
        """
        return self.span(start, end).workdays

    def skipped_days(self, start: date, end: date) -> list[SkippedDay]:
        """Rest days d with ``start < d <= end``, for messages like "skipped National Day"."""
        return list(self.span(start, end).skipped)

    # -- internals ----------------------------------------------------------

    def _result(self, start: date, end: date, count: int) -> WorkdayResult:
        days = list(_days_after(start, end))
        skipped = tuple(
            SkippedDay(d, self.day_kind(d), self.holiday_name(d)) for d in days if not self.is_workday(d)
        )
        uncertain = tuple(d for d in days if self.uncertain(d))
        return WorkdayResult(start, end, count, skipped, uncertain)

    def _listed_holiday(self, d: date) -> bool:
        """Whether a source lists ``d`` as a holiday (not merely a weekend)."""
        if d.year in self._years:
            return d in self._years[d.year].holidays
        return d in self._lib_holidays

    def _not_covered(self, year: int) -> NotCovered:
        lib = self._library_years
        return NotCovered(
            year,
            f"no working-day calendar for {year}: chinesecalendar covers {lib[0]}–{lib[-1]}"
            + (f", override files add {sorted(self._years)}" if self._years else "")
            + f"; add a [[year]] {year} entry to an override file (see docs/working-days.md)",
        )

    def _load(self, path: Path, *, shipped: bool = False) -> None:
        """Apply one override file; within it, [[day]] wins over [[year]].

        User files are validated (golocheck.calendar_overrides, which imports
        pydantic). The shipped file is applied as read: it is written in the
        normalised form validation returns, which tests/test_workdays.py checks,
        and skipping validation keeps pydantic out of every plain run.
        """
        data = _read_toml(path)
        if not shipped:
            from golocheck.calendar_overrides import validate_overrides

            data = validate_overrides(data, path)
        for entry in data.get("year", []):
            year = entry["year"]
            self._years[year] = _YearEntry(frozenset(entry["holidays"]), frozenset(entry["workdays"]), entry["notice"])
            # A later year entry replaces the whole year, earlier single-day fixes included.
            self._days = {d: e for d, e in self._days.items() if d.year != year}
        self._days.update((entry["date"], _DayEntry(entry["working"], entry["notice"], path)) for entry in data.get("day", []))


def render_span(cal: WorkdayCalendar, start: date, end: date, lang: str = "en") -> list[str]:
    """Plain-text listing of ``start < d <= end``: runs of working days numbered,
    rest days and adjusted working days marked, plus a warning for uncertain days.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    from golocheck.i18n import word

    result = cal.span(start, end)
    lines = [word(lang, "span_head", start=start, end=end, count=result.workdays)]
    labels = {WORKDAY: "day_workday", ADJUSTED_WORKDAY: "day_adjusted", WEEKEND: "day_weekend", HOLIDAY: "day_holiday"}
    number = 0
    for first, last, kind, name in _runs(cal, start, end, lang):
        text = word(lang, labels[kind])
        if kind in (WORKDAY, ADJUSTED_WORKDAY):
            length = (last - first).days + 1
            numbers = f"{number + 1}" if length == 1 else f"{number + 1}–{number + length}"
            number += length
            text = word(lang, "span_numbered", text=text, numbers=numbers, plural="s" * (length > 1))
        if name:
            text = word(lang, "span_named", text=text, name=name)
        lines.append(f"  {_format_range(first, last):<17} {text}")

    if result.uncertain:
        span = _format_range(result.uncertain_days[0], result.uncertain_days[-1])
        lines.append("  " + word(lang, "span_uncertain", span=span, year=result.uncertain_days[-1].year + 1))
    return lines


# -- helpers -----------------------------------------------------------------


def _read_toml(path: Path) -> dict:
    import tomllib  # lazily: it costs more import time than the rest of this module

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read override file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CalendarError(f"{path}: invalid TOML: {exc}") from None


def _days_after(start: date, end: date) -> Iterator[date]:
    day = start + _ONE_DAY
    while day <= end:
        yield day
        day += _ONE_DAY


def _runs(cal: WorkdayCalendar, start: date, end: date, lang: str) -> Iterator[tuple[date, date, str, str | None]]:
    """Consecutive days of ``start < d <= end`` with the same (kind, name), as (first, last, kind, name)."""
    first = None
    for d in _days_after(start, end):
        key = (cal.day_kind(d), cal.holiday_name(d, lang))
        if first is None:
            first, last, run_key = d, d, key
        elif key == run_key:
            last = d
        else:
            yield (first, last, *run_key)
            first, last, run_key = d, d, key
    if first is not None:
        yield (first, last, *run_key)


def _format_range(first: date, last: date) -> str:
    if first == last:
        return str(first)
    if first.year != last.year:
        return f"{first}..{last}"
    if first.month != last.month:
        return f"{first}..{last:%m-%d}"
    return f"{first}..{last:%d}"
