"""Fuzz tests: hypothesis profiles and the corpus summary printed at the end of the run.

Profiles (``HYPOTHESIS_PROFILE``):

* ``ci`` (the default): derandomized, no example database, no deadline, a bounded number
  of examples, no shrinking — every run tries the same inputs, so a red CI run is
  reproducible and a green one is not luck;
* ``deep``: random, many more examples, for a long local hunt
  (``HYPOTHESIS_PROFILE=deep python -m pytest tests/fuzz``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=12,
    print_blob=True,
    # no shrinking in CI: a failure is reported as found (reproducible, being derandomized);
    # shrinking it can take minutes per test. Run the deep profile for minimal examples.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=_SLOW_IS_FINE,
)
settings.register_profile(
    "deep",
    derandomize=False,
    deadline=None,
    max_examples=5000,
    suppress_health_check=_SLOW_IS_FINE,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_SUMMARY = pytest.StashKey[list]()


@pytest.fixture
def fuzz_summary(pytestconfig) -> list:
    """Lines a fuzz test wants printed in the terminal summary (its counts)."""
    return pytestconfig.stash.setdefault(_SUMMARY, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    lines = config.stash.get(_SUMMARY, [])
    if lines:
        terminalreporter.section("fuzz")
        for line in lines:
            terminalreporter.write_line(line)
