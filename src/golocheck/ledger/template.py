"""``golocheck register-template``: an empty ledger with the headers golocheck recognises
(each column's first wording in data/ledger-columns.yaml), as .xlsx or CSV (UTF-8 with a
BOM, which Excel opens as UTF-8)."""

from __future__ import annotations

from pathlib import Path

from golocheck.ledger.columns import load_mapping
from golocheck.registers import REQUESTS


def headers(kind: str = REQUESTS, mapping_files: tuple[Path, ...] = ()) -> list[str]:
    return [c.wordings[0] for c in load_mapping(tuple(mapping_files)).columns[kind]]


def csv_text(kind: str = REQUESTS, mapping_files: tuple[Path, ...] = ()) -> str:
    return ",".join(headers(kind, mapping_files)) + "\r\n"


def xlsx_bytes(kind: str = REQUESTS, mapping_files: tuple[Path, ...] = ()) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = load_mapping(tuple(mapping_files)).labels[kind][0]
    sheet.append(headers(kind, mapping_files))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
