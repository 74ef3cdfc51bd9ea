"""The bounds a PDF is read within, and the scan that enforces the decompressed size.

A PDF is untrusted input: a few kilobytes can hold a stream that inflates to gigabytes
(a decompression bomb), a page can hold thousands of tiny tables, a file can have
thousands of pages. A report is a few pages of text and three or four tables, so the
defaults below are far above any real report and far below what would exhaust the
machine. Each bound exceeded is a finding (I045 for the document, I046 for a page),
never a partial document presented as whole. The caller may pass its own ``PdfLimits``
to ``readers.pdf.read`` (documented in docs/report-files.md).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PdfLimits:
    max_pages: int = 200
    # characters of the whole text layer (a 10-page report has about 20,000)
    max_chars: int = 1_000_000
    # tables pdfplumber finds on one page; drawing objects (lines, rectangles) on one page:
    # table finding costs grow with their number, so a page over either is not read
    max_tables_per_page: int = 40
    max_rulings_per_page: int = 4_000
    # wall time of one document's reading, checked between pages
    time_budget_seconds: float = 30.0
    # decoded bytes of one compressed (FlateDecode) stream, and of all of them together
    max_stream_bytes: int = 32 * 1024 * 1024
    max_decoded_bytes: int = 128 * 1024 * 1024


LIMITS = PdfLimits()

_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


class Bomb(Exception):
    """A compressed stream that decodes past the limits: (decoded so far, the limit hit)."""

    def __init__(self, decoded: int, limit: int) -> None:
        super().__init__(decoded, limit)
        self.decoded = decoded
        self.limit = limit


def check_streams(raw: bytes, limits: PdfLimits) -> int:
    """Inflate every zlib stream of the file, bounded, before any PDF library sees it:
    pdfminer and PDFium both decode a stream whole. Returns the decoded total; raises
    Bomb past a limit. Streams that are not zlib data (images, encrypted streams, other
    filters) are skipped: they are not what a library inflates unbounded."""
    total = 0
    for match in _STREAM.finditer(raw):
        start = match.end()
        if raw[start:start + 1] not in (b"x", b"h", b"X"):  # zlib header byte (CMF 0x78 / 0x68 / 0x58)
            continue
        inflater = zlib.decompressobj()
        size = 0
        data = memoryview(raw)[start:]
        try:
            piece = inflater.decompress(data[:_CHUNK * 4], _CHUNK)
            consumed = 0
            while True:
                size += len(piece)
                if size > limits.max_stream_bytes:
                    raise Bomb(size, limits.max_stream_bytes)
                if total + size > limits.max_decoded_bytes:
                    raise Bomb(total + size, limits.max_decoded_bytes)
                if inflater.eof:
                    break
                if inflater.unconsumed_tail:
                    piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                    continue
                consumed += _CHUNK * 4
                if start + consumed >= len(raw):
                    break
                piece = inflater.decompress(data[consumed:consumed + _CHUNK * 4], _CHUNK)
        except zlib.error:
            pass  # not (valid) zlib data: PDFium and pdfminer stop there too
        total += size
    return total
