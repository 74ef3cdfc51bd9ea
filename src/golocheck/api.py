"""The library API: check files without the command line."""

from __future__ import annotations

from pathlib import Path

from golocheck.diagnostics import Diagnostic
from golocheck.engine import Selection, run
from golocheck.loading import LoadedReport, load_path, load_text
from golocheck.settings import CheckSettings


def check_file(
    path: str | Path,
    *,
    selection: Selection = Selection(),
    display_path: str | None = None,
    previous: str | Path | None = None,
    settings: CheckSettings = CheckSettings(),
) -> list[Diagnostic]:
    """Diagnostics for one report file; ``previous`` is last year's report of the same body
    (for the cross-year rules). Raises OSError when a path cannot be read."""
    last = load_path(Path(previous), str(previous)) if previous is not None else None
    return run(load_path(Path(path), display_path or str(path)), selection, last, settings)


def check_bytes(
    raw: bytes,
    display_path: str,
    *,
    selection: Selection = Selection(),
    previous: LoadedReport | None = None,
    settings: CheckSettings = CheckSettings(),
) -> list[Diagnostic]:
    """Diagnostics for a report given as bytes (standard input, tests)."""
    return run(load_text(display_path, raw), selection, previous, settings)
