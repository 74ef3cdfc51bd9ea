"""Check kinds across the reports of a batch: their parameters are declared here like
every kind's, and checked when the catalogue loads; they run after the batch, on the
reports' signatures (golocheck.across.stage), never on one report (``stage = "across"``)."""

from __future__ import annotations

from golocheck.checks.paramtypes import NO_PARAMS, SHARE


class AggregateSum:
    """For every cell of the format, a total report's value = the sum of its children's
    (an aggregation manifest says which). What cannot be checked is params.unchecked's."""

    stage = "across"
    params_schema = {
        "type": "object",
        "properties": {
            "unchecked": {"type": "string", "x-rule-code": True, "x-rule-kinds": ["aggregate_unchecked"], "description": "the rule that says cells cannot be checked"},
            "max_listed": {"type": "integer", "minimum": 1, "description": "cells named in one 'cannot be checked' finding"},
        },
        "required": ["unchecked", "max_listed"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        return ()


class AggregateUnchecked:
    """Cells of an aggregation that cannot be checked (a child missing, a cell blank): its
    findings are made by the rule of kind aggregate_sum that names it in ``unchecked``."""

    stage = "across"
    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        return ()


class CopiedSections:
    """Sections of two issuers' reports of the same year whose shingle sets are at least
    params.threshold alike (golocheck.across.copies)."""

    stage = "across"
    params_schema = {
        "type": "object",
        "properties": {
            "threshold": SHARE,
            "ngram": {"type": "integer", "minimum": 2, "maximum": 32, "description": "characters of a shingle"},
            "sketch_size": {"type": "integer", "minimum": 16, "maximum": 4096, "description": "hashes kept per section (bottom-k)"},
            "anchors": {"type": "integer", "minimum": 1, "maximum": 64, "description": "smallest hashes indexed per section"},
            "min_shared": {"type": "integer", "minimum": 1, "description": "anchors two sections share to be compared"},
            "common_share": SHARE,
            "common_at_least": {"type": "integer", "minimum": 2, "description": "a hash in more reports than this (and than common_share of the batch) is boilerplate"},
            "min_chars": {"type": "integer", "minimum": 1, "description": "shorter sections (white space removed) are not compared"},
        },
        "required": ["threshold", "ngram", "sketch_size", "anchors", "min_shared", "common_share", "common_at_least", "min_chars"],
        "additionalProperties": False,
    }

    @staticmethod
    def run(ctx, rule):
        return ()
