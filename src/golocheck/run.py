"""Checking many files: each file with its own selection, settings and suppressions
(from the closest configuration), in parallel when asked, results in the order the
files were given.

Results are streamed: :func:`run_jobs` yields each file's result, in order, as soon as it
and those before it are done, so that a batch of 10,000 reports is never held in memory
at once. A result carries only what the output needs of the report's text
(:attr:`Job.source`): the whole text, the lines its diagnostics point at (for the full
output's excerpts), or nothing — a worker process sends back diagnostics, not reports.

A batch keeps going: a file that cannot be read is that file's finding (F011), and a
worker process that dies while checking a file (killed, out of memory, a crash in a C
extension) is that file's finding (X002); the other files' results stand. Neither can
be ignored or suppressed: a file that was not checked never passes.
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from golocheck.diagnostics import Diagnostic, Finding, Severity
from golocheck.engine import Selection, make_diagnostic, run_detailed
from golocheck.loading import MAX_BYTES, load_path
from golocheck.records import record, replace
from golocheck.settings import CheckSettings
from golocheck.userdata import UserData, activate, active

UNREADABLE = "F011"
CRASHED = "X002"

# What a result keeps of the report's text (Job.source)
WHOLE = "whole"  # the text as read (the library's default)
EXCERPTS = "excerpts"  # only the lines that diagnostics point at, the others blank (full output)
NOTHING = "nothing"  # no text: the other outputs show diagnostics only
REVIEW = "review_record"  # no text, but a review record (golocheck.review): the html output's tables and sentences

_SOURCE_FOR_OUTPUT = {"full": EXCERPTS, "html": REVIEW}  # JUnit reads the format id the result carries


def source_for_output(output_format: str, statistics: bool = False) -> str:
    """What of each report's text the output format shows: the full output shows source
    excerpts (not with --statistics), the html output its cells and sentences (REVIEW); no
    other format shows the text."""
    if statistics and output_format in ("full", "concise"):
        return NOTHING
    return _SOURCE_FOR_OUTPUT.get(output_format, NOTHING)


@record(frozen=True)
class FileResult:
    """What checking one file gives: its findings, and what the output shows of its text."""

    path: str
    # For source excerpts: the text as read, or with only the lines diagnostics point at
    # (other lines blank, so that line numbers stay), or None (see Job.source).
    text: str | None
    diagnostics: tuple[Diagnostic, ...]
    used_suppressions: frozenset[int] = frozenset()  # indexes into Job.suppressions
    # For reporters, which never re-read a report: whether the text parsed, and its known format id
    parsed: bool = False
    format_id: str | None = None
    # Rule code -> why that selected, applicable rule did not check the report (see
    # pipeline.not_run; a rule listed nowhere here ran). None: not recorded (nothing ran).
    not_run: dict[str, str] | None = None
    # what the report says of itself, for tables of reports (the workbook's): None when not said
    issuer: str | None = None
    year: int | None = None
    # For the checks across reports (golocheck.across): what they keep of the report; taken
    # off the result before it reaches the output
    across: object | None = None
    # Only for the html output (Job.source REVIEW): the report's cells and marked sentences
    review: Any = None
    # For outputs a worker process renders (Job.prerender): the diagnostics it sent, their
    # records as the output writes them, joined by ",\n" and encoded as UTF-8, the end of
    # each record in those bytes, and whether none held a surrogate (see
    # json_output.rendered_records); the parent then only copies the bytes. An output finds
    # a diagnostic's record by identity, so one added or replaced after the worker
    # (suppressions, across) is rendered by the output itself. () when none was rendered.
    rendered: tuple = ()


@record(frozen=True)
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
    # Found by searching a directory: only a regular file is read. A FIFO there would
    # block the batch and a device could be endless; one named on the command line
    # (a FIFO, /dev/fd/N from <(...)) is read as the user asked.
    regular_only: bool = False
    source: str = WHOLE  # what the result keeps of the text: WHOLE, EXCERPTS or NOTHING
    userdata: UserData = UserData()  # the user's formats and rules (a worker process activates them)
    across: object | None = None  # an across.signatures.AcrossSpec: keep the report's signature
    # "json": a worker process renders each diagnostic's record of the JSON output
    # (FileResult.rendered), so that with --jobs N the parent does not do it for all
    prerender: str | None = None
    # False: besides the prerendered records, the parent reads of each diagnostic only its
    # code, name and severity (the JSON output with nothing else between the checks and
    # it): a worker sends a Brief in place of each Diagnostic. A whole diagnostic is
    # several times the record's size to pickle, and the parent unpickled every one.
    whole_diagnostics: bool = True


class _NotRegular(OSError):
    """A path that is not a regular file; ``kind`` is the i18n key of what it is ("" unknown)."""

    def __init__(self, kind: str, path: str) -> None:
        super().__init__(0, "not a regular file", path)
        self.kind = kind


def read_bytes(path: Path, regular_only: bool = False) -> bytes:
    """The first MAX_BYTES + 1 bytes of ``path`` (enough to tell a file is too large)."""
    if regular_only:
        mode = os.stat(path).st_mode  # follows symlinks; a dangling one raises here
        if not stat.S_ISREG(mode):
            raise _NotRegular(_kind(mode), str(path))
        # O_NONBLOCK: should the file have become a FIFO since, open must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    else:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        if regular_only and not stat.S_ISREG(status.st_mode):
            raise _NotRegular(_kind(status.st_mode), str(path))
        if stat.S_ISDIR(status.st_mode):  # what open() says of a directory (os.open opens one)
            import errno

            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        return _read_up_to_limit(fd, status.st_size if stat.S_ISREG(status.st_mode) else 0)
    finally:
        os.close(fd)


def _read_up_to_limit(fd: int, size_hint: int) -> bytes:
    """Up to MAX_BYTES + 1 bytes of ``fd``, in reads of the size the file says it has (and
    one byte more, to see it end), not of MAX_BYTES + 1: a read allocates the bytes it may
    return, ten megabytes for every report of a few dozen kilobytes. A pipe returns short
    reads: read until its end."""
    chunks, size = [], 0
    want = min(MAX_BYTES + 1, size_hint + 1 if size_hint else 1 << 16)
    while size <= MAX_BYTES:
        chunk = os.read(fd, min(want, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        want = 1 << 16 if size > size_hint else size_hint + 1 - size
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


# stat test -> the i18n key of what the path is instead of a regular file
_NOT_REGULAR = ((stat.S_ISDIR, "os_directory"), (stat.S_ISFIFO, "os_fifo"), (stat.S_ISSOCK, "os_socket"), (stat.S_ISCHR, "os_char_device"), (stat.S_ISBLK, "os_block_device"))


def _kind(mode: int) -> str:
    """The i18n key of what a path is when it is not a regular file."""
    return next((key for test, key in _NOT_REGULAR if test(mode)), "")


def _reason(exc: OSError) -> tuple[str, str]:
    """The OS reason, in Chinese and in English (as the OS says it)."""
    from golocheck.i18n import maybe_word, word

    if isinstance(exc, _NotRegular):
        if not exc.kind:
            return word("zh", "os_not_regular"), word("en", "os_not_regular")
        return tuple(word(lang, "os_not_regular_kind", kind=word(lang, exc.kind)) for lang in ("zh", "en"))
    en = exc.strerror or type(exc).__name__
    return maybe_word("zh", f"os_{_errno_name(exc.errno)}") or en, en


def _errno_name(number: int | None) -> str:
    import errno

    return errno.errorcode.get(number or 0, "")


def file_finding(job: Job, code: str, args: dict) -> FileResult:
    """A finding that stands for the whole file (it could not be read or checked): always
    an error, never filtered by the selection, as the file was not checked at all."""
    from golocheck.catalogue import load_catalogue

    finding = Finding("", args, severity=Severity.ERROR)
    diagnostic = make_diagnostic(load_catalogue()[code], finding, job.display, job.selection)
    return FileResult(job.display, None, (diagnostic,))


def run_job(job: Job) -> FileResult:
    from golocheck.inputs import load_bytes

    if job.userdata != active():
        activate(job.userdata)

    if job.path is None:
        loaded = load_bytes(job.display, job.data)
    else:
        try:
            raw = read_bytes(job.path, job.regular_only)
        except OSError as exc:
            zh, en = _reason(exc)
            return file_finding(job, UNREADABLE, {"reason_zh": zh, "reason_en": en})
        loaded = load_bytes(job.display, raw)
    last = load_path(job.previous, str(job.previous)) if job.previous is not None else None
    result = run_detailed(loaded, job.selection, last, job.settings, job.suppressions, job.today)
    diagnostics = tuple(result.diagnostics)
    here = tuple(d for d in diagnostics if d.file == loaded.path)  # excerpts only of this file's lines
    signature = None
    if job.across is not None:
        from golocheck.across.signatures import build

        signature = build(loaded, job.across)
    format_id = _known_format(loaded.data)
    review = None
    if job.source == REVIEW:
        from golocheck.formats import get_format
        from golocheck.review import review_of

        review = review_of(loaded.data, get_format(format_id) if format_id else None, here)
    return FileResult(loaded.path, kept_text(loaded.text, here, job.source), diagnostics, result.used_suppressions,
                      parsed=loaded.data is not None, format_id=format_id, not_run=result.not_run, **_identity(loaded.data),
                      across=signature, review=review)


def _identity(data) -> dict:
    """The report's issuer and year as its metadata states them (text and an integer)."""
    metadata = data.get("metadata") if isinstance(data, dict) else None
    if not isinstance(metadata, dict):
        return {}
    issuer, year = metadata.get("issuer"), metadata.get("report_year")
    return {"issuer": issuer if isinstance(issuer, str) else None,
            "year": year if isinstance(year, int) and not isinstance(year, bool) else None}


