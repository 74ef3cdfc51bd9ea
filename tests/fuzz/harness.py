"""Check one corpus input through the library API and say everything that went wrong.

:func:`check_case` runs in worker processes (``tests/fuzz/test_fuzz_corpus.py``) and
returns an :class:`Outcome` — plain data, so it pickles — instead of raising: the test
collects every failure of the whole corpus, grouped by kind, rather than stopping at
the first.

What "wrong" means (the product's bar):

* an exception escapes golocheck (``exception``), or a check fails inside (``X001``);
* a file that could not be read or checked passes: no error-level finding although
  it did not load, or loaded as something that is not a report of a known format
  (``passed-unreadable``);
* one input takes longer than :func:`bound` (``slow``: 5 s per started MB) or is
  stopped by the alarm :data:`GRACE_SECONDS` later, or by the watchdog when the alarm
  cannot interrupt it (``hang``) — generous bounds, not performance goals;
* checking a file changed it, or left anything beside it (``input-modified``);
* an output format cannot carry the findings: not UTF-8, not valid JSON or XML
  (``reporter``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from fuzz.malformed import case
from golocheck.reporters import REPORTERS

# Generous bounds for one input (the largest are a few MB): far above what any input
# needs on a loaded 2-core machine, far below a hang.
CAP_SECONDS = 5.0
BIG_INPUT = 1_000_000  # bytes; a bigger input gets CAP_SECONDS per started MB
GRACE_SECONDS = 5.0  # past the bound plus this, the input is stopped and counted as a hang
FILE_EVERY = 50  # every 50th input is also checked as a file (hashes before and after)
RENDER_EVERY = 100  # every 100th input's findings go through every output format (the reporter properties cover more)


@dataclass
class Outcome:
    index: int
    family: str
    size: int
    loaded: bool = False  # parsed into data at all
    readable: bool = False  # a mapping of a known format, no loader problem
    passed: bool = False  # no error-level finding
    as_file: bool = False
    rendered: bool = False
    seconds: float = 0.0
    codes: tuple[str, ...] = ()
    failures: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)


class _Alarm(BaseException):  # not Exception: the engine catches those as X001
    pass


def _on_alarm(signum, frame):
    raise _Alarm()


def _where(exc: BaseException) -> str:
    """The innermost golocheck frame of a traceback (else the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "golocheck" in f.filename and "/tests/" not in f.filename] or frames
    f = ours[-1]
    path = f.filename.split("/src/")[-1]
    return f"{type(exc).__name__} at {path}:{f.lineno} in {f.name}: {str(exc)[:160]}"


def _unreadable(loaded) -> bool:
    from golocheck.formats import get_format

    data = loaded.data
    if data is None or loaded.problems or not isinstance(data, dict):
        return True
    return not isinstance(data.get("format"), str) or get_format(data["format"]) is None


def check_case(index: int) -> Outcome:
    from golocheck.api import check_bytes
    from golocheck.loading import load_text

    item = case(index)
    outcome = Outcome(index, item.family, len(item.raw))
    fail = outcome.failures.append
    cap = bound(len(item.raw))
    _watchdog(index, cap + 2 * GRACE_SECONDS + 10)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, cap + GRACE_SECONDS)
    began = time.perf_counter()
    stage = "checking"
    try:
        loaded = load_text(item.name, item.raw)
        outcome.loaded = loaded.data is not None
        outcome.readable = not _unreadable(loaded)
        diagnostics = check_bytes(item.raw, item.name)
        outcome.seconds = time.perf_counter() - began
        outcome.codes = tuple(sorted({d.code for d in diagnostics}))
        outcome.passed = not any(d.severity.value == "error" for d in diagnostics)
        for d in diagnostics:
            if d.code == "X001":
                fail(("X001", f"{d.args.get('rule')}: {d.args.get('error')}"))
        if not outcome.readable and outcome.passed:
            codes = ", ".join(f"{d.code}[{d.severity.value}]" for d in diagnostics) or "no findings"
            fail(("passed-unreadable", f"data type {type(loaded.data).__name__}, format {_format(loaded.data)!r}: {codes}"))
        if index % FILE_EVERY == 0:
            outcome.as_file = True
            _check_as_file(item, diagnostics, fail)
        if index % RENDER_EVERY == 0 and diagnostics:
            outcome.rendered = True
            stage = "rendering"
            # a bound of its own: 14 renderings (7 formats, 2 languages), each held to the input's bound
            cap = cap * 2 * len(REPORTERS)
            _watchdog(index, cap + 2 * GRACE_SECONDS + 10)
            signal.setitimer(signal.ITIMER_REAL, cap + GRACE_SECONDS)
            _render_all(item, loaded, diagnostics, fail)
    except _Alarm:
        fail(("hang", f"{stage} stopped after {cap + GRACE_SECONDS:.0f} s ({len(item.raw)} bytes)"))
    except BaseException as exc:  # noqa: BLE001 - any escape is the finding
        fail(("exception", _where(exc)))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _watchdog(None, 0)
        outcome.seconds = outcome.seconds or (time.perf_counter() - began)
    if outcome.seconds > cap and not any(kind == "hang" for kind, _ in outcome.failures):
        fail(("slow", f"{outcome.seconds:.1f} s (bound {cap:.0f} s)"))
    return outcome


WATCHDOG_DIR = "GOLOCHECK_FUZZ_WATCHDOG"


