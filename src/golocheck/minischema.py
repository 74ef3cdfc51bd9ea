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
        if isinstance(subschema, dict) and subschema.keys() & _TESTED == {"if", "then"}:
            # a format's branch (if its format, then its tables): its "then" tested once
            # here, not once for the branch and again inside it
            then = subschema["then"]
            if _valid(instance, subschema["if"]) and not _valid(instance, then):
                yield from iter_errors(instance, then, path)
        elif not _valid(instance, subschema):
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


def _lazy_tests(schemas) -> list[Callable[[Any], bool]]:
    """The tests of ``schemas`` as a list whose entry is compiled on its first call and then
    replaces itself (a report visits only its own format's branch of the schema, and a
    single check should not pay for compiling the rest): a caller that reads the list each time calls the compiled test
    directly, not through a wrapper (hundreds of calls a report)."""
    tests: list[Callable[[Any], bool]] = []
    for position, schema in enumerate(schemas):
        tests.append(_first_call(tests, position, schema))
    return tests


def _first_call(table, key, schema: Any) -> Callable[[Any], bool]:
    def first(instance: Any) -> bool:
        check = table[key] = _checker(schema)
        return check(instance)

    return first


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
        tests.append(_list_test(schema))
    if any(k in schema for k in ("properties", "required", "additionalProperties", "dependentRequired")):
        if kind == "object" and len(tests) == 1 and not (schema.keys() & _AFTER_OBJECT):
            return _object_test(schema, only_objects=True)  # the type and the members: one test
        tests.append(_object_test(schema))
    if "anyOf" in schema:
        tests.append(_any_of_by_type(schema["anyOf"]))
    if schema.get("allOf"):
        every = _lazy_tests(schema["allOf"])

        def all_ok(v: Any) -> bool:
            for test in every:
                if not test(v):
                    return False
            return True

        tests.append(all_ok)
    if "if" in schema and "then" in schema:
        condition_then = _lazy_tests([schema["if"], schema["then"]])
        tests.append(lambda v: not condition_then[0](v) or condition_then[1](v))
    if kind == "integer" and number_tests and len(tests) == 2:
        # only the type and the bounds ({"type": "integer", "minimum": 0}, a cell's figure):
        # a plain int is an integer and a number, so only the bounds are left to test
        general = _all_of(tests)
        return lambda v: on_numbers(v) if type(v) is int else general(v)
    return _all_of(tests)


