"""A cheap look at the text for nesting depth, before any parser sees it.

Parsers recurse or keep a stack per level; some versions of the YAML C parser crash on
a few thousand ``[``. These scans are linear and never recurse. They estimate from
above (an exact count is taken on the parsed data afterwards), skipping quoted strings,
comments and block scalars so that brackets in report prose do not count.
"""

from __future__ import annotations

import re
from functools import cache

# The patterns are compiled when first used (compiling costs a start-up): a report of a few
# dozen brackets never scans, and a JSON report never needs the YAML ones.


@cache
def _json_token() -> re.Pattern:
    return re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)


def json_too_deep(text: str, limit: int, openers: int | None = None, raw: bytes | None = None) -> tuple[int, int] | None:
    """The (line, column) where nesting first goes past ``limit``, or None. ``openers``:
    the text's count of ``[`` and ``{`` when the caller has it; ``raw``: the UTF-8 bytes
    the text was decoded from."""
    if openers is None:
        openers = json_openers(text)
    if openers <= limit:  # a report has a few dozen: no scan needed
        return None
    if '\\"' not in text and _structural_depth(text, limit, raw) <= limit:
        return None
    depth = 0
    for match in _json_token().finditer(text):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            if depth > limit:
                start = match.start()
                line_start = text.rfind("\n", 0, start) + 1
                return text.count("\n", 0, start) + 1, start - line_start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


# Every byte but the brackets and the double quote, which _structural_depth keeps.
_NOT_STRUCTURAL = bytes(b for b in range(256) if b not in b'[]{}"')


def json_openers(text: str) -> int:
    """The ``[`` and ``{`` of a JSON text, in strings or not: at least its depth."""
    return text.count("[") + text.count("{")


def _structural_depth(text: str, limit: int, raw: bytes | None = None) -> int:
    """The deepest nesting json_too_deep's scan finds (at most limit + 1), for a text in
    which no double quote follows a backslash: then every quote opens or closes a string
    for the scan, so the brackets and quotes alone tell it. The bytes are cut down to them
    in C (translate), and what lies between two quotes dropped (split); the loop is then over the
    few brackets of the structure, not over every key and text of the report."""
    # (the file's own bytes when given: a UTF-8 byte that is a bracket or a quote is that
    # character, so they keep what the text's encoding would)
    kept = (raw if raw is not None else text.encode("utf-8", "surrogatepass")).translate(None, _NOT_STRUCTURAL)
    depth = deepest = 0
    for byte in b"".join(kept.split(b'"')[::2]):  # the pieces outside strings
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth > limit:
                    break
        elif depth:
            depth -= 1
    return deepest


@cache
def _yaml_patterns() -> tuple[re.Pattern, ...]:
    """interest (characters that may open or close a level, a quoted scalar or a comment),
    the rest of a double- and of a single-quoted scalar, a line's dashes, a block scalar's
    header, a property (anchor or tag) just before a value."""
    return (re.compile(r"""[\[\]{}"'#]"""),
            re.compile(r'(?:[^"\\]|\\.)*"', re.S),
            re.compile(r"(?:[^']|'')*'"),
            re.compile(r"(?:-[ \t]+)+"),
            re.compile(r"(?:^|[\s:\-?])[|>][-+0-9]*\s*(?:#.*)?$"),
            re.compile(r"(?:^|\s)[&!]\S*$"))


def _value_start(before: str, property_: re.Pattern) -> bool:
    """Whether a character after ``before`` (on its line, in block context) starts a value."""
    stripped = before.rstrip()
    return not stripped or stripped[-1] in "-:?" or bool(property_.search(stripped))


def yaml_too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """The (line, 1) of the first line whose nesting goes past ``limit``, or None."""
    interest, double_rest, single_rest, dashes_, block_header, property_ = _yaml_patterns()
    indents: list[int] = []
    flow = 0
    quote: re.Pattern | None = None  # inside a quoted scalar that continues on the next line
    block_indent: int | None = None  # inside a block scalar (| or >) whose parent line had this indent
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.rstrip("\r")
        pos = 0
        block_depth = len(indents)
        if quote is None and flow == 0:
            content = line.lstrip(" ")
            indent = len(line) - len(content)
            if block_indent is not None:
                if not content.strip() or indent > block_indent:
                    continue
                block_indent = None
            if not content.strip() or content.startswith("#"):
                continue
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            dashes = dashes_.match(content)
            block_depth = len(indents) + (dashes.group().count("-") if dashes else 0)
            if block_header.search(content):
                block_indent = indent
        line_flow = flow
        while True:
            if quote is not None:
                end = quote.match(line, pos)
                if end is None:
                    break  # the quoted scalar goes on
                pos, quote = end.end(), None
            match = interest.search(line, pos)
            if match is None:
                break
            char, at = match.group(), match.start()
            pos = at + 1
            starts = (flow > 0 and (at == 0 or line[at - 1] in " \t[{,:")) or (flow == 0 and _value_start(line[:at], property_))
            if char == "#" and (at == 0 or line[at - 1] in " \t"):
                break
            if char in "\"'" and starts:
                quote = double_rest if char == '"' else single_rest
            elif char in "[{" and (flow > 0 or starts):
                flow += 1
                line_flow = max(line_flow, flow)
            elif char in "]}" and flow > 0:
                flow -= 1
        if block_depth + line_flow > limit:
            return number, 1
    return None
