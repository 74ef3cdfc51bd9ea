"""Median wall time of a command, run N times (start-up included — what a pre-commit hook pays).

    python benchmarks/wall_time.py -n 21 -- golocheck sample_reports/golog-2018.json
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=21)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    subprocess.run(command, capture_output=True)  # warm the file cache
    times = []
    for _ in range(args.n):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {args.n} runs: {' '.join(command)}")


if __name__ == "__main__":
    main()
