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
