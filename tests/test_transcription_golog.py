"""sample_reports/golog-2018.json is a faithful transcription of the published report
(tests/data/corpus/00-golog-2018.txt, copied from the project's reference corpus):
every table figure is checked against the printed table, figure by figure, and
every section's text against the printed text (line breaks and page furniture aside)."""

from __future__ import annotations

import json
import re

import pytest

from golocheck.formats import get_format
from helpers import ROOT

CORPUS = (ROOT / "tests/data/corpus/00-golog-2018.txt").read_text(encoding="utf-8")
SAMPLE = json.loads((ROOT / "sample_reports/golog-2018.json").read_text(encoding="utf-8"))
TABLE_TEXT = CORPUS[CORPUS.index("\n政府信息公开情况统计表\n"):]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed_rows() -> list[tuple[str, str]]:
    """(label, figure) pairs of the printed table, in order. A row is printed as
    'label unit figure' on one line, or with the label spread over earlier lines."""
    rows, pending = [], ""
    for line in TABLE_TEXT.splitlines():
        line = line.strip()
        if not line:
            continue
        match = re.fullmatch(r"(.*?)\s*(条|件|次|篇|个|人次|人|万元)\s+(\S+)", line)
        if match:
            rows.append((_squash(pending + match.group(1)), match.group(3)))
            pending = ""
        elif re.fullmatch(r"(条|件|次|篇|个|人次|人|万元)", line):
            pending += " "  # unit on its own line: the figure follows on the next line
        elif pending.endswith(" ") and re.fullmatch(r"[0-9.]+", line):
            rows.append((_squash(pending), line))
            pending = ""
        else:
            pending = pending + line if not re.match(r"^[一二三四五六七八九]、", line) or "数量" in line else ""
    return rows


def test_every_figure_matches_the_printed_table():
    fmt = get_format("gov-2014")
    printed = _printed_rows()
    cells = [c for c in fmt.cells()]
    assert len(printed) == len(cells), [label for label, _ in printed]
    table = SAMPLE["tables"]["statistics"]
    for (label, figure), cell in zip(printed, cells):
        # the printed label ends with the official label (up to spacing and a 其中 prefix)
        assert label.endswith(_squash(cell.label.zh)) or label.endswith(_squash(cell.short.zh)), (label, cell.id)
        assert str(table[cell.id.split(".")[1]]) == figure, (cell.id, figure)




@pytest.mark.parametrize("index", range(len(SAMPLE["sections"])))
def test_section_text_is_verbatim(index):
    section = SAMPLE["sections"][index]
    body = _squash(CORPUS)
    assert _squash(section["heading"] + section["text"]) in body


def test_preamble_is_verbatim():
    assert _squash(SAMPLE["preamble"]) in _squash(CORPUS)


def test_sections_cover_the_whole_body():
    """Nothing between the title and the table was left out."""
    body = _squash(CORPUS[: CORPUS.index("\n政府信息公开情况统计表\n")])
    transcribed = _squash("果洛州人民政府办公室" + SAMPLE["metadata"]["title"] + SAMPLE["preamble"] + "".join(s["heading"] + s["text"] for s in SAMPLE["sections"]))
    assert transcribed == body
