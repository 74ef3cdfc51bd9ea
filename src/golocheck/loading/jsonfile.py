"""JSON report files: fast parse with the C scanner; positions only when asked for.

``json.loads`` keeps no positions. Scanning the text for them costs about ten
times the parse, so :class:`JsonSourceMap` scans lazily, on the first request
for a position — which only happens when the file has findings.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from typing import Any

from golocheck.diagnostics import Span
from golocheck.loading import NonFinite, NoSourceMap, Problem, TooLarge, escape_pointer_token, read_decimal, read_integer, too_large_problem
from golocheck.loading.positions import _JSON_STRING as _STRING, JsonStringMap, LineIndex

# The patterns are linear: a character can be matched in one way only.
_SCALAR = re.compile(r"[^\s,\]}]+")
_BRACKETS = re.compile(r"[\[\]{}]")
_COLON = re.compile(r"[ \t\r\n]*:[ \t\r\n]*")
_DIRECT_WINDOW = 4096  # characters a member's key is looked for in (JsonSourceMap._found_directly)
_WS = re.compile(r"[ \t\r\n]*")


@cache
def _member_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The patterns that step over the members on a pointer's way, compiled on first use (a
    clean report is never placed):

    * a member's key (the characters between its quotes), the colon, and the white space
      before its value;
    * a value that is not a container (as _value_end reads it: a string, or a scalar up
      to white space, a comma or a closer), then what follows it as in the next one;
    * after a member's value: white space, and the comma and white space before the next.
    """
    return (re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r\n]*:[ \t\r\n]*', re.S),
            re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*"|[^\s,\]}\[{"][^\s,\]}]*)[ \t\r\n]*(,[ \t\r\n]*)?', re.S),
            re.compile(r"[ \t\r\n]*(,[ \t\r\n]*)?"))


_DIGITS_AS_ONES = bytes.maketrans(b"0123456789", b"1111111111")
_LONG_RUN = b"1" * 16

# Chinese for the messages of Python's JSON decoder (the English is kept as is).
_JSON_MESSAGES_ZH = {
    "Expecting ',' delimiter": "缺少逗号分隔符",
    "Expecting ':' delimiter": "缺少冒号分隔符",
    "Expecting property name enclosed in double quotes": "属性名应使用英文双引号",
    "Expecting value": "此处应为一个值",
    "Extra data": "JSON 结束后还有多余内容",
    "Unterminated string starting at": "字符串没有结束引号",
    "Invalid control character at": "字符串中含有控制字符（如未转义的换行）",
    "Invalid \\escape": "无效的转义序列",
    "Illegal trailing comma before end of object": "对象末尾多了逗号",
    "Illegal trailing comma before end of array": "数组末尾多了逗号",
}


class _Pairs:
    """object_pairs_hook that remembers which objects had a key twice."""

    def __init__(self) -> None:
        self.duplicates: list[tuple[dict, str]] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict:
        # dict() keeps each key's first place and last value, as json.loads does; the
        # pairs are walked in Python only for an object that has a key twice
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.duplicates.append((result, key))
                seen.add(key)
        return result


class _Numbers:
    """parse_int / parse_float hooks: exact values, never int() of a huge digit string
    (Python raises ValueError past 4,300 digits), TooLarge beyond ±2^53."""

    def __init__(self) -> None:
        self.unusable = False

    def integer(self, text: str) -> "int | TooLarge":
        value = read_integer(text)
        self.unusable |= isinstance(value, TooLarge)
        return value

    def fraction(self, text: str) -> "Decimal | TooLarge":
        value = read_decimal(text)
        self.unusable |= isinstance(value, TooLarge)
        return value


