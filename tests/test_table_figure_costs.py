"""What N001 (narrative_table_figures) pays per report: a phrase pattern without a leading
literal is tried only near the literals it needs, a clause pattern is searched without its
literals being looked for first at every figure, and the judgement imports nothing per
figure. Counted, not timed; the findings themselves
are pinned by the goldens and the rules' examples."""

from __future__ import annotations

import re

from golocheck.narrative import figures
from golocheck.narrative.document import Block, Document
from golocheck.narrative.lazyre import lazy
from golocheck.narrative.phrases import load
from golocheck.diagnostics import Text
from golocheck.records import replace

_LEADLESS = r"(?:政策(?:性文件)?(?:、|和|及|与|以及)?)?(?:行政)?规范性文件(?:类(?:政府)?(?:信息|文件)?|(?:政府)?信息)(?:共计|共)?"


class _Counted:
    """A compiled pattern whose match and finditer calls are counted."""

    def __init__(self, source: str):
        self.compiled_pattern = re.compile(source)
        self.pattern, self.flags = source, 0
        self.lazy = lazy(source)
        self.needs, self.leads = self.lazy.needs, self.lazy.leads
        self.places: list[int] = []

    def match(self, text, pos=0):
        self.places.append(pos)
        return self.compiled_pattern.match(text, pos)

    def finditer(self, text, *args):
        self.places.extend(range(len(text)))  # the engine tries every place
        return self.compiled_pattern.finditer(text, *args)


def _document(*texts: str) -> Document:
    return Document([Block(f"/sections/{i}/text", t, Text("x", "x")) for i, t in enumerate(texts)], None)


def test_a_catalogue_phrase_without_a_leading_literal_gets_a_reach():
    patterns = [p for e in load().figures for p in e.after if p.pattern == _LEADLESS]
    assert patterns and not patterns[0].leads  # the catalogue still has such a phrase
    assert figures._reach(patterns[0]) == 21  # 政策性文件以及行政规范性文件类政府信息共计
    assert figures._reach(lazy("规范性文件(?:共计|共)?")) is None  # a leading literal: the engine finds it


def test_a_leadless_pattern_is_tried_only_near_its_literal_and_finds_what_finditer_finds():
    filler = "本机关按照要求做好各项工作，" * 80
    texts = (filler + "全年制定政策性文件及行政规范性文件类信息共计 12 件。" + filler,
             "印发规范性文件信息 3 份，规范性文件 5 件。" + filler)
    reach = figures._reach(lazy(_LEADLESS))
    counted = _Counted(_LEADLESS)
    found = [(b.pointer, m.start() - o, m.group()) for b, o, m in _document(*texts).scan(counted, could_match=True, reach=reach)]
    expected = [(f"/sections/{i}/text", m.start(), m.group()) for i, t in enumerate(texts) for m in re.finditer(_LEADLESS, t)]
    assert found == expected and len(found) == 2  # (规范性文件 5 件: no 类 or 信息 after it)
    # three occurrences of 规范性文件 (5 characters), each tried at most reach - 5 + 1 places
    # before it, instead of every place of the ~2,300 characters
    assert len(counted.places) <= 3 * (reach - 4)
    plain = _Counted(_LEADLESS)
    assert [(b.pointer, m.start() - o, m.group()) for b, o, m in _document(*texts).scan(plain, could_match=True)] == expected
    assert len(plain.places) > 2000


def test_other_period_is_searched_directly_not_through_its_literals_per_figure(monkeypatch):
    cat = load()
    pattern = lazy(cat.other_period.pattern)  # not compiled yet, as in a report without its words
    monkeypatch.setattr(figures, "load", lambda: replace(cat, other_period=pattern))
    looked = []
    original = type(pattern).absent_from

    def absent_from(self, text, *args):
        if self is pattern:
            looked.append(args)
        return original(self, text, *args)

    monkeypatch.setattr(type(pattern), "absent_from", absent_from)
    text = "本年度新增主动公开政府信息 120 条，受理政府信息公开申请 35 件，办结 30 件，行政复议 2 件，行政诉讼 1 件。"
    found = figures._all_mentions(_document(text, "本年度收到政府信息公开申请 36 件。"), cat.figures, "gov-2019")
    assert len(found) >= 4  # several figures, each with its clause read for another period
    assert looked == []  # no dozen str searches before each figure's clause is searched
    assert pattern.is_compiled


