"""What ``golocheck check`` does once its options are parsed: plan, run, report, exit code.

It knows nothing of typer: the options arrive as plain values (strings, paths, lists), from
typer (cli.check) or from the fast path of a plain check (golocheck.entry), which must not
pay for importing typer. A usage or configuration problem is one line on standard error
and exit code 2 (:func:`fail`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

from golocheck.records import record


class Stop(Exception):
    """Leave the command with ``code``; what to say was said already."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def fail(message: str) -> Stop:
    """One line on standard error, exit code 2 (usage, configuration or internal error)."""
    sys.stderr.write(f"golocheck: error: {message}\n")
    return Stop(2)


def use_color(choice: str, output_file: Optional[Path]) -> bool:
    """Colour, decided once: --color always or never; with auto, NO_COLOR (set and not
    empty) turns it off, FORCE_COLOR turns it on, otherwise only on a terminal."""
    import os

    if choice == "always":
        return True
    if choice == "never" or output_file is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def split(values: Optional[List[str]]) -> tuple[str, ...]:
    """Comma-separated and repeated option values, as one tuple."""
    result: list[str] = []
    for value in values or ():
        result.extend(s.strip() for s in value.split(",") if s.strip())
    return tuple(result)


# The cyclic garbage collector while a plain check starts (golocheck.entry pauses it): the
# imports, the catalogue and the format tables build many objects that live until the process
# ends and no cycles to free, and collecting while they are built cost ≈ 10 ms of a one-file
# check. Once the check is planned (:func:`started`) they are moved out of the collector's
# sight (gc.freeze: else its next collections would walk them all, for the same cost) and it
# runs again, for the reports (each of which pauses it while it is checked:
# golocheck.loading.collector) — unless there is one report: its check leaves what it built
# for one large collection after it (≈ 4 ms) that frees nothing, so the collector stays
# paused until golocheck.entry ends the check (:func:`finished`), which also gives the frozen
# objects back (gc.unfreeze) when its caller's process goes on.
_collect_after_start = False


def pause_collector_for_start(was_enabled: bool) -> None:
    """Pause the cyclic garbage collector until :func:`started` (golocheck.entry, which paused
    it already before importing this module: ``was_enabled`` is how it found it)."""
    import gc

    global _collect_after_start
    _collect_after_start = _collect_after_start or was_enabled
    gc.disable()


def started(reports: int) -> None:
    """The start is over, ``reports`` planned: the collector runs again if
    :func:`pause_collector_for_start` paused it, unless there is one report."""
    if reports > 1:
        _resume_collector()


def finished() -> None:
    """The check is over (or stopped early): the collector runs again if it is still paused,
    what was built meanwhile frozen (else the next allocations, at exit, would have it walked)."""
    _resume_collector()


def _resume_collector() -> None:
    """The collector on again if :func:`pause_collector_for_start` paused it, what was built
    until now frozen out of its sight."""
    global _collect_after_start
    if _collect_after_start:
        import gc

        _collect_after_start = False
        gc.freeze()
        gc.enable()


def load_catalogue(format_paths=(), rule_paths=(), config: Optional[Path] = None, isolated: bool = False):
    """The rule catalogue with the user's formats and rules (the options', and those of the
    run's configuration: golocheck.userdata); any problem is one line and exit 2."""
    from golocheck.catalogue import CatalogueError
    from golocheck.config import ConfigError
    from golocheck.formats import FormatError
    from golocheck.userdata import UserDataError, from_options, load

    try:
        return load(from_options(format_paths or (), rule_paths or (), run_config(config, isolated)))
    except (CatalogueError, FormatError, ConfigError, UserDataError) as exc:
        raise fail(str(exc))


def run_config(config_file: Optional[Path] = None, isolated: bool = False):
    """The configuration whose format and rule paths apply to the run: ``--config FILE``, or
    the closest configuration file to the current directory, or none with ``--isolated``."""
    from golocheck.config import Config, config_for, read_config

    if isolated:
        return Config(None, {})
    if config_file is not None:
        return read_config(config_file)
    return config_for(Path.cwd().resolve())


