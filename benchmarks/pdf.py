"""Reading the real PDF reports: median wall time of readers/pdf.read per file, in process
(the libraries' import counted once, separately), and what the time is spent on.

    python benchmarks/pdf.py [-n RUNS]

Import + check of an imported PDF adds assembly and the checks of one report (tens of
milliseconds, see README.md) to the read time measured here.
"""

from __future__ import annotations

import argparse
import statistics
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
        print(f"{name}: median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; "
              f"{len(document.grids)} tables, {len(document.blocks)} blocks, tables read on {ruled} pages)")


if __name__ == "__main__":
    main()
