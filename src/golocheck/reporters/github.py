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
3. when ``$GITHUB_STEP_SUMMARY`` names a file, appends a Markdown table of ALL
   findings with the totals to it; when findings were left out of annotations
   and there is no summary file, ends with one ``::notice::`` saying how many
   (one notice slot is kept free for it, so it is never dropped itself).

Escaping follows @actions/core: the message escapes ``%``, CR and LF; property
values also escape ``:`` and ``,``.
"""

from __future__ import annotations

import os

LIMIT = 10  # annotations per type per step
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_WORDS = {
    "zh": {
        "dropped_summary": "{n} 条发现未显示为注解（GitHub 每步每类最多显示 {limit} 条），全部发现见作业摘要。",
        "dropped_log": "{n} 条发现未显示为注解（GitHub 每步每类最多显示 {limit} 条），全部发现见本步骤日志。",
        "columns": ("位置", "规则", "严重程度", "消息"),
    },
    "en": {
        "dropped_summary": "{n} finding(s) not shown as annotations (GitHub shows at most {limit} per type per step); all findings are in the job summary.",
        "dropped_log": "{n} finding(s) not shown as annotations (GitHub shows at most {limit} per type per step); all findings are in this step's log.",
        "columns": ("Location", "Rule", "Severity", "Message"),
    },
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """A plain log line must stay one line: a newline in a quoted value could otherwise
    start a line with ``::`` that GitHub would run as a workflow command."""
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def _where(d) -> str:
    return f"{d.file}:{d.line}:{d.column}" if d.line is not None else d.file


def annotation(d, lang: str) -> str:
    from golocheck.reporters import posix_path

    properties = [("file", posix_path(d.file))]
    span = d.location.span
    if span is not None:
        properties.append(("line", str(span.line)))
        if span.end_line == span.line:
            properties += [("col", str(span.column)), ("endLine", str(span.end_line)), ("endColumn", str(span.end_column))]
        else:
            properties.append(("endLine", str(span.end_line)))
    properties.append(("title", f"{d.code} {d.name}"))
    text = d.message.get(lang) + (f"\n{d.pointer}" if d.pointer else "")
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[d.severity.value]} {props}::{escape_data(text)}"


def _cell(text: str) -> str:
    import html

    return html.escape(text, quote=False).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def step_summary(diagnostics, summary: str, lang: str) -> str:
    from golocheck.i18n import word

    lines = ["## golocheck", "", _cell(summary), ""]
    if diagnostics:
        columns = _WORDS[lang]["columns"]
        lines += ["| " + " | ".join(columns) + " |", "|---|---|---|---|"]
        for d in diagnostics:
            cells = (_where(d), f"{d.code} {d.name}", word(lang, d.severity.value), d.message.get(lang))
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


def render(results, lang: str, out) -> None:
    from golocheck.i18n import word

    lang = "en" if lang == "en" else "zh"
    diagnostics = [d for r in results for d in r.diagnostics]
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity.value] += 1
        out.write(_one_line(f"{_where(d)}: {d.code} [{word(lang, d.severity.value)}] {d.message.get(lang)}") + "\n")
    summary = word(lang, "summary", files=len(results), **counts)
    out.write(summary + "\n")

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(step_summary(diagnostics, summary, lang))
        except OSError as exc:
            out.write(_one_line(f"golocheck: cannot write GITHUB_STEP_SUMMARY ({exc.strerror or exc})") + "\n")
            summary_file = None

    over = max(0, counts["error"] - LIMIT) + max(0, counts["warning"] - LIMIT) + max(0, counts["info"] - LIMIT)
    caps = {"error": LIMIT, "warning": LIMIT, "info": LIMIT}
    if over and not summary_file:
        caps["info"] = LIMIT - 1  # keep a notice slot for the closing notice
    dropped = 0
    for severity in ("error", "warning", "info"):
        chosen = [d for d in diagnostics if d.severity.value == severity]
        for d in chosen[: caps[severity]]:
            out.write(annotation(d, lang) + "\n")
        dropped += max(0, len(chosen) - caps[severity])
    if dropped and summary_file:
        out.write(_WORDS[lang]["dropped_summary"].format(n=dropped, limit=LIMIT) + "\n")
    elif dropped:
        out.write("::notice::" + escape_data(_WORDS[lang]["dropped_log"].format(n=dropped, limit=LIMIT)) + "\n")
