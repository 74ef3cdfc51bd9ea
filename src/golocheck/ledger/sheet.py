"""One sheet of a ledger file, read into rows of plain values: XLSX (openpyxl) or CSV.

Nothing here judges the content: it reads cells. A file that cannot be read at all (not a
workbook, a password-protected one, a CSV in no encoding golocheck knows, a sheet that is
not there) raises :class:`LedgerError`, one line for ``golocheck: error:``. What can be
read but is doubtful is kept for ``convert`` to report: formulas without a saved value,
merged header cells, hidden sheets left unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# An OLE compound file: an old .xls workbook, or an .xlsx saved with a password (Excel
# then wraps the encrypted package in OLE). Either way openpyxl cannot read it.
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
MAX_BYTES = 50 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
class _FormulaWithoutValue:
    """A cell whose formula has no saved (cached) value; one instance, kept across processes."""

    def __reduce__(self):
        return "FORMULA_WITHOUT_VALUE"

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()


class LedgerError(Exception):
    """The ledger file cannot be read at all (a usage error: one line, exit 2)."""


@dataclass(frozen=True)
class Sheet:
    file: str  # as the user named it, for places
    name: str | None  # the sheet's name; None for CSV
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (1-based row number, cell values), blank rows left out
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (min_row, min_col, max_row, max_col) of merged cells
    formulas: tuple[tuple[int, int, str], ...] = ()  # (row, column, formula) of formulas without a saved value
    hidden: tuple[str, ...] = ()  # hidden sheets of the workbook, not read
    hidden_self: bool = False  # the sheet read is itself hidden (named on the command line)


def split_selector(text: str) -> tuple[Path, str | None]:
    """``requests.xlsx#台账`` -> (requests.xlsx, 台账); a path that exists as written is a
    path even when it holds a "#"."""
    path = Path(text)
    if path.exists() or "#" not in text:
        return path, None
    file, _, sheet = text.rpartition("#")
    return Path(file), sheet or None


def read_sheet(path: Path, sheet: str | None = None, display: str | None = None) -> Sheet:
    display = display or str(path)
    try:
        if path.is_dir():
            raise LedgerError(f"{display}: is a directory, not a ledger file")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LedgerError(f"cannot read {display}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise LedgerError(f"{display}: larger than {MAX_BYTES // (1024 * 1024)} MB: not a ledger")
    if raw.startswith(OLE_MAGIC):
        raise LedgerError(f"{display}: a password-protected workbook or an old .xls file: save it as .xlsx without a password")
    if raw.startswith(ZIP_MAGIC) or path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(raw, sheet, display)
    if sheet is not None:
        raise LedgerError(f"{display}: a CSV file has no sheets (#{sheet})")
    return read_csv(raw, display)


def decode_csv(raw: bytes, display: str) -> str:
    """UTF-8 (with or without BOM) when the bytes are UTF-8, else GB18030 (which covers GBK
    and GB2312, what Excel and WPS write on Chinese Windows); neither: an error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerError(f"{display}: neither UTF-8 nor GB18030 text: save the CSV as UTF-8 (or read the workbook itself)")


def read_csv(raw: bytes, display: str) -> Sheet:
    import csv
    import io

    text = decode_csv(raw, display)
    if "\x00" in text:
        raise LedgerError(f"{display}: not a CSV text file (it holds NUL bytes)")
    try:
        rows = [(n, tuple(cells)) for n, cells in enumerate(csv.reader(io.StringIO(text, newline="")), 1)]
    except csv.Error as exc:
        raise LedgerError(f"{display}: not a readable CSV file: {exc}") from None
    return Sheet(display, None, tuple((n, cells) for n, cells in rows if any(str(c).strip() for c in cells)))


def read_workbook(raw: bytes, sheet: str | None, display: str) -> Sheet:
    import io
    import warnings

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a declared dependency
        raise LedgerError("reading a workbook needs openpyxl (pip install openpyxl)") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
            values = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # a corrupt or foreign file: zipfile, XML and openpyxl's own errors
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise LedgerError(f"{display}: not a readable .xlsx workbook ({reason})") from None
    visible = [ws.title for ws in values.worksheets if ws.sheet_state == "visible"]
    hidden = tuple(ws.title for ws in values.worksheets if ws.sheet_state != "visible")
    if sheet is None:
        if not visible:
            raise LedgerError(f"{display}: every sheet is hidden; name one as {display}#SHEET")
        name = visible[0]
    elif sheet in values.sheetnames:
        name = sheet
    else:
        raise LedgerError(f"{display}: no sheet named {sheet!r} (sheets: {', '.join(values.sheetnames)})")
    ws, wf = values[name], formulas[name]
    if not hasattr(ws, "iter_rows"):
        raise LedgerError(f"{display}: {name!r} is a chart sheet, not a table")
    rows, missing = [], []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            value = cell.value
            if value is None:
                source = wf.cell(row=cell.row, column=cell.column).value
                if isinstance(source, str) and source.startswith("="):
                    missing.append((cell.row, cell.column, source))
                    value = FORMULA_WITHOUT_VALUE
            cells.append(value)
        if any(v is not None and str(v).strip() for v in cells):
            rows.append((row[0].row if row else 0, tuple(cells)))
    merged = tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
    return Sheet(display, name, tuple(rows), merged, tuple(missing), tuple(h for h in hidden if h != name), name in hidden)
