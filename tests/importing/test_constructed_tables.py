"""Tables as published reports print them, on constructed documents (tests/data/constructed):
spans over two grid columns, spaced zeros before the next row's ordinal, a unit in a cell,
a negative change. Each document is imported once per module (cheap: a few ms each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from golocheck.importing import ImportOptions, import_bytes

DATA = Path(__file__).resolve().parents[1] / "data" / "constructed"


@pytest.fixture(scope="module")
def imported():
    cache = {}

    def load(name: str):
        if name not in cache:
            kind = "html" if name.endswith(".html") else "text"
            cache[name] = import_bytes((DATA / name).read_bytes(), name, kind, ImportOptions(format="gov-2019"))
        return cache[name]

    return load


def codes(result, *wanted: str) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in result.problems if p.code in wanted]


def test_header_and_figures_spanning_two_grid_columns_are_one_printed_column(imported):
    spanned, plain = imported("t2-2019.html"), imported("t2-2019-plain.html")
    table = spanned.report["tables"]["art20_1"]
    assert table == {
        "rules": {"new_made": 5, "new_published": 5, "total_published": 120},
        "normative_docs": {"new_made": 12, "new_published": 12, "total_published": 80},
    }
    assert table == plain.report["tables"]["art20_1"]
    assert codes(spanned, "I012", "I013", "I014", "I015", "I020") == []


def test_spaced_zeros_leave_the_next_rows_ordinal_to_its_label(imported):
    result = imported("spaced-zeros.txt")
    requests = result.report["tables"]["requests"]
    zeros = {"natural_person": 0, "commercial": 0, "research": 0, "public_interest": 0,
             "legal_services": 0, "other_org": 0, "total": 0}
    assert len(requests) >= 20
    for row, cells in requests.items():  # every row of 表三, each run followed by the next ordinal
        assert cells == zeros, row
    assert codes(result, "I031", "I033", "I012", "I013") == []


def test_a_unit_printed_after_a_figure_is_that_figure_with_its_unit_kept(imported):
    result = imported("unit-in-cell.txt")
    assert result.report["tables"]["art20_9"]["procurement"] == {"projects": {"value": 2, "note": "笔"}, "amount": 984361}
    assert codes(result, "I031", "I033") == []


def test_a_negative_change_after_a_space_is_read_with_its_sign(imported):
    result = imported("negative-change.txt")
    assert result.report["tables"]["art20_8"]["fees"] == {"previous_year": 28, "change": -6}
    assert result.report["tables"]["art20_9"]["procurement"] == {"projects": 3, "amount": 120000}
    assert codes(result, "I011", "I031", "I033") == []


def test_a_flattened_negative_change_is_read_and_an_ambiguous_run_after_it_is_listed(imported):
    result = imported("flat-t2.txt")
    tables = result.report["tables"]
    assert tables["art20_8"]["fees"] == {"previous_year": 28, "change": -6}
    # （九） is found; its run "4512000.50" has four readings: none is guessed
    assert codes(result, "I011") == []
    assert codes(result, "I031") == [("I031", "/tables/art20_9/procurement")]
    listed = next(p for p in result.problems if p.code == "I031")
    assert listed.args["digits"] == "4512000.50" and listed.args["count"] == 4
    assert "451200 0.50" in listed.args["readings"]
    assert tables["art20_9"]["procurement"] == {}


def test_spans_that_do_not_line_up_are_read_cell_by_cell_in_order(imported):
    result = imported("t2-2019-spans.html")
    tables = result.report["tables"]
    assert tables["art20_5"] == {"licensing": {"previous_year": 7, "change": -2, "decisions": 31},
                                 "other_services": {"previous_year": 3, "change": 0, "decisions": 4}}
    assert tables["art20_6"]["penalties"] == {"previous_year": 9, "change": 1, "decisions": 56}
    assert tables["art20_8"] == {"fees": {"previous_year": 4, "change": -1}}
    assert tables["art20_9"] == {"procurement": {"projects": 6, "amount": 350000}}
    assert codes(result, "I011", "I012", "I013", "I014", "I015", "I020") == [("I011", "/tables/requests"), ("I011", "/tables/review_litigation")]


def test_a_signed_run_is_quoted_whole_and_a_unit_before_the_next_heading_closes_the_table(imported):
    result = imported("flat-t2-heading.txt")
    assert codes(result, "I011") == []
    assert codes(result, "I031") == [("I031", "/tables/art20_6/penalties"), ("I031", "/tables/art20_9/procurement")]
    penalties = next(p for p in result.problems if p.code == "I031")
    assert penalties.args["digits"] == "1520-3417"
    assert all(reading.startswith("1520 -") for reading in penalties.args["readings"].split("；"))


def test_spans_that_leave_the_columns_unknown_are_said_once_for_the_block(imported):
    result = imported("t2-2019-misaligned.html")
    tables = result.report["tables"]
    assert tables["art20_5"] == {"licensing": {}, "other_services": {}}
    assert codes(result, "I012", "I013", "I014", "I015", "I018", "I020") == [("I020", "/tables/art20_5")]
    # the blocks around it are read
    assert tables["art20_6"]["penalties"] == {"previous_year": 9, "change": 1, "decisions": 56}
    assert tables["art20_8"] == {"fees": {"previous_year": 4, "change": -1}}
