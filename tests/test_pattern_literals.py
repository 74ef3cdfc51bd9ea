"""The prefilter of lazy patterns (narrative.literals, narrative.lazyre): the literals every
match must contain, read from the pattern's source. It must never skip a pattern that would
match; it is read once, by ``python -m golocheck.compile``, into the compiled data."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import ROOT


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _tuning_texts() -> list[str]:
    """The texts of the tuning set: the corpus's and each sample report's prose (its strings
    joined as Document.scan joins the blocks)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
    for path in sorted((ROOT / "sample_reports").glob("*.*")):
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        else:
            continue
        texts.append("\n。\n".join(_strings(data)))
    return texts


@pytest.fixture(scope="module")
def shipped():
    from golocheck.compile import shipped_patterns

    return sorted(shipped_patterns())


def test_the_prefilter_never_skips_a_shipped_pattern_that_matches_a_tuning_text(shipped):
    from golocheck.narrative.lazyre import LazyPattern

    texts = _tuning_texts()
    assert len(texts) >= 40 and len(shipped) >= 140
    skipped = 0
    for source in shipped:
        pattern, compiled = LazyPattern(source), re.compile(source)
        for text in texts:
            if pattern.absent_from(text):
                skipped += 1
                assert compiled.search(text) is None, (source, text[:40])
            else:
                m = compiled.search(text)
                if m is not None:  # match at the place: the position test must let it through
                    assert not pattern._not_at(text, m.start()), (source, m.group(0))
    assert skipped > len(texts) * 20  # the prefilter does skip: most patterns are absent from most texts


@pytest.mark.parametrize(("pattern", "groups"), [
    ("共收到(\\d+)件", (("共收到",), ("件",))),
    # a required word after the leading one: the case a leading literal misses
    ("未(?:发生|收到)(?:过)?[^。；，被]{0,14}?行政复议(?!被|纠错)", (("行政复议",), ("未发生", "未收到"))),
    # choices
    ("收到|受理", (("受理", "收到"),)), ("收到|\\d", ()), ("(?:收到|\\d+件)共", (("共",), ("件", "收到"))),
    ("a(?:bc|d\\d)", (("a",), ("bc", "d"))), ("(?P<n>甲|乙)丙", (("乙丙", "甲丙"),)),
    # optional parts and repeats
    ("(?:a|b)?c", (("c",),)), ("ab?c", (("abc", "ac"),)), ("ab*c", (("a",), ("c",))), ("a{0,3}b", (("b",),)),
    ("a{,2}b", (("b",),)), ("ab{2}c", (("abbc",),)), ("a{2,}b", (("aa",), ("b",))), ("a+b", (("a",), ("b",))),
    ("a*?b", (("b",),)), ("a++b", (("a",), ("b",))), ("x{0}y", (("y",),)),
    # classes
    ("[XＸ]件", (("X件", "Ｘ件"),)), ("[^，]共", (("共",),)), ("[\\u4e00-\\u9fff]共", (("共",),)),
    ("[0-2]件", (("0件", "1件", "2件"),)), ("[\\s共]件", (("件",),)), ("[]a]b", (("]b", "ab"),)),
    ("[^]a]b", (("b",),)), ("[a-]b", (("-b", "ab"),)), ("[\\]x]", (("]", "x"),)),
    # escapes
    ("\\[注\\]", (("[注]",),)), ("a\\.b", (("a.b",),)), ("\\u5171计", (("共计",),)), ("a\\nb", (("a\nb",),)),
    ("\\d+件\\s*共", (("件",), ("共",))), ("\\bab\\b", (("ab",),)), ("a.b", (("a",), ("b",))),
    # zero-width: what a lookaround tests is not part of the match
    ("(?<=年)共", (("共",),)), ("(?<![息请])公开", (("公开",),)), ("共(?=计)", (("共",),)), ("^共$", (("共",),)),
    ("(?=a)", ()), ("(?!b)c", (("c",),)),
    # back references: unknown text, the rest still read
    ("(a)\\1x", (("a",), ("x",))), ("(?P<n>ab)(?P=n)c", (("ab",), ("c",))),
    # what is not read gives nothing at all
    ("(?i)abc", ()), ("a(?i:b)", ()), ("a(?#c)b", ()), ("(a)?(?(1)b|c)", ()), ("a{x}", ()), ("a{}", ()),
    ("\\0a", ()), ("\\N{DIGIT ONE}a", ()), ("\\q", ()), ("a)", ()), ("(a", ()), ("", ()), ("a?", ()), ("*a", ()),
    ("[a", ()), ("a\\", ()),
])
def test_the_required_literals(pattern, groups):
    from golocheck.narrative.literals import required_literals

    assert required_literals(pattern) == groups


