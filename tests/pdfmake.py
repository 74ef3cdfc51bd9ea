"""PDF files written byte by byte for the PDF reader's tests: the damaged, hostile and
unreadable files no office tool writes on purpose (a scan, a broken font encoding, a
malformed cross-reference table, a decompression bomb, thousands of tiny tables).
Well-formed text and table PDFs come from reportlab in tests/test_pdf_reader.py."""

from __future__ import annotations

import zlib

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(pages: list[bytes], *, font: bytes = HELVETICA, compress: bool = False, extra: list[bytes] = (),
        resources: bytes = b"", xref: bool = True) -> bytes:
    """A PDF whose pages have the given content streams. Objects: 1 catalog, 2 pages,
    3 font, then per page its page and content objects, then ``extra`` objects (their
    numbers follow, for resources that name them)."""
    n = len(pages)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", None, font]  # type: ignore[list-item]
    kids = []
    for i, content in enumerate(pages):
        page_no, content_no = 4 + 2 * i, 5 + 2 * i
        kids.append(b"%d 0 R" % page_no)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> %s >> >>" % (content_no, resources))
        objects.append(stream(content, compress))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    objects.extend(extra)
    return assemble(objects, xref=xref)


def stream(data: bytes, compress: bool = False, dictionary: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        dictionary += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), dictionary) + data + b"\nendstream"


def assemble(objects: list[bytes], *, xref: bool = True) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start if xref else start + 7)
    if not xref:  # the table's offsets point into the middle of objects, too
        out = out.replace(b"0000000009 00000 n", b"0000000003 00000 n")
    return bytes(out)


def text_page(lines: list[str], x: int = 72, top: int = 770, size: int = 12) -> bytes:
    ops = [b"BT /F1 %d Tf" % size]
    for i, line in enumerate(lines):
        ops.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, top - i * int(size * 1.6), line.encode("latin-1")))
    ops.append(b"ET")
    return b"\n".join(ops)


def scanned_page() -> bytes:
    """A page that is only an image (as a scanner writes it): a 2x2 grey inline image."""
    return b"q 400 0 0 500 100 200 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x40\x40\x80 EI Q"


# A font whose ToUnicode map sends every glyph to a private-use code point: the text
# layer is there, but it decodes to nothing a reader can read (a broken font encoding).
_GARBLE_CMAP = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Garble def "
                b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <E000> endbfrange "
                b"endcmap CMapName currentdict /CMap defineresource pop end end")


def garbled(pages: int = 1) -> bytes:
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % (4 + 2 * pages)
    content = text_page(["Report of the year 2023 on open government information"] * 3)
    return pdf([content] * pages, font=font, extra=[stream(_GARBLE_CMAP)])


def tiny_tables(count: int, size: float = 4.0) -> bytes:
    """One page holding ``count`` ruled 2x2 tables, each ``size`` points wide, with a figure."""
    ops = [b"0 0 0 RG 0.2 w"]
    step = size * 3  # apart, so that no two tables share a ruling
    per_row = int(500 // step)
    for i in range(count):
        x = 40 + (i % per_row) * step
        y = 800 - (i // per_row) * step
        half = size / 2
        for dy in (0, half, size):
            ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x, y - dy, x + size, y - dy))
        for dx in (0, half, size):
            ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x + dx, y, x + dx, y - size))
    ops.append(text_page(["1 2 3"], top=40))
    return pdf([b"\n".join(ops)], compress=True)


def bomb(decoded: int) -> bytes:
    """A page whose content stream is tiny compressed and ``decoded`` bytes inflated."""
    inflater = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(inflater.compress(chunk) for _ in range(decoded // len(chunk))) + inflater.flush()
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", body]
    return assemble(objects)


def many_pages(count: int) -> bytes:
    return pdf([text_page([f"text of page {i + 1}"], top=600) for i in range(count)])


def ruled_page(count: int) -> bytes:
    """One page of ``count`` identical stroked lines (compressed to almost nothing) and a figure."""
    return pdf([b"0 0 0 RG\n" + b"100 100 m 200 100 l S\n" * count + text_page(["1"])], compress=True)


def repeated_pages(count: int) -> bytes:
    """``count`` pages that are one page object listed ``count`` times: small, but as
    many pages as any reader sees."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * count) + b"] /Count %d >>" % count,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               stream(text_page(["1"])), HELVETICA]
    return assemble(objects)
