"""What the check command does after the checks: output, baseline-free reporting of
configuration suppressions, the exit code, the progress bar. Kept out of cli.py so that
the command line module only parses options. It knows nothing of typer: a problem the
user must fix (an output path that cannot be written) is an :class:`OutputError`, which
the command line turns into its one-line usage error and exit code 2."""

from __future__ import annotations

import sys
from typing import IO


class OutputError(Exception):
    """An output file cannot be written: the message is one line naming it."""

def shows_progress(total: int, enabled: bool) -> bool:
    """Whether :func:`progress` shows a bar: for large batches, on a terminal."""
    return enabled and total >= 20 and sys.stderr.isatty()


def progress(total: int, enabled: bool):
    """A progress bar on standard error for large batches on a terminal; otherwise nothing."""
    import contextlib

    if not shows_progress(total, enabled):
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


class Tally:
    """Passes a stream of results through once, noting what the exit code needs (whether
    golocheck itself failed, the highest severity), so that a batch is rendered as it is
    checked and no result is kept after it was rendered."""

    def __init__(self, results):
        self._results = results
        self.internal = False
        self.ranks: set[int] = set()

    def __iter__(self):
        for result in self._results:
            for d in result.diagnostics:
                self.internal = self.internal or d.code.startswith("X")
                self.ranks.add(d.severity.rank)
            yield result


def silence_stdout() -> None:
    """Point standard output at the null device (its reader has gone: a broken pipe), so
    that neither the rest of the run nor the interpreter's final flush writes to it."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def exit_code(results, fail_on: str, exit_zero: bool, lang: str) -> int:
    """The exit code of ``results`` (a list, or a Tally that has been iterated)."""
    if not isinstance(results, Tally):
        tally = Tally(results)
        for _ in tally:
            pass
        results = tally
    # X: golocheck itself failed (a check raised, X001; a worker process died, X002)
    if results.internal:
        from golocheck.i18n import word

        sys.stderr.write(f"golocheck: error: {word(lang, 'internal')}\n")
        return 2
    if exit_zero or fail_on == "never":
        return 0
    from golocheck.diagnostics import Severity

    threshold = Severity(fail_on).rank
    return 1 if any(rank >= threshold for rank in results.ranks) else 0


def report(results, catalogue, lang: str, output_format: str, color: bool, output_file, statistics: bool = False,
           quiet: bool = False, left_out: int = 0, selections=None) -> None:
    """Render ``results`` in ``output_format`` to standard output or ``output_file``. Every
    reporter is called the same way; ``color`` was decided by the command line."""
    import io
    import os

    from golocheck.catalogue import ruleset_version
    from golocheck.explain import explain_rule
    from golocheck.reporters import ReportOptions, get_reporter, is_binary, render

    # the digest reads every rule file with hashlib: only for the outputs that show it
    reporter = get_reporter(output_format)
    version = ruleset_version() if getattr(reporter, "USES_RULESET_VERSION", False) else ""
    formats = None
    if getattr(reporter, "USES_FORMATS", False):  # the html page draws the tables from their definitions
        from golocheck.formats import all_formats

        formats = all_formats()
    step_summary = AppendOnWrite(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None
    options = ReportOptions(lang=lang, color=color, quiet=quiet, left_out=left_out, statistics=statistics,
                            selections=selections, ruleset_version=version, step_summary=step_summary,
                            explain=explain_rule, formats=formats)
    if is_binary(output_format):
        if output_file is None:  # check_command refuses this before checking; a library caller too
            _fail(f"--output-format {output_format}: needs --output-file FILE (not written to standard output)")
        out = io.BytesIO()
    elif output_file is None:
        out = sys.stdout
    else:
        # An output file is written once the whole output is known (atomically); until then it
        # is held in memory up to a few MB and on disk beyond, so that a large page (html) or
        # log does not grow the process with the batch. newline="": the text is kept as rendered.
        import tempfile  # with shutil and random: only when there is an output file

        out = tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", encoding="utf-8", errors="replace", newline="")
    try:
        render(output_format, results, catalogue, options, out)
        if output_file is not None:
            out.seek(0)
            write_or_fail(output_file, out, "--output-file")
    finally:
        if step_summary is not None:
            step_summary.close()
        if output_file is not None:
            out.close()


class AppendOnWrite:
    """A text file opened for appending on the first write (GitHub's step summary: only
    the github format writes to it, and no other format may create it)."""

    def __init__(self, path: str):
        self.path = path
        self._handle = None

    def write(self, text: str) -> int:
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")
        return self._handle.write(text)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            try:
                self._handle.close()
            except OSError:
                pass


def _chunks(output):
    """What an output file holds, as bytes in pieces: ``output`` is a string (written as
    UTF-8), bytes (a binary output, a workbook, as they are), or a file of either at its
    start."""
    if isinstance(output, (str, bytes)):
        yield _encoded(output)
        return
    while chunk := output.read(1 << 16):
        yield _encoded(chunk)


def _encoded(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8", "replace")


def write_output(path, text: "str | bytes | IO") -> None:
    """Write an output file (``text``: a string, or a text file to copy from its position).
    A regular file (or a new one) is replaced atomically, so a reader never sees half a
    report; anything else that can be written — a device such as /dev/null, a FIFO,
    anything under /dev or /proc — is written to directly: replacing it
    by rename would put a regular file in place of the device node."""
    import errno
    import os
    import stat

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
        for chunk in _chunks(text):
            handle.write(chunk)


def write_atomic(path, text: "str | bytes | IO") -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary file in the
    same directory and ``os.replace``: readers see the old file or the new one, never a
    partial one. A symlink is followed (its target is replaced); the mode of an existing
    file is kept, a new file gets the usual umask mode rather than mkstemp's 0600."""
    import os
    import tempfile

    from pathlib import Path

    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in _chunks(text):
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


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
    raise OutputError(message)


def write_or_fail(path, text: "str | bytes | IO", option: str) -> None:
    """Write an output file; a path that cannot be written is an OutputError (a usage error,
    exit 2), not a crash."""
    try:
        write_output(path, text)
    except OSError as exc:
        _fail(f"{option}: cannot write {path}: {exc.strerror}")
