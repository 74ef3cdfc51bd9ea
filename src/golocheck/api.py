"""The library API: check files without the command line."""

from __future__ import annotations

from pathlib import Path

from golocheck.diagnostics import Diagnostic
from golocheck.engine import Selection, run
from golocheck.loading import LoadedReport, load_path
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
    from golocheck.inputs import load_bytes
    from golocheck.loading import read_limited

    last = load_path(Path(previous), str(previous)) if previous is not None else None
    with open(path, "rb") as handle:
        raw = read_limited(handle)
    return run(load_bytes(display_path or str(path), raw), selection, last, settings)


def check_bytes(
    raw: bytes,
    display_path: str,
    *,
    selection: Selection = Selection(),
    previous: LoadedReport | None = None,
    settings: CheckSettings = CheckSettings(),
) -> list[Diagnostic]:
    """Diagnostics for a report given as bytes (standard input, tests); a document's
    name (page.html, report.docx) makes it imported first."""
    from golocheck.inputs import load_bytes

    return run(load_bytes(display_path, raw), selection, previous, settings)


def check_batch(paths: list[str | Path], *, aggregate: str | Path | None = None, across: bool = True,
                selection: Selection = Selection()) -> list:
    """Check ``paths`` as one batch, with the checks across reports: copied sections
    (``across``) and, given an aggregation manifest, the sums it names. The results
    (golocheck.run.FileResult), in the order of ``paths``, across findings included.
    Raises golocheck.across.manifest.ManifestError for a manifest that cannot be used."""
    from golocheck.across.stage import prepare, with_findings
    from golocheck.catalogue import load_catalogue
    from golocheck.run import Job, run_jobs

    rules = load_catalogue()
    plan = prepare(rules, Path(aggregate) if aggregate is not None else None, across)
    jobs = [Job(Path(p), str(p), selection, across=plan.spec if plan else None) for p in paths]
    results = run_jobs(jobs)
    return list(with_findings(results, jobs, plan, rules) if plan else results)
