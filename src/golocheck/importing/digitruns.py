"""Tables flattened into runs of digits (web-page text: "申请数量640020470" holds several
cells): which readings of a run the format's own relations allow.

A run is split only when exactly one reading satisfies the relations; otherwise its
cells stay absent (not blank) and a diagnostic lists the readings. A relation used to
read cells says nothing about the document afterwards: it is reported as not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Run:
    """One row's run: the format row its label was anchored to, the digits as printed,
    the printed label that follows it (its ordinal may have stuck to the run), and where."""

    row: str
    digits: str
    next_label: str | None
    place: Any


@dataclass
class RunReading:
    cells: dict[tuple[str, str], int] = field(default_factory=dict)  # (row id, column id) -> figure
    unread: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)  # row id -> its readings
    used: list[str] = field(default_factory=list)  # codes of the rules whose relation read cells
    problems: list = field(default_factory=list)  # loading.Problem, codes I03x


def read_runs(fmt, table, runs: list[Run]) -> RunReading:
    """Placeholder until the reader of digit runs lands: every run is left unread."""
    return RunReading(unread={run.row: [] for run in runs})
