"""The cyclic garbage collector paused while one report is read and checked.

Reading and checking a report builds hundreds of thousands of objects that live until the
check ends (the report's data, the text's sentences and figures, the findings) and leaves
no reference cycles behind (a check of 10,000 sections frees nothing in 1,500 collections).
Each full collection walks every live object, so with the collector running the time it
took grew faster than the report: 20 times its collection time for a report ten times the
size (2 s of 16 s at 10,000 sections, 1.8 s of 15 s for a 6 MB text). Reference counting
frees everything else as always; the collector is switched back on afterwards (only if it
was on), and any cycle a check did leave is collected at its next run.
"""

from __future__ import annotations

import gc


class paused:
    """``with paused(): ...`` — no automatic cyclic collection inside; nesting is safe."""

    __slots__ = ("_was_enabled",)

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info) -> None:
        if self._was_enabled:
            gc.enable()
