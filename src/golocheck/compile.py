"""``python -m golocheck.compile``: write golocheck's compiled data files again.

The build hook (hatch_build.py) writes ``golocheck/_compiled.json`` at every install; in a
source checkout, run this after editing rules/*.yaml, rules/phrases/*.yaml or the format
definitions to make start-up fast again (until then the edited files are parsed from YAML,
which is correct but slower). See golocheck.yamlio.
"""

from __future__ import annotations

import os
import sys

from golocheck.yamlio import artefact_path, compile_sources, source_directories


def main() -> int:
    path = artefact_path()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(compile_sources(source_directories()), encoding="utf-8")
    os.replace(temporary, path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
