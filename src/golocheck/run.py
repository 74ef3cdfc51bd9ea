"""Checking many files: each file with its own selection, settings and suppressions
(from the closest configuration), in parallel when asked, results in the order the
files were given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from golocheck.diagnostics import Diagnostic
from golocheck.engine import Selection, run_detailed
from golocheck.loading import load_path, load_text
from golocheck.settings import CheckSettings


@dataclass(frozen=True)
class FileResult:
    path: str
    text: str | None  # for source excerpts
    diagnostics: tuple[Diagnostic, ...]
    used_suppressions: frozenset[int] = frozenset()  # indexes into Job.suppressions


@dataclass(frozen=True)
class Job:
    """One file to check and everything that decides how."""

    path: Path | None  # None: standard input (``data``)
    display: str
    selection: Selection = Selection()
    settings: CheckSettings = CheckSettings()
    previous: Path | None = None
    suppressions: tuple = ()  # configuration suppressions that match this file
    data: bytes | None = None
    today: date | None = None


def run_job(job: Job) -> FileResult:
    loaded = load_text(job.display, job.data) if job.path is None else load_path(job.path, job.display)
    last = load_path(job.previous, str(job.previous)) if job.previous is not None else None
    result = run_detailed(loaded, job.selection, last, job.settings, job.suppressions, job.today)
    return FileResult(loaded.path, loaded.text, tuple(result.diagnostics), result.used_suppressions)


def run_jobs(jobs: list[Job], workers: int = 1, progress=None) -> list[FileResult]:
    """Results in the order of ``jobs``. ``workers`` > 1 checks in that many processes;
    ``progress`` (a callable) is told after each file."""
    if workers <= 1 or len(jobs) < 2:
        results = []
        for job in jobs:
            results.append(run_job(job))
            if progress:
                progress()
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = []
        for result in pool.map(run_job, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
            results.append(result)
            if progress:
                progress()
        return results


def check_paths(paths: list[Path], selection: Selection = Selection(), previous: Path | None = None) -> list[FileResult]:
    """The simple case: the same selection for every file, no configuration."""
    return run_jobs([Job(path, str(path), selection, previous=previous) for path in paths])
