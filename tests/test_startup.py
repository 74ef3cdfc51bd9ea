"""What a plain check leaves out of its start-up, and that leaving it out changes no result.

The start-up's cost against yamllint is measured in benchmarks/ (benchmarks/README.md); these
tests pin the measures that are exact: a pyproject.toml that cannot hold a [tool.golocheck]
table is not parsed, and nothing is imported for an output file that is not there.
"""

from __future__ import annotations

import sys

import pytest


@pytest.fixture
def no_tomllib(monkeypatch):
    """Importing tomllib fails: a test passes only if nothing needed it."""
    monkeypatch.setitem(sys.modules, "tomllib", None)


@pytest.mark.parametrize("text", [
    '[project]\nname = "lint-me"\n\n[tool.ruff]\nline-length = 100\n',
    "[tool.ruff\nbroken = \n",  # a broken file that cannot hold the table either
    "",
])
def test_a_pyproject_that_cannot_hold_the_table_is_not_parsed(tmp_path, no_tomllib, text):
    from golocheck.config import _has_table

    for encoding in ("utf-8", "utf-16"):
        path = tmp_path / "pyproject.toml"
        path.write_text(text, encoding=encoding)
        assert _has_table(path) is False


@pytest.mark.parametrize(("text", "found"), [
    ('[tool.golocheck]\nignore = ["S002"]\n', True),
    ('[tool."\\u0067olocheck"]\nignore = ["S002"]\n', True),  # the name spelled with an escape
    ('[tool]\n"\\U00000067olocheck" = { ignore = ["S002"] }\n', True),
    ('[project]\nname = "golocheck"\n', False),  # the word, but not the table: parsed to know
    ('[tool.x]\nkey = "\\u0041"\n', False),
])
def test_a_pyproject_that_may_hold_the_table_is_parsed(tmp_path, text, found):
    from golocheck.config import _has_table

    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert _has_table(path) is found


def test_the_output_on_standard_output_imports_no_temporary_file_module(monkeypatch, capsys):
    from golocheck import outcome
    from golocheck.catalogue import load_catalogue

    monkeypatch.setitem(sys.modules, "tempfile", None)  # importing it fails
    outcome.report([], load_catalogue(), "en", "concise", False, None)
    captured = capsys.readouterr()
    assert captured.err == "" and "0 error" in captured.out, captured


# A pyproject.toml that names golocheck only where no [tool.golocheck] table can come of it:
# its layout is read (config._named_only_in_values), tomllib is not imported.
NAMED_ONLY_IN_VALUES = [
    '[project]\nname = "golocheck"\ndependencies = ["golocheck>=1", \'x\']\n\n[project.scripts]\ngolocheck = "golocheck.entry:main"\n',
    '# golocheck\n[tool.importlinter]\nmodules = [\n  "golocheck.a", # golocheck\n  "golocheck.b",\n]\n',
    'x = """\n[tool.golocheck]\n"""\n[tool]\ny = {golocheck = 1}\n',
    "a = '''golocheck'''\nb = 1979-05-27 07:32:00Z # golocheck\n[tool.x]\ngolocheck = [[1, 2], {a = 'golocheck'}]\n",
    '\ufeff[project.urls]\n"golocheck" = "https://example.invalid/golocheck"\n',
]
# Files that hold the table, spelled in the ways TOML allows, or that tomllib must decide.
HOLDING = [
    "[tool.golocheck]\n", '[ tool . "golocheck" ]\n', "[tool.'golocheck'.x]\n", "[[tool.golocheck.a]]\n",
    "[tool]\ngolocheck = {}\n", "[tool]\ngolocheck.ignore = []\n", "tool.golocheck.ignore = []\n",
    "tool = {golocheck = {}}\n", '"tool" . golocheck = {}\n', 'x = """a""""\n[tool.golocheck]\n',
    'x = "a\\"]"\n[tool.golocheck]\n', "x = ['''a''', [\"b\"]]\n[tool.golocheck]\n", 'x = """\\"""\n"""\n[tool.golocheck]\n',
    'tool = ["golocheck"]\n', 'tool = "a golocheck"\n',  # what `"golocheck" in data["tool"]` finds, too
]


@pytest.mark.parametrize("text", NAMED_ONLY_IN_VALUES)
def test_a_pyproject_naming_golocheck_only_in_values_is_not_parsed(tmp_path, no_tomllib, text):
    from golocheck.config import _has_table

    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert _has_table(path) is False


def test_this_repository_s_pyproject_is_not_parsed(no_tomllib):
    from golocheck.config import _has_table
    from helpers import ROOT

    assert b"golocheck" in (ROOT / "pyproject.toml").read_bytes()
    assert _has_table(ROOT / "pyproject.toml") is False


@pytest.mark.parametrize("text", NAMED_ONLY_IN_VALUES + HOLDING)
def test_the_layout_reading_agrees_with_tomllib(tmp_path, text):
    """Never "cannot hold" for a file that holds the table: each text is valid TOML, and
    where tomllib finds the table the layout reading leaves the decision to it."""
    import tomllib

    from golocheck.config import _has_table, _named_only_in_values

    held = "golocheck" in tomllib.loads(text.removeprefix("\ufeff")).get("tool", {})
    assert held is (text in HOLDING)
    assert _named_only_in_values(text.encode("utf-8")) is not held
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert _has_table(path) is held


_COUNT_COLLECTIONS = """
import atexit, gc, sys
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info["generation"]))
import golocheck.check_command, golocheck.pipeline
real_started, real_stages = golocheck.check_command.started, golocheck.pipeline.run_stages
seen = []
def started(reports):
    seen.append(len(collections) - before)
    real_started(reports)
def run_stages(*args, **kwargs):
    seen.append(gc.isenabled())
    return real_stages(*args, **kwargs)
golocheck.check_command.started, golocheck.pipeline.run_stages = started, run_stages
atexit.register(lambda: print("COLLECTED", *seen[:2], gc.isenabled(), file=sys.stderr))
from golocheck.entry import main
gc.collect()  # the allocation count from zero: no collection can fall due by chance before main pauses it
before = len(collections)
main(sys.argv[1:])
"""


@pytest.mark.parametrize(("reports", "seen"), [
    (["sample_reports/golog-2018.json"], "COLLECTED 0 False True"),  # one report: paused to the end
    (["sample_reports/golog-2018.json", "sample_reports/clean-gov-2014.json"], "COLLECTED 0 True True"),
])
def test_a_plain_check_collects_no_garbage_while_it_starts_and_collects_again_after(reports, seen):
    """Start-up builds what lives until the process ends: the cyclic collector is paused
    until the check is planned (no collection before), then on again for the reports; a
    check of one report keeps it paused until the check ends."""
    import subprocess

    from helpers import ROOT

    result = subprocess.run([sys.executable, "-c", _COUNT_COLLECTIONS, "--output-format", "concise", *reports],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == 1 and b"T107" in result.stdout, result.stderr.decode()
    *_, line = result.stderr.decode().splitlines()
    assert line == seen


def test_a_check_called_in_process_leaves_the_collector_as_it_found_it(tmp_path):
    import gc

    from helpers import ROOT, golocheck_in_process

    assert gc.isenabled() and gc.get_freeze_count() == 0
    code, out, _ = golocheck_in_process("--output-format", "concise", str(ROOT / "sample_reports/golog-2018.json"), cwd=tmp_path)
    assert code == 1 and "T107" in out
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing of the caller's left out of its collections
