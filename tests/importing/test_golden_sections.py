"""Golden imports of the real originals: sections and metadata.

Each original in tests/data/originals imported with no options gives its hand
transcription's sections — the same headings as printed, in the same order, and the same
text up to whitespace — and the metadata the document prints: title, issuer, issuer
kind, report year, period, publication date. What the document does not print is absent
(ImportOptions supply it). Where a transcription holds something the document cannot
give, the exception is listed below with the reason (tests/data/transcriptions/README.md
and each file's metadata.notes give the transcriber's side).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from golocheck.importing import ImportOptions, import_bytes, kind_for

ROOT = Path(__file__).resolve().parents[2]
ABSENT = object()
FIELDS = ("title", "issuer", "issuer_kind", "report_year", "period", "published_on")

# region is the transcriber's for every document: the schema requires the key, and the
# transcriptions fill it with the place name (README: "`region` is the place name as
# printed ... (the schema requires the key)"); no document prints a region as such.
REGION = "region: filled by the transcriber for the schema; --region supplies it"

# The filled Word template prints only the template's own paragraphs around the tables:
# its title 政府信息公开工作年度报告格式模板 and the placeholders （文字描述）. The report's
# title, preamble, prose, issuer, year and period in hongze-2023.json come from the PDF.
TEMPLATE = "the DOCX is the blank national template with tables filled; this is from the PDF"

CASES = {
    "hongze-docx": dict(
        original="tests/data/originals/roundtrip-hongze-2023-filled-template.docx",
        truth="sample_reports/hongze-2023.json",
        metadata={
            "title": ("政府信息公开工作年度报告格式模板", "the template's title is what the document prints; " + TEMPLATE),
            "issuer": (ABSENT, TEMPLATE), "issuer_kind": (ABSENT, TEMPLATE),
            "report_year": (ABSENT, TEMPLATE), "period": (ABSENT, TEMPLATE),
        },
        preamble=(ABSENT, TEMPLATE),
        texts={
            "一、总体情况": ("（文字描述）", TEMPLATE),
            "五、存在的主要问题及改进情况": ("（文字描述）", TEMPLATE),
            "六、其他需要报告的事项": ("（文字描述，收取信息处理费情况在此处报告。）", TEMPLATE),
        },
    ),
    "shuyang-fagaiju-html": dict(
        original="tests/data/originals/shuyang-fagaiju-2023.reconstructed.html",
        truth="tests/data/transcriptions/shuyang-fagaiju-2023.json",
    ),
    "pingtan-2019-html": dict(
        original="tests/data/originals/pingtan/2019/page.html",
        truth="sample_reports/pingtan-2019.json",
        metadata={
            "issuer": ("平潭综合实验区", "the transcriber composed 平潭综合实验区管委会办公室 from the preamble's "
                       "区管委会办公室编制; the document names only 平潭综合实验区, in its title before the year"),
            "issuer_kind": (ABSENT, "管委会或派出机关 is the transcriber's judgement (a zone's 管委会, not a body named 人民政府)"),
        },
    ),
    "pingtan-2019-text": dict(
        original="tests/data/originals/pingtan/2019/page.txt",
        truth="sample_reports/pingtan-2019.json",
        metadata={
            "issuer": ("平潭综合实验区", "as for page.html: the title's name; 管委会办公室 is the transcriber's"),
            "issuer_kind": (ABSENT, "管委会或派出机关 is the transcriber's judgement"),
        },
    ),
    "pingtan-2021-text": dict(
        original="tests/data/originals/pingtan-2021.page.txt",
        truth="tests/data/transcriptions/pingtan-2021.json",
        metadata={"issuer_kind": (ABSENT, "管委会或派出机关 is the transcriber's judgement, as for 2019")},
    ),
    "shanghai-kewei-md": dict(
        original="tests/data/originals/shanghai-kewei-2024.pdf-extract.md",
        truth="sample_reports/shanghai-kewei-2024.json",
        metadata={"issuer": ("上海市科委", "the document calls itself 上海市科委 (title) / 市科委; "
                             "上海市科学技术委员会 is the transcriber's expansion, printed nowhere")},
    ),
    "shanghai-govoffice-md": dict(
        original="tests/data/originals/shanghai-govoffice-2025.pdf-extract.md",
        truth="tests/data/transcriptions/shanghai-govoffice-2025.json",
        metadata={"issuer_kind": (ABSENT, "政府部门 for a 办公厅 is the transcriber's judgement call (README); "
                                  "a government's office may report for the government")},
    ),
    "shuyang-county-text": dict(
        original="tests/data/originals/shuyang-county-2025.extract.txt",
        truth="tests/data/transcriptions/shuyang-county-2025.json",
    ),
    # the published PDFs (the title printed over two centred lines is one)
    "hongze-2023-pdf": dict(
        original="tests/data/originals/hongze-district-2023.pdf",
        truth="sample_reports/hongze-2023.json",
        metadata={"issuer": ("洪泽区人民政府", "the 2023 report calls itself 洪泽区人民政府 (title); the 淮安市 "
                             "of 淮安市洪泽区人民政府 is the transcriber's, from the preamble's 淮安市洪泽区人民政府办公室")},
    ),
    "hongze-2024-pdf": dict(
        original="tests/data/originals/hongze-district-2024.pdf",
        truth="sample_reports/hongze-2024.json",
    ),
    "huaian-2024-pdf": dict(
        original="tests/data/originals/huaian-city-2024.pdf",
        truth="sample_reports/huaian-2024.json",
    ),
}


def squeeze(text: str | None) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text or "")


def _import(case: dict):
    path = ROOT / case["original"]
    result = import_bytes(path.read_bytes(), case["original"], kind_for(path.name), ImportOptions())
    assert result.report is not None, [p.code for p in result.problems]
    return result.report, json.loads((ROOT / case["truth"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_sections_equal_the_transcription(name):
    case = CASES[name]
    report, truth = _import(case)
    assert [s["heading"] for s in report["sections"]] == [s["heading"] for s in truth["sections"]]
    texts = case.get("texts", {})
    for got, want in zip(report["sections"], truth["sections"]):
        expected = texts[want["heading"]][0] if want["heading"] in texts else want["text"]
        assert squeeze(got["text"]) == squeeze(expected), want["heading"]
    expected, _ = case.get("preamble", (truth.get("preamble"), ""))
    if expected is ABSENT:
        assert "preamble" not in report
    else:
        assert squeeze(report.get("preamble")) == squeeze(expected)


@pytest.mark.parametrize("name", CASES)
def test_metadata_is_what_the_document_prints(name):
    case = CASES[name]
    report, truth = _import(case)
    got, want = report["metadata"], truth["metadata"]
    exceptions = case.get("metadata", {})
    for key in FIELDS:
        expected = exceptions[key][0] if key in exceptions else want.get(key, ABSENT)
        if expected is ABSENT:
            assert key not in got, f"{key}={got.get(key)!r} is not printed in the document"
        else:
            assert got.get(key) == expected, key
    assert "region" not in got, REGION
    # a kind read from the issuer's name is marked as inferred (no --issuer-kind given here)
    assert got.get("issuer_kind_inferred", False) is ("issuer_kind" in got)
    assert set(got) - {"issuer_kind_inferred"} <= set(FIELDS), "nothing else is read from a document"


def test_the_exceptions_name_real_differences():
    """Each listed exception is a place where the transcription says otherwise (a stale
    exception would hide a regression)."""
    for name, case in CASES.items():
        truth = json.loads((ROOT / case["truth"]).read_text(encoding="utf-8"))
        for key, (value, reason) in case.get("metadata", {}).items():
            assert reason and truth["metadata"].get(key, ABSENT) != value, (name, key)
        headings = {s["heading"]: s["text"] for s in truth["sections"]}
        for heading, (text, reason) in case.get("texts", {}).items():
            assert reason and squeeze(headings[heading]) != squeeze(text), (name, heading)
