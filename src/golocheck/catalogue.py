"""The rule catalogue: rules/*.yaml loaded into immutable :class:`Rule` records.

A rule file is validated against schemas/rule.schema.json, names a check kind
from :mod:`golocheck.checks`, and its parameters are checked against that kind's
``params_schema`` (cell ids exist in the rule's formats, named rules exist, and so
on; see golocheck.checks.params). A broken rule file is a configuration error
(exit 2), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from golocheck.diagnostics import Severity, Text
from golocheck.paths import rules_dir, schemas_dir, yaml_files
from golocheck.records import record


class CatalogueError(Exception):
    """A rule file is invalid."""


@record(frozen=True, slots=True)
class Rule:
    """One rule of the catalogue, as read from its rules/XNNN.yaml file."""

    code: str
    name: str
    title: Text
    description: Text
    groups: tuple[str, ...]
    formats: tuple[str, ...] | None  # None: every format
    severity: Severity
    check: str
    params: Mapping[str, Any]
    message: Text
    basis: Text
    examples: Mapping[str, tuple[Mapping[str, Any], ...]]
    source: Path
    # Load and structure findings: a file that could not be read or checked never passes, so
    # selection, configured severities, suppressions and baselines do not apply to them.
    always_reported: bool = False
    # The required-content sets (a format's `contents`) the rule is written for: the rule
    # applies to every format of these sets, whose ids are added to ``formats`` on loading.
    contents: tuple[str, ...] = ()

    def applies_to(self, format_id: str | None) -> bool:
        return self.formats is None or format_id in self.formats


try:  # what string.Formatter().parse calls; importing string compiles string.Template's pattern (≈ 1 ms)
    from _string import formatter_parser as parse_template
except ImportError:  # an interpreter without CPython's _string
    import string

    parse_template = string.Formatter().parse


def template_fields(template: str) -> list[str]:
    """The placeholder names of a message template; only plain names are allowed (no attribute access)."""
    names = []
    for _, field_name, spec, conversion in parse_template(template):
        if field_name is None:
            continue
        if not field_name.isidentifier() or spec or conversion:
            raise CatalogueError(f"placeholder {{{field_name}}} must be a plain name")
        names.append(field_name)
    return names


def located(path: Path, parts, problem: str) -> str:
    """A problem of a data file as golocheck reports it: ``FILE:LINE: problem``, the line of
    the node at ``parts`` (see golocheck.yamlio.line_of)."""
    from golocheck.yamlio import line_of

    return f"{path}:{line_of(path, list(parts))}: {problem}"


def _params_parts(problem: str) -> list:
    """Where a parameter problem ("params/total/0: ...") points in the rule file."""
    head = problem.split(":", 1)[0]
    if head.startswith("params") and " " not in head:
        return [int(p) if p.isdigit() else p for p in head.split("/")]
    return ["formats"] if problem.startswith("unknown format") else ["params"]


def _rule_from(raw: dict, path: Path) -> Rule:
    for lang in ("zh", "en"):
        try:
            template_fields(raw["message"][lang])
        except CatalogueError as exc:
            raise CatalogueError(located(path, ["message", lang], f"message.{lang}: {exc}")) from None
    return Rule(
        code=raw["code"],
        name=raw["name"],
        title=Text.of(raw["title"]),
        description=Text.of(raw["description"]),
        groups=tuple(raw["groups"]),
        formats=_formats(raw),
        severity=Severity(raw["severity"]),
        check=raw["check"],
        params=MappingProxyType(dict(raw.get("params") or {})),
        message=Text.of(raw["message"]),
        basis=Text.of(raw["basis"]),
        examples=MappingProxyType({k: tuple(v) for k, v in raw["examples"].items()}),
        source=path,
        always_reported=bool(raw.get("always_reported", False)),
        contents=tuple(raw.get("contents") or ()),
    )


# -- the built form, kept with the compiled data ------------------------------------------
#
# Reading 150 rule files' data and making their records cost ≈ 10 ms of every start.
# golocheck.compile stores the validated catalogue's fields as plain values (:func:`built_form`),
# and a run that trusts the compiled data (golocheck.yamlio.catalogue_validated: each rule file,
# format definition and validating module has the fingerprint it had then) makes the rules
# from them (:func:`from_built`); the examples are read from the rule file when first asked for.


def built_form(rule: Rule, named_formats) -> list:
    """``rule``'s fields as JSON values; ``named_formats``: the formats its file names
    (those of its ``contents`` are found at run time, the user's formats included)."""
    texts = [[text.zh, text.en] for text in (rule.title, rule.description, rule.message, rule.basis)]
    return [rule.source.name, rule.code, rule.name, *texts[:2], list(rule.groups), list(named_formats or ()) or None,
            rule.severity.value, rule.check, dict(rule.params), *texts[2:], rule.always_reported, list(rule.contents)]


def from_built(forms: list, directory: Path) -> list[Rule]:
    rules = []
    for (file_name, code, name, title, description, groups, named, severity, check, params, message, basis, always,
         contents) in forms:
        path = directory / file_name
        rules.append(Rule(code, name, Text(*title), Text(*description), tuple(groups),
                          _formats({"formats": named, "contents": contents}), Severity(severity), check, MappingProxyType(params),
                          Text(*message), Text(*basis), _Examples(path), path, always, tuple(contents)))
    return rules


class _Examples(Mapping):
    """A rule's examples, read from its file when first asked for: a check never asks."""

    __slots__ = ("_path", "_read")

    def __init__(self, path: Path):
        self._path, self._read = path, None

    def _examples(self) -> dict:
        if self._read is None:
            from golocheck.yamlio import load_yaml_file

            self._read = {key: tuple(value) for key, value in load_yaml_file(self._path)["examples"].items()}
        return self._read

    def __getitem__(self, key):
        return self._examples()[key]

    def __iter__(self):
        return iter(self._examples())

    def __len__(self) -> int:
        return len(self._examples())

    def __repr__(self) -> str:
        return f"examples of {self._path.name}"


def _formats(raw: dict) -> tuple[str, ...] | None:
    """The formats a rule applies to: those it names, and those of the content sets it names
    (so a new format of 条例(2008) gets the rules on its required contents by saying so)."""
    named = tuple(raw.get("formats") or ())
    if not raw.get("contents"):
        return named or None
    from golocheck.formats import formats_of_contents

    return named + tuple(f for f in formats_of_contents(tuple(raw["contents"])) if f not in named)


@cache
def rule_schema() -> dict:
    with open(schemas_dir() / "rule.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


def load_rule_file(path: Path, validate: bool = True) -> Rule:
    """Read one rule file. ``validate=False`` skips the JSON Schema validation: the
    shipped rules are validated by the test suite, and skipping it keeps the
    start-up of every run (a pre-commit hook) short."""
    from golocheck.yamlio import load_yaml_file, problem_line

    try:
        raw = load_yaml_file(path)
    except Exception as exc:  # YAML or I/O trouble in a rule file is a configuration error
        raise CatalogueError(f"{path}:{problem_line(exc) or 1}: cannot read rule file: " + " ".join(str(exc).split())) from None
    if validate:
        from jsonschema import Draft202012Validator

        errors = sorted(Draft202012Validator(rule_schema()).iter_errors(raw), key=lambda e: list(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            raise CatalogueError(located(path, errors[0].absolute_path, f"invalid rule file at /{where}: {errors[0].message}"))
    elif not isinstance(raw, dict):
        raise CatalogueError(f"{path}:1: a rule file must be a mapping")
    if path.stem != raw["code"]:
        raise CatalogueError(located(path, ["code"], f"file name must be the rule code ({raw['code']}.yaml)"))
    return _rule_from(raw, path)


def load_catalogue(extra_dirs: tuple[Path, ...] = (), trust_compiled: bool = True) -> dict[str, Rule]:
    """All rules by code, in code order, the user's rule files included (the rule paths of
    golocheck.userdata.active(), then ``extra_dirs``: directories or files). Raises
    CatalogueError on any invalid file; see _load_catalogue."""
    from golocheck.userdata import active, rule_files

    return _load_catalogue(active().rules + rule_files(extra_dirs), trust_compiled, active().formats)


@cache
def _load_catalogue(user_files: tuple[Path, ...], trust_compiled: bool, user_formats: tuple[Path, ...] = ()) -> dict[str, Rule]:
    """All rules by code, in code order. Raises CatalogueError on any invalid file.

    ``user_formats`` (the active user formats) is only part of the cache key: a user's rule
    is valid only with the formats it names, so the same rule files read without them (a
    later --isolated call in one process) are read, and refused, again.

    The shipped rules' parameters are checked against their kinds and the formats when the
    compiled data is built (compile.py, hatch_build.py); a run trusts that check while the
    compiled data says it passed on the very sources there are now
    (golocheck.yamlio.catalogue_validated), and checks them itself otherwise.
    ``trust_compiled=False`` always checks (the build, the tests). The user's rule files
    are always checked, exactly as the shipped ones are when not trusted."""
    from golocheck.checks import validate_params
    from golocheck.checks.params import check_references
    from golocheck.yamlio import artefact, catalogue_validated

    trusted = trust_compiled and catalogue_validated()
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    references: list = []
    built = artefact().built_part("catalogue") if trusted else None
    if built is not None:  # validated when compiled, from the very rule files there are now
        for rule in from_built(built, rules_dir()):
            rules[rule.code] = rule
            names[rule.name] = rule.code
        artefact().used.extend(f"rules/{rule.source.name}" for rule in rules.values())
        files = []
    else:
        files = [(path, False) for path in yaml_files(rules_dir())]
    if not files and not rules:  # an incomplete installation must not pass every report
        problem = artefact().problem
        raise CatalogueError((f"{problem}, and " if problem else "") + f"no rule files in {rules_dir()}")
    files.extend((path, True) for path in user_files)
    for path, validate in files:
        try:
            rule = load_rule_file(path, validate)
        except (KeyError, TypeError, ValueError) as exc:  # only an unvalidated file can get here
            raise CatalogueError(f"{path}:1: invalid rule file: {exc!r}") from None
        if rule.code in rules:
            raise CatalogueError(located(path, ["code"], f"rule code {rule.code} is already used by {rules[rule.code].source}"))
        if rule.name in names:
            raise CatalogueError(located(path, ["name"], f"rule name {rule.name} is already used by {rules[names[rule.name]].source}"))
        found: list = []
        problem = None if trusted and not validate else validate_params(rule, found)
        if problem:
            raise CatalogueError(located(path, _params_parts(problem), problem))
        references.extend((path, reference) for reference in found)
        rules[rule.code] = rule
        names[rule.name] = rule.code
    for path, reference in references:  # resolved last: a rule may name one that comes later
        problem = check_references([reference], rules)
        if problem:
            raise CatalogueError(located(path, _params_parts(problem), problem))
    return dict(sorted(rules.items()))


def _load_uncached(extra_dirs: tuple[Path, ...] = (), trust_compiled: bool = True) -> dict[str, Rule]:
    from golocheck.userdata import active, rule_files

    return _load_catalogue.__wrapped__(active().rules + rule_files(extra_dirs), trust_compiled, active().formats)


def _cache_clear() -> None:
    """Forget the catalogues read, and the fingerprints of their sources with them."""
    from golocheck.yamlio import artefact

    _load_catalogue.cache_clear()
    artefact().forget_sources()


# as functools.cache would give load_catalogue itself (the tests read the files again with these)
load_catalogue.cache_clear = _cache_clear  # type: ignore[attr-defined]
load_catalogue.__wrapped__ = _load_uncached  # type: ignore[attr-defined]


def ruleset_version() -> str:
    """A short digest of the rule files and format definitions, the user's included: it
    changes whenever what golocheck checks changes, so machine outputs and baselines can
    say which rules made them."""
    from golocheck.userdata import active

    return _ruleset_version(active().formats + active().rules)


@cache
def _ruleset_version(user_files: tuple[Path, ...]) -> str:
    import hashlib

    from golocheck.paths import formats_dir

    digest = hashlib.sha256()
    for path in sorted(rules_dir().rglob("*.yaml")) + sorted(formats_dir().glob("*.yaml")) + list(user_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def rule_json(rule: Rule) -> dict:
    """A rule as JSON (golocheck rules --output-format json)."""
    def both(text):
        return {"zh": text.zh, "en": text.en}

    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity.value, "groups": list(rule.groups),
        "formats": list(rule.formats) if rule.formats else None, "title": both(rule.title), "description": both(rule.description),
        "message": both(rule.message), "basis": both(rule.basis), "check": rule.check, "always_reported": rule.always_reported, "help": f"golocheck explain {rule.code}",
    }
