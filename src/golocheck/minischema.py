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
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Iterator

from golocheck.records import field, record


@record
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
            items = schema["items"]
            valid = _checker(items)
            for index, item in enumerate(instance):
                if not valid(item):
                    yield from iter_errors(item, items, [*path, index])
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for name, subschema in properties.items():
            if name in instance and not _checker(subschema)(instance[name]):
                yield from iter_errors(instance[name], subschema, [*path, name])
        for name in schema.get("required", ()):
            if name not in instance:
                yield _error("required", schema, instance, path, f"{name!r} is a required property")
        extra = schema.get("additionalProperties")
        if extra is False and any(key not in properties for key in instance):
            yield _error("additionalProperties", schema, instance, path, "Additional properties are not allowed")
        elif isinstance(extra, dict):
            valid = _checker(extra)
            for key, value in instance.items():
                if key not in properties and not valid(value):
                    yield from iter_errors(value, extra, [*path, key])
        for name, needed in schema.get("dependentRequired", {}).items():
            if name in instance:
                for other in needed:
                    if other not in instance:
                        yield _error("dependentRequired", schema, instance, path, f"{other!r} is a dependency of {name!r}")
    if "anyOf" in schema and not any(_valid(instance, sub) for sub in schema["anyOf"]):
        yield _error("anyOf", schema, instance, path, f"{instance!r} is not valid under any of the given schemas")
    for subschema in schema.get("allOf", ()):
        if not _valid(instance, subschema):
            yield from iter_errors(instance, subschema, path)
    if "if" in schema and _valid(instance, schema["if"]) and "then" in schema and not _valid(instance, schema["then"]):
        yield from iter_errors(instance, schema["then"], path)


def _valid(instance: Any, schema: dict) -> bool:
    return _checker(schema)(instance)


# -- the same rules as a yes/no test, compiled once per schema -------------------------------
#
# Most of a report is valid: its tables are hundreds of cells, each checked against the same
# few subschemas. iter_errors descends only into the values that this test refuses, so a
# valid subtree costs one call of closures built once, not a generator per value. Each test
# must say True exactly when iter_errors would yield nothing (tests/test_minischema.py
# compares them on broken reports).

_CHECKERS: dict[int, tuple[dict, Callable[[Any], bool]]] = {}


def _checker(schema: Any) -> Callable[[Any], bool]:
    entry = _CHECKERS.get(id(schema))
    if entry is not None and entry[0] is schema:
        return entry[1]
    check = _compile(schema)
    if len(_CHECKERS) >= 10_000:  # schemas made on the fly (tests, user rules): keep it bounded
        _CHECKERS.clear()
    _CHECKERS[id(schema)] = (schema, check)  # the schema is kept: its id is never reused meanwhile
    return check


def _always(instance: Any) -> bool:
    return True


def _lazy(schema: Any) -> Callable[[Any], bool]:
    """The test of a subschema, compiled when it is first used: a report visits only its own
    format's branch of the schema, and a single check should not pay for compiling the rest."""
    compiled: list[Callable[[Any], bool]] = []

    def check(instance: Any) -> bool:
        if not compiled:
            compiled.append(_checker(schema))
        return compiled[0](instance)

    return check


