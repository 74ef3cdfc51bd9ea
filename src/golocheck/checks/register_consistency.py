"""Registers against the report: dates inside the period and in order (D008), and the request
register against the table rows its format marks with ``register`` (D009). No calendar needed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Iterator

from golocheck.checks.arithmetic import number_text
from golocheck.diagnostics import Finding, Location, Text
from golocheck.registers import FIELD_LABELS, Registers, Request, register_rows, result_rows

# Dates that close a request: they belong to the year they fall in.
_CLOSING = {"answered_on", "deemed_abandoned_on"}
# (earlier, later) pairs within one request, by field key
_ORDER = [("extension/approved_on", "extension/notified_on"), ("correction/asked_on", "correction/corrected_received_on"),
          ("correction/corrected_received_on", "answered_on"), ("correction/asked_on", "deemed_abandoned_on")]


def _problem(zh: str, en: str) -> Text:
    return Text(zh, en)


def date_findings(registers: Registers, period: tuple[date, date], published: date | None) -> Iterator[Finding]:
    start, end = period
    for entry in registers.proactive or ():
        by_key = {key: (pointer, value) for pointer, key, value in entry.dates}
        for pointer, key, value in entry.dates:
            problem = None
            if key == "published_on" and value < start:
                problem = _problem(f"早于统计期限起始日 {start}", f"is before the start of the reporting period, {start}")
            elif key in ("formed_on", "changed_on") and value > entry.published_on:
                problem = _problem(f"晚于该信息的公开日期 {entry.published_on}", f"is after the day it was published, {entry.published_on}")
            elif key == "changed_on" and "formed_on" in by_key and value < by_key["formed_on"][1]:
                problem = _problem(f"早于形成日期 {by_key['formed_on'][1]}", f"is before the day it was formed, {by_key['formed_on'][1]}")
            problem = problem or _outside(value, end, published)
            if problem:
                yield _finding(entry.label, pointer, key, value, problem)
    for req in registers.requests or ():
        yield from _request_dates(req, start, end, published)


def _request_dates(req: Request, start: date, end: date, published: date | None) -> Iterator[Finding]:
    by_key = {key: value for _, key, value in req.dates}
    for pointer, key, value in req.dates:
        problem = None
        if key != "received_on" and value < req.received_on:
            problem = _problem(f"早于收到申请日期 {req.received_on}", f"is before the request was received, {req.received_on}")
        elif key in _CLOSING and value < start:
            problem = _problem(f"早于统计期限起始日 {start}（上一年度办结的申请不属于本年度登记）", f"is before the reporting period starts, {start} (requests closed last year belong to last year's register)")
        elif key == "deemed_abandoned_on" and "answered_on" in by_key:
            problem = _problem(f"与答复日期 {by_key['answered_on']} 并存：申请或者答复，或者视为放弃", f"and the answer date {by_key['answered_on']} are both given: a request is answered or deemed abandoned, not both")
        elif key == "answered_on" and req.on_the_spot and value != req.received_on:
            problem = _problem(f"与当场答复（收到申请之日 {req.received_on}）矛盾", f"contradicts the answer on the spot (received on {req.received_on})")
        elif key == "consultation_answered_on":
            sent = next(c.sent_on for c in req.consultations if pointer.startswith(c.pointer + "/"))
            if value < sent:
                problem = _problem(f"早于发出征求意见的日期 {sent}", f"is before the consultation was sent, {sent}")
        for earlier, later in _ORDER:
            if problem is None and key == later and earlier in by_key and value < by_key[earlier]:
                problem = _problem(f"早于{FIELD_LABELS[earlier].zh} {by_key[earlier]}", f"is before {FIELD_LABELS[earlier].en} {by_key[earlier]}")
        problem = problem or _outside(value, end, published)
        if problem:
            yield _finding(req.label, pointer, key, value, problem)


def _outside(value: date, end: date, published: date | None) -> Text | None:
    if value > end:
        return _problem(f"晚于统计期限截止日 {end}", f"is after the end of the reporting period, {end}")
    if published is not None and value > published:
        return _problem(f"晚于年度报告的发布日期 {published}", f"is after the report was published, {published}")
    return None


def _finding(entry: Text, pointer: str, key: str, value: date, problem: Text) -> Finding:
    label = FIELD_LABELS[key]
    return Finding(pointer, {"entry": entry, "field": label, "value": str(value), "problem": problem},
                   label=Text(f"{entry.zh} {label.zh}", f"{entry.en}: {label.en}"))


# -- the register against the table -------------------------------------------------------

_REGISTER = Location("/registers/requests", Text("依申请公开登记册", "request register"))


def table_findings(ctx, requests: tuple[Request, ...], period: tuple[date, date]) -> Iterator[Finding]:
    """The register against the rows the format marks with ``register`` (see the format files)."""
    start, end = period
    rows = result_rows(ctx.format)
    closed = [r for r in requests if r.closed_on is not None and start <= r.closed_on <= end]
    for req in closed:
        if req.result is not None and req.result not in rows:
            yield Finding(f"{req.pointer}/result", {"what": Text(f"{req.label.zh} 的办理结果“{req.result}”", f"the result “{req.result}” of {req.label.en}"),
                                                    "detail": Text(f"不是 {ctx.format.id} 格式可填的办理结果行，无法与表核对", f"is not a result row of format {ctx.format.id}; it cannot be compared with the table")},
                          label=req.label)
    yield from _compare(ctx, list(_counts(ctx.format, requests, closed, period, rows)))


def applicant_findings(ctx, requests: tuple[Request, ...], period: tuple[date, date]) -> Iterator[Finding]:
    """The register against each applicant column of the table (自然人, 商业企业, …): the same
    counts as D009's, of the requests of that applicant kind (L010). Only a register whose
    every request names its applicant kind can be counted by column; one where some do not
    gets one finding saying how many, on the register."""
    fmt = ctx.format
    tables = [t for t in fmt.tables if t.register_column is not None and len(t.columns) > 1]
    if not tables or not requests or all(r.applicant is None for r in requests):
        return
    unnamed = [r for r in requests if r.applicant is None]
    if unnamed:
        yield Finding(_REGISTER.pointer, {"what": _REGISTER.label, "detail": Text(
            f"{len(unnamed)} 件申请未写申请人类型，无法按申请人类型与表核对", f"{len(unnamed)} requests do not name their applicant kind, so the table cannot be compared by applicant kind")},
            label=_REGISTER.label, related=tuple(Location(r.pointer, r.label) for r in unnamed))
        return
    start, end = period
    rows = result_rows(fmt)
    for table in tables:
        for column_id, _ in table.columns:
            if column_id == table.register_column:
                continue
            mine = tuple(r for r in requests if r.applicant == column_id)
            closed = [r for r in mine if r.closed_on is not None and start <= r.closed_on <= end]
            counts = [(f"{table.id}.{cell_id.split('.')[1]}.{column_id}", members, how)
                      for cell_id, members, how in _counts(fmt, mine, closed, period, rows) if cell_id.startswith(f"{table.id}.")]
            yield from _compare(ctx, counts)


def _counts(fmt, requests, closed, period, rows) -> Iterator[tuple[str, list[Request], Text]]:
    """(cell id, the requests the register counts there, how they were counted) for every
    register row of the format."""
    start, end = period
    span = Text(f"{start} 至 {end}", f"{start} to {end}")
    new = [r for r in requests if start <= r.received_on <= end]
    results = Counter(r.result for r in closed)
    parts_of = {}  # result row -> the result rows added into it (其中 rows)
    for cell_id, row in register_rows(fmt):
        if row.register == "result" and row.part_of in rows:
            parts_of.setdefault(row.part_of, []).append(row.id)
    received, how_closed = Text(f"{span.zh} 收到", f"received {span.en}"), Text("办结", "closed")
    for cell_id, row in register_rows(fmt):
        role = row.register
        if role == "result":
            if results[None]:
                continue  # closed requests without their result could be in any result row (a ledger without the column says so once)
            if row.part_of in rows and results[row.part_of]:
                continue  # some requests give only the whole result: its breakdown is unknown
            wanted = {row.id, *parts_of.get(row.id, ())}
            yield cell_id, [r for r in closed if r.result in wanted], how_closed
        elif role == "received":
            yield cell_id, new, received
        elif role == "received_before":
            yield cell_id, [r for r in requests if r.received_on < start], Text(f"{start} 前收到", f"received before {start}")
        elif role == "closed":
            yield cell_id, closed, Text(f"{span.zh} 办结", f"closed {span.en}")
        elif role == "open":
            yield cell_id, [r for r in requests if r.closed_on is None or r.closed_on > end], Text(f"截至 {end} 未办结", f"open on {end}")
        elif role == "closed_after_extension":
            yield cell_id, [r for r in closed if r.extension is not None], Text("办结且延期", "closed after an extension")
        else:  # {received_via: [channels]}
            if any(r.channel is None for r in new):
                continue  # a request of unknown channel could be in any of these rows (a ledger without the column says so once)
            yield cell_id, [r for r in new if r.channel in role["received_via"]], received


def _compare(ctx, counts) -> Iterator[Finding]:
    """A finding for each cell whose number is not the register's count; its related places
    are the register's entries counted there (a ledger's rows), or the register itself."""
    for cell_id, members, how in counts:
        if cell_id not in ctx.format.cell_map:
            continue
        value = ctx.cell(cell_id)
        registered = len(members)
        if not value.usable or value.number == registered:
            continue
        shown = number_text(value.number)
        related = tuple(Location(r.pointer, r.label) for r in members) or (_REGISTER,)
        yield Finding(value.cell.pointer, {"what": value.cell.short, "detail": Text(
            f"登记册中 {registered} 件（{how.zh}），表中 {shown} 件", f"{registered} in the register ({how.en}), {shown} in the table")},
            label=value.cell.label, related=related)
