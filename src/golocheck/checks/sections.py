"""Required contents, matched by section heading, and their order.

Publishers number and word headings their own way ("七、主要问题及改进措施"
for 存在的主要问题及改进情况), so a format's section lists phrases any of which
identifies it; headings are compared with white space and punctuation variants
removed.
"""

from __future__ import annotations

from functools import lru_cache

from golocheck.checks.memo import once
from golocheck.settings import ISSUER_KINDS
from golocheck.checks.paramtypes import NO_PARAMS, REGEX, SECTION_ID, SHARE
from golocheck.diagnostics import Finding, Location, Severity, Text
from golocheck.precompiled import compile as compile_pattern

HEADING_MISSING = "S108"  # a part whose content is there without its heading
_NOISE = compile_pattern(r"[\s\u3000]+")
# "一、", "（一）", "1.", "第一部分" before the words of a heading
_NUMBERING = compile_pattern(r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|[0-9]+[、.．]|第[一二三四五六七八九十]+部分[、：:]?)")


@lru_cache(maxsize=4096)  # headings recur in every rule that places the parts
def normalise(heading: str) -> str:
    return _NOISE.sub("", heading).replace("(", "（").replace(")", "）")


@lru_cache(maxsize=4096)
def words(heading: str) -> str:
    """The heading without white space and without its numbering."""
    return _NUMBERING.sub("", normalise(heading))


# A sub-part's numbering: "（一）", "(一)", "1.", "1、" — such a heading never stands for a part
_SUB_NUMBERING = compile_pattern(r"^(?:（[一二三四五六七八九十]+）|[0-9]+[、.．])")

EXACT, SLIP, PHRASE = 3, 2, 1  # how a heading matches a part, best first


def accepted(section) -> frozenset[str]:
    """The wordings of a part's heading taken as exact: its label, the template's and the
    variants (once per process for each section of a format)."""
    return once("accepted wordings", (section,), lambda: frozenset({section.label, words(section.template_heading), *section.variants}))


def slip(heading_words: str, wording: str) -> tuple[str, str] | None:
    """("extra"|"missing", the character) when the heading is ``wording`` with one character
    added or left out, else None."""
    longer, shorter, kind = ((heading_words, wording, "extra") if len(heading_words) == len(wording) + 1
                             else (wording, heading_words, "missing") if len(wording) == len(heading_words) + 1 else (None, None, None))
    if longer is None or len(shorter) < 4:
        return None
    # The places whose character can be left out to give ``shorter`` are one run of equal
    # characters, and the last of them ends the common start: one comparison, not one per place.
    at = next((i for i, (a, b) in enumerate(zip(longer, shorter)) if a != b), len(shorter))
    return (kind, longer[at]) if longer[at + 1:] == shorter[at:] else None


def _how(section, heading: str) -> int:
    """How ``heading`` matches the part (EXACT, SLIP, PHRASE or 0): the definition, which
    _locate_sections reads for all parts at once (:func:`_strength_row`)."""
    w = words(heading)
    if w in accepted(section):
        return EXACT
    if any(slip(w, a) for a in accepted(section)):
        return SLIP
    if any(phrase in normalise(heading) for phrase in section.match):
        return PHRASE
    return 0


def top_level(ctx) -> list[tuple[int, str]]:
    """(index, heading) of the report's top-level headings: not numbered as a sub-part.
    When every heading is numbered as a sub-part, all of them."""
    headings = [(index, heading) for index, heading, _ in ctx.sections()]
    top = [(i, h) for i, h in headings if not _SUB_NUMBERING.match(normalise(h))]
    return top or headings


def locate_sections(ctx) -> dict[str, tuple[int, str]]:
    """Format section id -> (index, heading) of the report's heading that is that part.

    One heading per part, one part per heading, and only top-level headings: （一）主动公开
    is a sub-part of 总体情况, never part 二. Exact wordings are taken first, then
    one-character slips, then headings that contain a recognising phrase — and of those the
    first between the parts already placed before and after it, so that "三、主动公开工作情况"
    inside 总体情况 is not taken for "二、主动公开政府信息情况" printed later.
    Worked out once per report (several rules ask)."""
    return ctx.remember("located sections", lambda: _locate_sections(ctx))


