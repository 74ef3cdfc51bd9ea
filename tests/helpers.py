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
