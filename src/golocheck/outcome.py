"""What the check command does after the checks: output, baseline-free reporting of
configuration suppressions, the exit code, the progress bar. Kept out of cli.py so that
the command line module only parses options."""

from __future__ import annotations

import sys

def progress(total: int, enabled: bool):
    """A progress bar on standard error for large batches on a terminal; otherwise nothing."""
    import contextlib

    if not enabled or total < 20 or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.progress import Progress

    @contextlib.contextmanager
    def bar():
        with Progress(transient=True, console=_stderr_console()) as progress:
            task = progress.add_task("golocheck", total=total)
            yield lambda: progress.advance(task)

    return bar()


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def exit_code(results, fail_on: str, exit_zero: bool, lang: str) -> int:
    from golocheck.diagnostics import Severity
    from golocheck.engine import INTERNAL_ERROR

    diagnostics = [d for r in results for d in r.diagnostics]
    # X: golocheck itself failed (a check raised, X001; a worker process died, X002)
    if any(d.code == INTERNAL_ERROR or d.code.startswith("X") for d in diagnostics):
        from golocheck.i18n import word

        sys.stderr.write(f"golocheck: error: {word(lang, 'internal')}\n")
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(d.severity.rank >= threshold for d in diagnostics) else 0


def report(results, lang: str, output_format: str, color: str, output_file, statistics: bool, quiet: bool, left_out: int, selections=None) -> None:
    import io
    import os

    from golocheck.reporters import get_reporter
    from golocheck.reporters.statistics import statistics_table

    if color == "always":
        os.environ["FORCE_COLOR"] = "1"
    elif color == "never" or output_file is not None:
        os.environ["NO_COLOR"] = "1"
    out = io.StringIO() if output_file is not None else sys.stdout
    if statistics and output_format in ("full", "concise"):
        out.write(statistics_table(results, lang))
    else:
        reporter = get_reporter(output_format)
        if output_format in ("full", "concise"):
            reporter.render(results, lang, out, quiet=quiet, left_out=left_out)
        elif output_format == "junit":
            reporter.render(results, lang, out, selection=selections)
        else:
            reporter.render(results, lang, out)
    if output_file is not None:
        write_or_fail(output_file, out.getvalue(), "--output-file")


def write_output(path, text: str) -> None:
    """Write an output file. A regular file (or a new one) is replaced atomically, so a
    reader never sees half a report; anything else that can be written — a device such as
    /dev/null, a FIFO, anything under /dev or /proc — is written to directly: replacing it
    by rename would put a regular file in place of the device node."""
    import errno
    import os
    import stat

    from golocheck.reporters import write_atomic

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    # /dev/stdout and /dev/fd/N name whatever the descriptor is open on, often a regular
    # file (a shell redirection): replacing that file would unlink what the shell writes to
    alias = os.path.abspath(path).startswith(("/dev/", "/proc/"))
    if mode is None or (stat.S_ISREG(mode) and not alias):
        write_atomic(path, text)
        return
    # append: /dev/stdout redirected to a log file must not truncate what is already there
    with open(path, "ab") as handle:
        handle.write(text.encode("utf-8"))


def check_target(path, option: str, inputs=()) -> None:
    """Before checking: an output path that can never be written is a usage error now,
    not after the whole batch; and a report being checked is never overwritten."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        parent = os.path.dirname(os.path.realpath(path))
        if not os.path.isdir(parent):
            _fail(f"{option}: cannot write {path}: no such directory {parent}")
        return
    except OSError as exc:
        _fail(f"{option}: cannot write {path}: {exc.strerror}")
    if stat.S_ISDIR(mode):
        _fail(f"{option}: cannot write {path}: is a directory")
    if stat.S_ISREG(mode):
        for source in inputs:
            try:
                if source is not None and os.path.samefile(path, source):
                    _fail(f"{option}: {path} is a report being checked; golocheck never writes to a report file")
            except OSError:
                continue


def _fail(message: str):
    import typer

    sys.stderr.write(f"golocheck: error: {message}\n")
    raise typer.Exit(2)


def write_or_fail(path, text: str, option: str) -> None:
    """Write an output file; a path that cannot be written is a usage error (exit 2), not a crash."""
    try:
        write_output(path, text)
    except OSError as exc:
        _fail(f"{option}: cannot write {path}: {exc.strerror}")
