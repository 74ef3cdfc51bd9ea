"""Registers against the report: dates inside the period and in order (D008), and the request
register against the 申请 table or the gov-2014 依申请 rows (D009). No calendar needed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Iterator

from golocheck.checks.arithmetic import number_text
from golocheck.diagnostics import Finding, Location, Text
from golocheck.registers import FIELD_LABELS, Registers, Request, result_rows

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
# gov-2014 statistics rows by channel (条例(2019) 第三十一条 channels; 邮寄 and 平常信函 are letters)
_CHANNEL_ROWS = {"当面": "requests_in_person", "传真": "requests_fax", "网络": "requests_online", "邮寄": "requests_letter", "平常信函": "requests_letter"}


def table_findings(ctx, requests: tuple[Request, ...], period: tuple[date, date]) -> Iterator[Finding]:
    start, end = period
    rows = result_rows(ctx.format)
    closed = [r for r in requests if r.closed_on is not None and start <= r.closed_on <= end]
    pending = [r for r in requests if r.closed_on is None or r.closed_on > end]
    new = [r for r in requests if start <= r.received_on <= end]
    for req in closed:
        if req.result is not None and req.result not in rows:
            yield Finding(f"{req.pointer}/result", {"what": Text(f"{req.label.zh} 的办理结果“{req.result}”", f"the result “{req.result}” of {req.label.en}"),
                                                    "detail": Text(f"不是 {ctx.format.id} 格式可填的办理结果行，无法与表核对", f"is not a result row of format {ctx.format.id}; it cannot be compared with the table")},
                          label=req.label)
    results = Counter(r.result for r in closed)
    span = Text(f"{start} 至 {end}", f"{start} to {end}")
    if ctx.format.table("requests") is not None:
        counts = [("new", len(new), Text(f"{span.zh} 收到", f"received {span.en}")),
                  ("carried_over", sum(r.received_on < start for r in requests), Text(f"{start} 前收到", f"received before {start}")),
                  *((row, results[row], Text("办结", "closed")) for row in rows),
                  ("results_total", len(closed), Text(f"{span.zh} 办结", f"closed {span.en}")),
                  ("carried_forward", len(pending), Text(f"截至 {end} 未办结", f"open on {end}"))]
        yield from _compare(ctx, [(f"requests.{row}.total", n, how) for row, n, how in counts])
    elif ctx.format.table("statistics") is not None:
        yield from _compare(ctx, _statistics_counts(requests, new, closed, span))


def _statistics_counts(requests, new, closed, span: Text):
    """gov-2014: 收到申请数 and its channels, 办结数, 延期办结数, the reply rows."""
    counts = [("statistics.requests_received", len(new), Text(f"{span.zh} 收到", f"received {span.en}"))]
    by_row = Counter(_CHANNEL_ROWS.get(r.channel) for r in new)
    counts += [(f"statistics.{row}", by_row[row], Text(f"{span.zh} 收到", f"received {span.en}")) for row in dict.fromkeys(_CHANNEL_ROWS.values())]
    counts.append(("statistics.requests_closed", len(closed), Text(f"{span.zh} 办结", f"closed {span.en}")))
    counts.append(("statistics.closed_extended", sum(r.extension is not None for r in closed), Text("办结且延期", "closed after an extension")))
    results = Counter(r.result for r in closed)
    refused = sum(n for row, n in results.items() if row and row.startswith("refused_"))
    for row in ("reply_already_public", "reply_disclosed", "reply_partly_disclosed", "reply_refused", "reply_not_this_agency",
                "reply_not_exist", "reply_asked_to_amend", "reply_other_channel"):
        counts.append((f"statistics.{row}", results[row] + (refused if row == "reply_refused" else 0), Text("办结", "closed")))
    if not results["reply_refused"]:  # every refusal names its reason: compare the reason rows too
        counts += [(f"statistics.{row}", results[row], Text("办结", "closed")) for row in
                   ("refused_state_secret", "refused_commercial_secret", "refused_privacy", "refused_security_stability",
                    "refused_not_government_info", "refused_other_law")]
    return counts


def _compare(ctx, counts) -> Iterator[Finding]:
    for cell_id, registered, how in counts:
        if cell_id not in ctx.format.cell_map:
            continue
        value = ctx.cell(cell_id)
        if not value.usable or value.number == registered:
            continue
        shown = number_text(value.number)
        yield Finding(value.cell.pointer, {"what": value.cell.short, "detail": Text(
            f"登记册中 {registered} 件（{how.zh}），表中 {shown} 件", f"{registered} in the register ({how.en}), {shown} in the table")},
            label=value.cell.label, related=(_REGISTER,))
