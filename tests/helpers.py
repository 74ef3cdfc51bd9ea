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


def golocheck_in_process(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of ``golocheck ARGS`` run in ``cwd``,
    in this process (golocheck.entry.main, as the installed command calls it): cheaper than
    a subprocess where a test runs many commands."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from golocheck import entry
    from golocheck.config import config_for, find_config
    from golocheck.userdata import UserData, activate

    config_for.cache_clear()  # a new process would look for configuration files afresh
    find_config.cache_clear()
    out, err, before = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                entry.main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
        activate(UserData())  # the user's formats and rules of this command end with it
    return code, out.getvalue(), err.getvalue()
