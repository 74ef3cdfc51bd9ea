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


def _from_package(name: str, *args, missing: str, default=None):
    """golocheck.compile's function ``name``, run on the package being built (its modules
    import only the standard library at import time). If it cannot run here, the build goes
    on without what it makes (``default``) and says so: ``missing`` is what runs then do
    themselves. A build must not fail for an optimisation."""
    import sys

    sys.path.insert(0, str(PACKAGE.parent))
    try:
        from golocheck import compile as compiling

        return getattr(compiling, name)(*args)
    except Exception as exc:  # noqa: BLE001 - see above
        sys.stderr.write(f"golocheck build: {missing} ({exc!r})\n")
        return default
    finally:
        sys.path.remove(str(PACKAGE.parent))


def _validated(directories: dict[str, Path]):
    """golocheck.compile.validated_sources: the rule catalogue fully validated once here, so
    that runs need not (see golocheck.yamlio)."""
    return _from_package("validated_sources", directories, PACKAGE,
                         missing="the rule catalogue was not validated at build time; runs will validate it")


def compiled_text() -> str:
    yamlio = _yamlio()
    # the same keys as golocheck.yamlio.source_directories() of an installed package
    directories = {"rules": ROOT / "rules", "rules/phrases": ROOT / "rules" / "phrases",
                   "formats": PACKAGE / "formats", "data": PACKAGE / "data"}
    validated = _validated(directories)
    return yamlio.compile_sources(directories, validated, _pattern_readings(), _built() if validated else None)


def _built():
    """golocheck.compile.built_catalogue: None when it cannot run here."""
    return _from_package("built_catalogue", missing="the catalogue was not stored built; runs will build it")


def _pattern_readings():
    """golocheck.compile.pattern_readings: None when it cannot run here."""
    return _from_package("pattern_readings", missing="the patterns were not read at build time; runs will read them")


def _write_patterns(directory: Path) -> bool:
    """golocheck.compile.write_patterns (golocheck.precompiled's file): False, and the file
    left out, when it cannot be written here; runs then compile every pattern."""
    return bool(_from_package("write_patterns", directory, missing="the patterns were not precompiled; runs will compile them"))


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
