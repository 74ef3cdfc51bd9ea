"""YAML report files: read the parser's event stream and build plain data and a
pointer -> position map in one pass, without composing a node tree.

Working on events, not on PyYAML's nodes and constructor, means:

* scalars are read by YAML 1.2's rules, and strictly: a number is a JSON-style decimal
  (``-?(0|[1-9][0-9]*)`` with an optional fraction or exponent), so ``010``, ``0x56``,
  ``0o126``, ``1:26``, ``8_6`` and ``+86`` stay the text the file has (the cell check
  quotes them); booleans are only ``true``/``false``, so ``yes``/``no``/``on``/``off``
  are text; dates stay the strings the user wrote; fractions are exact decimals;
* any explicit tag (``!!int``, ``!!binary``, ``!custom`` …) is refused (F004) and its
  value is never constructed;
* anchors and aliases are refused (F004) before anything is built from them, so a small
  file cannot expand into a huge document;
* nesting is counted while reading (F009), on top of the text pre-scan in ``depth.py``.
"""

from __future__ import annotations

import re
from typing import Any

from golocheck.diagnostics import Span
from golocheck.loading import MAX_DEPTH, NonFinite, Problem, TooLarge, escape_pointer_token, read_decimal, read_integer, too_large_problem
from golocheck.loading.positions import LineIndex, YamlScalarMap
from golocheck.records import replace

_NULL = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FRACTION = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


class YamlSourceMap:
    def __init__(self, text: str = "") -> None:
        self.spans: dict[str, Span] = {}
        # pointer -> (start index, end index, style, value) of each text scalar
        self.scalars: dict[str, tuple[int, int, str, str]] = {}
        self._text = text
        self._index: LineIndex | None = None
        self._maps: dict[str, YamlScalarMap] = {}  # built on the first finding inside each scalar

    def span(self, pointer: str) -> Span | None:
        return self.spans.get(pointer)

    def span_inside(self, pointer: str, offset: int, length: int) -> Span | None:
        """The span of characters offset .. offset+length of the text scalar at ``pointer``."""
        scalar = self.scalars.get(pointer)
        if scalar is None:
            return None
        if self._index is None:
            self._index = LineIndex(self._text, yaml=True)
        scalar_map = self._maps.get(pointer)
        if scalar_map is None:
            scalar_map = self._maps[pointer] = YamlScalarMap(self._text, *scalar)
        found = scalar_map.source(offset, length)
        return self._index.span(*found) if found else None


def _span(start_mark, end_mark=None) -> Span:
    end_mark = end_mark or start_mark
    return Span(start_mark.line + 1, start_mark.column + 1, end_mark.line + 1, end_mark.column + 1)


def _syntax(span: Span, zh: str, en: str) -> Problem:
    return Problem("F004", args={"reason_zh": zh, "reason_en": en, "line": span.line, "column": span.column}, span=span)


