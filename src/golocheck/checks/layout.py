"""Rows of another format's layout: a gov-2021 report with the single （六）其他处理 row
of gov-2019, a gov-2019 report with 2021's three sub-rows. Reviewers flag this as using
the wrong format; it is reported once per table (rule M004) instead of as unknown and
missing keys."""

from __future__ import annotations

from golocheck.diagnostics import Finding, Location, Text


def _row_ids(fmt, table_id: str) -> dict[str, str]:
    table = fmt.table(table_id)
    return {row.id: row.label for row in table.rows if row.id} if table else {}


def layout_findings(data, fmt, formats) -> tuple[list[Finding], set[str]]:
    """Findings of M004 and the pointers (unknown or missing rows) they explain."""
    findings: list[Finding] = []
    explained: set[str] = set()
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(tables, dict):
        return findings, explained
    for table in fmt.tables:
        rows = tables.get(table.id)
        if not isinstance(rows, dict):
            continue
        own = _row_ids(fmt, table.id)
        unknown = [key for key in rows if key not in own]
        for other in formats.values():
            if other.id == fmt.id or not unknown:
                continue
            theirs = _row_ids(other, table.id)
            foreign = [key for key in unknown if key in theirs]
            if not foreign:
                continue
            missing = [row_id for row_id in own if row_id not in rows and row_id not in theirs]
            foreign_labels = "、".join(theirs[k] for k in foreign)
            missing_labels = "、".join(own[k] for k in missing) or "（无）"
            pointer = f"/tables/{table.id}/{foreign[0]}"
            findings.append(
                Finding(
                    pointer,
                    {
                        "table": table.label,
                        "format": fmt.id,
                        "other_format": other.id,
                        "foreign": foreign_labels,
                        "missing": Text(missing_labels, missing_labels if missing else "(none)"),
                    },
                    label=Text(theirs[foreign[0]], theirs[foreign[0]]),
                    related=tuple(Location(f"/tables/{table.id}/{k}", Text(theirs[k], theirs[k])) for k in foreign[1:]),
                )
            )
            explained.update(f"/tables/{table.id}/{k}" for k in foreign)
            explained.update(f"/tables/{table.id}/{k}" for k in missing)
            unknown = [key for key in unknown if key not in foreign]
    return findings, explained