def _locate_sections(ctx) -> dict[str, tuple[int, str]]:
    candidates = top_level(ctx)
    # how each heading matches each part, worked out once (the passes below and the
    # numbering test ask again): rows[candidate][part]
    index = _headings_index(tuple(ctx.format.sections))
    rows = [_strength_row(index, heading) for _, heading in candidates]
    found: dict[str, tuple[int, str]] = {}
    used: set[int] = set()
    order = [s.id for s in ctx.format.sections]
    for strength in (EXACT, SLIP, PHRASE):
        for n_section, section in enumerate(ctx.format.sections):
            if section.id in found:
                continue
            position = order.index(section.id)
            before = [found[o][0] for o in order[:position] if o in found]
            after = [found[o][0] for o in order[position + 1:] if o in found]
            low, high = max(before, default=-1), min(after, default=10**9)
            fitting = [(i, h) for (i, h), row in zip(candidates, rows) if i not in used and row[n_section] == strength]
            in_place = [(i, h) for i, h in fitting if low < i < high]
            chosen = (in_place or fitting)[:1]
            if chosen:
                found[section.id] = chosen[0]
                used.add(chosen[0][0])
    unnamed = {i for (i, _), row in zip(candidates, rows) if not any(row)}  # headings that name no part
    for section in ctx.format.sections:  # last: the part's place and number
        numbered = _numbered_in_place(section, candidates, found, used, order, unnamed)
        if numbered is not None:
            found[section.id] = numbered
            used.add(numbered[0])
    return found


def _strength_row(index, heading: str) -> list[int]:
    """How ``heading`` matches each part of the format, in the format's order: what
    :func:`_how` says of each, read off the format's index of wordings and phrases."""
    exact, by_length, phrases, count = index
    w = words(heading)
    exactly = exact.get(w, ())
    slipped = {n for length in (len(w) - 1, len(w) + 1) for n, a in by_length.get(length, ()) if slip(w, a)}
    named = {n for phrase in filter(normalise(heading).__contains__, phrases) for n in phrases[phrase]}
    return [EXACT if n in exactly else SLIP if n in slipped else PHRASE if n in named else 0 for n in range(count)]


def _headings_index(sections: tuple):
    """Once per format: accepted wording -> the parts (by position) it is exact for;
    length -> (part, wording), for the one-character slips; recognising phrase -> parts;
    and the number of parts."""
    def build():
        exact: dict[str, set[int]] = {}
        by_length: dict[int, list[tuple[int, str]]] = {}
        phrases: dict[str, set[int]] = {}
        for n, section in enumerate(sections):
            for wording in accepted(section):
                exact.setdefault(wording, set()).add(n)
                by_length.setdefault(len(wording), []).append((n, wording))
            for phrase in section.match:
                phrases.setdefault(phrase, set()).add(n)
        return exact, by_length, phrases, len(sections)

    return once("heading index", sections, build)


_ORDINAL = compile_pattern(r"^([一二三四五六七八九十]+)[、.．]")


def _numbered_in_place(section, candidates, found, used, order, unnamed: set[int]) -> tuple[int, str] | None:
    """The one top-level heading between the parts placed right before and after ``section``
    that is numbered as the template numbers it and names no part (五、问题与展望 between
    四 and 六): that part's heading in the report's own words (S103 then says how far they
    are), not a part missing. The first part has no part before it and the last none after
    it: 一、概述 before a placed 二 is part 一's heading, 六、附表说明 after a placed 五 part
    六's — one neighbour in place and the number are as much as a middle part shows."""
    if section.id in found:
        return None
    position = order.index(section.id)
    previous = order[position - 1] if position > 0 else None
    following = order[position + 1] if position < len(order) - 1 else None
    if (previous is None and following is None) or any(o is not None and o not in found for o in (previous, following)):
        return None
    number = _ORDINAL.match(normalise(section.template_heading))
    low = found[previous][0] if previous is not None else -1
    high = found[following][0] if following is not None else 10**9
    fitting = [(i, h) for i, h in candidates if i not in used and low < i < high and number
               and (m := _ORDINAL.match(normalise(h))) and m.group(1) == number.group(1)
               and i in unnamed]
    return fitting[0] if len(fitting) == 1 else None


