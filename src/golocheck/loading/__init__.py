"""Report files -> data plus a source map, or parse problems as values (never exceptions).

``load_report`` reads bytes, decodes, parses JSON or YAML, and returns a
:class:`LoadedReport`. Any problem with the file becomes a :class:`Problem`
(a rule code, a pointer or an exact position, and message arguments); the
engine turns problems into diagnostics like any other finding.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from golocheck.diagnostics import Span
from golocheck.records import field, record

# The limits of a report file (docs/report-files.md, "Limits"). Reports are a few
# hundred kilobytes at most; anything far larger is not a report and would only
# make the parser slow.
MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
NULL_DOCUMENT = "F010"  # the file parsed, but holds only a null
# The largest integer every JSON tool reads exactly (an IEEE double's 53-bit mantissa);
# beyond it two tools may read two different numbers from the same file.
MAX_EXACT = 2**53
# Digit strings longer than this are not converted at all (Python refuses int() of
# 4,300+ digits; no figure of a report has more than a handful).
_MAX_NUMBER_CHARS = 64


class NumberText:
    """A number in the file that is not used as a number; kept as the file's own text
    so the checks can name its place and quote it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class NonFinite(NumberText):
    """A NaN or Infinity (F006)."""


class TooLarge(NumberText):
    """A number beyond ±2^53 (V007): not exact across tools, and no report's figure."""


def read_integer(text: str) -> "int | TooLarge":
    """A decimal integer literal (already validated by the parser) as an int, or TooLarge."""
    if len(text.lstrip("-")) > 16:  # 2^53 has 16 digits; never call int() on a long string
        return TooLarge(text)
    value = int(text)
    return value if abs(value) <= MAX_EXACT else TooLarge(text)