def _compile(schema: Any) -> Callable[[Any], bool]:
    if not isinstance(schema, dict):
        return _always
    tests: list[Callable[[Any], bool]] = []
    kind = schema.get("type")
    if kind is not None:
        kinds = tuple(_TYPES[k] for k in (kind if isinstance(kind, list) else [kind]))
        tests.append(_any_of(kinds))
    if "enum" in schema:
        allowed = schema["enum"]
        # a string equals only a string member (_equal): a set look-up, the usual case
        strings = frozenset(a for a in allowed if isinstance(a, str))
        tests.append(lambda v: v in strings if isinstance(v, str) else any(_equal(v, a) for a in allowed))
    if "const" in schema:
        const = schema["const"]
        tests.append(lambda v: _equal(v, const))
    string_tests = []
    if "pattern" in schema:
        search = _pattern(schema["pattern"]).search
        string_tests.append(lambda v: search(v) is not None)
    if "minLength" in schema:
        shortest = schema["minLength"]
        string_tests.append(lambda v: len(v) >= shortest)
    if string_tests:
        on_strings = _all_of(string_tests)
        tests.append(lambda v: not isinstance(v, str) or on_strings(v))
    number_tests = []
    if "minimum" in schema:
        low = schema["minimum"]
        number_tests.append(lambda v: not v < low)
    if "maximum" in schema:
        high = schema["maximum"]
        number_tests.append(lambda v: not v > high)
    if "exclusiveMinimum" in schema:
        above = schema["exclusiveMinimum"]
        number_tests.append(lambda v: not v <= above)
    if number_tests:
        is_number, on_numbers = _TYPES["number"], _all_of(number_tests)
        tests.append(lambda v: not is_number(v) or on_numbers(v))
    if "minItems" in schema or "maxItems" in schema or "items" in schema:
        fewest, most = schema.get("minItems"), schema.get("maxItems")
        item = _lazy(schema["items"]) if "items" in schema else _always

        def list_ok(v: Any) -> bool:
            if not isinstance(v, list):
                return True
            if (fewest is not None and len(v) < fewest) or (most is not None and len(v) > most):
                return False
            return all(item(x) for x in v)

        tests.append(list_ok)
    if any(k in schema for k in ("properties", "required", "additionalProperties", "dependentRequired")):
        properties = schema.get("properties", {})
        children = tuple((name, _lazy(sub)) for name, sub in properties.items())
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties")
        closed = extra is False
        other = _lazy(extra) if isinstance(extra, dict) else None
        dependent = tuple(schema.get("dependentRequired", {}).items())

        def object_ok(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for name, check in children:
                if name in v and not check(v[name]):
                    return False
            for name in required:
                if name not in v:
                    return False
            if closed:
                if any(key not in properties for key in v):
                    return False
            elif other is not None:
                for key, value in v.items():
                    if key not in properties and not other(value):
                        return False
            for name, needed in dependent:
                if name in v and any(n not in v for n in needed):
                    return False
            return True

        tests.append(object_ok)
    if "anyOf" in schema:
        tests.append(_any_of_by_type(schema["anyOf"]))
    for subschema in schema.get("allOf", ()):
        tests.append(_lazy(subschema))
    if "if" in schema and "then" in schema:
        condition, then = _lazy(schema["if"]), _lazy(schema["then"])
        tests.append(lambda v: not condition(v) or then(v))
    if kind == "integer" and number_tests and len(tests) == 2:
        # only the type and the bounds ({"type": "integer", "minimum": 0}, a cell's figure):
        # a plain int is an integer and a number, so only the bounds are left to test
        general = _all_of(tests)
        return lambda v: on_numbers(v) if type(v) is int else general(v)
    return _all_of(tests)


# A cell's schema is a choice of a few types, each checked hundreds of times a report:
# plain closures for two or three tests, without a generator per call.

def _all_of(tests: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda v: a(v) and b(v)
    first, rest = tests[0], _all_of(tests[1:])
    return lambda v: first(v) and rest(v)


# The JSON types whose test a value of exactly this Python type can pass (_TYPES).
_JSON_TYPES_OF = {int: ("integer", "number"), float: ("integer", "number"), type(None): ("null",), str: ("string",),
                  bool: ("boolean",), dict: ("object",), list: ("array",)}


def _may_accept(schema: Any, python_type: type) -> bool:
    """False when ``schema`` refuses every value of exactly ``python_type``: its ``type``
    names none that such a value can be, or its ``enum`` has only strings and the type is
    not str. True when it may accept one."""
    if not isinstance(schema, dict):
        return True
    kind = schema.get("type")
    if kind is not None and not any(k in _JSON_TYPES_OF[python_type] for k in (kind if isinstance(kind, list) else [kind])):
        return False
    if "enum" in schema and python_type is not str and all(isinstance(a, str) for a in schema["enum"]):
        return False
    return True


def _any_of_by_type(subschemas: list) -> Callable[[Any], bool]:
    """anyOf, trying for a value only the choices its type can pass (in their order): a
    cell's schema is a choice of a figure, a blank, a marker and a noted figure, and a
    figure or a blank need one test, not a failed test of each choice before it."""
    tests = [_lazy(sub) for sub in subschemas]
    general = _any_of(tests)
    by_type = {python_type: tuple(test for sub, test in zip(subschemas, tests) if _may_accept(sub, python_type))
               for python_type in _JSON_TYPES_OF}

    def check(v: Any) -> bool:
        chosen = by_type.get(type(v))
        if chosen is None:  # another type (a Decimal, a NonFinite, a subclass): every choice
            return general(v)
        for test in chosen:
            if test(v):
                return True
        return False

    return check


def _any_of(tests) -> Callable[[Any], bool]:
    tests = list(tests)
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda v: a(v) or b(v)
    if len(tests) == 3:
        a, b, c = tests
        return lambda v: a(v) or b(v) or c(v)
    choices = tuple(tests)
    return lambda v: any(t(v) for t in choices)
