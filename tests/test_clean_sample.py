"""The clean synthetic gov-2014 sample passes; changing any single figure that takes
part in a relation makes golocheck report an error that names that figure's cell.

For equality relations +1 always breaks the relation. The inequalities cannot all be
tight at once (each channel ≤ total and channels together ≥ total), so the sample is
built with the channels adding up exactly to the total: +1 on the total, or −1 on a
channel, breaks a relation; and each "part ≤ whole" is checked by raising the part
just past its whole."""

from __future__ import annotations

import copy
import json

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.formats import get_format
from helpers import ROOT

SAMPLE = json.loads((ROOT / "sample_reports/clean-gov-2014.json").read_text(encoding="utf-8"))
FORMAT = get_format("gov-2014")


def _relation_cells(check_kinds) -> set[str]:
    cells = set()
    for rule in load_catalogue().values():
        if rule.check in check_kinds and rule.applies_to("gov-2014"):
            params = rule.params
            cells.update(x for x in [params.get("total"), *params.get("parts", [])] if x)
            for pair in params.get("pairs", []):
                cells.update(pair)
    return cells


def _errors_naming(report, cell_id) -> list:
    pointer = FORMAT.cell_map[cell_id].pointer
    diagnostics = check_bytes(json.dumps(report, ensure_ascii=False, default=str).encode(), "r.json")
    return [d for d in diagnostics if d.severity.value == "error" and (d.pointer == pointer or any(r.pointer == pointer for r in d.related))]


def _changed(cell_id, delta):
    report = copy.deepcopy(SAMPLE)
    row = cell_id.split(".")[1]
    report["tables"]["statistics"][row] += delta
    return report


def test_clean_sample_has_no_findings():
    assert check_bytes(json.dumps(SAMPLE, ensure_ascii=False).encode(), "clean.json") == []


@pytest.mark.parametrize("cell_id", sorted(_relation_cells({"sum"})))
def test_plus_one_on_a_sum_cell_names_it(cell_id):
    assert _errors_naming(_changed(cell_id, 1), cell_id)


@pytest.mark.parametrize("cell_id", sorted(_relation_cells({"sum_at_least"})))
def test_sum_at_least_cells(cell_id):
    total = cell_id == "statistics.proactive_total"
    assert _errors_naming(_changed(cell_id, 1 if total else -1), cell_id)


@pytest.mark.parametrize("cell_id", sorted(_relation_cells({"at_most"})))
def test_part_raised_past_its_whole_is_named(cell_id):
    rules = [r for r in load_catalogue().values() if r.check == "at_most" and r.applies_to("gov-2014")]
    for rule in rules:
        for part, whole in rule.params["pairs"]:
            if cell_id in (part, whole):
                report = copy.deepcopy(SAMPLE)
                table = report["tables"]["statistics"]
                p, w = part.split(".")[1], whole.split(".")[1]
                if cell_id == part:
                    table[p] = table[w] + 1
                else:
                    table[w] = table[p] - 1
                found = [d for d in _errors_naming(report, cell_id)] if rule.severity.value == "error" else [
                    d for d in check_bytes(json.dumps(report, ensure_ascii=False, default=str).encode(), "r.json") if d.code == rule.code
                ]
                assert found, (rule.code, cell_id)
