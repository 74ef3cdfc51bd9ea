"""What the HTML review page shows of a report besides its diagnostics, taken while the
report is at hand (run.py, only when the html output is asked for), so that the reporter
never re-reads a report file and a batch's results stay slim for every other output.

A :class:`Review` holds a few metadata strings, the text of each statistics cell the
report's format defines (by JSON pointer; the labels come from the format definition the
reporter is handed), and the sentence around each figure a narrative finding points at.
Everything in it is the report's own text, untrusted: the reporter escapes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A hostile or broken report must not blow the page up: what is kept is bounded.
MAX_META = 300  # characters of an issuer or title
MAX_CELL = 120  # characters of one cell's text
MAX_SIDE = 160  # characters of a sentence on either side of the marked figure
MAX_EXCERPTS = 200  # per report
# Where a sentence ends (the figure is shown in its sentence, not in the whole section).
_STOPS = "。！？；!?;\n"


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The sentence around a figure in a text value: ``before`` + ``figure`` + ``after``."""

    pointer: str
    offset: int
    before: str
    figure: str
    after: str


@dataclass(frozen=True, slots=True)
class Review:
    issuer: str | None = None
    title: str | None = None
    year: str | None = None
    # (pointer, text) for each cell of the format's tables the report gives; a blank is None
    cells: tuple[tuple[str, str | None], ...] = ()
    excerpts: tuple[Excerpt, ...] = ()

    def cell_map(self) -> dict[str, str | None]:
        return dict(self.cells)


def _clip(value: Any, limit: int) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _resolve(data: Any, pointer: str) -> tuple[bool, Any]:
    """(found, value) of a JSON pointer in ``data``."""
    node = data
    for raw in pointer.split("/")[1:]:
        key = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return False, None
    return True, node


def cell_text(value: Any) -> str | None:
    """How a cell reads on the page: its figure or text; a figure with a note as printed,
    ``22（其中修订 16 件）``; None for a blank (null)."""
    if isinstance(value, dict) and "value" in value:
        figure = cell_text(value.get("value"))
        note = value.get("note")
        if note is None:
            return figure
        return _clip(f"{figure or ''}（{note}）", MAX_CELL)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _clip(repr(value), MAX_CELL)
    return _clip(value, MAX_CELL)


def _figure(args: dict) -> str | None:
    """The marked figure of a finding's quote (the text between 【 and 】)."""
    quote = args.get("quote")
    if not isinstance(quote, str) or "【" not in quote:
        return None
    inner = quote.split("【", 1)[1]
    return inner.split("】", 1)[0] if "】" in inner else None


def excerpt_at(text: str, pointer: str, offset: int, figure: str) -> Excerpt | None:
    """The sentence of ``text`` around ``figure`` at ``offset``; None when the figure is not
    there (the finding's offset means something else)."""
    if not figure or not (0 <= offset <= len(text)) or text[offset: offset + len(figure)] != figure:
        return None
    end = offset + len(figure)
    start = max((text.rfind(stop, 0, offset) for stop in _STOPS), default=-1) + 1
    stops = [i for i in (text.find(stop, end) for stop in _STOPS) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    before, after = text[start:offset], text[end:stop].rstrip("\n")
    if len(before) > MAX_SIDE:
        before = "…" + before[-MAX_SIDE:]
    if len(after) > MAX_SIDE:
        after = after[:MAX_SIDE] + "…"
    return Excerpt(pointer, offset, before, figure, after)


def review_of(data: Any, format_def, diagnostics) -> Review | None:
    """The review record of a report's ``data`` (None when it did not parse); ``format_def``
    is its format's definition (None when unknown: no tables to draw)."""
    if not isinstance(data, dict):
        return None
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    cells = []
    if format_def is not None:
        for cell in format_def.cells():
            found, value = _resolve(data, cell.pointer)
            if found:
                cells.append((cell.pointer, cell_text(value)))
    excerpts: list[Excerpt] = []
    seen = set()
    for d in diagnostics:
        offset, figure = d.args.get("offset"), _figure(d.args)
        if not isinstance(offset, int) or isinstance(offset, bool) or figure is None or (d.pointer, offset) in seen:
            continue
        found, text = _resolve(data, d.pointer)
        if found and isinstance(text, str) and (excerpt := excerpt_at(text, d.pointer, offset, figure)) is not None:
            seen.add((d.pointer, offset))
            excerpts.append(excerpt)
            if len(excerpts) >= MAX_EXCERPTS:
                break
    year = metadata.get("report_year")
    return Review(
        issuer=_clip(metadata.get("issuer"), MAX_META),
        title=_clip(metadata.get("title"), MAX_META),
        year=_clip(year, 20),
        cells=tuple(cells),
        excerpts=tuple(excerpts),
    )
