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
