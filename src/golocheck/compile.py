"""``python -m golocheck.compile``: write golocheck's compiled data files again.

The build hook (hatch_build.py) writes ``golocheck/_compiled.json`` at every install; in a
source checkout, run this after editing rules/*.yaml, rules/phrases/*.yaml or the format
definitions to make start-up fast again (until then the edited files are parsed from YAML,
which is correct but slower). It also validates the rule catalogue, so that runs can trust
it while its sources are unchanged. See golocheck.yamlio.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from golocheck.yamlio import artefact_path, compile_sources, source_directories, validation_sources


def validated_sources(directories: dict[str, Path], package: Path) -> dict[str, str] | None:
    """The fingerprints of the catalogue's sources (golocheck.yamlio.validation_sources) when
    the shipped catalogue passes its full validation, else None (and why, on stderr): runs
    then validate it themselves, and report the broken rule file as they always have."""
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.formats import FormatError

    sources = validation_sources(directories, package)
    try:
        load_catalogue(trust_compiled=False)
    except (CatalogueError, FormatError) as exc:
        sys.stderr.write(f"golocheck.compile: the rule catalogue is not valid, runs will check it: {exc}\n")
        return None
    return sources


def main() -> int:
    from golocheck.paths import PACKAGE_DIR

    path = artefact_path()
    directories = source_directories()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(compile_sources(directories, validated_sources(directories, PACKAGE_DIR)), encoding="utf-8")
    os.replace(temporary, path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
