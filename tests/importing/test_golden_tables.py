"""Golden imports of the real web pages and the Word document: the tables, cell for cell.

Each original imports (``golocheck.importing.import_bytes``, the entry point of
``golocheck import``) to the format and the tables of its hand transcription: a blank
printed cell is null, every figure and text where the transcription has it. Where the
document itself differs from the transcription, the cells are listed below with the
reason — nothing else may differ — and the import gives no diagnostic but those listed.
Sections and metadata are tested elsewhere.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from golocheck.importing import ImportOptions, import_bytes

ROOT = Path(__file__).resolve().parents[2]
ORIGINALS = ROOT / "tests" / "data" / "originals"
HONGZE_DOCX = ORIGINALS / "roundtrip-hongze-2023-filled-template.docx"
SHUYANG_HTML = ORIGINALS / "shuyang-fagaiju-2023.reconstructed.html"
PINGTAN_HTML = ORIGINALS / "pingtan" / "2019" / "page.html"

SUB_ROWS = ("other_no_correction", "other_fee_unpaid", "other_other")
COLUMNS_2021 = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total")


def _truth(path: str) -> dict:
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def _hongze_in_the_template() -> dict:
    """hongze-2023's tables as the filled Word template prints them. The published PDF
    prints （六）其他处理 as one row (seven 0s, the sample's /tables/requests/other); the
    national template the DOCX fills has the three 2021 sub-rows instead, left blank
    (tests/data/originals/README.md). So, in this document:
    - /tables/requests/other/* (7 cells) are ABSENT: the template has no such row, its
      figures are not in the document;
    - /tables/requests/{other_no_correction,other_fee_unpaid,other_other}/* (21 cells)
      are NULL: printed as blank cells."""
    tables = copy.deepcopy(_truth("sample_reports/hongze-2023.json")["tables"])
    requests = tables["requests"]
    del requests["other"]
    rebuilt = {}
    for row_id, cells in requests.items():
        if row_id == "results_total":
            rebuilt.update({sub: dict.fromkeys(COLUMNS_2021) for sub in SUB_ROWS})
        rebuilt[row_id] = cells
    tables["requests"] = rebuilt
    return tables


# (original, kind, ground truth: format and tables, import diagnostics expected as (code, pointer))
CASES = {
    "hongze-2023-docx": (HONGZE_DOCX, "docx", lambda: ("gov-2021", _hongze_in_the_template()), []),
    "shuyang-fagaiju-2023-html": (SHUYANG_HTML, "html", lambda: _format_and_tables("tests/data/transcriptions/shuyang-fagaiju-2023.json"), []),
    "pingtan-2019-html": (PINGTAN_HTML, "html", lambda: _format_and_tables("sample_reports/pingtan-2019.json"), []),
}


def _format_and_tables(path: str) -> tuple[str, dict]:
    truth = _truth(path)
    return truth["format"], truth["tables"]


def _flat(tables: dict, prefix: str = "/tables") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in tables.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}/{key}"))
        else:
            out[f"{prefix}/{key}"] = value
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_the_original_imports_its_tables_cell_for_cell(case):
    path, kind, truth, expected_problems = CASES[case]
    fmt, tables = truth()
    result = import_bytes(path.read_bytes(), path.name, kind, ImportOptions())
    assert result.report is not None, [(p.code, p.pointer) for p in result.problems]
    assert result.report["format"] == fmt
    got, want = _flat(result.report["tables"]), _flat(tables)
    missing = object()
    differences = {p: (got.get(p, missing), want.get(p, missing)) for p in sorted(set(got) | set(want)) if got.get(p, missing) != want.get(p, missing)}
    assert not differences, differences
    assert result.report["tables"] == tables  # the same nesting and row order as well
    assert [(p.code, p.pointer) for p in result.problems] == expected_problems


def test_the_template_sub_rows_are_blank_in_the_document_not_zero():
    # the ground truth's adjustment above is the document's own: its three sub-rows are blank
    result = import_bytes(HONGZE_DOCX.read_bytes(), HONGZE_DOCX.name, "docx", ImportOptions())
    requests = result.report["tables"]["requests"]
    assert "other" not in requests
    assert all(requests[sub] == dict.fromkeys(COLUMNS_2021) for sub in SUB_ROWS)
    assert requests["results_total"]["total"] == 21


def test_checking_the_shuyang_page_points_to_its_lines(capsys):
    from golocheck.cli import main

    with pytest.raises(SystemExit) as exit_:
        main([str(SHUYANG_HTML), "--output-format", "json"])
    out, _ = capsys.readouterr()
    assert exit_.value.code == 1
    diagnostics = json.loads(out)["diagnostics"]
    # the page leaves the 商业企业 column blank in every row: one finding for the column (M005),
    # placed on its first cell
    blank = next(d for d in diagnostics if d["code"] == "M005" and d["pointer"] == "/tables/requests/new/commercial")
    # the page's 表三 (its second table of the article), row 一、本年新收…, column 商业企业
    assert (blank["line"], blank["place"]) == (198, {"kind": "html", "line": 198, "table": 2, "row": 4, "column": 5})
    lines = SHUYANG_HTML.read_text(encoding="utf-8").splitlines()
    assert "<td" in lines[198 - 1] and "<o:p> </o:p>" in lines[198]  # that line opens the blank cell ...
    row_start = max(i for i in range(198) if "<tr>" in lines[i])
    row = "".join(lines[row_start:198])
    assert "本年新收政府信息公开申请数量" in re.sub(r"<[^>]+>", "", row)  # ... of that row
    assert row.count("<td") == 3  # label, 自然人, then 商业企业: the fifth grid column (the label spans three)
    # every finding on a table cell or section is placed on a line of the page
    placed = [d for d in diagnostics if d["pointer"].startswith(("/tables/", "/sections/"))]
    assert placed and all(1 <= d["line"] <= len(lines) and d["place"]["kind"] == "html" for d in placed)
