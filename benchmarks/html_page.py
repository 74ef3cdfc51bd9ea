"""The review page over a batch: what ``--output-format html`` costs beside ``json`` on the
same reports (copies of the samples), and whether its memory stays flat.

For N and 10 x N reports, alternating the two formats, each run ``--repeat`` times: wall and
CPU time (median) and peak RSS of the golocheck process, and the page's size. Prints the
ratios html / json (time) and 10N / N (memory); targets: html within 1.5x the CPU time of
json, and at most 1.5x the peak memory for 10x the reports. Exits 1 if one is missed.

    python benchmarks/html_page.py [--count 100] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_reports").rglob("*") if p.suffix in (".json", ".yaml"))
TIME_RATIO = 1.5
MEMORY_RATIO = 1.5

_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss, "code": code}))
"""


def _batch(directory: Path, count: int) -> None:
    directory.mkdir()
    for n in range(count):
        sample = SAMPLES[n % len(SAMPLES)]
        shutil.copyfile(sample, directory / f"{n:05d}-{sample.name}")


def _run(directory: Path, fmt: str, output: Path) -> dict:
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "golocheck", str(directory),
               "--output-format", fmt, "--output-file", str(output)]
    result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert result["code"] in (0, 1), result
    result["bytes"] = output.stat().st_size
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    ok = True
    with tempfile.TemporaryDirectory() as temp:
        figures: dict[tuple[int, str], list[dict]] = {}
        for count in (args.count, 10 * args.count):
            directory = Path(temp) / f"n{count}"
            _batch(directory, count)
            for _ in range(args.repeat):
                for fmt in ("json", "html"):
                    figures.setdefault((count, fmt), []).append(_run(directory, fmt, Path(temp) / f"out.{fmt}"))
        for (count, fmt), runs in figures.items():
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rss = max(r["rss_kb"] for r in runs) / 1024
            print(f"{count:>6} reports {fmt:>4}: wall {wall:6.2f} s, CPU {cpu:6.2f} s, peak RSS {rss:5.1f} MB, output {runs[0]['bytes'] / 1e6:6.2f} MB")
        for count in (args.count, 10 * args.count):
            ratio = statistics.median(r["cpu"] for r in figures[(count, "html")]) / statistics.median(r["cpu"] for r in figures[(count, "json")])
            print(f"html / json CPU time at {count} reports: {ratio:.2f}x (target <= {TIME_RATIO}x)")
            ok &= ratio <= TIME_RATIO
        memory = max(r["rss_kb"] for r in figures[(10 * args.count, "html")]) / max(r["rss_kb"] for r in figures[(args.count, "html")])
        print(f"html peak RSS, {10 * args.count} vs {args.count} reports: {memory:.2f}x (target <= {MEMORY_RATIO}x)")
        ok &= memory <= MEMORY_RATIO
    print(f"load average after: {os.getloadavg()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
