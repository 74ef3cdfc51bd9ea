"""The one place where rule parameters are checked: against the ``params_schema`` each
check kind declares (a JSON Schema, validated with golocheck.minischema — no jsonschema
import on start-up), then the cross-references the schema asks for with annotations:

* ``"x-table-id": true``   — a table id of every format the rule applies to;
* ``"x-section-id": true`` — a section id of every such format;
* ``"x-row-of": "P"``      — a row id of the table named by the sibling parameter P;
* ``"x-cell-id": true``    — cell ids (a template, a list of templates or {part_of: T.R}, see
  golocheck.checks.cellrefs) that exist in every format, for every binding of the
  parameter annotated ``"x-for-each": true``;
* ``"x-rule-code": true``  — the code of another rule of the catalogue, optionally of the
  kinds listed in ``"x-rule-kinds"`` (checked once every rule is loaded);
* ``"x-needs-formats": true`` at the top — the rule must list its formats.

Kinds contain no validation code of their own.
"""

from __future__ import annotations

from typing import Any, Iterator

from golocheck import minischema
from golocheck.checks.cellrefs import ParamError, bindings, cell_ids
from golocheck.records import record


@record(frozen=True)
class RuleReference:
    """A parameter naming another rule; resolved after the whole catalogue is read."""

    where: str
    code: str
    kinds: tuple[str, ...]


def _where(path) -> str:
    return "/".join(["params", *(str(p) for p in path)])


def _first_error(params: dict, schema: dict) -> str | None:
    errors = sorted(minischema.iter_errors(params, schema), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return None
    error = errors[0]
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        unknown = [k for k in error.instance if k not in known]
        message = f"unknown parameter {', '.join(map(repr, unknown))} (known: {', '.join(known) or 'none'})"
    return f"{_where(error.absolute_path)}: {message}"


_ANNOTATED: dict[int, bool] = {}  # id(schema) -> does it or a subschema carry an x- annotation?


def _has_annotations(schema) -> bool:
    if not isinstance(schema, dict):
        return False
    found = _ANNOTATED.get(id(schema))
    if found is None:
        subschemas = [*schema.get("properties", {}).values(), schema.get("additionalProperties"), schema.get("items"), *schema.get("anyOf", ())]
        found = any(key.startswith("x-") for key in schema) or any(_has_annotations(sub) for sub in subschemas)
        _ANNOTATED[id(schema)] = found
    return found


def _fits(value: Any, schema: dict) -> bool:
    """Enough of a schema to pick the anyOf branch of a value already validated: its type
    and required keys."""
    kind = schema.get("type")
    if kind == "object":
        return isinstance(value, dict) and all(key in value for key in schema.get("required", ()))
    if kind == "array":
        return isinstance(value, list)
    return kind is None or next(minischema.iter_errors(value, {"type": kind}), None) is None


def _annotated(value: Any, schema: dict, path: list) -> Iterator[tuple[list, Any, dict]]:
    """(path, value, schema) of every value whose schema carries an x- annotation."""
    if not _has_annotations(schema):
        return
    if any(key.startswith("x-") and key != "x-needs-formats" for key in schema):
        yield path, value, schema
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            sub = properties.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                yield from _annotated(item, sub, [*path, key])
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _annotated(item, schema["items"], [*path, index])
    for sub in schema.get("anyOf", ()):
        if _fits(value, sub):
            yield from _annotated(value, sub, path)
            break


def check_params(rule, schema: dict, formats: dict) -> tuple[str | None, list[RuleReference]]:
    """(the first problem, or None; the rule references to resolve later)."""
    params = dict(rule.params)
    problem = _first_error(params, schema)
    if problem:
        return problem, []
    if schema.get("x-needs-formats") and not rule.formats:
        return "this check kind needs the rule to list its formats", []
    targets = [formats[f] for f in rule.formats] if rule.formats else list(formats.values())
    annotated = list(_annotated(params, schema, []))
    references: list[RuleReference] = []
    for_each = None
    # tables and sections first: cell ids and for_each bindings depend on them
    for path, value, sub in annotated:
        if sub.get("x-for-each"):
            for_each = value
        for fmt in targets:
            if sub.get("x-table-id") and fmt.table(value) is None:
                return f"{_where(path)}: table {value!r} does not exist in format {fmt.id}", []
            if sub.get("x-section-id") and value not in {s.id for s in fmt.sections}:
                return f"{_where(path)}: section {value!r} does not exist in format {fmt.id}", []
            if sub.get("x-row-of"):
                table = fmt.table(params.get(sub["x-row-of"], ""))
                if table is not None and value not in {r.id for r in table.rows if r.id}:
                    return f"{_where(path)}: row {value!r} does not exist in table {table.id} of format {fmt.id}", []
        if sub.get("x-rule-code"):
            references.append(RuleReference(_where(path), value, tuple(sub.get("x-rule-kinds", ()))))
    cell_refs = [(path, value) for path, value, sub in annotated if sub.get("x-cell-id")]
    for fmt in targets if cell_refs else ():
        cells = fmt.cell_map
        path: list = ["for_each"]
        try:
            for binding in bindings(for_each, fmt):
                for path, value in cell_refs:
                    for cell_id in cell_ids(value, binding, fmt):
                        if cell_id not in cells:
                            return f"{_where(path)}: cell {cell_id!r} does not exist in format {fmt.id}", []
        except ParamError as exc:  # in for_each, or in a {part_of: ...} at path
            return f"{_where(path)}: {exc}", []
    return None, references


def check_references(references: list[RuleReference], rules: dict) -> str | None:
    """The first reference to a rule that does not exist or is of the wrong kind."""
    for ref in references:
        target = rules.get(ref.code)
        if target is None:
            return f"{ref.where}: unknown rule code {ref.code!r}"
        if ref.kinds and target.check not in ref.kinds:
            return f"{ref.where}: rule {ref.code} is of kind {target.check}; expected one of {', '.join(ref.kinds)}"
    return None
