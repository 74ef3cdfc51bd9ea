"""What depends only on the catalogue and a format, computed once per process.

A batch checks thousands of reports against the same few formats and rules: the concrete
relations of a rule in a format, the rules that apply to a format, the wordings a section
heading is matched against. They are worked out on the first report that needs them and
reused. Entries are keyed by the identity of the objects they were computed from (rules,
formats and parameters are built once and never changed; a user's own formats and rules are
new objects, so they get entries of their own) and hold those objects, so that an id is
never reused while its entry lives.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")

_LIMIT = 4096  # entries; far more than a catalogue and its formats make
_CACHE: dict[tuple, tuple[tuple, object]] = {}


def once(name: Hashable, objects: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, remembered for ``name`` (any hashable value the result depends on)
    and the identities of ``objects``."""
    key = (name, *map(id, objects))
    entry = _CACHE.get(key)
    if entry is not None:
        # the entry holds the objects its key names: while it lives, no other object has
        # their ids, so a key found is those very objects
        return entry[1]  # type: ignore[return-value]
    value = compute()
    if len(_CACHE) >= _LIMIT:
        _CACHE.clear()
    _CACHE[key] = (objects, value)
    return value
