"""Facts listed in several places have one definition each; the others derive from it."""

from __future__ import annotations

import typing

from golocheck import cli
from golocheck.diagnostics import FAIL_ON_LEVELS, Severity
from golocheck.i18n import WORDS
from golocheck.reporters import OUTPUT_FORMATS, REPORTERS
from golocheck.settings import ISSUER_KIND_NAMES, ISSUER_KINDS


def _literal(annotation) -> set:
    """The values of a Literal inside Optional[...] / dict[Literal[...], ...]."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return set().union(*(_literal(a) for a in typing.get_args(annotation))) if typing.get_args(annotation) else set()


def test_output_formats():
    from golocheck.config import model

    assert OUTPUT_FORMATS == tuple(REPORTERS)
    assert [f.value for f in cli.OutputFormat] == list(OUTPUT_FORMATS)
    assert _literal(model().model_fields["output_format"].annotation) == set(OUTPUT_FORMATS)


def test_fail_on_levels_and_severities():
    from golocheck.config import model

    assert FAIL_ON_LEVELS == ("error", "warning", "info", "never")
    assert [f.value for f in cli.FailOn] == list(FAIL_ON_LEVELS)
    fields = model().model_fields
    assert _literal(fields["fail_on"].annotation) == set(FAIL_ON_LEVELS)
    assert _literal(fields["severity"].annotation) == {s.value for s in Severity}


def test_issuer_kinds():
    from golocheck.checks import deadlines
    from golocheck.checks.sections import ReportMentions
    from golocheck.config import model
    from golocheck.schema import report_schema

    # the old values stay valid: reports written before the other kinds were added
    assert ISSUER_KINDS[:2] == ("人民政府", "政府部门")
    assert ISSUER_KINDS == ("人民政府", "政府部门", "管委会或派出机关", "授权组织", "公共企事业单位")
    assert [k.value for k in cli.Kind] == list(ISSUER_KIND_NAMES)
    assert deadlines.ISSUER_KINDS is ISSUER_KINDS
    assert ReportMentions.params_schema["properties"]["issuer_kind"]["enum"] == list(ISSUER_KINDS)
    assert _literal(model().model_fields["local_deadlines"].annotation) == set(ISSUER_KINDS)
    text = str(report_schema())
    assert str(list(ISSUER_KINDS)) in text


def test_words_in_both_languages():
    assert set(WORDS["zh"]) == set(WORDS["en"])
    for severity in Severity:
        assert severity.zh == WORDS["zh"][severity.value]


def test_not_applicable_markers():
    from golocheck.checks.context import NOT_APPLICABLE
    from golocheck.schema import NOT_APPLICABLE as offered, report_schema

    assert NOT_APPLICABLE == frozenset(offered)
    assert str(list(offered)) in str(report_schema())


def test_translated_words_live_in_i18n():
    # The command line's usage errors, `explain`, `workdays --list` and the reasons a path
    # could not be read take their words from golocheck.i18n, not from tables of their own.
    import re
    from pathlib import Path

    import golocheck

    package = Path(golocheck.__file__).parent
    ideograph = re.compile(r"[\u4e00-\u9fff]")
    for name in ("run.py", "usage.py", "explain.py", "workdays.py"):
        # comments, and the legal-citation syntax explain parses (条例(2019) 第…条), are not words
        code = "\n".join(line for line in (package / name).read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#") and "条例" not in line and "第" not in line)
        docstrings_removed = re.sub(r'"""(?:.|\n)*?"""', "", code)
        assert not ideograph.search(docstrings_removed), f"{name} has Chinese words of its own: move them to i18n.WORDS"
