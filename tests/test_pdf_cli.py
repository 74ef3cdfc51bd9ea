"""`golocheck FILE.pdf` through the command line: the real published PDFs exit 1 with
findings that name their page (and table cell) in every output format, and the PDFs that
cannot be read — a scan, a garbled text layer, a password, a damaged file — each exit 1
with their own finding, never a traceback."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from helpers import ROOT

ORIGINALS = ROOT / "tests" / "data" / "originals"
HONGZE = [ORIGINALS / "hongze-district-2023.pdf", ORIGINALS / "hongze-district-2024.pdf"]
HUAIAN = ORIGINALS / "huaian-city-2024.pdf"
# （六）其他处理 printed as one row: its label cell on p.4, table 3 row 24 column 2 in both years
OTHER = "/tables/requests/other"
OTHER_PLACE = {"page": 4, "table": 3, "row": 24, "column": 2}
OTHER_ZH = "第 4 页，表 3 第 24 行第 2 列"
OTHER_EN = "page 4, table 3 row 24 column 2"


def run(argv, capsys):
    from golocheck.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


def diagnostics(path: Path, capsys) -> list[dict]:
    code, out, err = run([str(path), "--output-format", "json"], capsys)
    assert code == 1 and err == ""
    return json.loads(out)["diagnostics"]


@pytest.mark.parametrize("path", HONGZE, ids=lambda p: p.stem)
def test_a_table_finding_names_its_page_and_cell_in_json(path, capsys):
    found = diagnostics(path, capsys)
    other = next(d for d in found if d["code"] == "I016")
    assert other["pointer"] == OTHER and other["line"] is None
    place = other["place"]
    assert place["kind"] == "pdf" and {k: place[k] for k in OTHER_PLACE} == OTHER_PLACE
    x0, y0, x1, y1 = place["box"]  # the label cell's box, PDF points, origin bottom left
    assert 70 < x0 < x1 < 200 and 500 < y0 < y1 < 700
    # every finding on a table value carries a PDF place with its page
    tabled = [d for d in found if d["pointer"].startswith("/tables/")]
    assert tabled and all(d["place"]["kind"] == "pdf" and d["place"]["page"] >= 1 for d in tabled)


@pytest.mark.parametrize("path", HONGZE, ids=lambda p: p.stem)
def test_full_and_concise_output_name_the_page_and_cell(path, capsys):
    code, out, _ = run([str(path), "--color", "never"], capsys)
    assert code == 1
    assert f"I016 错误 {path} {OTHER_ZH} {OTHER}" in out.splitlines()
    code, out, _ = run([str(path), "--output-format", "concise"], capsys)
    assert code == 1
    assert any(line.startswith(f"{path} ({OTHER_ZH}): I016 ") for line in out.splitlines())
    code, out, _ = run([str(path), "--output-format", "concise", "--lang", "en"], capsys)
    assert any(line.startswith(f"{path} ({OTHER_EN}): I016 ") for line in out.splitlines())


@pytest.mark.parametrize("path", HONGZE, ids=lambda p: p.stem)
def test_sarif_carries_the_page_in_properties_and_no_region(path, capsys):
    code, out, _ = run([str(path), "--output-format", "sarif"], capsys)
    assert code == 1
    result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "I016")
    (location,) = result["locations"]
    physical = location["physicalLocation"]
    # a PDF has no lines: no region (a page as a line number would mislead a viewer);
    # the page and cell are in the properties and the logical location (docs/report-files.md)
    assert "region" not in physical and physical["artifactLocation"]["uri"].endswith(path.name)
    place = physical["properties"]["golocheck/place"]
    assert {k: place[k] for k in OTHER_PLACE} == OTHER_PLACE
    names = {l.get("name") for l in location["logicalLocations"]}
    assert OTHER_ZH in names


def test_huaian_findings_name_the_page_the_issuer_is_printed_on(capsys):
    found = diagnostics(HUAIAN, capsys)
    assert {d["code"] for d in found} >= {"S105"}
    s105 = next(d for d in found if d["code"] == "S105")
    related = {r["pointer"]: r["place"] for r in s105["related"]}
    assert related["/metadata/issuer_kind"]["kind"] == "pdf" and related["/metadata/issuer_kind"]["page"] == 1
    code, out, _ = run([str(HUAIAN), "--color", "never"], capsys)
    assert code == 1 and f"相关：{HUAIAN} 第 1 页 /metadata/issuer_kind" in out


# -- PDFs that cannot be read --------------------------------------------------------------


def scanned() -> bytes:
    """A real report's first page as a scanner gives it: rendered to an image
    (pypdfium2) and wrapped in a PDF with no text (reportlab)."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    document = pdfium.PdfDocument(HONGZE[0].read_bytes())
    try:
        page = document[0]
        width, height = page.get_size()
        image = page.render(scale=1).to_pil()
        page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    sheet.drawImage(ImageReader(image), 0, 0, width, height)
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    sheet.drawString(100, 700, "2023")
    sheet.save()
    return buffer.getvalue()


UNREADABLE = {
    "scanned": ("I040", scanned),
    "garbled": ("I041", lambda: (ORIGINALS / "synthetic-beijing-2023.pdf").read_bytes()),
    "encrypted": ("I042", encrypted),
    "corrupt": ("I043", lambda: HONGZE[0].read_bytes()[:3000]),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_pdf_is_its_own_finding_and_exit_1(name, tmp_path, capsys):
    code_, make = UNREADABLE[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make())
    code, out, err = run([str(path), "--output-format", "json"], capsys)
    assert code == 1 and err == ""
    assert [(d["code"], d["pointer"], d["file"]) for d in json.loads(out)["diagnostics"]] == [(code_, "", str(path))]
    code, out, err = run([str(path), "--color", "never"], capsys)
    assert code == 1 and "Traceback" not in out + err and err == ""
    assert f"{code_} 错误 {path}" in out


def test_a_scan_says_ocr_is_not_built_in_and_how_to_add_a_text_layer(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned())
    code, out, _ = run([str(path), "--output-format", "json"], capsys)
    (finding,) = json.loads(out)["diagnostics"]
    assert code == 1 and "ocrmypdf" in finding["message"]["zh"] and "OCR" in finding["message"]["en"]


def test_a_directory_picks_up_its_pdfs(tmp_path, capsys):
    import shutil

    shutil.copy(HONGZE[0], tmp_path / "report.pdf")
    code, out, err = run([str(tmp_path), "--output-format", "json"], capsys)
    assert code == 1 and err == ""
    found = json.loads(out)["diagnostics"]
    assert {Path(d["file"]).name for d in found} == {"report.pdf"}
    assert any(d["pointer"] == OTHER and d["code"] == "I016" for d in found)
