"""golocheck's regular expressions compiled when the package is built, not at every start.

CPython compiles a regular expression in pure Python (re._parser, re._compiler), and a
class of Chinese characters such as ``[\\u4e00-\\u9fff]`` is filled one character at a time:
the hundred-odd patterns a one-file check compiles cost about 40 ms of its 250, every time
(a pre-commit hook pays it on every commit). What that compiler hands to the C engine
(``_sre.compile``: the flags, the code words, the groups and their names) depends only on
the pattern, its flags and the interpreter. So the build (the hatch build hook and
``python -m golocheck.compile``) stores it for golocheck's own patterns in
``golocheck/_patterns.marshal``, and :func:`compile` makes the pattern from it directly.

It is used only where it cannot differ from ``re.compile``:

* the file names the interpreter that wrote it — its full version string, ``_sre.MAGIC``
  (changed whenever the engine's code changes) and the size of a code word — and is used
  only by that very interpreter, when its checksum matches;
* a pattern is looked up by its exact text and flags; one not stored (a user's rule, a
  pattern edited since the build) is compiled by ``re.compile``, as is any pattern when the
  file is missing, stale or unreadable, or ``_sre.compile`` refuses the stored words;
* ``re.Pattern`` objects compare equal when their text, flags and code are the same, and
  tests/test_precompiled.py checks that every stored pattern gives a pattern equal to
  ``re.compile``'s, and that each fallback is taken.

re's compiler is private: it is read only when the file is written (:func:`compiled_code`),
and a failure there leaves a pattern out (it is then compiled at run time), never a build
broken. This module imports nothing of golocheck.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FILE_NAME = "_patterns.marshal"
FILE_FORMAT = "golocheck-patterns 1"

Key = tuple[str, int]  # (pattern, flags) as given to compile()


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's stand-in
    """``re.compile(pattern, flags)``, from the stored code when there is any; each pattern
    made once per process (as re's own cache would)."""
    made = _made.get((pattern, flags))
    if made is None:
        made = _made[pattern, flags] = _make(pattern, flags)
    return made


_made: dict[Key, re.Pattern] = {}


def _make(pattern: str, flags: int) -> re.Pattern:
    blob = _stored().get((pattern, flags))
    if blob is not None:
        try:
            import _sre
            import marshal

            final_flags, code, groups, groupindex, indexgroup = marshal.loads(blob)
            made = _sre.compile(pattern, final_flags, list(code), groups, dict(groupindex), tuple(indexgroup))
        except Exception:  # noqa: BLE001 - refused or malformed: re compiles it, as without the file
            made = None
        if isinstance(made, re.Pattern):
            return made
    return re.compile(pattern, flags)


def interpreter_tag() -> str:
    """What the stored code depends on besides the pattern: this interpreter."""
    import _sre

    return f"{FILE_FORMAT}\t{sys.version}\t{_sre.MAGIC}\t{_sre.CODESIZE}\t{sys.maxunicode}"


def file_path() -> Path:
    return Path(__file__).resolve().parent / FILE_NAME


_cache: dict[Key, bytes] | None = None


def _stored() -> dict[Key, bytes]:
    """The stored code of this interpreter, read once; {} when there is none to use."""
    global _cache
    if _cache is None:
        _cache = _read(file_path())
    return _cache


def _read(path: Path) -> dict[Key, bytes]:
    import marshal
    import zlib

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        first, _, payload = data.partition(b"\n")
        tag, _, checksum = first.decode("utf-8").rpartition("\t")
        if tag != interpreter_tag() or checksum != f"{zlib.crc32(payload):08x}":
            return {}
        table = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError, ImportError, AttributeError):
        return {}
    return table if isinstance(table, dict) else {}


# -- writing the file (build time) ------------------------------------------------------------


def compiled_code(pattern: str, flags: int = 0) -> tuple | None:
    """What ``re.compile(pattern, flags)`` hands to ``_sre.compile`` on this interpreter
    (as re._compiler.compile does), or None when it cannot be read, and then re compiles it."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints: the opcodes are int subclasses, which marshal does not write
        stored = (int(flags | parsed.state.flags), tuple(int(word) for word in code), parsed.state.groups - 1, groupindex, tuple(indexgroup))
        # the proof, here and not at run time: the stored words make re's very pattern
        import _sre

        made = _sre.compile(pattern, stored[0], list(stored[1]), stored[2], dict(stored[3]), stored[4])
        return stored if made == re.compile(pattern, flags) else None
    except Exception:  # noqa: BLE001 - an optimisation: the pattern is compiled at run time
        return None


def file_bytes(keys) -> bytes:
    """The file's content for the patterns ``keys`` ((pattern, flags) pairs)."""
    import marshal
    import zlib

    table = {}
    for pattern, flags in sorted({(pattern, int(flags)) for pattern, flags in keys}):  # re.RegexFlag is an int to marshal
        stored = compiled_code(pattern, flags)
        if stored is not None:
            table[pattern, flags] = marshal.dumps(stored)  # decoded only when the pattern is used
    payload = marshal.dumps(table)
    return f"{interpreter_tag()}\t{zlib.crc32(payload):08x}\n".encode("utf-8") + payload


def write(path: Path, keys) -> int:
    """Write the file at ``path`` (replacing it only when complete); the number of patterns."""
    import os

    data = file_bytes(keys)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return len(_read(path))
