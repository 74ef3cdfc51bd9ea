"""Regular expressions compiled when first used.

Compiling is pure Python in CPython (re._parser, re._compiler): the ~200 patterns of the
phrase catalogue and the narrative modules cost ~60 ms, on every start, though a report uses
only those of its format (a gov-2014 report never needs the gov-2019 phrases) and a run with
``--ignore narrative`` none. A :class:`LazyPattern` stands in for the compiled pattern and
compiles it on the first match; the compiled pattern is kept (and re's own cache is not used,
so a long-running process never compiles a pattern twice).

Most phrase patterns open with a literal (narrative.phrases splits a leading choice of words
into one pattern per word): such a pattern cannot match a text that does not contain that
literal, so ``search``, ``finditer`` and ``findall`` first look for it with ``str.find``
(``match`` and ``fullmatch``: ``str.startswith`` at the position) and compile only when it
is there. Beyond one literal prefix, :func:`leading_literals` also reads a leading choice of
words (``超过|逾|近``), a leading group and a leading character class of a few characters
(``[XＸ]``, ``[,:;()]``): one of those literals must be there. Beyond the start,
narrative.literals reads the literals every match contains wherever they are
(``未…行政复议``: ``行政复议``): a text without them is not searched either. A report compiles
the patterns its text could match.

Both readings of the shipped patterns are done by ``python -m golocheck.compile`` and kept
with the compiled data (golocheck.yamlio), valid while this module and narrative.literals are
unchanged (:func:`analysis_fingerprint`); a pattern not found there (a user's phrase file, a
changed pattern) is read when it is first used.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from functools import cache

from golocheck.narrative.literals import Groups, required_literals

_SPECIAL = set("\\.^$*+?{}[]()|")
_QUANTIFIERS = set("*+?{")


def required_prefix(pattern: str, flags: int = 0) -> str:
    """The literal every match of ``pattern`` starts with, or "" when there is none to rely
    on: the characters before the first special one, less the last if a quantifier follows
    it; nothing when the pattern has a choice (``|``) outside brackets and groups, or with
    IGNORECASE or VERBOSE (which change what the characters mean)."""
    if flags & (re.IGNORECASE | re.VERBOSE) or len(top_level_choices(pattern)) > 1:
        return ""
    prefix = []
    for char in pattern:
        if char in _SPECIAL:
            if char in _QUANTIFIERS and prefix:
                prefix.pop()
            break
        prefix.append(char)
    return "".join(prefix)


class _Unknown(Exception):
    """The start of a pattern is not one :func:`leading_literals` can rely on."""


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_CLASS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}
_WIDEST_RANGE = 32  # a wider range in a leading class: not worth a literal per character


def leading_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Literals one of which every match of ``pattern`` starts with, or () when there are
    none to rely on: the :func:`required_prefix` of each top-level choice, or of a leading
    group (``(?:a|b)c``, ``(?P<n>…)``), or the characters of a leading class of a few
    characters (``[XＸ]``), after zero-width lookarounds and ``^``. Nothing with IGNORECASE
    or VERBOSE, nor when some choice may start with anything else (an optional element,
    ``\\d``, ``.``, a negated or wide class)."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    try:
        found = _leads(pattern)
    except (_Unknown, IndexError, ValueError):
        return ()
    return tuple(dict.fromkeys(found)) if found and all(found) else ()


def _leads(pattern: str) -> list[str]:
    choices = top_level_choices(pattern)
    if len(choices) > 1:
        return [lead for choice in choices for lead in _leads(choice)]
    i = 0
    while True:
        if i >= len(pattern):
            raise _Unknown  # it may match the empty string
        char = pattern[i]
        if pattern.startswith(_LOOKAROUNDS, i):  # zero-width: what follows starts the match
            i = _closing(pattern, i) + 1
            _not_repeated(pattern, i)
            continue
        if char == "^":
            i += 1
            continue
        break
    if char == "(":
        if pattern.startswith("(?:", i):
            body = i + 3
        elif pattern.startswith("(?P<", i):
            body = pattern.index(">", i) + 1
        elif pattern[i + 1] != "?":
            body = i + 1
        else:
            raise _Unknown  # inline flags, a back reference, a condition, a comment
        end = _closing(pattern, i)
        _not_repeated(pattern, end + 1)
        return _leads(pattern[body:end])
    if char == "[":
        end = _class_end(pattern, i)
        _not_repeated(pattern, end + 1)
        return _class_chars(pattern[i + 1:end])
    if char == "\\":
        escaped = pattern[i + 1]
        if escaped.isalnum() or escaped.isspace():
            raise _Unknown  # a class (\\d), an anchor (\\b), a code (\\n): not read here
        _not_repeated(pattern, i + 2)
        return [escaped]
    prefix = []  # as required_prefix, on a pattern already known to have no top-level choice
    for char in pattern[i:]:
        if char in _SPECIAL:
            if char in _QUANTIFIERS and prefix:
                prefix.pop()
            break
        prefix.append(char)
    if not prefix:
        raise _Unknown
    return ["".join(prefix)]


def _not_repeated(pattern: str, i: int) -> None:
    """The element that ends before ``i`` is required: not followed by ?, * or {m,n}."""
    if pattern[i:i + 1] in ("?", "*", "{"):
        raise _Unknown


def _structure(pattern: str, start: int = 0):
    """(index, character, group depth after it) for each character from ``start`` that is
    neither escaped nor inside a character class: the characters that shape the pattern."""
    depth, in_class, escaped, class_start = 0, False, False, 0
    for i in range(start, len(pattern)):
        char = pattern[i]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:  # a ] first in a class ([]…], [^]…]) is one of its characters
            in_class = char != "]" or i == class_start or (i == class_start + 1 and pattern[class_start] == "^")
        elif char == "[":
            in_class, class_start = True, i + 1
        else:
            depth += (char == "(") - (char == ")")
            yield i, char, depth


def _closing(pattern: str, start: int) -> int:
    """The index of the ``)`` that closes the group opening at ``start``."""
    for i, char, depth in _structure(pattern, start):
        if char == ")" and depth == 0:
            return i
    raise _Unknown


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` that closes the class opening at ``start``."""
    if pattern[start + 1] in "]^":
        raise _Unknown  # a leading ] is a literal, ^ negates: not read here
    escaped = False
    for i in range(start + 1, len(pattern)):
        if escaped:
            escaped = False
        elif pattern[i] == "\\":
            escaped = True
        elif pattern[i] == "[":
            raise _Unknown  # a nested set, or a warning of one
        elif pattern[i] == "]":
            return i
    raise _Unknown


