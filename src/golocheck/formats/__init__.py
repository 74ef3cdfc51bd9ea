"""Format definitions: the single source of truth for a report format's cells and sections.

A format is a YAML file in this directory (or in a directory passed as an extra
format path). Adding a format — a province's pre-2019 table, say — means adding
a file, not code. Everything about cells (ids, labels, units, kinds) is read
from here: the report schema, docs, templates and diagnostic labels derive from it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

from golocheck.diagnostics import Text
from golocheck.paths import formats_dir, yaml_files
from golocheck.records import record

# Units per number kind. A count is a non-negative integer; money (万元) a
# non-negative decimal compared exactly; a signed count may be negative
# (本年增/减); an amount is a non-negative decimal of a unit the report states.
NUMBER_KINDS = ("count", "signed_count", "money", "amount")
# What a row's `register` attribute may say it counts of the request register (rule D009).
REGISTER_ROLES = ("received", "received_before", "closed", "open", "closed_after_extension", "result")


class FormatError(Exception):
    """A format definition file is broken (a bug in the data, reported as exit 2)."""


@record(frozen=True, slots=True)
class Cell:
    """One cell of a format's tables: its id, JSON pointer, labels, unit and kind."""

    id: str  # "table.row" or "table.row.column"
    pointer: str  # "/tables/table/row[/column]"
    label: Text  # the official label (row label, plus column label for matrix tables)
    short: Text  # the name used in messages
    unit: str
    kind: str
    table: str
    row_short: Text | None = None  # the row's name, for matrix tables
    # Every unit the cell's figure may be printed with and read as it is: ``unit``, or, where
    # the format fixes none and the report states it (gov-2019 采购总金额), the format's
    # list ``units``. A figure printed with another unit is not this cell's figure as printed.
    units: tuple[str, ...] = ()


@record(frozen=True, slots=True)
class Section:
    """One text section of a format: its id, label, template heading and matching headings."""

    id: str
    label: str
    template_heading: str
    match: tuple[str, ...]
    basis: Text
    variants: tuple[str, ...] = ()  # accepted wordings of the heading besides `label`
    # How the part is recognised when its heading is missing: phrases of its text, and the
    # tables printed in it (filled in the report)
    content: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


@record(frozen=True, slots=True)
class TableRow:
    """A printed row of a table: a heading (no values) or a row of cells."""

    label: str
    id: str | None  # None for headings
    cells: tuple[Cell, ...]
    part_of: str | None = None  # the row id of the total this row is added into
    # the request-register count this row holds (rule D009): "received", "result", ...,
    # or {"received_via": [channels]}; see REGISTER_ROLES and the comment in gov-2019.yaml
    register: str | dict | None = None


@record(frozen=True, slots=True)
class Table:
    """One table of a format: its label, basis, columns and rows."""

    id: str
    label: str
    basis: Text
    columns: tuple[tuple[str, str], ...]  # (id, label); empty for one-column tables
    rows: tuple[TableRow, ...]
    register_column: str | None = None  # the column register counts are compared in


@record(frozen=True, slots=True)
class Notice:
    """The notice that published a national format (国办公开办函〔2021〕30号): a report's
    preamble names it as its basis, so a report citing another format's notice is read by N044."""

    text: Text  # as cited: 国办公开办函〔2021〕30号
    office: str  # the document-number prefix: 国办公开办函
    year: int  # the year in 〔〕
    number: int  # the number before 号


