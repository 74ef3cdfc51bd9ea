"""A small JSON Schema (2020-12) validator for the keywords golocheck's generated report
schema uses — type, properties, required, additionalProperties, items, enum, const,
pattern, minimum, maximum, exclusiveMinimum, minItems, maxItems, minLength, anyOf, allOf, if/then, dependentRequired.

The check kinds' ``params_schema`` use the same keywords (golocheck.checks.params).

Why not jsonschema on every run: importing it costs ~60 ms of a pre-commit hook's
~250 ms budget. jsonschema remains the reference: a test validates the samples and
many broken variants with both and requires the same errors (path and keyword), and
rule files from user directories are still validated with jsonschema.

Errors carry the attributes schema_errors.py reads from jsonschema's: validator,
validator_value, absolute_path, message, instance, schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator


@dataclass
class SchemaError:
    """A validation error, with the attributes of jsonschema's that golocheck reads."""

    validator: str
    validator_value: Any
    absolute_path: list = field(default_factory=list)
    message: str = ""
    instance: Any = None
    schema: dict = field(default_factory=dict)


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: not isinstance(v, bool) and (isinstance(v, int) or (isinstance(v, float) and v.is_integer())),
    "number": lambda v: not isinstance(v, bool) and isinstance(v, (int, float, Decimal)),
}


@lru_cache(maxsize=256)
def _pattern(source: str) -> re.Pattern:
    return re.compile(source)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _error(keyword: str, schema: dict, instance: Any, path: list, message: str) -> SchemaError:
    return SchemaError(keyword, schema.get(keyword), list(path), message, instance, schema)


def iter_errors(instance: Any, schema: dict, path: list | None = None) -> Iterator[SchemaError]:
    path = path or []
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_TYPES[k](instance) for k in kinds):
            yield _error("type", schema, instance, path, f"{instance!r} is not of type {kind!r}")
    if "enum" in schema and not any(_equal(instance, v) for v in schema["enum"]):
        yield _error("enum", schema, instance, path, f"{instance!r} is not one of {schema['enum']!r}")
    if "const" in schema and not _equal(instance, schema["const"]):
        yield _error("const", schema, instance, path, f"{schema['const']!r} was expected")
    if isinstance(instance, str):
        if "pattern" in schema and not _pattern(schema["pattern"]).search(instance):
            yield _error("pattern", schema, instance, path, f"{instance!r} does not match {schema['pattern']!r}")
        if "minLength" in schema and len(instance) < schema["minLength"]:
            yield _error("minLength", schema, instance, path, f"{instance!r} is too short")
    if _TYPES["number"](instance):
        if "minimum" in schema and instance < schema["minimum"]:
            yield _error("minimum", schema, instance, path, f"{instance} is less than the minimum of {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            yield _error("maximum", schema, instance, path, f"{instance} is greater than the maximum of {schema['maximum']}")
        if "exclusiveMinimum" in schema and instance <= schema["exclusiveMinimum"]:
            yield _error("exclusiveMinimum", schema, instance, path, f"{instance} is less than or equal to the minimum of {schema['exclusiveMinimum']}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            yield _error("minItems", schema, instance, path, f"{instance!r} should be non-empty" if schema["minItems"] == 1 else f"{instance!r} is too short")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            yield _error("maxItems", schema, instance, path, f"{instance!r} is too long")
        if "items" in schema:
            for index, item in enumerate(instance):
                yield from iter_errors(item, schema["items"], [*path, index])
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for name, subschema in properties.items():
            if name in instance:
                yield from iter_errors(instance[name], subschema, [*path, name])
        for name in schema.get("required", ()):
            if name not in instance:
                yield _error("required", schema, instance, path, f"{name!r} is a required property")
        extra = schema.get("additionalProperties")
        if extra is False and any(key not in properties for key in instance):
            yield _error("additionalProperties", schema, instance, path, "Additional properties are not allowed")
        elif isinstance(extra, dict):
            for key, value in instance.items():
                if key not in properties:
                    yield from iter_errors(value, extra, [*path, key])
        for name, needed in schema.get("dependentRequired", {}).items():
            if name in instance:
                for other in needed:
                    if other not in instance:
                        yield _error("dependentRequired", schema, instance, path, f"{other!r} is a dependency of {name!r}")
    if "anyOf" in schema and not any(_valid(instance, sub) for sub in schema["anyOf"]):
        yield _error("anyOf", schema, instance, path, f"{instance!r} is not valid under any of the given schemas")
    for subschema in schema.get("allOf", ()):
        yield from iter_errors(instance, subschema, path)
    if "if" in schema and _valid(instance, schema["if"]) and "then" in schema:
        yield from iter_errors(instance, schema["then"], path)


def _valid(instance: Any, schema: dict) -> bool:
    return next(iter_errors(instance, schema), None) is None
