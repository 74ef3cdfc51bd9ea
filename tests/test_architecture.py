"""The architecture contract (pyproject.toml [tool.importlinter]) holds: reporters do not
import the loaders, the engine or the checks; checks do not import reporters; only the
command line knows typer and click. Run here so that CI runs it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import ROOT

COMMAND_LINE = {"golocheck.cli", "golocheck.usage", "golocheck.__main__", "golocheck.entry"}


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_typer_contract_covers_every_module():
    """A new module is inside the contract: it lists every top-level module but the command line."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if "typer" in c["forbidden_modules"] and "golocheck.checks" in c["source_modules"])
    package = ROOT / "src" / "golocheck"
    modules = {f"golocheck.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"golocheck.{p.name}" for p in package.iterdir() if (p / "__init__.py").exists()}
    assert set(contract["source_modules"]) == modules - COMMAND_LINE
