"""Reading and writing the XML parts of a .docx with the standard library, keeping the
part's own namespace prefixes (Word refuses a document whose ``mc:Ignorable`` names a
prefix that is no longer declared, which is what ElementTree's renaming would do)."""

from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

_ROOT_TAG = re.compile(rb"<(?![?!])[^>]*>")


def parse_part(raw: bytes) -> tuple[ET.Element, bytes]:
    """A part's root element and its original start tag (with every declaration)."""
    for _event, (prefix, uri) in ET.iterparse(io.BytesIO(raw), events=("start-ns",)):
        if prefix and not re.fullmatch(r"ns\d+", prefix):
            ET.register_namespace(prefix, uri)
    start = _ROOT_TAG.search(raw)
    return ET.fromstring(raw), start.group(0)


def serialize_part(root: ET.Element, start_tag: bytes | None = None) -> bytes:
    text = ET.tostring(root, encoding="unicode")
    if start_tag is None:
        return DECLARATION + text.encode("utf-8")
    end = text.index(">") + 1
    return DECLARATION + start_tag + text[end:].encode("utf-8")


def read_zip(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}


def write_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    order = ["[Content_Types].xml", "_rels/.rels"] + [n for n in parts if n not in ("[Content_Types].xml", "_rels/.rels")]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            if name in parts:
                archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 17, 9, 0, 0)), parts[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---------------------------------------------------------------- table geometry


def tc_span(tc: ET.Element) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(f"{W}val")) if span is not None else 1


def tc_vmerge(tc: ET.Element) -> str | None:
    """None, "restart" or "continue" (a bare <w:vMerge/> continues)."""
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    if merge is None:
        return None
    return merge.get(f"{W}val") or "continue"


def row_cells(tr: ET.Element) -> list[tuple[int, ET.Element]]:
    """The cells of a row with the grid column each starts at."""
    out, col = [], 0
    skip = tr.find(f"{W}trPr/{W}gridBefore")
    if skip is not None:
        col = int(skip.get(f"{W}val"))
    for tc in tr.findall(f"{W}tc"):
        out.append((col, tc))
        col += tc_span(tc)
    return out


def tc_text(tc: ET.Element) -> str:
    """A cell's text: runs joined, paragraphs as line breaks."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.findall(f"{W}p"))


def expand_table(tbl: ET.Element) -> list[list[str]]:
    """The rectangle of cell texts with merges expanded (a vertical continuation repeats the
    text of the cell it continues), as a reader must see the table."""
    width = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    grid: list[list[str]] = []
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        row = [""] * width
        for col, tc in row_cells(tr):
            text = grid[r - 1][col] if tc_vmerge(tc) == "continue" and r else tc_text(tc)
            for c in range(col, min(width, col + tc_span(tc))):
                row[c] = text
        grid.append(row)
    return grid


def merges(tbl: ET.Element) -> list[tuple[int, int, int, str | None]]:
    """(row, grid column, gridSpan, vMerge) of every cell, for shape tests."""
    return [
        (r, col, tc_span(tc), tc_vmerge(tc))
        for r, tr in enumerate(tbl.findall(f"{W}tr"))
        for col, tc in row_cells(tr)
    ]
