"""``--output-format xlsx``: the workbook (汇总表) reviewers circulate over a batch.

Two sheets: one row per report (file, issuer, year, format, counts by severity, status)
and one row per finding (file, issuer, code, severity, place, pointer, message, basis).
Headers and sheet names follow ``--lang``; each header row is frozen, has an autofilter
and fixed column widths (set before the first row: the sheets are written as the results
go by, in openpyxl's write-only mode, so memory stays flat over a batch of any size).

Written with openpyxl, the one workbook library golocheck uses (it also reads ledgers),
imported only here and only when a workbook is written.

A report is untrusted input and a workbook is a program's input too: text from a report
that a spreadsheet could take for a formula (it starts with = + - @, a tab or a carriage
return) is written as a string cell with Excel's quote prefix, never as a formula;
characters XML cannot carry are written as ``\\xNN``; a text longer than a cell holds is
cut, with an ellipsis. The bytes do not depend on the time of the run (fixed document
dates and zip entry times): the same findings give the same file.
"""

from __future__ import annotations

import re

from golocheck.i18n import word

BINARY = True  # writes bytes to a binary stream (reporters.is_binary)

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell
# document dates and zip entry times: any fixed value, so that two runs give the same bytes
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)

_FIXED_STAMP = b"%04d-%02d-%02dT%02d:%02d:%02dZ" % _FIXED_TIME
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

REPORT_WIDTHS = (40, 28, 8, 10, 8, 8, 8, 12)
FINDING_WIDTHS = (40, 28, 8, 10, 36, 36, 80, 60)


def status(result) -> str:
    """The i18n key of a report's status: not checked (it could not be read, parsed or
    checked), errors, warnings, or clean (infos only, or nothing)."""
    from golocheck.reporters import was_checked

    severities = {d.severity.value for d in result.diagnostics}
    if not was_checked(result):
        return "status_unchecked"
    if "error" in severities:
        return "status_errors"
    if "warning" in severities:
        return "status_warnings"
    return "status_clean"


def _text(value: str, cell_type):
    """A cell holding ``value`` as a string, whatever it starts with."""
    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    cell = cell_type(text)
    cell.data_type = "s"  # never "f": openpyxl would take "=..." for a formula
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and a spreadsheet keeps it text when the cell is edited
    return cell


def render(results, catalogue, options, out) -> None:
    """``out`` is a binary stream. ``catalogue`` is unused: each finding carries its basis."""
    import io
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from golocheck.reporters import human_place, posix_path

    lang = "en" if options.lang == "en" else "zh"
    book = Workbook(write_only=True)
    book.properties.creator = "golocheck"
    book.properties.created = book.properties.modified = datetime(*_FIXED_TIME)
    bold = Font(bold=True)
    sheets = []
    for name, columns, widths in (("xlsx_reports", "xlsx_report_columns", REPORT_WIDTHS),
                                  ("xlsx_findings", "xlsx_finding_columns", FINDING_WIDTHS)):
        sheet = book.create_sheet(word(lang, name))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for title in word(lang, columns).split("|"):
            cell = WriteOnlyCell(sheet, title)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        sheets.append(sheet)
    reports, findings = sheets

    def text(sheet, value):
        return None if value is None else _text(str(value), lambda v: WriteOnlyCell(sheet, v))

    rows = {"reports": 1, "findings": 1}
    for result in results:
        file = posix_path(result.path)
        counts = {"error": 0, "warning": 0, "info": 0}
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            findings.append([
                text(findings, posix_path(d.file)), text(findings, result.issuer), text(findings, d.code),
                word(lang, d.severity.value), text(findings, human_place(d.file, d.location, lang)),
                text(findings, d.pointer), text(findings, d.message.get(lang)),
                text(findings, d.basis.get(lang) if d.basis is not None else None),
            ])
            rows["findings"] += 1
        reports.append([
            text(reports, file), text(reports, result.issuer), result.year, text(reports, result.format_id),
            counts["error"], counts["warning"], counts["info"], word(lang, status(result)),
        ])
        rows["reports"] += 1
    for sheet, key, widths in ((reports, "reports", REPORT_WIDTHS), (findings, "findings", FINDING_WIDTHS)):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{rows[key]}"
    buffer = io.BytesIO()
    book.save(buffer)
    out.write(_fixed_times(buffer.getvalue()))


def _fixed_times(data: bytes) -> bytes:
    """The archive with every entry's time and the document's modification date fixed
    (zipfile stamps the time of writing, openpyxl the time of saving)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = _MODIFIED.sub(rb"\g<1>" + _FIXED_STAMP + rb"\g<2>", data)
            archive.writestr(fixed, data)
    return target.getvalue()
