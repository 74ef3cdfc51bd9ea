"""Suppressions: in the report (``"suppressions": [{code, pointer, reason, expires}]`` —
JSON has no comments, so no ``# noqa``) and per file in configuration
(``[[tool.golocheck.suppress]]`` with a ``files`` glob). A reason is mandatory. An
expired suppression is not applied and is reported (Q002); one that suppressed
nothing is reported too (Q001), like ruff's unused ``noqa``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from golocheck.diagnostics import Diagnostic, Finding, Location, Text


@dataclass(frozen=True)
class Suppression:
    code: str  # a rule code or name
    pointer: str | None  # None: anywhere in the file; else this value and everything below it
    reason: str
    expires: date | None
    origin_file: str  # where the suppression is written (the report, or a configuration file)
    origin_pointer: str  # its place there

    def matches(self, diagnostic: Diagnostic) -> bool:
        if self.code not in (diagnostic.code, diagnostic.name):
            return False
        if self.pointer is None:
            return True
        return diagnostic.pointer == self.pointer or diagnostic.pointer.startswith(self.pointer.rstrip("/") + "/")

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today


def from_report(data, path: str) -> list[Suppression]:
    """The report's own suppressions (the schema checks their shape; malformed ones are skipped)."""
    result = []
    entries = data.get("suppressions") if isinstance(data, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not (isinstance(entry, dict) and isinstance(entry.get("code"), str) and isinstance(entry.get("reason"), str) and entry["reason"].strip()):
            continue
        expires = None
        if isinstance(entry.get("expires"), str):
            try:
                expires = date.fromisoformat(entry["expires"])
            except ValueError:
                continue
        pointer = entry.get("pointer") if isinstance(entry.get("pointer"), str) else None
        result.append(Suppression(entry["code"], pointer, entry["reason"], expires, path, f"/suppressions/{index}"))
    return result


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression], today: date) -> tuple[list[Diagnostic], set[int]]:
    """Diagnostics left after suppression, and the indexes of the suppressions that were used."""
    used: set[int] = set()
    kept = []
    active = [(i, s) for i, s in enumerate(suppressions) if not s.expired(today)]
    for diagnostic in diagnostics:
        hit = next((i for i, s in active if s.matches(diagnostic)), None)
        if hit is None:
            kept.append(diagnostic)
        else:
            used.add(hit)
    return kept, used


def problem(suppression: Suppression, expired: bool, in_report: bool) -> tuple[str, Finding]:
    """The Q002 (expired) or Q001 (unused) finding for a suppression."""
    args = {
        "code": suppression.code,
        "pointer": suppression.pointer or "（整个文件）",
        "reason": suppression.reason,
        "expires": suppression.expires.isoformat() if suppression.expires else "",
        "origin": suppression.origin_file,
    }
    label = Text("抑制", "suppression")
    if in_report:
        return ("Q002" if expired else "Q001"), Finding(suppression.origin_pointer, args, label=label)
    related = (Location(suppression.origin_pointer, label, file=suppression.origin_file),)
    return ("Q002" if expired else "Q001"), Finding("", args, label=label, related=related)
