"""Required contents, matched by section heading, and their order.

Publishers number and word headings their own way ("七、主要问题及改进措施"
for 存在的主要问题及改进情况), so a format's section lists phrases any of which
identifies it; headings are compared with white space and punctuation variants
removed.
"""

from __future__ import annotations

import re

from golocheck.settings import ISSUER_KINDS
from golocheck.checks.paramtypes import SECTION_ID, SHARE
from golocheck.diagnostics import Finding, Location, Text

_NOISE = re.compile(r"[\s\u3000]+")
# "一、", "（一）", "1.", "第一部分" before the words of a heading
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|[0-9]+[、.．]|第[一二三四五六七八九十]+部分[、：:]?)")


def normalise(heading: str) -> str:
    return _NOISE.sub("", heading).replace("(", "（").replace(")", "）")


def words(heading: str) -> str:
    """The heading without white space and without its numbering."""
    return _NUMBERING.sub("", normalise(heading))


def locate_sections(ctx) -> dict[str, tuple[int, str]]:
    """Format section id -> (index, heading) of the report section that is that part.

    A heading worded as the template (or an accepted variant) wins over one that only
    contains a recognising phrase — "三、主动公开工作情况" inside 总体情况 must not be
    taken for "二、主动公开政府信息情况"."""
    found: dict[str, tuple[int, str]] = {}
    headings = [(index, heading, normalise(heading)) for index, heading, _ in ctx.sections()]
    for section in ctx.format.sections:
        exact = {section.label, *section.variants}
        matching = [(i, h) for i, h, norm in headings if any(phrase in norm for phrase in section.match)]
        preferred = [(i, h) for i, h in matching if words(h) in exact]
        if preferred or matching:
            found[section.id] = (preferred or matching)[0]
    return found


def section_scope(ctx, section_id: str) -> tuple[int, str] | None:
    """(index, text) of a format section including the report sections that follow it up to
    the next recognised part (reports number sub-parts of 总体情况 as top-level headings)."""
    found = locate_sections(ctx)
    if section_id not in found:
        return None
    start = found[section_id][0]
    later = sorted(i for i, _ in found.values() if i > start)
    end = later[0] if later else None
    parts = [f"{h}\n{t}" for i, h, t in ctx.sections() if i >= start and (end is None or i < end)]
    return start, "\n".join(parts)


_SECTION_LIST = {
    "type": "object",
    "properties": {"sections": {"type": "array", "minItems": 1, "items": SECTION_ID, "description": "ids of the format's sections"}},
    "required": ["sections"],
    "additionalProperties": False,
}
_ASPECTS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "properties": {"name": {"type": "string", "minLength": 1}, "phrases": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}},
        "required": ["name", "phrases"],
        "additionalProperties": False,
    },
}


class RequiredSections:
    """params.sections: the ids of the format's sections this rule requires."""

    params_schema = _SECTION_LIST

    @staticmethod
    def run(ctx, rule):
        found = locate_sections(ctx)
        by_id = {s.id: s for s in ctx.format.sections}
        headings = Text("；".join(h for _, h, _ in ctx.sections()) or "（无）", "; ".join(h for _, h, _ in ctx.sections()) or "(none)")
        for section_id in rule.params["sections"]:
            if section_id not in by_id or section_id in found:
                continue
            section = by_id[section_id]
            yield Finding(
                "/sections",
                {
                    "section": section.label,
                    "heading": section.template_heading,
                    "phrases": "、".join(section.match),
                    "headings": headings,
                    "section_basis": section.basis,
                },
                label=Text(section.label, section.label),
            )


class SectionOrder:
    """The matched sections appear in the order of the format (params.sections)."""

    params_schema = _SECTION_LIST

    @staticmethod
    def run(ctx, rule):
        found = locate_sections(ctx)
        wanted = [s for s in rule.params["sections"] if s in found]
        by_id = {s.id: s for s in ctx.format.sections}
        previous = None
        for section_id in wanted:
            index, heading = found[section_id]
            if previous is not None and index < found[previous][0]:
                prev_index, prev_heading = found[previous]
                yield Finding(
                    f"/sections/{index}/heading",
                    {
                        "heading": heading,
                        "section": by_id[section_id].label,
                        "previous_heading": prev_heading,
                        "previous": by_id[previous].label,
                    },
                    label=Text(heading, heading),
                    related=(Location(f"/sections/{prev_index}/heading", Text(prev_heading, prev_heading)),),
                )
                continue  # compare later sections with the last one in order
            previous = section_id


class HeadingWording:
    """A recognised part whose heading is worded far from the template (params.min_similarity)."""

    params_schema = {"type": "object", "properties": {"min_similarity": SHARE}, "required": ["min_similarity"], "additionalProperties": False}

    @staticmethod
    def run(ctx, rule):
        from difflib import SequenceMatcher

        for section in ctx.format.sections:
            found = locate_sections(ctx).get(section.id)
            if not found:
                continue
            index, heading = found
            accepted = [section.label, *section.variants]
            similarity = max(SequenceMatcher(None, words(heading), a).ratio() for a in accepted)
            if similarity < rule.params["min_similarity"]:
                yield Finding(
                    f"/sections/{index}/heading",
                    {"heading": heading, "template": section.template_heading, "similarity": f"{similarity:.2f}"},
                    label=Text(heading, heading),
                )


def _missing(text: str, aspects) -> list[str]:
    squashed = normalise(text)
    return [a["name"] for a in aspects if not any(p in squashed for p in a["phrases"])]


class SectionMentions:
    """A part of the report must mention each aspect (params.section, params.aspects,
    optional params.min_year). One finding per missing aspect."""

    params_schema = {
        "type": "object",
        "properties": {"section": SECTION_ID, "aspects": _ASPECTS, "min_year": {"type": "integer"}},
        "required": ["section", "aspects"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        year = ctx.report_year()
        if rule.params.get("min_year") and not (year is not None and year >= rule.params["min_year"]):
            return
        scope = section_scope(ctx, rule.params["section"])
        if scope is None:
            return  # the missing section itself is S101's finding
        index, text = scope
        section = next(s for s in ctx.format.sections if s.id == rule.params["section"])
        heading = next(h for i, h, _ in ctx.sections() if i == index)
        for name in _missing(text, rule.params["aspects"]):
            yield Finding(f"/sections/{index}/text", {"aspect": name, "section": section.label, "heading": heading}, label=Text(heading, heading))


class ReportMentions:
    """The whole report must mention each item (params.items) when the issuer is of
    params.issuer_kind. One finding listing what is missing."""

    params_schema = {
        "type": "object",
        "properties": {"issuer_kind": {"enum": list(ISSUER_KINDS)}, "items": _ASPECTS},
        "required": ["issuer_kind", "items"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        if ctx.meta("issuer_kind") != rule.params["issuer_kind"]:
            return
        preamble = ctx.data.get("preamble") if isinstance(ctx.data.get("preamble"), str) else ""
        text = preamble + "\n".join(f"{h}\n{t}" for _, h, t in ctx.sections())
        missing = _missing(text, rule.params["items"])
        if missing:
            yield Finding(
                "/sections",
                {"missing": "、".join(missing), "issuer": str(ctx.meta("issuer") or "")},
                label=Text("报告正文", "report text"),
                related=(Location("/metadata/issuer_kind", Text("机关类型", "issuer kind")),),
            )
