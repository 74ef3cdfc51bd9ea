"""Passes over a report's text the narrative rules no longer make: N013 walks its sentences
one by one only when two of them are the same, a pattern is not tried on the title when the
title lacks its literals, and N004 finds percent signs without the regular-expression
engine. Counted, not timed; the findings are pinned by the goldens and the rules' examples."""

from __future__ import annotations

import re

from golocheck.api import check_bytes
from golocheck.diagnostics import Text
from golocheck.narrative import leftovers, parts
from golocheck.narrative.document import Block, Document
from golocheck.narrative.lazyre import lazy
from helpers import ROOT

GOLOG = (ROOT / "sample_reports" / "golog-2018.json").read_bytes()
PINGTAN = (ROOT / "sample_reports" / "pingtan-2019.json").read_bytes()


class _Counted:
    """A pattern whose finditer and findall calls are counted (by the text they were given)."""

    def __init__(self, pattern):
        self.inner, self.calls = pattern, []
        self.pattern, self.flags = pattern.pattern, pattern.flags

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def finditer(self, text, *args):
        self.calls.append(("finditer", text))
        return self.inner.finditer(text, *args)

    def findall(self, text, *args):
        self.calls.append(("findall", text))
        return self.inner.findall(text, *args)


def _doc(*texts: str, title: str | None = None) -> Document:
    return Document([Block(f"/sections/{i}/text", t, Text("节", "section")) for i, t in enumerate(texts)], title)


def test_sentences_are_walked_one_by_one_only_when_two_are_the_same(monkeypatch):
    counted = _Counted(leftovers._SENTENCE)
    monkeypatch.setattr(leftovers, "_SENTENCE", counted)
    check_bytes(GOLOG, "golog-2018.json")  # no sentence of golog-2018 occurs twice
    kinds = [kind for kind, _ in counted.calls]
    assert kinds and set(kinds) == {"findall"}  # one findall per block, no sentence-by-sentence walk

    counted.calls.clear()
    sentence = "本机关严格按照条例要求认真做好政府信息公开工作"
    doc = _doc(f"第一段。{sentence}。", f"其他内容。{sentence}。")
    found = list(leftovers.repeated_sentences(doc, 15))
    assert [(b.pointer, start, first.pointer, f_start) for b, start, _, first, f_start, _ in found] == [
        ("/sections/1/text", 5, "/sections/0/text", 4)]
    assert "finditer" in [kind for kind, _ in counted.calls]  # a repeat: walked to place it


def test_a_repeat_with_white_space_inside_is_still_found():
    # the key drops spaces, tabs and 　: the quick test must see the same keys
    doc = _doc("本机关严格按照条例 要求认真做好政府信息公开工作。", "本机关严格按照条例要求认真做好\u3000政府信息公开工作。")
    assert [(b.pointer, s) for b, s, *_ in leftovers.repeated_sentences(doc, 15)] == [("/sections/1/text", 0)]


def test_a_pattern_is_not_tried_on_a_title_without_its_literals():
    present, absent = lazy("政府信息公开"), lazy("待填写")
    present.compiled, absent.compiled  # compiled: finditer goes straight to the engine
    counted = [_Counted(present), _Counted(absent)]
    title = "某县2023年政府信息公开工作年度报告"
    doc = _doc("正文没有这些字。", title=title)
    found = list(leftovers.hits(doc, [(c, "") for c in counted]))
    assert [(b.pointer, m.group()) for b, _, m, _ in found] == [("/metadata/title", "政府信息公开")]
    assert ("finditer", title) in counted[0].calls
    assert ("finditer", title) not in counted[1].calls  # 待填写 is not in the title: not run there
    assert doc.cache["title literals"] == {"政府信息公开": True, "待填写": False}  # each looked for once


def test_percent_signs_are_the_matches_of_the_pattern_they_replace():
    texts = ["", "无", "占 12.5%，其中百分之五十；另有３０％。", "百分之百分之%％%", "%百分之", "百分之", "百分"]
    for text in texts:
        assert parts._percent_signs(text) == [m.start() for m in re.finditer(r"[%％]|百分之", text)], text


