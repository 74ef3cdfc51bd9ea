"""``--output-format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code
scanning, Azure DevOps, Jenkins Warnings NG).

Design choices:

* ``tool.driver.rules`` lists only the rules that have results in this log,
  ordered by code (as ruff does): the log stays small, and each rule carries its
  full documentation (``help.text`` is ``golocheck explain CODE``) because there
  is no documentation website to point ``helpUri`` at. A result's ``level`` is
  its own severity (a check or the configuration may change it); the rule's
  ``defaultConfiguration.level`` is the catalogue's. info maps to ``note``.
* ``columnKind`` is ``unicodeCodePoints``: golocheck counts columns in code
  points, which matters for Chinese text; ``endColumn`` is the column after the
  value, as SARIF defines it. A finding without a position (the whole file)
  has a physical location without ``region``.
* The JSON Pointer is the logical location (kind ``value``: SARIF's kind for a
  value in a JSON document), so a viewer can show it even without lines.
* A report imported from a document: where the value was read is the physical
  location's property ``golocheck/place`` (the same object as the json format's
  ``place``: ``{"kind": "pdf", "page": 3, "box": [x0, y0, x1, y1], ...}``) and a
  second logical location (kind ``element``) named by its description
  ("page 3, table 2 row 5 column 3"), which viewers show. SARIF's ``region``
  describes text only, so it is given where the place has source lines (an HTML
  or text line) and left out for a PDF page or a Word paragraph, as for a
  file-level finding.
* ``partialFingerprints["golocheck/v1"]`` is the hash of code, file, pointer
  and occurrence index shared with the gitlab format: it does not contain line
  numbers, so an edit elsewhere in the report keeps alerts matched.
* File paths are kept relative as given, with forward slashes, percent-encoded
  into URI references; absolute paths become ``file://`` URIs.
"""

from __future__ import annotations

import re
from typing import Any

USES_RULESET_VERSION = True  # outcome.report computes the digest only for outputs that show it

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "golocheck/v1"


def uri(path: str) -> str:
    from urllib.parse import quote

    from golocheck.reporters import posix_path

    # a lone surrogate (a file name that is not valid UTF-8) cannot be percent-encoded
    path = re.sub("[\ud800-\udfff]", "\ufffd", posix_path(path))
    if re.match(r"^[A-Za-z]:/", path):  # a Windows drive path
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def _physical(file: str, location) -> dict[str, Any]:
    from golocheck.reporters import machine_place

    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(file)}}
    span = location.source_span
    if span is not None:
        physical["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": max(span.end_line, span.line),
            "endColumn": max(span.end_column, 1),
        }
    place = machine_place(location)
    if place is not None:
        physical["properties"] = {"golocheck/place": place}
    return physical


def _logical(location, lang: str) -> list[dict[str, str]]:
    logical = [{"fullyQualifiedName": location.pointer, "kind": "value"}] if location.pointer else []
    described = location.place.describe(lang) if location.place is not None else ""
    if described:
        logical.append({"name": described, "fullyQualifiedName": described, "kind": "element"})
    return logical


def _rule_descriptor(code: str, d, catalogue: dict, lang: str, explain) -> dict[str, Any]:
    rule = catalogue.get(code)
    if rule is None:  # a rule from outside the shipped catalogue: describe it from the diagnostic
        return {
            "id": code,
            "name": d.name,
            "shortDescription": {"text": d.title.get(lang)},
            "help": {"text": f"{code} {d.name}: {d.title.get(lang)}\n{d.basis.get(lang)}"},
            "defaultConfiguration": {"level": LEVEL[d.severity.value]},
            "properties": {"basis": d.basis.get(lang)},
        }
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": rule.description.get(lang)},
        "help": {"text": explain(rule, lang) if explain else f"{rule.code} {rule.name}: {rule.title.get(lang)}\n{rule.basis.get(lang)}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {"tags": list(rule.groups), "basis": rule.basis.get(lang)},
    }


def _result(d, rule_index: int, fingerprint: str, lang: str) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": _physical(d.file, d.location)}
    if logical := _logical(d.location, lang):
        location["logicalLocations"] = logical
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVEL[d.severity.value],
        "message": {"text": d.message.get(lang)},
        "locations": [location],
    }
    related = []
    for number, r in enumerate(d.related, start=1):
        entry: dict[str, Any] = {"id": number, "physicalLocation": _physical(r.file or d.file, r)}
        if logical := _logical(r, lang):
            entry["logicalLocations"] = logical
        if r.label is not None:
            entry["message"] = {"text": r.label.get(lang)}
        related.append(entry)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    return result


def sarif_log(results, catalogue, lang: str, ruleset_version: str = "", explain=None) -> dict[str, Any]:
    from golocheck import __version__
    from golocheck.reporters import fingerprints

    diagnostics = [d for r in results for d in r.diagnostics]
    first = {}
    for d in diagnostics:
        first.setdefault(d.code, d)
    codes = sorted(first)
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "golocheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_descriptor(code, first[code], catalogue, lang, explain) for code in codes],
                        "properties": {"rulesetVersion": ruleset_version},
                    }
                },
                "language": "en-US" if lang == "en" else "zh-CN",
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(d, index[d.code], fp, lang) for d, fp in zip(diagnostics, fingerprints(diagnostics))
                ],
            }
        ],
    }


def render(results, catalogue, options, out) -> None:
    import json

    log = sarif_log(results, catalogue, options.lang, options.ruleset_version, options.explain)
    out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
