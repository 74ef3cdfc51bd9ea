"""Meta-tests of the rule catalogue and the derived files: every rule file is valid
and documented, codes are unique and stable, and nothing derived has drifted."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from golocheck.catalogue import load_catalogue, load_rule_file, rule_schema
from golocheck.schema import render, report_schema
from helpers import ROOT

RULES = load_catalogue()


@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*.yaml")), ids=lambda p: p.stem)
def test_rule_file_is_valid(path):
    rule = load_rule_file(path, validate=True)
    assert rule.code == path.stem


def test_rule_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(rule_schema())


def test_report_schema_is_committed_and_current():
    committed = (ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == render(report_schema()), "run: python -m golocheck.schema > schemas/report.schema.json"


def test_report_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(report_schema())


def test_codes_emitted_by_code_exist_in_the_catalogue():
    """Loader and engine codes written in Python (Problem("F003", ...)) are documented rules."""
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    emitted = set(re.findall(r'"([A-Z][0-9]{3})"', source))
    assert emitted and emitted <= set(RULES)
    builtin = {code for code, rule in RULES.items() if rule.check in ("loader", "schema", "engine", "importer")}
    assert builtin - {"F007"} <= emitted  # F007 comes from the schema validation


def test_relations_name_only_existing_cells():
    """Catalogue loading validates every expanded cell id in every format of the rule;
    here: a rule naming a cell that does not exist is refused."""
    from golocheck.records import replace

    from golocheck.checks import validate_params

    rule = RULES["T107"]
    broken = replace(rule, params={**rule.params, "total": "statistics.no_such_cell"})
    assert "no_such_cell" in validate_params(broken)


def test_generated_docs_are_current():
    from golocheck.docgen import pages

    for name, text in pages().items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == text, f"stale docs/{name}: run python -m golocheck.docgen docs"