def _class_chars(body: str) -> list[str]:
    """The characters of a class's ``body`` (literals, escaped punctuation, \\n \\t \\r and
    narrow ranges)."""
    chars: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            escaped = body[i + 1]
            if escaped in _CLASS_ESCAPES:
                char = _CLASS_ESCAPES[escaped]
            elif escaped.isalnum() or escaped.isspace():
                raise _Unknown  # \\s, \\d, \\u4e00 …
            else:
                char = escaped
            i += 2
        else:
            i += 1
        if body.startswith("-", i) and i + 1 < len(body):  # a range char-last
            last = body[i + 1]
            if last == "\\" or ord(last) < ord(char) or ord(last) - ord(char) > _WIDEST_RANGE:
                raise _Unknown
            chars.extend(chr(c) for c in range(ord(char), ord(last) + 1))
            i += 2
        else:
            chars.append(char)
    return chars


def top_level_choices(pattern: str) -> list[str]:
    """``a|b|c`` split where the | is outside brackets and groups."""
    if "|" not in pattern:
        return [pattern]
    parts, start = [], 0
    for i, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def analysis(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], Groups]:
    """What the prefilter knows of a pattern: its :func:`leading_literals` and its
    :func:`~golocheck.narrative.literals.required_literals`."""
    return leading_literals(pattern, flags), required_literals(pattern, flags)


