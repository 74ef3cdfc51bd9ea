"""Where golocheck finds its data: rule catalogue, schemas, format definitions.

In a wheel, ``rules/`` and ``schemas/`` are copied into ``golocheck/_data``;
in a source checkout (editable install, tests) they are read from the top of
the repository, so there is exactly one copy of each file in the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    bundled = PACKAGE_DIR / "_data"
    if bundled.is_dir():
        return bundled
    return PACKAGE_DIR.parent.parent  # repository root: src/golocheck -> .


def rules_dir() -> Path:
    return data_root() / "rules"


def schemas_dir() -> Path:
    return data_root() / "schemas"


def formats_dir() -> Path:
    return PACKAGE_DIR / "formats"


def yaml_files(directory: Path) -> list[Path]:
    """``sorted(directory.glob("*.yaml"))`` without glob, which compiles a regular expression
    (fnmatch) on every start; [] when the directory cannot be listed."""
    import os

    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [directory / name for name in sorted(names) if name.endswith(".yaml")]