@record(frozen=True, slots=True)
class FormatDefinition:
    """A report format (formats/*.yaml): its years, tables, sections and metadata."""

    id: str
    title: Text
    first_year: int
    last_year: int | None
    basis: Text
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    source: Path
    # National formats are the ones expected for a report year; a province's
    # own pre-2019 table is added with `national: false`.
    national: bool = True
    # How the format's tables are printed in documents (for importing): see PrintedTable.
    printed: tuple["PrintedTable", ...] = ()
    # Where a non-national format is used (a province: 福建省), for messages; None when national.
    scope: Text | None = None
    # The set of required contents the format follows (regulations-2008: 条例(2008) 第三十二条).
    # Formats of one set share its sections (one format defines them) and the rules that
    # name the set in their `contents`.
    contents: str | None = None
    # The notice the format was published with (national formats), see Notice.
    notice: Notice | None = None

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def cells(self) -> Iterator[Cell]:
        for table in self.tables:
            for row in table.rows:
                yield from row.cells

    @property
    def cell_map(self) -> dict[str, Cell]:
        # by identity: hashing the whole frozen definition on every lookup was measurably slow
        found = _CELL_MAPS.get(id(self))
        if found is None or found[0] is not self:
            found = _CELL_MAPS[id(self)] = (self, {cell.id: cell for cell in self.cells()})
        return found[1]

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def years_text(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"{self.first_year}–"


_CELL_MAPS: dict[int, tuple[FormatDefinition, dict[str, Cell]]] = {}


def _text(value, default: str = "") -> Text:
    return Text.of(value if value is not None else default)


class _At(Exception):
    """A problem inside a definition, with the keys and indexes of the node it is in."""

    def __init__(self, parts: list, problem: Exception):
        super().__init__(problem)
        self.parts, self.problem = parts, problem


def _build(raw: dict, source: Path) -> FormatDefinition:
    try:
        return _build_located(raw, source)
    except _At as exc:
        from golocheck.catalogue import located

        raise FormatError(located(source, exc.parts, f"invalid format definition ({exc.problem!r})")) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"{source}:1: invalid format definition ({exc!r})") from None


def _each(items, parts: list, build):
    """``build`` of every item of a list in a definition, a problem located at its item."""
    built = []
    for index, item in enumerate(items):
        try:
            built.append(build(item))
        except _At as exc:
            raise _At([*parts, index, *exc.parts], exc.problem) from None
        except (KeyError, TypeError, ValueError) as exc:
            raise _At([*parts, index], exc) from None
    return tuple(built)


def _build_located(raw: dict, source: Path) -> FormatDefinition:
    fmt_id = raw["id"]
    sections = _each(raw.get("sections", []), ["sections"], lambda s: Section(
        id=s["id"],
        label=s["label"],
        template_heading=s.get("template_heading", s["label"]),
        match=tuple(s["match"]),
        basis=_text(s.get("basis"), raw.get("basis", {}).get("zh", "")),
        variants=tuple(s.get("variants", ())),
        content=tuple(s.get("content", ())),
        tables=tuple(s.get("tables", ())),
    ))
    tables = _each(raw.get("tables", []), ["tables"], _build_table)
    years = raw["report_years"]
    return FormatDefinition(
        id=fmt_id,
        title=_text(raw.get("title"), fmt_id),
        first_year=int(years["first"]),
        last_year=int(years["last"]) if years.get("last") is not None else None,
        basis=_text(raw.get("basis"), fmt_id),
        sections=sections,
        tables=tables,
        source=source,
        national=bool(raw.get("national", True)),
        printed=_each(raw.get("printed", []), ["printed"], lambda entry: _build_printed([entry], {t.id: t for t in tables})[0]),
        scope=_text(raw["scope"]) if raw.get("scope") is not None else None,
        contents=str(raw["contents"]) if raw.get("contents") is not None else None,
        notice=_build_notice(raw["notice"]) if raw.get("notice") is not None else None,
    )


def _build_notice(raw: dict) -> Notice:
    return Notice(Text.of(raw["text"]), str(raw["office"]), int(raw["year"]), int(raw["number"]))


def _build_table(raw: dict) -> Table:
    table_id = raw["id"]
    columns = tuple((c["id"], c["label"]) for c in raw.get("columns", []))
    column_short = {
        c["id"]: Text(c.get("short", c["label"]), c.get("en", c.get("short", c["label"]))) for c in raw.get("columns", [])
    }
    rows = list(_each(raw["rows"], ["rows"], lambda r: _build_row(r, raw, table_id, columns, column_short)))
    register_column = raw.get("register_column")
    if register_column is not None and register_column not in column_short:
        raise ValueError(f"{table_id}: register_column {register_column!r} is not a column")
    return Table(table_id, raw["label"], _text(raw.get("basis"), raw["label"]), columns, tuple(rows), register_column)


