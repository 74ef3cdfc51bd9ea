"""golocheck's own YAML data files (rules, formats, phrases, regulations), and their compiled copy.

PyYAML builds Python objects in pure Python even with the C parser: the ~90 data files cost
about 100 ms on every start, too much for a pre-commit hook. So the files are parsed once,
when the package is built, into one JSON file inside the package, ``golocheck/_compiled.json``
(the artefact). Nothing is written at run time, and nothing is read from the user's home.

* ``pip install .`` / a wheel: hatch_build.py (the build hook) writes the artefact into the wheel.
* ``pip install -e .``: the same hook writes it into the source tree (src/golocheck, ignored by
  git); after editing data files, ``python -m golocheck.compile`` writes it again.

Each entry of the artefact carries the fingerprint of its source file's bytes, and a source is
always read: an entry is used only if the bytes still match, so an edited file is parsed from
YAML (a stale artefact costs time, never correctness) and a deleted file is gone. A missing,
truncated or corrupt artefact is ignored as a whole (its first line is a checksum of the rest).

The fingerprint is the length, CRC-32 and Adler-32 of the bytes (zlib, already loaded by
start-up), not a cryptographic hash: it detects edits, which is its only job — anyone who could
forge a collision could as well edit the package's code. hashlib would add ~5 ms to every start.

This module imports nothing of golocheck at import time: the build hook loads it by file path.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any

ARTEFACT_NAME = "_compiled.json"
ARTEFACT_FORMAT = "golocheck-compiled-data 1"

def parse_yaml(raw: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - safe loader


def fingerprint(raw: bytes) -> str:
    return f"{len(raw)}:{zlib.crc32(raw):08x}:{zlib.adler32(raw):08x}"


# -- building the artefact (build hook, python -m golocheck.compile) -------------------


def compile_sources(directories: dict[str, Path]) -> str:
    """The artefact's text for the ``*.yaml`` files of ``directories`` (key prefix -> directory).
    A file whose parsed data would not come back the same from JSON (a date, an integer key)
    is left out: it is parsed from YAML at run time."""
    files: dict[str, dict] = {}
    for prefix, directory in sorted(directories.items()):
        for path in sorted(Path(directory).glob("*.yaml")):
            raw = path.read_bytes()
            data = parse_yaml(raw)
            try:
                same = json.loads(json.dumps(data, ensure_ascii=False)) == data
            except (TypeError, ValueError):
                same = False
            if same:  # the data as JSON text, decoded only when a run reads the file
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                files[f"{prefix}/{path.name}"] = {"fingerprint": fingerprint(raw), "data": text}
    return artefact_text(files)


def artefact_text(files: dict[str, dict]) -> str:
    """The artefact: a header line with the fingerprint of the rest, then the entries as JSON."""
    body = json.dumps({"files": files}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{ARTEFACT_FORMAT} {fingerprint(body.encode('utf-8'))}\n{body}"


def source_directories() -> dict[str, Path]:
    """The installed (or checked-out) data directories, by artefact key prefix: a key is the
    file's path from the data root or the package (A001.yaml in the rules directory, say, is
    rules/A001.yaml), the same in a wheel and in a checkout. hatch_build.py lists the same."""
    from golocheck.paths import PACKAGE_DIR, formats_dir, rules_dir

    rules, phrases = rules_dir(), rules_dir() / "phrases"
    directories = (rules, phrases, formats_dir(), PACKAGE_DIR / "data")
    return {"/".join(d.parts[len(d.parts) - (2 if d == phrases else 1):]): d for d in directories}


def artefact_path() -> Path:
    return Path(__file__).resolve().parent / ARTEFACT_NAME


# -- reading it ---------------------------------------------------------------------------


class _Artefact:
    """The artefact as read: ``files`` maps keys to {fingerprint, data (JSON text)}; ``problem``
    says why an artefact that is present could not be used (it is then ignored)."""

    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, Any] = {}
        self.problem: str | None = None
        self.used: list[str] = []  # keys served from the artefact (the tests look)
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            return  # a checkout before any install: every file is parsed from YAML
        except OSError as exc:
            self.problem = f"{path}: cannot read golocheck's compiled data ({exc.strerror})"
            return
        header, _, body = text.partition(b"\n")
        try:
            files = json.loads(body)["files"] if header == f"{ARTEFACT_FORMAT} {fingerprint(body)}".encode() else None
        except (ValueError, KeyError, TypeError):
            files = None
        if not isinstance(files, dict):
            self.problem = f"{path}: golocheck's compiled data is corrupt or truncated"
            return
        self.files = files

    def lookup(self, key: str, raw: bytes) -> tuple[bool, Any]:
        entry = self.files.get(key)
        if not (isinstance(entry, dict) and isinstance(entry.get("data"), str) and entry.get("fingerprint") == fingerprint(raw)):
            return False, None
        self.used.append(key)
        return True, json.loads(entry["data"])  # decoded per use: callers get objects of their own


@cache
def artefact() -> _Artefact:
    return _Artefact(artefact_path())


@cache
def _keys_by_directory() -> dict[Path, str]:
    return {directory: prefix for prefix, directory in source_directories().items()}


def load_yaml_file(path: Path) -> Any:
    """A data file's content: from the artefact when it holds this file's current bytes,
    else parsed from YAML."""
    with open(path, "rb") as handle:
        raw = handle.read()
    prefix = _keys_by_directory().get(Path(path).parent)
    if prefix is not None:
        found, data = artefact().lookup(f"{prefix}/{Path(path).name}", raw)
        if found:
            return data
    return parse_yaml(raw)
