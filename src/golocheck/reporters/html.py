"""``--output-format html``: one self-contained review page for people (no network, opens
from disk): a batch summary, a table of reports that sorts and filters in the browser, and
for each report its statistics tables drawn from the format definition with each offending
cell marked and linked to its related cells, the sentences with the figure marked, the
basis, and each rule's ``golocheck explain`` text at the end.

A report is untrusted input: every text taken from it (issuer, title, cell text, sentences,
messages, paths) is written through :func:`_esc`, and the data the script reads is JSON
made safe inside ``<script>`` (:func:`script_json`). The Content-Security-Policy admits only
the page's own style and script (by hash), so nothing else could run anyway.

What a result must carry: its diagnostics, and for the tables and sentences its
``review`` record (golocheck.review; run.py adds it only for this output). The cell labels
come from the format definitions handed in ``options.formats``. Without them a report is
shown by its findings only. Memory stays flat over a batch: each report's part of the page
is written to a temporary file as its result goes by and copied after the summary."""

from __future__ import annotations

import html
import json
import re
from typing import Any

USES_RULESET_VERSION = True  # the footer names the rule set
USES_FORMATS = True  # outcome.report hands over the format definitions (cell labels)

SEVERITIES = ("error", "warning", "info")
NUMBER = ' data-type="number"'  # a column of the report table sorted as numbers
# What HTML cannot carry (NUL and other C0/C1 controls, noncharacters): shown as U+FFFD.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def _esc(text: Any) -> str:
    """Text as HTML content or a double-quoted attribute value: nothing in it is markup."""
    return html.escape(_NOT_HTML.sub("\ufffd", "" if text is None else str(text)), quote=True)


