"""``--output-format github``: GitHub Actions workflow commands, made to survive
GitHub's limits.

GitHub turns ``::error file=…,line=…::message`` lines into annotations on the
pull request, but shows at most 10 annotations of each type per step (50 per
job) and silently drops the rest. So this format:

1. prints the full log first — every finding as a plain ``path:line:col: CODE
   [severity] message`` line plus the totals (as the concise format does), so
   the step log is complete whatever happens to annotations (linter-conventions
   §5: "golocheck must also print a full log");
2. then emits annotations, errors first, at most 10 per type (``error``,
   ``warning``, ``notice`` for info); columns only when the value is on one line
   (GitHub ignores them otherwise), only ``file=`` for a file-level finding;
3. when the caller gives the step summary (``options.step_summary``: the file
   ``$GITHUB_STEP_SUMMARY`` names, opened for appending), appends a Markdown table of ALL
   findings with the totals to it; when findings were left out of annotations
   and there is no summary file, ends with one ``::notice::`` saying how many
   (one notice slot is kept free for it, so it is never dropped itself).

A finding in a document without lines (a PDF page) has only ``file=``; where in the
document (第 3 页) is added to the message, as the pointer is.

Escaping follows @actions/core: the message escapes ``%``, CR and LF; property
values also escape ``:`` and ``,``.
"""

from __future__ import annotations

from golocheck.i18n import word

LIMIT = 10  # annotations per type per step
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
def escape_data(text: str) -> str:
    from golocheck.reporters import one_line

    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(text)  # other line breaks (\x85, \u2028 …) would end the command


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """A plain log line must stay one line and must not start with ``::``: a newline in a
    quoted value, or a file name such as ``::error::x.json`` at its start, would otherwise
    make a line GitHub runs as a workflow command (such a line is indented by one space)."""
    from golocheck.reporters import one_line

    line = one_line(text)
    return " " + line if line.startswith("::") else line


def _where(d, lang: str) -> str:
    from golocheck.reporters import human_place

    return human_place(d.file, d.location, lang)


def annotation(d, lang: str) -> str:
    from golocheck.reporters import posix_path

    properties = [("file", posix_path(d.file))]
    span = d.location.source_span
    if span is not None:
        properties.append(("line", str(span.line)))
        if span.end_line == span.line:
            properties += [("col", str(span.column)), ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
        else:
            properties.append(("endLine", str(span.end_line)))
    properties.append(("title", f"{d.code} {d.name}"))
    described = d.location.describe(lang)
    text = d.message.get(lang) + (f"\n{described}" if described else "") + (f"\n{d.pointer}" if d.pointer else "")
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[d.severity.value]} {props}::{escape_data(text)}"


def _cell(text: str) -> str:
    import html

    return html.escape(text, quote=False).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def step_summary(diagnostics, summary: str, lang: str) -> str:
    lines = ["## golocheck", "", _cell(summary), ""]
    if diagnostics:
        columns = word(lang, "github_columns").split("|")
        lines += ["| " + " | ".join(columns) + " |", "|---|---|---|---|"]
        for d in diagnostics:
            cells = (_where(d, lang), f"{d.code} {d.name}", word(lang, d.severity.value), d.message.get(lang))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


def render(results, catalogue, options, out) -> None:
    from golocheck.reporters.statistics import RuleCounts

    lang = "en" if options.lang == "en" else "zh"
    diagnostics = []  # annotations come after the whole log, errors first
    tally = RuleCounts()
    for result in results:
        tally.add(result)
        for d in result.diagnostics:
            diagnostics.append(d)
            out.write(_one_line(f"{_where(d, lang)}: {d.code} [{word(lang, d.severity.value)}] {d.message.get(lang)}") + "\n")
    counts = tally.by_severity
    summary = tally.summary(lang)
    out.write(summary + "\n")

    summary_file = options.step_summary
    if summary_file is not None:
        try:
            summary_file.write(step_summary(diagnostics, summary, lang))
            summary_file.flush()
        except OSError as exc:
            out.write(_one_line(f"golocheck: cannot write GITHUB_STEP_SUMMARY ({exc.strerror or exc})") + "\n")
            summary_file = None

    over = max(0, counts["error"] - LIMIT) + max(0, counts["warning"] - LIMIT) + max(0, counts["info"] - LIMIT)
    caps = {"error": LIMIT, "warning": LIMIT, "info": LIMIT}
    if over and summary_file is None:
        caps["info"] = LIMIT - 1  # keep a notice slot for the closing notice
    dropped = 0
    for severity in ("error", "warning", "info"):
        chosen = [d for d in diagnostics if d.severity.value == severity]
        for d in chosen[: caps[severity]]:
            out.write(annotation(d, lang) + "\n")
        dropped += max(0, len(chosen) - caps[severity])
    if dropped and summary_file is not None:
        out.write(word(lang, "github_dropped_summary", n=dropped, limit=LIMIT) + "\n")
    elif dropped:
        out.write("::notice::" + escape_data(word(lang, "github_dropped_log", n=dropped, limit=LIMIT)) + "\n")
