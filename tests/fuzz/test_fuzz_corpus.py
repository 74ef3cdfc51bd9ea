"""10,000 malformed report files, the same on every run, through the library API.

The inputs are made by :mod:`fuzz.malformed` from the sample reports; each is checked
by :func:`fuzz.harness.check_case` in a pool of worker processes (the machine's
cores, at most 4), each input under its own time bound. The test fails listing
every kind of failure with a few example inputs; reproduce one with
``cd tests && python -c "from fuzz.harness import check_case; print(check_case(N))"``.

``GOLOCHECK_FUZZ_CASES`` changes the number of inputs (a quick local run, or a
longer hunt); CI uses the default.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

from fuzz.harness import FILE_EVERY, RENDER_EVERY, WATCHDOG_DIR, Outcome, check_case, killed_inputs
from fuzz.malformed import FAMILIES, case

CASES = int(os.environ.get("GOLOCHECK_FUZZ_CASES", "10000"))
# If no worker reports anything for this long, the pool itself is stuck (an input
# blocked where the per-input alarm cannot interrupt it).
STALL_SECONDS = 120
POLL_SECONDS = 5
EXAMPLES_PER_KIND = 4
CHUNK = 10  # inputs per task sent to a worker (a killed worker loses the rest of its task)


def _pool():
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    workers = max(1, min(4, os.cpu_count() or 1))
    return multiprocessing.get_context(method).Pool(workers, maxtasksperchild=500)


def _check_chunk(indexes: range) -> list[Outcome]:
    return [check_case(i) for i in indexes]


def _run_corpus(watchdog: Path) -> tuple[list[Outcome], list[str]]:
    outcomes: list[Outcome] = []
    stalled: list[str] = []
    chunks = [range(i, min(i + CHUNK, CASES)) for i in range(0, CASES, CHUNK)]
    os.environ[WATCHDOG_DIR] = str(watchdog)  # inherited by the workers
    try:
        pool = _pool()
    finally:
        del os.environ[WATCHDOG_DIR]
    try:
        results = pool.imap_unordered(_check_chunk, chunks)
        received, idle = 0, 0.0
        while received < len(chunks):
            try:
                outcomes.extend(results.next(timeout=POLL_SECONDS))
                received, idle = received + 1, 0.0
                continue
            except multiprocessing.TimeoutError:
                idle += POLL_SECONDS
            # Each worker the watchdog ended lost its task: when those are all that is
            # left, stop waiting for them; otherwise wait up to STALL_SECONDS.
            lost = len(killed_inputs(watchdog))
            if (lost and lost >= len(chunks) - received) or idle >= STALL_SECONDS:
                if lost < len(chunks) - received:
                    done = {o.index for o in outcomes}
                    stalled = [repr(case(i)) for i in range(CASES) if i not in done][:EXAMPLES_PER_KIND]
                break
    finally:
        pool.terminate()
        pool.join()
    return sorted(outcomes, key=lambda o: o.index), stalled


def _failure_class(kind: str, detail: str) -> str:
    """One line per kind of failure: numbers, quoted values and the output format left out."""
    if kind == "reporter":
        detail = re.sub(r"^\w+/\w+: ", "", detail)
    if kind in ("slow", "hang"):
        detail = re.sub(r"[0-9.]+ s", "N s", detail)
    detail = re.sub(r"(?<![A-Z])\d+", "N", detail)  # rule codes (D001) stay
    detail = re.sub(r"'[^']*'", "'…'", detail)
    return f"{kind}: {detail}"


def test_the_corpus_is_large_and_mixes_every_family():
    assert CASES >= 10_000 or "GOLOCHECK_FUZZ_CASES" in os.environ
    seen = Counter(case(i).family for i in range(0, 2 * len(FAMILIES) * 10))
    assert set(seen) == set(FAMILIES)


def test_the_corpus_is_the_same_on_every_run():
    assert [case(i).raw for i in (0, 1, 2, 997)] == [case(i).raw for i in (0, 1, 2, 997)]
    assert case(5).raw != case(6).raw


def test_no_malformed_input_crashes_hangs_passes_or_is_modified(fuzz_summary, tmp_path):
    outcomes, stalled = _run_corpus(tmp_path)
    failures: dict[str, list[str]] = defaultdict(list)
    failing_inputs: Counter = Counter()
    for o in outcomes:
        for kind, detail in o.failures:
            failures[_failure_class(kind, detail)].append(o.index)
        for kind in {kind for kind, _ in o.failures}:
            failing_inputs[kind] += 1

    for index, frames in killed_inputs(tmp_path):
        failures[f"hang: not interruptible, worker ended by the watchdog in {frames}"].append(index)
        failing_inputs["hang"] += 1
    n = len(outcomes)
    fuzz_summary.append(
        f"fuzz corpus: {n} inputs, {sum(o.loaded for o in outcomes)} parsed, {sum(o.readable for o in outcomes)} readable reports, "
        f"{sum(not o.passed for o in outcomes)} with error findings, {sum(o.passed for o in outcomes)} passed; "
        f"{sum(o.as_file for o in outcomes)} checked as files, {sum(o.rendered for o in outcomes)} rendered in every output format; "
        f"slowest {max((o.seconds for o in outcomes), default=0):.2f} s; "
        f"failing inputs: {dict(failing_inputs) or 'none'}"
    )
    by_family = Counter(o.family for o in outcomes)
    fuzz_summary.append("fuzz corpus families: " + ", ".join(f"{f} {c}" for f, c in sorted(by_family.items())))

    lines = []
    for message, indexes in sorted(failures.items(), key=lambda item: (-len(set(item[1])), item[0])):
        lines.append(f"[{len(set(indexes))} inputs] {message}")
        unique = sorted(set(indexes))
        lines.extend(f"    {case(i)!r:.300}" for i in unique[:EXAMPLES_PER_KIND])
    if stalled:
        lines.insert(0, f"the pool stalled (no result for {STALL_SECONDS} s); unchecked inputs include: {stalled}")
    if n < CASES:
        lines.insert(0, f"only {n} of {CASES} inputs were checked (a worker was ended: see the hangs below)")
    assert not lines, f"{sum(failing_inputs.values())} failures over {n} inputs:\n" + "\n".join(lines)
    assert n == CASES and CASES // FILE_EVERY <= sum(o.as_file for o in outcomes)
    assert sum(o.rendered for o in outcomes) >= CASES // RENDER_EVERY // 2