def content_place(ctx, section, found: dict[str, tuple[int, str]]) -> tuple[str, Text] | None:
    """Where the content of a part without a heading is (pointer, what): a table of the part
    filled in the report, or a phrase of its content in another part's text."""
    tables = ctx.data.get("tables") if isinstance(ctx.data.get("tables"), dict) else {}
    for table_id in section.tables:
        rows = tables.get(table_id)
        if isinstance(rows, dict) and rows:
            label = next((t.label for t in ctx.format.tables if t.id == table_id), table_id)
            return f"/tables/{table_id}", Text(f"表格“{label}”", f"the table “{label}”")
    for index, heading, text in ctx.sections():
        squashed = normalise(text)
        for phrase in section.content:
            if phrase in squashed:
                return f"/sections/{index}/text", Text(f"“{heading}”的正文（含“{phrase}”）", f"the text of “{heading}” (which has “{phrase}”)")
    return None


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
# An aspect is stated by any of its phrases (found as written) or wordings: a regex with a
# real or realistic sentence it must find (checked by the tests), for statements such as
# "不收取…费用" that one literal word cannot recognise; optionally a sentence it must not
# find (counter: "以公开促落实、强监督" is a slogan, not an account of 监督保障 work).
_WORDING = {
    "type": "object",
    "properties": {"regex": REGEX, "example": {"type": "string", "minLength": 1}, "counter": {"type": "string", "minLength": 1}},
    "required": ["regex", "example"],
    "additionalProperties": False,
}
_ASPECTS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "phrases": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            "wordings": {"type": "array", "minItems": 1, "items": _WORDING},
        },
        "required": ["name"],
        "anyOf": [{"required": ["phrases"]}, {"required": ["wordings"]}],
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
            content = content_place(ctx, section, found)
            if content is not None:
                # the part is there without its heading: say so (S108), not "missing"
                pointer, what = content
                yield Finding(
                    "/sections",
                    {"section": section.label, "heading": section.template_heading, "content": what, "headings": headings,
                     "section_basis": section.basis},
                    label=Text(section.label, section.label),
                    related=(Location(pointer, what),),
                    rule=HEADING_MISSING,
                )
                continue
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
        located = locate_sections(ctx)
        for section in ctx.format.sections:
            found = located.get(section.id)
            if not found:
                continue
            index, heading = found
            similarity = _similarity(words(heading), accepted(section), rule.params["min_similarity"])
            if similarity < rule.params["min_similarity"]:
                yield Finding(
                    f"/sections/{index}/heading",
                    {"heading": heading, "template": section.template_heading, "similarity": f"{similarity:.2f}"},
                    label=Text(heading, heading),
                )


def _similarity(heading_words: str, wordings, enough: float) -> float:
    """The greatest difflib ratio of the heading's words to a wording, or (when the heading
    is close enough, ≥ ``enough``) some ratio ≥ ``enough``: the most common headings, worded
    as accepted, need no comparison at all (ratio 1.0), and a wording whose quick upper
    bounds cannot beat the best so far is not compared in full."""
    if heading_words in wordings:
        return 1.0
    from difflib import SequenceMatcher

    best = -1.0
    matcher = SequenceMatcher(None, heading_words)
    for wording in sorted(wordings):
        matcher.set_seq2(wording)
        if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
            continue
        best = max(best, matcher.ratio())
        if best >= enough:
            break
    return best


class HeadingSlip:
    """A part's heading that is an accepted wording with one character added or left out."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        for section_id, (index, heading) in locate_sections(ctx).items():
            section = next(s for s in ctx.format.sections if s.id == section_id)
            w = words(heading)
            if w in accepted(section):
                continue
            for wording in sorted(accepted(section)):
                found = slip(w, wording)
                if found:
                    kind, char = found
                    what = Text(f"多了“{char}”", f"an extra “{char}”") if kind == "extra" else Text(f"少了“{char}”", f"“{char}” left out")
                    yield Finding(f"/sections/{index}/heading", {"heading": heading, "wording": wording, "slip": what, "section": section.label},
                                  label=Text(heading, heading))
                    break


def stated(text: str, aspect) -> bool:
    """Whether the text (white space removed) states the aspect by a phrase or a wording."""
    squashed = normalise(text)
    return (any(p in squashed for p in aspect.get("phrases", ()))
            or any(compile_pattern(w["regex"]).search(squashed) for w in aspect.get("wordings", ())))


def _missing(text: str, aspects) -> list[str]:
    return [a["name"] for a in aspects if not stated(text, a)]


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
            # the kind decides this finding: the message says which kind and whether it was stated
            inferred = ctx.meta("issuer_kind_inferred") is True
            kind = rule.params["issuer_kind"]
            note = (Text(f"（机关类型“{kind}”是由名称推断的，未经确认）", f" (the issuer kind “{kind}” was inferred from the name, not stated)") if inferred
                    else Text(f"（报告所写的机关类型：{kind}）", f" (issuer kind stated in the report: {kind})"))
            yield Finding(
                "/sections",
                {"missing": "、".join(missing), "issuer": str(ctx.meta("issuer") or ""), "kind_note": note},
                label=Text("报告正文", "report text"),
                related=(Location("/metadata/issuer_kind", Text("机关类型", "issuer kind")),),
                severity=Severity.WARNING if inferred else None,
            )
