"""YAML reading for golocheck's own data files (formats, rules, phrases).

PyYAML builds Python objects in pure Python even with the C parser: the ~90 data
files cost about 100 ms on every start, too much for a pre-commit hook. So each
file's parsed content is kept as JSON in a cache directory, keyed by a hash of the
file's bytes (an edited file is simply parsed again). The cache is an optimisation
only: when it cannot be read or written, files are parsed as before.

Cache directory: $GOLOCHECK_CACHE_DIR, else $XDG_CACHE_HOME/golocheck, else
~/.cache/golocheck; GOLOCHECK_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_FORMAT = "2"  # 2: entries carry a digest of their text


def _cache_dir() -> Path | None:
    if os.environ.get("GOLOCHECK_NO_CACHE"):
        return None
    if os.environ.get("GOLOCHECK_CACHE_DIR"):
        return Path(os.environ["GOLOCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "golocheck"


def _parse(raw: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - safe loader


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_entry(cached: Path) -> Any:
    """A cache entry is the SHA-256 of its JSON text on the first line, then the text: an
    entry that was truncated or overwritten (even with valid JSON of another shape) does
    not match and is ignored, so it is never blamed on the intact source file."""
    digest, _, text = cached.read_text(encoding="utf-8").partition("\n")
    if digest != _digest(text):
        raise ValueError("corrupt cache entry")
    return json.loads(text)


def load_yaml_file(path: Path) -> Any:
    with open(path, "rb") as handle:
        raw = handle.read()
    directory = _cache_dir()
    if directory is None:
        return _parse(raw)
    cached = directory / "yaml" / f"{hashlib.sha256(CACHE_FORMAT.encode() + raw).hexdigest()}.json"
    try:
        return _read_entry(cached)
    except (OSError, ValueError):
        pass  # missing, unreadable or corrupt: parse the source again and rewrite the entry
    data = _parse(raw)
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # not JSON-shaped (a date, say): no cache for this file
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(_digest(text) + "\n" + text, encoding="utf-8")
        os.replace(temporary, cached)
    except OSError:
        pass  # a read-only home directory: parse every time
    return data
