"""Structure errors: JSON Schema validation of a report, as findings of rule F007.

jsonschema's messages are English and name no label; here each error becomes a
finding with its pointer and a message in both languages. Errors inside table
cells are left to the cell rules (V001–V005), which say more precisely what is
wrong with a value.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Iterator

from golocheck.diagnostics import Finding, Text
from golocheck.loading import escape_pointer_token

_TYPE_ZH = {"object": "对象", "array": "数组", "string": "字符串", "integer": "整数", "number": "数字", "null": "空值", "boolean": "布尔值"}


@cache
def _schema(formats_key: tuple[str, ...]) -> dict:
    from golocheck.schema import report_schema

    return report_schema()


def _pointer(path) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in path)


def _json_text(value: Any) -> str:
    import json

    from golocheck.loading import NumberText

    if isinstance(value, NumberText):  # a number as the file writes it (NaN, 10^20): not a string
        return value.text[:60]
    try:
        return json.dumps(value, ensure_ascii=False, default=str)[:60]
    except (TypeError, ValueError):
        return repr(value)[:60]


def structure_findings(data: Any, cell_pointers: frozenset[str], skip_pointers: frozenset[str] = frozenset()) -> Iterator[Finding]:
    from golocheck.formats import all_formats

    from golocheck.minischema import iter_errors

    for error in iter_errors(data, _schema(tuple(sorted(all_formats())))):
        base = _pointer(error.absolute_path)
        if base in cell_pointers or base in skip_pointers:
            continue  # cells: V001–V005 say more; skipped: another rule reports it
        for finding in _explain(error, base):
            if finding.pointer not in skip_pointers:
                yield finding


def _explain(error, base: str) -> Iterator[Finding]:
    kind = error.validator
    if kind == "required":
        name = re.match(r"'(.+)' is a required property", error.message)
        field = name.group(1) if name else "?"
        yield Finding(f"{base}/{escape_pointer_token(field)}", {"problem": Text(f"缺少必填项“{field}”", f"required “{field}” is missing")}, label=Text(field, field))
    elif kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in known:
                yield Finding(f"{base}/{escape_pointer_token(key)}", {"problem": Text(f"未知的键“{key}”（该位置允许：{'、'.join(sorted(known))}）", f"unknown key “{key}” (allowed here: {', '.join(sorted(known))})")}, label=Text(key, key))
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        zh = "或".join(_TYPE_ZH.get(t, t) for t in expected)
        yield Finding(base, {"problem": Text(f"应为{zh}，实际为 {_json_text(error.instance)}", f"expected {' or '.join(expected)}, found {_json_text(error.instance)}")})
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        listed = "、".join(str(a) for a in allowed)
        yield Finding(base, {"problem": Text(f"取值 {_json_text(error.instance)} 无效，应为：{listed}", f"invalid value {_json_text(error.instance)}; expected one of: {', '.join(str(a) for a in allowed)}")})
    elif kind in ("pattern", "format"):
        yield Finding(base, {"problem": Text(f"格式不正确：{_json_text(error.instance)}（日期应写作 YYYY-MM-DD）", f"malformed value {_json_text(error.instance)} (dates are written YYYY-MM-DD)")})
    elif kind in ("minimum", "maximum"):
        yield Finding(base, {"problem": Text(f"数值 {error.instance} 超出允许范围（{kind} {error.validator_value}）", f"value {error.instance} out of range ({kind} {error.validator_value})")})
    elif kind in ("minItems", "minLength"):
        yield Finding(base, {"problem": Text("不能为空", "must not be empty")})
    else:
        yield Finding(base, {"problem": Text(f"不符合报告文件结构：{error.message}", f"does not match the report structure: {error.message}")})
