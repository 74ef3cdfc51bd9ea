"""Median wall time of commands, each run N times (start-up included — what a pre-commit hook pays).

    python benchmarks/wall_time.py -n 21 -- golocheck sample_reports/golog-2018.json
    python benchmarks/wall_time.py -n 21 -- yamllint sample_reports/golog-2018.json \
        -- golocheck sample_reports/golog-2018.json

Several commands (each introduced by ``--``) are run alternately, one run of each per round,
so that a machine that gets busier or quieter during the measurement affects them alike;
the ratio of each command's median to the first command's is printed as well. Besides wall
time, the CPU time (user + system, of the command and its children, from getrusage): on a
machine other work keeps busy, wall time includes waiting for a core and CPU time does not,
so the CPU ratios are the steadier ones there.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import time


def _commands(words: list[str]) -> list[list[str]]:
    commands: list[list[str]] = []
    for word in words:
        if word == "--" or not commands:
            commands.append([])
            if word == "--":
                continue
        commands[-1].append(word)
    return [command for command in commands if command]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=21)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    commands = _commands(args.command)
    if not commands:
        parser.error("no command given")
    for command in commands:
        subprocess.run(command, capture_output=True)  # warm the file cache
    times: list[list[float]] = [[] for _ in commands]
    cpu_times: list[list[float]] = [[] for _ in commands]
    for _ in range(args.n):
        for command, measured, cpu in zip(commands, times, cpu_times):
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, capture_output=True)
            measured.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - before)
    first, first_cpu = statistics.median(times[0]), statistics.median(cpu_times[0])
    for command, measured, cpu in zip(commands, times, cpu_times):
        median, median_cpu = statistics.median(measured), statistics.median(cpu)
        ratio = f", {median / first:.2f}× the first (CPU {median_cpu / first_cpu:.2f}×)" if len(commands) > 1 else ""
        print(
            f"median {median * 1000:.0f} ms, min {min(measured) * 1000:.0f} ms, max {max(measured) * 1000:.0f} ms,"
            f" CPU median {median_cpu * 1000:.0f} ms over {args.n} runs{ratio}: {' '.join(command)}"
        )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