def _list_test(schema: dict) -> Callable[[Any], bool]:
    fewest, most = schema.get("minItems"), schema.get("maxItems")
    item = _lazy_tests([schema["items"]]) if "items" in schema else [_always]

    def list_ok(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        if (fewest is not None and len(v) < fewest) or (most is not None and len(v) > most):
            return False
        test = item[0]
        for x in v:
            if not test(x):
                return False
        return True

    return list_ok


def _object_test(schema: dict, only_objects: bool = False) -> Callable[[Any], bool]:
    """properties, required, additionalProperties and dependentRequired. The object's own
    members are walked, each looked up among the properties (a table's row names a few
    of its format's cells, each tested once), and the key sets compared in C.
    ``only_objects``: a value that is not an object fails (the schema's type is object)."""
    properties = schema.get("properties", {})
    children: dict[str, Callable[[Any], bool]] = {}
    for name, subschema in properties.items():
        children[name] = _first_call(children, name, subschema)  # replaced by its test when first called
    required = frozenset(schema.get("required", ()))
    extra = schema.get("additionalProperties")
    closed = extra is False
    other = _lazy_tests([extra]) if isinstance(extra, dict) else None
    dependent = tuple(schema.get("dependentRequired", {}).items())
    find = children.get
    names = frozenset(properties)
    # a table's row: every member a figure {"type": "integer", "minimum": 0} or a cell's choice
    # whose one choice for a plain int is that: a row of plain ints is then tested at once
    floors = {_int_floor(subschema) for subschema in properties.values()}
    floor = floors.pop() if len(floors) == 1 else None

    def object_ok(v: Any) -> bool:
        if not isinstance(v, dict):
            return not only_objects
        if required and not v.keys() >= required:
            return False
        if floor is not None and v and v.keys() <= names and set(map(type, v.values())) == _PLAIN_INT:
            if min(v.values()) < floor:  # each member's own test: not v < floor
                return False
        else:
            for key, value in v.items():
                check = find(key)
                if check is not None:
                    if not check(value):
                        return False
                elif closed or (other is not None and not other[0](value)):
                    return False
        for name, needed in dependent:
            if name in v and any(n not in v for n in needed):
                return False
        return True

    return object_ok


_PLAIN_INT = {int}


def _int_floor(schema: Any):
    """The lower bound ``low`` when what ``schema``'s compiled test does with a plain int
    is ``not v < low`` and nothing else: {"type": "integer", "minimum": low}, or a choice
    (anyOf) whose only choice a plain int can pass is that (see _any_of_by_type). Else None."""
    if not isinstance(schema, dict):
        return None
    tested = schema.keys() & _TESTED
    if tested == {"type", "minimum"} and schema["type"] == "integer":
        return schema["minimum"]
    if tested != {"anyOf"} or not isinstance(schema["anyOf"], list):
        return None
    for_ints = [sub for sub in schema["anyOf"] if _may_accept(sub, int)]
    bounds = _plain_int_bounds(for_ints[0]) if len(for_ints) == 1 else None
    return bounds["minimum"] if bounds is not None and bounds.keys() == {"minimum"} else None


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
    tests = _lazy_tests(subschemas)
    general = _any_of_listed(tests, range(len(tests)))
    by_type = {python_type: tuple(i for i, sub in enumerate(subschemas) if _may_accept(sub, python_type))
               for python_type in _JSON_TYPES_OF}
    # a figure (a plain int) whose one possible choice only bounds it: the bounds alone
    figure = _plain_int_bounds(subschemas[by_type[int][0]]) if len(by_type[int]) == 1 else None

    def by_choice(v: Any) -> bool:
        chosen = by_type.get(type(v))
        if chosen is None:  # another type (a Decimal, a NonFinite, a subclass): every choice
            return general(v)
        for i in chosen:
            if tests[i](v):
                return True
        return False

    if figure is None:
        return by_choice
    if figure.keys() == {"minimum"}:  # {"type": "integer", "minimum": 0}: compared right here
        low = figure["minimum"]
        return lambda v: (not v < low) if type(v) is int else by_choice(v)
    in_bounds = _plain_int_test(figure)
    return lambda v: in_bounds(v) if type(v) is int else by_choice(v)


def _any_of_listed(tests: list, positions) -> Callable[[Any], bool]:
    positions = tuple(positions)

    def any_ok(v: Any) -> bool:
        for i in positions:
            if tests[i](v):
                return True
        return False

    return any_ok


# The keywords _compile tests (the others, such as description and format, it ignores).
_TESTED = frozenset(["type", "enum", "const", "pattern", "minLength", "minimum", "maximum", "exclusiveMinimum", "minItems",
                     "maxItems", "items", "properties", "required", "additionalProperties", "dependentRequired", "anyOf",
                     "allOf", "if", "then"])
_AFTER_OBJECT = frozenset(["anyOf", "allOf", "if"])  # the tests _compile adds after the object's members
_BOUNDS = frozenset(["type", "minimum", "maximum", "exclusiveMinimum"])


def _plain_int_bounds(schema: Any) -> dict | None:
    """For a schema that asks only for an integer within bounds ({"type": "integer",
    "minimum": 0}): its bounds (which alone decide for a plain int, which is an integer and
    a number). Else None."""
    if not isinstance(schema, dict) or schema.get("type") != "integer" or not (schema.keys() & _TESTED) <= _BOUNDS:
        return None
    return {key: schema[key] for key in ("minimum", "maximum", "exclusiveMinimum") if key in schema}


def _plain_int_test(bounds: dict) -> Callable[[int], bool]:
    low, high, above = bounds.get("minimum"), bounds.get("maximum"), bounds.get("exclusiveMinimum")
    return lambda v: (low is None or not v < low) and (high is None or not v > high) and (above is None or not v <= above)


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
