"""Output formats, one module each, looked up by name. A reporter sees only
diagnostics (and the report texts, for excerpts) — never checks or rules.

Also what the formats share: :class:`ReportOptions`, the places as people and
programs read them, and :func:`fingerprints` (ids that survive edits elsewhere in
the file). Writing output files is outcome.py's business, not a reporter's."""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from typing import IO, Any, Callable, Iterable, Mapping

from golocheck.records import record

# The output formats: the one list the command line (--output-format), the configuration
# (output-format) and the documentation take their choices from.
REPORTERS = {
    "full": "golocheck.reporters.full",
    "concise": "golocheck.reporters.concise",
    "json": "golocheck.reporters.json_output",
    "sarif": "golocheck.reporters.sarif",
    "github": "golocheck.reporters.github",
    "gitlab": "golocheck.reporters.gitlab",
    "junit": "golocheck.reporters.junit",
    "xlsx": "golocheck.reporters.xlsx",
    "html": "golocheck.reporters.html",
}
OUTPUT_FORMATS = tuple(REPORTERS)


@record(frozen=True)
class ReportOptions:
    """Everything a reporter may take into account besides the results and the catalogue.
    Every reporter gets the same options and uses the ones that concern it.

    ``color``: decided once by the command line (--color, NO_COLOR, FORCE_COLOR, a
    terminal); without it no reporter imports rich. ``selections``: the Selection used
    (one for all files, or a mapping from result path to its Selection), for junit's list
    of rules that ran. ``step_summary``: where GitHub wants its Markdown job summary
    (opened by the caller, lazily), or None. ``ruleset_version``: the digest of the rule
    files (reporters do not read them)."""

    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    left_out: int = 0  # findings in the baseline, not shown
    statistics: bool = False
    selections: Any = None
    ruleset_version: str = ""
    step_summary: IO[str] | None = None
    # A rule's full documentation (golocheck explain), for SARIF's rule help: passed in
    # because explaining a rule reads the checks' code, which reporters never import.
    explain: Callable[[Any, str], str] | None = None
    # The format definitions by id (cell labels, the tables' layout), for outputs that draw
    # a report's tables (html): handed in, as reporters never load data files themselves.
    formats: Mapping[str, Any] | None = None

    def selection_for(self, path: str):
        if isinstance(self.selections, Mapping):
            return self.selections.get(path)
        return self.selections


def get_reporter(name: str):
    """The module of an output format: it has ``render(results, catalogue, options, out)``,
    which consumes ``results`` (FileResults) once, in order, and writes to ``out``."""
    return import_module(REPORTERS[name])


@cache
def _line_breaks() -> re.Pattern:
    """What str.splitlines() breaks a line at, besides \\n: a log line must stay one line.
    Compiled when first used (only the line formats need it)."""
    return re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@cache
def _surrogate() -> re.Pattern:
    # compiled only for a text that holds a surrogate: the class of 2048 characters is
    # costly to compile, and almost no output has one
    return re.compile("[\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with every line break (also \x85, \u2028 …) as a space."""
    return _line_breaks().sub(" ", text)


def without_surrogates(text: str) -> str:
    """``text`` with each surrogate code point (U+D800–U+DFFF) as U+FFFD. Strict UTF-8
    encoding fails exactly on those code points, so a text that encodes (or is ASCII)
    is returned as it is, without the pattern."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _surrogate().sub("\ufffd", text)
    return text


class _EncodableWriter:
    """Writes through to ``out`` with lone surrogates (a report's ``\\ud800`` escape)
    as U+FFFD: every output must encode as UTF-8, whatever a report held."""

    def __init__(self, out: IO[str]):
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(without_surrogates(text))

    def flush(self) -> None:
        self._out.flush()

    def utf8_buffer(self):
        """Where to write text already encoded as UTF-8 with no surrogate in it (the JSON
        output's records, encoded by the process that rendered them), after a flush: the
        bytes under standard output when they are what it would write of that text itself,
        so that ten megabytes of records are not decoded only to be encoded again. None for
        any other stream: write the text."""
        return _utf8_buffer(self._out)


def _utf8_buffer(stream):
    """The byte stream under ``stream`` when ``stream`` is standard output, encodes as
    UTF-8 and translates no line break (a POSIX system): its text and these bytes are the
    same. None for any other stream (a StringIO, an output file's spool)."""
    import io
    import os
    import sys

    if stream is not sys.stdout or not isinstance(stream, io.TextIOWrapper) or os.linesep != "\n":
        return None
    import codecs

    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
    except LookupError:
        return None
    return getattr(stream, "buffer", None) if utf8 else None


def is_binary(name: str) -> bool:
    """Whether the format writes bytes (a workbook) rather than text: its module says
    ``BINARY = True``, and its ``out`` is a binary stream. Such output goes to a file
    (--output-file), never to a terminal."""
    return getattr(get_reporter(name), "BINARY", False)


def render(name: str, results: Iterable, catalogue: Mapping, options: ReportOptions, out: IO) -> None:
    """``out`` is a text stream, or a binary one for a binary format (:func:`is_binary`)."""
    reporter = get_reporter(name)
    reporter.render(results, catalogue, options, out if is_binary(name) else _EncodableWriter(out))


def render_text(name: str, results: Iterable, catalogue: Mapping, options: ReportOptions) -> str:
    import io

    if is_binary(name):
        raise TypeError(f"{name} writes bytes: use render_bytes")
    out = io.StringIO()
    render(name, results, catalogue, options, out)
    return out.getvalue()


def render_bytes(name: str, results: Iterable, catalogue: Mapping, options: ReportOptions) -> bytes:
    """The output of a binary format (a workbook) as bytes."""
    import io

    out = io.BytesIO()
    render(name, results, catalogue, options, out)
    return out.getvalue()


def human_place(d_file: str, location, lang: str) -> str:
    """``file:line:col`` when the value has a line; otherwise the file and where in the
    document (第 3 页, table 2 row 5 column 3); what a line does not say follows it."""
    file = location.file or d_file
    span = location.source_span
    where = f"{file}:{span.line}:{span.column}" if span else file
    described = location.describe(lang)
    if described and getattr(location.place, "joined", False):  # requests.xlsx#台账!B17
        return f"{where}{described}"
    return f"{where} {described}" if described else where


def machine_place(location) -> dict[str, Any] | None:
    """A document place for machine formats: {"kind": "pdf", "page": 3, ...}; None for a
    JSON or YAML file (its pointer and line:column say it all)."""
    if location.place is None:
        return None
    return {"kind": location.place.kind, **location.place.fields()}


def was_checked(result) -> bool:
    """Whether the rules checked the report of ``result``: it was read, parsed and could be
    checked (pipeline.not_run says "not_checked" of every rule otherwise). A summary never
    counts a file that was not checked among the files checked."""
    return result.parsed and not (result.not_run and "not_checked" in result.not_run.values())


def posix_path(path: str) -> str:
    """A file path as machine formats show it: as given, with forward slashes."""
    return path.replace("\\", "/")


def fingerprints(diagnostics: Iterable) -> list[str]:
    """One stable id per diagnostic, in order: a hash of (code, file, pointer, occurrence
    index among diagnostics with the same three). No line numbers, so an edit that
    shifts lines keeps every id; the index keeps them unique within one output."""
    import hashlib
    import json

    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for d in diagnostics:
        key = (d.code, posix_path(d.file), d.pointer)
        index = seen.get(key, 0)
        seen[key] = index + 1
        payload = json.dumps([*key, index], ensure_ascii=False)
        result.append(hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return result
