"""The default, human output: grouped by file, each diagnostic with its place,
a source excerpt with the value marked, the other cells involved, the legal or
format basis and where to read more. Colour when the caller says so
(``options.color``); without colour, plain text and no rich at all."""

from __future__ import annotations

from golocheck.diagnostics import Diagnostic
from golocheck.i18n import colon, word
from golocheck.reporters import human_place
from golocheck.reporters.text import cell_len, writer

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# Long lines (a section's whole text is one JSON line) are cut around the value.
_BEFORE, _AFTER = 30, 50


def _excerpt(lines: list[str], d: Diagnostic) -> list[tuple[str, str]]:
    """(text, style) lines: the source line with a caret line under the value."""
    # the line in this file's text: a report file's span, or an HTML or text document's
    # line (a page, a paragraph or a document elsewhere has no excerpt here)
    span = d.location.source_span if d.location.file is None else None
    if span is None or not (1 <= span.line <= len(lines)):
        return []
    source = lines[span.line - 1].rstrip("\n")
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(source)
    end = max(end, start + 1)
    cut_from = max(0, start - _BEFORE)
    cut_to = min(len(source), max(end, start + 1) + _AFTER)
    shown = ("…" if cut_from else "") + source[cut_from:cut_to] + ("…" if cut_to < len(source) else "")
    offset = (1 if cut_from else 0) + start - cut_from
    marker_width = max(1, cell_len(source[start:min(end, cut_to)]))
    pad = cell_len(shown[:offset])
    number = str(span.line)
    gutter = " " * len(number)
    label = d.location.label.zh if d.location.label else ""
    return [
        (f" {gutter} |", "blue"),
        (f" {number} | {shown}", ""),
        (f" {gutter} | {' ' * pad}{'^' * marker_width} {label}".rstrip(), _STYLE[d.severity.value]),
    ]


def _place(d_file: str, location, lang: str) -> str:
    return f"{human_place(d_file, location, lang)} {location.pointer}".rstrip()


def render(results, catalogue, options, out) -> None:
    from golocheck.reporters.statistics import RuleCounts, statistics_table

    if options.statistics:
        out.write(statistics_table(results, options.lang))
        return
    lang = options.lang
    write = writer(out, options.color)
    tally = RuleCounts()
    for result in results:
        tally.add(result)
        if not result.diagnostics:
            continue
        write.line((result.path, "bold underline"))
        lines = result.text.splitlines() if result.text else []
        for d in result.diagnostics:
            sev = d.severity.value
            write.line((f"{d.code} ", _STYLE[sev]), (f"{word(lang, sev)} ", _STYLE[sev]), (_place(d.file, d.location, lang), "bold"))
            write.line((f"  {d.message.get(lang)}", ""))
            for text, style in _excerpt(lines if d.file == result.path else [], d):
                write.line((text, style))
            if getattr(d.location.place, "row_text", None):  # a ledger's row: its cells
                write.line((f"  {d.location.place.row} | {d.location.place.row_text}", ""))
            for related in d.related:
                label = related.label.get(lang) if related.label else ""
                write.line((f"  {word(lang, 'related')}{colon(lang)}{_place(d.file, related, lang)} {label}".rstrip(), "dim"))
            write.line((f"  {word(lang, 'basis')}{colon(lang)}{d.basis.get(lang)}", "dim"))
            write.line((f"  {word(lang, 'help')}{colon(lang)}golocheck explain {d.code} — {d.title.get(lang)}", "dim"))
            write.line()
    if options.quiet:
        return
    counts = tally.by_severity
    if tally.files > 1 and any(counts.values()):
        write.table(
            word(lang, "batch_title", files=tally.files, failing=tally.failing),
            word(lang, "batch_headers").split("|"),
            [(code, name, word(lang, severity), str(n)) for code, name, severity, n in tally.rows()],
        )
    summary = tally.summary(lang)
    if not any(counts.values()):
        summary += f" — {word(lang, 'clean')}"
    write.line((summary, "bold"))
    if options.left_out:
        write.line((word(lang, "baseline", count=options.left_out), "dim"))