def read_decimal(text: str) -> "Decimal | TooLarge":
    """A decimal fraction literal (already validated) as an exact Decimal, or TooLarge."""
    if len(text) > _MAX_NUMBER_CHARS:
        return TooLarge(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return TooLarge(text)
    if value.is_finite() and value.adjusted() > 16:  # 1e999999999: never do arithmetic on it
        return TooLarge(text)
    return value if value.copy_abs() <= MAX_EXACT else TooLarge(text)


def too_large_problem(pointer: str, text: str, span: Span | None = None) -> Problem:
    shown = text if len(text) <= 40 else f"{text[:20]}…{text[-8:]}（{len(text)} 位）"
    shown_en = text if len(text) <= 40 else f"{text[:20]}…{text[-8:]} ({len(text)} characters)"
    return Problem("V007", pointer=pointer, args={"value_zh": shown, "value_en": shown_en}, span=span)


def read_limited(stream: BinaryIO) -> bytes:
    """Read at most one byte more than MAX_BYTES (enough for load_text to say F009)."""
    return stream.read(MAX_BYTES + 1)


@record(frozen=True, slots=True)
class Problem:
    """A problem found while loading a report: its rule code, where, and the message's values."""

    code: str  # the rule code, e.g. "F003"
    pointer: str = ""
    args: dict = field(default_factory=dict)
    span: Span | None = None  # exact position when the parser knows it
    place: Any = None  # for a document being imported: its diagnostics.Place there
    # pointers whose structure error (F007) this problem says more about: not reported again
    explains: tuple[str, ...] = ()


class SourceMap(Protocol):
    def span(self, pointer: str) -> Span | None: ...


class NoSourceMap:
    def span(self, pointer: str) -> Span | None:
        return None


@record
class LoadedReport:
    """A report as read: its text, parsed data, source map and loading problems."""

    path: str  # as given by the user, used in output
    text: str | None
    data: Any  # None when the file could not be parsed
    source_map: SourceMap
    problems: list[Problem]
    syntax: str  # "json" or "yaml"

    def span_of(self, pointer: str) -> Span | None:
        """The span of the pointer's value, or of its nearest ancestor that exists (a missing key)."""
        while True:
            span = self.source_map.span(pointer)
            if span is not None or not pointer:
                return span
            pointer = pointer.rsplit("/", 1)[0]

    def span_inside(self, pointer: str, offset: int, length: int) -> Span | None:
        """The span of characters offset .. offset+length of the text value at ``pointer``
        (a figure a narrative finding names), or None when the source map cannot tell."""
        inside = getattr(self.source_map, "span_inside", None)
        return inside(pointer, offset, length) if inside is not None else None


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
    from golocheck.loading.sniff import UNSUPPORTED, unsupported_kind

    unsupported = unsupported_kind(raw)
    if unsupported is not None:
        kind, what = unsupported
        return LoadedReport(path, None, None, NoSourceMap(), [Problem(UNSUPPORTED, args={"kind": kind, "what": what})], "json")
    text, problem = decode(raw)
    if text is None:
        return LoadedReport(path, None, None, NoSourceMap(), [problem], "json")
    syntax = _syntax_for(path, text)
    if not text or text.isspace():  # (not text.strip(): a copy of the whole text)
        return LoadedReport(path, text, None, NoSourceMap(), [Problem("F001", span=Span(1, 1, 1, 1))], syntax)
    from golocheck.loading.depth import json_openers, json_too_deep, yaml_too_deep

    # Before any parser sees the text: deep nesting crashes or slows some parsers.
    openers = json_openers(text) if syntax != "yaml" else None  # counted once: here and below
    deep_at = yaml_too_deep(text, MAX_DEPTH) if syntax == "yaml" else json_too_deep(text, MAX_DEPTH, openers, raw)
    if deep_at is not None:
        line, column = deep_at
        return LoadedReport(path, text, None, NoSourceMap(), [_too_deep_problem(Span(line, column, line, column))], syntax)
    from golocheck.loading.collector import paused

    with paused():  # the data built here lives on: collecting would only walk it again and again
        if syntax == "yaml":
            from golocheck.loading.yamlfile import parse_yaml

            data, source_map, problems = parse_yaml(text)
        else:
            from golocheck.loading.jsonfile import parse_json

            data, source_map, problems = parse_json(text, raw)
    # a JSON text with fewer openers than the limit cannot nest that deep: no walk of the data
    shallow = openers is not None and openers < MAX_DEPTH
    if data is not None and not shallow and _too_deep(data):
        problems.append(_too_deep_problem())
        data = None
    if isinstance(data, dict) and "imported_from" in data:  # written by golocheck import
        from golocheck.loading.places import with_recorded_places

        source_map = with_recorded_places(data, source_map)
    if data is None and not problems:  # `null`, `~`, `---`: it parsed, but holds no report
        problems.append(Problem(NULL_DOCUMENT, args={"value": excerpt(text)}, span=source_map.span("")))
    return LoadedReport(path, text, data, source_map, problems, syntax)


def excerpt(text: str | None, limit: int = 30) -> str:
    """A short one-line quote of a file's content, for messages."""
    squashed = " ".join((text or "").replace("\ufeff", "").split())
    return squashed if len(squashed) <= limit else squashed[:limit] + "…"


def _too_deep_problem(span: Span | None = None) -> Problem:
    return Problem("F009", args={"what_zh": f"嵌套层数超过 {MAX_DEPTH}", "what_en": f"nesting deeper than {MAX_DEPTH} levels"}, span=span)


def _too_deep(data: Any) -> bool:
    """Whether a value lies deeper than MAX_DEPTH (the document itself at depth 1). Level by
    level, so that a level's values are gathered by list.extend, not as a tuple each."""
    level, depth = [data], 1
    while level:
        if depth > MAX_DEPTH:
            return True
        below: list = []
        for value in level:
            if isinstance(value, dict):
                below.extend(value.values())
            elif isinstance(value, list):
                below.extend(value)
        level, depth = below, depth + 1
    return False


def load_path(path: Path, display: str | None = None) -> LoadedReport:
    """Read and parse a file. OSError propagates: a missing or unreadable path is a usage error."""
    with open(path, "rb") as handle:
        raw = read_limited(handle)
    return load_text(display or str(path), raw)


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
