"""CPU time per report of the table side of the rules, in-process: the relation kinds (sum,
balance, at_most, sum_at_least), the cell kinds (cell_value, empty_table), the register
deadlines, the diagnosis stage and the stamp stage, each on a fresh Context per repetition.

    python benchmarks/table_side.py DIR [REPEAT]

DIR holds the reports (benchmarks/batch.py writes such a folder). Every rule runs once first,
untimed, so that the stamp stage has every finding; then each part is timed REPEAT times
(default 3) and the least CPU time is printed, in ms per report. Run it side by side with an
older tree (PYTHONPATH=OLD/src) and compare the ratios: the machine may be shared.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date

from golocheck import pipeline
from golocheck.catalogue import load_catalogue
from golocheck.checks.context import Context
from golocheck.engine import Selection, always_reported
from golocheck.loading import load_text
from golocheck.settings import CheckSettings

KINDS = ("sum", "balance", "at_most", "sum_at_least", "cell_value", "empty_table", "register_deadlines")


def main(folder: str, repeat: int) -> None:
    rules = load_catalogue()
    states = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as handle:
            raw = handle.read()
        state = pipeline.ReportState(load_text(name, raw), rules, Selection(), CheckSettings(), None, (), date.today(),
                                     always_reported(rules))
        for stage in pipeline.STAGES:
            if stage is pipeline.rules:
                break
            state = stage(state)
        states.append(state)
    for state in states:  # every finding, for the stamp stage
        pipeline.rules(state)
        pipeline.diagnosis(state)
    findings = [list(state.findings) for state in states]
    times: dict[str, list[float]] = {}
    for _ in range(repeat):
        spent = dict.fromkeys(KINDS, 0.0)
        for state in states:
            if state.context is not None:
                state.context = Context(state.loaded.data, state.format, previous=state.last_year, settings=state.settings)
        for state in states:
            for rule, check in pipeline._applicable(state, diagnosis=False):
                if rule.check in spent:
                    start = time.process_time()
                    for _ in check.run(state.context, rule):
                        pass
                    spent[rule.check] += time.process_time() - start
        start = time.process_time()
        for state in states:
            for rule, check in pipeline._applicable(state, diagnosis=True):
                for _ in check.run(state.context, rule):
                    pass
        spent["diagnosis stage"] = time.process_time() - start
        for state, found in zip(states, findings):
            state.findings, state.diagnostics = list(found), []
        start = time.process_time()
        for state in states:
            pipeline.stamp(state)
        spent["stamp stage"] = time.process_time() - start
        for part, seconds in spent.items():
            times.setdefault(part, []).append(seconds)
    total = 0.0
    for part, seconds in times.items():
        ms = min(seconds) / len(states) * 1000
        total += ms
        print(f"{part:20s} {ms:.3f} ms/report")
    print(f"{'all':20s} {total:.3f} ms/report ({len(states)} reports, least of {repeat})")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
