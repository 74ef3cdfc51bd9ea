"""The diagnostic record: what every check produces and every reporter consumes.

A rule yields *what* and *where* (a :class:`Finding`); the engine stamps *who*
and *how bad* (code, name, severity, file, basis) and turns it into an
immutable :class:`Diagnostic`. Line and column are filled in last, and only
for files that have findings, because mapping a JSON pointer back to the
source text costs a scan of the file.
"""

from __future__ import annotations

import copyreg
import enum
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

from golocheck.records import field, record


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def zh(self) -> str:
        from golocheck.i18n import word

        return word("zh", self.value)


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
# --fail-on and the configuration's fail-on: a severity, or never
FAIL_ON_LEVELS = (*(s.value for s in Severity), "never")


def _mapping_proxy(items: dict) -> MappingProxyType:
    return MappingProxyType(items)


def _pickle_mapping_proxy(proxy: MappingProxyType):
    return _mapping_proxy, (dict(proxy),)


# Diagnostics cross process boundaries (golocheck --jobs N); their read-only mappings must pickle.
copyreg.pickle(MappingProxyType, _pickle_mapping_proxy)


@record(frozen=True, slots=True)
class Text:
    """A piece of text in both languages (labels, messages, legal bases)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    @classmethod
    def of(cls, value: Any) -> "Text":
        """Build from a rule/format file value: a {zh, en} mapping or one string for both."""
        if type(value) is str:  # the common cases first: isinstance(value, Mapping) is slow
            return cls(value, value)
        if isinstance(value, Text):
            return value
        if type(value) is dict or isinstance(value, Mapping):
            zh = str(value.get("zh", value.get("en", "")))
            return cls(zh, str(value.get("en", zh)))
        return cls(str(value), str(value))


@record(frozen=True, slots=True)
class Span:
    """1-based line and column (Unicode code points) of a value in the source."""

    line: int
    column: int
    end_line: int
    end_column: int


def _zh(lang: str) -> bool:
    return lang != "en"


def _cell(lang: str, table: int | None, row: int | None, column: int | None) -> list[str]:
    """"table 2 row 5 column 3" / "表 2 第 5 行第 3 列": the parts that are known (1-based)."""
    if _zh(lang):
        rowcol = (f"第 {row} 行" if row is not None else "") + (f"第 {column} 列" if column is not None else "")
        text = " ".join(p for p in (f"表 {table}" if table is not None else "", rowcol) if p)
    else:
        text = " ".join(p for p in (f"table {table}" if table is not None else "", f"row {row}" if row is not None else "",
                                    f"column {column}" if column is not None else "") if p)
    return [text] if text else []


def _join(lang: str, parts: list[str]) -> str:
    return ("，" if _zh(lang) else ", ").join(p for p in parts if p)


@record(frozen=True, slots=True)
class FilePosition:
    """A value in a JSON or YAML report file: its JSON pointer is the place, and its
    line:column span (the Location's ``span``) is found from the pointer. The default
    kind of place; a Location without ``place`` is one of these."""

    kind: ClassVar[str] = "file"

    def describe(self, lang: str, with_line: bool = True) -> str:
        return ""

    def fields(self) -> dict[str, Any]:
        return {}

    def source_span(self) -> Span | None:
        return None


@record(frozen=True, slots=True)
class PdfPlace:
    """A page of a PDF (1-based) and, when known, the box on it (x0, y0, x1, y1 in PDF
    points, origin at the bottom left as in PDF) and the table cell."""

    page: int
    box: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    kind: ClassVar[str] = "pdf"

    def describe(self, lang: str, with_line: bool = True) -> str:
        page = f"第 {self.page} 页" if _zh(lang) else f"page {self.page}"
        return _join(lang, [page, *_cell(lang, self.table, self.row, self.column)])

    def fields(self) -> dict[str, Any]:
        return {"page": self.page, "box": list(self.box) if self.box is not None else None,
                "table": self.table, "row": self.row, "column": self.column}

    def source_span(self) -> Span | None:
        return None  # a page has no source lines


@record(frozen=True, slots=True)
class HtmlPlace:
    """A place in an HTML page: the source line (1-based) and, in a table, the cell."""

    line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    kind: ClassVar[str] = "html"

    def describe(self, lang: str, with_line: bool = True) -> str:
        line = (f"第 {self.line} 行" if _zh(lang) else f"line {self.line}") if with_line and self.line is not None else ""
        return _join(lang, [line, *_cell(lang, self.table, self.row, self.column)])

    def fields(self) -> dict[str, Any]:
        return {"line": self.line, "table": self.table, "row": self.row, "column": self.column}

    def source_span(self) -> Span | None:
        return Span(self.line, 1, self.line, 1) if self.line is not None else None


@record(frozen=True, slots=True)
class DocxPlace:
    """A place in a Word document: a paragraph (0-based index in the body, as python-docx
    counts them) or a table cell (1-based table, row and column)."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    kind: ClassVar[str] = "docx"

    def describe(self, lang: str, with_line: bool = True) -> str:
        paragraph = ""
        if self.paragraph is not None:
            paragraph = f"第 {self.paragraph + 1} 段" if _zh(lang) else f"paragraph {self.paragraph + 1}"
        return _join(lang, [paragraph, *_cell(lang, self.table, self.row, self.column)])

    def fields(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "table": self.table, "row": self.row, "column": self.column}

    def source_span(self) -> Span | None:
        return None


@record(frozen=True, slots=True)
class TextPlace:
    """A place in a plain text file: 1-based line and column (code points)."""

    line: int
    column: int = 1
    kind: ClassVar[str] = "text"

    def describe(self, lang: str, with_line: bool = True) -> str:
        if not with_line:
            return ""
        return f"第 {self.line} 行第 {self.column} 列" if _zh(lang) else f"line {self.line}, column {self.column}"

    def fields(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column}

    def source_span(self) -> Span | None:
        return Span(self.line, self.column, self.line, self.column)


def column_letters(column: int) -> str:
    """1 -> A, 27 -> AA: a spreadsheet's name for a column."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@record(frozen=True, slots=True)
class SheetPlace:
    """A cell of a register kept as a spreadsheet (a ledger, 台账): the file it is in (a
    ledger is another file than the report whose registers it fills), the sheet (None for
    CSV), the 1-based row and column, the column's header and the row's cells as text (the
    full output shows the row). People read it as ``requests.xlsx#台账!B17``: the same
    ``FILE#SHEET`` the command line takes."""

    file: str
    row: int
    column: int
    sheet: str | None = None
    header: str | None = None
    row_text: str | None = None
    kind: ClassVar[str] = "sheet"
    joined: ClassVar[bool] = True  # written right after the file name, no space

    @property
    def cell(self) -> str:
        return f"{column_letters(self.column)}{self.row}"

    def describe(self, lang: str, with_line: bool = True) -> str:
        where = (f"#{self.sheet}" if self.sheet else "") + f"!{self.cell}"
        if self.header:
            where += f"（{self.header}）" if _zh(lang) else f" ({self.header})"
        return where

    def fields(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.cell, "header": self.header}

    def source_span(self) -> Span | None:
        return None  # a cell, not a line of text


Place = FilePosition | PdfPlace | HtmlPlace | DocxPlace | TextPlace | SheetPlace
PLACE_KINDS = tuple(kind.kind for kind in (FilePosition, PdfPlace, HtmlPlace, DocxPlace, TextPlace, SheetPlace))


@record(frozen=True, slots=True)
class Location:
    """A place in a report source: the JSON pointer of the value in the report data, its
    label, (once resolved) its line:column span in the source text, and — for a report
    imported from a document — where in that document it was read (``place``).

    ``file`` None: the same file as the diagnostic. ``place`` None: a JSON or YAML file,
    where the pointer and span say everything (see :class:`FilePosition`)."""

    pointer: str
    label: Text | None = None
    span: Span | None = None
    file: str | None = None
    place: Place | None = None

    @property
    def where(self) -> Place:
        return self.place if self.place is not None else FilePosition()

    @property
    def source_span(self) -> Span | None:
        """The line:column span to show: the resolved one, or the one the place gives
        (an HTML or text line); None for a page or a paragraph."""
        return self.span if self.span is not None else (self.place.source_span() if self.place is not None else None)

    def describe(self, lang: str) -> str:
        """For people: what a span does not already say (a page, a table cell, a paragraph)."""
        if self.place is None:
            return ""
        return self.place.describe(lang, with_line=self.source_span is None)


@record(frozen=True, slots=True)
class Finding:
    """What a check reports: where, the message arguments, and the other places involved."""

    pointer: str
    args: Mapping[str, Any] = field(default_factory=dict)
    label: Text | None = None
    related: tuple[Location, ...] = ()
    # A check may lower or raise the rule's severity for one finding, e.g. when
    # a result depends on calendar days that may still change.
    severity: Severity | None = None
    # A check may report on behalf of another rule: a relation that cannot be
    # evaluated reports V006 (relation-not-evaluated) rather than its own code.
    rule: str | None = None


@record(frozen=True, slots=True)
class Diagnostic:
    """One finding as the reporters show it: rule, severity, place, message and basis."""

    code: str
    name: str
    severity: Severity
    file: str
    location: Location
    message: Text
    title: Text
    basis: Text
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    related: tuple[Location, ...] = ()

    @property
    def pointer(self) -> str:
        return self.location.pointer

    @property
    def line(self) -> int | None:
        span = self.location.source_span
        return span.line if span else None

    @property
    def column(self) -> int | None:
        span = self.location.source_span
        return span.column if span else None

    def sort_key(self) -> tuple:
        span = self.location.source_span
        return (self.file, span.line if span else 0, span.column if span else 0, self.code, self.pointer)
