"""The CI recipes in docs/ci/, tried as a new user would on a reports folder: every
golocheck command of each recipe is run as written (the install step aside: golocheck is
already installed here), and what the CI platform reads from it is checked."""

from __future__ import annotations

import json
import shlex
import shutil

import pytest
import yaml
from jsonschema import Draft4Validator

from helpers import ROOT, run_cli

RECIPES = ROOT / "docs" / "ci"


def _commands(recipe: str) -> list[str]:
    document = yaml.safe_load((RECIPES / recipe).read_text(encoding="utf-8"))
    if recipe == "github-actions.yml":
        lines = [step.get("run", "") for job in document["jobs"].values() for step in job["steps"]]
    else:
        lines = document["golocheck"]["script"]
    return [line for line in lines if line.startswith("golocheck ")]


@pytest.fixture
def user_repo(tmp_path):
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / "sample_reports/golog-2018.json", tmp_path / "reports")
    shutil.copy(ROOT / "sample_reports/clean-gov-2021.json", tmp_path / "reports")
    return tmp_path


def _run(command: str, cwd, env=None):
    return run_cli(*shlex.split(command)[1:], cwd=cwd, env=env)


def test_github_actions_recipe(user_repo):
    summary = user_repo / "summary.md"
    commands = _commands("github-actions.yml")
    assert len(commands) == 2
    annotations = _run(commands[0], user_repo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert annotations.returncode == 1  # the step fails on the seed report's error
    assert "::error file=reports/golog-2018.json,line=105" in annotations.stdout.decode()
    assert "T107" in summary.read_text(encoding="utf-8")
    sarif = _run(commands[1], user_repo)
    assert sarif.returncode == 0  # --exit-zero: the upload step still runs
    document = json.loads((user_repo / "golocheck.sarif").read_text(encoding="utf-8"))
    Draft4Validator(json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))).validate(document)
    assert any(r["ruleId"] == "T107" for r in document["runs"][0]["results"])


def test_gitlab_recipe(user_repo):
    commands = _commands("gitlab-ci.yml")
    assert len(commands) == 2
    assert _run(commands[0], user_repo).returncode == 0
    report = json.loads((user_repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert report and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(issue) for issue in report)
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert _run(commands[1], user_repo).returncode == 1  # the job fails on errors
