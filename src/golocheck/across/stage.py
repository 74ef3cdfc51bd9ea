"""The stage after the stream: the rules across reports, run on the signatures kept.

:func:`prepare` says what each worker keeps (an :class:`AcrossSpec`, from the rules'
parameters). :func:`with_findings` passes the batch's results through: it holds them back
until the last one (their diagnostics only — the reports themselves are gone, and each
result carries just its signature), runs the aggregation and copy checks, adds each
finding to the result of the report it attaches to (stamped with that report's selection
and severities) and yields the results in their order. Without a manifest and without
``--across`` none of this runs and the batch streams as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from golocheck.across import aggregate
from golocheck.across.copies import CopyParams, find_copies
from golocheck.across.manifest import ManifestError, Sum, load, normal_path
from golocheck.across.signatures import AcrossSpec, with_file
from golocheck.diagnostics import Diagnostic, Finding, Location, Text
from golocheck.records import replace

AGGREGATE_KIND = "aggregate_sum"
COPIES_KIND = "copied_sections"


@dataclass(frozen=True)
class AcrossPlan:
    spec: AcrossSpec
    sums: tuple[Sum, ...] = ()
    manifest: str = ""


def _rules_of(rules: dict, kind: str) -> list:
    return [rule for rule in rules.values() if rule.check == kind]


def prepare(rules: dict, manifest: Path | None, copies: bool) -> AcrossPlan | None:
    """What the across stage needs, or None when it does not run. Raises ManifestError."""
    if manifest is None and not copies:
        return None
    sums = load(manifest) if manifest is not None else ()
    copy_rules = _rules_of(rules, COPIES_KIND) if copies else []
    ngram = max((r.params["ngram"] for r in copy_rules), default=0)
    spec = AcrossSpec(
        ngram=ngram if copy_rules else 0,
        sketch_size=max((r.params["sketch_size"] for r in copy_rules), default=0),
        min_chars=min((r.params["min_chars"] for r in copy_rules), default=0),
        cells=bool(sums),
    )
    return AcrossPlan(spec, sums, str(manifest) if manifest is not None else "")


def with_findings(results: Iterable, jobs: list, plan: AcrossPlan, rules: dict) -> Iterator:
    """``results`` (one per job, in order) with the findings across reports added."""
    from golocheck.engine import make_diagnostic

    held = []
    signatures = {}
    for position, result in enumerate(results):
        if result.across is not None:
            signatures[position] = result.across
        held.append(replace(result, across=None))
    ran: dict[int, set[str]] = {}
    found = list(findings(signatures, jobs, plan, rules, ran_out=ran))
    added: dict[int, list[Diagnostic]] = {}
    for rule, f in found:
        job = jobs[f.position]
        if not job.selection.enabled(rule):
            continue
        d = make_diagnostic(rule, Finding(f.location.pointer, f.args, f.location.label, f.related), f.file, job.selection)
        added.setdefault(f.position, []).append(replace(d, location=f.location))
    for position, result in enumerate(held):
        extra = added.get(position)
        if extra:
            result = replace(result, diagnostics=tuple(sorted((*result.diagnostics, *extra), key=Diagnostic.sort_key)))
        if result.not_run and ran.get(position):  # the across rules that checked this report ran after all
            result = replace(result, not_run={code: why for code, why in result.not_run.items() if code not in ran[position]})
        yield result


def findings(signatures: dict, jobs: list, plan: AcrossPlan, rules: dict, search_out: list | None = None,
             ran_out: dict | None = None):
    """(rule, AcrossFinding) for the batch. ``search_out`` receives the copy Search (tests);
    ``ran_out`` (position -> rule codes) the rules that checked each report: a sum's total,
    and every report with sections compared for copies."""
    ran = ran_out if ran_out is not None else {}
    if plan.sums:
        by_path = {normal_path(job.path): position for position, job in enumerate(jobs) if job.path is not None}
        resolved = aggregate.resolve(plan.sums, signatures, by_path, plan.manifest)
        for rule in _rules_of(rules, AGGREGATE_KIND):
            unchecked = rules[rule.params["unchecked"]]
            for total, _ in resolved:
                ran.setdefault(total, set()).update((rule.code, unchecked.code))
            for f in aggregate.check(resolved, signatures, rule.code, unchecked.code, rule.params["max_listed"]):
                yield (rule if f.code == rule.code else unchecked), f
    if plan.spec.ngram:
        with_sections = [(p, s) for p, s in sorted(signatures.items()) if s.sections]
        for rule in _rules_of(rules, COPIES_KIND):
            for position, _ in with_sections:
                ran.setdefault(position, set()).add(rule.code)
            params = CopyParams(**{k: rule.params[k] for k in ("threshold", "anchors", "min_shared", "common_share", "common_at_least", "sketch_size")})
            search = find_copies(with_sections, params)
            if search_out is not None:
                search_out.append(search)
            yield from ((rule, f) for f in _copy_findings(search, signatures))


def _copy_findings(search, signatures: dict):
    """One finding per copied section of the later report: the most similar earlier one."""
    best: dict[tuple[int, int], object] = {}
    for copy in search.copies:
        key = (copy.later, copy.later_section)
        if key not in best or copy.similarity > best[key].similarity:
            best[key] = copy
    for (later, section), copy in sorted(best.items()):
        this, other = signatures[later], signatures[copy.earlier]
        mine, theirs = this.sections[section], other.sections[copy.earlier_section]
        related = with_file(Location(theirs.place.pointer, Text(f"{other.issuer}：{theirs.heading}", f"{other.issuer}: {theirs.heading}"),
                                     theirs.place.span, None, theirs.place.place), theirs.file, mine.file)
        args = {"heading": mine.heading, "similarity": f"{copy.similarity:.0%}", "other_issuer": other.issuer,
                "other_heading": theirs.heading, "other_report": other.path, "year": this.year}
        yield aggregate.AcrossFinding(later, "", mine.place, mine.file, args, (related,))


__all__ = ["AcrossPlan", "ManifestError", "prepare", "with_findings", "findings"]
