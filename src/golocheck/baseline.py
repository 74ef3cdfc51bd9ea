"""Baselines: ``--write-baseline FILE`` records today's findings; ``--baseline FILE``
reports only findings that are not in it — so a province can adopt golocheck on last
year's reports without drowning in old findings.

A finding is identified by (file, code, pointer, fingerprint), counted: line numbers
move when a file is edited, JSON pointers do not. A finding about a figure in a text has
the text's pointer, shared by every figure of that text, so its fingerprint is the quoted
figure with a few characters either side (white space removed): a new wrong figure in a
baselined section is new, the old one stays baselined. Other findings have an empty
fingerprint. Load and structure findings (rules marked ``always_reported``) are never
left out. The file records the tool and rule-set versions.

Version 1 files had no fingerprint and would hide every new figure of a baselined text;
they are refused with a request to write the baseline again.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from golocheck.records import replace

BASELINE_VERSION = 2
_CONTEXT = 8  # characters of text kept either side of a quoted figure in a fingerprint


class BaselineError(Exception):
    pass


def _key(file: str, code: str, pointer: str, fingerprint: str = "") -> tuple[str, str, str, str]:
    return (Path(file).as_posix(), code, pointer, fingerprint)


def fingerprint(diagnostic) -> str:
    """What a finding inside a text is about: its marked figure 【…】 in a short context,
    white space and the quote's ellipses removed ("" for findings that are not in a text)."""
    quote = diagnostic.args.get("quote")
    text = getattr(quote, "zh", quote)
    if not isinstance(text, str) or not text:
        return ""
    text = "".join(text.replace("……", "").split())
    start, end = text.find("【"), text.find("】")
    if start == -1 or end < start:
        return text[: 2 * _CONTEXT]
    return text[max(0, start - _CONTEXT): end + 1 + _CONTEXT]


def render(results) -> str:
    from golocheck import __version__
    from golocheck.catalogue import ruleset_version

    findings = sorted(
        ({"file": Path(r.path).as_posix(), "code": d.code, "pointer": d.pointer, "fingerprint": fingerprint(d), "message": d.message.zh}
         for r in results for d in r.diagnostics),
        key=lambda f: (f["file"], f["code"], f["pointer"], f["fingerprint"], f["message"]),
    )
    document = {"baseline_version": BASELINE_VERSION, "tool_version": __version__, "ruleset_version": ruleset_version(), "findings": findings}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> Counter:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and document.get("baseline_version") == 1:
            raise BaselineError(f"{path}: baseline version 1 cannot tell the figures of one text apart and would hide new ones; "
                                "write it again with --write-baseline")
        findings = document["findings"]
        if document.get("baseline_version") != BASELINE_VERSION or not isinstance(findings, list):
            raise ValueError(f"not a golocheck baseline (version {BASELINE_VERSION})")
        return Counter(_key(f["file"], f["code"], f["pointer"], f.get("fingerprint", "")) for f in findings)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: invalid baseline: {' '.join(str(exc).split())}") from None


def filter_results(results, known: Counter) -> tuple[list, int]:
    """Results without the findings the baseline knows; and how many were left out."""
    from golocheck.catalogue import load_catalogue
    from golocheck.engine import always_reported

    never_left_out = always_reported(load_catalogue())
    remaining = Counter(known)
    left_out = 0
    filtered = []
    for result in results:
        kept = []
        for d in result.diagnostics:
            key = _key(result.path, d.code, d.pointer, fingerprint(d))
            if d.code not in never_left_out and remaining[key] > 0:
                remaining[key] -= 1
                left_out += 1
            else:
                kept.append(d)
        filtered.append(replace(result, diagnostics=tuple(kept)))
    return filtered, left_out
