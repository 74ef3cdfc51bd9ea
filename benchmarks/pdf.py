"""Reading the real PDF reports: median wall time per file of readers/pdf.read alone and of
import + check (`golocheck FILE.pdf`: read, assemble, every rule, the output), in process
with the libraries' import counted once, separately; and `golocheck FILE.pdf` as a new
process (start-up and the libraries' import included).

    python benchmarks/pdf.py [-n RUNS]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDFS = ["hongze-district-2023.pdf", "hongze-district-2024.pdf", "huaian-city-2024.pdf"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=7)
    runs = parser.parse_args().n
    started = time.perf_counter()
    import pypdfium2  # noqa: F401

    pdfium = time.perf_counter() - started
    started = time.perf_counter()
    import pdfplumber  # noqa: F401

    plumber = time.perf_counter() - started
    from golocheck.importing.readers import pdf

    print(f"import pypdfium2 {pdfium * 1000:.0f} ms, pdfplumber (+pdfminer) {plumber * 1000:.0f} ms")
    for name in PDFS:
        raw = (ROOT / "tests" / "data" / "originals" / name).read_bytes()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            document = pdf.read(raw, name)
            times.append(time.perf_counter() - started)
        ruled = len({g.place.page for g in document.grids})
        print(f"{name}: read median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; "
              f"{len(document.grids)} tables, {len(document.blocks)} blocks, tables read on {ruled} pages)")
        path = str(ROOT / "tests" / "data" / "originals" / name)
        checked = [_check(path) for _ in range(runs)]
        print(f"    import + check median {statistics.median(checked) * 1000:.0f} ms (min {min(checked) * 1000:.0f}, max {max(checked) * 1000:.0f})")
        spawned = []
        for _ in range(max(1, runs // 2)):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "golocheck", path, "--quiet"], cwd=ROOT, capture_output=True)
            spawned.append(time.perf_counter() - started)
        print(f"    golocheck FILE.pdf as a new process median {statistics.median(spawned) * 1000:.0f} ms")


def _check(path: str) -> float:
    """golocheck FILE.pdf in process: import, assembly, the checks and the full output."""
    from golocheck.cli import main

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main([path, "--color", "never"])
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