class _Refused(Exception):
    """The file uses something report files do not allow; reading stops."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def parse_yaml(text: str) -> tuple[Any, YamlSourceMap, list[Problem]]:
    import yaml

    source_map = YamlSourceMap(text)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(source_map)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except _Refused as refused:
        return None, source_map, [*builder.problems, refused.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "maximum nesting depth" in reason:  # libyaml's own limit (1000 levels)
            return None, source_map, [Problem("F009", args={"what_zh": "嵌套层数过深", "what_en": "nesting too deep"})]
        args = {"reason_zh": f"YAML 语法错误：{reason}", "reason_en": reason, "line": line, "column": column}
        return None, source_map, [Problem("F004", args=args, span=Span(line, column, line, column))]
    except yaml.YAMLError as exc:
        args = {"reason_zh": f"YAML 语法错误：{exc}", "reason_en": str(exc), "line": 1, "column": 1}
        return None, source_map, [Problem("F004", args=args, span=Span(1, 1, 1, 1))]
    except RecursionError:
        return None, source_map, [Problem("F009", args={"what_zh": "嵌套层数过深", "what_en": "nesting too deep"})]
    if builder.anchor is not None:
        return None, source_map, [*builder.problems, _syntax(builder.anchor, "报告文件中不支持 YAML 锚点与别名（&/*）", "YAML anchors and aliases (&/*) are not supported in report files")]
    if builder.documents == 0:  # nothing but comments and blank lines
        return None, source_map, [Problem("F001", span=Span(1, 1, 1, 1))]
    # a document that is only a null (`null`, `~`, `---`) loads as None without a
    # problem: the engine reports it as not a report (F010)
    return builder.result, source_map, builder.problems


class _Frame:
    __slots__ = ("container", "pointer", "start", "key")

    def __init__(self, container, pointer: str, start) -> None:
        self.container = container
        self.pointer = pointer
        self.start = start
        self.key: str | None = None  # a mapping's key waiting for its value


class _Builder:
    def __init__(self, source_map: YamlSourceMap) -> None:
        self.source_map = source_map
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.result: Any = None
        self.documents = 0
        self.anchor: Span | None = None  # the first anchor (&name), refused at the end

    def feed(self, event) -> None:
        name = type(event).__name__
        if name == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                raise _Refused(_syntax(_span(event.start_mark), "报告文件只能包含一个 YAML 文档（不支持 ---）", "a report file holds one YAML document (no ---)"))
            return
        if name == "AliasEvent":
            raise _Refused(_syntax(_span(event.start_mark, event.end_mark), f"报告文件中不支持 YAML 别名（*{event.anchor}）", f"YAML aliases (*{event.anchor}) are not supported in report files"))
        if name in ("MappingEndEvent", "SequenceEndEvent"):
            frame = self.stack.pop()
            self.source_map.spans[frame.pointer] = _span(frame.start, event.end_mark)
            return
        if name not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
            return  # stream start/end, document end
        if event.anchor is not None and self.anchor is None:
            self.anchor = _span(event.start_mark, event.end_mark)
        parent = self.stack[-1] if self.stack else None
        is_key = parent is not None and isinstance(parent.container, dict) and parent.key is None
        if event.tag is not None:
            # Any explicit tag, even !!str: the value is kept as the text the file has.
            problem = _syntax(_span(event.start_mark, event.end_mark), f"不支持的 YAML 标签 {event.tag}", f"unsupported YAML tag {event.tag}")
            self.problems.append(problem if is_key else replace(problem, pointer=self._child_pointer(parent)))
        if is_key:
            self._key(parent, event, name)
            return
        pointer = self._child_pointer(parent)
        if name == "ScalarEvent":
            self._place(parent, self._scalar(event, pointer))
            return
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(Problem("F009", args={"what_zh": f"嵌套层数超过 {MAX_DEPTH}", "what_en": f"nesting deeper than {MAX_DEPTH} levels"}))
        container: Any = {} if name == "MappingStartEvent" else []
        self._place(parent, container)
        self.stack.append(_Frame(container, pointer, event.start_mark))

    def _key(self, frame: _Frame, event, name: str) -> None:
        if name != "ScalarEvent":
            raise _Refused(_syntax(_span(event.start_mark, event.end_mark), "映射的键必须是简单值", "mapping keys must be plain scalars"))
        key = event.value
        pointer = f"{frame.pointer}/{escape_pointer_token(key)}"
        if key in frame.container:
            self.problems.append(Problem("F005", pointer=pointer, args={"key": key}, span=_span(event.start_mark, event.end_mark)))
        frame.key = key

    def _child_pointer(self, parent: _Frame | None) -> str:
        if parent is None:
            return ""
        if isinstance(parent.container, dict):
            return f"{parent.pointer}/{escape_pointer_token(parent.key)}"
        return f"{parent.pointer}/{len(parent.container)}"

    def _place(self, parent: _Frame | None, value: Any) -> None:
        if parent is None:
            self.result = value
        elif isinstance(parent.container, dict):
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)

    def _scalar(self, event, pointer: str) -> Any:
        raw, style = event.value, event.style or ""  # plain: None (Python parser) or "" (C parser)
        span = _span(event.start_mark, event.end_mark)
        self.source_map.spans[pointer] = span
        if style == "" and event.tag is None:
            if raw in _NULL:
                return None
            if raw in _TRUE or raw in _FALSE:
                return raw in _TRUE
            if _INTEGER.fullmatch(raw):
                value = read_integer(raw)
            elif _FRACTION.fullmatch(raw):
                value = read_decimal(raw)
            elif _NON_FINITE.fullmatch(raw):
                self.problems.append(Problem("F006", pointer=pointer, args={"value": raw}, span=span))
                return NonFinite(raw)
            else:
                value = raw
            if isinstance(value, TooLarge):
                self.problems.append(too_large_problem(pointer, raw, span))
            if not isinstance(value, str):
                return value
        self.source_map.scalars[pointer] = (event.start_mark.index, event.end_mark.index, style, raw)
        return raw
