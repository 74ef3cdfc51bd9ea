"""Registers kept as spreadsheets (ledgers, 台账): read, turned into register entries, listed.

An office keeps its 依申请公开登记台账 and its 主动公开 register in Excel or WPS (or exports
them to CSV), one row per request. golocheck reads such a file (``sheet``), finds its
columns by their header text (``columns``, from data/ledger-columns.yaml and the
configuration's ``ledger-columns``), and turns each row into the same register entry a
report's JSON ``registers`` holds (``convert``), each field with the place of its cell, so
every deadline rule runs on ledger rows unchanged and every finding names the cell.
``due`` lists the open requests with their due dates (``golocheck register --due``).

openpyxl is imported only inside ``sheet.read_workbook``: a report check without a
workbook never loads it.
"""

from __future__ import annotations

from pathlib import Path


def read_ledgers(selectors, mapping_files: tuple[Path, ...] = ()) -> tuple:
    """``FILE[#SHEET]`` each -> its :class:`convert.Layout`; LedgerError or MappingError
    (one line) when one cannot be read."""
    from golocheck.ledger.convert import layout
    from golocheck.ledger.sheet import read_sheet, split_selector

    layouts = []
    for selector in selectors:
        path, sheet = split_selector(str(selector))
        layouts.append(layout(read_sheet(path, sheet, str(path)), tuple(mapping_files)))
    return tuple(layouts)