def _build_row(r: dict, raw: dict, table_id: str, columns, column_short) -> TableRow:
    if "heading" in r:
        return TableRow(label=r["heading"], id=None, cells=())
    short = Text(r.get("short", r["label"]), r.get("en", r.get("short", r["label"])))
    unit, kind = r.get("unit", ""), r.get("kind", "count")
    for owner in (r, *raw.get("columns", [])):
        if owner.get("kind", "count") not in NUMBER_KINDS:
            raise ValueError(f"{owner.get('id')}: unknown kind {owner.get('kind')!r}")
    if not columns:
        cells = (Cell(f"{table_id}.{r['id']}", f"/tables/{table_id}/{r['id']}", Text.of(r["label"]), short, unit, kind, table_id,
                      units=_units(r, unit)),)
    else:
        cells = tuple(
            Cell(
                f"{table_id}.{r['id']}.{col['id']}",
                f"/tables/{table_id}/{r['id']}/{col['id']}",
                Text.of(f"{r['label']} · {col['label']}"),
                Text(f"{short.zh}·{column_short[col['id']].zh}", f"{short.en} / {column_short[col['id']].en}"),
                col.get("unit", unit),  # a column may have its own unit and kind
                col.get("kind", kind),
                table_id,
                short,
                _units(col, col.get("unit", unit)),
            )
            for col in raw["columns"]
        )
    return TableRow(label=r["label"], id=r["id"], cells=cells, part_of=r.get("part_of"), register=_register_role(r))


def _units(owner: dict, unit: str) -> tuple[str, ...]:
    listed = owner.get("units", [])
    if not isinstance(listed, list) or not all(isinstance(u, str) and u for u in listed):
        raise ValueError(f"{owner.get('id')}: units must be a list of unit words")
    return tuple(dict.fromkeys([*([unit] if unit else []), *listed]))


def unit_words(extra_dirs: tuple[Path, ...] = ()) -> tuple[str, ...]:
    """Every unit a cell of a known format may be printed with (件, 项, 万元, …), longest
    first: what a document may print after a table's figure as that cell's unit."""
    found = {u for fmt in all_formats(extra_dirs).values() for cell in fmt.cells() for u in cell.units}
    return tuple(sorted(found, key=lambda u: (-len(u), u)))


@record(frozen=True, slots=True)
class LayoutVariant:
    """A known way publishers print a block differently from the format: ``label`` is
    the printed row that stands in for the format rows ``replaces``; its figures are
    imported under ``row`` (an id the report schema then judges) and the variant is
    reported, never silently mapped onto the format's rows."""

    id: str
    description: Text
    label: str
    row: str
    replaces: tuple[str, ...]


@record(frozen=True, slots=True)
class PrintedColumn:
    """A value column as printed: the format column it holds (None for a table without
    columns, whose one figure per row it is), or ``skip`` for a printed column the
    format does not keep (a 单位 column); ``header`` are the words its header shows."""

    column: str | None
    header: tuple[str, ...]
    skip: bool = False


@record(frozen=True, slots=True)
class PrintedBlock:
    """One logical table inside a printed table. ``across``: its rows are laid side by
    side in one printed row (each row's columns in turn), under header rows naming them."""

    table: str
    columns: tuple[PrintedColumn, ...]
    across: bool = False
    variants: tuple[LayoutVariant, ...] = ()


@record(frozen=True, slots=True)
class PrintedTable:
    """A table as printed in a report (表二, 表三, ...): the logical tables it holds in
    order, the header words that identify it (``fingerprint``) and the texts printed
    with it (``captions``: notes and titles that are part of the table, not the prose)."""

    name: Text
    fingerprint: tuple[str, ...]
    blocks: tuple[PrintedBlock, ...]
    captions: tuple[str, ...] = ()


