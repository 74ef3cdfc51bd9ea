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
