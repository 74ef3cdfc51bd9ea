"""The review page's style sheet and script, inline in every page (it opens from disk, with
no network). The page's Content-Security-Policy allows exactly these two by their SHA-256
hashes: should any report text ever slip through unescaped, no other script would run."""

from __future__ import annotations

import base64
import hashlib

STYLE = """
body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0 2em 4em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }
thead th { background: #eee; }
th button { font: inherit; border: 0; background: none; cursor: pointer; padding: 0; }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
.summary-figures { display: flex; gap: 1.5em; flex-wrap: wrap; }
.summary-figures div { border: 1px solid #ccc; padding: .3em .8em; border-radius: 4px; }
.summary-figures b { font-size: 1.4em; display: block; }
.filters { margin: .5em 0; display: flex; gap: .5em; align-items: center; flex-wrap: wrap; }
.status-unreadable, .sev-error { color: #a00; } .sev-warning { color: #8a5a00; } .sev-info { color: #05689a; }
.status-findings { color: #8a5a00; } .status-clean { color: #176b17; }
table.stat td.value { text-align: right; min-width: 3em; }
table.stat td.blank { color: #888; }
table.stat tr.heading th { text-align: left; background: #f6f6f6; }
table.stat th[scope=row] { text-align: left; font-weight: normal; }
td.marked { font-weight: bold; }
td.marked.sev-error { background: #fde0e0; outline: 2px solid #c00; }
td.marked.sev-warning { background: #fff1c8; outline: 2px solid #c90; }
td.marked.sev-info { background: #e0f0fb; outline: 2px solid #39c; }
td.marked a { font-size: .75em; margin-left: .3em; }
.hl, td:target, article.finding:target { box-shadow: 0 0 0 3px #2266dd; background: #dde8ff !important; }
article.finding { border-left: 4px solid #bbb; padding: .2em .8em; margin: .6em 0; color: #222; }
article.finding.sev-error { border-color: #c00; } article.finding.sev-warning { border-color: #c90; }
article.finding.sev-info { border-color: #39c; }
article.finding .message { color: #222; font-weight: bold; }
article.finding .place, article.finding .basis { color: #555; font-size: .9em; }
blockquote { margin: .3em 0; padding: .2em .6em; background: #f7f7f7; border-left: 3px solid #ddd; }
mark { background: #ffe066; font-weight: bold; }
details.rule pre { white-space: pre-wrap; background: #f7f7f7; padding: .5em; }
footer { margin-top: 3em; color: #666; font-size: .85em; }
""".strip()

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("golocheck-data").textContent);
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var table = document.getElementById("report-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = table.tHead.rows[0].cells;

  function key(row, index, numeric) {
    var cell = row.cells[index];
    var text = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    if (!numeric) { return text; }
    var n = parseFloat(text);
    return isNaN(n) ? -Infinity : n;
  }

  each(headers, function (th, index) {
    th.querySelector("button").addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      each(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.slice().sort(function (a, b) {
        var x = key(a, index, numeric), y = key(b, index, numeric);
        var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), data.lang);
        return (ascending ? c : -c) || (Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index")));
      }).forEach(function (row) { body.appendChild(row); });
    });
  });

  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var severity = document.getElementById("filter-severity");
  var shown = document.getElementById("shown");
  function filter() {
    var needle = text.value.trim().toLowerCase(), count = 0;
    rows.forEach(function (row) {
      var report = data.reports[Number(row.getAttribute("data-index"))];
      var ok = (!needle || report.search.indexOf(needle) >= 0)
        && (!status.value || row.getAttribute("data-status") === status.value)
        && (!severity.value || row.getAttribute("data-severities").split(" ").indexOf(severity.value) >= 0);
      row.hidden = !ok;
      var section = document.getElementById(report.id);
      if (section) { section.hidden = !ok; }
      if (ok) { count += 1; }
    });
    shown.textContent = data.words.shown.replace("{shown}", count).replace("{total}", rows.length);
  }
  text.addEventListener("input", filter);
  status.addEventListener("change", filter);
  severity.addEventListener("change", filter);
  filter();

  function reveal(element) {
    for (var p = element; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
      if (p.hidden) { p.hidden = false; }
    }
  }
  function highlight() {
    each(document.querySelectorAll(".hl"), function (e) { e.classList.remove("hl"); });
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target) { return; }
    reveal(target);
    target.classList.add("hl");
    var ids = [(target.getAttribute("data-cells") || ""), (target.getAttribute("data-related") || "")].join(" ").split(" ");
    ids.forEach(function (id) {
      var cell = id ? document.getElementById(id) : null;
      if (cell) { reveal(cell); cell.classList.add("hl"); }
    });
    target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", highlight);
  highlight();
})();
""".strip()


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Nothing from the network, no plug-ins, no forms sent anywhere; only the page's own style and script.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_digest(STYLE)}; script-src {_digest(SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