def test_flags_that_change_what_characters_mean_give_nothing():
    from golocheck.narrative.literals import required_literals

    assert required_literals("abc", re.IGNORECASE) == () and required_literals("a b", re.VERBOSE) == ()
    assert required_literals("abc", re.MULTILINE | re.DOTALL) == (("abc",),)


def test_every_match_contains_one_string_of_each_group():
    """The extraction's claim checked on constructed texts, pattern by pattern."""
    from golocheck.narrative.literals import required_literals

    cases = {
        "未(?:发生|收到)(?:过)?[^。；，被]{0,14}?行政复议(?!被|纠错)": "本年未收到过任何行政复议，未发生行政复议被纠错",
        "(?:(?:行政)?法规(?:、|和|及|与|以及))?规章(?:、|和|及|与|以及)(?:行政)?规范性文件(?:共计|共)?": "法规及规章和行政规范性文件共3件，规章与规范性文件",
        "[XＸ]{2}件|第\\d+条": "XＸ件与第12条",
        "(?<=[０-９])，(?=[０-９])": "１，２",
    }
    for pattern, text in cases.items():
        groups = required_literals(pattern)
        matches = [m.group(0) for m in re.finditer(pattern, text)]
        assert groups and matches, pattern
        for found in matches:
            assert all(any(s in found for s in group) for group in groups), (pattern, found, groups)


def test_a_pattern_whose_later_literal_is_absent_is_neither_compiled_nor_run():
    from golocheck.narrative.lazyre import lazy

    text = "本年未收到政府信息公开申请。"  # 未 and 收到 are there, 行政复议 is not
    pattern = "未(?:发生|收到)(?:过)?[^。；，被]{0,14}?行政复议"
    for method in ("search", "match", "fullmatch", "findall"):
        one = lazy(pattern)
        assert not getattr(one, method)(text) and not one.is_compiled, method
    one = lazy(pattern)
    assert list(one.finditer(text)) == [] and not one.is_compiled
    assert lazy(pattern).search(text + "未收到行政复议").group(0) == "未收到行政复议"


def test_the_compiled_data_holds_the_readings_of_the_shipped_patterns(shipped):
    """A start reads no pattern itself: every shipped pattern's reading is in the compiled
    data, as the code reads it now."""
    from golocheck.narrative import lazyre
    from golocheck.narrative.lazyre import analysis

    kept = lazyre._shipped()
    assert kept, "run python -m golocheck.compile"
    assert sorted(kept) == shipped
    for source in shipped:
        leads, groups = kept[source]
        assert (tuple(leads), tuple(map(tuple, groups))) == analysis(source)


def test_stale_or_malformed_readings_are_not_used(monkeypatch):
    from golocheck import yamlio
    from golocheck.narrative import lazyre

    pattern = "甲乙(?:丙)?丁"
    wrong = {"code": lazyre.analysis_fingerprint(), "patterns": {pattern: [["甲乙"], [["戊"]]]}}
    for table, used in ((wrong, True), ({**wrong, "code": "0:0:0"}, False), ({"code": wrong["code"], "patterns": []}, False),
                        ({"patterns": wrong["patterns"]}, False), ({}, False)):
        monkeypatch.setattr(yamlio.artefact(), "patterns", table)
        lazyre._shipped.cache_clear()
        try:
            assert lazyre.lazy(pattern).literals == ((("戊",),) if used else (("甲乙丁", "甲乙丙丁"),)), table
        finally:
            lazyre._shipped.cache_clear()


def test_a_corrupt_readings_entry_falls_back_to_reading_the_pattern(monkeypatch):
    from golocheck import yamlio
    from golocheck.narrative import lazyre

    pattern = "甲乙丁"
    for entry in (None, "x", [["甲"]], [1, 2], [["甲"], "戊"], [[1], []], {"a": 1}):
        table = {"code": lazyre.analysis_fingerprint(), "patterns": {pattern: entry}}
        monkeypatch.setattr(yamlio.artefact(), "patterns", table)
        lazyre._shipped.cache_clear()
        try:
            one = lazyre.lazy(pattern)
            assert one.literals == (("甲乙丁",),) and one.leads == ("甲乙丁",), entry
        finally:
            lazyre._shipped.cache_clear()
