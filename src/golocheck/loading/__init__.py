"""Report files -> data plus a source map, or parse problems as values (never exceptions).

``load_report`` reads bytes, decodes, parses JSON or YAML, and returns a
:class:`LoadedReport`. Any problem with the file becomes a :class:`Problem`
(a rule code, a pointer or an exact position, and message arguments); the
engine turns problems into diagnostics like any other finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from golocheck.diagnostics import Span

# Reports are a few hundred kilobytes at most; anything far larger is not a
# report and would only make the parser slow.
MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64


class NonFinite:
    """A NaN or Infinity in the file: kept as a value so the cell check can name its place."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # the rule code, e.g. "F003"
    pointer: str = ""
    args: dict = field(default_factory=dict)
    span: Span | None = None  # exact position when the parser knows it


class SourceMap(Protocol):
    def span(self, pointer: str) -> Span | None: ...


class NoSourceMap:
    def span(self, pointer: str) -> Span | None:
        return None


@dataclass
class LoadedReport:
    path: str  # as given by the user, used in output
    text: str | None
    data: Any  # None when the file could not be parsed
    source_map: SourceMap
    problems: list[Problem]
    syntax: str  # "json" or "yaml"


def _syntax_for(path: str, text: str) -> str:
    lower = path.lower()
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".json"):
        return "json"
    return "json" if text.lstrip().startswith(("{", "[")) else "yaml"


def decode(raw: bytes) -> tuple[str | None, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("F002", args={"reason_zh": "文件为 UTF-16 编码", "reason_en": "the file is UTF-16", "line": 1, "column": 1}, span=Span(1, 1, 1, 1))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some Windows editors write
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        args = {
            "reason_zh": f"第 {exc.start} 字节 0x{raw[exc.start]:02x} 不是有效的 UTF-8",
            "reason_en": f"byte {exc.start} (0x{raw[exc.start]:02x}) is not valid UTF-8",
            "line": line,
            "column": column,
        }
        return None, Problem("F002", args=args, span=Span(line, column, line, column))


def load_text(path: str, raw: bytes) -> LoadedReport:
    """Parse the bytes of a report file; ``path`` is only used for messages and syntax detection."""
    if len(raw) > MAX_BYTES:
        problem = Problem("F009", args={"what_zh": f"文件过大（{len(raw)} 字节，上限 {MAX_BYTES} 字节）", "what_en": f"the file is too large ({len(raw)} bytes, limit {MAX_BYTES})"})
        return LoadedReport(path, None, None, NoSourceMap(), [problem], "json")
    text, problem = decode(raw)
    if text is None:
        return LoadedReport(path, None, None, NoSourceMap(), [problem], "json")
    syntax = _syntax_for(path, text)
    if not text.strip():
        return LoadedReport(path, text, None, NoSourceMap(), [Problem("F001", span=Span(1, 1, 1, 1))], syntax)
    if syntax == "yaml":
        from golocheck.loading.yamlfile import parse_yaml

        data, source_map, problems = parse_yaml(text)
    else:
        from golocheck.loading.jsonfile import parse_json

        data, source_map, problems = parse_json(text)
    if data is not None and not problems and _too_deep(data):
        problems.append(Problem("F009", args={"what_zh": f"嵌套层数超过 {MAX_DEPTH}", "what_en": f"nesting deeper than {MAX_DEPTH} levels"}))
        data = None
    return LoadedReport(path, text, data, source_map, problems, syntax)


def _too_deep(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return False


def load_path(path: Path, display: str | None = None) -> LoadedReport:
    """Read and parse a file. OSError propagates: a missing or unreadable path is a usage error."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return load_text(display or str(path), raw)


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
