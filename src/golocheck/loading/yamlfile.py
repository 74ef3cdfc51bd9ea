"""YAML report files: compose the node tree (C parser when available) and build
plain data and a pointer -> position map in one walk.

Building the data ourselves, rather than with PyYAML's constructor, lets us
keep dates as the strings the user wrote, read floats as exact decimals, flag
duplicate keys, NaN and anchors, and record every value's position cheaply.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from golocheck.diagnostics import Span
from golocheck.loading import NonFinite, Problem, escape_pointer_token

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_PLAIN_TAGS = {_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}


class YamlSourceMap:
    def __init__(self) -> None:
        self.spans: dict[str, Span] = {}

    def span(self, pointer: str) -> Span | None:
        return self.spans.get(pointer)


def _span(node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def parse_yaml(text: str) -> tuple[Any, YamlSourceMap, list[Problem]]:
    import yaml

    source_map = YamlSourceMap()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        args = {"reason_zh": f"YAML 语法错误：{reason}", "reason_en": reason, "line": line, "column": column}
        return None, source_map, [Problem("F004", args=args, span=Span(line, column, line, column))]
    except yaml.YAMLError as exc:
        args = {"reason_zh": f"YAML 语法错误：{exc}", "reason_en": str(exc), "line": 1, "column": 1}
        return None, source_map, [Problem("F004", args=args, span=Span(1, 1, 1, 1))]
    except RecursionError:
        return None, source_map, [Problem("F009", args={"what_zh": "嵌套层数过深", "what_en": "nesting too deep"})]
    if root is None:
        return None, source_map, [Problem("F001", span=Span(1, 1, 1, 1))]
    builder = _Builder(source_map)
    data = builder.build(root)
    return data, source_map, builder.problems


class _Builder:
    def __init__(self, source_map: YamlSourceMap) -> None:
        self.source_map = source_map
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        from yaml.constructor import SafeConstructor

        self._constructor = SafeConstructor()

    def _syntax_problem(self, node, zh: str, en: str) -> None:
        span = _span(node)
        args = {"reason_zh": zh, "reason_en": en, "line": span.line, "column": span.column}
        self.problems.append(Problem("F004", args=args, span=span))

    def build(self, root) -> Any:
        # Iterative walk: (node, pointer, container to fill, key or index)
        result_holder: list[Any] = [None]
        stack: list[tuple[Any, str, Any, Any]] = [(root, "", result_holder, 0)]
        while stack:
            node, pointer, parent, slot = stack.pop()
            self.source_map.spans[pointer] = _span(node)
            if node.id in ("mapping", "sequence"):
                if node.tag not in _COLLECTION_TAGS:
                    self._syntax_problem(node, f"不支持的 YAML 标签 {node.tag}", f"unsupported YAML tag {node.tag}")
                if id(node) in self._seen:
                    self._syntax_problem(node, "报告文件中不支持 YAML 锚点与别名（&/*）", "YAML anchors and aliases (&/*) are not supported in report files")
                    parent[slot] = None
                    continue
                self._seen.add(id(node))
            if node.id == "mapping":
                value: dict = {}
                parent[slot] = value
                for key_node, value_node in node.value:
                    if key_node.id != "scalar":
                        self._syntax_problem(key_node, "映射的键必须是简单值", "mapping keys must be plain scalars")
                        continue
                    key = str(key_node.value)
                    child = f"{pointer}/{escape_pointer_token(key)}"
                    if key in value:
                        self.problems.append(Problem("F005", pointer=child, args={"key": key}, span=_span(key_node)))
                    value[key] = None
                    stack.append((value_node, child, value, key))
            elif node.id == "sequence":
                items: list = [None] * len(node.value)
                parent[slot] = items
                for index, item in enumerate(node.value):
                    stack.append((item, f"{pointer}/{index}", items, index))
            else:
                parent[slot] = self._scalar(node, pointer)
        return result_holder[0]

    def _scalar(self, node, pointer: str) -> Any:
        tag, raw = node.tag, node.value
        if tag == _INT:
            return self._constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            cleaned = raw.replace("_", "")
            if cleaned.lower() in (".nan", ".inf", "+.inf", "-.inf"):
                self.problems.append(Problem("F006", pointer=pointer, args={"value": raw}, span=_span(node)))
                return NonFinite(raw)
            try:
                return Decimal(cleaned)
            except InvalidOperation:
                return raw
        if tag == _BOOL:
            return self._constructor.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        if tag not in _PLAIN_TAGS:
            self._syntax_problem(node, f"不支持的 YAML 标签 {tag}", f"unsupported YAML tag {tag}")
        return raw
