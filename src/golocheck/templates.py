"""Report skeletons derived from a format definition: every cell, every required section.

Used by the rule examples (each example is a patch applied to a skeleton) and,
later, by ``golocheck init``.
"""

from __future__ import annotations

import copy
from typing import Any

from golocheck.formats import FormatDefinition

PLACEHOLDER_TEXT = "（待填写）"


def skeleton(fmt: FormatDefinition, year: int | None = None, issuer: str = "示例县人民政府", issuer_kind: str = "人民政府") -> dict[str, Any]:
    year = year if year is not None else fmt.first_year
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        rows: dict[str, Any] = {}
        for row in table.rows:
            if row.id is None:
                continue
            if table.columns:
                rows[row.id] = {col_id: 0 for col_id, _ in table.columns}
            else:
                rows[row.id] = 0
        tables[table.id] = rows
    return {
        "format": fmt.id,
        "metadata": {
            "title": f"{issuer}{year}年政府信息公开工作年度报告",
            "issuer": issuer,
            "issuer_kind": issuer_kind,
            "region": "",
            "report_year": year,
            "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        },
        "sections": [{"heading": s.template_heading, "text": PLACEHOLDER_TEXT} for s in fmt.sections],
        "tables": tables,
    }


def apply_patch(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``patch`` into a copy of ``base``: mappings merge, anything else replaces
    (a null stays a null — a blank cell); the string "$delete" removes a key."""
    result = copy.deepcopy(base)
    _merge(result, patch)
    return result


def _merge(target: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if value == "$delete":
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
