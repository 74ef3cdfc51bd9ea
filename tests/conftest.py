from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the tests that run the real pre-commit: the hook's environment
    (golocheck and its dependencies, installed by pre-commit) is built once per run for this
    checkout's commit, as a user's cache would hold it, instead of once per test."""
    return tmp_path_factory.mktemp("pre-commit-home")
