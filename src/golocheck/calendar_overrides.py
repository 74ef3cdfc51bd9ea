"""Validation of working-day calendar override files (TOML, ``--calendar FILE``).

The file's shape is a pydantic model, so unknown keys, wrong types and bad dates
are found by one declaration instead of hand-written checks. The first problem
becomes a one-line :class:`~golocheck.workdays.CalendarError` naming the file,
the entry and the key, e.g. ``overrides.toml: [[day]] #1: missing key 'notice'``.

This module imports pydantic, which costs start-up time: golocheck imports it
only when a user override file is given (see ``WorkdayCalendar``). The format
is described in docs/working-days.md.
"""

# No ``from __future__ import annotations``: the field named ``date`` would
# shadow the type when pydantic resolves string annotations.

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

__all__ = ["OverrideFile", "validate_overrides"]


def _to_date(value: object) -> date:
    """A TOML date (2027-01-01) or the string "2027-01-01"; not a datetime, not a timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{_shown(value)} is not a date (YYYY-MM-DD)")


def _to_notice(value: str) -> str:
    if not value.strip():
        raise ValueError("must name the State Council notice (a non-empty string)")
    return value.strip()


Day = Annotated[date, PlainValidator(_to_date)]
Notice = Annotated[StrictStr, AfterValidator(_to_notice)]


def _first_duplicate(items):
    seen = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DayOverride(_Table):
    """``[[day]]``: corrects one day of a year some source already covers."""

    date: Day
    working: StrictBool
    notice: Notice


class YearOverride(_Table):
    """``[[year]]``: a whole year. Weekdays not in ``holidays`` are working days, weekend
    days not in ``workdays`` are rest days."""

    year: Annotated[StrictInt, Field(ge=1, le=9998)]
    notice: Notice
    holidays: list[Day]
    workdays: list[Day]

    @model_validator(mode="after")
    def _consistent(self) -> "YearOverride":
        for key in ("holidays", "workdays"):
            days = getattr(self, key)
            for d in days:
                if d.year != self.year:
                    raise ValueError(f"'{key}': {d} is not in {self.year}")
            if (twice := _first_duplicate(days)) is not None:
                raise ValueError(f"'{key}': {twice} listed twice")
        for d in self.workdays:
            if d.weekday() < 5:
                raise ValueError(f"'workdays': {d} is a {d:%A}; list only weekend days that are worked (调休上班)")
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise ValueError(f"'holidays' and 'workdays': {both[0]} is in both holidays and workdays")
        return self


class OverrideFile(_Table):
    year: list[YearOverride] = []
    day: list[DayOverride] = []

    @model_validator(mode="after")
    def _no_repeats(self) -> "OverrideFile":
        # A date or year given twice in one file is almost always a typo.
        for kind, keys in (("year", [y.year for y in self.year]), ("day", [d.date for d in self.day])):
            if (twice := _first_duplicate(keys)) is not None:
                raise ValueError(f"[[{kind}]] {twice} appears twice")
        return self


def validate_overrides(data: dict[str, Any], path: Path) -> dict[str, list[dict[str, Any]]]:
    """The parsed TOML of ``path``, validated and normalised (dates as ``date``, notices stripped).

    Returns the plain shape the calendar applies: ``{"year": [...], "day": [...]}``.
    Raises ``CalendarError`` with one line on the first problem.
    """
    from golocheck.workdays import CalendarError

    try:
        model = OverrideFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        more = f" (and {len(errors) - 1} more problem{'s' * (len(errors) > 2)})" if len(errors) > 1 else ""
        raise CalendarError(f"{path}: {_describe(errors[0], data)}{more}") from None
    return model.model_dump()


# -- error messages -----------------------------------------------------------------

_MODELS = {"year": YearOverride, "day": DayOverride}

# pydantic's wording replaced where the format has a more useful one
_PHRASES = {
    "bool_type": "must be true or false",
    "int_type": "must be an integer year",
    "greater_than_equal": "must be an integer year",
    "less_than_equal": "must be an integer year",
    "string_type": "must be a string",
    "list_type": "must be a list of dates",
}


def _describe(error: dict, data: dict) -> str:
    loc, kind = error["loc"], error["type"]
    if not loc:  # the file-level check (a repeated entry)
        return _reason(error)
    table = str(loc[0])
    if len(loc) == 1:
        if kind == "extra_forbidden":
            return f"top level: unknown key '{table}' (allowed: year, day)"
        return f"'{table}' must be an array of tables ([[{table}]])"
    where = _entry(table, loc[1], data)
    if len(loc) == 2:
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            return f"{where}: must be a table ([[{table}]])"
        return f"{where}: {_reason(error)}"  # the entry's own consistency check
    key = str(loc[2])
    if kind == "missing":
        return f"{where}: missing key '{key}'"
    if kind == "extra_forbidden":
        allowed = ", ".join(_MODELS[table].model_fields)
        return f"{where}: unknown key '{key}' (allowed: {allowed})"
    item = f" item {loc[3] + 1}" if len(loc) > 3 and isinstance(loc[3], int) else ""
    reason = _reason(error)
    if kind in _PHRASES:
        reason += f", got {_shown(error.get('input'))}"
    return f"{where} '{key}'{item}: {reason}"


def _reason(error: dict) -> str:
    if error["type"] == "value_error":  # our own validators: their message, without pydantic's prefix
        return str(error["ctx"]["error"])
    return _PHRASES.get(error["type"], error["msg"])


def _entry(table: str, index, data: dict) -> str:
    """``[[year]] 2027`` / ``[[day]] 2005-12-31`` where the entry's key reads well, else ``#n``."""
    try:
        raw = data[table][index][{"year": "year", "day": "date"}[table]]
    except (KeyError, IndexError, TypeError):
        raw = None
    if table == "year" and isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 9998:
        return f"[[year]] {raw}"
    if table == "day":
        try:
            return f"[[day]] {_to_date(raw)}"
        except ValueError:
            pass
    return f"[[{table}]] #{index + 1}"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
