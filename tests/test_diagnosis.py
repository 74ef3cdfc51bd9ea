"""Where the diagnosis hints fire (T206 likely-wrong-cell, T207 figures-in-wrong-column),
and where they must stay silent because the numbers do not single anything out."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from golocheck.api import check_bytes
from golocheck.checks.diagnosis import CellDiagnosis
from golocheck.formats import get_format
from golocheck.templates import apply_patch, skeleton

REQ = "/tables/requests"


def _run(requests: dict, format_id: str = "gov-2021", **tables) -> list:
    report = apply_patch(skeleton(get_format(format_id)), {"tables": {"requests": requests, **tables}})
    return check_bytes(json.dumps(report, ensure_ascii=False).encode(), "report.json")


def _found(diagnostics, code):
    return [d for d in diagnostics if d.code == code]


# -- T206: one cell explains every failure -------------------------------------------------


def test_t206_names_the_one_cell_in_both_failing_relations():
    diagnostics = _run({"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 4, "total": 3},
                        "results_total": {"natural_person": 3, "total": 3}})
    assert {d.code for d in diagnostics} >= {"T202", "T203"}
    [hint] = _found(diagnostics, "T206")
    assert hint.pointer == f"{REQ}/disclosed/natural_person"
    assert (hint.args["value"], hint.args["fix"], hint.args["count"], hint.args["relations"]) == ("4", "3", 2, "T202、T203")
    assert "改为 3" in hint.message.zh and "3 would make them all hold" in hint.message.en


def test_t206_names_a_cell_in_three_failing_relations_of_three_rules():
    diagnostics = _run({"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 3, "total": 3},
                        "results_total": {"natural_person": 4, "total": 3}}, "gov-2019")
    [hint] = _found(diagnostics, "T206")
    assert hint.pointer == f"{REQ}/results_total/natural_person"
    assert (hint.args["fix"], hint.args["count"], hint.args["relations"]) == ("3", 3, "T201、T202、T203")


def test_t206_silent_for_two_wrong_cells_each_sharing_two_failures():
    diagnostics = _run({"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 4, "total": 3},
                        "partly_disclosed": {"commercial": 2, "total": 0}, "results_total": {"natural_person": 3, "total": 3}})
    assert len(_found(diagnostics, "T203")) == 2 and len(_found(diagnostics, "T202")) == 2
    assert _found(diagnostics, "T206") == []


def test_t206_silent_when_the_failures_disagree_on_the_value():
    # row says 予以公开·自然人 should be 3, column says 4; the 总计 column fails as well
    diagnostics = _run({"new": {"natural_person": 4, "total": 4}, "disclosed": {"natural_person": 5, "total": 3},
                        "results_total": {"natural_person": 4, "total": 4}})
    assert _found(diagnostics, "T202") and _found(diagnostics, "T203")
    assert _found(diagnostics, "T206") == []


def test_t206_silent_when_another_table_fails_too():
    diagnostics = _run({"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 4, "total": 3},
                        "results_total": {"natural_person": 3, "total": 3}},
                       review_litigation={"review": {"upheld": 1, "total": 2}})
    assert [d.pointer for d in _found(diagnostics, "T204")] == ["/tables/review_litigation/review/total"]
    assert _found(diagnostics, "T206") == []


def test_t206_silent_for_a_single_failing_relation():
    # any of the five cells of the one failing sum could be the wrong one
    diagnostics = _run({}, review_litigation={"review": {"upheld": 1, "total": 2}})
    assert len(_found(diagnostics, "T204")) == 1
    assert _found(diagnostics, "T206") == []


# -- T207: figures in the wrong applicant column ----------------------------------------------


def test_t207_pairs_two_applicant_columns_of_one_relation():
    diagnostics = _run({"new": {"natural_person": 3, "commercial": 2, "total": 5},
                        "disclosed": {"natural_person": 5, "commercial": 0, "total": 5},
                        "results_total": {"natural_person": 3, "commercial": 2, "total": 5}})
    [hint] = _found(diagnostics, "T207")
    assert hint.pointer == f"{REQ}/results_total/natural_person"
    assert [r.pointer for r in hint.related] == [f"{REQ}/results_total/commercial"]
    assert (hint.args["relation"], hint.args["first_diff"], hint.args["second_diff"], hint.args["plus"]) == ("T202", "-2", "2", "2")


def test_t207_on_the_column_balance():
    diagnostics = _run({"new": {"natural_person": 3, "research": 1, "total": 4},
                        "results_total": {"natural_person": 4, "research": 0, "total": 4},
                        "disclosed": {"natural_person": 4, "research": 0, "total": 4}}, "gov-2019")
    [hint] = _found(diagnostics, "T207")
    assert hint.args["relation"] == "T201"
    assert hint.pointer == f"{REQ}/new/natural_person"
    assert [r.pointer for r in hint.related] == [f"{REQ}/new/research"]


def test_t207_never_pairs_the_total_column_when_figures_are_swapped_with_it():
    diagnostics = _run({"new": {"natural_person": 3, "commercial": 2, "total": 5},
                        "disclosed": {"natural_person": 3, "commercial": 5, "total": 2},
                        "results_total": {"natural_person": 3, "commercial": 2, "total": 5}})
    assert sorted(d.pointer for d in _found(diagnostics, "T202")) == [f"{REQ}/results_total/commercial", f"{REQ}/results_total/total"]
    assert _found(diagnostics, "T207") == []


def test_t207_never_pairs_the_total_column_even_with_every_row_total_right():
    diagnostics = _run({"new": {"natural_person": 3, "commercial": 1, "total": 4},
                        "disclosed": {"natural_person": 1, "commercial": 2, "total": 3},
                        "results_total": {"natural_person": 3, "commercial": 1, "total": 4}})
    assert _found(diagnostics, "T203") == []
    assert len(_found(diagnostics, "T202")) == 3  # 自然人 +2, 商业企业 −1, 总计 +1
    assert _found(diagnostics, "T207") == []


def test_t207_silent_when_a_row_total_of_the_relation_fails():
    diagnostics = _run({"new": {"natural_person": 3, "commercial": 2, "total": 5},
                        "disclosed": {"natural_person": 5, "commercial": 0, "total": 4},
                        "results_total": {"natural_person": 3, "commercial": 2, "total": 5}})
    assert [d.pointer for d in _found(diagnostics, "T203")] == [f"{REQ}/disclosed/total"]
    assert _found(diagnostics, "T207") == []


def test_t207_silent_when_a_column_has_two_possible_partners():
    diagnostics = _run({"new": {"natural_person": 3, "commercial": 2, "research": 2, "total": 7},
                        "disclosed": {"natural_person": 5, "total": 5},
                        "results_total": {"natural_person": 3, "commercial": 2, "research": 2, "total": 7}})
    assert _found(diagnostics, "T203") == []
    assert len(_found(diagnostics, "T202")) == 4  # 自然人 −2, 商业企业 +2, 科研机构 +2, 总计 +2
    assert _found(diagnostics, "T207") == []


def test_swapped_columns_needs_the_row_sum_rule():
    from golocheck.checks.params import check_params

    rule = SimpleNamespace(params={"pattern": "swapped_columns", "relations": ["T201"]}, formats=())
    problem, _ = check_params(rule, CellDiagnosis.params_schema, {})
    assert problem is not None and "row_sums" in problem
    rule.params["row_sums"] = "T203"
    assert check_params(rule, CellDiagnosis.params_schema, {})[0] is None


@pytest.mark.parametrize("code", ["T206", "T207"])
def test_clean_requests_table_gives_no_hint(code):
    diagnostics = _run({"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 3, "total": 3},
                        "results_total": {"natural_person": 3, "total": 3}})
    assert _found(diagnostics, code) == []
