"""Kinds whose findings are produced by the loader, the schema validation or the
engine itself (parse errors, structure errors, relations that cannot be
evaluated). They run nothing per rule; the rule file documents the code."""

from __future__ import annotations


class Loader:
    @staticmethod
    def validate(rule, formats) -> str | None:
        return None

    @staticmethod
    def run(ctx, rule):
        return ()


class Schema(Loader):
    pass
