"""A reviewer's batch: N reports (copies and variants of the samples) in a temporary
directory, checked with JSON output. Measured side by side in one run, alternating, each
several times (min and median):

- wall time of --jobs 1 and --jobs 2 on N reports, and their ratio (target >= 1.7x);
- the marginal cost of a report on one job: (time for N - time for a few) / extra
  reports (target <= 3 ms), in wall time and in CPU time (which another load on the
  machine disturbs less);
- peak RSS of the golocheck process (--jobs 1) on N and on 10 x N reports (target: at
  most 1.5x for 10x the reports);
- that the outputs of --jobs 1 and --jobs 2 are byte for byte identical.

Exits 1 if a target is missed or the outputs differ. The load average is printed before
and after: on a shared machine, read the figures with it.

    python benchmarks/batch.py [--count 1000] [--few 50] [--repeat 3] [--no-memory] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_reports").rglob("*") if p.suffix in (".json", ".yaml"))

MARGINAL_MS = 3.0
SPEEDUP = 1.7
MEMORY_RATIO = 1.5

# Runs the command given as arguments with its output to a file and prints, as JSON, the
# wall time and what getrusage says of it (its only child): CPU time and peak RSS.
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    code = subprocess.run(sys.argv[2:], stdout=out).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss, "code": code}))
"""

# golocheck's command line as the installed command runs it (golocheck.entry, not the typer
# route of golocheck.cli), telling at exit its own CPU time (without its worker
# processes'): what --jobs 2 cannot share out.
_GOLOCHECK = r"""
import atexit, os, resource, sys
def tell():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.environ["GOLOCHECK_BENCH_SELF"], "w") as out:
        out.write(str(usage.ru_utime + usage.ru_stime))
atexit.register(tell)
from golocheck.entry import main  # what the installed golocheck command runs
main()
"""


def make_batch(directory: Path, count: int, seed: int = 1000) -> None:
    """Copies of every sample, and variants with one figure changed or one cell blanked."""
    generator = random.Random(seed)
    for index in range(count):
        sample = SAMPLES[index % len(SAMPLES)]
        target = directory / f"{index:05d}-{sample.name}"
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


def measure(directory: Path, jobs: int, output: Path) -> dict:
    """One golocheck run (JSON output on ``directory``), measured from a fresh process so
    that getrusage's peak RSS is this run's."""
    command = [sys.executable, "-c", _GOLOCHECK, "check", "--isolated", "--output-format", "json", str(directory), "--jobs", str(jobs)]
    own = output.with_suffix(".self")
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(output), *command], capture_output=True, text=True, check=True,
                            env={**os.environ, "GOLOCHECK_BENCH_SELF": str(own)})
    figures = json.loads(result.stdout)
    figures["own_cpu"] = float(own.read_text())
    if figures["code"] not in (0, 1):
        raise SystemExit(f"golocheck exited {figures['code']} on {directory}")
    return figures


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def summary(values: list[float], unit: str, scale: float = 1.0) -> str:
    return f"min {min(values) * scale:.{1 if scale == 1 else 2}f} {unit}, median {statistics.median(values) * scale:.{1 if scale == 1 else 2}f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--few", type=int, default=50, help="the small batch the marginal cost is taken against")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the 10 x count batch")
    parser.add_argument("--keep", type=Path, help="build the batches in DIR and keep them")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="golocheck-batch-"))
    sizes = [args.few, args.count] + ([] if args.no_memory else [10 * args.count])
    dirs = {}
    for size in sizes:
        dirs[size] = base / f"n{size}"
        if not dirs[size].is_dir():
            dirs[size].mkdir(parents=True)
            make_batch(dirs[size], size)
    print(f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; before: {load()}")
    measure(dirs[args.few], 1, base / "warm.json")  # warm the data-file cache and the OS's file cache

    few, one, two = [], [], []
    for _ in range(args.repeat):  # alternating, so that a change of load hits all three alike
        few.append(measure(dirs[args.few], 1, base / "few.json"))
        one.append(measure(dirs[args.count], 1, base / "one.json"))
        two.append(measure(dirs[args.count], 2, base / "two.json"))
        identical = (base / "one.json").read_bytes() == (base / "two.json").read_bytes()
        if not identical:
            break
    document = json.loads((base / "one.json").read_text(encoding="utf-8"))["summary"]
    extra = args.count - args.few

    def marginal(key: str) -> list[float]:
        # pairs from the same round, then min/median over the rounds
        return [(o[key] - f[key]) / extra for o, f in zip(one, few)]

    ratios = [o["wall"] / t["wall"] for o, t in zip(one, two)]
    print(f"{args.count} reports, {document['error']} errors, {document['warning']} warnings, {document['info']} info in {document['files_with_findings']} files; {args.repeat} rounds")
    print(f"  --jobs 1: {summary([r['wall'] for r in one], 's')}")
    print(f"  --jobs 2: {summary([r['wall'] for r in two], 's')}")
    print(f"  CPU time: --jobs 1 {summary([r['cpu'] for r in one], 's')}; --jobs 2 in all {summary([r['cpu'] for r in two], 's')}, "
          f"of which the main process {summary([r['own_cpu'] for r in two], 's')}")
    print(f"  --jobs 2 speed-up: min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x (target >= {SPEEDUP}x)")
    print(f"  marginal per report, --jobs 1, wall: {summary(marginal('wall'), 'ms', 1000)}; CPU: {summary(marginal('cpu'), 'ms', 1000)} (target <= {MARGINAL_MS} ms)")
    print(f"  {args.few} reports, --jobs 1: {summary([r['wall'] for r in few], 's')}")
    print(f"  outputs of --jobs 1 and --jobs 2 identical: {identical}")
    missed = []
    if not identical:
        missed.append("identical outputs")
    if statistics.median(ratios) < SPEEDUP:
        missed.append("--jobs 2 speed-up")
    if statistics.median(marginal("wall")) * 1000 > MARGINAL_MS:
        missed.append("marginal cost per report")
    if not args.no_memory:
        large = 10 * args.count
        small_rss = min(r["rss_kb"] for r in one)
        large_rss = measure(dirs[large], 1, base / "large.json")["rss_kb"]
        print(f"  peak RSS, --jobs 1: {small_rss / 1024:.0f} MB for {args.count} reports, {large_rss / 1024:.0f} MB for {large} ({large_rss / small_rss:.2f}x; target <= {MEMORY_RATIO}x)")
        if large_rss > MEMORY_RATIO * small_rss:
            missed.append("flat memory")
    print(f"after: {load()}")
    if not args.keep:
        shutil.rmtree(base)
    if missed:
        print("missed: " + ", ".join(missed))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
