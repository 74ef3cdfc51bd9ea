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
and compile only when it is there. A report compiles the patterns its text could match.
"""

from __future__ import annotations

import re
import sys

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


def top_level_choices(pattern: str) -> list[str]:
    """``a|b|c`` split where the | is outside brackets and groups."""
    parts, depth, in_class, escaped, start = [], 0, False, False, 0
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


class LazyPattern:
    """The methods of re.Pattern that golocheck uses, compiled on first call. Compiling puts
    the compiled pattern's own methods on the instance, so that later calls (millions, in a
    long text) go straight to them, at no cost over a compiled pattern."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern | None = None
        self._prefix = required_prefix(pattern, flags)

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = compiled = re.compile(self.pattern, self.flags)
            for name in self._METHODS:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def _absent(self, string, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """The required prefix is not in string[pos:endpos]: nothing can match there."""
        # (a negative pos or endpos means 0 to re, but counts from the end for str.find)
        return bool(self._prefix) and isinstance(string, str) and pos >= 0 and endpos >= 0 and string.find(self._prefix, pos, endpos) < 0

    # Used only until the pattern is compiled: afterwards the instance's attributes shadow them.
    def search(self, *args):
        if self._absent(*args):
            return None
        return self.compiled.search(*args)

    def match(self, *args):
        return self.compiled.match(*args)

    def fullmatch(self, *args):
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


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