def _known_format(data) -> str | None:
    from golocheck.formats import get_format

    fmt = data.get("format") if isinstance(data, dict) else None
    return fmt if isinstance(fmt, str) and get_format(fmt) is not None else None


def kept_text(text: str | None, diagnostics: tuple[Diagnostic, ...], source: str) -> str | None:
    """What a result keeps of ``text``. For EXCERPTS: the lines (as ``str.splitlines``
    numbers them, as the full output does) that diagnostics point at, every other line up
    to the last of them blank; a few hundred bytes instead of the whole report."""
    if source == WHOLE or text is None:
        return text
    if source in (NOTHING, REVIEW):
        return None
    wanted = {d.location.source_span.line for d in diagnostics if d.location.source_span is not None}
    if not wanted:
        return None
    lines = text.splitlines()
    last = min(max(wanted), len(lines))
    if last < 1:
        return None
    # a newline after the last line: "\n".join(["", ""]) alone would split into one line
    return "\n".join(lines[n - 1] if n in wanted else "" for n in range(1, last + 1)) + "\n"


def worker_count(requested: int, files: int) -> int:
    """No more processes than files or CPUs: ``--jobs 1000`` must not fork 1,000 interpreters."""
    try:
        cpus = len(os.sched_getaffinity(0))  # the CPUs this process may use
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(requested, files, cpus))


