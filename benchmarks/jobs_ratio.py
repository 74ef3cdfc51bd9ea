"""The `--jobs 2` speed-up of one or more installed golocheck commands, measured with many
rounds in random order: each round runs every command with `-j 1` and with `-j 2` on the
same batch (JSON output, `--isolated`), so that the machine's drift between rounds touches
all of them alike. Prints, per command, the median wall times, their ratio, and the
quartiles of the single rounds' ratios (how often one run falls below the target).

    python benchmarks/jobs_ratio.py --rounds 15 DIR BEFORE/bin/golocheck AFTER/bin/golocheck

DIR is a batch, e.g. one that `benchmarks/batch.py --keep` built (its n1000).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("batch")
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    runs = {(command, jobs): [] for command in args.commands for jobs in (1, 2)}
    for _ in range(args.rounds):
        order = list(runs)
        random.shuffle(order)
        for command, jobs in order:
            start = time.perf_counter()
            subprocess.run([command, "check", "--isolated", "--output-format", "json", args.batch, "-j", str(jobs)],
                           stdout=subprocess.DEVNULL, check=False)
            runs[(command, jobs)].append(time.perf_counter() - start)
    for command in args.commands:
        one, two = runs[(command, 1)], runs[(command, 2)]
        ratios = sorted(a / b for a, b in zip(one, two))
        quarter = len(ratios) // 4
        print(f"{command}: -j 1 median {statistics.median(one):.3f} s, -j 2 median {statistics.median(two):.3f} s; "
              f"ratio of the medians {statistics.median(one) / statistics.median(two):.3f}; single rounds: median "
              f"{statistics.median(ratios):.3f}, quartiles {ratios[quarter]:.3f}–{ratios[-1 - quarter]:.3f}")


if __name__ == "__main__":
    main()
