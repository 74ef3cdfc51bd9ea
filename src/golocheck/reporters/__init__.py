"""Output formats, one module each, looked up by name. A reporter sees only
diagnostics (and the report texts, for excerpts) — never checks or rules."""

from __future__ import annotations

from importlib import import_module

REPORTERS = {
    "full": "golocheck.reporters.full",
    "concise": "golocheck.reporters.concise",
}


def get_reporter(name: str):
    return import_module(REPORTERS[name])