def parse_json(text: str, raw: bytes | None = None) -> tuple[Any, "JsonSourceMap | NoSourceMap", list[Problem]]:
    """``raw``: the bytes ``text`` was decoded from (UTF-8), when the caller has them."""
    pairs = _Pairs()
    numbers = _Numbers()
    source_map = JsonSourceMap(text)
    # An integer of at most 15 digits is below 2^53: read_integer would give int(text), which
    # the C scanner makes itself when no parse_int is given. Only a text with a run of 16
    # digits somewhere (in a string, perhaps) has each integer read through read_integer.
    # (The run is looked for in C: digits made ones, then sixteen ones searched; a regular
    # expression tries every position of the text in turn. The file's own bytes, when given,
    # are not encoded again: a UTF-8 byte that is an ASCII digit is that digit, so their
    # runs of digits are the text's.)
    encoded = raw if raw is not None else text.encode("utf-8", "surrogatepass")
    integer = numbers.integer if _LONG_RUN in encoded.translate(_DIGITS_AS_ONES) else None
    try:
        data = json.loads(text, parse_int=integer, parse_float=numbers.fraction, parse_constant=NonFinite, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        zh = next((v for k, v in _JSON_MESSAGES_ZH.items() if exc.msg.startswith(k)), exc.msg)
        args = {"reason_zh": zh, "reason_en": exc.msg, "line": exc.lineno, "column": exc.colno}
        return None, NoSourceMap(), [Problem("F003", args=args, span=Span(exc.lineno, exc.colno, exc.lineno, exc.colno))]
    except RecursionError:  # only valid JSON is ever scanned for positions
        return None, NoSourceMap(), [Problem("F009", args={"what_zh": "嵌套层数过深", "what_en": "nesting too deep"})]
    # no key given twice anywhere: positions can be found reading each container only up to the member wanted
    source_map.unique_keys = not pairs.duplicates
    problems: list[Problem] = []
    if pairs.duplicates or numbers.unusable or _has_non_finite(text):
        problems = _value_problems(data, pairs.duplicates)
    return data, source_map, problems


def _has_non_finite(text: str) -> bool:
    return "NaN" in text or "Infinity" in text


def _value_problems(data: Any, duplicates: list[tuple[dict, str]]) -> list[Problem]:
    """Name the places of duplicate keys and NaN/Infinity (found by walking the data once)."""
    dup_by_id: dict[int, list[str]] = {}
    for obj, key in duplicates:
        dup_by_id.setdefault(id(obj), []).append(key)
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, pointer = stack.pop()
        if isinstance(value, dict):
            for key in dup_by_id.get(id(value), ()):
                problems.append(Problem("F005", pointer=f"{pointer}/{escape_pointer_token(key)}", args={"key": key}))
            stack.extend((v, f"{pointer}/{escape_pointer_token(k)}") for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(value))
        elif isinstance(value, NonFinite):
            problems.append(Problem("F006", pointer=pointer, args={"value": value.text}))
        elif isinstance(value, TooLarge):
            problems.append(too_large_problem(pointer, value.text))
    return problems


class _Undirected(Exception):
    """The text cannot be read along a pointer alone (a key given twice on the way)."""


_DECODER = json.JSONDecoder()  # skips a container in C: its end offset is all that is used


def _string_starts_at(text: str, i: int, at: int) -> bool:
    """Whether a string of the JSON text starts at ``at``, read from ``i``, a place outside
    any string: the quote found there may be the closing one of a string, as the key ", "
    is found in ``"a", ": x"``. Without a backslash between, the quotes before ``at`` are
    counted (an even number: ``at`` is outside every string); else each string between
    is stepped over whole (an escaped quote does not end a string)."""
    if text.find("\\", i, at) < 0:
        return text.count('"', i, at) % 2 == 0
    while True:
        quote = text.find('"', i, at + 1)
        if quote == at:
            return True
        string = _STRING.match(text, quote) if quote >= 0 else None
        if string is None or string.end() > at:
            return False
        i = string.end()


class JsonSourceMap:
    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: dict[str, tuple[int, int]] | None = None
        self._keys: dict[str, tuple[int, int]] = {}
        self._index: LineIndex | None = None
        self._strings: dict[str, JsonStringMap] = {}  # built on the first finding inside each string
        # Offsets found by descending along pointers (_directed), before any whole-text scan
        self._found: dict[str, tuple[int, int]] = {}
        self._key_offsets: dict[str, tuple[int, int]] = {}
        self._expanded: set[str] = set()
        # Set by parse_json when the parse met no key twice. Then a container is read only
        # up to the member on a pointer's way (no later member can be the same key), and a
        # value's end is found only for the value asked for and the members passed over:
        # see _along.
        self.unique_keys = False
        self._starts: dict[str, int] = {}
        self._cursors: dict[str, tuple[int, int, str | None]] = {}  # container -> (offset, next index, member whose end is not known)

    def span(self, pointer: str) -> Span | None:
        found = self._offsets(pointer)
        if found is None:
            return None
        return self._index.span(*found)

    def _offsets(self, pointer: str) -> tuple[int, int] | None:
        """(start, end) of the value at ``pointer``. Found by descending along the pointer
        (see _directed); a text with a key twice on the way is scanned whole instead."""
        if self._index is None:
            self._index = LineIndex(self._text)
        if self._spans is None:
            try:
                return self._directed(pointer)
            except (_Undirected, IndexError, ValueError):
                self._spans, self._keys = {}, {}
                try:
                    self._scan()
                except (IndexError, ValueError):
                    pass  # only valid JSON is scanned; be defensive all the same
        return self._spans.get(pointer)

    def _directed(self, pointer: str) -> tuple[int, int] | None:
        """The offsets of ``pointer``'s value, reading only the containers on its way: each
        one's members are found once (a member that is itself a container is skipped by
        the C decoder, not token by token). A report's findings point into a few rows, and
        the whole-text scan cost three times the parse."""
        if self.unique_keys:
            return self._along(pointer)
        text, spans = self._text, self._found
        if "" not in spans:
            start = _WS.match(text, 0).end()
            spans[""] = (start, self._value_end(start))
        if pointer in spans:
            return spans[pointer]
        if not pointer.startswith("/"):
            return None
        current = ""
        for token in pointer[1:].split("/"):
            if current not in self._expanded:
                self._expand(current)
            current = f"{current}/{token}"
            if current not in spans:
                return None
        return spans[current]

    def _along(self, pointer: str) -> tuple[int, int] | None:
        """_directed for a text without a key given twice."""
        spans, starts = self._found, self._starts
        found = spans.get(pointer)
        if found is not None:
            return found
        if "" not in starts:
            starts[""] = _WS.match(self._text, 0).end()
        if pointer and not pointer.startswith("/"):
            return None
        current = ""
        for token in pointer[1:].split("/") if pointer else ():
            child = f"{current}/{token}"
            if child not in starts and not self._read_up_to(current, child):
                return None
            current = child
        start = starts[current]
        found = spans[current] = (start, self._value_end(start))
        return found

    def _read_up_to(self, container: str, wanted: str) -> bool:
        """Read the members of ``container`` from where the last call stopped until
        ``wanted`` (a member's pointer) starts; False when the container ends first."""
        text, starts, spans = self._text, self._starts, self._found
        cursor = self._cursors.get(container)
        if cursor is None:
            start = starts[container]
            if text[start] not in "{[":
                return False
            cursor = (_WS.match(text, start + 1).end(), 0, None)
        i, index, pending = cursor
        is_object = text[starts[container]] == "{"
        if is_object and pending is None and self._found_directly(container, wanted, i):
            return True
        key_pattern, flat_pattern, next_pattern = _member_patterns()
        while True:
            if pending is not None:  # step over the member read last
                end = spans[pending][1] if pending in spans else self._value_end(starts[pending])
                after = next_pattern.match(text, end)
                i = after.end()
                if after.group(1) is None:  # no comma: the container ends
                    self._cursors[container] = (i, index, None)
                    return False
            elif text[i] in "}]":
                self._cursors[container] = (i, index, None)
                return False
            if is_object:
                member = key_pattern.match(text, i)
                if member is None:
                    raise ValueError("expected a key")
                key = member.group(1)
                if "\\" in key or not key.isprintable():  # json.loads decides (see _read_key)
                    key = json.loads(f'"{key}"')
                child = f"{container}/{escape_pointer_token(key)}"
                self._key_offsets[child] = (i, member.end(1) + 1)
                i = member.end()
            else:
                child = f"{container}/{index}"
            index += 1
            starts[child] = i
            flat = flat_pattern.match(text, i)
            if flat is None:  # a container: stepped over by the decoder, if need be, next time
                pending = child
                if child == wanted:
                    self._cursors[container] = (i, index, pending)
                    return True
                continue
            # a string or a scalar: its end, and the next member's start, in the same match
            spans[child] = (i, flat.end(1))
            pending, i = None, flat.end()
            if child == wanted or flat.group(2) is None:  # found, or the container ends
                self._cursors[container] = (i, index, None)
                return child == wanted

    def _found_directly(self, container: str, wanted: str, i: int) -> bool:
        """The member ``wanted`` of the object ``container`` found by looking for its key
        from ``i`` (where the reading of the container stopped), without reading the
        members before it, when none of them is a container: no bracket between ``i`` and
        the key, which is then one of the object's own (a quote inside a text is escaped).
        The members passed over are read later only if asked for (the cursor stays). False
        when it cannot tell: the members are read one by one."""
        key = wanted[len(container) + 1:]
        if not key or not key.isprintable() or '"' in key or "\\" in key or "~" in key:
            return False
        text = self._text
        # no further than the first bracket, and than a few kilobytes: the cursor stays,
        # so each look must cost a bounded part of the text (many findings in one object)
        limit = min(i + _DIRECT_WINDOW, len(text))
        bracket = _BRACKETS.search(text, i, limit)
        at = text.find(f'"{key}"', i, bracket.start() if bracket is not None else limit)
        if at < 0 or not _string_starts_at(text, i, at):
            return False
        colon = _COLON.match(text, at + len(key) + 2)
        if colon is None:
            return False
        self._key_offsets[wanted] = (at, at + len(key) + 2)
        self._starts[wanted] = colon.end()
        return True

    def _value_end(self, i: int) -> int:
        char = self._text[i]
        if char in "{[":
            return _DECODER.raw_decode(self._text, i)[1]
        return (_STRING if char == '"' else _SCALAR).match(self._text, i).end()

    def _expand(self, pointer: str) -> None:
        """Record the offsets of the members of the container at ``pointer`` (and of the keys)."""
        text, spans = self._text, self._found
        self._expanded.add(pointer)
        start = spans[pointer][0]
        opener = text[start]
        if opener not in "{[":
            return
        i = _WS.match(text, start + 1).end()
        if text[i] in "}]":
            return
        seen: set[str] = set()
        index = 0
        while True:
            if opener == "{":
                key, k_start, k_end = self._read_key(i)
                if key in seen:  # the whole-text scan decides what a key given twice points at
                    raise _Undirected
                seen.add(key)
                child = f"{pointer}/{escape_pointer_token(key)}"
                self._key_offsets[child] = (k_start, k_end)
                i = _WS.match(text, _WS.match(text, k_end).end() + 1).end()  # skip ':'
            else:
                child = f"{pointer}/{index}"
                index += 1
            end = self._value_end(i)
            spans[child] = (i, end)
            i = _WS.match(text, end).end()
            if text[i] != ",":
                return
            i = _WS.match(text, i + 1).end()

    def span_inside(self, pointer: str, offset: int, length: int) -> Span | None:
        """The span of characters offset .. offset+length of the string at ``pointer``."""
        span = self.span(pointer)
        if span is None:
            return None
        start = self._offsets(pointer)[0]
        if self._text[start:start + 1] != '"':
            return span
        strings = self._strings.get(pointer)
        if strings is None:
            strings = self._strings[pointer] = JsonStringMap(self._text, start)
        return self._index.span(strings.source(offset), strings.source(offset + length))

    def key_span(self, pointer: str) -> Span | None:
        self.span(pointer)
        found = (self._keys if self._spans is not None else self._key_offsets).get(pointer)
        return self._index.span(*found) if found else None

    def _read_key(self, i: int) -> tuple[str, int, int]:
        match = _STRING.match(self._text, i)
        if match is None:
            raise ValueError("expected a key")
        quoted = match.group()
        # most keys have no escape and no control character: the characters between the
        # quotes are the key (json.loads decides the others, and refuses what it refuses)
        key = quoted[1:-1] if "\\" not in quoted and quoted.isprintable() else json.loads(quoted)
        return key, match.start(), match.end()

    def _scan(self) -> None:
        """Record the (start, end) offsets of every value, iteratively (no recursion limit)."""
        text, spans, keys = self._text, self._spans, self._keys
        i = _WS.match(text, 0).end()
        stack: list[list] = []  # [pointer, is_object, element count, start offset]
        pointer = ""
        while True:
            char = text[i]
            closed_empty = False
            if char in "{[":
                stack.append([pointer, char == "{", 0, i])
                i = _WS.match(text, i + 1).end()
                if text[i] in "}]":
                    i += 1
                    done = stack.pop()
                    spans[done[0]] = (done[3], i)
                    closed_empty = True
                elif char == "{":
                    key, k_start, k_end = self._read_key(i)
                    pointer = f"{stack[-1][0]}/{escape_pointer_token(key)}"
                    keys[pointer] = (k_start, k_end)
                    i = _WS.match(text, _WS.match(text, k_end).end() + 1).end()  # skip ':'
                    continue
                else:
                    pointer = f"{stack[-1][0]}/0"
                    continue
            if not closed_empty:
                match = _STRING.match(text, i) if char == '"' else _SCALAR.match(text, i)
                spans[pointer] = (i, match.end())
                i = match.end()
            # After a value: move to the next element, or close containers.
            while stack:
                i = _WS.match(text, i).end()
                top = stack[-1]
                if text[i] == ",":
                    i = _WS.match(text, i + 1).end()
                    top[2] += 1
                    if top[1]:
                        key, k_start, k_end = self._read_key(i)
                        pointer = f"{top[0]}/{escape_pointer_token(key)}"
                        keys[pointer] = (k_start, k_end)
                        i = _WS.match(text, _WS.match(text, k_end).end() + 1).end()
                    else:
                        pointer = f"{top[0]}/{top[2]}"
                    break
                i += 1
                stack.pop()
                spans[top[0]] = (top[3], i)
            else:
                return
