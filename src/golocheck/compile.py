"""``python -m golocheck.compile``: write golocheck's compiled data files again.

The build hook (hatch_build.py) writes ``golocheck/_compiled.json`` at every install; in a
source checkout, run this after editing rules/*.yaml, rules/phrases/*.yaml or the format
definitions to make start-up fast again (until then the edited files are parsed from YAML,
which is correct but slower). It also validates the rule catalogue, so that runs can trust
it while its sources are unchanged. See golocheck.yamlio.
"""

from __future__ import annotations

import sys
from pathlib import Path

from golocheck.yamlio import QUICK_NAME, artefact_path, compile_sources, source_directories, validation_sources, write_compiled


def validated_sources(directories: dict[str, Path], package: Path) -> dict[str, str] | None:
    """The fingerprints of the catalogue's sources (golocheck.yamlio.validation_sources) when
    the shipped catalogue passes its full validation, else None (and why, on stderr): runs
    then validate it themselves, and report the broken rule file as they always have."""
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.formats import FormatError

    sources = validation_sources(directories, package)
    try:
        load_catalogue(trust_compiled=False)
    except (CatalogueError, FormatError) as exc:
        sys.stderr.write(f"golocheck.compile: the rule catalogue is not valid, runs will check it: {exc}\n")
        return None
    return sources


