"""The phrase catalogue (rules/phrases/table.yaml): how prose names table quantities.

Loaded once; each pattern is compiled when a report first needs it (narrative.lazyre: a
report uses only the phrases of its format). ``problems()`` checks it against the formats for the tests
(the catalogue is data, so a broken entry must fail the suite, not a user's run).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from golocheck.diagnostics import Text
from golocheck.narrative.lazyre import LazyPattern, lazy, top_level_choices
from golocheck.paths import rules_dir
from golocheck.records import record


Readings = dict[str, tuple[tuple[str, ...], ...]]  # format id -> readings (cell ids added up)


@record(frozen=True)
class Verb:
    """A verb that decides what a phrase's figure counts (印发 / 废止 / 现行有效 规范性文件 N 件):
    its own readings replace the phrase's; a format it has no reading for maps the figure
    to nothing."""

    words: LazyPattern
    readings: Readings
    loose: Readings
    stock: bool = False  # a count held at a date (现行有效): 截至年底 dates it, no other period


@record(frozen=True)
class FigurePhrase:
    """A phrase that names a figure of the tables, with the cells it reads as."""

    id: str
    after: tuple[LazyPattern, ...]
    before: tuple[LazyPattern, ...]
    units: frozenset[str]
    readings: Readings
    requires: LazyPattern | None
    exclude: LazyPattern | None  # in the clause before the phrase: the figure is something else
    name: Text | None = None     # subjects only
    # readings the figure agrees with only by counting what a reviewer would not (749 =
    # 新收 713 + 上年结转 36 for 共受理 749 件): agreement is a warning, not silence
    loose: Readings = None
    loose_note: Text | None = None
    # in the figure's sentence: the text itself says the figure is the loose reading
    # (共受理 749 件（含上年结转 36 件）): agreeing so needs no word
    loose_stated: LazyPattern | None = None
    verbs: tuple[Verb, ...] = ()
    # the figure counts a category that includes the cells' kind (政策规范性文件类信息 N 条):
    # at least the table's, never bounded above by it
    category: bool = False
    stock: bool = False  # the figure is a count held at a date (see Verb.stock)

    def is_stock(self, verb: int | None) -> bool:
        """Whether the figure is a stock under the governing verb (the entry's or the verb's)."""
        return self.stock or (verb is not None and self.verbs[verb].stock)

    def readings_for(self, fmt_id: str, verb: int | None) -> tuple[tuple, tuple]:
        """(readings, loose readings) in a format under the governing verb (None: no verb)."""
        source = self if verb is None else self.verbs[verb]
        return source.readings.get(fmt_id, ()), (source.loose or {}).get(fmt_id, ())


@record(frozen=True)
class Statement:
    """A sentence that says counts are zero: every cell of ``cells`` (per format) must be 0.
    Matched by ``patterns``, or by ``predicate`` said of a ``subject`` named before it in the
    same sentence (行政复议 3 件，行政诉讼 2 件，均获维持: one predicate, two subjects)."""

    id: str
    says: Text
    patterns: tuple[LazyPattern, ...]
    cells: dict[str, tuple[str, ...]]
    subject: LazyPattern | None = None
    predicate: tuple[LazyPattern, ...] = ()


@record(frozen=True)
class Catalogue:
    """The phrase catalogue (rules/phrases/table.yaml), its patterns compiled when first used."""

    gap: LazyPattern
    gap_before: LazyPattern
    subunit: LazyPattern
    # in a figure's clause: a count over another period than the report year (历年, 累计, 以来…)
    other_period: LazyPattern
    # where other_period matched: the end of a year (截至年底, 截至2022年12月31日; group year),
    # which only dates a stock (现行有效…) and is another period only if its year is not the report's
    year_end: LazyPattern
    joined: LazyPattern  # ends the text before a phrase that is the last of several kinds listed
    figures: tuple[FigurePhrase, ...]
    statements: tuple[Statement, ...]
    subjects: tuple[FigurePhrase, ...]
    raw: dict


def catalogue_path() -> Path:
    return rules_dir() / "phrases" / "table.yaml"


# A pattern that opens with a choice of words, (?:收到|受理|…)…, is scanned as one pattern per
# word: the regular expression engine skips ahead to a single leading literal quickly but
# tries every position for a choice (measured: 0.008 ms against 0.07 ms on golog-2018).
_LEADING_CHOICE = re.compile(r"\(\?:((?:[^()|\\\[\]?*+{}.^$]+\|)+[^()|\\\[\]?*+{}.^$]+)\)(?![?*+{])")


def expanded(pattern: str) -> list[str]:
    """One pattern per leading choice — ``a|b`` and ``(?:a|b)rest`` — so that each starts
    with a literal where the pattern allows; matching the same texts."""
    result = []
    for part in top_level_choices(pattern):
        m = _LEADING_CHOICE.match(part)
        result.extend([word + part[m.end():] for word in m.group(1).split("|")] if m else [part])
    return result


def _compile_all(patterns) -> tuple[LazyPattern, ...]:
    return tuple(lazy(p) for pattern in patterns or () for p in expanded(pattern))


def _optional(pattern) -> LazyPattern | None:
    return lazy(pattern) if pattern else None


def _readings(raw) -> Readings:
    return {fmt: tuple(tuple(r) for r in alternatives) for fmt, alternatives in (raw or {}).items()}


def _figure(raw: dict) -> FigurePhrase:
    readings = _readings(raw.get("readings"))
    return FigurePhrase(
        id=raw["id"],
        after=_compile_all(raw.get("after")),
        before=_compile_all(raw.get("before")),
        units=frozenset(raw["units"]),
        readings=readings,
        requires=_optional(raw.get("requires")),
        exclude=_optional(raw.get("except")),
        name=Text.of(raw["name"]) if raw.get("name") else None,
        loose=_readings(raw.get("loose")),
        loose_note=Text.of(raw["loose_note"]) if raw.get("loose_note") else None,
        loose_stated=_optional(raw.get("loose_stated")),
        category=bool(raw.get("category")),
        verbs=tuple(Verb(lazy(v["words"]), _readings(v.get("readings")), _readings(v.get("loose")), bool(v.get("stock")))
                    for v in raw.get("verbs") or ()),
        stock=bool(raw.get("stock")),
    )


def _statement(s: dict) -> Statement:
    return Statement(s["id"], Text.of(s["says"]), _compile_all(s.get("patterns")), {k: tuple(v) for k, v in s["cells"].items()},
                     _optional(s.get("subject")), _compile_all(s.get("predicate")))


@cache
def load() -> Catalogue:
    from golocheck.yamlio import load_yaml_file

    raw = load_yaml_file(catalogue_path())
    return Catalogue(
        gap=lazy(raw["gap"]),
        gap_before=lazy(raw["gap_before"]),
        subunit=lazy(raw["subunit"]),
        other_period=lazy(raw["other_period"]),
        year_end=lazy(raw["year_end"]),
        joined=lazy(raw["joined"]),
        figures=tuple(_figure(f) for f in raw["figures"]),
        statements=tuple(_statement(s) for s in raw["statements"]),
        subjects=tuple(_figure(s) for s in raw["subjects"]),
        raw=raw,
    )


def problems(formats) -> list[str]:
    """What is wrong with the catalogue (empty when it is usable): unknown formats or cells,
    entries without a pattern or units, duplicate ids."""
    found: list[str] = []
    cat = load()
    seen: set[str] = set()
    for kind, entries in (("figures", cat.figures), ("subjects", cat.subjects), ("statements", cat.statements)):
        for entry in entries:
            key = f"{kind}/{entry.id}"
            if key in seen:
                found.append(f"{key}: duplicate id")
            seen.add(key)
            if kind == "statements":
                if not entry.patterns and not (entry.subject and entry.predicate):
                    found.append(f"{key}: no pattern")
                mapping = entry.cells
            else:
                if not (entry.after or entry.before):
                    found.append(f"{key}: neither after nor before")
                if not entry.units:
                    found.append(f"{key}: no units")
                mapping = {}
                for source in (entry.readings, entry.loose or {}, *(v.readings for v in entry.verbs), *(v.loose for v in entry.verbs)):
                    for fmt, readings in source.items():
                        mapping.setdefault(fmt, []).extend(c for reading in readings for c in reading)
                if kind == "figures" and not entry.readings:
                    found.append(f"{key}: no readings")
            for fmt_id, cells in mapping.items():
                fmt = formats.get(fmt_id)
                if fmt is None:
                    found.append(f"{key}: unknown format {fmt_id}")
                    continue
                found.extend(f"{key}: cell {c} does not exist in {fmt_id}" for c in cells if c not in fmt.cell_map)
    return found
