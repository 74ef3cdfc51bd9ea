"""``--output-format junit``: JUnit XML for CI test-report views (Jenkins,
GitLab ``reports: junit``, Azure DevOps).

Shape: one ``<testsuite>`` per file (name = the path); in it one ``<testcase>``
per rule (classname = the path, name = ``CODE name``), so a dashboard shows
which requirements each report meets, not only what failed. A rule with
findings has one ``<failure>`` (type = its highest severity, message = its
first message and how many more) whose text lists every finding as
``path:line:col [severity] message (pointer)``. Any severity is a failure, as
in ruff's junit output; filter on ``type`` to ignore info.

Which rules: reporters do not get the loaded report, so the report's
``format`` is read again from its text. Listed are the catalogue rules that
apply to that format; when the format is unknown, only the rules for every
format (the others could not run); when the file could not be read at all,
those rules are ``<skipped>`` because they did not run. A rule with findings
is always listed. Pass ``selection`` (a :class:`golocheck.engine.Selection`,
or a mapping from result path to the Selection used for that file) to leave out
rules that were not selected; without it every applicable rule is listed as if
it ran (cross-year rules included, though they run only with a previous report).

No time or timestamp attributes, so the output is the same on every run.
Text that XML 1.0 cannot carry (control characters) is written as ``\\xNN``.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WORDS = {
    "zh": {"more": "（另有 {n} 条）", "skipped": "报告无法读取，此规则未运行"},
    "en": {"more": " (and {n} more)", "skipped": "the report could not be read; rule not run"},
}


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _report_format(result) -> tuple[str | None, bool]:
    """(format id if known, whether the report could be parsed)."""
    if not result.text:
        return None, False
    from golocheck.formats import get_format
    from golocheck.loading import load_text

    data = load_text(result.path, result.text.encode("utf-8")).data
    fmt = data.get("format") if isinstance(data, dict) else None
    return (fmt if isinstance(fmt, str) and get_format(fmt) is not None else None), data is not None


def _place(d) -> str:
    return f"{d.file}:{d.line}:{d.column}" if d.line is not None else d.file


def _suite(result, catalogue: dict, lang: str, selection, ET):
    from golocheck.i18n import word
    from golocheck.reporters import posix_path

    path = posix_path(result.path)
    by_rule: dict[str, list] = {}
    for d in result.diagnostics:
        by_rule.setdefault(d.code, []).append(d)
    fmt, readable = _report_format(result)
    codes = {
        code for code, rule in catalogue.items()
        if (rule.applies_to(fmt) if fmt else rule.formats is None)
        and (selection is None or selection.enabled(rule))
    } | set(by_rule)
    suite = ET.Element("testsuite", name=_xml(path))
    failures = skipped = 0
    for code in sorted(codes):
        found = by_rule.get(code, [])
        name = catalogue[code].name if code in catalogue else found[0].name
        case = ET.SubElement(suite, "testcase", classname=_xml(path), name=f"{code} {name}")
        if found:
            failures += 1
            worst = max(found, key=lambda d: d.severity.rank).severity.value
            message = found[0].message.get(lang)
            if len(found) > 1:
                message += _WORDS[lang]["more"].format(n=len(found) - 1)
            failure = ET.SubElement(case, "failure", type=worst, message=_xml(message))
            failure.text = _xml("\n".join(
                f"{_place(d)} [{word(lang, d.severity.value)}] {d.message.get(lang)}" + (f" ({d.pointer})" if d.pointer else "")
                for d in found
            ))
        elif not readable:
            skipped += 1
            ET.SubElement(case, "skipped", message=_WORDS[lang]["skipped"])
    suite.set("tests", str(len(codes)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def render(results, lang: str, out, selection=None) -> None:
    import xml.etree.ElementTree as ET

    from golocheck.catalogue import load_catalogue

    lang = "en" if lang == "en" else "zh"
    catalogue = load_catalogue()
    root = ET.Element("testsuites", name="golocheck")
    suites = [
        _suite(result, catalogue, lang, selection.get(result.path) if isinstance(selection, dict) else selection, ET)
        for result in results
    ]
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    root.extend(suites)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
