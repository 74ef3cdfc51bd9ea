"""The phrase catalogue (rules/phrases/table.yaml): how prose names table quantities.

Loaded once; each pattern is compiled when a report first needs it (narrative.lazyre: a
report uses only the phrases of its format). ``problems()`` checks it against the formats for the tests
(the catalogue is data, so a broken entry must fail the suite, not a user's run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from golocheck.diagnostics import Text
from golocheck.narrative.lazyre import LazyPattern, lazy, top_level_choices
from golocheck.paths import rules_dir


@dataclass(frozen=True)
class FigurePhrase:
    id: str
    after: tuple[LazyPattern, ...]
    before: tuple[LazyPattern, ...]
    units: frozenset[str]
    readings: dict[str, tuple[tuple[str, ...], ...]]  # format id -> readings (cell ids added up)
    requires: LazyPattern | None
    exclude: LazyPattern | None  # in the clause before the phrase: the figure is something else
    name: Text | None = None     # subjects only


@dataclass(frozen=True)
class Statement:
    id: str
    says: Text
    patterns: tuple[LazyPattern, ...]
    cells: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Catalogue:
    gap: LazyPattern
    gap_before: LazyPattern
    subunit: LazyPattern
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


def _figure(raw: dict) -> FigurePhrase:
    readings = {fmt: tuple(tuple(r) for r in alternatives) for fmt, alternatives in (raw.get("readings") or {}).items()}
    return FigurePhrase(
        id=raw["id"],
        after=_compile_all(raw.get("after")),
        before=_compile_all(raw.get("before")),
        units=frozenset(raw["units"]),
        readings=readings,
        requires=_optional(raw.get("requires")),
        exclude=_optional(raw.get("except")),
        name=Text.of(raw["name"]) if raw.get("name") else None,
    )


@cache
def load() -> Catalogue:
    from golocheck.yamlio import load_yaml_file

    raw = load_yaml_file(catalogue_path())
    return Catalogue(
        gap=lazy(raw["gap"]),
        gap_before=lazy(raw["gap_before"]),
        subunit=lazy(raw["subunit"]),
        figures=tuple(_figure(f) for f in raw["figures"]),
        statements=tuple(
            Statement(s["id"], Text.of(s["says"]), _compile_all(s["patterns"]), {k: tuple(v) for k, v in s["cells"].items()})
            for s in raw["statements"]
        ),
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
                if not entry.patterns:
                    found.append(f"{key}: no pattern")
                mapping = entry.cells
            else:
                if not (entry.after or entry.before):
                    found.append(f"{key}: neither after nor before")
                if not entry.units:
                    found.append(f"{key}: no units")
                mapping = {fmt: [c for reading in readings for c in reading] for fmt, readings in entry.readings.items()}
                if kind == "figures" and not entry.readings:
                    found.append(f"{key}: no readings")
            for fmt_id, cells in mapping.items():
                fmt = formats.get(fmt_id)
                if fmt is None:
                    found.append(f"{key}: unknown format {fmt_id}")
                    continue
                found.extend(f"{key}: cell {c} does not exist in {fmt_id}" for c in cells if c not in fmt.cell_map)
    return found
