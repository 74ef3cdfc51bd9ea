"""A reviewer's aggregation manifest: which report is the sum of which.

TOML (``.toml``) or YAML (``.yaml``/``.yml``), the same shape::

    [[sum]]
    report = "全市.json"                     # a path, relative to the manifest
    sum_of = ["市本级.json", "甲县.json", "乙区.json"]

    [[sum]]
    report = { issuer = "淮安市人民政府" }    # or the issuer a report of the batch names
    sum_of = [{ issuer = "淮安市人民政府（本级）" }, "洪泽区.json"]
    year = 2024                               # optional: which year's reports (issuers only)

Problems of the manifest itself are :class:`ManifestError` (one line; the command exits 2):
a file it names that does not exist, a report that is a child of two sums or the total of
two, a report that is part of its own sum (a cycle), an entry of the wrong shape. Formats
and years that differ within one sum are known only once the reports are read
(:func:`check_formats`), and are the same error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class ManifestError(Exception):
    """A problem of the manifest: one line, naming the file."""


@dataclass(frozen=True)
class Ref:
    path: str | None = None  # resolved, normalised absolute path
    issuer: str | None = None  # white space removed

    def describe(self) -> str:
        return self.path if self.path is not None else f"issuer {self.issuer}"


@dataclass(frozen=True)
class Sum:
    total: Ref
    children: tuple[Ref, ...]
    year: int | None = None


def load(path: Path) -> tuple[Sum, ...]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{name}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError(f"{name}: not UTF-8") from None
    document = _parse(name, text, path.suffix.lower())
    if not isinstance(document, dict) or set(document) - {"sum"} or not isinstance(document.get("sum"), list) or not document["sum"]:
        raise ManifestError(f"{name}: a manifest is a list of sums under the key 'sum'")
    base = path.parent
    sums = tuple(_sum(name, base, n, entry) for n, entry in enumerate(document["sum"], 1))
    _check_structure(name, sums)
    return sums


def _parse(name: str, text: str, suffix: str):
    if suffix == ".toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ManifestError(f"{name}: invalid TOML: {' '.join(str(exc).split())}") from None
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ManifestError(f"{name}: invalid YAML: {' '.join(str(exc).split())}") from None
    raise ManifestError(f"{name}: a manifest is a .toml, .yaml or .yml file")


def _sum(name: str, base: Path, n: int, entry) -> Sum:
    where = f"{name}: sum {n}"
    if not isinstance(entry, dict) or set(entry) - {"report", "sum_of", "year"} or "report" not in entry or "sum_of" not in entry:
        raise ManifestError(f"{where}: needs 'report' and 'sum_of' (and optionally 'year')")
    children = entry["sum_of"]
    if not isinstance(children, list) or not children:
        raise ManifestError(f"{where}: 'sum_of' must be a non-empty list")
    year = entry.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ManifestError(f"{where}: 'year' must be a year")
    return Sum(_ref(where, base, entry["report"]), tuple(_ref(where, base, c) for c in children), year)


def _ref(where: str, base: Path, value) -> Ref:
    if isinstance(value, str) and value.strip():
        target = base / value
        if not target.is_file():
            raise ManifestError(f"{where}: unknown file {value} (no such file)")
        return Ref(path=normal_path(target))
    if isinstance(value, dict) and set(value) == {"issuer"} and isinstance(value["issuer"], str) and value["issuer"].strip():
        return Ref(issuer="".join(value["issuer"].split()))
    raise ManifestError(f"{where}: a report is a path or {{issuer = NAME}}, not {value!r}")


def normal_path(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _check_structure(name: str, sums: tuple[Sum, ...]) -> None:
    totals: set[Ref] = set()
    children: set[Ref] = set()
    for s in sums:
        if s.total in totals:
            raise ManifestError(f"{name}: {s.total.describe()} is the total of two sums")
        totals.add(s.total)
        for child in s.children:
            if child in children:
                raise ManifestError(f"{name}: {child.describe()} is part of two sums")
            children.add(child)
    parts = {s.total: set(s.children) for s in sums}
    for s in sums:  # a cycle: a report found below itself
        seen, todo = set(), list(parts[s.total])
        while todo:
            ref = todo.pop()
            if ref == s.total:
                raise ManifestError(f"{name}: {s.total.describe()} is part of its own sum (a cycle)")
            if ref not in seen:
                seen.add(ref)
                todo.extend(parts.get(ref, ()))
