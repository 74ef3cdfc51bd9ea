"""golocheck validates reports with its own small validator (start-up time); jsonschema is
the reference. Both must report the same errors — same place, same keyword — on the
samples, on every rule example and on thousands of randomly broken reports."""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from golocheck.catalogue import load_catalogue
from golocheck.formats import get_format
from golocheck.loading import load_text
from golocheck.minischema import iter_errors
from golocheck.schema import report_schema
from golocheck.templates import apply_patch, skeleton
from helpers import ROOT

SCHEMA = report_schema()
REFERENCE = Draft202012Validator(SCHEMA)


def _errors_mine(data) -> Counter:
    return Counter((tuple(e.absolute_path), e.validator) for e in iter_errors(data, SCHEMA))


def _errors_reference(data) -> Counter:
    return Counter((tuple(e.absolute_path), e.validator) for e in REFERENCE.iter_errors(data))


def _documents():
    for path in sorted((ROOT / "sample_reports").rglob("*")):
        if path.suffix in (".json", ".yaml"):
            loaded = load_text(str(path), path.read_bytes())
            if loaded.data is not None:
                yield path.name, loaded.data
    for rule in load_catalogue().values():
        for outcome in ("pass", "fail"):
            for index, example in enumerate(rule.examples[outcome]):
                if "report" in example:
                    fmt = get_format(example.get("format") or (rule.formats[0] if rule.formats else "gov-2014"))
                    report = apply_patch(skeleton(fmt), example["report"])
                    yield f"{rule.code}-{outcome}-{index}", json.loads(json.dumps(report, default=str), parse_float=Decimal)


DOCUMENTS = list(_documents())


@pytest.mark.parametrize("name, data", DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_same_errors_as_jsonschema(name, data):
    assert _errors_mine(data) == _errors_reference(data)


_ODD_VALUES = [None, True, 0, -1, 1.5, Decimal("2.50"), "", "x", "2024/01/01", [], {}, [1], {"a": 1}, "—", "9210条"]


def _mutate(value, generator):
    """Replace, delete or add one thing somewhere in the document."""
    if isinstance(value, dict) and value:
        key = generator.choice(list(value))
        action = generator.random()
        if action < 0.3:
            del value[key]
        elif action < 0.4:
            value[f"extra_{generator.randrange(9)}"] = generator.choice(_ODD_VALUES)
        elif action < 0.7 or not isinstance(value[key], (dict, list)):
            value[key] = copy.deepcopy(generator.choice(_ODD_VALUES))
        else:
            _mutate(value[key], generator)
    elif isinstance(value, list) and value:
        index = generator.randrange(len(value))
        if isinstance(value[index], (dict, list)) and generator.random() < 0.7:
            _mutate(value[index], generator)
        else:
            value[index] = copy.deepcopy(generator.choice(_ODD_VALUES))


def test_same_errors_on_randomly_broken_reports():
    generator = random.Random(2026)
    bases = [data for name, data in DOCUMENTS if not name[0].isupper()]
    for _ in range(1500):
        data = copy.deepcopy(generator.choice(bases))
        for _ in range(generator.randrange(1, 4)):
            _mutate(data, generator)
        assert _errors_mine(data) == _errors_reference(data), json.dumps(data, ensure_ascii=False, default=str)[:300]
