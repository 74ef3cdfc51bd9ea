"""The literal strings every match of a regular expression must contain, read from its source.

A lazy pattern (narrative.lazyre) is compiled only when a text could match it. Its leading
literal says little: most phrase patterns open with a word the report has (``未``, ``没有``)
and fail further on (``…行政复议``). :func:`required_literals` reads the whole pattern and
returns groups of strings, ``(("行政复议",), ("收到", "受理"))``: each match contains at least
one string of every group, so a text that lacks every string of some group cannot match, and
the pattern need not be compiled or run on it.

It must never be wrong in that direction (a pattern skipped that would have matched), so it
reads only what it understands and gives up — no groups, always run — on anything else:
inline flags, comments, conditionals, octal and named escapes, a ``{`` that is not a repeat,
IGNORECASE and VERBOSE. What it reads, it reads as CPython's re does:

* a literal character, an escaped punctuation character, ``\\n``-style and ``\\x``/``\\u``/``\\U``
  escapes, and a class of a few characters (``[XＸ]``) match one of a known set of strings;
  consecutive ones combine (``未被`` is one string, ``[未没]有`` two);
* ``.``, ``\\d``, ``\\s``, ``\\w``, a negated or wide class, a back reference match something
  not known: they end the current string;
* lookarounds, ``^``, ``$``, ``\\b``, ``\\A``, ``\\Z`` consume nothing: what they test is not
  part of the match, so it contributes no literal (``(?<=年)共`` requires only ``共``);
* ``x?``, ``x*``, ``x{0,n}`` may be absent: nothing of ``x`` is required; ``x+``, ``x{m,n}``
  with m ≥ 1 require what ``x`` requires, and one of ``x``'s strings;
* a choice ``a|b`` requires one literal of ``a``'s or of ``b``'s: one group, the union of one
  group of each branch (none when a branch requires nothing).

It does not use re's own parser (re._parser): that is private and changes between Python
versions. ``python -m golocheck.compile`` stores the groups of the shipped patterns with the
compiled data (golocheck.yamlio), so that a start reads them instead of computing them.
"""

from __future__ import annotations

import re

Groups = tuple[tuple[str, ...], ...]

_MAX_STRINGS = 16  # strings a piece of pattern is followed as: beyond, it is one group ended
_MAX_CLASS = 8  # characters of a class read as literals (a wider class matches "something")
_MAX_GROUPS = 6  # groups kept (the most selective): each is a str.find over the text
_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEX = {"x": 2, "u": 4, "U": 8}
_CATEGORIES = set("dDsSwW")
_ZERO_WIDTH = set("bBAZ")
_ASCII_LETTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_EMPTY = frozenset({""})


class Unknown(Exception):
    """A construct :func:`required_literals` does not read: the pattern gets no groups."""


