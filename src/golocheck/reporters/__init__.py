"""Output formats, one module each, looked up by name. A reporter sees only
diagnostics (and the report texts, for excerpts) — never checks or rules.

Also the two helpers the machine formats share: :func:`write_atomic` for
``--output-file`` (a CI job must never read half a report) and
:func:`fingerprints` (ids that survive edits elsewhere in the file)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Iterable

REPORTERS = {
    "full": "golocheck.reporters.full",
    "concise": "golocheck.reporters.concise",
    "json": "golocheck.reporters.json_output",
    "sarif": "golocheck.reporters.sarif",
    "github": "golocheck.reporters.github",
    "gitlab": "golocheck.reporters.gitlab",
    "junit": "golocheck.reporters.junit",
}


def get_reporter(name: str):
    return import_module(REPORTERS[name])


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``path`` via a temporary file in the
    same directory and ``os.replace``: readers see the old file or the new one, never a
    partial one. A symlink is followed (its target is replaced); the mode of an existing
    file is kept, a new file gets the usual umask mode rather than mkstemp's 0600."""
    import os
    import tempfile

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
            handle.write(text.encode("utf-8"))
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


def posix_path(path: str) -> str:
    """A file path as machine formats show it: as given, with forward slashes."""
    return path.replace("\\", "/")


def fingerprints(diagnostics: Iterable) -> list[str]:
    """One stable id per diagnostic, in order: a hash of (code, file, pointer, occurrence
    index among diagnostics with the same three). No line numbers, so an edit that
    shifts lines keeps every id; the index keeps them unique within one output."""
    import hashlib
    import json

    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for d in diagnostics:
        key = (d.code, posix_path(d.file), d.pointer)
        index = seen.get(key, 0)
        seen[key] = index + 1
        payload = json.dumps([*key, index], ensure_ascii=False)
        result.append(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32])
    return result