@record
class CheckOptions:
    """The check command's options, as typer hands them over (None: not given)."""

    files: List[Path]
    lang: Optional[str] = None
    output_format: Optional[str] = None
    output_file: Optional[Path] = None
    fail_on: Optional[str] = None
    exit_zero: bool = False
    select: Optional[List[str]] = None
    extend_select: Optional[List[str]] = None
    ignore: Optional[List[str]] = None
    color: str = "auto"
    previous: Optional[Path] = None
    config: Optional[Path] = None
    isolated: bool = False
    calendar: Optional[List[Path]] = None
    strict_calendar: bool = False
    include: Optional[List[str]] = None
    exclude: Optional[List[str]] = None
    stdin_filename: Optional[str] = None
    jobs: int = 1
    statistics: bool = False
    quiet: bool = False
    baseline: Optional[Path] = None
    write_baseline: Optional[Path] = None
    debug: bool = False
    annotate: Optional[Path] = None
    format_path: Optional[List[Path]] = None
    rule_path: Optional[List[Path]] = None
    across: bool = False
    aggregate: Optional[Path] = None
    register: Optional[List[str]] = None


def run(options: CheckOptions) -> int:
    """The exit code of a check (after writing its output)."""
    try:
        return _check(options)
    except Stop as stop:
        return stop.code


def _check(o: CheckOptions) -> int:
    from golocheck import outcome
    from golocheck.plan import CliOptions, PlanError, build

    files, lang, previous, config = o.files, o.lang, o.previous, o.config
    output_file, write_baseline, baseline = o.output_file, o.write_baseline, o.baseline
    if config is not None and (not config.exists() or config.is_dir()):
        raise fail(f"--config: cannot read {config}: not a file")
    rules = load_catalogue(o.format_path, o.rule_path, config, o.isolated)
    options = CliOptions(
        select=split(o.select) if o.select else None,
        extend_select=split(o.extend_select),
        ignore=split(o.ignore),
        calendar=tuple(o.calendar or ()),
        strict_calendar=o.strict_calendar,
        previous=previous,
        include=split(o.include),
        exclude=split(o.exclude),
        config=config,
        isolated=o.isolated,
        stdin_filename=o.stdin_filename,
        debug=o.debug,
        registers=tuple(o.register or ()),
    )
    # exists and is not a directory: a FIFO or /dev/fd/N from <(...) can be read
    if previous is not None and (not previous.exists() or previous.is_dir()):
        raise fail(f"--previous: cannot read {previous}: not a file")
    if files.count(Path("-")) > 1:
        raise fail("standard input (-) can be read only once")
    from golocheck.loading import read_limited  # the size limit of files (F009), for standard input too

    stdin = read_limited(sys.stdin.buffer) if Path("-") in files else None
    try:
        plan = build(files, options, rules, stdin)
    except PlanError as exc:
        raise fail(exc.zh if exc.zh and (lang is None or lang == "zh") else str(exc))
    started(len(plan.jobs))
    run_config = plan.run_config
    for target, option in ((output_file, "--output-file"), (write_baseline, "--write-baseline")):
        if target is not None:
            try:
                outcome.check_target(target, option, [job.path for job in plan.jobs] + [previous])
            except outcome.OutputError as exc:
                raise fail(str(exc))
    lang_value = lang or run_config.get("language") or "zh"
    format_value = o.output_format or run_config.get("output_format") or "full"
    from golocheck.i18n import word
    from golocheck.reporters import is_binary

    if is_binary(format_value) and output_file is None and write_baseline is None:
        raise fail(word(lang_value, "binary_needs_file", format=format_value))
    fail_value = o.fail_on or run_config.get("fail_on") or "error"
    annotations = _annotation_targets(o, plan.jobs, lang_value) if o.annotate is not None else {}

    from golocheck.records import replace

    from golocheck.plan import with_suppression_findings
    from golocheck.run import NOTHING, run_jobs, source_for_output

    # each result keeps only what the output shows of its report's text
    source = NOTHING if write_baseline is not None else source_for_output(format_value, o.statistics)
    show_progress = outcome.shows_progress(len(plan.jobs), not o.quiet and output_file is None)
    across = _across_plan(o, run_config, rules, lang_value)
    # the across stage's manifest errors, caught only when the stage runs (its module stays
    # off the start-up path of a plain check)
    ManifestError = _manifest_error() if across is not None else ()
    prerender = "json" if format_value == "json" and write_baseline is None else None
    # only the output reads the diagnostics: no baseline filters them, no copy is annotated
    whole = prerender is None or baseline is not None or bool(annotations) or across is not None
    # in place: a batch's plan holds one job per file, not two
    plan.jobs[:] = [replace(job, source=source, across=across.spec if across else None, prerender=prerender, whole_diagnostics=whole)
                    for job in plan.jobs]
    jobs = plan.jobs
    stream = with_suppression_findings(run_jobs(jobs, o.jobs), plan, rules)
    if across is not None:
        from golocheck.across.stage import with_findings

        stream = with_findings(stream, jobs, across, rules)  # holds the results until the batch ends
    if show_progress or write_baseline is not None or baseline is not None:
        # these read every result before the output: a progress bar on a terminal (the
        # output would cross it), and the baselines (written whole / counted across files)
        try:
            with outcome.progress(len(plan.jobs), enabled=show_progress) as advance:
                results = []
                for result in stream:
                    results.append(result)
                    if advance:
                        advance()
        except OSError as exc:
            raise fail(word(lang_value, "cannot_read", path=exc.filename, reason=exc.strerror))
        except ManifestError as exc:  # see below
            raise fail(str(exc))
    else:
        results = stream  # rendered as it is checked: memory stays flat over a large batch

    if write_baseline is not None:
        from golocheck.baseline import render as render_baseline

        try:
            outcome.write_or_fail(write_baseline, render_baseline(results), "--write-baseline")
        except outcome.OutputError as exc:
            raise fail(str(exc))
        sys.stderr.write(f"golocheck: {sum(len(r.diagnostics) for r in results)} finding(s) recorded in {write_baseline}\n")
        return 0
    left_out = 0
    if baseline is not None:
        from golocheck.baseline import BaselineError, filter_results, load

        try:
            results, left_out = filter_results(results, load(baseline))
        except BaselineError as exc:
            raise fail(str(exc))

    selections = {job.display: job.selection for job in plan.jobs}  # a result's path is its job's display
    noted: dict = {}
    if annotations:
        results = _noting(results, annotations, noted)
    results = outcome.Tally(results)
    try:
        outcome.report(results, rules, lang_value, format_value, use_color(o.color, output_file), output_file,
                       statistics=o.statistics, quiet=o.quiet, left_out=left_out, selections=selections)
    except outcome.OutputError as exc:
        raise fail(str(exc))
    except ManifestError as exc:  # formats or years of one sum that differ, found once the reports are read
        raise fail(str(exc))
    except BrokenPipeError:
        # The reader of the output went away (`golocheck dir | head`): write nothing more,
        # but check the remaining files so that the exit code still covers all of them.
        outcome.silence_stdout()
        for _ in results:
            pass
    except OSError as exc:  # a file that vanished between planning and reading
        raise fail(word(lang_value, "cannot_read", path=exc.filename, reason=exc.strerror))
    if annotations:
        from golocheck.annotate import AnnotateUsage, write_copies

        sources = {job.display: job.data if job.path is None else job.path for job in plan.jobs}
        try:
            write_copies(annotations, noted, sources, lang_value, o.quiet)
        except AnnotateUsage as exc:
            raise fail(str(exc))
    return outcome.exit_code(results, fail_value, o.exit_zero, lang_value)


