"""The real pre-commit, run with `try-repo` against this repository, on a temporary git
repository holding one failing and one passing report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory, pre_commit_home):
    if not Path(PRE_COMMIT).exists():
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    work = tmp_path_factory.mktemp("reports-repo")
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "test@example.invalid")
    _git(work, "config", "user.name", "test")
    (work / "reports").mkdir()
    shutil.copy(ROOT / "sample_reports/golog-2018.json", work / "reports/failing.json")
    shutil.copy(ROOT / "sample_reports/clean-gov-2014.json", work / "reports/passing.json")
    _git(work, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run golocheck as pre-commit installs it

    def run(name: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(ROOT), "golocheck", "--files", f"reports/{name}", "--verbose"],
            cwd=work, env=env, capture_output=True, timeout=900,
        )

    return {"failing": run("failing.json"), "passing": run("passing.json")}


def test_failing_report_fails_the_hook(outcome):
    result = outcome["failing"]
    out = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 1, out
    assert "T107" in out and "Failed" in out


def test_passing_report_passes_the_hook(outcome):
    result = outcome["passing"]
    out = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 0, out
    assert "Passed" in out
