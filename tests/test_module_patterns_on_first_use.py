"""Module-level regular expressions off the start-up route are compiled on first use.

Compiling a pattern is pure Python in CPython; a module that compiles at import makes
every run pay for it, even one that never needs the pattern (a JSON report and the YAML
scanners, a report without text cells and the cell hints). The modules below keep no
compiled pattern at module level except those every check uses.
"""

from __future__ import annotations

import importlib
import io
import re

import pytest

from golocheck.reporters import _EncodableWriter, without_surrogates

# module -> the compiled module-level patterns it may keep (used by every run)
_MODULES = {
    "golocheck.loading.depth": set(),
    "golocheck.loading.positions": {"_JSON_STRING"},
    "golocheck.reporters": set(),
    "golocheck.checks.cells": set(),
    "golocheck.checks.narrative": set(),
}


@pytest.mark.parametrize("name", sorted(_MODULES))
def test_the_module_keeps_no_pattern_compiled_at_import(name):
    module = importlib.import_module(name)
    compiled = {key for key, value in vars(module).items() if isinstance(value, re.Pattern)}
    assert compiled == _MODULES[name]


_SURROGATE = re.compile("[\ud800-\udfff]")


@pytest.mark.parametrize("text", [
    "", "plain ascii\n", "政府信息公开 2018", "\ud800", "\udfff", "a\udc80b", "前\ud83d\ude00后",
    "\ud7ff\ue000", "😀 \U0010ffff", "\x00\x7f\x80", "\ud83d", "x" * 50 + "\udbff" + "年" * 50,
])
def test_surrogates_become_the_replacement_character_as_the_pattern_makes_them(text):
    assert without_surrogates(text) == _SURROGATE.sub("\ufffd", text)


def test_every_code_point_is_kept_or_replaced_as_the_pattern_does():
    text = "".join(map(chr, range(0xD000, 0xE100)))
    assert without_surrogates(text) == _SURROGATE.sub("\ufffd", text)
    out = io.StringIO()
    _EncodableWriter(out).write("路径 \udc81.json")
    assert out.getvalue() == "路径 \ufffd.json"
