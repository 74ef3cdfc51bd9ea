"""Regular expressions compiled when first used.

Compiling is pure Python in CPython (re._parser, re._compiler): the ~200 patterns of the
phrase catalogue and the narrative modules cost ~60 ms, on every start, though a report uses
only those of its format (a gov-2014 report never needs the gov-2019 phrases) and a run with
``--ignore narrative`` none. A :class:`LazyPattern` stands in for the compiled pattern and
compiles it on the first match; the compiled pattern is kept (and re's own cache is not used,
so a long-running process never compiles a pattern twice).
"""

from __future__ import annotations

import re


class LazyPattern:
    """The methods of re.Pattern that golocheck uses, compiled on first call. Compiling puts
    the compiled pattern's own methods on the instance, so that later calls (millions, in a
    long text) go straight to them, at no cost over a compiled pattern."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern | None = None

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

    # Used only for the first call: afterwards the instance's attributes shadow them.
    def search(self, *args):
        return self.compiled.search(*args)

    def match(self, *args):
        return self.compiled.match(*args)

    def fullmatch(self, *args):
        return self.compiled.fullmatch(*args)

    def finditer(self, *args):
        return self.compiled.finditer(*args)

    def findall(self, *args):
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
