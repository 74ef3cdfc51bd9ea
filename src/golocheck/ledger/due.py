"""``golocheck register LEDGER --due``: every open request, its due date and the working days left.

An open request is one with neither an answer (or an answer on the spot) nor a day it was
deemed abandoned. Its due date is counted as the deadline rules count it (checks/timelimits):
the 20th working day after receipt — after the corrected request arrived, when a correction
was asked; 40 when an extension was notified in time; consultation days left out. A request
still waiting for a consultation's answer, or for its correction, has no due date yet and
says so. Working days left: those after today up to and including the due date; a request
past its due date is late (the exit code is then 1, as a linter's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from golocheck.diagnostics import Text
from golocheck.registers import _request

_NO_CORRECTION = Text("待补正（未记录收到补正日期）", "waiting for the corrected request (no date recorded)")
_CONSULTING = Text("征求意见中（期间不计入答复期限）", "consultation under way (its days do not count)")


@dataclass(frozen=True)
class Open:
    row: int
    id: str
    received_on: date
    due: date | None
    left: int | None  # working days after today up to the due date; negative: late by that many
    note: Text  # why there is no due date, or what the count includes

    @property
    def late(self) -> bool:
        return self.left is not None and self.left < 0


def open_requests(layout, cal, today: date) -> list[Open]:
    from golocheck.checks.timelimits import REPLY_DAYS, _Clock, _days
    from golocheck.ledger.convert import entries

    found, places, _ = entries(layout, None, 0)
    result = []
    for i, entry in enumerate(found):
        req = _request(entry, f"/registers/requests/{i}")
        if req is None or req.closed_on is not None:
            continue
        row = places[req.pointer].row
        start, notes = req.received_on, []
        if req.correction is not None:
            if req.correction[1] is None:
                result.append(Open(row, req.id, req.received_on, None, None, _NO_CORRECTION))
                continue
            start = req.correction[1]
            notes.append(Text(f"自收到补正 {start} 起", f"from the corrected request on {start}"))
        excluded: set[date] = set()
        pending = False
        for c in req.consultations:
            if c.answered_on is None:
                pending = True
                break
            excluded.update(_days(c.sent_on - date.resolution, c.answered_on))
        if pending:
            result.append(Open(row, req.id, req.received_on, None, None, _CONSULTING))
            continue
        n = REPLY_DAYS[req.regime]
        clock = _Clock(cal, start, frozenset(excluded))
        original = clock.nth(n, start + timedelta(days=400))
        due = original
        if req.extension is not None and req.extension[1] <= original:
            due = clock.nth(2 * n, start + timedelta(days=400))
            notes.append(Text(f"已延期（{req.extension[1]} 告知）", f"extended (notified on {req.extension[1]})"))
        if excluded:
            notes.append(Text("征求意见期间不计", "consultation days left out"))
        left = clock.between(today, due) if due >= today else -clock.between(due, today)
        note = Text("，".join(n.zh for n in notes), "; ".join(n.en for n in notes))
        result.append(Open(row, req.id, req.received_on, due, left, note))
    return result


def render(layout, rows: list[Open], today: date, lang: str) -> str:
    """A tab-separated table (one line per open request) and a summary line."""
    from golocheck.i18n import word

    lines = ["\t".join(word(lang, "due_headers").split("|"))]
    for r in rows:
        left = "—" if r.due is None else (word(lang, "due_late", n=-r.left) if r.late else str(r.left))
        lines.append("\t".join((str(r.row), r.id, str(r.received_on), str(r.due) if r.due else "—", left, r.note.get(lang))))
    lines.append(word(lang, "due_summary", where=layout.where, today=today, open=len(rows), late=sum(r.late for r in rows)))
    return "\n".join(lines) + "\n"