def test_judging_the_figures_imports_nothing_per_figure(monkeypatch):
    """N001/N016/N018/N051's judgement: the figure's bounds once per figure, and the helpers it
    needs imported once per report, not twice per reading compared (an import statement in a
    function costs a module lookup at every call)."""
    import builtins
    import json

    from golocheck.checks import narrative
    from golocheck.checks.context import Context
    from golocheck.formats import all_formats
    from helpers import ROOT

    data = json.loads((ROOT / "sample_reports" / "golog-2018.json").read_bytes())
    narrative._judged_mentions(Context(data, all_formats()[data["format"]]))  # every module imported once
    ctx = Context(data, all_formats()[data["format"]])
    from golocheck.narrative.document import document

    mentions = figures.table_mentions(document(ctx), ctx.format.id)
    assert len(mentions) >= 5  # enough figures for a count per figure to show
    imports = []
    original = builtins.__import__

    def counting(name, *args, **kwargs):
        imports.append(name)
        return original(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", counting)
    narrative._judged_mentions(ctx)
    monkeypatch.setattr(builtins, "__import__", original)
    assert len(imports) <= 6, imports


def test_an_entrys_requires_is_searched_once_per_sentence(monkeypatch):
    """办结 and 答复 are phrases of one entry, which requires 申请 in the sentence: two phrases
    of a sentence, one search for it."""
    entry = next(e for e in load().figures if e.id == "requests-closed")
    searched = []

    class Counted:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, *args):
            searched.append(args)
            return self.pattern.search(text, *args)

    counted = replace(entry, requires=Counted(entry.requires))
    text = "本年度办结政府信息公开申请 30 件，答复申请 30 件。另办结 2 件。"
    found = figures._matches(_document(text), [counted], "gov-2019")
    ends = sorted(found[next(iter(found))][0])
    assert len(ends) == 2  # 办结…申请 and 答复申请; the second sentence's 办结 has no 申请: dropped
    assert len(searched) == 2  # one search per sentence, not one per phrase (3)


def _first_characters(items) -> tuple[set[str], bool]:
    """(the characters a match of the parsed pattern ``items`` can start with, whether it can
    match the empty string), from re's own reading of it; a class it cannot list raises."""
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            found, empty = {chr(av)}, False
        elif op is c.IN:
            if any(o in (c.NEGATE, c.CATEGORY) for o, _ in av):
                raise ValueError("an open class")
            found, empty = set(), False
            for o, a in av:
                found |= {chr(a)} if o is c.LITERAL else {chr(x) for x in range(a[0], a[1] + 1)}
        elif op is c.BRANCH:
            parts = [_first_characters(p) for p in av[1]]
            found, empty = set().union(*(f for f, _ in parts)), any(e for _, e in parts)
        elif op is c.SUBPATTERN:
            found, empty = _first_characters(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            found, empty = _first_characters(av[2])
            empty = empty or av[0] == 0
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            found, empty = set(), True  # zero-width: what follows starts the match
        else:
            raise ValueError(f"not read here: {op}")
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def test_the_figure_scan_is_tried_at_every_character_a_figure_can_start_with():
    """numerals._scan tries _SCAN only where _scan_start's class finds a character (the
    engine would try each branch at every place): the class must hold every first character
    of the pattern, from re's own reading of it, or a figure would be missed."""
    from re import _parser

    from golocheck.narrative.numerals import _SCAN, _scan, _scan_start

    starts, empty = _first_characters(list(_parser.parse(_SCAN.pattern, _SCAN.flags)))
    listed, _ = _first_characters(list(_parser.parse(_scan_start().pattern)))
    assert not empty and starts == listed
    assert {"1", "一", "百", "电", "跑", "【"} <= listed
    # and the matches are those of the pattern's own scan
    text = "2018-01-01，电话：12345，跑一次，（一）百分之五十，〔2019〕3号，受理 35 件、约二十余万元"
    assert [m.span() for m in _scan(text)] == [m.span() for m in _SCAN.finditer(text)]
