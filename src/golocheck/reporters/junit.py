"""``--output-format junit``: JUnit XML for CI test-report views (Jenkins,
GitLab ``reports: junit``, Azure DevOps).

Shape: one ``<testsuite>`` per file (name = the path); in it one ``<testcase>``
per rule (classname = the path, name = ``CODE name``), so a dashboard shows
which requirements each report meets, not only what failed. A rule with
findings has one ``<failure>`` (type = its highest severity, message = its
first message and how many more) whose text lists every finding as
``path:line:col [severity] message (pointer)``. Any severity is a failure, as
in ruff's junit output; filter on ``type`` to ignore info.

Which rules: every rule of the catalogue passed in. A rule passes only when it checked
the report: one that did not run is ``<skipped message="...">`` saying why — the file could
not be read, or was read but could not be checked; the rule was not selected
(``options.selections``: a Selection, or a mapping from result path to the Selection used
for that file); it does not apply to the report's format, or the format is unknown; or what
the result says of it (``FileResult.not_run``: a cross-year rule without ``--previous``, a
rule across reports without ``--across``/``--aggregate``, a rule that failed, X001). So a
report that could not be read has failures (its findings) and skipped cases, never a
passing one. A rule with findings is a failure whatever else holds.

No time or timestamp attributes, so the output is the same on every run.
Text that XML 1.0 cannot carry (control characters) is written as ``\\xNN``.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _place(d, lang: str) -> str:
    from golocheck.reporters import human_place

    return human_place(d.file, d.location, lang)


def _not_run(result, rule, selection, lang: str) -> str | None:
    """Why ``rule`` did not check the report of ``result``; None when it did."""
    from golocheck.i18n import word

    fmt = result.format_id
    if not result.parsed:
        return word(lang, "junit_skipped")
    if result.not_run is not None and result.not_run.get(rule.code) == "not_checked":
        return word(lang, "junit_not_checked")
    if selection is not None and not selection.enabled(rule):
        return word(lang, "junit_not_selected")
    if fmt is not None and not rule.applies_to(fmt):
        return word(lang, "junit_not_applicable", format=fmt)
    if fmt is None and rule.formats is not None:
        return word(lang, "junit_format_unknown")
    reason = (result.not_run or {}).get(rule.code)
    return word(lang, f"junit_{reason}") if reason is not None else None


def _suite(result, catalogue: dict, lang: str, selection, ET):
    from golocheck.i18n import word
    from golocheck.reporters import posix_path

    path = posix_path(result.path)
    by_rule: dict[str, list] = {}
    for d in result.diagnostics:
        by_rule.setdefault(d.code, []).append(d)
    codes = set(catalogue) | set(by_rule)
    suite = ET.Element("testsuite", name=_xml(path))
    failures = skipped = 0
    for code in sorted(codes):
        found = by_rule.get(code, [])
        name = catalogue[code].name if code in catalogue else found[0].name
        case = ET.SubElement(suite, "testcase", classname=_xml(path), name=_xml(f"{code} {name}"))
        if found:
            failures += 1
            worst = max(found, key=lambda d: d.severity.rank).severity.value
            message = found[0].message.get(lang)
            if len(found) > 1:
                message += word(lang, "junit_more", n=len(found) - 1)
            failure = ET.SubElement(case, "failure", type=_xml(worst), message=_xml(message))
            failure.text = _xml("\n".join(
                f"{_place(d, lang)} [{word(lang, d.severity.value)}] {d.message.get(lang)}" + (f" ({d.pointer})" if d.pointer else "")
                for d in found
            ))
        elif (why := _not_run(result, catalogue[code], selection, lang)) is not None:
            skipped += 1
            ET.SubElement(case, "skipped", message=_xml(why))
    suite.set("tests", str(len(codes)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def render(results, catalogue, options, out) -> None:
    import xml.etree.ElementTree as ET

    lang = "en" if options.lang == "en" else "zh"
    root = ET.Element("testsuites", name="golocheck")
    suites = [_suite(result, catalogue, lang, options.selection_for(result.path), ET) for result in results]
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in suites)))
    root.extend(suites)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
