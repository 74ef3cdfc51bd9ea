"""Time limits: the report's publication deadline (D001–D003) and the registers' deadlines (D004–D012).

The publication deadline is a calendar date (no working days, no weekend roll-over).
Register deadlines are counted in working days with :class:`golocheck.workdays.WorkdayCalendar`,
built once per set of override files and imported only when a register has a date to count.
One evaluation per report produces the findings of every register rule; each rule's
``params.finding`` picks its share. See docs/deadlines.md.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Iterator
from weakref import WeakKeyDictionary

from golocheck.diagnostics import Finding, Location, Severity, Text
from golocheck.registers import parse_date as _parse
from golocheck.registers import read_registers

from golocheck.settings import ISSUER_KIND_BY_ZH, ISSUER_KINDS

REGISTER_FINDINGS = (
    "proactive_late", "reply_late", "extension_late", "correction_late", "register_date",
    "register_table", "register_table_by_applicant", "not_evaluated", "calendar_not_covered", "calendar_provisional",
)
PUBLICATION_FINDINGS = ("late", "missing", "early")


# -- publication of the report (D001–D003) -----------------------------------------------


def parse_local_deadline(kind: str, value: object) -> tuple[int, int]:
    """("人民政府", "03-01") -> (3, 1); ValueError with a one-line message otherwise.
    The command line should call this when it reads the configuration."""
    if kind not in ISSUER_KINDS:
        raise ValueError(f"local deadline for unknown issuer kind {kind!r} (known: {', '.join(ISSUER_KINDS)})")
    try:
        month, day = (int(part) for part in str(value).split("-"))
        if len(str(value)) != 5 or (month, day) == (2, 29):
            raise ValueError
        date(2001, month, day)
    except ValueError:
        raise ValueError(f"local deadline for {kind} must be MM-DD (not 02-29), got {value!r}") from None
    return month, day


def statutory_deadline(year: int, kind: str | None) -> tuple[date, Text] | None:
    """The last day the law allows for publishing the report of ``year``, and the provision."""
    if year <= 2018:
        return date(year + 1, 3, 31), Text("条例(2008) 第三十一条：每年3月31日前", "Regulations (2008) art. 31: by 31 March")
    known = ISSUER_KIND_BY_ZH.get(kind) if isinstance(kind, str) else None
    if known is None or known.deadline is None:
        return None  # art. 49 sets no date for this kind (NO_DEADLINE says so)
    month, day = known.deadline
    return date(year + 1, month, day), Text(*known.deadline_basis)


NO_DEADLINE = "M007"  # a kind of issuer art. 49 sets no publication date for


def _report_year(ctx) -> int | None:
    return ctx.report_year()


class PublicationDate:
    """params.finding: late (D001), missing (D002) or early (D003)."""

    params_schema = {"type": "object", "properties": {"finding": {"enum": list(PUBLICATION_FINDINGS)}}, "required": ["finding"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        year, kind = _report_year(ctx), ctx.meta("issuer_kind")
        kind = kind if isinstance(kind, str) else None  # any other value is the schema's to report (F007)
        raw = ctx.meta("published_on")
        deadline = statutory_deadline(year, kind) if year is not None else None
        label = Text("发布日期", "publication date")
        finding = rule.params["finding"]
        if finding == "missing":
            if raw is None:
                text = (Text(f"最迟应于 {deadline[0]} 公布（{deadline[1].zh}）", f"due by {deadline[0]} ({deadline[1].en})")
                        if deadline else Text("期限取决于报告年度和机关类型", "the deadline depends on the report year and issuer kind"))
                yield Finding("/metadata", {"deadline": text}, label=label)
            return
        published = _parse(raw)
        if published is None or year is None:
            return
        if finding == "early":
            if published <= date(year, 12, 31):
                yield Finding("/metadata/published_on", {"published": str(published), "year_end": f"{year}-12-31", "year": year}, label=label)
            return
        if deadline is None:
            if kind not in ISSUER_KIND_BY_ZH:
                return  # the schema reports an unknown kind (F007)
            local = _local_deadline(ctx, kind, year)
            if local is None:
                # never a silent pass: no article sets a date for this kind of issuer
                yield Finding("/metadata/published_on", {"kind": kind, "why": Text(*ISSUER_KIND_BY_ZH[kind].deadline_basis)},
                              label=label, related=(Location("/metadata/issuer_kind", Text("机关类型", "issuer kind")),), rule=NO_DEADLINE)
            elif published > local[0]:
                yield Finding("/metadata/published_on", {"published": str(published), "due": str(local[0]), "deadline": local[1], "days": (published - local[0]).days,
                                                         "note": Text(f"（{kind}没有法定期限）", f" ({kind}: no statutory deadline)")},
                              label=label, severity=Severity.WARNING)
            return
        due, provision = deadline
        local = _local_deadline(ctx, kind, year)
        if published > due:
            note = Text(f"；另配置的本地期限为 {local[0]}", f"; the configured local deadline is {local[0]}") if local and local[0] < due else Text("", "")
            inferred = kind_inferred(ctx) and year >= 2019
            if inferred:  # the deadline depends on a kind read from the name: not proven
                note = Text(note.zh + f"；期限取决于机关类型“{kind}”，它是由名称推断的", note.en + f"; the deadline depends on the issuer kind “{kind}”, inferred from the name")
            yield Finding("/metadata/published_on", {"published": str(published), "due": str(due), "deadline": provision, "days": (published - due).days, "note": note},
                          label=label, severity=Severity.WARNING if inferred else None)
        elif local and local[0] < due and published > local[0]:
            # on time by law, late by the stricter local rule: a warning
            yield Finding("/metadata/published_on", {"published": str(published), "due": str(local[0]), "deadline": local[1], "days": (published - local[0]).days,
                                                     "note": Text(f"（法定期限 {due} 已遵守）", f" (the statutory deadline {due} was met)")},
                          label=label, severity=Severity.WARNING)


def kind_inferred(ctx) -> bool:
    """The report's issuer kind was read from the issuer's name, not stated (metadata.issuer_kind_inferred)."""
    return ctx.meta("issuer_kind_inferred") is True


def _local_deadline(ctx, kind, year) -> tuple[date, Text] | None:
    value = ctx.settings.local_deadlines.get(kind) if kind in ISSUER_KINDS else None
    if value is None:
        return None
    month, day = parse_local_deadline(kind, value)
    return date(year + 1, month, day), Text(f"本地期限（配置 local_deadlines.{kind} = {value}）", f"local deadline (configured local_deadlines.{kind} = {value})")


# -- registers (D004–D012) ------------------------------------------------------------------


class RegisterDeadlines:
    """params.finding: one of REGISTER_FINDINGS; all come from one evaluation per report."""

    params_schema = {"type": "object", "properties": {"finding": {"enum": list(REGISTER_FINDINGS)}}, "required": ["finding"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        wanted = rule.params["finding"]
        try:
            found = evaluate(ctx)
        except _calendar_error():
            # A broken calendar override file: reported once, through the calendar rule (X001
            # naming it, with the file's problem), not once per register rule. The command
            # line checks override files before it runs, so only library callers get here.
            # Anything else a register rule raises is a bug, and the engine reports it (X001).
            if wanted == "calendar_not_covered":
                raise
            return []
        return [finding for key, finding in found if key == wanted]


_EVALUATIONS: WeakKeyDictionary = WeakKeyDictionary()


def _calendar_error() -> type[Exception]:
    """golocheck.workdays.CalendarError. Python evaluates an ``except`` clause only when an
    exception reaches it, so calling this there keeps the calendar unimported for reports
    without register dates."""
    from golocheck.workdays import CalendarError

    return CalendarError


def evaluate(ctx) -> list[tuple[str, Finding]]:
    """Every register finding of the report, as (params.finding key, Finding); cached per context
    (a CalendarError is cached too and raised again: the override files do not change)."""
    if ctx not in _EVALUATIONS:
        try:
            _EVALUATIONS[ctx] = list(_evaluate(ctx))
        except _calendar_error() as exc:
            _EVALUATIONS[ctx] = exc
    result = _EVALUATIONS[ctx]
    if isinstance(result, Exception):
        raise result
    return result


def _period(ctx) -> tuple[date, date] | None:
    period = ctx.meta("period")
    if isinstance(period, dict):
        start, end = _parse(period.get("start")), _parse(period.get("end"))
        if start and end and start <= end:
            return start, end
    year = _report_year(ctx)
    return (date(year, 1, 1), date(year, 12, 31)) if year is not None else None


def _evaluate(ctx) -> Iterator[tuple[str, Finding]]:
    registers = read_registers(ctx.data)
    period = _period(ctx)
    if registers is None or period is None:
        return
    from golocheck.checks.register_consistency import applicant_findings, date_findings, table_findings

    published = _parse(ctx.meta("published_on"))
    yield from (("register_date", f) for f in date_findings(registers, period, published))
    if ctx.format is not None and registers.requests is not None:
        yield from (("register_table", f) for f in table_findings(ctx, registers.requests, period))
        yield from (("register_table_by_applicant", f) for f in applicant_findings(ctx, registers.requests, period))
    entries = [*(registers.proactive or ()), *(registers.requests or ())]
    if not entries:
        return
    from golocheck.checks.timelimits import entry_findings

    cal = calendar(tuple(ctx.settings.calendar_files))
    for entry in entries:
        yield from entry_findings(cal, entry, period, ctx.settings)


@lru_cache(maxsize=8)
def calendar(files: tuple):
    """One WorkdayCalendar per set of override files (building one reads chinesecalendar's tables)."""
    from golocheck.workdays import WorkdayCalendar

    return WorkdayCalendar(files)
