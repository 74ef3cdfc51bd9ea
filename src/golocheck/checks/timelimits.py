"""Working-day time limits of one register entry (D004–D007, D010–D012).

Counting convention (docs/deadlines.md): "自…之日起 N 个工作日内" — the start day is not
counted; the N-th working day after it is the last permitted day (the due date), and an
act on that day is in time. Consultation periods are left out of the reply count from the
day the request for opinions is sent to the day the answer arrives, both days included.
A date no calendar covers is never guessed: the entry gets D011 naming the year.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from typing import Iterator

from golocheck.diagnostics import Finding, Location, Severity, Text
from golocheck.registers import Proactive, Request

ONE_DAY = timedelta(days=1)
REPLY_DAYS = {2008: 15, 2019: 20}
REPLY_ARTICLE = {2008: Text("条例(2008) 第二十四条", "Regulations (2008) art. 24"), 2019: Text("条例(2019) 第三十三条", "Regulations (2019) art. 33")}
PROACTIVE_ARTICLE = {2008: Text("条例(2008) 第十八条", "Regulations (2008) art. 18"), 2019: Text("条例(2019) 第二十六条", "Regulations (2019) art. 26")}
WHAT = {
    "proactive": Text("公开期限", "the disclosure deadline"),
    "reply": Text("答复期限", "the reply deadline"),
    "correction": Text("补正告知期限", "the deadline for asking a correction"),
}


class _Clock:
    """Working days after ``start`` (not counted), leaving out ``excluded`` days; remembers
    the furthest day it looked at, for the list of skipped days and provisional days."""

    def __init__(self, cal, start: date, excluded: frozenset[date] = frozenset()) -> None:
        self.cal, self.start, self.excluded, self.seen = cal, start, excluded, start

    # The loops below look at each day in turn (``seen`` is the last one); the calendar's
    # is_workday is asked only for days not left out, in order, so that a day no calendar
    # covers raises NotCovered at the same day as a plain walk would.
    def _workdays(self, last: date) -> list[int] | None:
        """The calendar's working days (ordinals) of the years from the day after ``start``
        to ``last``, when the calendar covers them all (then no day of the walk can raise
        NotCovered); else None, and the walk below is taken."""
        first = self.start + ONE_DAY
        ordinals = getattr(self.cal, "workday_ordinals", None)
        return ordinals(first.year, last.year) if ordinals is not None and first <= last else None

    def _left_out(self, workdays: list[int], after: int, last: int) -> list[int]:
        """The excluded working days d with after < d <= last (ordinals, in order)."""
        return sorted(o for o in map(date.toordinal, self.excluded)
                      if after < o <= last and (i := bisect_left(workdays, o)) < len(workdays) and workdays[i] == o)

    def nth(self, n: int, stop: date) -> date | None:
        """The n-th counted day if it is on or before ``stop``, else None."""
        workdays = self._workdays(stop)
        if workdays is not None and n > 0:
            # the n-th working day after start, pushed on by each excluded working day before it
            after, last = self.start.toordinal(), stop.toordinal()
            left_out, first = self._left_out(workdays, after, last), bisect_right(workdays, after)
            i = first + n - 1
            while i < len(workdays) and (j := first + n - 1 + bisect_right(left_out, workdays[i])) != i:
                i = j
            found = date.fromordinal(workdays[i]) if i < len(workdays) and workdays[i] <= last else None
            reached = found or stop
            if reached > self.seen:
                self.seen = reached
            return found
        day, count = self.start, 0
        excluded, is_workday = self.excluded, self.cal.is_workday
        try:
            while day < stop:
                day += ONE_DAY
                if day not in excluded and is_workday(day):
                    count += 1
                    if count == n:
                        return day
            return None
        finally:
            if day > self.seen:
                self.seen = day

    def between(self, first: date, last: date) -> int:
        """Counted days d with first < d <= last."""
        workdays = self._workdays(last) if first >= self.start else None
        if workdays is not None and first < last:
            low, high = first.toordinal(), last.toordinal()
            if last > self.seen:
                self.seen = last
            return bisect_right(workdays, high) - bisect_right(workdays, low) - len(self._left_out(workdays, low, high))
        count, day = 0, first
        excluded, is_workday = self.excluded, self.cal.is_workday
        try:
            while day < last:
                day += ONE_DAY
                if day not in excluded and is_workday(day):
                    count += 1
            return count
        finally:
            if day > first and day > self.seen:  # the loop looked at days up to ``day``
                self.seen = day


def entry_findings(cal, entry, period: tuple[date, date], settings) -> Iterator[tuple[str, Finding]]:
    from golocheck.workdays import NotCovered

    clocks: list[_Clock] = []
    what = WHAT["proactive"] if isinstance(entry, Proactive) else WHAT["reply"]
    try:
        if isinstance(entry, Proactive):
            yield from _proactive(cal, entry, clocks)
        else:
            what = WHAT["correction"]
            yield from _correction(cal, entry, clocks)
            what = WHAT["reply"]
            yield from _reply(cal, entry, period[1], clocks)
    except NotCovered as exc:
        yield "calendar_not_covered", _not_covered(cal, entry, what, exc.year, settings)
        return
    uncertain = sorted({d for c in clocks for d in cal.uncertain_between(c.start, c.seen)})
    if uncertain:
        span = _range(uncertain[0], uncertain[-1])
        yield "calendar_provisional", Finding(
            entry.pointer, {"entry": entry.label, "span": span, "next_year": uncertain[-1].year + 1},
            label=entry.label, severity=Severity.ERROR if settings.strict_calendar else None)


# -- the entries -------------------------------------------------------------------------


def _proactive(cal, entry: Proactive, clocks) -> Iterator[tuple[str, Finding]]:
    if entry.legal_basis:
        yield "not_evaluated", _not_evaluated(entry, WHAT["proactive"], Text(
            f"法律、法规另有规定的期限（{entry.legal_basis}），从其规定", f"a law or regulation sets another time limit ({entry.legal_basis}), which applies"))
        return
    start, actual = entry.start, entry.published_on
    if actual < start:
        return  # D008 reports the order
    clock = _Clock(cal, start)
    clocks.append(clock)
    due = clock.nth(20, actual)
    if due is not None and due < actual:
        kind = Text("变更", "change") if entry.changed_on else Text("形成", "formation")
        limit = Text(f"自{kind.zh}之日（{start}）起 20 个工作日内公开（{PROACTIVE_ARTICLE[entry.regime].zh}）",
                     f"to be published within 20 working days of its {kind.en} on {start} ({PROACTIVE_ARTICLE[entry.regime].en})")
        yield "proactive_late", _late(cal, clock, entry, f"{entry.pointer}/published_on", limit, due, actual)


def _correction(cal, req: Request, clocks) -> Iterator[tuple[str, Finding]]:
    if req.correction is None or req.regime != 2019 or req.correction[0] < req.received_on:
        return  # the 2008 条例 sets no time limit for asking a correction
    asked = req.correction[0]
    clock = _Clock(cal, req.received_on)
    clocks.append(clock)
    due = clock.nth(7, asked)
    if due is not None and due < asked:
        limit = Text(f"自收到申请之日（{req.received_on}）起 7 个工作日内一次性告知补正（条例(2019) 第三十条）",
                     f"a correction must be asked within 7 working days of receipt on {req.received_on} (Regulations (2019) art. 30)")
        yield "correction_late", _late(cal, clock, req, f"{req.pointer}/correction/asked_on", limit, due, asked)


def _reply(cal, req: Request, end: date, clocks) -> Iterator[tuple[str, Finding]]:
    if req.on_the_spot or (req.abandoned_on is not None and req.answered_on is None):
        return  # answered at once, or no reply is owed
    start = req.received_on
    head = Text(f"自收到申请之日（{start}）起", f"of receipt on {start}")
    if req.correction is not None:
        if req.correction[1] is None:
            if req.answered_on is not None:
                yield "not_evaluated", _not_evaluated(req, WHAT["reply"], Text(
                    "已告知补正但未记录收到补正申请的日期（correction.corrected_received_on），答复期限自该日起算（条例(2019) 第三十条）",
                    "a correction was asked but the day the corrected request arrived (correction.corrected_received_on) is not recorded; the reply period runs from that day (Regulations (2019) art. 30)"))
            return
        start = req.correction[1]
        head = Text(f"自收到补正申请之日（{start}）起（条例(2019) 第三十条）", f"of receipt of the corrected request on {start} (Regulations (2019) art. 30)")
    notes: list[Text] = []
    excluded = yield from _consultations(req, notes)
    if excluded is None:
        return
    actual = req.answered_on
    stop = actual or end
    if stop < start:
        return  # D008 reports the order
    n, article = REPLY_DAYS[req.regime], REPLY_ARTICLE[req.regime]
    clock = _Clock(cal, start, excluded)
    clocks.append(clock)
    total = n
    if req.extension is not None:
        notified = req.extension[1]
        original = clock.nth(n, notified) if notified >= start else None
        if original is not None and original < notified:
            limit = _join(Text(f"{head.zh} {n} 个工作日内答复（{article.zh}），延长答复期限须在此期限内告知申请人",
                               f"reply within {n} working days {head.en} ({article.en}); an extension must be notified within that period"), notes)
            yield "extension_late", _late(cal, clock, req, f"{req.pointer}/extension/notified_on", limit, original, notified)
            notes.append(Text("；延期告知晚于原期限，不计延长", "; the extension was notified too late and does not count"))
        else:
            total = 2 * n
            notes.append(Text(f"，经延长 {n} 个工作日（{notified} 告知）", f", extended by {n} working days (notified on {notified})"))
    due = clock.nth(total, stop)
    if due is not None and due < stop:
        limit = _join(Text(f"{head.zh} {n} 个工作日内答复（{article.zh}）", f"reply within {n} working days {head.en} ({article.en})"), notes)
        pointer = f"{req.pointer}/answered_on" if actual else req.pointer
        yield "reply_late", _late(cal, clock, req, pointer, limit, due, stop, pending=actual is None)


def _join(first: Text, notes: list[Text]) -> Text:
    return Text(first.zh + "".join(t.zh for t in notes), first.en + "".join(t.en for t in notes))


def _consultations(req: Request, notes: list[Text]):
    """Days left out of the reply count (a generator returning the set, or None when unknown)."""
    excluded: set[date] = set()
    for c in req.consultations:
        if req.regime == 2008 and c.kind != "third_party":
            notes.append(Text(f"；征求其他机关意见（{c.sent_on} 起）的时间不扣除：条例(2008) 第二十四条只扣除征求第三方意见的时间",
                              f"; the consultation of another agency from {c.sent_on} is not left out: Regulations (2008) art. 24 leaves out third-party consultations only"))
            continue
        if c.answered_on is None:
            yield "not_evaluated", _not_evaluated(req, WHAT["reply"], Text(
                f"征求意见（{c.sent_on} 发出）未记录收到意见的日期，不计入期限的时间无法确定；未收到意见的，记录期满或决定继续办理之日",
                f"the consultation sent on {c.sent_on} has no answer date, so the time left out of the count is unknown; if no answer came, record the day the period lapsed or the agency went on"))
            return None
        if c.answered_on < c.sent_on:
            continue  # D008 reports the order
        excluded.update(_days(c.sent_on - ONE_DAY, c.answered_on))
        article = "第二十四条" if req.regime == 2008 else ("第三十二条" if c.kind == "third_party" else "第三十四条")
        whom = ("第三方", "a third party") if c.kind == "third_party" else ("其他机关", "another agency")
        span = _range(c.sent_on, c.answered_on)
        notes.append(Text(f"，不计征求{whom[0]}意见期间 {span}（条例({req.regime}) {article}）",
                          f", leaving out the consultation of {whom[1]} {span} (Regulations ({req.regime}) {article})"))
    return frozenset(excluded)


# -- findings ------------------------------------------------------------------------------


def _late(cal, clock: _Clock, entry, pointer: str, limit: Text, due: date, actual: date, pending: bool = False) -> Finding:
    late = clock.between(due, actual)
    actual_text = Text(f"截至 {actual} 仍未答复", f"still unanswered on {actual}") if pending else Text(str(actual), str(actual))
    args = {"entry": entry.label, "limit": limit, "due": str(due), "actual": actual_text, "late": late,
            "days": (actual - due).days, "skipped": skipped_text(cal, clock.start, max(actual, due), clock.excluded)}
    related = (Location(entry.pointer, entry.label),) if pointer != entry.pointer else ()
    return Finding(pointer, args, label=entry.label, related=related)


def _not_evaluated(entry, what: Text, reason: Text) -> Finding:
    return Finding(entry.pointer, {"entry": entry.label, "what": what, "reason": reason}, label=entry.label)


def _not_covered(cal, entry, what: Text, year: int, settings) -> Finding:
    covered = _years_text(sorted(cal.covered_years()))
    files = ", ".join(str(p) for p in settings.calendar_files)
    loaded = Text(f"；已加载的覆盖文件 {files} 也没有 {year} 年", f"; the loaded override files {files} do not cover {year} either") if files else Text("", "")
    return Finding(entry.pointer, {"entry": entry.label, "what": what, "year": year, "covered": covered, "loaded": loaded}, label=entry.label)


def skipped_text(cal, start: date, end: date, excluded: frozenset[date] = frozenset()) -> Text:
    """Rest days and adjusted working days in start < d <= end, for "which days were skipped"."""
    holidays: list[tuple[date, date, list[str], list[str]]] = []
    weekends, adjusted = 0, []
    for day in _days(start, end):
        kind = cal.day_kind(day)
        if kind == "holiday":
            zh, en = cal.holiday_name(day, "zh"), cal.holiday_name(day, "en")
            if holidays and holidays[-1][1] == day - ONE_DAY:
                first, _, names_zh, names_en = holidays[-1]
                holidays[-1] = (first, day, names_zh, names_en)
            else:
                holidays.append((day, day, [], []))
            for names, name in ((holidays[-1][2], zh), (holidays[-1][3], en)):
                if name and name not in names:
                    names.append(name)
        elif kind == "weekend":
            weekends += 1
        elif kind == "adjusted_workday":
            adjusted.append(day)
    zh = ["节假日 " + "、".join(_range(a, b) + ("（" + "、".join(nz) + "）" if nz else "") for a, b, nz, _ in holidays)] if holidays else ["无节假日"]
    en = ["holidays " + ", ".join(_range(a, b) + (" (" + ", ".join(ne) + ")" if ne else "") for a, b, _, ne in holidays)] if holidays else ["no holidays"]
    zh.append(f"周末 {weekends} 天")
    en.append(f"{weekends} weekend day{'s' * (weekends != 1)}")
    if adjusted:
        zh.append(f"调休上班 {'、'.join(map(str, adjusted))} 计为工作日")
        en.append(f"adjusted working day{'s' * (len(adjusted) > 1)} {', '.join(map(str, adjusted))} counted")
    left_out = sum(1 for d in excluded if start < d <= end and cal.is_workday(d))
    if left_out:
        zh.append(f"征求意见期间 {left_out} 个工作日不计")
        en.append(f"{left_out} working day{'s' * (left_out != 1)} of consultation left out")
    first = start + ONE_DAY
    return Text(f"{first} 至 {end} 期间不计：" + "，".join(zh), f"Not counted from {first} to {end}: " + "; ".join(en))


def _days(start: date, end: date) -> Iterator[date]:
    day = start + ONE_DAY
    while day <= end:
        yield day
        day += ONE_DAY


def _range(first: date, last: date) -> str:
    if first == last:
        return str(first)
    if first.year != last.year:
        return f"{first}..{last}"
    return f"{first}..{last:%m-%d}" if first.month != last.month else f"{first}..{last:%d}"


def _years_text(years: list[int]) -> str:
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
