"""CPU time per report of each pipeline stage, of reading the files and of the JSON records,
over a batch checked in this process (``golocheck check --isolated --output-format json``).

    python benchmarks/stage_times.py DIR        # DIR: a batch, e.g. one built by batch.py

Side by side with an older copy: run it alternately with ``PYTHONPATH=<copy>/src`` and
without, twice each, and compare the rows (the machine's load moves them all together).
"""

from __future__ import annotations

import collections
import os
import sys
import time

from golocheck import inputs, pipeline
from golocheck.reporters import json_output

clock = time.thread_time
spent: collections.Counter = collections.Counter()


def _timed(function, label: str):
    def timed(*args, **kwargs):
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += clock() - start

    timed.__name__ = getattr(function, "__name__", label)
    return timed


def main() -> int:
    batch = sys.argv[1]
    pipeline.STAGES = tuple(_timed(stage, stage.__name__) for stage in pipeline.STAGES)
    inputs.load_bytes = _timed(inputs.load_bytes, "reading (load_bytes)")
    json_output.record_text = _timed(json_output.record_text, "JSON records (record_text)")
    sys.argv = ["golocheck", "check", "--isolated", "--output-format", "json", batch, "-o", os.devnull]
    from golocheck.cli import main as cli

    start = time.process_time()
    try:
        cli()
    except SystemExit:
        pass
    total = time.process_time() - start
    reports = len(os.listdir(batch))
    print(f"{reports} reports, {total / reports * 1000:.3f} ms CPU per report (start-up included)")
    for label, seconds in spent.most_common():
        print(f"  {label:28s} {seconds / reports * 1000:.3f} ms")
    print(f"  {'the rest':28s} {(total - sum(spent.values())) / reports * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