def _build_printed(raw: list, tables: dict[str, Table]) -> tuple[PrintedTable, ...]:
    printed = []
    for entry in raw:
        blocks = []
        for b in entry["blocks"]:
            table = tables.get(b["table"])
            if table is None:
                raise ValueError(f"printed block names an unknown table {b['table']!r}")
            blocks.append(PrintedBlock(b["table"], _printed_columns(b, table), bool(b.get("across", False)), _variants(b, table)))
        printed.append(PrintedTable(_text(entry["name"]), tuple(entry["fingerprint"]), tuple(blocks), tuple(entry.get("captions", ()))))
    return tuple(printed)


def _printed_columns(block: dict, table: Table) -> tuple[PrintedColumn, ...]:
    if "columns" not in block:  # the format's own columns, headed by their labels
        return tuple(PrintedColumn(col_id, (label,)) for col_id, label in table.columns)
    known = {col_id for col_id, _ in table.columns}
    columns = []
    for c in block["columns"]:
        if "skip" in c:
            columns.append(PrintedColumn(None, tuple(c["skip"]), skip=True))
        elif "value" in c and not table.columns:
            columns.append(PrintedColumn(None, tuple(c["value"])))
        elif c.get("column") in known:
            columns.append(PrintedColumn(c["column"], tuple(c.get("header", ()))))
        else:
            raise ValueError(f"{table.id}: printed column {c!r} is neither skip, value nor a column of the table")
    return tuple(columns)


def _variants(block: dict, table: Table) -> tuple[LayoutVariant, ...]:
    row_ids = {row.id for row in table.rows if row.id}
    variants = []
    for v in block.get("variants", []):
        unknown = [r for r in v["replaces"] if r not in row_ids]
        if unknown:
            raise ValueError(f"{table.id}: variant {v['id']!r} replaces unknown rows {unknown}")
        variants.append(LayoutVariant(v["id"], _text(v["description"]), v["label"], v["row"], tuple(v["replaces"])))
    return tuple(variants)


def _register_role(row: dict):
    role = row.get("register")
    if role is None or role in REGISTER_ROLES:
        return role
    if isinstance(role, dict) and list(role) == ["received_via"] and isinstance(role["received_via"], list):
        from golocheck.registers import CHANNELS

        unknown = [c for c in role["received_via"] if c not in CHANNELS]
        if not unknown:
            return {"received_via": tuple(role["received_via"])}
        raise ValueError(f"{row['id']}: register channels {unknown} are not among {CHANNELS}")
    raise ValueError(f"{row['id']}: register must be one of {REGISTER_ROLES} or {{received_via: [channels]}}, got {role!r}")


# -- the built form: a definition as plain values, kept with the compiled data -----------
#
# Building the shipped definitions' records (≈ 500 cells, their labels) cost ≈ 10 ms of every
# start. golocheck.compile stores each shipped definition as :func:`built_form` gives it, and
# a run makes the records from that (:func:`from_built`) while golocheck.yamlio says the
# compiled data is current: every rule file, format definition and the code of this package
# (this module included) has the fingerprint it had when the form was written.

# The record classes of a definition, by their index in the built form.
_BUILT_CLASSES: tuple[type, ...] = ()


def _built_classes() -> tuple[type, ...]:
    global _BUILT_CLASSES
    if not _BUILT_CLASSES:
        _BUILT_CLASSES = (Text, Cell, Section, TableRow, Table, Notice, FormatDefinition, LayoutVariant, PrintedColumn,
                          PrintedBlock, PrintedTable)
    return _BUILT_CLASSES


def built_form(value):
    """A definition (or any of its parts) as JSON values: a record is a list of its class's
    index and its fields, a tuple a list (that does not open with an integer), a mapping an
    object, the definition's path ``{"": 0}``. Anything else (a list, a tuple opening with an
    integer) is a TypeError: the definition is then built at run time, as it always can be."""
    from golocheck.records import fields

    classes = _built_classes()
    if value is None or type(value) in (str, int, bool):
        return value
    if type(value) in classes:
        return [classes.index(type(value)), *(built_form(getattr(value, name)) for name in fields(value))]
    if type(value) is tuple and not (value and type(value[0]) in (int, bool)):
        return [built_form(item) for item in value]
    if type(value) is dict and all(type(key) is str and key for key in value):
        return {key: built_form(item) for key, item in value.items()}
    if isinstance(value, Path):
        return {"": 0}
    raise TypeError(f"no built form for {value!r}")


