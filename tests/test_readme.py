"""The README's Quick start has exactly two commands, and .ci/run runs exactly those."""

from __future__ import annotations

import re

from helpers import ROOT


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_exactly_two_commands():
    assert len(_quick_start_commands()) == 2


def test_ci_runs_the_same_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _quick_start_commands():
        assert command in ci


def test_ci_runs_the_browser_tests_for_real():
    """.ci/run installs Chromium when missing and makes the browser tests fail, not skip,
    without it — before the Quick-start commands run the suite."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    first_command = ci.index(_quick_start_commands()[0])
    require = ci.index("export GOLOCHECK_REQUIRE_BROWSER=1")
    install = next(i for i, line in enumerate(ci) if line.startswith("command -v chromium") and "apt-get install" in line)
    # the install runs in the background; the browser tests wait for the file it writes when done
    ready = ci.index('export GOLOCHECK_BROWSER_INSTALLED="$browser_log.done"')
    assert require < first_command and ready < install < first_command
    assert '> "$GOLOCHECK_BROWSER_INSTALLED.part"; mv "$GOLOCHECK_BROWSER_INSTALLED.part" "$GOLOCHECK_BROWSER_INSTALLED"' in ci[install]
