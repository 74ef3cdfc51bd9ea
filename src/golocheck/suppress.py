"""Suppressions: in the report (``"suppressions": [{code, pointer, reason, expires}]`` —
JSON has no comments, so no ``# noqa``) and per file in configuration
(``[[tool.golocheck.suppress]]`` with a ``files`` glob). A reason is mandatory. An
expired suppression is not applied and is reported (Q002); one that suppressed
nothing is reported too (Q001), like ruff's unused ``noqa``; an entry of the report that
is not a valid suppression (no reason, an expiry that is not a date, ...) suppresses
nothing and is reported (Q003). Load and structure findings (rules marked
``always_reported``) cannot be suppressed."""

from __future__ import annotations

import re
from datetime import date

from golocheck.diagnostics import Diagnostic, Finding, Location, Text
from golocheck.records import record

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@record(frozen=True)
class Suppression:
    """One suppression: a rule (code or name) left out at a place of a report, with its reason."""

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


def from_report(data, path: str, unsuppressible: frozenset[str] = frozenset()) -> tuple[list[Suppression], list[tuple[str, Finding]]]:
    """The report's own suppressions, and a Q003 finding for each entry that is not a valid
    suppression (an invalid entry suppresses nothing: it is never guessed at or skipped
    silently). ``unsuppressible``: codes and names of the rules no suppression applies to."""
    result, invalid = [], []
    entries = data.get("suppressions") if isinstance(data, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        where = f"/suppressions/{index}"
        problem_found = entry_problem(entry, unsuppressible)
        if problem_found is not None:
            key, text = problem_found
            invalid.append(("Q003", Finding(f"{where}/{key}" if key else where, {"problem": text}, label=Text("抑制", "suppression"))))
            continue
        expires = date.fromisoformat(entry["expires"]) if "expires" in entry else None
        pointer = entry.get("pointer")
        result.append(Suppression(entry["code"], pointer, entry["reason"], expires, path, where))
    return result, invalid


def entry_problem(entry, unsuppressible: frozenset[str]) -> tuple[str, Text] | None:
    """What makes one entry of "suppressions" unusable: (the key at fault, or "" for the
    entry, and the problem in both languages), or None for a valid entry."""
    if not isinstance(entry, dict):
        return "", Text("抑制条目应为对象（code、reason 等键）", "a suppression must be an object (code, reason, ...)")
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        return "code", Text("缺少规则代码（code）", "the rule code (code) is missing")
    if code in unsuppressible:
        return "code", Text(f"{code} 是文件读取或结构问题，一律报告，不能抑制", f"{code} is a load or structure problem; it is always reported and cannot be suppressed")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        return "reason", Text("缺少理由（reason），理由必填且不能只有空白", "the reason (reason) is missing; it is mandatory and must not be blank")
    pointer = entry.get("pointer")
    if "pointer" in entry and not (isinstance(pointer, str) and (pointer == "" or pointer.startswith("/"))):
        return "pointer", Text(f"指针 {pointer!r} 不是 JSON 指针（应以 / 开头）", f"the pointer {pointer!r} is not a JSON pointer (it starts with /)")
    if "expires" in entry:
        expires = entry["expires"]
        if not isinstance(expires, str):
            return "expires", Text(f"到期日 {expires!r} 应为 YYYY-MM-DD 格式的字符串", f"the expiry date {expires!r} must be a string YYYY-MM-DD")
        try:
            if not _ISO_DATE.fullmatch(expires):
                raise ValueError(expires)  # fromisoformat also takes 20250101 and 2025-W01-1
            date.fromisoformat(expires)
        except ValueError:
            return "expires", Text(f"到期日“{expires}”不是有效的日期（YYYY-MM-DD）", f"the expiry date “{expires}” is not a real date (YYYY-MM-DD)")
    return None


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression], today: date, unsuppressible: frozenset[str] = frozenset()) -> tuple[list[Diagnostic], set[int]]:
    """Diagnostics left after suppression, and the indexes of the suppressions that were used.
    Diagnostics of the ``unsuppressible`` codes are always kept."""
    used: set[int] = set()
    kept = []
    active = [(i, s) for i, s in enumerate(suppressions) if not s.expired(today)]
    for diagnostic in diagnostics:
        hit = None if diagnostic.code in unsuppressible else next((i for i, s in active if s.matches(diagnostic)), None)
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
