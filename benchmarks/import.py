"""Importing documents: in-process time per original, and start-up of `golocheck report.json`.

    python benchmarks/import.py [-n 21] [--baseline-rev REV]

1. For each HTML and DOCX original in tests/data/originals: the median time of reading
   it and assembling the report (import_bytes) and of import + check
   (golocheck.api.check_bytes), in process, after one warm-up run; the latter also in CPU time.
2. Start-up: the median wall time of `python -m golocheck sample_reports/golog-2018.json`
   in this checkout, and, with --baseline-rev, in a worktree of REV made side by side
   (ratios, not absolute limits, are what to compare on a shared machine).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT / "tests" / "data" / "originals"
DOCUMENTS = ["shuyang-fagaiju-2023.reconstructed.html", "pingtan/2019/page.html", "pingtan/2016/page.html",
             "template-2021-blank.docx", "roundtrip-hongze-2023-filled-template.docx"]


def median_ms(action, runs: int, clock=time.perf_counter) -> float:
    action()
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times) * 1000


def in_process(runs: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from golocheck.api import check_bytes
    from golocheck.importing import import_bytes, kind_for

    # CPU time (process_time) beside wall time: on a shared machine the wall time also
    # counts the time other processes held the cores
    print("| document | bytes | read + assemble | import + check | import + check, CPU |")
    print("|---|---|---|---|---|")
    for name in DOCUMENTS:
        raw = (ORIGINALS / name).read_bytes()
        kind = kind_for(name)
        read = median_ms(lambda: import_bytes(raw, name, kind), runs)
        checked = median_ms(lambda: check_bytes(raw, name), runs)
        cpu = median_ms(lambda: check_bytes(raw, name), runs, time.process_time)
        print(f"| {name} | {len(raw):,} | {read:.1f} ms | {checked:.1f} ms | {cpu:.1f} ms |")


def startup(root: Path, runs: int) -> float:
    command = [sys.executable, "-m", "golocheck", "sample_reports/golog-2018.json"]
    env = {"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"}
    return median_ms(lambda: subprocess.run(command, cwd=root, env=env, capture_output=True), runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=21)
    parser.add_argument("--baseline-rev")
    args = parser.parse_args()
    in_process(args.n)
    here = startup(ROOT, args.n)
    print(f"\nstart-up `golocheck sample_reports/golog-2018.json`: {here:.0f} ms (this checkout)")
    if args.baseline_rev:
        with tempfile.TemporaryDirectory() as folder:
            tree = Path(folder) / "baseline"
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.baseline_rev], cwd=ROOT, check=True, capture_output=True)
            try:
                subprocess.run([sys.executable, "-m", "golocheck.compile"], cwd=tree, env={"PYTHONPATH": str(tree / "src")}, capture_output=True)
                before = startup(tree, args.n)
                after = startup(ROOT, args.n)
                print(f"start-up at {args.baseline_rev}: {before:.0f} ms; this checkout again: {after:.0f} ms; ratio {after / before:.2f}")
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