def run_jobs(jobs: list[Job], workers: int = 1, progress=None) -> Iterator[FileResult]:
    """Each job's result, in the order of ``jobs``, as soon as it is done: an iterator, so
    that the caller can report and forget each one. ``workers`` > 1 checks in up to that
    many processes (see :func:`worker_count`); ``progress`` (a callable) is told after each
    file."""
    workers = worker_count(workers, len(jobs))
    if workers <= 1:
        return _run_here(jobs, progress)
    return run_in_processes(jobs, workers, progress, chunksize=chunk_size(len(jobs), workers), total=len(jobs))


def _run_here(jobs: Iterable[Job], progress) -> Iterator[FileResult]:
    for job in jobs:
        result = run_job(job)
        if progress:
            progress()
        yield result


MAX_CHUNK = 16


def chunk_size(files: int, workers: int) -> int:
    """Jobs sent to a worker at a time, of ``files`` still to send: enough that each round
    trip carries several files (fewer messages, and pickle writes a rule's title and basis
    once per chunk), few enough that every worker gets about four chunks of what remains.
    Asked again before each chunk, it shrinks the chunks towards the end of a batch, so
    that the workers finish together: no worker is left with a long last chunk while the
    others wait."""
    return max(1, min(MAX_CHUNK, files // (4 * workers)))


def _pool(workers: int):
    """A process pool. On Linux its workers are forked (the default there before Python
    3.14, asked for by name since), so that each starts with what the parent has loaded —
    the modules, the catalogue, the user's data — instead of importing it again; elsewhere
    the platform's default (fork is unsafe on macOS). multiprocessing flushes the standard
    streams before it forks, so a worker never writes the parent's buffered output again."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    if context is not None:
        _before_forking()
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _before_forking() -> None:
    """What every worker would import for its first report, imported once here, so that
    the forked workers inherit it: the stages, every module of the checks, of the narrative
    readers and of the loaders, the JSON records' writer. Modules only, nothing that
    depends on a report; each worker imported them again before (a tenth of a second of
    CPU per worker)."""
    import pkgutil
    from importlib import import_module

    from golocheck import checks, loading, narrative, pipeline  # noqa: F401
    from golocheck.reporters import json_output  # noqa: F401

    for package in (checks, narrative, loading):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            import_module(module.name)


class Brief:
    """A diagnostic as the parent process sees it when a worker has rendered its record
    and the job says the parent needs no more (Job.whole_diagnostics False): what the
    summary counts and the exit code reads. It stands in the result's diagnostics and, with
    its record, in FileResult.rendered, where the output finds the record by identity."""

    __slots__ = ("code", "name", "severity")

    def __init__(self, code: str, name: str, severity: Severity) -> None:
        self.code, self.name, self.severity = code, name, severity

    def __reduce__(self):
        return Brief, (self.code, self.name, self.severity)


def _run_chunk(worker: Callable[[Job], FileResult], jobs: list[Job]) -> list[FileResult]:
    """In a worker process: the chunk's results, with their records rendered where the
    job asks for it (only here: in one process the output renders them as they go by)."""
    results = [worker(job) for job in jobs]
    for position, (job, result) in enumerate(zip(jobs, results)):
        if job.prerender == "json" and result.diagnostics:
            from golocheck.reporters.json_output import rendered_records

            _, block, ends, clean = rendered_records(result.diagnostics)
            sent = result.diagnostics if job.whole_diagnostics else tuple(Brief(d.code, d.name, d.severity) for d in result.diagnostics)
            results[position] = replace(result, diagnostics=sent, rendered=(sent, block, ends, clean))
    return results


def run_in_processes(jobs: Iterable[Job], workers: int, progress=None, worker: Callable[[Job], FileResult] = run_job,
                     chunksize: int = 1, total: int | None = None) -> Iterator[FileResult]:
    """run_jobs in a pool of ``workers`` processes, ``chunksize`` jobs at a time, or, when
    the number of jobs is known (``total``), :func:`chunk_size` of those not yet sent;
    ``jobs`` is read only as far as needed. ``worker`` checks one job: a parameter so that
    tests can give one that dies.

    At most 2 * workers + 1 chunks are out at a time (each worker's and the pool's queue
    of workers + 1), so a slow reader does not make finished results pile up. When a
    worker process dies, the pool is broken and every unfinished job fails with it; only
    jobs of the chunks out at the time can have killed it. Those are run again one at a
    time in a one-process pool: the first to fail there is the one that kills a process.
    Its file gets X002, and the rest continue in parallel. Every round finishes a job or
    names one, so this ends."""
    from collections import deque
    from concurrent.futures.process import BrokenProcessPool

    source = enumerate(jobs)
    sent = 0  # jobs taken from ``source``
    again: deque[tuple[int, Job]] = deque()  # jobs to run before new ones (after a pool broke)
    done: dict[int, FileResult] = {}  # finished, waiting for those before them
    next_out = 0

    def take() -> list[tuple[int, Job]]:
        nonlocal sent
        count = chunksize if total is None else chunk_size(total - sent + len(again), workers)
        items = []
        while len(items) < count:
            if again:
                items.append(again.popleft())
            else:
                item = next(source, None)
                if item is None:
                    break
                sent += 1
                items.append(item)
        return items

    def finished(index: int, result: FileResult):
        nonlocal next_out
        done[index] = result
        if progress:
            progress()
        while next_out in done:
            next_out += 1
            yield done.pop(next_out - 1)

    while True:
        suspects: list[tuple[int, Job]] = []
        pool = _pool(workers)
        try:
            out: deque = deque()
            while True:
                while len(out) < 2 * workers + 1 and (items := take()):
                    out.append((items, pool.submit(_run_chunk, worker, [job for _, job in items])))
                if not out:
                    break
                items, future = out.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    suspects = items
                    for items, future in out:  # the pool is broken: each is finished or failed
                        if future.exception() is None:
                            for (index, _), result in zip(items, future.result()):
                                yield from finished(index, result)
                        else:
                            suspects = suspects + items
                    break
                for (index, _), result in zip(items, results):
                    yield from finished(index, result)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not suspects:
            return
        with _pool(1) as serial:
            for position, (index, job) in enumerate(suspects):
                try:
                    result = serial.submit(worker, job).result()
                except BrokenProcessPool:
                    from golocheck.i18n import word

                    result = file_finding(job, CRASHED, {"reason_zh": word("zh", "worker_died"), "reason_en": word("en", "worker_died")})
                    again.extendleft(reversed(suspects[position + 1:]))
                    yield from finished(index, result)
                    break
                yield from finished(index, result)


def check_paths(paths: list[Path], selection: Selection = Selection(), previous: Path | None = None) -> list[FileResult]:
    """The simple case: the same selection for every file, no configuration."""
    return list(run_jobs([Job(path, str(path), selection, previous=previous, userdata=active()) for path in paths]))
