"""What ``golocheck check`` does once its options are parsed: plan, run, report, exit code.

It knows nothing of typer: the options arrive as plain values (strings, paths, lists), from
typer (cli.check) or from the fast path of a plain check (golocheck.entry), which must not
pay for importing typer. A usage or configuration problem is one line on standard error
and exit code 2 (:func:`fail`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional


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


def load_catalogue():
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.formats import FormatError

    try:
        return load_catalogue()
    except (CatalogueError, FormatError) as exc:
        raise fail(str(exc))


@dataclass
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
    rules = load_catalogue()
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
    if config is not None and (not config.exists() or config.is_dir()):
        raise fail(f"--config: cannot read {config}: not a file")
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
    run_config = plan.run_config
    for target, option in ((output_file, "--output-file"), (write_baseline, "--write-baseline")):
        if target is not None:
            try:
                outcome.check_target(target, option, [job.path for job in plan.jobs] + [previous])
            except outcome.OutputError as exc:
                raise fail(str(exc))
    lang_value = lang or run_config.get("language") or "zh"
    format_value = o.output_format or run_config.get("output_format") or "full"
    fail_value = o.fail_on or run_config.get("fail_on") or "error"

    from dataclasses import replace

    from golocheck.i18n import word
    from golocheck.plan import with_suppression_findings
    from golocheck.run import NOTHING, run_jobs, source_for_output

    # each result keeps only what the output shows of its report's text
    source = NOTHING if write_baseline is not None else source_for_output(format_value, o.statistics)
    show_progress = outcome.shows_progress(len(plan.jobs), not o.quiet and output_file is None)
    stream = with_suppression_findings(run_jobs([replace(job, source=source) for job in plan.jobs], o.jobs), plan, rules)
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
    results = outcome.Tally(results)
    try:
        outcome.report(results, rules, lang_value, format_value, use_color(o.color, output_file), output_file,
                       statistics=o.statistics, quiet=o.quiet, left_out=left_out, selections=selections)
    except outcome.OutputError as exc:
        raise fail(str(exc))
    except BrokenPipeError:
        # The reader of the output went away (`golocheck dir | head`): write nothing more,
        # but check the remaining files so that the exit code still covers all of them.
        outcome.silence_stdout()
        for _ in results:
            pass
    except OSError as exc:  # a file that vanished between planning and reading
        raise fail(word(lang_value, "cannot_read", path=exc.filename, reason=exc.strerror))
    return outcome.exit_code(results, fail_value, o.exit_zero, lang_value)