def from_built(form, source: Path):
    """The records of :func:`built_form`'s ``form``, the definition's path being ``source``."""
    classes = _built_classes()

    def make(value):
        kind = type(value)
        if kind is list:
            if value and type(value[0]) is int:
                return classes[value[0]](*[item if type(item) is str else make(item) for item in value[1:]])
            return tuple([item if type(item) is str else make(item) for item in value])
        if kind is dict:
            return source if "" in value else {key: make(item) for key, item in value.items()}
        return value

    return make(form)


def load_format_file(path: Path) -> FormatDefinition:
    from golocheck.yamlio import built_entry, load_yaml_file, problem_line

    form = built_entry("formats", path)
    if form is not None:
        return from_built(form, path)
    try:
        raw = load_yaml_file(path)
    except Exception as exc:  # any YAML or I/O problem in a definition file is a configuration error
        raise FormatError(f"{path}:{problem_line(exc) or 1}: cannot read format definition: " + " ".join(str(exc).split())) from None
    if not isinstance(raw, dict):
        raise FormatError(f"{path}:1: a format definition must be a mapping")
    return _build(raw, path)


def _user_files(extra: Iterable[Path]) -> tuple[Path, ...]:
    """The user's format files in use (golocheck.userdata), then ``extra`` (directories or files)."""
    from golocheck.userdata import active, format_files

    return tuple(dict.fromkeys(active().formats + format_files(extra)))


@cache
def _registry(user_files: tuple[Path, ...] = ()) -> dict[str, FormatDefinition]:
    registry: dict[str, FormatDefinition] = {}
    for path in [*yaml_files(formats_dir()), *user_files]:
        fmt = load_format_file(path)
        if fmt.id in registry:  # a format id names one table: a user's file never replaces another
            from golocheck.catalogue import located

            raise FormatError(located(path, ["id"], f"format id {fmt.id} is already used by {registry[fmt.id].source}"))
        registry[fmt.id] = fmt
    return _share_sections(registry)


def _share_sections(registry: dict[str, FormatDefinition]) -> dict[str, FormatDefinition]:
    """A format of a contents set that lists no sections takes those of the set's format
    that does (a province's table under 条例(2008) has the six items of 第三十二条, defined
    once in gov-2014.yaml). Two formats of one set defining different sections, or a set
    nobody defines, is a broken definition."""
    from golocheck.records import replace

    defined: dict[str, FormatDefinition] = {}
    for fmt in registry.values():
        if fmt.contents and fmt.sections:
            other = defined.setdefault(fmt.contents, fmt)
            if other.sections != fmt.sections:
                raise FormatError(f"{fmt.source}: contents {fmt.contents!r} already has other sections in {other.source}")
    for format_id, fmt in list(registry.items()):
        if fmt.contents and not fmt.sections:
            source = defined.get(fmt.contents)
            if source is None:
                raise FormatError(f"{fmt.source}: no format defines the sections of contents {fmt.contents!r}")
            registry[format_id] = replace(fmt, sections=source.sections)
    return registry


def all_formats(extra_dirs: tuple[Path, ...] = ()) -> dict[str, FormatDefinition]:
    return _registry(_user_files(extra_dirs))


def get_format(format_id: str, extra_dirs: tuple[Path, ...] = ()) -> FormatDefinition | None:
    return _registry(_user_files(extra_dirs)).get(format_id)


def formats_of_contents(contents: tuple[str, ...], extra_dirs: tuple[Path, ...] = ()) -> tuple[str, ...]:
    """The ids of the formats that follow one of the required-content sets ``contents``."""
    formats = sorted(_registry(_user_files(extra_dirs)).values(), key=lambda f: not f.national)  # national first
    return tuple(f.id for f in formats if f.contents in contents)


def format_for_year(year: int, extra_dirs: tuple[Path, ...] = ()) -> list[FormatDefinition]:
    """The formats whose report years include ``year``."""
    return [f for f in _registry(_user_files(extra_dirs)).values() if f.covers_year(year)]