def analysis_fingerprint() -> str:
    """The fingerprint of the code that reads patterns: a table of readings made by another
    version of it is not used."""
    from pathlib import Path

    from golocheck.yamlio import fingerprint

    here = Path(__file__).parent
    return fingerprint(b"".join((here / name).read_bytes() for name in ("lazyre.py", "literals.py")))


def analysis_table(patterns) -> dict:
    """The readings of ``patterns`` (sources, flags 0) as kept with the compiled data."""
    return {"code": analysis_fingerprint(),
            "patterns": {p: [list(leads), [list(g) for g in groups]] for p in sorted(set(patterns)) for leads, groups in [analysis(p)]}}


@cache
def _shipped() -> dict:
    """The readings of the shipped patterns (python -m golocheck.compile), or {} when the
    compiled data has none or they were made by other code."""
    from golocheck.yamlio import artefact

    kept = artefact().patterns
    try:
        return kept["patterns"] if kept.get("code") == analysis_fingerprint() and isinstance(kept.get("patterns"), dict) else {}
    except (OSError, AttributeError):
        return {}


def _read(pattern: str, flags: int) -> tuple[tuple[str, ...], Groups]:
    if not flags:
        kept = _shipped().get(pattern)
        if _well_formed(kept):
            leads, groups = kept
            return tuple(leads), tuple(tuple(g) for g in groups)
    return analysis(pattern, flags)


def _well_formed(kept) -> bool:
    """[leads, groups]: a list of literals and a list of non-empty lists of literals."""
    def literals(value) -> bool:
        return isinstance(value, list) and all(isinstance(s, str) and s for s in value)

    return (isinstance(kept, list) and len(kept) == 2 and literals(kept[0]) and isinstance(kept[1], list)
            and all(literals(g) and g for g in kept[1]))