def test_n004_reads_percentages_without_the_engine(monkeypatch):
    calls = []
    original = parts._percent_signs
    monkeypatch.setattr(parts, "_percent_signs", lambda text: calls.append(text) or original(text))
    diagnostics = check_bytes(PINGTAN, "pingtan-2019.json")
    assert calls and diagnostics  # every block's signs through str.find
    assert not hasattr(parts, "_PERCENT_SIGN")


def _normalised_texts():
    import json

    from golocheck.narrative.numerals import _normalise

    for path in sorted((ROOT / "sample_reports").glob("*.json")):
        data = json.loads(path.read_bytes())
        for section in data.get("sections", []):
            if isinstance(section, dict) and isinstance(section.get("text"), str):
                yield _normalise(section["text"])


SKIPS_AND_FIGURES = ("电话：0512-1234567，传真 0512 8386332，邮政编码:215000，〔2017〕199号，（一）共受理12,515件，"
                     "其中百分之五十，约３０％，2018-2020年，9:00，2019-01-01，一次性告知，跑一次，千家万户，3个多月，[2]，两千零五万元")


def test_figures_are_read_where_a_figure_can_start_only(monkeypatch):
    """find_quantities tries the figure pattern at the characters that can start one, not at
    every character: the same matches as the pattern's finditer, with far fewer tries."""
    from golocheck.narrative import numerals

    texts = [numerals._normalise(SKIPS_AND_FIGURES), *_normalised_texts()]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in numerals._scan(text)] == [
            (m.span(), m.groupdict()) for m in numerals._SCAN.finditer(text)]

    scan = numerals._SCAN
    counted = _Counted(scan)
    tried = []
    counted.match = lambda text, pos: tried.append(pos) or scan.match(text, pos)
    monkeypatch.setattr(numerals, "_SCAN", counted)
    text = "本机关全年共受理政府信息公开申请12件，其中当面申请3件，均已按时答复。" * 3
    assert [q.value for q in numerals.find_quantities(text)] == [12, 3] * 3
    assert counted.calls == []  # no finditer: no try at every character
    assert tried and all(text[p] in "0123456789一" for p in tried) and len(tried) < len(text) / 5


def test_lead_matches_are_finditers_matches():
    from golocheck.narrative.document import lead_matches

    cases = [("(?<!b)aa", ("aa",), "aaaaa baa caaa"),  # overlapping places: the leftmost match from each end
             ("(?<![0-9至])(?P<year>(?:19|20)\\d{2})\\s*年度?\\s*[，,]", ("19", "20"), "2019年，2020至2021年，12019年，1920年度,"),
             ("(?<!余)(?<!他)(?:均|全部|都)(?:已)?维持", ("均", "全部", "都"), "其余均维持，他均维持，全部已维持，都维持")]
    for source, leads, text in cases:
        pattern = re.compile(source)
        assert [m.span() for m in lead_matches(pattern, leads, text)] == [m.span() for m in pattern.finditer(text)], source
        assert lead_matches(pattern, leads, text)


def test_a_pattern_opening_with_a_lookbehind_is_tried_at_its_literals_only(monkeypatch):
    pattern = lazy("(?<!余)(?<!他)(?:均|全部|都)(?:已)?维持")
    pattern.compiled
    assert pattern.leads == ("均", "全部", "都")
    tried, scanned = [], []
    real_match = pattern.match
    monkeypatch.setattr(pattern, "match", lambda text, pos: tried.append(pos) or real_match(text, pos))
    monkeypatch.setattr(pattern, "finditer", lambda *a: scanned.append(a) or iter(()))
    doc = _doc("行政复议 3 件，均获维持，其余均维持。", "行政诉讼 2 件全部已维持。")
    found = [(b.pointer, m.start() - offset) for b, offset, m in doc.scan(pattern)]
    assert found == [("/sections/1/text", 8)]  # 均获维持 is not 均…维持 here; 其余均 is excluded
    assert scanned == []  # not tried at every character
    text = doc._joined[0]
    assert sorted(tried) == [i for i in range(len(text)) if text.startswith(("均", "全部", "都"), i)]


