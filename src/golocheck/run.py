"""Checking many files: each file with its own selection, settings and suppressions
(from the closest configuration), in parallel when asked, results in the order the
files were given.

A batch keeps going: a file that cannot be read is that file's finding (F011), and a
worker process that dies while checking a file (killed, out of memory, a crash in a C
extension) is that file's finding (X002); the other files' results stand. Neither can
be ignored or suppressed: a file that was not checked never passes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from golocheck.diagnostics import Diagnostic, Finding, Severity
from golocheck.engine import Selection, make_diagnostic, run_detailed
from golocheck.loading import MAX_BYTES, load_path, load_text
from golocheck.settings import CheckSettings

UNREADABLE = "F011"
CRASHED = "X002"


@dataclass(frozen=True)
class FileResult:
    path: str
    text: str | None  # for source excerpts
    diagnostics: tuple[Diagnostic, ...]
    used_suppressions: frozenset[int] = frozenset()  # indexes into Job.suppressions
    # For reporters, which never re-read a report: whether the text parsed, and its known format id
    parsed: bool = False
    format_id: str | None = None


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
    # Found by searching a directory: only a regular file is read. A FIFO there would
    # block the batch and a device could be endless; one named on the command line
    # (a FIFO, /dev/fd/N from <(...)) is read as the user asked.
    regular_only: bool = False


class _NotRegular(OSError):
    pass


def read_bytes(path: Path, regular_only: bool = False) -> bytes:
    """The first MAX_BYTES + 1 bytes of ``path`` (enough to tell a file is too large)."""
    if regular_only:
        mode = os.stat(path).st_mode  # follows symlinks; a dangling one raises here
        if not stat.S_ISREG(mode):
            raise _NotRegular(0, _kind(mode), str(path))
        # O_NONBLOCK: should the file have become a FIFO since, open must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            mode = os.fstat(fd).st_mode
            os.close(fd)
            raise _NotRegular(0, _kind(mode), str(path))
        handle = os.fdopen(fd, "rb")
    else:
        handle = open(path, "rb")
    with handle:
        chunks, size = [], 0
        while size <= MAX_BYTES:  # a pipe returns short reads
            chunk = handle.read(MAX_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"not a regular file: {name}"
    return "not a regular file"


_KIND_ZH = {
    "a directory": "目录", "a FIFO (named pipe)": "命名管道（FIFO）", "a socket": "套接字",
    "a character device": "字符设备", "a block device": "块设备",
}


def _reason(exc: OSError) -> tuple[str, str]:
    """The OS reason, in English (as the OS says it) and Chinese."""
    if isinstance(exc, _NotRegular):
        en = exc.strerror
        kind = en.partition(": ")[2]
        return "不是普通文件" + (f"：{_KIND_ZH[kind]}" if kind in _KIND_ZH else ""), en
    en = exc.strerror or type(exc).__name__
    zh = {
        "ENOENT": "文件不存在（或符号链接指向不存在的文件）", "EACCES": "没有读取权限", "EPERM": "不允许读取",
        "EISDIR": "是目录", "ELOOP": "符号链接循环", "ENXIO": "无法打开（套接字或没有设备）", "EIO": "输入输出错误",
    }.get(_errno_name(exc.errno), en)
    return zh, en


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
    if job.path is None:
        loaded = load_text(job.display, job.data)
    else:
        try:
            raw = read_bytes(job.path, job.regular_only)
        except OSError as exc:
            zh, en = _reason(exc)
            return file_finding(job, UNREADABLE, {"reason_zh": zh, "reason_en": en})
        loaded = load_text(job.display, raw)
    last = load_path(job.previous, str(job.previous)) if job.previous is not None else None
    result = run_detailed(loaded, job.selection, last, job.settings, job.suppressions, job.today)
    return FileResult(loaded.path, loaded.text, tuple(result.diagnostics), result.used_suppressions,
                      parsed=loaded.data is not None, format_id=_known_format(loaded.data))


def _known_format(data) -> str | None:
    from golocheck.formats import get_format

    fmt = data.get("format") if isinstance(data, dict) else None
    return fmt if isinstance(fmt, str) and get_format(fmt) is not None else None


def worker_count(requested: int, files: int) -> int:
    """No more processes than files or CPUs: ``--jobs 1000`` must not fork 1,000 interpreters."""
    try:
        cpus = len(os.sched_getaffinity(0))  # the CPUs this process may use
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(requested, files, cpus))


def run_jobs(jobs: list[Job], workers: int = 1, progress=None) -> list[FileResult]:
    """Results in the order of ``jobs``. ``workers`` > 1 checks in up to that many processes
    (see :func:`worker_count`); ``progress`` (a callable) is told after each file."""
    workers = worker_count(workers, len(jobs))
    if workers <= 1:
        results = []
        for job in jobs:
            results.append(run_job(job))
            if progress:
                progress()
        return results
    return run_in_processes(jobs, workers, progress)


def run_in_processes(jobs: list[Job], workers: int, progress=None, worker: Callable[[Job], FileResult] = run_job) -> list[FileResult]:
    """run_jobs in a pool of ``workers`` processes. ``worker`` checks one job: a parameter
    so that tests can give one that dies.

    When a worker process dies, the pool is broken and every unfinished job fails with
    it. Only jobs the pool had started can have killed it; the pool feeds jobs in order,
    so those are among the first 2 * workers + 1 unfinished ones (each worker's job and
    the pool's queue of workers + 1). Those are run again one at a time in a one-process
    pool: the first to fail there is the one that kills a process. Its file gets X002, and
    the rest continue in parallel. Every round finishes a job or names one, so this ends."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: list[FileResult | None] = [None] * len(jobs)
    pending = list(range(len(jobs)))
    suspects: list[int] = []
    while pending or suspects:
        serial = bool(suspects)
        batch = suspects if serial else pending
        failed: list[int] = []
        with ProcessPoolExecutor(max_workers=1 if serial else workers) as pool:
            futures = [(index, pool.submit(worker, jobs[index])) for index in batch]
            for index, future in futures:
                try:
                    results[index] = future.result()
                except BrokenProcessPool:
                    failed.append(index)
                    continue
                if progress:
                    progress()
        if serial:
            suspects = []
            if failed:
                culprit = failed[0]
                results[culprit] = file_finding(jobs[culprit], CRASHED, {"reason_zh": "检查此文件的进程意外终止", "reason_en": "the process checking this file died"})
                if progress:
                    progress()
                pending = failed[1:] + pending
        else:
            in_flight = 2 * workers + 1
            suspects, pending = failed[:in_flight], failed[in_flight:]
    return results  # type: ignore[return-value]


def check_paths(paths: list[Path], selection: Selection = Selection(), previous: Path | None = None) -> list[FileResult]:
    """The simple case: the same selection for every file, no configuration."""
    return run_jobs([Job(path, str(path), selection, previous=previous) for path in paths])
