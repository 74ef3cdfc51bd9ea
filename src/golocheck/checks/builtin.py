"""Kinds whose findings are produced by the loader, the schema validation or the
engine itself (parse errors, structure errors, relations that cannot be
evaluated). They run nothing per rule; the rule file documents the code."""

from __future__ import annotations

from golocheck.checks.paramtypes import NO_PARAMS


class Loader:
    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        return ()


class Schema(Loader):
    pass