class LazyPattern:
    """The methods of re.Pattern that golocheck uses, compiled on first call. Compiling puts
    the compiled pattern's own methods on the instance, so that later calls (millions, in a
    long text) go straight to them, at no cost over a compiled pattern."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern | None = None
        self._leads: tuple[str, ...] | None = None  # read on the first call (most patterns are never called)
        self._literals: Groups = ()
        self._needs: Groups | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            from golocheck.precompiled import compile as compile_pattern  # the build's code, when it holds

            self._compiled = compiled = compile_pattern(self.pattern, self.flags)
            for name in self._METHODS:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    @property
    def leads(self) -> tuple[str, ...]:
        """The literals one of which every match starts with (:func:`leading_literals`)."""
        if self._leads is None:
            self._leads, self._literals = _read(self.pattern, self.flags)
        return self._leads

    @property
    def literals(self) -> Groups:
        """Groups of strings, every match containing one of each group (narrative.literals)."""
        if self._leads is None:
            self._leads, self._literals = _read(self.pattern, self.flags)
        return self._literals

    @property
    def needs(self) -> Groups:
        """Groups of literals, every match containing one of each: the :attr:`leads` (when
        there are any) and the groups of :attr:`literals`. A text that lacks every literal of
        one group cannot match (narrative.document tests each literal once per report)."""
        if self._needs is None:
            leads = self.leads
            self._needs = ((leads,) if leads else ()) + self._literals
        return self._needs

    def absent_from(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether text[pos:endpos] lacks every leading literal, or every string of one of
        the groups of :attr:`literals`: then nothing can match there."""
        return any(all(text.find(s, pos, endpos) < 0 for s in group) for group in self.needs)

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def _absent(self, string, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Nothing can match in string[pos:endpos] (:meth:`absent_from`)."""
        # (a negative pos or endpos means 0 to re, but counts from the end for str.find)
        return isinstance(string, str) and pos >= 0 and endpos >= 0 and self.absent_from(string, pos, endpos)

    def _not_at(self, string, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """string[pos:endpos] starts with no leading literal: ``match`` finds nothing. (Not
        the required literals: looking for them reads the rest of the text, and callers
        match at many positions of one text.)"""
        leads = self.leads
        return bool(leads) and isinstance(string, str) and pos >= 0 and endpos >= 0 and not string.startswith(leads, pos, endpos)

    # Used only until the pattern is compiled: afterwards the instance's attributes shadow them.
    def search(self, *args):
        if self._absent(*args):
            return None
        return self.compiled.search(*args)

    def match(self, *args):
        if self._not_at(*args):
            return None
        return self.compiled.match(*args)

    def fullmatch(self, *args):
        if self._not_at(*args):
            return None
        return self.compiled.fullmatch(*args)

    def finditer(self, *args):
        if self._absent(*args):
            return iter(())
        return self.compiled.finditer(*args)

    def findall(self, *args):
        if self._absent(*args):
            return []
        return self.compiled.findall(*args)

    def sub(self, *args):
        return self.compiled.sub(*args)

    def split(self, *args):
        return self.compiled.split(*args)

    def __eq__(self, other):
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __repr__(self):
        return f"LazyPattern({self.pattern!r})"


class LiteralIndex:
    """Which of many literals a text contains, found in one pass of the regular expression
    engine over it instead of one str search per literal, and so which of many patterns
    could match it: a batch tests the ~250 literals of a format's figure phrases against
    every report (narrative.figures).

    The literals are compiled into one trie-shaped pattern (``收到(?:了(?:各类)?)?|受理…``)
    when first used; at each place it matches the longest literal that starts there. The
    literals that place also holds are found with it (a table per matched literal, worked
    out once per process); one that begins inside it and runs past its end is looked for
    with ``in``, so that the answer is exact."""

    def __init__(self, needs):
        """``needs``: for each pattern, its groups of literals (:attr:`LazyPattern.needs`)."""
        needs = [tuple(frozenset(group) for group in groups) for groups in needs]
        self.literals = frozenset(literal for groups in needs for group in groups for literal in group)
        self._sorted = sorted(self.literals)
        self._pattern: re.Pattern | None = None
        self._held: dict[str, tuple[frozenset, tuple]] = {}  # matched literal -> (inside it, straddling it)
        self._always = [i for i, groups in enumerate(needs) if not groups]
        self._by_first: dict[str, list[int]] = {}  # literal -> the patterns whose first group holds it
        for i, groups in enumerate(needs):
            for literal in groups[0] if groups else ():
                self._by_first.setdefault(literal, []).append(i)
        self._rest = [groups[1:] for groups in needs]

    def candidates(self, present: set[str]) -> list[int]:
        """The positions (in order) of the patterns that could match a text containing the
        literals ``present``: one literal of each of their groups is there."""
        by_first, rest = self._by_first, self._rest
        first = {i for literal in present for i in by_first.get(literal, ())}
        first.update(self._always)
        return sorted(i for i in first if all(not group.isdisjoint(present) for group in rest[i]))

    def present(self, text: str) -> set[str]:
        """The literals ``text`` contains."""
        if self._pattern is None:
            self._pattern = re.compile(_trie(self._sorted)) if self._sorted else re.compile("(?!)")
        found: set[str] = set()
        for matched in set(self._pattern.findall(text)):
            held = self._held.get(matched) or self._holding(matched)
            found |= held[0]
            for literal in held[1]:
                if literal not in found and literal in text:
                    found.add(literal)
        return found

    def _holding(self, matched: str) -> tuple[frozenset, tuple]:
        """(the literals inside ``matched``, those that start inside it and run past it)."""
        inside = frozenset(matched[i:j] for i in range(len(matched)) for j in range(i + 1, len(matched) + 1)) & self.literals
        straddling = []
        for k in range(1, len(matched)):
            tail = matched[k:]
            i = bisect_left(self._sorted, tail)
            while i < len(self._sorted) and self._sorted[i].startswith(tail):
                if len(self._sorted[i]) > len(tail):
                    straddling.append(self._sorted[i])
                i += 1
        self._held[matched] = held = (inside, tuple(dict.fromkeys(straddling)))
        return held


def _trie(literals: list[str]) -> str:
    """A pattern matching the longest of ``literals`` (sorted) that starts at a place."""
    tree: dict = {}
    for literal in literals:
        node = tree
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        choices = [re.escape(char) + branch(child) for char, child in node.items() if char]
        if not choices:
            return ""
        body = choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
