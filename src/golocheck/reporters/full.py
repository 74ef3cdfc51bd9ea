"""The default, human output: grouped by file, each diagnostic with its place,
a source excerpt with the value marked, the other cells involved, the legal or
format basis and where to read more. Colour only on a terminal (rich honours
NO_COLOR and FORCE_COLOR)."""

from __future__ import annotations

from golocheck.diagnostics import Diagnostic
from golocheck.i18n import word

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# Long lines (a section's whole text is one JSON line) are cut around the value.
_BEFORE, _AFTER = 30, 50


def _excerpt(lines: list[str], d: Diagnostic) -> list[tuple[str, str]]:
    """(text, style) lines: the source line with a caret line under the value."""
    from rich.cells import cell_len

    span = d.location.span
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


def _place(d_file: str, location) -> str:
    span = location.span
    where = f"{location.file or d_file}:{span.line}:{span.column}" if span else (location.file or d_file)
    return f"{where} {location.pointer}".rstrip()


def render(results, lang: str, out, quiet: bool = False, left_out: int = 0) -> None:
    from rich.console import Console
    from rich.text import Text as RichText

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        if not result.diagnostics:
            continue
        console.print(RichText(result.path, style="bold underline"))
        lines = result.text.splitlines() if result.text else []
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            sev = d.severity.value
            head = RichText()
            head.append(f"{d.code} ", style=_STYLE[sev])
            head.append(f"{word(lang, sev)} ", style=_STYLE[sev])
            head.append(_place(d.file, d.location), style="bold")
            console.print(head)
            console.print(RichText(f"  {d.message.get(lang)}"))
            for text, style in _excerpt(lines, d):
                console.print(RichText(text, style=style))
            for related in d.related:
                label = related.label.get(lang) if related.label else ""
                console.print(RichText(f"  {word(lang, 'related')}{_colon(lang)}{_place(d.file, related)} {label}".rstrip(), style="dim"))
            console.print(RichText(f"  {word(lang, 'basis')}{_colon(lang)}{d.basis.get(lang)}", style="dim"))
            console.print(RichText(f"  {word(lang, 'help')}{_colon(lang)}golocheck explain {d.code} — {d.title.get(lang)}", style="dim"))
            console.print()
    if quiet:
        return
    if len(results) > 1 and any(counts.values()):
        _batch_table(console, results, lang)
    summary = word(lang, "summary", files=len(results), **counts)
    if not any(counts.values()):
        summary += f" — {word(lang, 'clean')}"
    console.print(RichText(summary, style="bold"))
    if left_out:
        console.print(RichText(word(lang, "baseline", count=left_out), style="dim"))


def _batch_table(console, results, lang: str) -> None:
    """For a batch: files checked, files failing, findings by rule."""
    from rich.table import Table

    from golocheck.reporters.statistics import counts_by_rule

    failing = sum(1 for r in results if r.diagnostics)
    table = Table(title=word(lang, "batch_title", files=len(results), failing=failing), show_edge=False)
    for header in word(lang, "batch_headers").split("|"):
        table.add_column(header)
    for code, name, severity, count in counts_by_rule(results):
        table.add_row(code, name, word(lang, severity), str(count))
    console.print(table)


def _colon(lang: str) -> str:
    return ": " if lang == "en" else "："
