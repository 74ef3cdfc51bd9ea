"""What scanning a report's prose costs: each literal a pattern needs is looked for once per
report, however many patterns need it, and a pattern several rules scan is run once per
report. Counted, not timed; each test also checks the matches are those re finds."""

from __future__ import annotations

from golocheck.diagnostics import Text
from golocheck.narrative.document import Block, Document
from golocheck.narrative.lazyre import lazy


class _CountingText(str):
    """A text that counts the literals looked for in it (``in`` and ``find``)."""

    def __new__(cls, text: str, looked: list):
        self = super().__new__(cls, text)
        self.looked = looked
        return self

    def __contains__(self, literal):
        self.looked.append(literal)
        return super().__contains__(literal)

    def find(self, literal, *args):
        self.looked.append(literal)
        return super().find(literal, *args)


def _document(monkeypatch, *texts: str) -> tuple[Document, list]:
    doc = Document([Block(f"/sections/{i}/text", t, Text("节", "section")) for i, t in enumerate(texts)], None)
    text, starts = doc._joined
    looked: list = []
    monkeypatch.setitem(doc.__dict__, "_joined", (_CountingText(text, looked), starts))
    return doc, looked


def test_a_literal_several_patterns_need_is_looked_for_once_per_report(monkeypatch):
    # three phrases of one kind (a leading choice split into a pattern per word): all need 申请
    patterns = [lazy(p) for p in ("收到[^。]{0,4}申请", "受理[^。]{0,4}申请", "接到[^。]{0,4}申请")]
    doc, looked = _document(monkeypatch, "本年度共收到信息公开申请 12 件。", "受理申请 3 件。")
    found = [[m.group() for _, _, m in doc.scan(p)] for p in patterns]
    assert found == [["收到信息公开申请"], ["受理申请"], []]
    assert looked.count("申请") == 1
    assert sorted(looked) == sorted(set(looked))  # no literal twice

    doc, looked = _document(monkeypatch, "本年度未收到政府信息公开的请求。")
    assert [doc.scan(p) for p in patterns] == [[], [], []]
    assert looked.count("申请") <= 1 and sorted(looked) == sorted(set(looked))


def test_a_pattern_two_rules_scan_is_run_once_per_report(monkeypatch):
    pattern = lazy("均获维持")
    pattern.compiled  # as in a batch, once an earlier report has used it
    ran = []
    real = pattern.finditer
    monkeypatch.setattr(pattern, "finditer", lambda *a: ran.append(a) or real(*a))
    doc = Document([Block("/sections/0/text", "行政复议 3 件，均获维持。", None), Block("/sections/1/text", "均获维持。", None)], None)
    first, second = doc.scan(pattern), doc.scan(pattern)  # N006 and N017 read the same statements
    assert len(ran) == 1
    assert first == second
    assert [(block.pointer, m.start() - offset) for block, offset, m in first] == [("/sections/0/text", 9), ("/sections/1/text", 0)]


def test_statements_read_by_two_rules_scan_each_pattern_once_per_report(monkeypatch):
    """N006 and N017 both read every statement of the catalogue on one report: each pattern
    runs on the report's text once (a predicate is then searched in single sentences)."""
    from golocheck.checks.narrative import statement_matches
    from golocheck.narrative.phrases import load

    statements = load().statements
    doc = Document([Block("/sections/0/text", "本年度未收到政府信息公开申请，行政复议 2 件，均获维持。", None),
                    Block("/sections/1/text", "行政诉讼 1 件，均获维持。", None)], None)
    whole = doc._joined[0]
    ran: list = []
    for pattern in {p for s in statements for p in (*s.patterns, *s.predicate)}:
        real = pattern.compiled.finditer
        monkeypatch.setattr(pattern, "finditer", lambda text, *a, real=real, pattern=pattern: (
            ran.append(pattern) if text is whole else None, real(text, *a))[1])
    first = [statement_matches(doc, s) for s in statements]
    second = [statement_matches(doc, s) for s in statements]
    assert first == second and sum(map(len, first)) >= 2
    assert ran and len(ran) == len(set(ran))


def test_the_literal_index_finds_what_in_finds_and_the_patterns_that_could_match():
    import random

    from golocheck.narrative.lazyre import LiteralIndex

    patterns = [lazy(p) for p in ("收到[^。]{0,3}申请", "受理了?信息公开", "(?:政府)?信息公开", "[0-9]+件", "abc|bcd", "(?:a|c)de", "[^a]")]
    index = LiteralIndex(p.needs for p in patterns)
    chooser = random.Random(7)
    for _ in range(2000):  # literals inside others, overlapping others, straddling a match's end
        text = "".join(chooser.choice("收到了信息公开申请abcde受理政府1件") for _ in range(chooser.randint(0, 14)))
        present = index.present(text)
        assert present == {literal for literal in index.literals if literal in text}, text
        assert index.candidates(present) == [i for i, p in enumerate(patterns) if not p.absent_from(text)], text


def test_a_batch_tests_a_reports_figure_literals_in_one_pass(monkeypatch):
    """From the second report of a format on, the literals of the format's figure phrases
    are found in one pass over the text, not one search each; the mentions are the same."""
    from golocheck.narrative import figures

    texts = ("本年度共收到政府信息公开申请 120 件，其中自然人申请 100 件。", "主动公开政府信息 3,000 条。", "办结申请 118 件。")
    figures.table_mentions(Document([Block("/sections/0/text", "受理申请 5 件。", None)], None), "gov-2019")
    doc, looked = _document(monkeypatch, *texts)
    with_index = [(m.phrase.id, m.block.pointer, m.quantity) for m in figures.table_mentions(doc, "gov-2019")]
    patterns = {p for e in figures.load().figures if "gov-2019" in e.readings for p in (*e.after, *e.before)}
    literals = {literal for p in patterns for group in p.needs for literal in group}
    # only the few literals that start inside a matched one and run past its end
    assert len(literals) > 100 and len(looked) < len(literals) / 10

    monkeypatch.setattr(figures._PhrasePatterns, "use", lambda self: (self.patterns, None))
    doc, looked = _document(monkeypatch, *texts)
    assert [(m.phrase.id, m.block.pointer, m.quantity) for m in figures.table_mentions(doc, "gov-2019")] == with_index
    assert len(with_index) >= 3 and len(looked) > 50  # one search per literal reached


def test_figures_are_read_without_translating_a_text_that_has_no_full_width_character(monkeypatch):
    from golocheck.narrative import numerals

    subs: list = []
    real = numerals._FW_COMMA

    class Counting:
        def sub(self, *args):
            subs.append(args)
            return real.sub(*args)

    monkeypatch.setattr(numerals, "_FW_COMMA", Counting())
    plain = numerals.find_quantities("共收到申请 1,205 件，办结 98 件")
    assert subs == []
    assert [(str(q.value), q.unit, q.start, q.end) for q in plain] == [("1205", "件", 6, 13), ("98", "件", 17, 21)]
    wide = numerals.find_quantities("共收到申请 １，２０５ 件，办结 ９８ 件")
    assert len(subs) == 1
    assert wide == plain
