"""The JSON Schema of report files, generated from the format definitions.

``schemas/report.schema.json`` is this module's output, committed so that
editors can validate and complete report files through their ``"$schema"``
key; a test fails when the committed file drifts from the definitions.
"""

from __future__ import annotations

import json
from typing import Any

from golocheck.formats import FormatDefinition, all_formats
from golocheck.registers import applicant_ids, registers_schema, result_rows

SCHEMA_ID = "urn:golocheck:schemas:report"
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
# Markers that publishers put in cells that do not apply; golocheck reports them
# (rule V005) rather than reading them as zero.
NOT_APPLICABLE = ["/", "／", "—", "-", "－", "——", "不适用", "无"]
from golocheck.settings import ISSUER_KINDS as _KINDS  # noqa: E402

ISSUER_KINDS = list(_KINDS)
AMOUNT_WITH_UNIT = r"^([0-9]+(?:\.[0-9]+)?)\s*(元|万元|亿元)$"
# The report years golocheck accepts (the 2008 Regulations took effect in 2008): one
# definition for the schema, the checks (Context.report_year) and ``golocheck init``.
REPORT_YEARS = range(2008, 2101)


def is_report_year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in REPORT_YEARS


def _cell_schema(kind: str, unit: str, description: str) -> dict[str, Any]:
    if kind == "count":
        number = {"type": "integer", "minimum": 0}
    elif kind == "signed_count":
        number = {"type": "integer"}
    else:  # money, amount: exact decimals, never negative
        number = {"type": "number", "minimum": 0}
    if kind == "amount":
        # The 2019 format fixes no unit for 采购总金额; reports write "251000元".
        number = {"anyOf": [number, {"type": "string", "pattern": AMOUNT_WITH_UNIT}]}
    blank = {"type": "null", "description": "空白：未填写（不等于 0）"}
    noted = {
        "type": "object",
        "description": "印有附注的数字，如“22（其中修订 16 件）”：value 为数字（勾稽关系用它），note 为附注原文",
        "properties": {"value": {"anyOf": [number, blank]}, "note": {"type": "string", "minLength": 1}},
        "required": ["value", "note"],
        "additionalProperties": False,
    }
    return {
        "description": f"{description}（单位：{unit}）" if unit else description,
        "anyOf": [number, blank, {"enum": NOT_APPLICABLE}, noted],
    }


def _tables_schema(fmt: FormatDefinition) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        rows: dict[str, Any] = {}
        for row in table.rows:
            if row.id is None:
                continue
            if not table.columns:
                cell = row.cells[0]
                rows[row.id] = _cell_schema(cell.kind, cell.unit, cell.label.zh)
            else:
                rows[row.id] = {
                    "type": "object",
                    "description": row.label,
                    "properties": {cell.id.rsplit(".", 1)[1]: _cell_schema(cell.kind, cell.unit, cell.label.zh) for cell in row.cells},
                    "required": [cell.id.rsplit(".", 1)[1] for cell in row.cells],
                    "additionalProperties": False,
                }
        tables[table.id] = {
            "type": "object",
            "description": table.label,
            "properties": rows,
            "required": list(rows),
            "additionalProperties": False,
        }
    return {"type": "object", "properties": tables, "required": list(tables), "additionalProperties": False}


