"""Hypothesis strategies: sample reports with random figures, blanks and text cells."""

from __future__ import annotations

import copy

from hypothesis import strategies as st

from golocheck.formats import get_format
from roundtrip.pipeline import load_sample

TEXT_CELLS = ["/", "—", "无", "9210条"]  # printed verbatim; an importer must keep them as text

BASES = ["clean-gov-2014.json", "pingtan-2019.json", "clean-gov-2021.json", "hongze-2023.json"]


def _cell_values(kind: str):
    if kind == "signed_count":
        numbers = st.integers(-999, 999)
    elif kind in ("money", "amount"):
        numbers = st.one_of(st.integers(0, 99999), st.integers(0, 10**7).map(lambda n: n / 100))
    else:
        numbers = st.integers(0, 99999)
    return st.one_of(numbers, numbers, st.none(), st.sampled_from(TEXT_CELLS))


@st.composite
def variant_reports(draw):
    sample = load_sample(draw(st.sampled_from(BASES)))
    fmt = get_format(sample["format"])
    kinds = {cell.pointer: cell.kind for cell in fmt.cells()}
    report = copy.deepcopy(sample)

    def fill(node: dict, prefix: str) -> None:
        for key, value in node.items():
            pointer = f"{prefix}/{key}"
            if isinstance(value, dict):
                fill(value, pointer)
            else:
                node[key] = draw(_cell_values(kinds.get(pointer, "count")), label=pointer)

    fill(report["tables"], "/tables")
    return report
