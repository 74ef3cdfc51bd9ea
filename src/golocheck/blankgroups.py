"""One defect, one finding: the cells of one column left blank in several rows.

A column nobody filled in makes every blank cell a V004 and every relation through them a
V006 — dozens of findings burying the few about the content. When a column of a table is
blank in MIN_CELLS rows or more, those V004 are replaced by one finding (BLANK_COLUMN)
naming the column and the rows, with the cells as related places, and the V006 of the
relations that cannot be checked because of them are summarised in it.

An error is a proven contradiction. The finding is an error when the table's relations
prove that the blank cells cannot all be 0 (a figure is missing: 总计 blank beside filled
applicant cells), and a warning otherwise (zeros left unwritten, as far as the relations
tell): the bounds are those the narrative checks use (golocheck.checks.bounds).
"""

from __future__ import annotations

from golocheck.checks.memo import once
from golocheck.diagnostics import Finding, Location, Severity, Text

BLANK_CELL, NOT_EVALUATED, BLANK_COLUMN = "V004", "V006", "M005"
MIN_CELLS = 2  # a single blank cell keeps its own V004


def _column_of(pointer: str) -> tuple[str, str | None] | None:
    """(table, column) of a cell pointer /tables/T/R[/C]; None for anything else."""
    parts = pointer.split("/")
    if len(parts) == 4 and parts[1] == "tables":
        return parts[2], None
    if len(parts) == 5 and parts[1] == "tables":
        return parts[2], parts[4]
    return None


def group_blank_columns(findings: list, fmt, enabled, ctx=None) -> list:
    """``findings`` ((code, finding, span, place) entries) with the blank columns grouped.
    ``enabled(code)`` says whether a code is selected: nothing is grouped when BLANK_COLUMN is not.
    ``ctx`` is the checks' Context, whose cells the relations bound (None: nothing is proven)."""
    if fmt is None or not enabled(BLANK_COLUMN):
        return findings
    cells = once("cells by pointer", (fmt,), lambda: {c.pointer: c for c in fmt.cells()})  # read only
    columns: dict[tuple[str, str | None], list[str]] = {}
    for code, finding, _, _ in findings:
        if code == BLANK_CELL and finding.pointer in cells and (key := _column_of(finding.pointer)):
            columns.setdefault(key, []).append(finding.pointer)
    grouped = {key: pointers for key, pointers in columns.items() if len(set(pointers)) >= MIN_CELLS}
    if not grouped:
        return findings
    order = {pointer: i for i, pointer in enumerate(cells)}
    member = {p: key for key, pointers in grouped.items() for p in pointers}
    relations: dict[tuple[str, str | None], dict[str, int]] = {key: {} for key in grouped}
    kept = []
    for entry in findings:
        code, finding = entry[0], entry[1]
        if code == BLANK_CELL and finding.pointer in member:
            continue
        if code == NOT_EVALUATED and finding.pointer in member:
            counts = relations[member[finding.pointer]]
            relation = str(finding.args.get("relation", ""))
            counts[relation] = counts.get(relation, 0) + 1
            continue
        kept.append(entry)
    tables = {t.id: t for t in fmt.tables}
    for key, pointers in grouped.items():
        pointers = sorted(set(pointers), key=order.__getitem__)
        blank = [cells[p] for p in pointers]
        kept.append((BLANK_COLUMN, _finding(tables[key[0]], key[1], blank, relations[key], _proven_low(ctx, blank)), None, None))
    return kept


def _proven_low(ctx, blank: list):
    """What the relations prove the blank cells hold together (0: they may all be 0)."""
    from decimal import Decimal

    if ctx is None:
        return Decimal(0)
    from golocheck.checks.bounds import group_low

    return group_low(ctx, [c.id for c in blank])


def _finding(table, column_id: str | None, blank: list, relations: dict[str, int], low) -> Finding:
    column = next((label for cid, label in table.columns if cid == column_id), None) if column_id else None
    column_text = Text(f"“{column}”列", f"the column “{column}”") if column else Text("数值列", "the figures")
    rows = Text("、".join((c.row_short or c.short).zh for c in blank), "; ".join((c.row_short or c.short).en for c in blank))
    if relations:
        listed = "、".join(f"{code}（{n} 处）" if n > 1 else code for code, n in sorted(relations.items()))
        listed_en = ", ".join(f"{code} ({n} places)" if n > 1 else code for code, n in sorted(relations.items()))
        total = sum(relations.values())
        unchecked = Text(f"因此无法检查的勾稽关系 {total} 处：{listed}", f"relations that cannot be checked because of them ({total}): {listed_en}")
    else:
        unchecked = Text("没有因此无法检查的勾稽关系", "no relation is left unchecked by them")
    if low > 0:
        from golocheck.checks.arithmetic import number_text

        why = Text(f"按勾稽关系，这些单元格合计至少为 {number_text(low)}：缺少数字，不只是没有填写 0",
                   f"by the relations these cells add up to at least {number_text(low)}: figures are missing, not only zeros left unwritten")
    else:
        why = Text("这些空白单元格若为 0，不与任何勾稽关系矛盾：可能是没有填写的 0，应填写 0",
                   "if these blank cells are 0, they contradict no relation: they may be zeros left unwritten — write 0")
    first = blank[0]
    return Finding(
        first.pointer,
        {"table": table.label, "column": column_text, "count": len(blank), "rows": rows, "why": why, "unchecked": unchecked},
        # an error only when a figure is proven missing (see the module's docstring)
        severity=None if low > 0 else Severity.WARNING,
        label=Text(f"{table.label} · {column}" if column else table.label, f"{table.label} / {column}" if column else table.label),
        related=tuple(Location(c.pointer, c.label) for c in blank[1:]),
    )