def report_schema(formats: dict[str, FormatDefinition] | None = None) -> dict[str, Any]:
    formats = formats if formats is not None else all_formats()
    ids = sorted(formats)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "golocheck report file (政府信息公开工作年度报告)",
        "description": "Generated from golocheck's format definitions; do not edit by hand (python -m golocheck.schema).",
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "format": {"enum": ids, "description": "格式：" + "；".join(f"{i} = {formats[i].title.zh}" for i in ids)},
            "metadata": {
                "type": "object",
                "properties": {
                    "title": {"type": "string", "minLength": 1, "description": "报告标题"},
                    "issuer": {"type": "string", "minLength": 1, "description": "发布机关"},
                    "issuer_kind": {"enum": ISSUER_KINDS, "description": "机关类型（条例(2019) 第四十九、五十、五十四、五十五条）：" + "、".join(ISSUER_KINDS)},
                    "issuer_kind_inferred": {"type": "boolean", "description": "机关类型是由发布机关名称推断的（导入时未给 --issuer-kind）：取决于它的结论只作为警告"},
                    "region": {"type": "string", "description": "行政区域"},
                    "report_year": {"type": "integer", "minimum": REPORT_YEARS[0], "maximum": REPORT_YEARS[-1], "description": "报告年度"},
                    "period": {
                        "type": "object",
                        "description": "统计期限",
                        "properties": {"start": DATE, "end": DATE},
                        "required": ["start", "end"],
                        "additionalProperties": False,
                    },
                    "period_derived": {"type": "boolean", "description": "统计期限未印出，由报告年度推定为该年1月1日至12月31日（导入时记下）"},
                    "published_on": {**DATE, "description": "发布日期（可选；缺失时无法检查公布期限）"},
                    "source": {"type": "string", "description": "来源（网址或文件），仅供参考"},
                    "notes": {"type": "string", "description": "录入说明，不属于报告正文"},
                },
                "required": ["title", "issuer", "issuer_kind", "region", "report_year", "period"],
                "additionalProperties": False,
            },
            "preamble": {"type": "string", "description": "正文第一节之前的引言"},
            "sections": {
                "type": "array",
                "minItems": 1,
                "description": "报告各部分，按原文顺序",
                "items": {
                    "type": "object",
                    "properties": {"heading": {"type": "string", "minLength": 1}, "text": {"type": "string"}},
                    "required": ["heading", "text"],
                    "additionalProperties": False,
                },
            },
            "tables": {"type": "object"},
            "printed_labels": {
                "type": "object",
                "description": "导入时记录的印刷行标签（与格式的标签不同时）：JSON 指针 -> 原文所印的标签",
                "additionalProperties": {"type": "string"},
            },
            "registers": registers_schema(list(dict.fromkeys(r for i in ids for r in result_rows(formats[i]))),
                                          list(dict.fromkeys(a for i in ids for a in applicant_ids(formats[i])))),
            "read_with": {
                "type": "array",
                "description": "导入时用于读出单元格的勾稽关系（数字串拆分）：这些关系对这些行不再检查，报告为“未检查”（I032）",
                "items": {
                    "type": "object",
                    "properties": {
                        "rule": {"type": "string", "pattern": "^[A-Z][0-9]{3}$", "description": "规则代码，如 T203"},
                        "pointer": {"type": "string", "pattern": "^/tables/.+", "description": "用它读出的行或单元格的 JSON 指针"},
                    },
                    "required": ["rule", "pointer"],
                    "additionalProperties": False,
                },
            },
            "run_readings": {
                "type": "array",
                "description": "导入时有多种读法而未读出的数字串：行的 JSON 指针、原文数字串、各列及每种读法（检查正文数字是否与某种读法相符，N040）",
                "items": {
                    "type": "object",
                    "properties": {
                        "pointer": {"type": "string", "pattern": "^/tables/.+", "description": "未读出的行的 JSON 指针"},
                        "digits": {"type": "string", "description": "原文的数字串"},
                        "columns": {"type": "array", "minItems": 1, "items": {"type": "string"}, "description": "各列的 id，按读法中的顺序"},
                        "readings": {"type": "array", "minItems": 1, "items": {"type": "array", "items": {"type": "number"}}, "description": "每种读法：各列的数"},
                    },
                    "required": ["pointer", "digits", "columns", "readings"],
                    "additionalProperties": False,
                },
            },
            "imported_from": {
                "type": "object",
                "description": "golocheck import 写入：报告导入自的原始文档及每个值在其中的位置（检查时结果指向原始文档）",
                "properties": {
                    "file": {"type": "string", "minLength": 1, "description": "原始文档的路径（导入时给出的）"},
                    "kind": {"enum": ["html", "docx", "text", "markdown", "pdf"], "description": "文档类型"},
                    "places": {"type": "object", "description": "JSON 指针 -> 位置：html {line, table, row, column}；docx {paragraph} 或 {table, row, column}；text {line, column}；pdf {page, box, table, row, column}"},
                },
                "required": ["file", "kind", "places"],
                "additionalProperties": False,
            },
            "suppressions": {
                "type": "array",
                "description": "不报告的检查结果（JSON 没有注释）：规则代码、JSON 指针、必填的理由、可选的到期日",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "minLength": 1, "description": "规则代码或名称，如 T107"},
                        "pointer": {"type": "string", "pattern": "^(/.*)?$", "description": "该位置及其下的结果；省略则为整个文件"},
                        "reason": {"type": "string", "minLength": 1, "description": "理由（必填）"},
                        "expires": {**DATE, "description": "到期日：之后不再生效并提示"},
                    },
                    "required": ["code", "reason"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["format", "metadata", "sections", "tables"],
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"format": {"const": fmt_id}}, "required": ["format"]},
                "then": {"properties": {"tables": _tables_schema(formats[fmt_id])}},
            }
            for fmt_id in ids
        ],
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m golocheck.schema > schemas/report.schema.json
    import sys

    sys.stdout.write(render(report_schema()))
