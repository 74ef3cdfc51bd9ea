"""One line per diagnostic: ``path:line:col: CODE [severity] message`` (grep- and editor-friendly)."""

from __future__ import annotations

from golocheck.i18n import word


def render(results, lang: str, out, quiet: bool = False, left_out: int = 0) -> None:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            line, column = d.line or 1, d.column or 1
            out.write(f"{d.file}:{line}:{column}: {d.code} [{word(lang, d.severity.value)}] {d.message.get(lang)}\n")
    if not quiet:
        out.write(word(lang, "summary", files=len(results), **counts) + "\n")
        if left_out:
            out.write(word(lang, "baseline", count=left_out) + "\n")
