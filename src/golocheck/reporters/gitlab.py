"""``--output-format gitlab``: a GitLab Code Quality report (``artifacts:
reports: codequality``), a JSON array of Code Climate issues.

* ``severity``: error -> ``critical`` (the report breaks a legal or format
  requirement), warning -> ``minor``, info -> ``info``. GitLab's scale is
  info < minor < major < critical < blocker; ``major`` is left unused so that
  errors and warnings stay clearly apart in the merge-request widget.
* ``fingerprint``: GitLab shows only the first issue per fingerprint and
  compares fingerprints between the base and head pipelines, so they must be
  unique within a report and stable across runs. They hash (code, file,
  pointer, occurrence index among identical triples) — never line numbers, so
  an edit that shifts lines does not mark every finding as new.
* ``location``: ``positions`` (line and column) when the value has a place,
  otherwise ``lines.begin = 1`` (GitLab requires a line; a file-level finding
  is shown on the first line).
  A PDF page or a Word paragraph has no line: such a finding is on line 1 too,
  and its place (第 3 页) is in the description.
* ``description`` is the message in the chosen language followed by the place in
  the document, if any, and the JSON Pointer; ``check_name`` is the rule code.
"""

from __future__ import annotations

SEVERITY = {"error": "critical", "warning": "minor", "info": "info"}


def _location(d) -> dict:
    from golocheck.reporters import posix_path

    span = d.location.source_span
    if span is None:
        return {"path": posix_path(d.file), "lines": {"begin": 1}}
    return {
        "path": posix_path(d.file),
        "positions": {
            "begin": {"line": span.line, "column": span.column},
            "end": {"line": max(span.end_line, span.line), "column": span.end_column},
        },
    }


def _description(d, lang: str) -> str:
    extra = ", ".join(p for p in (d.location.describe(lang), d.pointer) if p)
    return d.message.get(lang) + (f" ({extra})" if extra else "")


def issues(results, lang: str) -> list[dict]:
    from golocheck.reporters import fingerprints

    diagnostics = [d for r in results for d in r.diagnostics]
    return [
        {
            "description": _description(d, lang),
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[d.severity.value],
            "location": _location(d),
        }
        for d, fingerprint in zip(diagnostics, fingerprints(diagnostics))
    ]


def render(results, catalogue, options, out) -> None:
    import json

    out.write(json.dumps(issues(results, options.lang), ensure_ascii=False, indent=2) + "\n")
