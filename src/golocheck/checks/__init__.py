"""The small library of generic check kinds that rule files name in ``check:``.

A check kind is a class with

* ``params_schema`` — a JSON Schema of the rule's ``params`` (``additionalProperties:
  false``), with annotations for cross-references (``x-cell-id``, ``x-rule-code``, ...).
  golocheck.checks.params checks every rule against it when the catalogue loads; kinds
  write no validation code.
* ``run(ctx, rule) -> Iterable[Finding]`` — the findings for one report (a static method).

Kinds are listed here, in one explicit table. A kind that takes no parameters holds the
whole logic of its rule in Python; docs/code-table.md says which rule lives where.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from golocheck.catalogue import Rule

KINDS: dict[str, str] = {
    # emitted by the loader and the schema validation, not run per rule
    "loader": "golocheck.checks.builtin:Loader",
    "schema": "golocheck.checks.builtin:Schema",
    # cells
    "cell_value": "golocheck.checks.cells:CellValueCheck",
    "empty_table": "golocheck.checks.cells:EmptyTable",
    "engine": "golocheck.checks.builtin:Loader",
    "importer": "golocheck.checks.builtin:Loader",  # produced while importing a document
    # arithmetic relations between cells
    "sum": "golocheck.checks.arithmetic:SumEquals",
    "sum_at_least": "golocheck.checks.arithmetic:SumAtLeast",
    "at_most": "golocheck.checks.arithmetic:AtMost",
    "balance": "golocheck.checks.arithmetic:Balance",
    "cell_diagnosis": "golocheck.checks.diagnosis:CellDiagnosis",
    # across two years (golocheck --previous)
    "previous_year": "golocheck.checks.crossyear:PreviousYear",
    "carried_over": "golocheck.checks.crossyear:CarriedOver",
    "running_total": "golocheck.checks.crossyear:RunningTotal",
    "repeated_narrative": "golocheck.checks.crossyear:RepeatedNarrative",
    # across the reports of one batch (golocheck.across, after the stream)
    "aggregate_sum": "golocheck.checks.across:AggregateSum",
    "aggregate_unchecked": "golocheck.checks.across:AggregateUnchecked",
    "copied_sections": "golocheck.checks.across:CopiedSections",
    # sections and metadata
    "required_sections": "golocheck.checks.sections:RequiredSections",
    "section_order": "golocheck.checks.sections:SectionOrder",
    "heading_wording": "golocheck.checks.sections:HeadingWording",
    "heading_slip": "golocheck.checks.sections:HeadingSlip",
    "section_mentions": "golocheck.checks.sections:SectionMentions",
    "report_mentions": "golocheck.checks.sections:ReportMentions",
    "format_year": "golocheck.checks.metadata:FormatFitsYear",
    "reporting_period": "golocheck.checks.metadata:ReportingPeriod",
    "title_wording": "golocheck.checks.metadata:TitleWording",
    "previous_format_label": "golocheck.checks.metadata:PreviousFormatLabel",
    "issuer_kind_inferred": "golocheck.checks.metadata:IssuerKindInferred",
    # deadlines
    "publication_date": "golocheck.checks.deadlines:PublicationDate",
    "register_deadlines": "golocheck.checks.deadlines:RegisterDeadlines",
    # narrative
    "narrative_table_figures": "golocheck.checks.narrative:TableFigures",
    "narrative_blank_figures": "golocheck.checks.narrative:BlankDependentFigures",
    "narrative_loose_figures": "golocheck.checks.narrative:LooseFigures",
    "narrative_category_figures": "golocheck.checks.narrative:CategoryFigures",
    "narrative_blank_statements": "golocheck.checks.narrative:BlankDependentStatements",
    "narrative_truncated_percentages": "golocheck.checks.narrative:TruncatedPercentages",
    "narrative_repeated_count": "golocheck.checks.narrative:RepeatedCount",
    "narrative_statements": "golocheck.checks.narrative:Statements",
    "narrative_parts": "golocheck.checks.narrative:Parts",
    "narrative_percentages": "golocheck.checks.narrative:Percentages",
    "narrative_stacked_approximations": "golocheck.checks.narrative:StackedApproximations",
    "narrative_patterns": "golocheck.checks.narrative:Patterns",
    "narrative_years": "golocheck.checks.narrative:Years",
    "narrative_other_region": "golocheck.checks.narrative:OtherRegion",
    "narrative_parent_level": "golocheck.checks.narrative:ParentLevel",
    "narrative_issuer_name": "golocheck.checks.narrative:IssuerName",
    "narrative_signature_body": "golocheck.checks.narrative:SignatureBody",
    "narrative_repeated_text": "golocheck.checks.narrative:RepeatedText",
    "narrative_missing_figure": "golocheck.checks.narrative:MissingFigure",
    "narrative_run_readings": "golocheck.checks.run_readings:RunReadingsAgainstText",
    "narrative_previous_year": "golocheck.checks.leftover_years:PreviousYearStatistics",
    "narrative_cited_notice_year": "golocheck.checks.leftover_years:CitedNoticeYear",
    "narrative_format_notice": "golocheck.checks.leftover_years:FormatNotice",
}


# Kinds listed above that no rule uses yet, with the reason they are kept (docs/code-table.md).
RESERVED_KINDS: dict[str, str] = {}


def kind(name: str):
    module_name, _, class_name = KINDS[name].partition(":")
    return getattr(import_module(module_name), class_name)


def validate_params(rule: "Rule", references: list | None = None) -> str | None:
    """The first problem of a rule's kind, formats and params, or None. References to
    other rules (``x-rule-code``) are appended to ``references`` for the caller to resolve
    once the whole catalogue is read."""
    if rule.check not in KINDS:
        return f"unknown check kind {rule.check!r} (known: {', '.join(sorted(KINDS))})"
    from golocheck.checks.params import check_params
    from golocheck.formats import all_formats

    formats = all_formats()
    for format_id in rule.formats or ():
        if format_id not in formats:
            return f"unknown format {format_id!r} in formats"
    problem, found = check_params(rule, kind(rule.check).params_schema, formats)
    if references is not None:
        references.extend(found)
    return problem
