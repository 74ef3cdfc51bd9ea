"""Time bounds as ratios measured side by side, never absolute limits.

A test that says "1 MB in under 10 s" fails on a loaded machine and passes a quadratic
algorithm on a fast one. What is meant is "linear": so measure the same operation on
an input ``k`` times smaller and compare — a linear algorithm takes about ``k`` times
as long, a quadratic one ``k``² times. Both measurements see the same machine load.
"""

from __future__ import annotations

import time
from typing import Callable

# A linear operation may look this many times worse than linear (caches, allocation,
# noise) before it counts as superlinear; a quadratic one over a 10x size step is
# 10 times worse.
SLACK = 3.0


def best_time(fn: Callable[[], object], rounds: int = 3, min_round: float = 0.05) -> float:
    """The lowest time per call over ``rounds`` rounds; each round repeats ``fn`` until
    ``min_round`` seconds have passed, so one pause of the machine cannot decide."""
    best = float("inf")
    for _ in range(rounds):
        calls, began = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - began
            if elapsed >= min_round:
                break
        best = min(best, elapsed / calls)
    return best


def scaling(fn: Callable[[object], object], small: object, big: object, size_ratio: float) -> float:
    """How many times worse than linear ``fn`` is from ``small`` to ``big`` (1.0: linear)."""
    t_small = best_time(lambda: fn(small), rounds=3)
    t_big = best_time(lambda: fn(big), rounds=1)
    return t_big / t_small / size_ratio


def assert_linear(fn: Callable[[object], object], small: object, big: object, size_ratio: float, what: str = "") -> None:
    """``fn`` scales linearly from ``small`` to ``big`` (``size_ratio`` times larger);
    measured twice before failing, so one noisy measurement does not fail the suite."""
    worse = scaling(fn, small, big, size_ratio)
    if worse > SLACK:
        worse = min(worse, scaling(fn, small, big, size_ratio))
    assert worse <= SLACK, f"{what}: {worse:.1f} times worse than linear from size 1 to {size_ratio:g}"
