"""Required contents, matched by section heading, and their order.

Publishers number and word headings their own way ("七、主要问题及改进措施"
for 存在的主要问题及改进情况), so a format's section lists phrases any of which
identifies it; headings are compared with white space and punctuation variants
removed.
"""

from __future__ import annotations

import re

from golocheck.diagnostics import Finding, Location, Text

_NOISE = re.compile(r"[\s\u3000]+")


def normalise(heading: str) -> str:
    return _NOISE.sub("", heading).replace("(", "（").replace(")", "）")


def locate_sections(ctx) -> dict[str, tuple[int, str]]:
    """Format section id -> (index, heading) of the first report section whose heading matches."""
    found: dict[str, tuple[int, str]] = {}
    headings = [(index, heading, normalise(heading)) for index, heading, _ in ctx.sections()]
    for section in ctx.format.sections:
        for index, heading, norm in headings:
            if any(phrase in norm for phrase in section.match):
                found[section.id] = (index, heading)
                break
    return found


def _validate_ids(rule, formats) -> str | None:
    ids = rule.params.get("sections")
    if not isinstance(ids, list) or not ids:
        return "params.sections must list section ids"
    for format_id in rule.formats or ():
        known = {s.id for s in formats[format_id].sections}
        unknown = [i for i in ids if i not in known]
        if unknown:
            return f"section {unknown[0]!r} does not exist in format {format_id}"
    return None


class RequiredSections:
    """params.sections: the ids of the format's sections this rule requires."""

    @staticmethod
    def validate(rule, formats):
        return _validate_ids(rule, formats)

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

    @staticmethod
    def validate(rule, formats):
        return _validate_ids(rule, formats)

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
