"""Every rule's documented examples are run: each 'fail' example must produce the
rule's code, each 'pass' example must not. One runner for the whole catalogue."""

from __future__ import annotations

import json

import pytest

from golocheck.api import check_bytes
from golocheck.catalogue import load_catalogue
from golocheck.formats import get_format
from golocheck.templates import apply_patch, skeleton

RULES = load_catalogue()


def _cases():
    for rule in RULES.values():
        for outcome in ("pass", "fail"):
            for index, example in enumerate(rule.examples[outcome]):
                yield pytest.param(rule, outcome, example, id=f"{rule.code}-{outcome}-{index}")


def _file_for(rule, example) -> tuple[bytes, str]:
    if "raw" in example:
        return example["raw"].encode(example.get("encoding", "utf-8")), "example" + example["suffix"]
    format_id = example.get("format") or (rule.formats[0] if rule.formats else "gov-2014")
    report = apply_patch(skeleton(get_format(format_id)), example["report"])
    return json.dumps(report, ensure_ascii=False, default=str).encode(), "example.json"


def _crash_on_example(job):
    """A worker for run_jobs that dies abruptly on the example file, as a killed process would."""
    import os

    from golocheck.run import run_job

    if job.display == "example.json":
        os._exit(70)
    return run_job(job)


def _diagnostics_by_injection(example, raw, name, tmp_path):
    """The file-level findings no file content can cause: the runner makes the situation."""
    from golocheck.run import Job, run_in_processes, run_jobs

    if example["inject"] == "unreadable-file":
        (tmp_path / name).symlink_to(tmp_path / "missing.json")
        return list(run_jobs([Job(tmp_path / name, name, regular_only=True)])[0].diagnostics)
    (tmp_path / name).write_bytes(raw)
    other = tmp_path / "other.json"
    other.write_bytes(raw)
    results = run_in_processes([Job(tmp_path / name, name), Job(other, "other.json")], 2, worker=_crash_on_example)
    return list(results[0].diagnostics)


@pytest.mark.parametrize("rule, outcome, example", list(_cases()))
def test_rule_example(rule, outcome, example, monkeypatch, tmp_path):
    if example.get("inject") == "failing-check":
        from golocheck.checks import cells

        def boom(ctx, rule):
            raise RuntimeError("injected failure")

        monkeypatch.setattr(cells.CellValueCheck, "run", staticmethod(boom))
    raw, name = _file_for(rule, example)
    previous = None
    if "previous" in example:
        from golocheck.loading import load_text

        fmt = get_format(example.get("format") or (rule.formats[0] if rule.formats else "gov-2014"))
        year = json.loads(raw)["metadata"]["report_year"] - 1
        last = apply_patch(skeleton(fmt, year), example["previous"])
        previous = load_text("last-year.json", json.dumps(last, ensure_ascii=False).encode())
    if example.get("inject") in ("unreadable-file", "crashed-worker"):
        diagnostics = _diagnostics_by_injection(example, raw, name, tmp_path)
    else:
        diagnostics = check_bytes(raw, name, previous=previous)
    codes = [d.code for d in diagnostics]
    if outcome == "fail":
        assert rule.code in codes, f"{rule.code} did not fire; got {codes}"
        for d in diagnostics:  # every placeholder of the message was given by the check
            assert "{" not in d.message.zh + d.message.en, d.message
    else:
        assert rule.code not in codes, f"{rule.code} fired on a passing example"


@pytest.mark.parametrize("format_id", ["gov-2014", "gov-2019", "gov-2021"])
def test_skeleton_is_clean(format_id):
    """The base every 'report' example is patched into has a valid structure and tables;
    only the content rules that read its placeholder text may fire."""
    raw = json.dumps(skeleton(get_format(format_id)), ensure_ascii=False).encode()
    codes = {d.code for d in check_bytes(raw, "skeleton.json")}
    assert codes <= {"S104", "S105", "S106", "N009", "D002"}  # N009: the skeleton's placeholder text （待填写）