def _annotation_targets(o: CheckOptions, jobs, lang: str) -> dict:
    """--annotate: result path -> where its annotated copy goes (usage errors now, before checking)."""
    from golocheck.annotate import AnnotateUsage, plan_targets

    try:
        return plan_targets(o.annotate, jobs, lang, (o.output_file, o.write_baseline, o.previous, o.baseline))
    except AnnotateUsage as exc:
        raise fail(str(exc))


def _noting(results, annotations: dict, noted: dict):
    """Pass the results through, keeping the findings of the documents to annotate (those
    in the document itself, as the output shows them)."""
    for result in results:
        if result.path in annotations:
            noted[result.path] = (result.parsed, tuple(d for d in result.diagnostics if d.file == result.path))
        yield result


def _manifest_error():
    from golocheck.across.manifest import ManifestError

    return ManifestError


def _across_plan(o: CheckOptions, run_config, rules, lang: str):
    """The checks across reports, when asked for: ``--across`` (or ``across = true``) for
    copied sections, ``--aggregate MANIFEST`` (or ``aggregate = "FILE"``, relative to the
    configuration file) for the sums it names. None: the batch streams as usual."""
    manifest = o.aggregate
    if manifest is None and run_config.get("aggregate"):
        manifest = run_config.base / run_config.get("aggregate")
    copies = bool(o.across or run_config.get("across"))
    if manifest is None and not copies:
        return None
    if manifest is not None and (not manifest.exists() or manifest.is_dir()):
        raise fail(f"--aggregate: cannot read {manifest}: not a file")
    from golocheck.across.manifest import ManifestError
    from golocheck.across.stage import prepare

    try:
        return prepare(rules, manifest, copies)
    except ManifestError as exc:
        raise fail(str(exc))
