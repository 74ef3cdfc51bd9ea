"""What the narrative and section rules pay per report: work two rules share is done once
(N006/N017 read the same statements, N004/N019 the same percentages, N012/N045 scan the same
signature patterns), a heading is matched against the parts once, and S103 runs difflib only
on headings not worded as accepted. Counted, not timed; the findings themselves are pinned
by the goldens and the rules' examples."""

from __future__ import annotations

import difflib
import json
from collections import Counter

from golocheck.api import check_bytes
from golocheck.checks import narrative, sections
from golocheck.formats import all_formats
from golocheck.narrative import parts
from golocheck.narrative.document import Document
from golocheck.narrative.phrases import load
from helpers import ROOT

GOLOG = (ROOT / "sample_reports" / "golog-2018.json").read_bytes()
CLEAN = (ROOT / "sample_reports" / "clean-gov-2021.json").read_bytes()


def _counting(monkeypatch, owner, name):
    calls = []
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def _context(raw: bytes):
    from golocheck.checks.context import Context

    data = json.loads(raw)
    return Context(data, all_formats()[data["format"]])


def _format_of(raw: bytes) -> str:
    return json.loads(raw)["format"]


def test_statements_are_read_once_per_report_for_n006_and_n017(monkeypatch):
    calls = _counting(monkeypatch, narrative, "statement_matches")
    diagnostics = check_bytes(GOLOG, "golog-2018.json")
    applicable = [s for s in load().statements if s.cells.get(_format_of(GOLOG))]
    assert applicable
    # one reading per statement of the format, not one for N006 and another for N017
    assert [statement.id for _, statement in calls] == [s.id for s in applicable]
    assert diagnostics  # the rules ran


def test_percentages_are_read_once_per_report_for_n004_and_n019(monkeypatch):
    calls = _counting(monkeypatch, parts, "_percentages")
    check_bytes(GOLOG, "golog-2018.json")
    assert len(calls) == 1


def test_patterns_two_rules_share_are_scanned_once_per_report(monkeypatch):
    """N012 and N045 both look for the signature (落款): one scan of each of those patterns."""
    scanned: Counter = Counter()
    original = Document.scan

    def scan(self, pattern, blocks=None):
        scanned[(id(self), pattern.pattern)] += 1
        return original(self, pattern, blocks)

    monkeypatch.setattr(Document, "scan", scan)
    check_bytes(GOLOG, "golog-2018.json")
    from golocheck.catalogue import load_catalogue

    rules = load_catalogue()
    signature = [p["regex"] for p in rules["N045"].params["patterns"]]
    assert all(p in [q["regex"] for q in rules["N012"].params["patterns"]] for p in signature)  # shared, so the test means something
    counts = [n for (_, source), n in scanned.items() if source in signature]
    assert counts and all(n == 1 for n in counts)


def test_each_heading_is_matched_against_the_parts_once(monkeypatch):
    rows = _counting(monkeypatch, sections, "_strength_row")
    check_bytes(GOLOG, "golog-2018.json")
    headings = [heading for _, heading in rows]  # (index, heading)
    tops = [h for _, h in sections.top_level(_context(GOLOG))]
    assert headings == tops  # one row per top-level heading, each row every part at once


def test_headings_worded_as_accepted_need_no_difflib(monkeypatch):
    calls = _counting(monkeypatch, difflib.SequenceMatcher, "ratio")
    diagnostics = check_bytes(CLEAN, "clean-gov-2021.json")
    assert not [d for d in diagnostics if d.code == "S103"]
    assert calls == []


def test_the_similarity_s103_reports_is_difflibs_greatest_ratio():
    fmt = next(iter(all_formats().values()))
    headings = ["一、总体情况", "二、主动公开政府信息情况概述", "五、存在的主要问题", "其他需要报告的事项", "年度工作", "附表"]
    for section in fmt.sections:
        wordings = sections.accepted(section)
        for heading in headings:
            w = sections.words(heading)
            greatest = max(difflib.SequenceMatcher(None, w, a).ratio() for a in wordings)
            for enough in (0.0, 0.3, 0.6, 0.9, 1.0):
                found = sections._similarity(w, wordings, enough)
                if greatest < enough:
                    assert found == greatest  # the number the message prints
                else:
                    assert found >= enough  # no finding, as with the greatest


def test_a_headings_row_says_what_how_says_of_each_part():
    for fmt in all_formats().values():
        parts_ = tuple(fmt.sections)
        index = sections._headings_index(parts_)
        headings = [s.label for s in parts_] + [s.template_heading for s in parts_] + [m for s in parts_ for m in s.match]
        headings += [h[:-1] for h in headings if len(h) > 4] + [h + "况" for h in headings] + ["一、概述", "附表", ""]
        for heading in headings:
            assert sections._strength_row(index, heading) == [sections._how(s, heading) for s in parts_], heading
