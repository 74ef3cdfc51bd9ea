"""The library API: check files without the command line."""

from __future__ import annotations

from pathlib import Path

from golocheck.diagnostics import Diagnostic
from golocheck.engine import Selection, run
from golocheck.loading import load_path, load_text


def check_file(path: str | Path, *, selection: Selection = Selection(), display_path: str | None = None) -> list[Diagnostic]:
    """Diagnostics for one report file. Raises OSError when the path cannot be read."""
    return run(load_path(Path(path), display_path or str(path)), selection)


def check_bytes(raw: bytes, display_path: str, *, selection: Selection = Selection()) -> list[Diagnostic]:
    """Diagnostics for a report given as bytes (standard input, tests)."""
    return run(load_text(display_path, raw), selection)
