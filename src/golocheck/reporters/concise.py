"""One line per diagnostic: ``path:line:col: CODE [severity] message`` (grep- and editor-friendly).
A finding in a document without lines (a PDF page, a Word paragraph) is ``path (第 3 页): CODE ...``."""

from __future__ import annotations

from golocheck.i18n import word
from golocheck.reporters import one_line


def _where(d, lang: str) -> str:
    described = d.location.describe(lang)
    if described and getattr(d.location.place, "joined", False):  # a ledger's cell: requests.xlsx#台账!B17
        return f"{d.file}{described}"
    if d.line is None and described:
        return f"{d.file} ({described})"
    return f"{d.file}:{d.line or 1}:{d.column or 1}" + (f" ({described})" if described else "")


def render(results, catalogue, options, out) -> None:
    from golocheck.reporters.statistics import RuleCounts, statistics_table

    lang = options.lang
    if options.statistics:
        out.write(statistics_table(results, lang))
        return
    tally = RuleCounts()
    for result in results:
        tally.add(result)
        for d in result.diagnostics:
            out.write(one_line(f"{_where(d, lang)}: {d.code} [{word(lang, d.severity.value)}] {d.message.get(lang)}") + "\n")
    if not options.quiet:
        out.write(tally.summary(lang) + "\n")
        if options.left_out:
            out.write(word(lang, "baseline", count=options.left_out) + "\n")
