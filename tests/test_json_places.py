"""Where a JSON report's values are: JsonSourceMap against a reference reader written
here, on generated documents whose keys look like the text around them (quotes, commas,
colons, escapes) and whose pointers are asked for in any order (the map reads a container
only as far as the member asked for, and resumes there)."""

from __future__ import annotations

import json
import random as _random
import re

from hypothesis import example, given, settings, strategies as st

from golocheck.loading import escape_pointer_token, load_text

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def reference_offsets(text: str) -> dict[str, tuple[int, int]]:
    """Every pointer's (start, end) offsets, read token by token from the start."""
    found: dict[str, tuple[int, int]] = {}

    def value(i: int, pointer: str) -> int:
        start = i
        if text[i] == "{":
            i = _WS.match(text, i + 1).end()
            while text[i] != "}":
                key = _STRING.match(text, i)
                name = json.loads(key.group())
                i = _WS.match(text, key.end()).end() + 1  # the colon
                i = _WS.match(text, value(_WS.match(text, i).end(), f"{pointer}/{escape_pointer_token(name)}")).end()
                if text[i] == ",":
                    i = _WS.match(text, i + 1).end()
            end = i + 1
        elif text[i] == "[":
            i, index = _WS.match(text, i + 1).end(), 0
            while text[i] != "]":
                i = _WS.match(text, value(i, f"{pointer}/{index}")).end()
                index += 1
                if text[i] == ",":
                    i = _WS.match(text, i + 1).end()
            end = i + 1
        elif text[i] == '"':
            end = _STRING.match(text, i).end()
        else:
            end = re.compile(r"[^\s,\]}]+").match(text, i).end()
        found[pointer] = (start, end)
        return end

    value(_WS.match(text).end(), "")
    return found


# keys that are, or hold, the text between members: a quote search alone finds them in
# the wrong place
KEYS = st.sampled_from(["a", ", ", ": x", ",", ":", '"', '", "', "\\", "a/b", "m~n", "表", "\n", ""])
SCALARS = st.one_of(st.integers(-5, 10**6), st.none(), st.booleans(), KEYS, st.floats(allow_nan=False, allow_infinity=False))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
                      max_leaves=20)
DOCUMENTS = st.dictionaries(KEYS, VALUES, min_size=1, max_size=6)


def _offsets(text: str, span) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return starts[span.line - 1] + span.column - 1, starts[span.end_line - 1] + span.end_column - 1


@settings(max_examples=500, deadline=None)
@given(DOCUMENTS, st.sampled_from([None, 1, 2]), st.sampled_from([(", ", ": "), (",", ":"), (" ,  ", " : ")]),
       st.randoms(use_true_random=False))
@example({"z": "a", ": x": 1, ", ": 2}, None, (", ", ": "), _random.Random(0))  # ", " is also the text after "a"
@example({"a": ", ", ", ": [1, {", ": ", "}]}, None, (", ", ": "), _random.Random(1))
@example({"a": '"', '"': {"\\": '", "'}}, 2, (",", ":"), _random.Random(2))
def test_every_value_is_placed_where_the_reference_reader_finds_it(document, indent, separators, random):
    text = json.dumps(document, indent=indent, separators=separators, ensure_ascii=False)
    expected = reference_offsets(text)
    pointers = sorted(expected)
    random.shuffle(pointers)
    loaded = load_text("r.json", text.encode("utf-8"))
    for pointer in pointers:
        span = loaded.source_map.span(pointer)
        assert span is not None, pointer
        assert _offsets(text, span) == expected[pointer], (pointer, text)


def test_a_key_that_is_the_text_between_two_members_is_placed_at_its_own_member():
    text = '{"z": "a", ": x": 1, ", ": 2}'
    loaded = load_text("r.json", text.encode("utf-8"))
    span = loaded.source_map.span("/, ")
    assert (span.line, span.column, span.end_column) == (1, 28, 29)  # the 2, not the text after "a"
    assert loaded.source_map.span("/: x").column == 19
