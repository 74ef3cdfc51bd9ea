"""The user's own formats and rules: files outside the package, read at run time.

A province keeps its table (a format definition) and its local rules (rule files) in its
own repository and points golocheck at them: ``--format-path DIR|FILE`` and
``--rule-path DIR|FILE`` (repeatable), or the ``format-paths`` and ``rule-paths`` keys of the
configuration (relative to the configuration file). A directory stands for its ``*.yaml``
files. They are read and validated exactly as the shipped files are (golocheck.formats,
golocheck.catalogue), on every run — never compiled, never cached anywhere on disk — and a
format id or rule code that is already taken is a configuration error naming the file.

Which files are in use is one process-wide value, :func:`active`: the command sets it once
(:func:`activate`) before it loads the catalogue, and a worker process sets it from its job,
so every part of golocheck that reads the formats or the rules sees the same ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from golocheck.records import record


class UserDataError(Exception):
    """A format or rule path that cannot be used (one line, exit 2)."""


@record(frozen=True)
class UserData:
    """The user's format definition and rule files in use (see the module's description)."""

    formats: tuple[Path, ...] = ()  # format definition files, in order
    rules: tuple[Path, ...] = ()  # rule files, in order


_active = UserData()


def active() -> UserData:
    return _active


def activate(data: UserData) -> None:
    global _active
    _active = data


def _files(paths: Iterable[Path], option: str) -> tuple[Path, ...]:
    """The YAML files of ``paths`` (a directory: its ``*.yaml``, sorted), each once."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates = sorted(path.glob("*.yaml"))
        elif path.is_file():
            candidates = [path]
        else:
            raise UserDataError(f"{option}: cannot read {path}: no such file or directory")
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in found:
                found.append(resolved)
    return tuple(found)


def rule_files(paths: Iterable[Path], option: str = "--rule-path") -> tuple[Path, ...]:
    return _files(paths, option)


def format_files(paths: Iterable[Path], option: str = "--format-path") -> tuple[Path, ...]:
    return _files(paths, option)


def from_options(format_paths: Iterable[Path] = (), rule_paths: Iterable[Path] = (), config=None) -> UserData:
    """The user data of a run: the configuration's paths (relative to its file), then the
    command line's."""
    formats: list[Path] = []
    rules: list[Path] = []
    if config is not None and config.path is not None:
        where = str(config.path)
        formats += format_files((config.base / p for p in config.get("format_paths", ())), f"{where}: format-paths")
        rules += rule_files((config.base / p for p in config.get("rule_paths", ())), f"{where}: rule-paths")
    formats += format_files(format_paths)
    rules += rule_files(rule_paths)
    return UserData(tuple(dict.fromkeys(formats)), tuple(dict.fromkeys(rules)))


def load(data: UserData) -> dict:
    """Activate ``data`` and load what it adds: the catalogue (the formats are read on the
    way, as rules name them). Raises FormatError or CatalogueError with one line."""
    from golocheck.catalogue import load_catalogue
    from golocheck.formats import all_formats

    activate(data)
    all_formats()  # a broken format file is reported as itself, before any rule names it
    return load_catalogue()
