"""The body text of a PDF: printed lines -> paragraphs, page furniture dropped, and
whether a text layer is readable at all. Pure Python on (text, box) lines, so that it is
tested without PDFs; readers/pdf.py gives it the lines PDFium read.

A PDF has no paragraphs, only lines placed on a page. A careful reader sees a paragraph
end where the next line is indented (Chinese reports indent a paragraph's first line by
two characters), where a line stops short of the right margin, or where the gap between
lines is wider than the line spacing — and reads on across a line break, or a page
break, otherwise: a word or figure broken across lines ("20" / "23年") is one again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True, slots=True)
class Line:
    """A printed line: its text, page (1-based), box (x0, y0, x1, y1) in PDF points with
    the origin at the bottom left, and its character height (the font size, roughly)."""

    text: str
    page: int
    box: tuple[float, float, float, float]
    size: float


# Page numbers as offices print them: "- 3 -", "-1-", "— 3 —", "第 3 页", "第3页 共5页",
# "3/5", "Page 3 of 5", or a bare number — only in the top or bottom margin.
_PAGE_NUMBER = re.compile(
    r"[-—–－‐~\s]*\d{1,4}[-—–－‐~\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
MARGIN = 0.1  # the top and bottom tenth of a page: where running heads and page numbers are printed


def in_margin(line: Line, page_height: float) -> bool:
    return line.box[1] > page_height * (1 - MARGIN) or line.box[3] < page_height * MARGIN


def furniture(lines: list[Line], heights: dict[int, float]) -> set[int]:
    """Indexes of the lines that are page furniture: page numbers in a margin, and running
    heads — a margin line printed (digits aside) on at least two pages and half of them."""
    dropped: set[int] = set()
    seen: dict[str, set[int]] = {}
    marginal: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not in_margin(line, heights[line.page]):
            continue
        text = line.text.strip()
        if _PAGE_NUMBER.fullmatch(text):
            dropped.add(index)
            continue
        key = re.sub(r"\d+", "#", re.sub(r"\s+", "", text))
        seen.setdefault(key, set()).add(line.page)
        marginal.append((index, key))
    pages = len(heights)
    for index, key in marginal:
        if len(seen[key]) >= 2 and len(seen[key]) * 2 >= pages:
            dropped.add(index)
    return dropped


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    page: int
    box: tuple[float, float, float, float]  # of its lines on its first page


class Breaker:
    """Where paragraphs end, from the document's own margins and type size."""

    def __init__(self, lines: list[Line]) -> None:
        xs0 = sorted(line.box[0] for line in lines) or [0.0]
        xs1 = sorted(line.box[2] for line in lines) or [0.0]
        self.left = xs0[len(xs0) // 10]
        self.right = xs1[(len(xs1) * 9) // 10]
        self.em = median([line.size for line in lines]) if lines else 10.0

    def display(self, line: Line) -> bool:
        """Set in display type — larger than the body's — and centred: a title's line."""
        centre = (line.box[0] + line.box[2]) / 2
        return line.size >= 1.2 * self.em and abs(centre - (self.left + self.right) / 2) <= 1.5 * self.em

    def breaks(self, previous: Line, line: Line) -> bool:
        if (previous.page == line.page and self.display(previous) and self.display(line)
                and abs(previous.size - line.size) <= 0.1 * line.size
                and previous.box[1] - line.box[3] <= 0.8 * line.size):
            return False  # a title printed over two centred lines in the same large type is one
        if line.box[0] > self.left + 0.8 * self.em:  # indented first line, or a centred one
            return True
        if previous.box[2] < self.right - 1.5 * self.em:  # the previous line stopped short
            return True
        if previous.page == line.page and previous.box[1] - line.box[3] > 1.0 * self.em:
            return True  # a gap wider than the line spacing
        return previous.page != line.page and line.page != previous.page + 1


def _joiner(before: str, after: str) -> str:
    """Nothing between the halves of a word or figure broken across lines ("20" / "23年",
    "政府信" / "息公开"); in Latin text, where a line break stands for a space, a space —
    except between two digits, the halves of one figure."""
    if not (before and after):
        return ""
    a, b = before[-1], after[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum() and not (a.isdigit() and b.isdigit()):
        return " "
    return ""


def paragraphs(runs: list[list[Line]], breaker: Breaker) -> list[list[Paragraph]]:
    """Each run of consecutive lines (a table or the end of the text interrupts a run)
    -> its paragraphs."""
    out = []
    for run in runs:
        found: list[Paragraph] = []
        text, first, box, previous = "", None, None, None
        for line in run:
            piece = line.text.strip()
            if not piece:
                continue
            if previous is not None and not breaker.breaks(previous, line):
                text += _joiner(text, piece) + piece
                if line.page == first.page:
                    box = _union(box, line.box)
            else:
                if previous is not None:
                    found.append(Paragraph(text, first.page, box))
                text, first, box = piece, line, line.box
            previous = line
        if previous is not None:
            found.append(Paragraph(text, first.page, box))
        out.append(found)
    return out


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


# -- is the text layer readable? ----------------------------------------------------------

_CID = re.compile(r"\(cid:\d+\)")


def _readable(ch: str) -> bool:
    o = ord(ch)
    if 0x20 <= o < 0x7F or ch in "\t\r\n":
        return True
    if 0x2000 <= o <= 0x2BFF or 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F:
        return True  # punctuation and symbols; CJK radicals, punctuation, kana, ideographs
    if 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF:
        return True  # full-width forms; rarer ideographs
    return unicodedata.category(ch) in ("Zs", "Nd")


def unreadable_share(text: str) -> float:
    """The share of a text layer's characters that a Chinese report does not print:
    control characters, private-use code points, U+FFFD, Latin-1 letters of mojibake,
    and pdfminer's (cid:N) placeholders for glyphs it could not map (each counted once
    per character of the token)."""
    cids = sum(len(m.group()) for m in _CID.finditer(text))
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    bad = sum(1 for ch in chars if not _readable(ch))
    return min(1.0, (bad + cids) / len(chars))


GARBLED_SHARE = 0.2  # a real report's text layer: under 1 %; a broken font encoding: most of it
MIN_CHARS = 20  # fewer characters than this say too little to call a page garbled
