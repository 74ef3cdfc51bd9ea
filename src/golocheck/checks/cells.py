"""Cell values: every cell of the report's format, classified once (see Context.classify)."""

from __future__ import annotations

import re
from functools import cache

from golocheck.diagnostics import Finding, Text

STATES = ("text", "fraction", "negative", "blank", "not_applicable")

# "9210条", "5332余", "1,234" — a number someone typed with its unit or a bound. The unit
# is never ASCII (except %): in "0x56", "0o126", "1:26", "8_6" or "2024-01-01" what follows
# the first digit is part of another way of writing a number, not a unit.
# Both compiled when first used: only a cell holding text needs them.
_NUMBER_WITH_SUFFIX = r"\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*([^\x00-\x7f\s]{1,6}|%)?\s*"
# A number in some other notation: a sign, a leading zero, a base prefix (0x, 0o, 0b),
# digit separators, sexagesimal colons, an exponent, a date. Read as text, never converted.
_OTHER_NOTATION = r"\s*[-+]?[0-9.][0-9A-Za-z_:.+\-]*\s*"


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _text_hint(raw) -> Text:
    if isinstance(raw, str):
        match = _compiled(_NUMBER_WITH_SUFFIX).fullmatch(raw)
        if match:
            number, suffix = match.group(1).replace(",", "").replace("，", ""), match.group(2)
            if suffix in ("余", "多", "以上", "左右"):
                return Text(f"“{suffix}”表示约数，表格应填写确切数字", f"“{suffix}” marks an approximation; the table needs the exact figure")
            if suffix:
                return Text(f"单位“{suffix}”已由表格给出，应只填写数字 {number}", f"the unit “{suffix}” is given by the table; write only the number {number}")
            if number == raw.strip() and (number == "0" or not number.startswith("0")):
                return Text(f"应填写数字 {number}，而不是文本", f"write the number {number}, not text")
        if _compiled(_OTHER_NOTATION).fullmatch(raw):
            return Text("数字只能写成普通十进制数（不带正号、前导零、进制前缀、分隔符或冒号），golocheck 不会换算",
                        "write the figure as a plain decimal number (no plus sign, leading zero, base prefix, separator or colon); golocheck does not convert it")
    return Text("应填写数字", "write a number")


class CellValueCheck:
    """params.state: which cell state this rule reports (text, fraction, negative, blank, not_applicable)."""

    params_schema = {"type": "object", "properties": {"state": {"enum": list(STATES)}}, "required": ["state"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        wanted = rule.params["state"]
        # the cells were sorted by state in the one pass over the tables (Context.cells_in_state)
        for value in ctx.cells_in_state(wanted):
            cell = value.cell
            args = {"label": cell.short, "value": _display(value.raw), "unit": cell.unit}
            if wanted == "text":
                args["hint"] = _text_hint(value.raw)
            yield Finding(cell.pointer, args, label=cell.label)


def _display(raw) -> str:
    if raw is None:
        return "（空白）"
    if isinstance(raw, str):
        return f"“{raw}”"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return str(raw)


class EmptyTable:
    """A table none of whose cells holds a figure: every cell present is in one of
    params.states (blank, not_applicable), e.g. an unfilled `golocheck init` skeleton.
    Zeros are figures; a table missing altogether is a structure error (F007)."""

    params_schema = {
        "type": "object",
        "properties": {"states": {"type": "array", "minItems": 1, "items": {"enum": ["blank", "not_applicable"]}}},
        "required": ["states"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        empty_states = set(rule.params["states"])
        for table in ctx.format.tables:
            counts = ctx.table_states(table.id)  # counted in the one pass over the tables
            present = sum(n for state, n in counts.items() if state != "missing")
            if present and sum(counts.get(state, 0) for state in empty_states) == present:
                blank = counts.get("blank", 0)
                yield Finding(f"/tables/{table.id}", {"table": table.label, "cells": present, "blank": blank, "not_applicable": present - blank},
                              label=Text(table.label, table.label))
