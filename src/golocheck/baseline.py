"""Baselines: ``--write-baseline FILE`` records today's findings; ``--baseline FILE``
reports only findings that are not in it — so a province can adopt golocheck on last
year's reports without drowning in old findings.

A finding is identified by (file, code, pointer), counted: line numbers move when a
file is edited, JSON pointers do not. The file records the tool and rule-set versions.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def _key(file: str, code: str, pointer: str) -> tuple[str, str, str]:
    return (Path(file).as_posix(), code, pointer)


def render(results) -> str:
    from golocheck import __version__
    from golocheck.catalogue import ruleset_version

    findings = sorted(
        ({"file": Path(r.path).as_posix(), "code": d.code, "pointer": d.pointer, "message": d.message.zh} for r in results for d in r.diagnostics),
        key=lambda f: (f["file"], f["code"], f["pointer"], f["message"]),
    )
    document = {"baseline_version": BASELINE_VERSION, "tool_version": __version__, "ruleset_version": ruleset_version(), "findings": findings}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> Counter:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        findings = document["findings"]
        if document.get("baseline_version") != BASELINE_VERSION or not isinstance(findings, list):
            raise ValueError("not a golocheck baseline (version 1)")
        return Counter(_key(f["file"], f["code"], f["pointer"]) for f in findings)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: invalid baseline: {' '.join(str(exc).split())}") from None


def filter_results(results, known: Counter) -> tuple[list, int]:
    """Results without the findings the baseline knows; and how many were left out."""
    remaining = Counter(known)
    left_out = 0
    filtered = []
    for result in results:
        kept = []
        for d in result.diagnostics:
            key = _key(result.path, d.code, d.pointer)
            if remaining[key] > 0:
                remaining[key] -= 1
                left_out += 1
            else:
                kept.append(d)
        filtered.append(replace(result, diagnostics=tuple(kept)))
    return filtered, left_out
