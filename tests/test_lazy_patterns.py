"""Narrative patterns are compiled when first used: a report compiles only the phrases of its
format (compiling is pure Python and cost ~60 ms per start when everything was compiled)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import ROOT

# In a process of its own: other tests in this one may have used any pattern.
_PROBE = """
import json
from golocheck.narrative import lazyre
read = []  # patterns read at run time: the shipped ones are read by python -m golocheck.compile
_analysis = lazyre.analysis
lazyre.analysis = lambda p, f=0: (read.append(p) if not f else None, _analysis(p, f))[1]
from golocheck.api import check_file
from golocheck.narrative import phrases
codes = {d.code for d in check_file("sample_reports/golog-2018.json")}   # gov-2014
assert "N001" in codes, codes                                        # the figures were read
text = open("sample_reports/golog-2018.json", encoding="utf-8").read()
text = json.dumps(json.loads(text), ensure_ascii=False)              # no escapes
cat = phrases.load()
own = [p for e in cat.figures if "gov-2014" in e.readings for p in (*e.after, *e.before)]
foreign = [p for e in cat.figures if "gov-2014" not in e.readings for p in (*e.after, *e.before)]
skipped = [p for p in own if not p.is_compiled]
absent = lambda p: p.absent_from(text)  # noqa: E731 - a literal every match needs is not there
assert all(absent(p) for p in skipped), [p.pattern for p in skipped if not absent(p)]
assert not read, read
print(sum(p.is_compiled for p in own), len(own), len(skipped), sum(p.is_compiled for p in foreign), len(foreign))
"""


def test_a_report_compiles_only_the_phrases_of_its_format_its_text_could_match_and_reads_no_pattern():
    result = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    own_compiled, own, skipped, foreign_compiled, foreign = map(int, result.stdout.split())
    assert own_compiled > 0 and own_compiled + skipped == own
    assert skipped > 0  # phrases whose leading literal golog-2018 does not contain
    assert foreign > 0 and foreign_compiled == 0


@pytest.mark.parametrize(("pattern", "flags", "prefix"), [
    ("共收到(\\d+)件", 0, "共收到"), ("共收到?件", 0, "共收"), ("共{2}", 0, ""), ("本年度*", 0, "本年"),
    ("收到|受理", 0, ""), ("收到(?:a|b)", 0, "收到"), ("收[到|]x", 0, "收"), ("\\d+件", 0, ""), ("^共", 0, ""),
    ("(?<=年)共", 0, ""), ("abc", re.IGNORECASE, ""), ("a b", re.VERBOSE, ""), ("a\\|b", 0, "a"),
])
def test_the_required_prefix(pattern, flags, prefix):
    from golocheck.narrative.lazyre import required_prefix

    assert required_prefix(pattern, flags) == prefix


def test_a_pattern_whose_literal_is_absent_is_not_compiled_and_finds_what_re_finds():
    from golocheck.narrative.lazyre import lazy

    text = "本年共收到12件，共受理3件"
    for args in ((text,), (text, 3), (text, 0, 4), (text, -3), (text, 2, -1), (text, 50)):
        for pattern in ("共受理(\\d+)件", "共办结(\\d+)件", "件"):
            one, compiled = lazy(pattern), re.compile(pattern)
            found, expected = one.search(*args), compiled.search(*args)
            assert (found and found.span()) == (expected and expected.span())
            assert [m.span() for m in lazy(pattern).finditer(*args)] == [m.span() for m in compiled.finditer(*args)]
            assert lazy(pattern).findall(*args) == compiled.findall(*args)
    absent = lazy("共办结(\\d+)件")
    assert absent.search(text) is None and list(absent.finditer(text)) == [] and absent.findall(text) == []
    assert not absent.is_compiled
    assert lazy("共办结(\\d+)件").findall("共办结7件") == ["7"]


def test_a_lazy_pattern_matches_like_the_compiled_one():
    from golocheck.narrative.lazyre import lazy
    import re

    pattern, text = r"共(?:收到|受理)(\d+)件", "本年共收到12件，共受理3件"
    lazy_one, compiled = lazy(pattern), re.compile(pattern)
    assert not lazy_one.is_compiled
    assert [m.span() for m in lazy_one.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy_one.is_compiled and lazy_one.search(text, 5).group(1) == "3"
    assert lazy_one.fullmatch(text) is None and lazy_one.match(text, 2).group(1) == "12"


@pytest.mark.parametrize(("pattern", "flags", "leads"), [
    ("共收到(\\d+)件", 0, ("共收到",)), ("收到|受理", 0, ("收到", "受理")), ("(?:超过|逾)\\d", 0, ("超过", "逾")),
    ("(?P<n>收到|受理)件", 0, ("收到", "受理")), ("[XＸ]+", 0, ("X", "Ｘ")), ("[\\n。]", 0, ("\n", "。")),
    ("[0-2]件", 0, ("0", "1", "2")), ("(?<![息请])公开", 0, ("公开",)), ("^共", 0, ("共",)), ("\\[注", 0, ("[",)),
    ("[含包]括?", 0, ("含", "包")), ("收到|\\d", 0, ()), ("(?:a|b)?c", 0, ()), ("[XＸ]?共", 0, ()), ("[^，]共", 0, ()),
    ("[\\u4e00-\\u9fff]", 0, ()), ("[\\s共]", 0, ()), ("[]a]", 0, ()), ("(?i)abc", 0, ()), ("abc", re.IGNORECASE, ()),
    ("a b", re.VERBOSE, ()), ("", 0, ()), ("a?", 0, ()), ("(?=a)", 0, ()),
])
def test_the_leading_literals(pattern, flags, leads):
    from golocheck.narrative.lazyre import leading_literals

    assert leading_literals(pattern, flags) == leads


def test_a_leading_choice_or_class_that_is_absent_is_not_compiled_and_every_method_finds_what_re_finds():
    from golocheck.narrative.lazyre import lazy

    text = "本年共收到12件，约3件"
    for pattern in ("(?:超过|逾)\\d+件", "[XＸ]+", "(?:约|共)(\\d+)件", "[约共收]\\w"):
        compiled = re.compile(pattern)
        for args in ((text,), (text, 1), (text, 2), (text, 3, 9), (text, -3), (text, 2, -1), (text, 50)):
            for method in ("search", "match", "fullmatch"):
                found, expected = getattr(lazy(pattern), method)(*args), getattr(compiled, method)(*args)
                assert (found and found.span()) == (expected and expected.span()), (pattern, method, args)
            assert [m.span() for m in lazy(pattern).finditer(*args)] == [m.span() for m in compiled.finditer(*args)]
            assert lazy(pattern).findall(*args) == compiled.findall(*args)
    for absent in (lazy("(?:超过|逾)\\d+件"), lazy("[XＸ]+")):
        assert absent.search(text) is None and list(absent.finditer(text)) == [] and absent.findall(text) == []
        assert not absent.is_compiled
    at_start = lazy("(?:约|共)(\\d+)件")
    assert at_start.match(text) is None and at_start.match(text, 3) is None and at_start.fullmatch(text, 1) is None
    assert not at_start.is_compiled  # match and fullmatch look at the position first
    assert at_start.match(text, 9).group(1) == "3" and at_start.is_compiled
