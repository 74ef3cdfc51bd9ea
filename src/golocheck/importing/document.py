"""The document model every reader produces and the importer's later stages read.

A document is its content in reading order: paragraph blocks and table grids. Every
piece carries its place in the original file (an HTML source line, a DOCX paragraph or
table cell, a text line, a PDF page and box), so that a finding on an imported value can
point into the original. Readers do not interpret: a cell's text is what the document
prints (runs joined), never cleaned into a number; interpretation (which table, which
row, which figure) belongs to the anchoring stage, which reads the format definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from golocheck.diagnostics import Place

# White space a publisher uses for an empty cell: ordinary spaces, no-break spaces
# (&nbsp;, Word's <o:p> </o:p>), ideographic spaces (the national Word template's
# empty cells hold two U+3000). A cell holding only these is blank — never zero.
BLANK_CHARACTERS = " \t\r\n\u00a0\u3000\u200b\ufeff"


def is_blank(text: str) -> bool:
    return not text.strip(BLANK_CHARACTERS)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or line of text. ``level`` is the heading level when the
    document itself says so (h1–h6, a Word heading style or outline level), else None."""

    text: str
    place: Place
    level: int | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One position of a table grid. ``text`` is the cell's printed text with inline runs
    joined and block breaks as "\\n". ``spanned_from`` is the (row, column) of the merged
    cell this position repeats (rowspan/colspan, vMerge/gridSpan), None for the cell's
    own position — so a label repeated down a merged column can be told from a printed one."""

    text: str
    place: Place
    spanned_from: tuple[int, int] | None = None

    @property
    def blank(self) -> bool:
        return is_blank(self.text)


@dataclass(frozen=True, slots=True)
class Grid:
    """A table: a rectangle of cells (merges expanded), with its place and its 1-based
    number among the document's tables. ``flattened`` marks a grid a text reader
    rebuilt from flattened text (a label followed by a run of digits that may hold
    several cells): its value cells may need splitting under the format's relations."""

    rows: tuple[tuple[Cell, ...], ...]
    place: Place
    number: int
    flattened: bool = False

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Item = Union[Block, Grid]


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader made of one file. ``kind`` is the reader's (html, docx, text,
    markdown, pdf); ``meta`` holds what the file says about itself outside its body
    (an HTML <title>, meta ArticleTitle or PubDate, a DOCX core title), as printed;
    ``source_lines`` are the file's own lines when it has any (HTML, text), for
    excerpts in the full output; ``problems`` the reader's findings on parts it could not read."""

    path: str
    kind: str
    items: tuple[Item, ...]
    meta: dict[str, str] = field(default_factory=dict)
    source_lines: tuple[str, ...] | None = None
    # what the reader could read only in part (a PDF page without a text layer): the
    # reader's own findings, loading.Problem with a place; the importer reports them
    problems: tuple = ()

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(item for item in self.items if isinstance(item, Block))

    @property
    def grids(self) -> tuple[Grid, ...]:
        return tuple(item for item in self.items if isinstance(item, Grid))
