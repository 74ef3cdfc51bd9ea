"""A reviewer's batch: 1,000 reports (copies and variants of the samples), checked with
--jobs 1 and --jobs 2. Prints the wall times and whether the two outputs are identical.

    python benchmarks/batch.py [--count 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_reports").rglob("*") if p.suffix in (".json", ".yaml"))


def make_batch(directory: Path, count: int, seed: int = 1000) -> None:
    """Copies of every sample, and variants with one figure changed or one cell blanked."""
    generator = random.Random(seed)
    for index in range(count):
        sample = SAMPLES[index % len(SAMPLES)]
        target = directory / f"{index:04d}-{sample.name}"
        if sample.suffix != ".json" or index % 3 == 0:
            shutil.copy(sample, target)
            continue
        try:
            report = json.loads(sample.read_text(encoding="utf-8"))
            table = next(iter(report["tables"].values()))
            row = generator.choice(list(table))
            if isinstance(table[row], dict):
                column = generator.choice(list(table[row]))
                table[row][column] = None if index % 3 == 1 else (table[row][column] or 0) + 1 if isinstance(table[row][column], int) else table[row][column]
            elif isinstance(table[row], int):
                table[row] = None if index % 3 == 1 else table[row] + 1
            target.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        except (ValueError, KeyError, StopIteration, AttributeError):
            shutil.copy(sample, target)  # a broken sample stays broken


def timed(args: list[str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True)
    return time.perf_counter() - start, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="golocheck-batch-"))
    directory.mkdir(parents=True, exist_ok=True)
    make_batch(directory, args.count)
    command = [sys.executable, "-m", "golocheck", "check", "--isolated", "--output-format", "json", str(directory)]
    one_time, one = timed([*command, "--jobs", "1"])
    two_time, two = timed([*command, "--jobs", "2"])
    single_time, _ = timed([sys.executable, "-m", "golocheck", "check", "--isolated", str(ROOT / "sample_reports/golog-2018.json")])
    summary = json.loads(one)["summary"]
    print(f"{args.count} reports: --jobs 1 {one_time:.1f} s, --jobs 2 {two_time:.1f} s; identical: {one == two}")
    print(f"findings: {summary['error']} errors, {summary['warning']} warnings, {summary['info']} info in {summary['files_with_findings']} files")
    print(f"single report (golog-2018): {single_time * 1000:.0f} ms")
    if not args.keep:
        shutil.rmtree(directory)
    sys.exit(0 if one == two else 1)


if __name__ == "__main__":
    main()
