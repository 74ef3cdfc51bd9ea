"""Running a rule's documented examples, so that none can pass by accident.

The one runner of rule examples: the test suite runs it over the shipped catalogue
(tests/test_rule_examples.py) and ``golocheck test-rules DIR`` over a user's rule files.

- a 'fail' example must produce the rule's code exactly at the JSON pointers its `at`
  lists (a multiset: one entry per diagnostic, so the count is checked too) and, for a
  raw file, at the line:column its `at_position` lists;
- the base a 'fail' example patches (the filled skeleton of its format, with its `base`
  patch, and a bare last-year report when it has `previous`) must not produce the rule's
  code, otherwise the example would prove nothing;
- a 'pass' example must not produce the rule's code at all.

The convention is documented in docs/developing.md.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator


class Patches:
    """Attributes replaced for one example and put back after it (the interface of pytest's
    monkeypatch that the runner uses, so that the tests can pass theirs)."""

    def __init__(self) -> None:
        self._saved: list[tuple[object, str, object]] = []

    def setattr(self, target, name: str, value) -> None:
        self._saved.append((target, name, getattr(target, name)))
        setattr(target, name, value)

    def undo(self) -> None:
        while self._saved:
            target, name, value = self._saved.pop()
            setattr(target, name, value)


def example_base(fmt, year: int | None = None) -> dict[str, Any]:
    """The report every 'report' example is patched into: a fully filled report of the
    format, every cell 0 and every section with placeholder text. The examples are
    written against this base, whatever `golocheck init` writes for people to fill in,
    so any cell the skeleton leaves blank is filled with 0 here."""
    from golocheck.templates import skeleton

    report = skeleton(fmt, year)
    for rows in report["tables"].values():
        for row_id, value in rows.items():
            if isinstance(value, dict):
                rows[row_id] = {col: 0 if cell is None else cell for col, cell in value.items()}
            elif value is None:
                rows[row_id] = 0
    return report


def format_of(rule, example):
    """The format an example is written in: its own `format`, else the rule's first, else
    (a rule for every format) the earliest national format."""
    from golocheck.formats import all_formats, get_format

    if example.get("format") or rule.formats:
        return get_format(example.get("format") or rule.formats[0])
    return min((f for f in all_formats().values() if f.national), key=lambda f: (f.first_year, f.id))


def encode_report(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, default=str).encode()


def _base_of(rule, example) -> dict[str, Any]:
    from golocheck.templates import apply_patch

    return apply_patch(example_base(format_of(rule, example)), example.get("base") or {})


def _last_year(rule, example, report: dict, patch: dict):
    from golocheck.loading import load_text
    from golocheck.templates import apply_patch

    year = report["metadata"]["report_year"] - 1
    last = apply_patch(example_base(format_of(rule, example), year), patch)
    return load_text("last-year.json", encode_report(last))


def _run(rule, example, patches, *, bare: bool):
    """The rule's diagnostics on the example (bare=False) or on the base it patches
    (bare=True: no `report` or `previous` patch, no injected failure)."""
    from golocheck.api import check_bytes
    from golocheck.templates import apply_patch

    if "raw" in example:
        raw, name, previous = example["raw"].encode(example.get("encoding", "utf-8")), "example" + example["suffix"], None
    else:
        base = _base_of(rule, example)
        report = base if bare else apply_patch(base, example["report"])
        raw, name = encode_report(report), "example.json"
        previous = None
        if "previous" in example:
            previous = _last_year(rule, example, report, {} if bare else example["previous"])
    if example.get("inject") == "failing-check" and not bare:
        from golocheck.checks import cells

        def boom(ctx, rule):
            raise RuntimeError("injected failure")

        patches.setattr(cells.CellValueCheck, "run", staticmethod(boom))
    if example.get("inject") == "missing-reader" and not bare:
        import golocheck.importing

        readers = {kind: "golocheck.importing.readers.not_installed" for kind in golocheck.importing.READERS}
        patches.setattr(golocheck.importing, "READERS", readers)
    try:
        if "batch" in example:
            return _diagnostics_in_batch(rule, example, raw, bare)
        if example.get("inject") in ("unreadable-file", "crashed-worker") and not bare:
            return _diagnostics_by_injection(example, raw, name)
        if ("ledger" in example or "workbook" in example) and not bare:
            return check_bytes(raw, name, previous=previous, settings=_with_ledger(example.get("ledger"), example.get("workbook")))
        return check_bytes(raw, name, previous=previous)
    finally:
        patches.undo()


def example_problems(rule, outcome: str, example, patches=None, lang: str = "en") -> list[str]:
    """What is wrong with one example (empty: it holds), in ``lang``."""
    from golocheck.i18n import word

    patches = patches if patches is not None else Patches()
    code = rule.code
    if outcome == "pass":
        mine = [d for d in _run(rule, example, patches, bare=False) if d.code == code]
        return [word(lang, "example_fired_on_pass", code=code, at=[d.pointer for d in mine])] if mine else []
    problems = []
    if "raw" not in example:
        on_base = [d.pointer for d in _run(rule, example, patches, bare=True) if d.code == code]
        if on_base:
            problems.append(word(lang, "example_base_fires", code=code, at=on_base))
    diagnostics = _run(rule, example, patches, bare=False)
    mine = [d for d in diagnostics if d.code == code]
    if not mine:
        problems.append(word(lang, "example_not_fired", code=code))
    if "at" not in example:
        problems.append(word(lang, "example_no_at"))
    elif Counter(d.pointer for d in mine) != Counter(example["at"]):
        problems.append(word(lang, "example_wrong_at", code=code, got=sorted(d.pointer for d in mine), expected=sorted(example["at"])))
    if "at_position" in example:
        found = Counter(f"{d.line}:{d.column}" for d in mine)
        if found != Counter(example["at_position"]):
            problems.append(word(lang, "example_wrong_position", code=code, got=sorted(found), expected=sorted(example["at_position"])))
    for d in diagnostics:  # every placeholder of the message was given by the check
        if "{" in d.message.zh + d.message.en:
            problems.append(word(lang, "example_placeholder", code=d.code, message=d.message))
    return problems


def _crash_on_example(job):
    """A worker for run_jobs that dies abruptly on the example file, as a killed process would."""
    import os

    from golocheck.run import run_job

    if job.display == "example.json":
        os._exit(70)
    return run_job(job)


def _diagnostics_by_injection(example, raw, name):
    """The file-level findings no file content can cause: the runner makes the situation."""
    import shutil
    import tempfile

    from golocheck.run import Job, run_in_processes, run_jobs

    folder = Path(tempfile.mkdtemp(prefix="golocheck-example-"))
    try:
        if example["inject"] == "unreadable-file":
            (folder / name).symlink_to(folder / "missing.json")
            return list(next(run_jobs([Job(folder / name, name, regular_only=True)])).diagnostics)
        (folder / name).write_bytes(raw)
        second = folder / "second.json"
        second.write_bytes(raw)
        results = list(run_in_processes([Job(folder / name, name), Job(second, "second.json")], 2, worker=_crash_on_example))
        return list(results[0].diagnostics)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _with_ledger(text: str | None, workbook: dict | None = None):
    """Settings that give the example's ledger as ``--register ledger.csv`` (CSV text) or
    ``--register ledger.xlsx`` (rows of a workbook, and its hidden sheets)."""
    import tempfile

    from golocheck.ledger import read_ledgers
    from golocheck.settings import CheckSettings

    with tempfile.TemporaryDirectory() as directory:
        if workbook is None:
            path = Path(directory) / "ledger.csv"
            path.write_text(text, encoding="utf-8")
        else:
            import openpyxl

            path = Path(directory) / "ledger.xlsx"
            book = openpyxl.Workbook()
            for row in workbook["rows"]:
                book.active.append(row)
            for name in workbook.get("hidden", ()):
                book.create_sheet(name).sheet_state = "hidden"
            book.save(path)
        return CheckSettings(registers=read_ledgers([str(path)]))


def _diagnostics_in_batch(rule, example, raw: bytes, bare: bool):
    """The rules across reports: the example's report checked last in a batch after the
    reports of `batch` (each a patch to the skeleton; left unpatched for the bare base),
    with a manifest making it their sum when the example says `aggregate: true`."""
    import json
    import shutil
    import tempfile

    from golocheck.api import check_batch
    from golocheck.templates import apply_patch

    folder = Path(tempfile.mkdtemp(prefix="golocheck-example-"))
    try:
        paths = []
        for n, patch in enumerate(example["batch"], 1):
            base = _base_of(rule, example)
            report = base if bare else apply_patch(base, patch)
            if bare:  # each report of the batch keeps its own issuer and year, so the base is a real batch
                report = apply_patch(report, {"metadata": patch.get("metadata", {})})
            paths.append(folder / f"batch-{n}.json")
            paths[-1].write_bytes(encode_report(report))
        paths.append(folder / "example.json")
        paths[-1].write_bytes(raw)
        manifest = None
        if example.get("aggregate"):
            manifest = folder / "manifest.yaml"
            manifest.write_text(json.dumps({"sum": [{"report": "example.json", "sum_of": [p.name for p in paths[:-1]]}]}), encoding="utf-8")
        results = check_batch(paths, aggregate=manifest)
        return list(results[-1].diagnostics)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Outcome:
    """One example's result: the rule, pass or fail, its index among those, what is wrong."""

    code: str
    outcome: str
    index: int
    problems: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return not self.problems


def run_examples(rules, lang: str = "en") -> Iterator[Outcome]:
    """Every example of ``rules`` (Rule records), in order; problems worded in ``lang``."""
    for rule in rules:
        for outcome in ("pass", "fail"):
            for index, example in enumerate(rule.examples.get(outcome, ())):
                yield Outcome(rule.code, outcome, index, tuple(example_problems(rule, outcome, example, lang=lang)))
