"""Cell references in rule parameters, resolved against one format.

A cell is named by id ("table.row" or "table.row.column"). A rule may repeat itself with
``for_each``: ``{name: [a, b]}`` substitutes each value for ``{name}`` in the ids;
``{name: {columns_of: T}}`` and ``{name: {rows_of: T}}`` take every column or data row of
table T in the format. Where a list of ids is expected, ``{part_of: T.R, column: C}``
stands for every row of T that the format marks as added into row R.

The same resolution serves the check kinds at run time and the generic parameter
validation when the catalogue loads (``x-cell-id`` in a kind's ``params_schema``), so a
rule that loads names only cells that exist.
"""

from __future__ import annotations

from itertools import product
from typing import Iterator


class ParamError(ValueError):
    """A reference that cannot be resolved in a format (message names what is wrong)."""


def _values_for(spec, fmt) -> list[str]:
    if isinstance(spec, list):
        return [str(v) for v in spec]
    if isinstance(spec, dict) and len(spec) == 1:
        (key, table_id), = spec.items()
        table = fmt.table(table_id)
        if table is None:
            raise ParamError(f"table {table_id!r} does not exist in format {fmt.id}")
        if key == "columns_of":
            return [col_id for col_id, _ in table.columns]
        if key == "rows_of":
            return [row.id for row in table.rows if row.id]
    raise ParamError(f"for_each values must be a list, {{columns_of: T}} or {{rows_of: T}}: {spec!r}")


def bindings(for_each, fmt) -> Iterator[dict[str, str]]:
    """Every substitution of a ``for_each`` mapping in one format ({} once when there is none)."""
    for_each = for_each or {}
    names = list(for_each)
    for values in product(*(_values_for(for_each[n], fmt) for n in names)):
        yield dict(zip(names, values))


def subst(cell_id: str, binding: dict[str, str]) -> str:
    if "{" not in cell_id:
        return cell_id
    for name, value in binding.items():
        cell_id = cell_id.replace("{" + name + "}", value)
    return cell_id


def cell_ids(spec, binding, fmt) -> list[str]:
    """The cell ids a parameter names under one binding: a template string, a list of
    templates, or {part_of: T.R, column: C} (the rows of T marked as parts of R)."""
    if isinstance(spec, str):
        return [subst(spec, binding)]
    if isinstance(spec, dict):
        table_id, _, total_row = str(spec.get("part_of", "")).partition(".")
        table = fmt.table(table_id)
        if table is None or not total_row:
            raise ParamError(f"part_of must name table.row: {spec!r}")
        rows = [row.id for row in table.rows if row.part_of == total_row]
        if not rows:
            raise ParamError(f"no row of {table_id} in format {fmt.id} is marked part_of {total_row}")
        column = subst(str(spec["column"]), binding) if spec.get("column") else None
        return [f"{table_id}.{row}.{column}" if column else f"{table_id}.{row}" for row in rows]
    return [subst(item, binding) if isinstance(item, str) else str(item) for item in spec]

