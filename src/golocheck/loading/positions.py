"""Offsets to 1-based line/column (in Unicode code points, as SARIF's columnKind says),
and positions of characters inside a string value.

Narrative findings name a place inside a decoded text value (``offset`` characters in).
The functions below map that place back to the source: inside a JSON string literal
(escapes take more than one source character) and inside any YAML scalar — plain,
single- or double-quoted (escapes, ``''``, folded line breaks) or a block scalar
(``|`` and ``>``, whose indentation and folding are not part of the value).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from golocheck.diagnostics import Span

# The line breaks of YAML (libyaml and PyYAML count all of them; CRLF is one break).
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class LineIndex:
    def __init__(self, text: str, yaml: bool = False) -> None:
        self._starts = [0]
        if yaml:
            self._starts.extend(m.end() for m in _YAML_BREAK.finditer(text))
            return
        find = text.find
        pos = find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(max(start, end))
        return Span(line, col, end_line, end_col)


def inside_json_string(text: str, span: Span, offset: int, length: int) -> Span:
    """The span of characters offset .. offset+length of the decoded JSON string whose
    literal starts at ``span`` (escapes such as \\n take more than one source character)."""
    if span.line != span.end_line:
        return span
    line_start = 0
    for _ in range(span.line - 1):
        line_start = text.index("\n", line_start) + 1
    start = line_start + span.column - 1
    if text[start:start + 1] != '"':
        return span

    def source_index(decoded: int) -> int:
        # jump from escape to escape: plain characters map one to one
        i, count = start + 1, 0
        while count < decoded:
            backslash = text.find("\\", i, i + (decoded - count))
            if backslash == -1:
                return i + (decoded - count)
            count += backslash - i + 1
            i = backslash + (6 if text[backslash + 1:backslash + 2] == "u" else 2)
        return i

    begin, end = source_index(offset), source_index(offset + length)
    return Span(span.line, begin - line_start + 1, span.line, end - line_start + 1)


def marked_length(quote: object) -> int:
    """The length of the part a quote marks 【like this】 (what a narrative finding is
    about, inside the sentence it quotes), else 1."""
    if isinstance(quote, str) and "【" in quote and "】" in quote:
        return max(1, quote.index("】") - quote.index("【") - 1)
    return 1


# Double-quoted escapes: the number of source characters after the backslash.
_ESCAPE_WIDTH = {"x": 3, "u": 5, "U": 9}
_DOUBLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
                   "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
                   "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _yaml_units(source: str, style: str) -> list[tuple[int, int]]:
    """(start, end) in ``source`` of every source unit that yields one non-space character
    of the value, in order. YAML's folding, indentation and chomping only ever add or
    remove white space, so the value's non-space characters and these units correspond
    one to one."""
    units: list[tuple[int, int]] = []
    i, end = 0, len(source)
    if style in ("|", ">"):
        first_break = _YAML_BREAK.search(source)
        i = first_break.end() if first_break else end  # skip the header: | or > with indicators
    elif style in ('"', "'"):
        i, end = 1, max(1, end - 1)  # the quotes
    while i < end:
        char = source[i]
        if style == '"' and char == "\\" and i + 1 < end:
            escape = source[i + 1]
            if escape in _ESCAPE_WIDTH:
                width = _ESCAPE_WIDTH[escape]
                try:
                    produced = chr(int(source[i + 2:i + 1 + width], 16))
                except ValueError:
                    produced = "?"
                if not produced.isspace():
                    units.append((i, i + 1 + width))
                i += 1 + width
                continue
            produced = _DOUBLE_ESCAPES.get(escape, "")  # "" for an escaped line break
            if produced and not produced.isspace():
                units.append((i, i + 2))
            i += 2
            continue
        if style == "'" and char == "'" and source[i + 1:i + 2] == "'":
            units.append((i, i + 2))
            i += 2
            continue
        if not char.isspace():
            units.append((i, i + 1))
        i += 1
    return units


def inside_yaml_scalar(text: str, start: int, end: int, style: str, value: str, offset: int, length: int,
                       index: LineIndex) -> Span | None:
    """The span of characters offset .. offset+length of the YAML scalar ``value`` whose
    source is text[start:end] written in ``style`` ('' plain, ' " | >'); None when the
    source and the value do not line up (then the caller keeps the scalar's own span)."""
    if not (0 <= offset < len(value)) or length < 1:
        return None
    units = _yaml_units(text[start:end], style)
    solid = [i for i, c in enumerate(value) if not c.isspace()]  # value index of each non-space character
    if len(solid) != len(units):
        return None
    first = bisect_right(solid, offset - 1)  # the first non-space character at or after offset
    last = bisect_right(solid, offset + length - 1) - 1  # the last one before offset + length
    if first >= len(solid) or last < first:
        return None
    return index.span(start + units[first][0], start + units[last][1])
