"""golocheck.precompiled: patterns made from the code the build stored are re's very patterns,
and every doubt falls back to re.compile."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from golocheck import precompiled

ROOT = Path(__file__).resolve().parent.parent

# a class of Chinese characters, named groups, a back reference, a lookbehind, flags
SAMPLES = [
    (r"[\u4e00-\u9fff]{2,}(?:局|委员会)", 0),
    (r"(?P<year>[0-9]{4})年(?P=year)?", 0),
    (r"(?<=共)[0-9０-９]+件", 0),
    ("\n  (?P<n> [0-9]+ )  # a number\n  \\s*件\n", re.VERBOSE),
    (r"(?s)申请.*?答复", 0),
]


@pytest.fixture
def table(tmp_path, monkeypatch):
    """The file written for SAMPLES, read as a run reads it, and in use."""
    path = tmp_path / precompiled.FILE_NAME
    path.write_bytes(precompiled.file_bytes(SAMPLES))
    stored = precompiled._read(path)
    monkeypatch.setattr(precompiled, "_cache", stored)
    monkeypatch.setattr(precompiled, "_made", {})
    return stored


def test_stored_patterns_are_re_patterns(table):
    assert set(table) == {(p, int(f)) for p, f in SAMPLES}
    for pattern, flags in SAMPLES:
        pattern_object = precompiled.compile(pattern, flags)
        # re.Pattern equality: the same text, flags and compiled code
        assert pattern_object == re.compile(pattern, flags)
        assert pattern_object.groupindex == re.compile(pattern, flags).groupindex
    assert precompiled.compile(*SAMPLES[1]).match("2024年2024").group("year") == "2024"


def test_each_pattern_is_made_once(table, monkeypatch):
    first = precompiled.compile(*SAMPLES[0])
    monkeypatch.setattr(precompiled, "_make", lambda *a: pytest.fail("made again"))
    assert precompiled.compile(*SAMPLES[0]) is first


def test_a_pattern_not_stored_is_compiled_by_re(table, monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(precompiled.re, "compile", lambda p, f=0: calls.append(p) or real(p, f))
    assert precompiled.compile("未[^。]*公开", 0).search("未予公开") is not None
    assert calls == ["未[^。]*公开"]
    precompiled.compile(*SAMPLES[0])
    assert calls == ["未[^。]*公开"]  # the stored one did not go through re


def _written(tmp_path, transform) -> dict:
    path = tmp_path / "changed.marshal"
    path.write_bytes(transform(precompiled.file_bytes(SAMPLES)))
    return precompiled._read(path)


def test_a_file_of_another_interpreter_is_not_used(tmp_path):
    assert _written(tmp_path, lambda data: data.replace(sys.version.encode(), b"3.99.0 (other)", 1)) == {}


def test_a_damaged_or_missing_file_is_not_used(tmp_path):
    assert _written(tmp_path, lambda data: data[:-40]) == {}  # truncated
    assert _written(tmp_path, lambda data: data[:-1] + bytes([data[-1] ^ 1])) == {}  # a flipped bit
    assert _written(tmp_path, lambda data: b"") == {}
    assert precompiled._read(tmp_path / "absent.marshal") == {}


def test_stored_words_the_engine_refuses_fall_back_to_re(table, monkeypatch):
    import marshal

    pattern, flags = SAMPLES[0]
    final_flags, code, groups, groupindex, indexgroup = marshal.loads(table[pattern, flags])
    table[pattern, flags] = marshal.dumps((final_flags, code[:3], groups, groupindex, indexgroup))
    assert precompiled.compile(pattern, flags) == re.compile(pattern, flags)
    table[SAMPLES[2]] = b"not marshal"
    assert precompiled.compile(*SAMPLES[2]) == re.compile(*SAMPLES[2])


def test_the_shipped_file_holds_only_re_patterns():
    """The file of this installation (written by the build or python -m golocheck.compile),
    when it is there for this interpreter: every stored pattern is re's."""
    stored = precompiled._read(precompiled.file_path())
    if not stored:
        pytest.skip("no precompiled patterns for this interpreter in this installation")
    saved, precompiled._made = precompiled._made, {}
    try:
        unequal = [key for key in stored if precompiled._make(*key) != re.compile(*key)]
    finally:
        precompiled._made = saved
    assert unequal == []


# What a cold one-file check compiles with re's compiler, with the build's file and without.
_COUNT = r"""
import json, sys
import re._compiler as compiler
compiled = []
real = compiler.compile
compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)
from golocheck import precompiled
if sys.argv[1] == "without":
    precompiled._cache = {}
else:
    path = sys.argv[2]
    precompiled._cache = precompiled._read(__import__("pathlib").Path(path))
    assert precompiled._cache, "the file was not read"
from golocheck.entry import main
sys.argv = ["golocheck", "--isolated", sys.argv[3]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(json.dumps(len(compiled)) + "\n")
"""


def test_a_check_compiles_few_patterns_itself(tmp_path):
    """With the file the build writes (golocheck.compile.pattern_keys), a check of a sample
    leaves only a few small patterns to re's compiler (about 110 without it)."""
    from golocheck.compile import pattern_keys

    path = tmp_path / precompiled.FILE_NAME
    path.write_bytes(precompiled.file_bytes(pattern_keys()))
    report = str(ROOT / "sample_reports" / "golog-2018.json")
    counts = {}
    for mode in ("with", "without"):
        done = subprocess.run([sys.executable, "-c", _COUNT, mode, str(path), report], capture_output=True, text=True, cwd=tmp_path)
        counts[mode] = json.loads(done.stderr.strip().splitlines()[-1])
    assert counts["without"] > 80
    assert counts["with"] <= 25, counts