def test_n041_tries_its_year_pattern_at_the_years_only(monkeypatch):
    from golocheck.narrative import document

    calls = []
    real = document.lead_matches
    monkeypatch.setattr(document, "lead_matches", lambda p, leads, text: calls.append(leads) or real(p, leads, text))
    raw = (ROOT / "sample_reports" / "huaian-2024.json").read_bytes()  # a gov-2021 report (N041's formats)
    check_bytes(raw, "huaian-2024.json")
    assert ("19", "20") in calls  # (the statements' patterns opening with (?<!…) are tried so too)


def test_a_figure_of_a_window_is_made_once(monkeypatch):
    """The figures of part of a block come with offsets into the block: each Quantity is made
    once, not made for the part and again moved to the block."""
    from golocheck.narrative import document, numerals

    made = []
    real = numerals.Quantity

    def counting(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(numerals, "Quantity", counting)
    monkeypatch.setattr(document, "Quantity", counting)
    block = Block("/sections/0/text", "前言。全年共受理申请 12 件，其中当面申请 3 件、网络申请约 9 件。", Text("节", "section"))
    start = block.text.index("全")
    found = block.window_quantities(start, len(block.text))
    assert [(q.value, block.text[q.start:q.end]) for q in found] == [(12, "12 件"), (3, "3 件"), (9, "约 9 件")]
    assert len(made) == len(found)


def test_a_slip_is_the_first_character_whose_removal_gives_the_wording():
    """sections.slip compares once; what it says is the definition, read place by place."""
    from itertools import product

    from golocheck.checks.sections import slip

    def by_definition(heading, wording):
        for longer, shorter, kind in ((heading, wording, "extra"), (wording, heading, "missing")):
            if len(longer) == len(shorter) + 1 and len(shorter) >= 4:
                return next(((kind, c) for i, c in enumerate(longer) if longer[:i] + longer[i + 1:] == shorter), None)
        return None

    words = ["".join(p) for n in (3, 4, 5, 6) for p in product("情况公", repeat=n)]
    for longer in (w for w in words if len(w) >= 5):
        for i in range(len(longer)):
            shorter = longer[:i] + longer[i + 1:]
            assert slip(longer, shorter) == by_definition(longer, shorter) == ("extra", longer[i])
            assert slip(shorter, longer) == ("missing", longer[i])
    for a, b in product(words[::7], repeat=2):
        assert slip(a, b) == by_definition(a, b), (a, b)


def test_a_pattern_opening_with_a_line_start_is_tried_at_line_ends_only(monkeypatch):
    from golocheck.narrative.document import lead_matches

    source = "(?:^|\\n)[ \\t　]*(?P<name>[^\\s，。]{2,10}?(?:人民政府|局))[ \\t　]*\\n(?:19|20)\\d{2}年"
    text = "某县人民政府\n2023年\n正文。某县统计局\n2024年\n\n某市财政局\n2024年"
    pattern = re.compile(source)
    assert [m["name"] for m in lead_matches(pattern, ("\n",), text, True)] == [m["name"] for m in pattern.finditer(text)] == [
        "某县人民政府", "某市财政局"]
    empty = re.compile("(?:^|\\n)a*")  # an empty match at the start: finditer's own rules
    assert [m.span() for m in lead_matches(empty, ("\n",), "\nab\na", True)] == [m.span() for m in empty.finditer("\nab\na")]

    lazy_pattern = lazy(source)
    lazy_pattern.compiled
    tried, scanned = [], []
    real_match = lazy_pattern.match
    monkeypatch.setattr(lazy_pattern, "match", lambda t, pos: tried.append(pos) or real_match(t, pos))
    monkeypatch.setattr(lazy_pattern, "finditer", lambda *a: scanned.append(a) or iter(()))
    doc = _doc(text)
    assert [m["name"] for _, _, m in doc.scan(lazy_pattern)] == ["某县人民政府", "某市财政局"]
    assert scanned == [] and tried and set(tried) <= {0, *(i for i, c in enumerate(text) if c == "\n")}