def script_json(value: Any) -> str:
    """JSON that stays data inside ``<script type="application/json">``: no ``<`` (so no
    ``</script>`` or ``<!--``), ``>`` or ``&``, and U+2028/U+2029 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return _NOT_HTML.sub("\ufffd", text)


def _status(result) -> str:
    from golocheck.reporters import was_checked

    if not was_checked(result):
        return "unreadable"  # it could not be read or checked: it never passes
    return "findings" if result.diagnostics else "clean"


class _Page:
    """The state of one page as results go by: the words, the rows of the report table,
    the rules seen (for the appendix)."""

    def __init__(self, catalogue, options):
        from golocheck.i18n import word

        self.lang = "en" if options.lang == "en" else "zh"
        self.word = lambda key, **args: word(self.lang, key, **args)
        self.catalogue = catalogue
        self.options = options
        self.formats = options.formats or {}
        self.rows: list[dict[str, Any]] = []
        self.rules: dict[str, Any] = {}  # code -> a diagnostic of it (for rules outside the catalogue)

    # ---------------------------------------------------------------- one report

    def report(self, number: int, result) -> str:
        from golocheck.reporters import posix_path

        rid = f"r{number}"
        review = result.review
        counts = {s: 0 for s in SEVERITIES}
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            self.rules.setdefault(d.code, d)
        fmt = self.formats.get(result.format_id) if result.format_id else None
        status = _status(result)
        path = posix_path(result.path)
        issuer = review.issuer if review is not None and review.issuer else ""
        year = review.year if review is not None and review.year else ""
        codes = " ".join(sorted({d.code for d in result.diagnostics}))
        self.rows.append({"id": rid, "path": path, "issuer": issuer, "year": year, "format": result.format_id or "",
                          "counts": counts, "status": status, "search": " ".join((issuer, path, year, codes)).lower()})

        cells, labels = self._cell_ids(rid, fmt, review)
        findings = [(f"{rid}-f{k}", d) for k, d in enumerate(result.diagnostics, 1)]
        marked: dict[str, list[tuple[str, Any]]] = {}
        for fid, d in findings:
            if d.pointer in cells and d.file == result.path:
                marked.setdefault(cells[d.pointer], []).append((fid, d))
        parts = [f'<section class="report" id="{rid}">',
                 f'<h2>{_esc(issuer or path)} <small>{_esc(year)} · {_esc(result.format_id or "")}</small></h2>',
                 f'<p class="place">{_esc(path)} · <span class="status-{status}">{_esc(self.word("html_status_" + status))}</span>'
                 f' · <a href="#reports">{_esc(self.word("html_to_report_list"))}</a></p>']
        parts.append(f'<h3>{_esc(self.word("html_findings"))}</h3>')
        if not findings:
            parts.append(f'<p>{_esc(self.word("html_no_findings"))}</p>')
        excerpts = {(e.pointer, e.offset): e for e in review.excerpts} if review is not None else {}
        for fid, d in findings:
            parts.append(self._finding(fid, d, result.path, cells, labels, excerpts))
        if fmt is not None and review is not None:
            parts.append(f'<h3>{_esc(self.word("html_tables"))}</h3>')
            values = review.cell_map()
            for table in fmt.tables:
                parts.append(self._table(table, cells, values, marked))
        elif result.parsed and result.format_id is None:
            parts.append(f'<p>{_esc(self.word("html_format_unknown"))}</p>')
        parts.append("</section>\n")
        return "\n".join(parts)

    def _cell_ids(self, rid: str, fmt, review) -> tuple[dict[str, str], dict[str, str]]:
        """Each drawn cell's element id (by pointer), and its label in the page's language."""
        if fmt is None or review is None:
            return {}, {}
        cells, labels = {}, {}
        for k, cell in enumerate(fmt.cells(), 1):
            cells[cell.pointer] = f"{rid}-c{k}"
            labels[cell.pointer] = cell.label.zh  # the label as printed in the report
        return cells, labels

    def _finding(self, fid: str, d, path: str, cells: dict, labels: dict, excerpts: dict) -> str:
        from golocheck.reporters import human_place

        lang, sev = self.lang, d.severity.value
        same_file = d.file == path
        own = cells.get(d.pointer) if same_file else None
        related_ids = [cells[r.pointer] for r in d.related if (r.file is None or r.file == path) and same_file and r.pointer in cells]
        data_cells = " ".join(([own] if own else []) + related_ids)
        label = d.location.label.get(lang) if d.location.label else labels.get(d.pointer, "")
        place = f"{human_place(d.file, d.location, lang)} {d.pointer}".rstrip()
        out = [f'<article class="finding sev-{sev}" id="{fid}" data-code="{_esc(d.code)}" data-cells="{data_cells}">',
               f'<div><b class="sev-{sev}">{_esc(d.code)} {_esc(self.word(sev))}</b> '
               f'<span class="message">{_esc(d.message.get(lang))}</span></div>',
               f'<div class="place">{_esc(place)}'
               + (f' — <a href="#{own}" class="cell-link">{_esc(label)}</a>' if own else (f" — {_esc(label)}" if label else ""))
               + "</div>"]
        offset = d.args.get("offset")
        excerpt = excerpts.get((d.pointer, offset)) if same_file and isinstance(offset, int) else None
        if excerpt is not None:
            out.append(f'<blockquote class="sentence">{_esc(excerpt.before)}<mark>{_esc(excerpt.figure)}</mark>{_esc(excerpt.after)}</blockquote>')
        if d.related:
            items = []
            for r in d.related:
                r_label = r.label.get(lang) if r.label else labels.get(r.pointer, "")
                r_place = f"{human_place(r.file or d.file, r, lang)} {r.pointer}".rstrip()
                target = cells.get(r.pointer) if same_file and (r.file is None or r.file == path) else None
                text = _esc(r_label or r.pointer)
                items.append(f'<li><a href="#{target}" class="related-link">{text}</a> <span class="place">{_esc(r_place)}</span></li>'
                             if target else f'<li>{text} <span class="place">{_esc(r_place)}</span></li>')
            out.append(f'<div>{_esc(self.word("related"))}:</div><ul class="related">{"".join(items)}</ul>')
        out.append(f'<div class="basis">{_esc(self.word("basis"))}{_esc(self.word("colon"))}{_esc(d.basis.get(lang))}</div>')
        out.append(f'<div class="help"><a href="#rule-{_esc(d.code)}" class="explain-link">golocheck explain {_esc(d.code)}</a>'
                   f' — {_esc(d.title.get(lang))}</div></article>')
        return "\n".join(out)

    def _table(self, table, cells: dict, values: dict, marked: dict) -> str:
        width = max(1, len(table.columns))
        has_marks = any(cells.get(c.pointer) in marked for row in table.rows for c in row.cells)
        head = "".join(f"<th>{_esc(label)}</th>" for _, label in table.columns) if table.columns else "<th></th>"
        body = []
        for row in table.rows:
            if row.id is None:
                body.append(f'<tr class="heading"><th colspan="{width + 1}">{_esc(row.label)}</th></tr>')
                continue
            tds = [f'<th scope="row">{_esc(row.label)}</th>']
            for cell in row.cells:
                tds.append(self._cell(cell, cells, values, marked))
            body.append(f"<tr>{''.join(tds)}</tr>")
        return (f'<details class="table"{" open" if has_marks else ""}><summary>{_esc(table.label)}</summary>'
                f'<table class="stat"><caption>{_esc(table.label)}</caption><thead><tr><th>{_esc(self.word("html_item"))}</th>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table></details>')

    def _cell(self, cell, cells: dict, values: dict, marked: dict) -> str:
        cid = cells[cell.pointer]
        present = cell.pointer in values
        text = values.get(cell.pointer)
        classes = ["value"] + (["blank"] if present and text is None else [])
        findings = marked.get(cid, [])
        attributes = ""
        links = ""
        if findings:
            worst = max(findings, key=lambda item: item[1].severity.rank)[1].severity.value
            classes += ["marked", f"sev-{worst}"]
            related = {cells[r.pointer] for _, d in findings for r in d.related if r.file is None and r.pointer in cells} - {cid}
            attributes = f' data-related="{" ".join(sorted(related))}" data-findings="{" ".join(fid for fid, _ in findings)}"'
            links = "".join(f'<a href="#{fid}" class="finding-link">{_esc(d.code)}</a>' for fid, d in findings)
        shown = _esc(text) if text is not None else (_esc(self.word("html_blank")) if present else "")
        return (f'<td id="{cid}" class="{" ".join(classes)}" title="{_esc(cell.label.zh)}" data-label="{_esc(cell.label.zh)}"'
                f'{attributes}>{shown}{links}</td>')

    # ---------------------------------------------------------------- the page around them

    def head(self, tally, by_rule) -> str:
        w = self.word
        figures = [("files", tally.files, w("html_reports")), ("failing", tally.failing, w("html_failing")),
                   *((s, tally.by_severity[s], w(s)) for s in SEVERITIES)]
        summary = "".join(f'<div><b id="sum-{key}">{value}</b>{_esc(label)}</div>' for key, value, label in figures)
        rule_head = "".join(f"<th>{_esc(h)}</th>" for h in w("html_rule_headers").split("|"))
        rule_rows = "".join(
            f'<tr data-code="{_esc(code)}"><td><a href="#rule-{_esc(code)}">{_esc(code)}</a></td><td>{_esc(name)}</td>'
            f'<td class="sev-{severity}">{_esc(w(severity))}</td><td class="count">{n}</td></tr>'
            for code, name, severity, n in by_rule
        )
        numeric = {1, 3, 4, 5}
        report_head = "".join(
            f'<th{NUMBER if i in numeric else ""}><button type="button">{_esc(h)}</button></th>'
            for i, h in enumerate(w("html_report_headers").split("|"))
        )
        statuses = "".join(f'<option value="{s}">{_esc(w("html_status_" + s))}</option>' for s in ("unreadable", "findings", "clean"))
        severities = "".join(f'<option value="{s}">{_esc(w(s))}</option>' for s in SEVERITIES)
        return "\n".join([
            f'<section id="summary"><h2>{_esc(w("html_summary"))}</h2><div class="summary-figures">{summary}</div>',
            f'<h3>{_esc(w("html_by_rule"))}</h3><table id="by-rule"><thead><tr>{rule_head}</tr></thead><tbody>{rule_rows}</tbody></table></section>',
            f'<section id="reports"><h2>{_esc(w("html_reports"))}</h2><div class="filters">',
            f'<label>{_esc(w("html_filter"))} <input id="filter-text" type="search" placeholder="{_esc(w("html_filter_hint"))}"></label>',
            f'<select id="filter-status"><option value="">{_esc(w("html_all_statuses"))}</option>{statuses}</select>',
            f'<select id="filter-severity"><option value="">{_esc(w("html_all_severities"))}</option>{severities}</select>',
            '<span id="shown"></span></div>',
            f'<table id="report-table"><thead><tr>{report_head}</tr></thead><tbody>{"".join(self._row(i, r) for i, r in enumerate(self.rows))}</tbody></table></section>',
        ])

    def _row(self, index: int, row: dict) -> str:
        counts = row["counts"]
        severities = " ".join(s for s in SEVERITIES if counts[s])
        status = row["status"]
        return (f'<tr data-index="{index}" data-report="{row["id"]}" data-status="{status}" data-severities="{severities}">'
                f'<td><a href="#{row["id"]}">{_esc(row["issuer"] or row["path"])}</a></td><td>{_esc(row["year"])}</td>'
                f'<td>{_esc(row["format"])}</td><td class="count">{counts["error"]}</td><td class="count">{counts["warning"]}</td>'
                f'<td class="count">{counts["info"]}</td>'
                f'<td class="status-{status}" data-value="{status}">{_esc(self.word("html_status_" + status))}</td>'
                f'<td>{_esc(row["path"])}</td></tr>')

    def rules_appendix(self) -> str:
        parts = [f'<section id="rules"><h2>{_esc(self.word("html_rules"))}</h2>']
        for code in sorted(self.rules):
            d = self.rules[code]
            rule = self.catalogue.get(code)
            if rule is not None and self.options.explain is not None:
                text = self.options.explain(rule, self.lang)
            else:
                text = f"{code} {d.name}: {d.title.get(self.lang)}\n{d.basis.get(self.lang)}"
            parts.append(f'<details class="rule" id="rule-{_esc(code)}"><summary>{_esc(code)} {_esc(d.name)} — {_esc(d.title.get(self.lang))}</summary>'
                         f"<pre>{_esc(text)}</pre></details>")
        parts.append("</section>")
        return "\n".join(parts)

    def data(self) -> dict[str, Any]:
        return {"lang": "en" if self.lang == "en" else "zh-CN", "words": {"shown": self.word("html_shown", shown="{shown}", total="{total}")},
                "reports": [{"id": r["id"], "search": r["search"]} for r in self.rows]}


def render(results, catalogue, options, out) -> None:
    import tempfile

    from golocheck import __version__
    from golocheck.reporters.html_assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE
    from golocheck.reporters.statistics import RuleCounts

    page = _Page(catalogue, options)
    tally = RuleCounts()
    with tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", encoding="utf-8", errors="surrogatepass") as spool:
        for number, result in enumerate(results, 1):
            tally.add(result)
            spool.write(page.report(number, result))
        title = _esc(page.word("html_title"))
        out.write("<!DOCTYPE html>\n"
                  f'<html lang="{"en" if page.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
                  f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
                  f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
                  f"<style>{STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n")
        out.write(page.head(tally, tally.rows()) + "\n")
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            out.write(chunk)
    out.write(page.rules_appendix() + "\n")
    footer = page.word("html_generated", version=__version__, ruleset=options.ruleset_version or "-")
    out.write(f"<footer>{_esc(footer)}</footer>\n"
              f'<script type="application/json" id="golocheck-data">{script_json(page.data())}</script>\n'
              f"<script>{SCRIPT}</script>\n</body></html>\n")
