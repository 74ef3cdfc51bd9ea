"""Cost of the narrative rules: checking the samples with all rules against checking them
with the narrative group ignored (the issue's budget: at most 2× the time without them).

    python benchmarks/narrative.py -n 21

In-process (start-up excluded, so the ratio is not diluted by it): golocheck.run.check_paths
on each sample, medians of n runs with and without, alternating, after a warm-up run that
pays the one-time costs (rule catalogue, phrase catalogue, compiled patterns); those are
measured apart in a fresh interpreter. Then the command line on golog-2018, start-up
included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["golog-2018.json", "hongze-2023.json", "hongze-2024.json", "pingtan-2019.json", "shanghai-kewei-2024.json",
           "clean-gov-2014.json", "clean-gov-2021.json"]


def _paired_ms(without, everything, n: int) -> tuple[float, float]:
    """Medians of n runs of each, alternating, after one warm-up run of each: alternating
    keeps a busy machine from favouring one side."""
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(n + 1):
        for side, function in enumerate((without, everything)):
            start = time.perf_counter()
            function()
            if i:
                times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def _one_time_cost_ms() -> float:
    """Importing the narrative modules and loading the phrase catalogue (YAML, compiled
    patterns), in a fresh interpreter that has already loaded the rule catalogue."""
    code = ("import time; from golocheck.catalogue import load_catalogue; load_catalogue(); t = time.perf_counter(); "
            "from golocheck.narrative.phrases import load; import golocheck.narrative.numerals, golocheck.checks.narrative; load(); "
            "print((time.perf_counter() - t) * 1000)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def _cli(args: list[str]):
    """The command line as a function (start-up included: what a pre-commit hook pays)."""
    command = [sys.executable, "-m", "golocheck", *args]
    return lambda: subprocess.run(command, capture_output=True, cwd=ROOT)


def main() -> None:
    from golocheck.engine import Selection
    from golocheck.run import check_paths

    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=21)
    args = parser.parse_args()
    without, everything = Selection(ignore=("narrative",)), Selection()
    print(f"| sample | without narrative | all rules | ratio |\n|---|---|---|---|")
    totals = [0.0, 0.0]
    for name in SAMPLES:
        paths = [ROOT / "sample_reports" / name]
        base, full = _paired_ms(lambda: check_paths(paths, without), lambda: check_paths(paths, everything), args.n)
        totals[0] += base
        totals[1] += full
        print(f"| {name} | {base:.1f} ms | {full:.1f} ms | {full / base:.2f}× |")
    print(f"| all {len(SAMPLES)} | {totals[0]:.1f} ms | {totals[1]:.1f} ms | {totals[1] / totals[0]:.2f}× |")
    print(f"\none-time cost (narrative modules and phrase catalogue, once per process): {_one_time_cost_ms():.1f} ms")
    golog = "sample_reports/golog-2018.json"
    base, full = _paired_ms(_cli(["--ignore", "narrative", golog]), _cli([golog]), args.n)
    print(f"command line, {golog}: {base:.0f} ms with --ignore narrative, {full:.0f} ms with all rules ({full / base:.2f}×)")


if __name__ == "__main__":
    main()