def built_catalogue() -> dict | None:
    """The shipped catalogue and format definitions as their records' plain values
    (golocheck.catalogue.built_form, golocheck.formats.built_form), each as JSON text: runs
    that trust the compiled data make the records from them instead of reading every rule
    file (kept only with the validation, see golocheck.yamlio). None (and why, on stderr)
    when they cannot be made: runs then build the records themselves."""
    import json

    from golocheck import catalogue, formats
    from golocheck.paths import formats_dir, yaml_files
    from golocheck.yamlio import load_yaml_file

    def text(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    try:
        rules = catalogue.load_catalogue(trust_compiled=False)
        forms = [catalogue.built_form(rule, load_yaml_file(rule.source).get("formats")) for rule in rules.values()]
        definitions = {f"formats/{path.name}": text(formats.built_form(formats._build(load_yaml_file(path), path)))
                       for path in yaml_files(formats_dir())}
    except Exception as exc:  # noqa: BLE001 - an optimisation: runs build the records themselves
        sys.stderr.write(f"golocheck.compile: the catalogue was not stored built ({exc!r}); runs will build it\n")
        return None
    return {"catalogue": text(forms), "formats": definitions}


# The modules that make lazy patterns (golocheck.narrative.lazyre) at import time.
PATTERN_MODULES = ("golocheck.narrative.document", "golocheck.narrative.figures", "golocheck.narrative.leftovers",
                   "golocheck.narrative.numerals", "golocheck.narrative.parts", "golocheck.checks.narrative")


# Functions that build a lazy pattern from the phrase catalogue (called without arguments).
PATTERN_FUNCTIONS = (("golocheck.narrative.figures", "_figure_follows"),)


def _lazy_sources(value, found: set[str], depth: int = 0, flagged: set[tuple[str, int]] | None = None) -> None:
    """The sources of the lazy patterns (flags 0) in ``value``: a module's names, the phrase
    catalogue's entries (records or dataclasses of tuples); those with flags go to
    ``flagged`` as (pattern, flags), when given."""
    from dataclasses import fields, is_dataclass

    from golocheck import records
    from golocheck.narrative.lazyre import LazyPattern

    if isinstance(value, LazyPattern):
        if not value.flags:
            found.add(value.pattern)
        elif flagged is not None:
            flagged.add((value.pattern, value.flags))
    elif depth < 6 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _lazy_sources(item, found, depth + 1, flagged)
    elif depth < 6 and isinstance(value, dict):
        for item in value.values():
            _lazy_sources(item, found, depth + 1, flagged)
    elif depth < 6 and hasattr(type(value), "__record_fields__") and not isinstance(value, type):
        for name in records.fields(value):
            _lazy_sources(getattr(value, name), found, depth + 1, flagged)
    elif depth < 6 and is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            _lazy_sources(getattr(value, f.name), found, depth + 1, flagged)


def shipped_patterns() -> set[str]:
    """Every lazy pattern of the package: the narrative modules', the phrase catalogue's and
    the rules' own (a ``regex`` of their params, split as checks.narrative splits it)."""
    import importlib
    from collections.abc import Mapping

    from golocheck.catalogue import load_catalogue
    from golocheck.narrative import phrases

    found: set[str] = set()
    for name in PATTERN_MODULES:
        _lazy_sources(vars(importlib.import_module(name)), found)
    _lazy_sources(phrases.load(), found)
    for name, function in PATTERN_FUNCTIONS:
        _lazy_sources(getattr(importlib.import_module(name), function)(), found)

    def regexes(value):
        if isinstance(value, Mapping):
            if isinstance(value.get("regex"), str):
                found.update(phrases.expanded(value["regex"]))
            for item in value.values():
                regexes(item)
        elif isinstance(value, list):
            for item in value:
                regexes(item)

    for rule in load_catalogue().values():
        regexes(rule.params)
    return found


def pattern_readings() -> dict | None:
    """The prefilter's readings of :func:`shipped_patterns` for the compiled data, or None
    (and why, on stderr) when they cannot be made: runs then read each pattern they use."""
    from golocheck.narrative.lazyre import analysis_table

    try:
        return analysis_table(shipped_patterns())
    except Exception as exc:  # noqa: BLE001 - an optimisation: the compiled data is written without it
        sys.stderr.write(f"golocheck.compile: the patterns were not read ({exc!r}); runs will read them\n")
        return None


# Modules whose compiled patterns (re.Pattern at module level) a check uses: their code is
# stored at build time too (golocheck.precompiled), if they compile through it.
COMPILED_MODULES = ("golocheck.checks.sections",)


def _rule_regexes(schema, value, found: set[str], depth: int = 0) -> None:
    """The strings of a rule's ``value`` (its params) that its kind's ``schema`` types as a
    regular expression (golocheck.checks.paramtypes.REGEX)."""
    from golocheck.checks.paramtypes import REGEX

    if depth > 12 or not isinstance(schema, dict):
        return
    if schema == REGEX and isinstance(value, str):
        found.add(value)
    for alternative in (*schema.get("anyOf", ()), *schema.get("oneOf", ()), *schema.get("allOf", ())):
        _rule_regexes(alternative, value, found, depth + 1)
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for key, item in value.items():
            _rule_regexes(properties.get(key, schema.get("additionalProperties")), item, found, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _rule_regexes(schema.get("items"), item, found, depth + 1)


def pattern_keys() -> set[tuple[str, int]]:
    """(pattern, flags) of every regular expression golocheck's own code and rules compile
    through golocheck.precompiled: the lazy patterns, the rules' regex parameters as written,
    and the module-level patterns of :data:`COMPILED_MODULES`."""
    import importlib
    import re

    from golocheck.catalogue import load_catalogue
    from golocheck.checks import kind

    keys = {(pattern, 0) for pattern in shipped_patterns()}
    flagged: set[tuple[str, int]] = set()
    for name in PATTERN_MODULES:
        _lazy_sources(vars(importlib.import_module(name)), set(), flagged=flagged)
    keys.update(flagged)
    found: set[str] = set()
    for rule in load_catalogue().values():
        _rule_regexes(kind(rule.check).params_schema, dict(rule.params), found)
    keys.update((pattern, 0) for pattern in found)
    for name in COMPILED_MODULES:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                for flags in {0, value.flags & ~re.UNICODE}:
                    if re.compile(value.pattern, flags) == value:
                        keys.add((value.pattern, flags))
    return keys


def write_patterns(directory: Path) -> int | None:
    """golocheck.precompiled's file in ``directory``: the number of patterns stored, or None
    (and why, on stderr) when it cannot be written; runs then compile every pattern."""
    from golocheck import precompiled

    try:
        return precompiled.write(directory / precompiled.FILE_NAME, pattern_keys())
    except Exception as exc:  # noqa: BLE001 - an optimisation: runs compile the patterns themselves
        sys.stderr.write(f"golocheck.compile: the patterns were not precompiled ({exc!r}); runs will compile them\n")
        return None


def main() -> int:
    from golocheck.paths import PACKAGE_DIR

    path = artefact_path()
    directories = source_directories()
    validated = validated_sources(directories, PACKAGE_DIR)
    built = built_catalogue() if validated else None
    write_compiled(path, compile_sources(directories, validated, pattern_readings(), built))
    stored = write_patterns(path.parent)
    print(f"wrote {path}, {path.with_name(QUICK_NAME).name} and {stored or 0} precompiled patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
