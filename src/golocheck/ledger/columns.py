"""The ledger's column mapping: header wordings -> register fields, cell wordings -> values.

The mapping is data (data/ledger-columns.yaml); a province extends it with a file of the
same shape (configuration key ``ledger-columns``), whose wordings are added to the shipped
ones. Result and applicant wordings start from the report format's own labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from golocheck.registers import PROACTIVE, REQUESTS

DATA = Path(__file__).resolve().parent.parent / "data" / "ledger-columns.yaml"
KINDS = (REQUESTS, PROACTIVE)
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_NUMBERING = re.compile(r"^(其中[:：]?|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")


class MappingError(Exception):
    """A column mapping file is broken (a configuration error: one line, exit 2)."""


def normal(text: Any) -> str:
    """A header or cell wording as compared: no white space, no leading "*", no trailing
    bracketed note, no leading numbering (“（一）”, “1.”)."""
    value = "".join(str(text).split()).lstrip("*＊")
    while True:
        stripped = _NOTE.sub("", value)
        if stripped == value or not stripped:
            break
        value = stripped
    return _NUMBERING.sub("", value) or value


@dataclass(frozen=True)
class Column:
    field: str
    kind: str
    wordings: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, tuple[Column, ...]]  # register kind -> its columns
    labels: dict[str, tuple[str, str]]  # register kind -> (zh, en)
    values: dict[str, dict[str, tuple[str, ...]]]  # value list -> register value -> wordings
    yes: tuple[str, ...]
    no: tuple[str, ...]
    results: dict[str, tuple[str, ...]]  # printed wording -> further wordings
    applicants: dict[str, tuple[str, ...]]

    def header_index(self, kind: str) -> dict[str, Column]:
        return {normal(w): column for column in self.columns[kind] for w in column.wordings}


def _read(path: Path) -> dict:
    from golocheck.yamlio import parse_yaml

    try:
        data = parse_yaml(path.read_bytes())
    except OSError as exc:
        raise MappingError(f"{path}: cannot read: {exc.strerror}") from None
    except Exception as exc:  # YAML syntax or encoding
        raise MappingError(f"{path}: not a readable YAML file: {' '.join(str(exc).split())[:200]}") from None
    if not isinstance(data, dict):
        raise MappingError(f"{path}: must be a mapping (requests, proactive, values, results, applicants)")
    return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise MappingError(f"{where} must be a list of wordings")
    return tuple(str(v) for v in value)


def _merge(base: dict, extra: dict, where: Path) -> dict:
    """The shipped mapping with a province's wordings added (a column by its field)."""
    unknown = set(extra) - {*KINDS, "values", "results", "applicants"}
    if unknown:
        raise MappingError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: requests, proactive, values, results, applicants)")
    merged = {key: value for key, value in base.items()}
    for kind in KINDS:
        for entry in (extra.get(kind) or {}).get("columns", []) or []:
            if not isinstance(entry, dict) or "field" not in entry:
                raise MappingError(f"{where}: {kind}.columns: each entry needs a field and wordings")
            fields = {c["field"]: c for c in merged[kind]["columns"]}
            if entry["field"] not in fields:
                raise MappingError(f"{where}: {kind}.columns: unknown field {entry['field']!r} (known: {', '.join(fields)})")
            column = fields[entry["field"]]
            column["wordings"] = [*column["wordings"], *_strings(entry.get("wordings"), f"{where}: {kind}.columns.{entry['field']}.wordings")]
    for key in ("results", "applicants"):
        for name, words in (extra.get(key) or {}).items():
            merged[key][str(name)] = [*merged[key].get(str(name), []), *_strings(words, f"{where}: {key}.{name}")]
    for list_name, values in (extra.get("values") or {}).items():
        if list_name in ("yes", "no"):
            merged["values"][list_name] = [*merged["values"][list_name], *_strings(values, f"{where}: values.{list_name}")]
            continue
        if list_name not in merged["values"] or not isinstance(values, dict):
            raise MappingError(f"{where}: values.{list_name}: unknown value list")
        for value, words in values.items():
            if value not in merged["values"][list_name]:
                raise MappingError(f"{where}: values.{list_name}: unknown value {value!r}")
            merged["values"][list_name][value] = [*merged["values"][list_name][value], *_strings(words, f"{where}: values.{list_name}.{value}")]
    return merged


@lru_cache(maxsize=8)
def load_mapping(extra_files: tuple[Path, ...] = ()) -> Mapping:
    import copy

    raw = copy.deepcopy(_read(DATA))
    for path in extra_files:
        raw = _merge(raw, _read(path), path)
    columns = {kind: tuple(Column(c["field"], c["kind"], tuple(c["wordings"]), bool(c.get("required"))) for c in raw[kind]["columns"]) for kind in KINDS}
    labels = {kind: (raw[kind]["label"]["zh"], raw[kind]["label"]["en"]) for kind in KINDS}
    values = {name: {value: tuple(words) for value, words in table.items()} for name, table in raw["values"].items() if name not in ("yes", "no")}
    return Mapping(columns, labels, values, tuple(raw["values"]["yes"]), tuple(raw["values"]["no"]),
                   {k: tuple(v) for k, v in raw["results"].items()}, {k: tuple(v) for k, v in raw["applicants"].items()})


# -- the format's wordings -----------------------------------------------------------------


def result_wordings(fmt, mapping: Mapping) -> dict[str, str]:
    """normal(wording) -> result row id: each result row of the format by its label and its
    short label, and the further wordings the mapping adds to a printed one."""
    from golocheck.registers import register_rows

    found: dict[str, str] = {}
    for _, row in register_rows(fmt):
        if row.register != "result":
            continue
        short = row.cells[0].row_short or row.cells[0].short
        for wording in (row.label, short.zh):
            found.setdefault(normal(wording), row.id)
    for printed, extra in mapping.results.items():
        if normal(printed) in found:
            for wording in extra:
                found.setdefault(normal(wording), found[normal(printed)])
    return found


def applicant_wordings(fmt, mapping: Mapping) -> dict[str, str]:
    """normal(wording) -> column id of the applicant kinds of the format's request table
    (every column but the one register counts are compared in); empty when it has none."""
    found: dict[str, str] = {}
    for table in fmt.tables:
        if table.register_column is None:
            continue
        row = next(r for r in table.rows if r.id is not None)
        for cell, (column_id, label) in zip(row.cells, table.columns):
            if column_id == table.register_column:
                continue
            short = cell.short.zh[len(cell.row_short.zh) + 1:] if cell.row_short else label
            for wording in (label, short):
                found.setdefault(normal(wording), column_id)
    for printed, extra in mapping.applicants.items():
        if normal(printed) in found:
            for wording in extra:
                found.setdefault(normal(wording), found[normal(printed)])
    return found

