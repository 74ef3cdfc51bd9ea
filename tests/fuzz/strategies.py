"""Hypothesis strategies shared by the fuzz tests: loader-like values, reports built
from a format definition's cells and the sample reports, and diagnostics."""

from __future__ import annotations

import copy
import os
from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st

from fuzz.malformed import _parseable, _parsed, _paths, _set

LONE_SURROGATES = ["\ud800", "\udfff", "\udc80"]  # from JSON escapes, or surrogateescape'd file names
ODD_TEXT = ["", " ", "\x00", "\x1b[2J", "\r\n", "\u2028", "\ufeff", "\u202e", "::error::x", "%0A", "]]>", "<a>", "&", "—", "／",
            "不适用", "9210条", "5332余", "一千零五", "百分之五十", "１２３", "2025-02-30", "0x1F", "1e5", "NaN"]


class HugeInt(int):
    """An int too long for str() (Python refuses over 4,300 digits), as YAML's hex
    notation gives one (0xfff…). It behaves as the loader's int everywhere except in
    repr(), so that hypothesis can print a failing example; str(), format() and
    json.dumps still raise as they would on the real value."""

    def __repr__(self) -> str:
        return f"HugeInt({'-' if self < 0 else ''}16**{(abs(self).bit_length() - 1) // 4})"

    __str__ = int.__repr__


HUGE_INT = HugeInt(16**4000)


def budget(ci_examples: int):
    """``settings`` for a test that is costlier per example than most: fewer examples
    in the CI profile, the profile's own number otherwise."""
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        return settings(max_examples=ci_examples)
    return settings()


def texts(max_size: int = 60, surrogates: bool = True):
    """Any text, odd characters and (unless ``surrogates`` is false) lone surrogates included."""
    if not surrogates:
        return texts(max_size).map(lambda t: "".join(c for c in t if not "\ud800" <= c <= "\udfff"))
    return st.one_of(
        st.text(max_size=max_size),
        st.text(alphabet=st.characters(codec=None, categories=None), max_size=max_size),
        st.sampled_from(ODD_TEXT + LONE_SURROGATES),
        st.lists(st.sampled_from(ODD_TEXT + LONE_SURROGATES + ["件", "条", "约", "余", "3", "十"]), max_size=8).map("".join),
    )


def numbers():
    """The numbers the loader makes: int (any size below Python's str limit) and finite Decimal."""
    return st.one_of(
        st.integers(-10, 10**6),
        st.integers(min_value=-(10**4000), max_value=10**4000),
        st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**18, 10**300]),
        st.decimals(allow_nan=False, allow_infinity=False),
        st.sampled_from([Decimal("1e999999"), Decimal("-1e999999"), Decimal("1e-999999"), Decimal("9.99e999999"),
                         Decimal("0.0"), Decimal("-0"), Decimal("1.0"), Decimal("1E+2"), Decimal("123456789012345678901234567890.5")]),
    )


def hostile():
    """Values that have broken checks: years out of any calendar, ints too long to print,
    decimals whose integer form is too long to print, impossible dates."""
    return st.sampled_from([
        0, -1, 1, 9999, 10000, 10**6, 10**20, -(10**20), 2**63, HUGE_INT, HugeInt(-(16**4000)), Decimal("1e5000"), Decimal("-1e5000"),
        Decimal("1e-5000"), Decimal("0.5"), Decimal("1E+2"), "2025-02-30", "9999-12-31", "0001-01-01", "99999-01-01",
        "2025-13-01", "", True, None, [], {}, "\ud800",
    ])


# The likeliest to break a check, drawn as often as all other scalars together.
HUGE = st.sampled_from([HUGE_INT, Decimal("1e5000"), 10**20, 10000, 0, -1, Decimal("-1e5000"), "99999-12-31"])


def scalars():
    from golocheck.loading import NonFinite

    return st.one_of(st.none(), st.booleans(), numbers(), texts(), st.sampled_from([NonFinite("NaN"), NonFinite("-Infinity")]))


def loader_values(max_leaves: int = 12):
    """Values as the loader returns them (never a float): dicts with str keys, lists, scalars."""
    return st.recursive(
        scalars(),
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(texts(12), children, max_size=4)),
        max_leaves=max_leaves,
    )


EXACT = 2**53  # beyond it a number is a finding of its own (V007), not a value read back


def json_values(max_leaves: int = 20, exact: bool = False):
    """Values json.dumps can write (finite floats, str keys, no surrogates in keys);
    ``exact``: only numbers within ±2^53, which every tool reads exactly."""
    bound = EXACT if exact else 10**40
    floats = st.floats(min_value=-EXACT, max_value=EXACT) if exact else st.floats(allow_nan=False, allow_infinity=False)
    return st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(-bound, bound), floats, st.text(max_size=30)),
        lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(st.text(max_size=10), children, max_size=5)),
        max_leaves=max_leaves,
    )


def loader_form(value):
    """A parsed sample as the loader would give it: floats as Decimal."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: loader_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [loader_form(v) for v in value]
    return value


def _bases() -> dict[str, list[dict]]:
    """Starting reports per format: the parseable samples and each format's skeleton."""
    from golocheck.formats import all_formats
    from golocheck.templates import skeleton

    by_format: dict[str, list[dict]] = {fid: [skeleton(fmt)] for fid, fmt in sorted(all_formats().items())}
    for name in _parseable():
        data = _parsed(name)
        if isinstance(data, dict) and data.get("format") in by_format:
            by_format[data["format"]].append(loader_form(data))
    return by_format


