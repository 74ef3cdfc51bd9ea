"""The phrase catalogue (rules/phrases/table.yaml) and every pattern the narrative rules use:
valid, read as documented on real sentences, and linear on long hostile input."""

from __future__ import annotations

import re
from functools import cache

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.formats import all_formats
from golocheck.narrative import document, figures, leftovers, numerals, parts, phrases
from golocheck.narrative.document import Block
from golocheck.diagnostics import Text
from timing import assert_linear

CATALOGUE = phrases.load()


def test_catalogue_is_consistent_with_the_formats():
    assert phrases.problems(all_formats()) == []


def test_every_entry_has_examples_from_the_corpus_or_says_where_they_come_from():
    for kind in ("figures", "statements", "subjects"):
        for entry in CATALOGUE.raw[kind]:
            assert entry.get("examples"), f"{kind}/{entry['id']} has no example"
            for example in entry["examples"]:
                assert example.get("source"), f"{kind}/{entry['id']}: example without its source"


def _figure_cases():
    for kind in ("figures", "subjects"):
        entries = {e.id: e for e in getattr(CATALOGUE, kind)}
        for raw in CATALOGUE.raw[kind]:
            for index, example in enumerate(raw["examples"]):
                yield pytest.param(kind, entries[raw["id"]], example, id=f"{kind}-{raw['id']}-{index}")


@pytest.mark.parametrize("kind, entry, example", list(_figure_cases()))
def test_figure_phrase_reads_its_example(kind, entry, example):
    block = Block("/sections/0/text", example["text"], Text("x", "x"))
    found = figures.mentions(block, [entry], None)
    if example["figure"] is None:
        assert found == [], f"{entry.id} read a figure in {example['text']!r}"
        return
    assert [str(m.quantity.value) for m in found] == [example["figure"]], example["text"]
    assert found[0].verb == example.get("verb", found[0].verb), "governing verb"
    assert found[0].subunit == bool(example.get("subunit")), "sub-unit reading"
    assert found[0].other_period == bool(example.get("other_period")), "another period than the report year"
    assert found[0].as_of_year == example.get("as_of_year"), "the year a stock is dated at"


@pytest.mark.parametrize("statement", CATALOGUE.statements, ids=lambda s: s.id)
def test_statement_matches_its_examples(statement):
    from golocheck.checks.narrative import statement_matches

    raw = next(s for s in CATALOGUE.raw["statements"] if s["id"] == statement.id)
    for example in raw["examples"]:
        doc = document.Document([Block("/sections/0/text", example["text"], Text("x", "x"))], None)
        assert bool(statement_matches(doc, statement)) == example.get("matches", True), example["text"]


@pytest.mark.parametrize(
    "text",
    [
        "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",  # not "no reviews": 55 reviews, none corrected
        "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。",
        "2016年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。",  # not "no requests"
    ],
)
def test_statements_that_must_not_say_zero(text):
    wrong = {"全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。": {"no-reviews", "no-lawsuits"},
             "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。": {"no-reviews", "no-lawsuits"},
             "2016年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。": {"no-requests"}}[text]
    for statement in CATALOGUE.statements:
        if statement.id in wrong:
            assert not any(p.search(text) for p in statement.patterns), statement.id


# ------------------------------------------------------------ catastrophic backtracking

def _repeats(pattern: str) -> bool:
    """Whether a pattern has a quantifier: one without (a choice of words, 印发|制发…, with
    lookarounds) matches in time linear in the text and needs no 1 MB run."""
    for group in ("(?:", "(?!", "(?<!", "(?=", "(?<=", "(?P<"):
        pattern = pattern.replace(group, "(")
    return any(c in pattern for c in "*+?{")


def _narrative_patterns():
    """Every regular expression of the catalogue, of the narrative rules' params and of the
    narrative modules."""
    for kind in ("figures", "subjects"):
        for entry in getattr(CATALOGUE, kind):
            for p in (*entry.after, *entry.before, entry.requires, entry.exclude, entry.loose_stated):
                if p is not None:
                    yield f"{kind}/{entry.id}", p
            for verb in entry.verbs:
                if _repeats(verb.words.pattern):
                    yield f"{kind}/{entry.id}/verbs", verb.words
    for statement in CATALOGUE.statements:
        for p in (*statement.patterns, *statement.predicate, statement.subject):
            if p is not None and _repeats(p.pattern):
                yield f"statements/{statement.id}", p
    for name in ("gap", "gap_before", "subunit", "other_period", "year_end", "joined"):
        yield name, getattr(CATALOGUE, name)
    for code, rule in load_catalogue().items():
        if "narrative" not in rule.groups:
            continue
        for key, value in rule.params.items():
            specs = value if isinstance(value, list) else [value]
            for spec in specs:
                regex = spec.get("regex") if isinstance(spec, dict) else spec if isinstance(spec, str) and key != "words" else None
                if regex:
                    yield f"{code}/{key}", re.compile(regex)
    for module in (document, figures, leftovers, numerals, parts):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__}.{name}", value


@cache
def _repeated(seed: str, size: int = 1_000_000) -> str:
    return (seed * (size // len(seed) + 1))[:size]


def _hostile_inputs(pattern: re.Pattern) -> list[str]:
    """1 MB strings built from what the pattern looks for — its own characters repeated, so
    that a partial match starts everywhere — and from figures, brackets and separators."""
    own = "".join(dict.fromkeys(c for c in pattern.pattern if "\u4e00" <= c <= "\u9fff" or c in "，、；：（）“”《》【】0123456789"))
    seeds = [own or "信息", own + " 1", "（" + own, "政府信息公开申请 12 件，其中 8 件、", "<!--[if X"]
    return [_repeated(seed) for seed in seeds]


def _distinct(found):
    """Each pattern once (the catalogue repeats some through YAML anchors)."""
    seen = set()
    for where, pattern in found:
        if (pattern.pattern, pattern.flags) not in seen:
            seen.add((pattern.pattern, pattern.flags))
            yield where, pattern


@pytest.mark.parametrize("where, pattern", list(_distinct(_narrative_patterns())), ids=lambda v: v if isinstance(v, str) else "")
def test_pattern_is_linear_on_1mb(where, pattern):
    # A ratio, not a time limit: 1 MB against its first tenth, measured side by side.
    def scan(text):
        for _ in pattern.finditer(text):
            pass

    for text in _hostile_inputs(pattern):
        assert_linear(scan, text[: len(text) // 10], text, 10, f"{where} on {text[:20]!r}…")


def test_the_narrative_modules_are_not_imported_by_a_run_without_them():
    """Lazy import: the engine and check kinds load golocheck.narrative only inside run()."""
    import subprocess
    import sys

    code = ("import sys, golocheck.engine, golocheck.checks.narrative; from golocheck.catalogue import load_catalogue; load_catalogue(); "
            "print(any(m.startswith('golocheck.narrative') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