def required_literals(pattern: str, flags: int = 0) -> Groups:
    """Groups of strings, each match of ``pattern`` containing one string of every group;
    () when nothing can be relied on."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    try:
        (exact, groups), end = _choice(pattern, 0)
        if end != len(pattern):
            raise Unknown  # an unbalanced )
    except (Unknown, IndexError, ValueError):
        return ()
    found = [*groups, *([exact] if _useful(exact) else [])]
    return _best(found)


def _useful(strings) -> bool:
    return strings is not None and "" not in strings


def _best(groups) -> Groups:
    """The most selective groups (longest shortest string, then fewest strings), each less
    the strings that contain another of its strings (finding the shorter one is enough),
    without the groups another one implies."""
    kept = []
    for group in groups:
        minimal = tuple(sorted(s for s in group if not any(o != s and o in s for o in group)))
        if minimal not in kept:
            kept.append(minimal)
    # a group implied by another (each of whose strings contains one of its) tells nothing more
    kept = [g for g in kept if not any(h != g and all(any(o in s for o in g) for s in h) for h in kept)]
    kept.sort(key=lambda g: (-min(map(len, g)), len(g), g))
    return tuple(kept[:_MAX_GROUPS])


def _choice(pattern: str, i: int):
    """The branches ``a|b|…`` from ``i`` up to a ``)`` or the end: ((exact, groups), end).
    ``exact``: every string the piece can match, when they are few and known, else None;
    ``groups``: as :func:`required_literals`, for this piece."""
    branches = []
    while True:
        info, i = _sequence(pattern, i)
        branches.append(info)
        if i < len(pattern) and pattern[i] == "|":
            i += 1
            continue
        break
    if len(branches) == 1:
        return branches[0], i
    exacts = [exact for exact, _ in branches]
    exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
    if exact is not None and len(exact) > _MAX_STRINGS:
        exact = None
    union: set[str] = set()
    for branch_exact, groups in branches:
        candidates = [*groups, *([branch_exact] if _useful(branch_exact) else [])]
        if not candidates:
            return (exact, []), i
        union.update(_best(candidates)[0])
    return (exact, [frozenset(union)]), i


def _sequence(pattern: str, i: int):
    """The items from ``i`` up to a ``|``, a ``)`` or the end, in order."""
    groups: list = []
    run: frozenset | None = _EMPTY  # the strings the items since the last unknown one can be
    whole = True  # run covers the sequence from its start

    def end_run():
        nonlocal run, whole
        if _useful(run):
            groups.append(run)
        run, whole = None, False

    while i < len(pattern) and pattern[i] not in "|)":
        (exact, item_groups), i = _item(pattern, i)
        groups.extend(item_groups)
        if exact is None:
            end_run()
            continue
        if run is None:
            run = exact
        elif len(run) * len(exact) > _MAX_STRINGS:
            end_run()
            run = exact
        else:
            run = frozenset(a + b for a in run for b in exact)
    exact = run if whole else None
    if not whole:
        end_run()
    return (exact, groups), i


def _digits(pattern: str, i: int) -> int:
    while i < len(pattern) and pattern[i] in "0123456789":
        i += 1
    return i


def _repeat(pattern: str, i: int) -> tuple[int, int | None, int]:
    """``{m}``, ``{m,}``, ``{,n}``, ``{m,n}`` at ``i``: (m, n or None, end)."""
    low_end = _digits(pattern, i + 1)
    low = int(pattern[i + 1:low_end]) if low_end > i + 1 else 0
    if pattern[low_end:low_end + 1] == ",":
        high_end = _digits(pattern, low_end + 1)
        high = int(pattern[low_end + 1:high_end]) if high_end > low_end + 1 else None
    elif low_end > i + 1:
        high_end, high = low_end, low
    else:
        raise Unknown  # re reads {} and {x as literals: not followed here
    if pattern[high_end:high_end + 1] != "}":
        raise Unknown
    return low, high, high_end + 1


def _item(pattern: str, i: int):
    """One atom and its repeat, if any."""
    (exact, groups), i = _atom(pattern, i)
    if i >= len(pattern) or pattern[i] not in "*+?{":
        return (exact, groups), i
    char = pattern[i]
    if char == "{":
        low, high, i = _repeat(pattern, i)
    else:
        low, high = (0, None) if char == "*" else (1, None) if char == "+" else (0, 1)
        i += 1
    if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive: the same strings
        i += 1
    if i < len(pattern) and pattern[i] in "*+?{":
        raise Unknown  # a repeat repeated: an error for re
    if low == 0:
        optional = exact | _EMPTY if exact is not None and high == 1 else _EMPTY if high == 0 else None
        return (optional, []), i
    required = list(groups)
    if exact is None or low > 64 or len(exact) ** low > _MAX_STRINGS:
        if _useful(exact):
            required.append(exact)  # at least one copy
        return (None, required), i
    repeated = _EMPTY  # the first m copies, one after the other
    for _ in range(low):
        repeated = frozenset(a + b for a in repeated for b in exact)
    if low == high:
        return (repeated, required), i
    if _useful(repeated):
        required.append(repeated)
    return (None, required), i


def _atom(pattern: str, i: int):
    char = pattern[i]
    if char == "(":
        return _group(pattern, i)
    if char == "[":
        return _class(pattern, i)
    if char == "\\":
        return _escape(pattern, i)
    if char == ".":
        return (None, []), i + 1
    if char in "^$":
        return (_EMPTY, []), i + 1
    if char in "*+?{":
        raise Unknown  # nothing to repeat, or a literal { (not followed)
    return (frozenset({char}), []), i + 1


def _group(pattern: str, i: int):
    if pattern.startswith(("(?=", "(?!"), i):
        body, consumes = i + 3, False
    elif pattern.startswith(("(?<=", "(?<!"), i):
        body, consumes = i + 4, False
    elif pattern.startswith("(?:", i) or pattern.startswith("(?>", i):
        body, consumes = i + 3, True
    elif pattern.startswith("(?P<", i):
        body, consumes = pattern.index(">", i) + 1, True
    elif pattern.startswith("(?P=", i):
        return (None, []), pattern.index(")", i) + 1  # a back reference: its text is not known
    elif pattern.startswith("(?", i):
        raise Unknown  # inline flags, a comment, a condition
    else:
        body, consumes = i + 1, True
    info, end = _choice(pattern, body)
    if end >= len(pattern) or pattern[end] != ")":
        raise Unknown
    return (info if consumes else (_EMPTY, [])), end + 1


def _escape(pattern: str, i: int):
    escaped = pattern[i + 1]
    if escaped in _CATEGORIES:
        return (None, []), i + 2
    if escaped in _ZERO_WIDTH:
        return (_EMPTY, []), i + 2
    if escaped.isdigit() and escaped != "0":  # a back reference, \1 to \99
        end = i + 3 if pattern[i + 2:i + 3].isdigit() else i + 2
        if pattern[end:end + 1].isdigit():
            raise Unknown  # three digits: an octal escape
        return (None, []), end
    char, end = _character_escape(pattern, i)
    return (frozenset({char}), []), end


def _character_escape(pattern: str, i: int) -> tuple[str, int]:
    """The character of an escape that stands for one (``\\n``, ``\\u4e00``, ``\\.``)."""
    escaped = pattern[i + 1]
    if escaped in _ESCAPES:
        return _ESCAPES[escaped], i + 2
    if escaped in _HEX:
        digits = pattern[i + 2:i + 2 + _HEX[escaped]]
        if len(digits) != _HEX[escaped] or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise Unknown
        return chr(int(digits, 16)), i + 2 + len(digits)
    if escaped in _ASCII_LETTERS or escaped.isdigit():
        raise Unknown  # \N{…}, octal, or an error for re
    return escaped, i + 2


def _class(pattern: str, i: int):
    """``[…]``: its characters when it has a few plain ones, else "something"."""
    j = i + 1
    negated = pattern[j] == "^"
    if negated:
        j += 1
    chars: set[str] = set()
    known = not negated
    first = True
    while True:
        char = pattern[j]
        if char == "]" and not first:
            break
        first = False
        if char == "\\":
            if pattern[j + 1] in _CATEGORIES:
                known, j = False, j + 2
                continue
            if pattern[j + 1] == "b":
                char, j = "\b", j + 2
            else:
                char, j = _character_escape(pattern, j)
        else:
            j += 1
        if pattern[j] == "-" and pattern[j + 1] != "]":  # a range char-last
            if pattern[j + 1] == "\\":
                if pattern[j + 2] in _CATEGORIES or pattern[j + 2] == "b":
                    raise Unknown
                last, j = _character_escape(pattern, j + 1)
            else:
                last, j = pattern[j + 1], j + 2
            if ord(last) < ord(char):
                raise Unknown  # an error for re
            if ord(last) - ord(char) >= _MAX_CLASS:
                known = False
            else:
                chars.update(chr(c) for c in range(ord(char), ord(last) + 1))
            continue
        chars.add(char)
    if known and len(chars) <= _MAX_CLASS:
        return (frozenset(chars), []), j + 1
    return (None, []), j + 1
