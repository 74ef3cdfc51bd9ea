"""Cell values: every cell of the report's format, classified once (see Context.classify)."""

from __future__ import annotations

import re

from golocheck.diagnostics import Finding, Text

STATES = ("text", "fraction", "negative", "blank", "not_applicable")

# "9210条", "5332余", "1,234" — a number someone typed with its unit or a bound.
_NUMBER_WITH_SUFFIX = re.compile(r"\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(\S{0,6})\s*")


def _text_hint(raw) -> Text:
    if isinstance(raw, str):
        match = _NUMBER_WITH_SUFFIX.fullmatch(raw)
        if match:
            number, suffix = match.group(1).replace(",", "").replace("，", ""), match.group(2)
            if suffix in ("余", "多", "以上", "左右"):
                return Text(f"“{suffix}”表示约数，表格应填写确切数字", f"“{suffix}” marks an approximation; the table needs the exact figure")
            if suffix:
                return Text(f"单位“{suffix}”已由表格给出，应只填写数字 {number}", f"the unit “{suffix}” is given by the table; write only the number {number}")
            return Text(f"应填写数字 {number}，而不是文本", f"write the number {number}, not text")
    return Text("应填写数字", "write a number")


class CellValueCheck:
    """params.state: which cell state this rule reports (text, fraction, negative, blank, not_applicable)."""

    @staticmethod
    def validate(rule, formats) -> str | None:
        if rule.params.get("state") not in STATES:
            return f"params.state must be one of {', '.join(STATES)}"
        return None

    @staticmethod
    def run(ctx, rule):
        wanted = rule.params["state"]
        for value in ctx.cells():
            if value.state != wanted:
                continue
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

    @staticmethod
    def validate(rule, formats) -> str | None:
        states = rule.params.get("states")
        if not isinstance(states, list) or not states or any(s not in ("blank", "not_applicable") for s in states):
            return "params.states must be a non-empty list of: blank, not_applicable"
        return None

    @staticmethod
    def run(ctx, rule):
        empty_states = set(rule.params["states"])
        for table in ctx.format.tables:
            values = [ctx.cell(cell.id) for row in table.rows for cell in row.cells]
            present = [v for v in values if v.state != "missing"]
            if present and all(v.state in empty_states for v in present):
                blank = sum(v.state == "blank" for v in present)
                yield Finding(f"/tables/{table.id}", {"table": table.label, "cells": len(present), "blank": blank, "not_applicable": len(present) - blank},
                              label=Text(table.label, table.label))
