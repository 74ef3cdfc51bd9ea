"""Documents that are not report files, told by their first bytes (not their suffix:
a renamed file is still what its bytes say).

Offices publish reports as Word 97 (.doc), WPS (.wps) and OFD files too. golocheck reads
none of those; it says so, and what to do, instead of reporting a JSON syntax error
(I001). Which kinds golocheck does import is ``golocheck.importing.IMPORT_SUFFIXES``.
"""

from __future__ import annotations

UNSUPPORTED = "I001"

# OLE2 compound file: Word 97–2003 .doc, WPS Office .wps, Excel .xls, PowerPoint .ppt.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_RTF = b"{\\rtf"


def unsupported_kind(raw: bytes) -> tuple[str, str] | None:
    """(what the file is, zh/en) for a document golocheck cannot read, else None."""
    head = raw[:4096]
    if head.startswith(_OLE):
        return ("doc", "Word 97–2003 / WPS 文档（.doc、.wps、.xls）")
    if head.startswith(_RTF):
        return ("rtf", "RTF 文档")
    if head.startswith(_ZIP) and b"OFD.xml" in head:
        return ("ofd", "OFD 版式文档")
    return None