def _watchdog(index: int | None, seconds: float) -> None:
    """The last resort against a hang the alarm cannot interrupt (C code that never
    returns to the interpreter, e.g. decimal arithmetic on 1e999999): faulthandler's
    own thread dumps the stack to ``<dir>/<pid>.log`` and ends the worker process.
    The parent then reports the input named in ``<dir>/<pid>.current``."""
    import faulthandler

    folder = os.environ.get(WATCHDOG_DIR)
    if not folder:
        return
    if index is None:
        faulthandler.cancel_dump_traceback_later()
        return
    base = Path(folder) / str(os.getpid())
    base.with_suffix(".current").write_text(str(index))
    global _LOG
    if _LOG is None:
        _LOG = open(base.with_suffix(".log"), "a")
    faulthandler.dump_traceback_later(seconds, exit=True, file=_LOG)


_LOG = None


def killed_inputs(folder: Path) -> list[tuple[int, str]]:
    """(index, innermost golocheck frames) of every input whose worker the watchdog ended."""
    found = []
    for log in sorted(folder.glob("*.log")):
        text = log.read_text(errors="replace")
        if "Timeout" not in text:
            continue
        current = log.with_suffix(".current")
        index = int(current.read_text()) if current.exists() else -1
        frames = [line.strip() for line in text.splitlines() if "golocheck/" in line and "/tests/" not in line]
        found.append((index, " <- ".join(f.split("/src/")[-1] for f in frames[:3])))
    return found


def bound(size: int) -> float:
    """The time one input of ``size`` bytes may take."""
    return CAP_SECONDS * max(1, -(-size // BIG_INPUT))


def _format(data):
    return data.get("format") if isinstance(data, dict) else None


_WORKDIR: Path | None = None


def _check_as_file(item, diagnostics, fail) -> None:
    """The file path API and the batch runner: same findings, exit code not lying, file untouched."""
    import golocheck
    from golocheck.outcome import exit_code
    from golocheck.run import Job, run_job

    global _WORKDIR
    if _WORKDIR is None:
        _WORKDIR = Path(tempfile.mkdtemp(prefix="golocheck-fuzz-"))
    folder = _WORKDIR / str(item.index)
    folder.mkdir()
    path = folder / ("input" if item.name == "-" else item.name)
    path.write_bytes(item.raw)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    try:
        from_path = golocheck.check(path, display_path=item.name)
        result = run_job(Job(path, item.name))
        after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
        if after != before:
            fail(("input-modified", f"sha256/mtime/size {before} -> {after}"))
        left = sorted(p.name for p in folder.iterdir())
        if left != [path.name]:
            fail(("input-modified", f"files beside the input after checking: {left}"))
        key = lambda d: (d.code, d.pointer, d.message.en)  # noqa: E731
        if sorted(map(key, from_path)) != sorted(map(key, diagnostics)):
            fail(("api-mismatch", "golocheck.check(path) and check_bytes disagree"))
        with open(os.devnull, "w") as devnull, _stderr_to(devnull):
            code = exit_code([result], "error", False, "en")
        expected = 2 if any(d.code == "X001" for d in result.diagnostics) else 1 if any(d.severity.value == "error" for d in result.diagnostics) else 0
        if code != expected:
            fail(("exit-code", f"exit {code}, findings say {expected}"))
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


class _stderr_to:
    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        import sys

        self.saved, sys.stderr = sys.stderr, self.stream

    def __exit__(self, *exc):
        import sys

        sys.stderr = self.saved


_RENDERINGS = 0


def _render_all(item, loaded, diagnostics, fail) -> None:
    """Every output format over the real findings of a malformed input."""
    import xml.etree.ElementTree as ET

    from golocheck.catalogue import load_catalogue
    from golocheck.explain import explain_rule
    from golocheck.reporters import REPORTERS, ReportOptions, render
    from golocheck.run import FileResult

    result = FileResult(item.name, loaded.text, tuple(diagnostics))
    from golocheck.reporters import is_binary

    global _RENDERINGS
    _RENDERINGS += 1
    for fmt in REPORTERS:
        for lang in ("zh", "en"):
            # a workbook costs ~70 ms to write and read back: one language, every 10th time
            # (CI's time budget; tests/fuzz/test_fuzz_reporters.py covers it too)
            if is_binary(fmt) and (lang == "en" or _RENDERINGS % 10 != 1):
                continue
            out = io.BytesIO() if is_binary(fmt) else io.StringIO()
            try:
                options = ReportOptions(lang=lang, ruleset_version="0" * 16, explain=explain_rule)
                render(fmt, [result], load_catalogue(), options, out)
                if is_binary(fmt):  # a workbook: it must read back, every cell
                    import openpyxl

                    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)
                    for sheet in book.worksheets:
                        for _ in sheet.iter_rows(values_only=True):
                            pass
                    book.close()
                    continue
                text = out.getvalue()
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    fail(("reporter", f"{fmt}/{lang}: output is not UTF-8-encodable ({exc.reason} {text[exc.start:exc.end]!r}, "
                          "a lone surrogate from a \\uD800-style escape in the input): --output-file's write_atomic raises"))
                    continue
                if fmt in ("json", "sarif", "gitlab"):
                    json.loads(text, parse_constant=_no_constant)
                elif fmt == "junit":
                    ET.fromstring(text.encode("utf-8"))
            except _Alarm:
                raise
            except BaseException as exc:  # noqa: BLE001
                fail(("reporter", f"{fmt}/{lang}: {_where(exc)}"))


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")
