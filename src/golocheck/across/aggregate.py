"""Totals that must be the sum of their children, cell by cell (an aggregation manifest).

For every cell of the format (the format definition lists them; no code names one), the
total's value is compared with the sum of the children's. A difference is a finding on the
total's cell, with each child's cell (and value) as related locations. A cell that cannot
be checked — a child report missing from the batch or unreadable, a child's cell blank or
not a figure — is not silently passed: for each pair of total and child one finding lists
the cells (``unchecked``), however many there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from golocheck.across.manifest import ManifestError, Ref, Sum
from golocheck.across.signatures import ReportSignature, with_file
from golocheck.diagnostics import Location, Text


@dataclass(frozen=True)
class AcrossFinding:
    position: int  # the batch position of the report it attaches to
    code: str
    location: Location  # resolved
    file: str
    args: dict
    related: tuple[Location, ...] = ()


def resolve(sums: tuple[Sum, ...], signatures: dict[int, ReportSignature], by_path: dict[str, int], manifest: str):
    """Each sum's total and children as batch positions (None: not in the batch, or not
    readable). A sum whose total is not in the batch is not checked (it is not being
    checked at all); formats or years that differ within a sum are a ManifestError."""
    by_issuer: dict[str, list[int]] = {}
    for position, sig in signatures.items():
        if sig.issuer:
            by_issuer.setdefault(sig.issuer, []).append(position)

    def find(ref: Ref, year: int | None) -> int | None:
        if ref.path is not None:
            position = by_path.get(ref.path)
            return position if position in signatures else None
        found = [p for p in by_issuer.get(ref.issuer, ()) if year is None or signatures[p].year == year]
        if len(found) > 1:
            raise ManifestError(f"{manifest}: {len(found)} reports of the batch are by {ref.issuer}{'' if year is None else f' for {year}'}: name the file")
        return found[0] if found else None

    resolved = []
    for s in sums:
        total = find(s.total, s.year)
        if total is None:
            continue
        head = signatures[total]
        year = s.year if s.year is not None else head.year
        # a child whose format is unknown cannot be summed: it is missing (its own findings say why)
        children = [(ref, p if p is not None and signatures[p].cells is not None else None) for ref in s.children for p in [find(ref, year)]]
        for ref, position in children:
            if position is None:
                continue
            child = signatures[position]
            if child.format_id != head.format_id or child.year != head.year:
                raise ManifestError(
                    f"{manifest}: {child.path} ({child.format_id}, {child.year}) and its total {head.path} "
                    f"({head.format_id}, {head.year}) differ in format or year")
        resolved.append((total, children))
    _check_resolved(resolved, signatures, manifest)
    return resolved


def _check_resolved(resolved, signatures: dict[int, ReportSignature], manifest: str) -> None:
    """The manifest's structure again, on the reports found: a path and an issuer may name
    the same report."""
    totals, parts = set(), {}
    for total, children in resolved:
        if total in totals:
            raise ManifestError(f"{manifest}: {signatures[total].path} is the total of two sums")
        totals.add(total)
        for _, position in children:
            if position is None:
                continue
            if position in parts or position == total:
                raise ManifestError(f"{manifest}: {signatures[position].path} is part of two sums or of its own")
            parts[position] = total
    for total in totals:  # a cycle: climbing from a total's total back to itself
        seen, node = set(), total
        while node in parts:
            node = parts[node]
            if node == total or node in seen:
                raise ManifestError(f"{manifest}: {signatures[total].path} is part of its own sum (a cycle)")
            seen.add(node)


def check(resolved, signatures: dict[int, ReportSignature], difference_code: str, unchecked_code: str, max_listed: int):
    for total, children in resolved:
        head = signatures[total]
        if head.cells is None:
            continue  # its format is unknown: its own findings say so
        unchecked: dict[int, list] = {}  # child index -> cells
        missing = [i for i, (_, position) in enumerate(children) if position is None]
        for cell_id, entry in head.cells.items():
            if entry.state != "number":
                unchecked.setdefault(-1, []).append(entry)
                continue
            parts, complete = [], not missing
            for i, (_, position) in enumerate(children):
                if position is None:
                    continue
                value = signatures[position].cells.get(cell_id)
                if value is None or value.state != "number":
                    unchecked.setdefault(i, []).append(entry)
                    complete = False
                else:
                    parts.append((signatures[position], value))
            if not complete:
                continue
            added = sum((v.number for _, v in parts), start=0)
            if added != entry.number:
                yield _difference(total, head, entry, parts, added, difference_code)
        for i in missing:
            ref = children[i][0]
            yield _unchecked(total, head, ref.describe(), None, "missing", list(head.cells.values()), unchecked_code, max_listed)
        for i, cells in sorted(unchecked.items()):
            if i == -1:
                yield _unchecked(total, head, head.path, None, "total_blank", cells, unchecked_code, max_listed)
            else:
                child = signatures[children[i][1]]
                first = child.cells.get(_id_of(head, cells[0]))
                related = (with_file(first.place, first.file, head.file),) if first is not None else ()
                yield _unchecked(total, head, child.path, related, "child_blank", cells, unchecked_code, max_listed)


def _id_of(head: ReportSignature, entry) -> str:
    return next(cell_id for cell_id, e in head.cells.items() if e is entry)


def _name(sig: ReportSignature) -> str:
    return sig.issuer or sig.path


def _text(value) -> str:
    from golocheck.checks.arithmetic import number_text

    return number_text(value)


def _difference(total: int, head: ReportSignature, entry, parts, added, code: str) -> AcrossFinding:
    # each child by issuer and file: the one-line outputs show no related locations
    terms = " + ".join(f"{_name(sig)}（{v.file}）{_text(v.number)}" if sig.issuer else f"{v.file} {_text(v.number)}" for sig, v in parts)
    related = tuple(
        with_file(Location(v.place.pointer, Text(f"{_name(sig)}：{v.place.label.zh if v.place.label else ''} {_text(v.number)}",
                                                  f"{_name(sig)}: {v.place.label.en if v.place.label else ''} {_text(v.number)}"),
                           v.place.span, v.place.file, v.place.place), v.file, head.file)
        for sig, v in parts)
    label = entry.place.label
    args = {"label": label if label is not None else entry.place.pointer, "total_value": _text(entry.number), "sum": _text(added),
            "terms": terms, "children": len(parts)}
    return AcrossFinding(total, code, entry.place, entry.file, args, related)


_REASONS = {
    "missing": ("下级报告不在本批或无法读取", "the child report is not in the batch or could not be read"),
    "child_blank": ("下级报告的这些单元格为空或不是数字", "these cells of the child report are blank or not figures"),
    "total_blank": ("合计报告的这些单元格为空或不是数字", "these cells of the total report are blank or not figures"),
}


def _unchecked(total: int, head: ReportSignature, other: str, related, reason: str, cells, code: str, max_listed: int) -> AcrossFinding:
    def names(lang: str) -> str:
        shown = [(e.place.label.get(lang) if e.place.label else e.place.pointer) for e in cells[:max_listed]]
        more = len(cells) - len(shown)
        tail = (f" 等 {len(cells)} 个" if lang == "zh" else f" and {more} more") if more > 0 else ""
        return ("、" if lang == "zh" else "; ").join(shown) + tail

    zh, en = _REASONS[reason]
    args = {"other_report": other, "count": len(cells), "reason": Text(zh, en), "cells": Text(names("zh"), names("en"))}
    return AcrossFinding(total, code, Location("", Text("汇总报告", "total report")), head.file, args, related or ())
