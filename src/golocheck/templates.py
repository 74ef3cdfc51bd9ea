"""Report skeletons derived from a format definition: every cell, every required section.

Used by the rule examples (each example is a patch applied to a skeleton whose cells
are 0) and by ``golocheck init``, whose cells are blank (null): a blank is not a zero,
so a table nobody filled in fails (V004, V008) instead of passing as a year of zeros.
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
    (a null stays a null — a blank cell); the string "$delete" removes a key, and "$blank"
    makes every value below it null (a table left unfilled)."""
    result = copy.deepcopy(base)
    _merge(result, patch)
    return result


def _merge(target: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if value == "$delete":
            target.pop(key, None)
        elif value == "$blank":
            target[key] = _blank(target.get(key))
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _blank(value: Any) -> Any:
    return {k: _blank(v) for k, v in value.items()} if isinstance(value, dict) else None


def render_skeleton(fmt: FormatDefinition, year: int, issuer: str, issuer_kind: str, as_json: bool) -> str:
    """`golocheck init`: the skeleton as JSON, or as YAML with each cell's official label
    as a comment (JSON has no comments). Every cell is blank, to be filled in."""
    import json

    report = skeleton(fmt, year, issuer, issuer_kind)
    report["tables"] = _blank(report["tables"])
    # editors find the schema next to the report: `golocheck schema > report.schema.json`
    report = {"$schema": "report.schema.json", **report}
    report["metadata"]["region"] = ""
    if as_json:
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    lines = [
        "# yaml-language-server: $schema=report.schema.json",
        "# (golocheck schema > report.schema.json writes the schema editors use to check and complete this file)",
        f"# {fmt.title.zh}",
        "# 每个单元格都要填写数字（null 表示空白，尚未填写）；没有发生的事项填 0。空白不等于 0：未填写的表格不能通过检查。",
        f"format: {fmt.id}",
        "metadata:",
        f"  title: {json.dumps(report['metadata']['title'], ensure_ascii=False)}",
        f"  issuer: {json.dumps(issuer, ensure_ascii=False)}",
        f"  issuer_kind: {issuer_kind}",
        '  region: ""',
        f"  report_year: {year}",
        f'  period: {{start: "{year}-01-01", end: "{year}-12-31"}}',
        f'  # published_on: "{year + 1}-01-31"   # 发布日期',
        "sections:",
    ]
    for section in fmt.sections:
        lines += [f"  # {section.label}（{section.basis.zh}）", f"  - heading: {section.template_heading}", f"    text: {PLACEHOLDER_TEXT}"]
    lines.append("tables:")
    for table in fmt.tables:
        lines.append(f"  {table.id}:  # {table.label}")
        for row in table.rows:
            if row.id is None:
                lines.append(f"    # {row.label}")
            elif table.columns:
                lines.append(f"    {row.id}:  # {row.label}")
                for cell in row.cells:
                    column = cell.id.rsplit(".", 1)[1]
                    unit = f"（{cell.unit}）" if cell.unit else ""
                    lines.append(f"      {column}: null  # {cell.label.zh.split(' · ')[-1]}{unit}")
            else:
                cell = row.cells[0]
                lines.append(f"    {row.id}: null  # {cell.label.zh}（{cell.unit}）")
    return "\n".join(lines) + "\n"
