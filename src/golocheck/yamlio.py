"""YAML reading for golocheck's own data files (formats, rules): the C loader when available."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_yaml_file(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506 - safe loader
