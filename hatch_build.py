"""Build hook: golocheck's YAML data files parsed once, into the package (golocheck/_compiled.json).

A wheel gets a freshly compiled artefact; an editable install (``pip install -e .``) gets it in
the source tree, src/golocheck/_compiled.json (ignored by git), where the checkout's package
reads it. The compiling is golocheck.yamlio's, loaded by file path: golocheck's dependencies are
not installed while it is built (PyYAML is a build requirement for this).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "src" / "golocheck"


def _yamlio():
    spec = importlib.util.spec_from_file_location("_golocheck_build_yamlio", PACKAGE / "yamlio.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _validated(directories: dict[str, Path]):
    """golocheck.compile.validated_sources, run on the package being built: the rule catalogue
    fully validated once here, so that runs need not (see golocheck.yamlio). Its modules import
    only the standard library at import time. If it cannot run here, runs validate."""
    import sys

    sys.path.insert(0, str(PACKAGE.parent))
    try:
        from golocheck.compile import validated_sources

        return validated_sources(directories, PACKAGE)
    except Exception as exc:  # noqa: BLE001 - a build must not fail for an optimisation
        sys.stderr.write(f"golocheck build: the rule catalogue was not validated at build time ({exc!r}); runs will validate it\n")
        return None
    finally:
        sys.path.remove(str(PACKAGE.parent))


def compiled_text() -> str:
    yamlio = _yamlio()
    # the same keys as golocheck.yamlio.source_directories() of an installed package
    directories = {"rules": ROOT / "rules", "rules/phrases": ROOT / "rules" / "phrases",
                   "formats": PACKAGE / "formats", "data": PACKAGE / "data"}
    return yamlio.compile_sources(directories, _validated(directories), _pattern_readings())


def _pattern_readings():
    """golocheck.compile.pattern_readings, as _validated: None when it cannot run here."""
    import sys

    sys.path.insert(0, str(PACKAGE.parent))
    try:
        from golocheck.compile import pattern_readings

        return pattern_readings()
    except Exception as exc:  # noqa: BLE001 - a build must not fail for an optimisation
        sys.stderr.write(f"golocheck build: the patterns were not read at build time ({exc!r}); runs will read them\n")
        return None
    finally:
        sys.path.remove(str(PACKAGE.parent))


def _write_patterns(directory: Path) -> bool:
    """golocheck.compile.write_patterns (golocheck.precompiled's file), as _validated: the
    file is left out when it cannot be written here, and runs compile every pattern."""
    import sys

    sys.path.insert(0, str(PACKAGE.parent))
    try:
        from golocheck.compile import write_patterns

        return bool(write_patterns(directory))
    except Exception as exc:  # noqa: BLE001 - a build must not fail for an optimisation
        sys.stderr.write(f"golocheck build: the patterns were not precompiled ({exc!r}); runs will compile them\n")
        return False
    finally:
        sys.path.remove(str(PACKAGE.parent))


class CompiledDataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        text = compiled_text()
        yamlio = _yamlio()
        if version == "editable":
            yamlio.write_compiled(PACKAGE / "_compiled.json", text)
            _write_patterns(PACKAGE)
            return
        self._temporary = Path(tempfile.mkdtemp(prefix="golocheck-build-"))
        artefact = self._temporary / "_compiled.json"
        yamlio.write_compiled(artefact, text)  # and its marshal form, for the Python that builds
        names = ["_compiled.json", yamlio.QUICK_NAME]
        if _write_patterns(self._temporary):  # for the Python that builds, as the marshal form
            names.append("_patterns.marshal")
        for name in names:
            build_data["force_include"][str(self._temporary / name)] = f"golocheck/{name}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_temporary", None) is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
