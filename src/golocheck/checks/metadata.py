"""Checks on the report's metadata: format against year, reporting period, title."""

from __future__ import annotations

import re
from datetime import date

from golocheck.checks.paramtypes import NO_PARAMS
from golocheck.diagnostics import Finding, Location, Text


def _year(ctx) -> int | None:
    return ctx.report_year()


class FormatFitsYear:
    """The report's format must be one valid for its report year (national, or a province's own table)."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        from golocheck.formats import all_formats

        year = _year(ctx)
        fmt = ctx.format
        if year is None or fmt.covers_year(year):
            return
        # every format valid for the year, from the format files' report_years: the national
        # one first, then a province's own table, which names where it applies (its scope)
        covering = [f for f in all_formats().values() if f.covers_year(year)]
        expected = sorted(covering, key=lambda f: not f.national)
        expected_text = Text(
            "、".join(f"{f.id}（{f.years_text()} 年度，{f.basis.zh}{_scope(f, 'zh')}）" for f in expected) or "（没有适用于该年度的格式）",
            ", ".join(f"{f.id} (report years {f.years_text()}, {f.basis.en}{_scope(f, 'en')})" for f in expected) or "(no format covers that year)",
        )
        yield Finding(
            "/format",
            {"format": fmt.id, "years": fmt.years_text(), "year": year, "expected": expected_text},
            label=Text("格式", "format"),
            related=(Location("/metadata/report_year", Text("报告年度", "report year")),),
        )


def _scope(fmt, lang: str) -> str:
    if fmt.scope is None:
        return ""
    return f"，限{fmt.scope.zh}" if lang == "zh" else f"; {fmt.scope.en} only"


def _parse(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class ReportingPeriod:
    """The statistics period is 1 January to 31 December of the report year."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        year = _year(ctx)
        period = ctx.meta("period")
        if year is None or not isinstance(period, dict):
            return
        start, end = _parse(period.get("start")), _parse(period.get("end"))
        if start is None or end is None:
            return  # the schema reports malformed dates
        if (start, end) != (date(year, 1, 1), date(year, 12, 31)):
            yield Finding(
                "/metadata/period",
                {"start": start.isoformat(), "end": end.isoformat(), "year": year},
                label=Text("统计期限", "reporting period"),
                related=(Location("/metadata/report_year", Text("报告年度", "report year")),),
            )


class TitleWording:
    """params.required: the phrase the title must contain (政府信息公开工作年度报告)."""

    params_schema = {"type": "object", "properties": {"required": {"type": "string", "minLength": 1}}, "required": ["required"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        title = ctx.meta("title")
        if not isinstance(title, str):
            return
        required = rule.params["required"]
        if required not in re.sub(r"\s+", "", title):
            yield Finding("/metadata/title", {"title": title, "required": required}, label=Text("报告标题", "title"))
