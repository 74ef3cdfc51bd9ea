"""Narrative patterns are compiled when first used: a report compiles only the phrases of its
format (compiling is pure Python and cost ~60 ms per start when everything was compiled)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

# In a process of its own: other tests in this one may have used any pattern.
_PROBE = """
from golocheck.api import check_file
from golocheck.narrative import phrases
codes = {d.code for d in check_file("sample_reports/golog-2018.json")}   # gov-2014
assert "N001" in codes, codes                                        # the figures were read
cat = phrases.load()
def compiled(entries, fmt):
    return [p.is_compiled for e in entries if fmt in e.readings for p in (*e.after, *e.before)]
own = compiled(cat.figures, "gov-2014")
foreign = [p.is_compiled for e in cat.figures if "gov-2014" not in e.readings for p in (*e.after, *e.before)]
print(sum(own), len(own), sum(foreign), len(foreign))
"""


def test_a_report_compiles_only_the_phrases_of_its_format():
    result = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    own_compiled, own, foreign_compiled, foreign = map(int, result.stdout.split())
    assert own_compiled == own > 0  # every phrase of gov-2014 was scanned for
    assert foreign > 0 and foreign_compiled == 0


def test_a_lazy_pattern_matches_like_the_compiled_one():
    from golocheck.narrative.lazyre import lazy
    import re

    pattern, text = r"共(?:收到|受理)(\d+)件", "本年共收到12件，共受理3件"
    lazy_one, compiled = lazy(pattern), re.compile(pattern)
    assert not lazy_one.is_compiled
    assert [m.span() for m in lazy_one.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy_one.is_compiled and lazy_one.search(text, 5).group(1) == "3"
    assert lazy_one.fullmatch(text) is None and lazy_one.match(text, 2).group(1) == "12"
