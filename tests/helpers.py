"""Shared test helpers: run the real command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, input: bytes | None = None, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    environment.pop("FORCE_COLOR", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "golocheck", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        env=environment,
        timeout=120,
    )


def no_traceback(result: subprocess.CompletedProcess) -> bool:
    return b"Traceback" not in result.stderr and b"Traceback" not in result.stdout


def workbook_text(data: bytes) -> str:
    """A workbook's cells as text: each sheet's name, then its rows, cells separated by tabs.
    What the tests of every output format read of a binary one (xlsx)."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    lines = []
    for sheet in book.worksheets:
        lines.append(sheet.title)
        lines.extend("\t".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True))
    book.close()
    return "\n".join(lines) + "\n"


def rendered(fmt: str, results, catalogue, options) -> str:
    """The output of any format as text (a binary format's cells, through workbook_text)."""
    from golocheck.reporters import is_binary, render_bytes, render_text

    if is_binary(fmt):
        return workbook_text(render_bytes(fmt, results, catalogue, options))
    return render_text(fmt, results, catalogue, options)
