"""Every check kind declares its parameters as a JSON Schema (``params_schema``), and a rule
whose params do not fit — wrong type, missing or unknown parameter, a cell, table or
section its formats do not have, a rule code that does not exist — fails catalogue
loading with a message naming the rule file and the problem."""

from __future__ import annotations

import re

import copy
import itertools

import pytest
import yaml
from jsonschema import Draft202012Validator

from golocheck import minischema
from golocheck.catalogue import CatalogueError, load_catalogue
from golocheck.checks import KINDS, kind
from helpers import ROOT

RULES = load_catalogue()
_CODES = (f"Z{n:03d}" for n in itertools.count(100))  # below Z899, which a test names


def _example_rule(kind_name: str) -> dict:
    """The rule file of the first rule of this kind, as data."""
    code = next(code for code, rule in RULES.items() if rule.check == kind_name)
    return yaml.safe_load((ROOT / "rules" / f"{code}.yaml").read_text(encoding="utf-8"))


def _load_with(tmp_path, monkeypatch, raw: dict):
    """Load the catalogue with one extra rule file (a new code and name each time)."""
    raw = {**raw, "code": next(_CODES)}
    raw["name"] = f"{raw['name']}-{raw['code'].lower()}"
    directory = tmp_path / "rules"
    directory.mkdir(exist_ok=True)
    path = directory / f"{raw['code']}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    load_catalogue.cache_clear()
    try:
        return path, load_catalogue((directory,))
    finally:
        load_catalogue.cache_clear()


def _fails(tmp_path, monkeypatch, raw: dict, *expected: str) -> str:
    with pytest.raises(CatalogueError) as caught:
        path, _ = _load_with(tmp_path, monkeypatch, raw)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "rules")) and re.search(r"\.yaml:\d+: ", message), message  # FILE:LINE: problem
    for part in expected:
        assert part in message, message
    return message


def _wrong_value(schema: dict):
    """A value the property's schema rejects."""
    return next(v for v in (12345, "not-a-valid-value", [], {}, True) if next(minischema.iter_errors(v, schema), None) is not None)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_declares_a_closed_params_schema_and_no_validate(name):
    cls = kind(name)
    schema = cls.params_schema
    Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert not hasattr(cls, "validate"), "parameters are checked from params_schema only"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_shipped_rule_is_used_as_a_template(name):
    # the bad-params tests below start from a real rule of each kind
    assert any(rule.check == name for rule in RULES.values())


@pytest.mark.parametrize("name", sorted(KINDS))
def test_unknown_parameter_fails_loading(tmp_path, monkeypatch, name):
    raw = _example_rule(name)
    raw["params"] = {**(raw.get("params") or {}), "no_such_parameter": 1}
    _fails(tmp_path, monkeypatch, raw, "params: unknown parameter 'no_such_parameter'")


@pytest.mark.parametrize("name", sorted(n for n in KINDS if kind(n).params_schema.get("required")))
def test_missing_required_parameter_fails_loading(tmp_path, monkeypatch, name):
    raw = _example_rule(name)
    required = kind(name).params_schema["required"][0]
    raw["params"] = {k: v for k, v in raw["params"].items() if k != required}
    _fails(tmp_path, monkeypatch, raw, f"'{required}' is a required property")


@pytest.mark.parametrize("name", sorted(n for n in KINDS if kind(n).params_schema.get("properties")))
def test_wrong_type_fails_loading(tmp_path, monkeypatch, name):
    raw = _example_rule(name)
    schema = kind(name).params_schema
    key = (schema.get("required") or list(schema["properties"]))[0]
    raw["params"] = {**(raw.get("params") or {}), key: _wrong_value(schema["properties"][key])}
    _fails(tmp_path, monkeypatch, raw, f"params/{key}")


@pytest.mark.parametrize(
    "name, change, expected",
    [
        ("sum", {"total": "statistics.no_such_cell"}, "params/total: cell 'statistics.no_such_cell' does not exist in format gov-2014"),
        ("sum_at_least", {"parts": ["statistics.channel_gazette", "statistics.nope"]}, "params/parts: cell 'statistics.nope' does not exist"),
        ("at_most", {"pairs": [["statistics.requests_closed", "statistics.nope"]]}, "params/pairs/0/1: cell 'statistics.nope' does not exist"),
        ("balance", {"left": ["requests.new.{column}", "requests.no_row.{column}"]}, "params/left: cell 'requests.no_row.natural_person' does not exist in format gov-2019"),
        ("balance", {"for_each": {"column": {"columns_of": "no_table"}}}, "params/for_each/column/columns_of: table 'no_table' does not exist"),
        ("sum", {"for_each": {"column": ["total"]}, "total": "statistics.replies_total", "parts": {"part_of": "statistics.nothing", "column": "{column}"}},
         "params/parts: no row of statistics in format gov-2014 is marked part_of nothing"),
        ("carried_over", {"table": "no_table"}, "params/table: table 'no_table' does not exist in format gov-2019"),
        ("carried_over", {"last": "no_row"}, "params/last: row 'no_row' does not exist in table requests of format gov-2019"),
        ("required_sections", {"sections": ["proactive", "no_section"]}, "params/sections/1: section 'no_section' does not exist in format gov-2014"),
        ("section_order", {"sections": ["no_section"]}, "params/sections/0: section 'no_section' does not exist"),
        ("section_mentions", {"section": "no_section"}, "params/section: section 'no_section' does not exist in format gov-2021"),
        ("cell_diagnosis", {"relations": ["T201", "T999"]}, "params/relations/1: unknown rule code 'T999'"),
        ("cell_diagnosis", {"relations": ["V001"]}, "params/relations/0: rule V001 is of kind cell_value; expected one of sum, sum_at_least, at_most, balance"),
    ],
)
def test_unknown_reference_fails_loading(tmp_path, monkeypatch, name, change, expected):
    raw = _example_rule(name)
    raw["params"] = {**raw["params"], **change}
    _fails(tmp_path, monkeypatch, raw, expected)


def test_relations_need_their_formats(tmp_path, monkeypatch):
    raw = _example_rule("sum")
    del raw["formats"]
    _fails(tmp_path, monkeypatch, raw, "needs the rule to list its formats")


def test_a_rule_may_name_a_rule_that_comes_later(tmp_path, monkeypatch):
    """References are resolved once every file is read (Z-codes sort after T-codes, so point
    a shipped-looking rule at an extra one instead)."""
    later = _example_rule("sum")
    path, rules = _load_with(tmp_path, monkeypatch, later)
    assert path.stem in rules
    diagnosis = copy.deepcopy(_example_rule("cell_diagnosis"))
    diagnosis["params"]["relations"] = [path.stem]
    _, rules = _load_with(tmp_path, monkeypatch, diagnosis)
    assert path.stem in rules


def test_a_valid_file_made_invalid_is_read_again(tmp_path, monkeypatch):
    """Nothing of a user's rule file is kept between loads: the same file, edited, is read again."""
    raw = {**_example_rule("cell_value"), "code": "Z899", "name": "cache-probe"}
    directory = tmp_path / "rules"
    directory.mkdir()
    path = directory / "Z899.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    load_catalogue.cache_clear()
    assert "Z899" in load_catalogue((directory,))
    path.write_text(yaml.safe_dump({**raw, "params": {"state": "no_such_state"}}, allow_unicode=True), encoding="utf-8")
    load_catalogue.cache_clear()
    try:
        with pytest.raises(CatalogueError, match=r"Z899\.yaml:\d+: params/state: 'no_such_state' is not one of"):
            load_catalogue((directory,))
    finally:
        load_catalogue.cache_clear()
