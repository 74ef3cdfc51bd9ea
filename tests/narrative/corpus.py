"""A minimal report built from a corpus text, for the narrative checks.

Nothing is transcribed by hand: the preamble and sections come from the text itself
(headings are the lines that start 一、二、…; for a text run together on one line, a
pattern given by the caller), and the table cells are only those the caller passes —
the ones the sentences of that report speak of. Everything else about the tables is
left out, so only the narrative rules are meaningful on such a report.

What is dropped is page furniture and extractor layout, never words: the corpus
header block and collector's appendix, page numbers (-1-, — 1 —), form feeds, the
extractor's '正文' line, Markdown '#' marks and pipe-table lines, and the text of the
table parts (二、三、四), which is table cells and labels, not prose.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from golocheck.formats import get_format

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"

# Corpus files with a faithful transcription in sample_reports/: checked through it.
SAMPLES = {
    "00-golog-2018.txt": "golog-2018.json",
    "01-hongze-district-2023.txt": "hongze-2023.json",
    "02-hongze-district-2024.txt": "hongze-2024.json",
    "03-huaian-city-2024.txt": "huaian-2024.json",
    "06-pingtan-2019.txt": "pingtan-2019.json",
    "09-pingtan-2016.txt": "pingtan-2016.json",  # imported from its page as fujian-2008 (Fujian's own table)
    "15-shanghai-kewei-2024.txt": "shanghai-kewei-2024.json",
}

_PAGE = re.compile(r"^\s*(?:-\s*\d+\s*-|—\s*\d+\s*—)\s*$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_TABLE_PARTS = ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况", "信息公开情况统计表",
                # row headings an extractor turned into Markdown headings inside table 三
                "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "结转下年度继续办理")
_ENDS_PARAGRAPH = tuple("。！？；：”）)")


def header_and_body(name: str) -> tuple[dict[str, str], str]:
    text = (CORPUS / name).read_text(encoding="utf-8").split("=== collector's appendix", 1)[0]
    header: dict[str, str] = {}
    if text.startswith("source:"):
        head, _, text = text.partition("\n\n")
        for line in head.splitlines():
            key, _, value = line.partition(": ")
            header[key] = value
    return header, text


def _lines(body: str) -> list[str]:
    kept = []
    for line in body.replace("\f", "\n").splitlines():
        if _PAGE.match(line) or line.strip() == "正文" or line.lstrip().startswith("|"):
            continue
        kept.append(line.rstrip().lstrip("#").rstrip() if line.lstrip().startswith("#") else line.rstrip())
    return kept


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines joined into paragraphs. A line continues the paragraph when the line before
    is a full layout line (20 characters or more) that stops mid-sentence, even across a
    blank line; an indented line (pdftotext layout), a heading or anything after a short
    line (title, signature, date) starts a new one."""
    paragraphs: list[str] = []
    current = previous = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        indented = line[:1] in (" ", "\u3000")
        continues = (current and not indented and not _HEADING.match(stripped)
                     and len(previous) >= 20 and not previous.endswith(_ENDS_PARAGRAPH))
        if continues:
            current += stripped
        else:
            if current:
                paragraphs.append(current)
            current = stripped
        previous = stripped
    if current:
        paragraphs.append(current)
    return paragraphs


def corpus_report(name: str, format_id: str, cells: dict[str, object] | None = None, *, title_end: str = "年度报告",
                  inline_headings: str | None = None, extra_headings: tuple[str, ...] = (), metadata: dict | None = None,
                  table_parts: tuple[str, ...] = _TABLE_PARTS) -> dict:
    header, body = header_and_body(name)
    fmt = get_format(format_id)
    paragraphs = _paragraphs(_lines(body))
    first = paragraphs.pop(0)
    # the title: the first paragraphs up to 年度报告 (a one-line page runs on into the preamble)
    while title_end not in first and paragraphs and len(first) < 40:
        first += paragraphs.pop(0)
    cut = first.find(title_end)
    title, rest = (first[: cut + len(title_end)], first[cut + len(title_end):].strip()) if cut >= 0 else (first, "")
    if rest:
        paragraphs.insert(0, rest)
    if inline_headings:
        split = []
        for p in paragraphs:
            split.extend(part for part in re.split(f"({inline_headings})", p) if part.strip())
        paragraphs = split
    preamble: list[str] = []
    sections: list[dict] = []
    for p in paragraphs:
        is_heading = (_HEADING.match(p) and len(p) <= 40) or p in extra_headings or (inline_headings and re.fullmatch(inline_headings, p))
        if is_heading:
            sections.append({"heading": p, "text": []})
        elif sections:
            sections[-1]["text"].append(p)
        else:
            preamble.append(p)
    for s in sections:
        table_part = any(t in s["heading"] for t in table_parts) and s["heading"] not in extra_headings
        s["text"] = "" if table_part else "\n".join(s["text"])
    tables: dict = {}
    for cell_id, value in (cells or {}).items():
        node = tables
        parts = fmt.cell_map[cell_id].pointer.split("/")[2:]
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    issuer = header.get("issuer", "").split("（")[0]
    year = int(header["year"]) if header.get("year", "").isdigit() else None
    meta = {"title": title, "issuer": issuer, "issuer_kind": "人民政府" if issuer.endswith("人民政府") else "政府部门",
            "region": re.search(r"（([^，；）]*)", header.get("issuer", "") + "（").group(1), "report_year": year,
            "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"}}
    meta.update(metadata or {})
    return {"format": format_id, "metadata": meta, "preamble": "\n".join(preamble), "sections": sections, "tables": tables}


def corpus_bytes(*args, **kwargs) -> bytes:
    return json.dumps(corpus_report(*args, **kwargs), ensure_ascii=False).encode()