BASES = _bases()
BASE_PATHS = {fid: [_paths(base) for base in bases] for fid, bases in BASES.items()}


@st.composite
def reports(draw, format_ids=None, max_edits: int = 12):
    """A report of one of ``format_ids`` (any known format when None): a sample or a
    skeleton with some values replaced — by arbitrary values at any path, in the
    format's cells, in metadata, in sections and in registers — or deleted."""
    from golocheck.formats import get_format

    fid = draw(st.sampled_from(sorted(f for f in BASES if format_ids is None or f in format_ids)))
    base = draw(st.integers(0, len(BASES[fid]) - 1))
    data = copy.deepcopy(BASES[fid][base])
    paths = BASE_PATHS[fid][base]  # of the base: an edited-away path is skipped below
    fmt = get_format(fid)
    cell_paths = [("tables", *cell.pointer.split("/")[2:]) for cell in fmt.cells()]
    targeted = [("metadata", k) for k in ("report_year", "published_on", "title", "issuer", "issuer_kind", "region", "period")]
    targeted += [("metadata", "period", "start"), ("metadata", "period", "end"), ("format",), ("sections",), ("tables",), ("registers",)]
    for _ in range(draw(st.integers(0, max_edits))):
        where = draw(st.sampled_from(["any", "cell", "meta", "section"]))
        if where == "any" and paths:
            path = draw(st.sampled_from(paths))
        elif where == "cell":
            path = draw(st.sampled_from(cell_paths))
        elif where == "section" and isinstance(data.get("sections"), list) and data["sections"]:
            i = draw(st.integers(0, len(data["sections"]) - 1))
            path = ("sections", i, draw(st.sampled_from(["heading", "text"]))) if isinstance(data["sections"][i], dict) else ("sections", i)
        else:
            path = draw(st.sampled_from(targeted))
        value = draw(st.one_of(hostile(), HUGE, scalars(), loader_values(), st.just("__delete__")))
        try:
            if value == "__delete__":
                node = data
                for key in path[:-1]:
                    node = node[key]
                del node[path[-1]]
            else:
                _ensure_parents(data, path)
                _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier edit replaced or removed an ancestor
    return fid, data


def _ensure_parents(data, path) -> None:
    node = data
    for key in path[:-1]:
        if isinstance(node, dict) and key not in node:
            node[key] = {}
        node = node[key]


# ------------------------------------------------------------------ diagnostics

@st.composite
def spans(draw):
    from golocheck.diagnostics import Span

    big = st.one_of(st.integers(1, 200), st.integers(1, 10**12))
    return Span(draw(big), draw(big), draw(big), draw(big))


def bilingual(surrogates: bool = True):
    from golocheck.diagnostics import Text

    return st.builds(Text, texts(surrogates=surrogates), texts(surrogates=surrogates))


@st.composite
def diagnostics(draw, file=None, surrogates: bool = True):
    from golocheck.catalogue import load_catalogue
    from golocheck.diagnostics import Diagnostic, Location, Severity

    codes = sorted(load_catalogue())
    code = draw(st.one_of(st.sampled_from(codes), st.sampled_from(codes), st.text(min_size=1, max_size=8)))
    arg_values = st.recursive(
        st.one_of(scalars() if surrogates else st.one_of(st.none(), st.booleans(), numbers(), texts(surrogates=False)), bilingual(surrogates), st.floats(), st.integers(min_value=-(10**4000), max_value=10**4000), st.just(HUGE_INT)),
        lambda c: st.one_of(st.lists(c, max_size=3), st.tuples(c, c), st.dictionaries(texts(8, surrogates=surrogates), c, max_size=3)),
        max_leaves=6,
    )
    location = st.builds(Location, texts(surrogates=surrogates), st.none() | bilingual(surrogates), st.none() | spans(), st.none() | texts(surrogates=surrogates))
    return Diagnostic(
        code=code,
        name=draw(texts(20, surrogates=surrogates)),
        severity=draw(st.sampled_from(list(Severity))),
        file=file if file is not None else draw(texts(30, surrogates=surrogates)),
        location=draw(st.builds(Location, texts(surrogates=surrogates), st.none() | bilingual(surrogates), st.none() | spans())),
        message=draw(bilingual(surrogates)),
        title=draw(bilingual(surrogates)),
        basis=draw(bilingual(surrogates)),
        args=draw(st.dictionaries(texts(10, surrogates=surrogates), arg_values, max_size=4)),
        related=tuple(draw(st.lists(location, max_size=3))),
    )


@st.composite
def file_results(draw, surrogates: bool = True):
    from golocheck.run import FileResult

    path = draw(st.one_of(st.sampled_from(["r.json", "reports/2024/报告.yaml", "/abs/path r.json", "C:\\dir\\r.json", "-"]), texts(30, surrogates=surrogates)))
    text = draw(st.one_of(st.none(), texts(200, surrogates=surrogates), st.sampled_from(['{"format": "gov-2014"}', "format: gov-2021\n", "[1,2]"])))
    same_file = draw(st.booleans())
    diags = draw(st.lists(diagnostics(file=path if same_file else None, surrogates=surrogates), max_size=14))
    return FileResult(path, text, tuple(diags))
