"""Checking several files: results in the order the files were given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from golocheck.diagnostics import Diagnostic
from golocheck.engine import Selection, run
from golocheck.loading import load_path


@dataclass(frozen=True)
class FileResult:
    path: str
    text: str | None  # for source excerpts
    diagnostics: tuple[Diagnostic, ...]


def check_paths(paths: list[Path], selection: Selection, previous: Path | None = None) -> list[FileResult]:
    last = load_path(previous, str(previous)) if previous is not None else None
    results = []
    for path in paths:
        loaded = load_path(path, str(path))
        results.append(FileResult(loaded.path, loaded.text, tuple(run(loaded, selection, last))))
    return results
