"""The import rules' failing examples (raw HTML documents in rules/I0NN.yaml), run through
assembly with the tests' minimal HTML table reader: each gives its code exactly at the
pointers the example lists, and its passing example (a report file) never does."""

from __future__ import annotations

from collections import Counter

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.importing import ImportOptions
from golocheck.importing.assemble import assemble

from .html_lite import read

IMPORT_RULES = [r for r in load_catalogue().values() if r.check == "importer" and r.code >= "I010" and r.code < "I030"]


def test_the_anchoring_codes_are_rules():
    assert [r.code for r in IMPORT_RULES] == [f"I0{n}" for n in range(10, 22)]


@pytest.mark.parametrize("rule", IMPORT_RULES, ids=lambda r: r.code)
def test_failing_examples_fire_where_they_say(rule):
    for example in rule.examples["fail"]:
        result = assemble(read(example["raw"].encode(example.get("encoding", "utf-8"))), ImportOptions())
        mine = [p.pointer for p in result.problems if p.code == rule.code]
        assert Counter(mine) == Counter(example["at"]), [(p.code, p.pointer) for p in result.problems]
        for problem in result.problems:  # every placeholder of the message is given
            if problem.code == rule.code:
                rule.message.zh.format(**problem.args)
                rule.message.en.format(**problem.args)
