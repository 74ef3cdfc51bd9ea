"""Schema fragments for the kinds' ``params_schema``: the parameter types rules share.

The ``x-`` annotations are checked by golocheck.checks.params (cell ids, tables and
sections exist in the rule's formats; named rules exist).
"""

from __future__ import annotations

NO_PARAMS = {"type": "object", "additionalProperties": False, "description": "no parameters"}
SHARE = {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "description": "a share in (0, 1]"}
SECTION_ID = {"type": "string", "minLength": 1, "x-section-id": True}
TEXT = {
    "type": "object",
    "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "required": ["zh", "en"],
    "additionalProperties": False,
}
REGEX = {"type": "string", "minLength": 1, "description": "a Python regular expression"}

TABLE_ID = {"type": "string", "minLength": 1, "x-table-id": True}
FOR_EACH = {
    "type": "object",
    "description": "repeat the rule for each value of each name, substituted for {name} in cell ids",
    "x-for-each": True,
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            {"type": "object", "properties": {"columns_of": TABLE_ID}, "required": ["columns_of"], "additionalProperties": False},
            {"type": "object", "properties": {"rows_of": TABLE_ID}, "required": ["rows_of"], "additionalProperties": False},
        ]
    },
}
CELL_ID = {"type": "string", "minLength": 1, "x-cell-id": True}
PART_OF = {
    "type": "object",
    "properties": {"part_of": {"type": "string", "pattern": r"^[^.]+\.[^.]+$"}, "column": {"type": "string", "minLength": 1}},
    "required": ["part_of"],
    "additionalProperties": False,
}
CELL_IDS = {
    "description": "a list of cell ids, or {part_of: table.row, column: C}",
    "x-cell-id": True,
    "anyOf": [{"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}, PART_OF],
}
