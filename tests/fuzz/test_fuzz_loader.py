"""The loader on arbitrary bytes and on JSON/YAML-ish text: problems are values, never
exceptions; nothing unreadable comes back without a problem; what it does read it reads
exactly, with every value's place."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from fuzz.strategies import json_values, loader_form
from golocheck.catalogue import load_catalogue
from golocheck.loading import LoadedReport, load_text

NAMES = st.sampled_from(["r.json", "r.yaml", "r.yml", "r", "r.txt", "-"])
LOADER_CODES = {code for code, rule in load_catalogue().items() if rule.check == "loader"}

JSON_TOKENS = ['{', '}', '[', ']', ',', ':', '"a"', '"format"', '"gov-2021"', '"\\ud800"', '"\\u0000"', '"\\', "0", "-0", "1.5",
               "1e400", "9" * 5000, "NaN", "Infinity", "-Infinity", "true", "null", " ", "\n", "\ufeff", "\u2028", "\x00", "//", "'"]
YAML_TOKENS = ["a", ":", " ", "\n", "- ", "  ", "? ", "&x ", "*x", "!!str ", "!!binary ", "!!set ", "!!python/object ", "!custom ",
               "0o17", "0x1F", "1:30", "yes", "no", "~", ".nan", ".inf", "1_000", "2001-12-14", "---\n", "...\n", "%YAML 1.1\n",
               "<<: ", "[", "]", "{", "}", ",", "'", '"', "|\n", ">\n", "#", "\t", "9" * 5000, "0x" + "f" * 4000, "\x00", "\ufeff"]


def check_loaded(loaded: LoadedReport) -> None:
    """What holds for any load: a result, not an exception; no data means a problem saying why."""
    assert isinstance(loaded, LoadedReport)
    if loaded.data is None:
        assert loaded.problems, "nothing was read, yet no problem says why (the file would pass)"
    for problem in loaded.problems:
        assert problem.code in LOADER_CODES, problem
        if problem.span is not None:
            assert problem.span.line >= 1 and problem.span.column >= 1, problem


HOSTILE = {
    "json-null": ("r.json", b"null"),
    "yaml-null": ("r.yaml", b"~"),
    "yaml-empty-document": ("r.yaml", b"---\n"),
    "json-int-of-5000-digits": ("r.json", b'{"a": ' + b"9" * 5000 + b"}"),
    "yaml-int-of-5000-digits": ("r.yaml", b"a: " + b"9" * 5000),
    "yaml-hex-int-of-4000-digits": ("r.yaml", b"a: 0x" + b"f" * 4000),
    "yaml-bool-tag-on-a-non-bool": ("r.yaml", b"a: !!bool maybe"),
    "yaml-int-tag-on-a-non-int": ("r.yaml", b"a: !!int x"),
    "yaml-float-tag-on-a-non-float": ("r.yaml", b"a: !!float x"),
    "yaml-null-tag-on-text": ("r.yaml", b"a: !!null x"),
}


@pytest.mark.parametrize("name, raw", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_inputs_load_to_data_or_a_problem(name, raw):
    check_loaded(load_text(name, raw))


@given(NAMES, st.binary(max_size=3000))
def test_any_bytes_load_to_data_or_a_problem(name, raw):
    check_loaded(load_text(name, raw))


@given(NAMES, st.lists(st.sampled_from(JSON_TOKENS), max_size=40).map("".join))
def test_json_ish_text_loads_to_data_or_a_problem(name, text):
    check_loaded(load_text(name, text.encode("utf-8", "surrogatepass")))


@given(NAMES, st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join))
def test_yaml_ish_text_loads_to_data_or_a_problem(name, text):
    check_loaded(load_text(name, text.encode("utf-8")))


@given(st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "latin-1"]), json_values(), NAMES)
def test_any_encoding_of_a_json_document_loads_to_data_or_a_problem(encoding, value, name):
    check_loaded(load_text(name, json.dumps(value, ensure_ascii=False).encode(encoding, "replace")))


def _pointers(value, prefix=""):
    yield prefix, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _pointers(child, f"{prefix}/{str(key).replace('~', '~0').replace('/', '~1')}")


def _source_of(text: str, span) -> str:
    lines = text.split("\n")
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1:span.end_column - 1]
    return "\n".join([lines[span.line - 1][span.column - 1:], *lines[span.line:span.end_line - 1], lines[span.end_line - 1][:span.end_column - 1]])


@given(json_values(exact=True), st.sampled_from([None, 2, "\t"]))
def test_a_json_document_reads_back_exactly_with_every_place(value, indent):
    assume(value is not None)
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    loaded = load_text("r.json", text.encode("utf-8"))
    assert loaded.problems == []
    assert loaded.data == loader_form(value)
    for pointer, expected in _pointers(value):
        span = loaded.source_map.span(pointer)
        assert span is not None, f"no place for {pointer!r}"
        assert loader_form(json.loads(_source_of(text, span))) == loader_form(expected), pointer


@given(json_values(exact=True))
def test_a_yaml_document_reads_back_exactly(value):
    assume(value is not None)
    text = yaml.safe_dump(value, allow_unicode=True)
    # PyYAML writes some texts plain that YAML folds on reading (\x85 is a line break
    # there): only documents PyYAML itself reads back are golocheck's to read back
    assume(yaml.safe_load(text) == value)
    loaded = load_text("r.yaml", text.encode("utf-8"))
    assert loaded.problems == []
    assert loaded.data == loader_form(value)
    for pointer, _ in _pointers(value):
        assert loaded.source_map.span(pointer) is not None, f"no place for {pointer!r}"
