"""Offsets to 1-based line/column (in Unicode code points, as SARIF's columnKind says),
and positions of characters inside a string value.

Narrative findings name a place inside a decoded text value (``offset`` characters in).
The classes below map that place back to the source: inside a JSON string literal
(escapes take more than one source character) and inside any YAML scalar — plain,
single- or double-quoted (escapes, ``''``, folded line breaks) or a block scalar
(``|`` and ``>``, whose indentation and folding are not part of the value).

A long text can have thousands of findings, so every map here is built once, in one
pass over its text, and then answers each offset with a bisection: walking the text
from its start for every finding made a 9 MB report take minutes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from golocheck.diagnostics import Span


@cache
def _yaml_break() -> re.Pattern:
    """The line breaks of YAML (libyaml and PyYAML count all of them; CRLF is one break).
    Compiled when first used, as _solid: only a YAML report needs them."""
    return re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@cache
def _solid() -> re.Pattern:
    """A run of characters that are not white space (str.isspace and \\s agree)."""
    return re.compile(r"\S+")


# A JSON string, as its runs of plain characters between escapes: the strings of
# '"(?:[^"\\]|\\.)*"', matched several times faster (a report's texts are long); linear,
# as a character can be matched in one way only. (loading.jsonfile steps over strings with it too.)
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


_SHORT_VALUE = 200  # characters: see LineIndex.span


class LineIndex:
    """Offsets to lines. A YAML text's line starts are found at once. A JSON text's lines are
    counted between the offsets asked for (str.count and str.rfind in C, from the nearest
    offset already placed), as a report has a few findings and hundreds of lines. Once the
    counting has read about twice the text (each offset placed also counts the offsets
    its insertion moves), every line start is found and each offset is a bisection: a
    few passes over the text at most, however many findings."""

    def __init__(self, text: str, yaml: bool = False) -> None:
        self._text = text
        self._starts: list[int] | None = None
        if yaml:
            self._starts = [0, *(m.end() for m in _yaml_break().finditer(text))]
            return
        # offsets placed so far, in order, with their lines and their lines' starts: the
        # text's start and its end to begin with
        self._placed = [0, len(text)]
        self._lines = [1, text.count("\n") + 1]
        self._line_starts = [0, text.rfind("\n") + 1]
        self._budget = 2 * len(text)  # characters the counting may read before the index is built

    def _line_starts_of_text(self) -> list[int]:
        if self._starts is None:
            starts = self._starts = [0]
            find = self._text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
        return self._starts

    def line_col(self, offset: int) -> tuple[int, int]:
        starts = self._starts
        if starts is None and self._budget > 0 and 0 <= offset <= len(self._text):
            return self._counted(offset)
        starts = self._line_starts_of_text()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def _counted(self, offset: int) -> tuple[int, int]:
        text, placed, lines, line_starts = self._text, self._placed, self._lines, self._line_starts
        k = bisect_right(placed, offset) - 1
        if placed[k] == offset:
            return lines[k], offset - line_starts[k] + 1
        below, above = placed[k], placed[k + 1]  # the end of the text is placed: k + 1 exists
        if above - offset < offset - below:  # count back from the offset placed after it
            newlines = text.count("\n", offset, above)
            line, read = lines[k + 1] - newlines, above - offset
            same_line_as = k + 1 if newlines == 0 else None
        else:
            newlines = text.count("\n", below, offset)
            line, read = lines[k] + newlines, offset - below
            same_line_as = k if newlines == 0 else None
        if same_line_as is not None:
            start = line_starts[same_line_as]
        else:
            found = text.rfind("\n", below, offset)
            start = found + 1 if found != -1 else line_starts[k]
            read += offset - start
        # an insertion moves the offsets placed after it: charged to the budget as well, or
        # many findings close together (10,000 short sections) make the placing quadratic
        self._budget -= read + len(placed) - k
        placed.insert(k + 1, offset)
        lines.insert(k + 1, line)
        line_starts.insert(k + 1, start)
        return line, offset - start + 1

    def offset(self, line: int, column: int) -> int:
        """The inverse of line_col (line and column 1-based)."""
        return self._line_starts_of_text()[line - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end = max(start, end)
        # while lines are counted (a JSON text's, until every line start is known): a short
        # value on one line (most are) has its end column from its start, without placing
        # its end. Only a short one: the look for a line break must not read a long text
        # once per finding in it
        if self._starts is None and end - start <= _SHORT_VALUE and self._text.find("\n", start, end) < 0:
            return Span(line, col, line, col + end - start)
        end_line, end_col = self.line_col(end)
        return Span(line, col, end_line, end_col)


class JsonStringMap:
    """Decoded offsets of one JSON string literal (its opening quote at ``start``) to
    source offsets. Only the escapes are recorded: between two of them, characters map
    one to one. A surrogate pair (\\ud83d\\ude00) is one decoded character, as Python
    reads it."""

    def __init__(self, text: str, start: int) -> None:
        match = _JSON_STRING.match(text, start)
        end = match.end() - 1 if match else len(text)  # the closing quote
        self._first = start + 1
        self._decoded: list[int] = []  # decoded offset of the character each escape gives
        self._source: list[int] = []  # source offset of that escape's backslash
        self._width: list[int] = []  # its source characters
        i, shift = start + 1, 0  # shift: source characters beyond one per decoded character
        find = text.find
        while (backslash := find("\\", i, end)) != -1:
            width = 2
            if text[backslash + 1:backslash + 2] == "u":
                width = 12 if _surrogate_pair(text, backslash) else 6
            self._decoded.append(backslash - self._first - shift)
            self._source.append(backslash)
            self._width.append(width)
            shift += width - 1
            i = backslash + width

    def source(self, decoded: int) -> int:
        """The source offset of decoded character ``decoded`` (or of the place just after
        the last one)."""
        k = bisect_right(self._decoded, decoded) - 1
        if k < 0:
            return self._first + decoded
        if self._decoded[k] == decoded:
            return self._source[k]
        return self._source[k] + self._width[k] + (decoded - self._decoded[k] - 1)


def _surrogate_pair(text: str, backslash: int) -> bool:
    try:
        high = int(text[backslash + 2:backslash + 6], 16)
        low = int(text[backslash + 8:backslash + 12], 16) if text[backslash + 6:backslash + 8] == "\\u" else 0
    except ValueError:
        return False
    return 0xD800 <= high < 0xDC00 and 0xDC00 <= low < 0xE000


def inside_json_string(text: str, span: Span, offset: int, length: int) -> Span:
    """The span of characters offset .. offset+length of the decoded JSON string whose
    literal starts at ``span`` (one call: a source map keeps its JsonStringMap instead)."""
    if span.line != span.end_line:
        return span
    index = LineIndex(text)
    start = index.offset(span.line, span.column)
    if text[start:start + 1] != '"':
        return span
    strings = JsonStringMap(text, start)
    return index.span(strings.source(offset), strings.source(offset + length))


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


class _Runs:
    """Items numbered 0, 1, 2 … kept as runs: run k holds items ``rank[k]`` onwards, the
    first at ``at[k]``, each ``step[k]`` further on, ``count[k]`` of them."""

    __slots__ = ("rank", "at", "step", "count", "items")

    def __init__(self) -> None:
        self.rank: list[int] = []
        self.at: list[int] = []
        self.step: list[int] = []
        self.count: list[int] = []
        self.items = 0

    def add(self, at: int, count: int, step: int = 1) -> None:
        self.rank.append(self.items)
        self.at.append(at)
        self.step.append(step)
        self.count.append(count)
        self.items += count

    def solid_runs(self, text: str, start: int, end: int) -> None:
        """One item per non-space character of text[start:end]."""
        for m in _solid().finditer(text, start, end):
            self.add(m.start(), m.end() - m.start())

    def place(self, item: int) -> tuple[int, int]:
        """(start, end) of item ``item``."""
        k = bisect_right(self.rank, item) - 1
        at = self.at[k] + (item - self.rank[k]) * self.step[k]
        return at, at + self.step[k]

    def first_at_or_after(self, position: int) -> int:
        """The number of the first item placed at or after ``position`` (``items`` if none)."""
        k = bisect_right(self.at, position) - 1
        if k >= 0 and position < self.at[k] + self.count[k] * self.step[k]:
            return self.rank[k] + -(-(position - self.at[k]) // self.step[k])
        return self.rank[k + 1] if k + 1 < len(self.rank) else self.items

    def last_before(self, position: int) -> int:
        """The number of the last item placed before ``position`` (-1 if none)."""
        k = bisect_right(self.at, position - 1) - 1
        if k < 0:
            return -1
        return self.rank[k] + min(self.count[k] - 1, (position - 1 - self.at[k]) // self.step[k])


def _yaml_units(text: str, start: int, end: int, style: str) -> _Runs:
    """Every source unit of text[start:end] (a scalar in ``style``) that yields one non-space
    character of the value, in order. YAML's folding, indentation and chomping only ever
    add or remove white space, so the value's non-space characters and these units
    correspond one to one."""
    units = _Runs()
    i = start
    if style in ("|", ">"):
        first_break = _yaml_break().search(text, start, end)
        i = first_break.end() if first_break else end  # skip the header: | or > with indicators
    elif style in ('"', "'"):
        i, end = start + 1, max(start + 1, end - 1)  # the quotes
    if style == '"':
        while (backslash := text.find("\\", i, end - 1)) != -1:  # a backslash last is a character
            units.solid_runs(text, i, backslash)
            escape = text[backslash + 1]
            width = 2
            if escape in _ESCAPE_WIDTH:
                width = 1 + _ESCAPE_WIDTH[escape]
                try:
                    produced = chr(int(text[backslash + 2:backslash + width], 16))
                except ValueError:
                    produced = "?"
            else:
                produced = _DOUBLE_ESCAPES.get(escape, "")  # "" for an escaped line break
            if produced and not produced.isspace():
                units.add(backslash, 1, width)
            i = backslash + width
    elif style == "'":
        while (doubled := text.find("''", i, end)) != -1:
            units.solid_runs(text, i, doubled)
            units.add(doubled, 1, 2)
            i = doubled + 2
    units.solid_runs(text, i, end)
    return units


class YamlScalarMap:
    """Value offsets of one YAML scalar (source text[start:end] in ``style``: '' plain,
    ' " | >') to source offsets, through the value's non-space characters. ``usable`` is
    False when the source and the value do not line up (callers keep the scalar's span)."""

    def __init__(self, text: str, start: int, end: int, style: str, value: str) -> None:
        self._length = len(value)
        self._units = _yaml_units(text, start, end, style)
        self._solid = _Runs()
        self._solid.solid_runs(value, 0, len(value))
        self.usable = self._solid.items == self._units.items

    def source(self, offset: int, length: int) -> tuple[int, int] | None:
        """(start, end) in the source of value characters offset .. offset+length, or None."""
        if not self.usable or not (0 <= offset < self._length) or length < 1:
            return None
        first = self._solid.first_at_or_after(offset)
        last = self._solid.last_before(offset + length)
        if first >= self._solid.items or last < first:
            return None
        return self._units.place(first)[0], self._units.place(last)[1]


def inside_yaml_scalar(text: str, start: int, end: int, style: str, value: str, offset: int, length: int,
                       index: LineIndex) -> Span | None:
    """The span of characters offset .. offset+length of the YAML scalar ``value`` whose
    source is text[start:end] written in ``style`` ('' plain, ' " | >'); None when the
    source and the value do not line up (then the caller keeps the scalar's own span).
    One call: a source map keeps its YamlScalarMap instead."""
    found = YamlScalarMap(text, start, end, style, value).source(offset, length)
    return index.span(*found) if found else None
