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
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


def _mapping_proxy(items: dict) -> MappingProxyType:
    return MappingProxyType(items)


def _pickle_mapping_proxy(proxy: MappingProxyType):
    return _mapping_proxy, (dict(proxy),)


# Diagnostics cross process boundaries (golocheck --jobs N); their read-only mappings must pickle.
copyreg.pickle(MappingProxyType, _pickle_mapping_proxy)


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text in both languages (labels, messages, legal bases)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    @classmethod
    def of(cls, value: Any) -> "Text":
        """Build from a rule/format file value: a {zh, en} mapping or one string for both."""
        if isinstance(value, Text):
            return value
        if isinstance(value, Mapping):
            zh = str(value.get("zh", value.get("en", "")))
            return cls(zh, str(value.get("en", zh)))
        return cls(str(value), str(value))


@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column (Unicode code points) of a value in the source."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a report: JSON pointer, its label, and (once resolved) its span."""

    pointer: str
    label: Text | None = None
    span: Span | None = None
    file: str | None = None  # None: the same file as the diagnostic


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Diagnostic:
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
        return self.location.span.line if self.location.span else None

    @property
    def column(self) -> int | None:
        return self.location.span.column if self.location.span else None

    def sort_key(self) -> tuple:
        span = self.location.span
        return (self.file, span.line if span else 0, span.column if span else 0, self.code, self.pointer)
