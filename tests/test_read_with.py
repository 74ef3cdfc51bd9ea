"""A relation used to read cells (an imported report's `read_with`) is never counted as
passing: on those rows it is not checked, and I032 says so."""

from __future__ import annotations

import json

from golocheck.api import check_bytes
from golocheck.formats import get_format
from golocheck.templates import apply_patch
from tests.test_rule_examples import example_base

BASE = example_base(get_format("gov-2021"))
ROW = {"natural_person": 64, "commercial": 0, "research": 0, "public_interest": 2, "legal_services": 0, "other_org": 4}


def _check(new_total: int, read_with=None):
    patch = {"tables": {"requests": {"new": {**ROW, "total": new_total}, "results_total": {**ROW, "total": 70},
                                     "disclosed": {**ROW, "total": 70}}}}
    if read_with is not None:
        patch["read_with"] = read_with
    report = apply_patch(BASE, patch)
    return [(d.code, d.pointer) for d in check_bytes(json.dumps(report, ensure_ascii=False).encode(), "imported.json")]


READ_WITH_T203 = [{"rule": "T203", "pointer": "/tables/requests/new"}]


def test_a_relation_that_would_pass_is_reported_not_checked():
    assert ("T203", "/tables/requests/new/total") not in _check(70)  # holds: no finding either way
    found = _check(70, READ_WITH_T203)
    assert ("I032", "/tables/requests/new") in found and not [f for f in found if f[0] == "T203"]


def test_a_relation_that_would_fail_is_not_an_error_on_the_rows_read_with_it():
    assert ("T203", "/tables/requests/new/total") in _check(71)  # fails when not read with it
    found = _check(71, READ_WITH_T203)
    assert ("T203", "/tables/requests/new/total") not in found and ("I032", "/tables/requests/new") in found


def test_other_rows_and_other_rules_are_still_checked():
    found = _check(71, [{"rule": "T203", "pointer": "/tables/requests/disclosed"}])
    assert ("T203", "/tables/requests/new/total") in found and ("I032", "/tables/requests/disclosed") in found
    # T201 (column balance) still checks the row read with T203: 71 + 0 ≠ 70 + 0 in column total
    assert ("T201", "/tables/requests/new/total") in _check(71, READ_WITH_T203)


def test_a_relation_not_evaluated_on_those_rows_is_not_reported_as_v006_either():
    patch = {"tables": {"requests": {"new": {"natural_person": None}}}, "read_with": READ_WITH_T203}
    report = apply_patch(BASE, patch)
    found = [(d.code, d.args.get("relation")) for d in check_bytes(json.dumps(report).encode(), "imported.json")]
    assert ("V006", "T203") not in found and ("I032", "T203") in found


def test_the_schema_refuses_a_malformed_read_with():
    report = apply_patch(BASE, {"read_with": [{"rule": "T203"}]})
    assert any(code == "F007" for code, _ in [(d.code, d.pointer) for d in check_bytes(json.dumps(report).encode(), "x.json")])
