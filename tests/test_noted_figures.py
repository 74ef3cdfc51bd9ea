"""A figure printed with a note ("22（其中修订 16 件）") is {"value": 22, "note": "其中修订 16 件"}:
the relations add up the value, the note is kept, and nothing else is read as a figure."""

from __future__ import annotations

import json

import pytest

from golocheck.api import check_bytes
from golocheck.formats import get_format
from golocheck.importing.labels import read_value
from golocheck.templates import skeleton


def _codes_at(report) -> set[tuple[str, str]]:
    raw = json.dumps(report, ensure_ascii=False).encode("utf-8")
    return {(d.code, d.pointer) for d in check_bytes(raw, "noted.json")}


def _report(issued, repealed=0, in_force=0):
    report = skeleton(get_format("gov-2021"), year=2024)
    report["tables"]["art20_1"]["rules"] = {"issued": issued, "repealed": repealed, "in_force": in_force}
    return report


def test_a_noted_figure_is_a_figure_for_the_checks():
    codes = _codes_at(_report({"value": 22, "note": "其中修订 16 件"}))
    assert not any(code.startswith(("F", "V")) and pointer.startswith("/tables/art20_1") for code, pointer in codes)


def test_its_value_is_what_a_relation_adds_up():
    # 表三 row relation T203: 总计 must equal the applicant columns; a noted 总计 takes part by its value
    report = skeleton(get_format("gov-2021"), year=2024)
    report["tables"]["requests"]["new"].update({"natural_person": 3, "total": {"value": 4, "note": "含转办 1 件"}})
    assert ("T203", "/tables/requests/new/total") in _codes_at(report)
    report["tables"]["requests"]["new"]["total"] = {"value": 3, "note": "含转办 1 件"}
    assert ("T203", "/tables/requests/new/total") not in _codes_at(report)


@pytest.mark.parametrize("cell", [
    {"value": 22},                              # no note
    {"value": 22, "note": ""},                  # an empty note
    {"value": "22", "note": "其中修订 16 件"},   # the figure as text
    {"value": 22, "note": "x", "extra": 1},     # anything else
])
def test_anything_else_shaped_like_it_is_not_a_figure(cell):
    # not silently taken for a figure: the cell is reported as not a number (V001)
    assert ("V001", "/tables/art20_1/rules/issued") in _codes_at(_report(cell))


@pytest.mark.parametrize("printed, value", [
    ("22（其中修订 16 件）", {"value": 22, "note": "其中修订 16 件"}),
    ("55（含自然失效 29 件）", {"value": 55, "note": "含自然失效 29 件"}),
    ("7.5 (含追缴)", {"value": 7.5, "note": "含追缴"}),
    ("22（）", "22（）"),             # no note: the printed text, for V rules to report
    ("9210条", "9210条"),
    ("约22（估计）", "约22（估计）"),   # not a figure before the note
    ("0", 0),
    ("\u3000\u3000", None),
])
def test_the_importer_keeps_both(printed, value):
    assert read_value(printed) == value
