"""``--output-format json``: one versioned JSON document for programs.

Why an envelope rather than a bare list: consumers need to know which schema,
tool and rule set produced the findings (``schema_version``, ``tool``) and the
totals without recounting (``summary``). Every diagnostic carries both languages
of its message and the message arguments, so a consumer can re-render or
translate without parsing text. The shape is published as
``schemas/output.schema.json``; ``schema_version`` changes only on incompatible
changes (new optional keys do not change it).

Keys appear in a fixed order and diagnostics in the order given (the engine's
file/line/column order), so two runs on the same input give identical bytes.
"""

from __future__ import annotations

from typing import Any

USES_RULESET_VERSION = True  # outcome.report computes the digest only for outputs that show it

SCHEMA_VERSION = "1"


def _text(value) -> dict[str, str] | None:
    return None if value is None else {"zh": value.zh, "en": value.en}


def json_safe(value: Any) -> Any:
    """Message arguments as JSON: Text -> {zh, en}; Decimal and anything unknown -> string."""
    kind = type(value)
    if kind is str or value is None or kind is bool or (kind is int and -(2**53) <= value <= 2**53):
        return value  # the usual arguments, before the import below
    from golocheck.diagnostics import Text

    if isinstance(value, Text):
        return _text(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if abs(value) <= 2**53:  # exact in every JSON reader
            return value
        # beyond, as text; past Python's 4,300-digit str() limit, only its size
        digits = int(value.bit_length() * 0.30103) + 1
        return str(value) if digits < 4000 else f"(an integer of about {digits} digits)"
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return str(value)  # Decimal, Fraction, dates, NonFinite: their exact text


def _place(file: str, location) -> dict[str, Any]:
    from golocheck.reporters import machine_place, posix_path

    span = location.source_span
    return {
        "file": posix_path(file),
        "pointer": location.pointer,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "place": machine_place(location),
    }


def diagnostic_record(d) -> dict[str, Any]:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": _text(d.message),
        "message_args": {str(k): json_safe(v) for k, v in d.args.items()},
        **_place(d.file, d.location),
        "label": _text(d.location.label),
        "title": _text(d.title),
        "basis": _text(d.basis),
        "help": f"golocheck explain {d.code}",
        "related": [{**_place(r.file or d.file, r), "label": _text(r.label)} for r in d.related],
    }


def envelope(results, ruleset_version: str) -> dict[str, Any]:
    from golocheck import __version__
    from golocheck.reporters import posix_path, was_checked
    from golocheck.reporters.statistics import RuleCounts

    tally = RuleCounts()
    by_rule: dict[str, int] = {}
    files, diagnostics = [], []
    for result in results:
        tally.add(result)
        files.append({"path": posix_path(result.path), "findings": len(result.diagnostics), "checked": was_checked(result)})
        for d in result.diagnostics:
            by_rule[d.code] = by_rule.get(d.code, 0) + 1
            diagnostics.append(diagnostic_record(d))
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "golocheck", "version": __version__, "ruleset_version": ruleset_version},
        "summary": {
            "files": tally.files,
            "files_with_findings": tally.failing,
            "files_not_checked": tally.unchecked,
            **tally.by_severity,
            "by_rule": dict(sorted(by_rule.items())),
        },
        "files": files,
        "diagnostics": diagnostics,
    }


def render(results, catalogue, options, out) -> None:
    """``options.lang`` is unused: the document carries both languages.

    The same bytes as ``json.dumps(envelope(...), indent=2)``, written so that memory stays
    flat over a batch of any size: the summary comes first but is known only at the end, so
    each diagnostic is written, as its part of the indented document, to a temporary file
    (in memory up to a few MB) as its result goes by, and copied after the summary. Only the
    list of files (a path and a count each) is kept."""
    import json
    import tempfile

    from golocheck import __version__
    from golocheck.reporters import posix_path, was_checked
    from golocheck.reporters.statistics import RuleCounts

    tally = RuleCounts()
    by_rule: dict[str, int] = {}
    files = []
    with tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+", encoding="utf-8", errors="surrogatepass") as spool:
        separator = "\n"
        for result in results:
            tally.add(result)
            files.append({"path": posix_path(result.path), "findings": len(result.diagnostics), "checked": was_checked(result)})
            # records a worker process rendered (run.Job.prerender), found by identity
            rendered = {id(d): text for d, text in getattr(result, "rendered", ())}
            records = []
            for d in result.diagnostics:
                by_rule[d.code] = by_rule.get(d.code, 0) + 1
                records.append(separator + (rendered.get(id(d)) or record_text(d)))
                separator = ",\n"
            if records:  # one write a file: each write encodes through the text layer
                spool.write("".join(records))
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "golocheck", "version": __version__, "ruleset_version": options.ruleset_version},
            "summary": {"files": tally.files, "files_with_findings": tally.failing, "files_not_checked": tally.unchecked, **tally.by_severity, "by_rule": dict(sorted(by_rule.items()))},
            "files": files,
            "diagnostics": [],
        }
        text = json.dumps(head, ensure_ascii=False, indent=2)  # ends with "diagnostics": []\n}
        if separator == "\n":  # no diagnostic: the document as json.dumps writes it
            out.write(text + "\n")
            return
        out.write(text[: -len("]\n}")])
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            out.write(chunk)
        out.write("\n  ]\n}\n")


_INDENT = "    "


def record_text(d) -> str:
    """A diagnostic's record as the document has it: at depth 2, its lines indented by
    two levels more (the separator before it is the writer's)."""
    return _INDENT + _indented(diagnostic_record(d), "\n" + _INDENT)


class _Unusual(Exception):
    """A value or key the fast writer does not know: json.dumps writes the record instead."""


def _indented(record: dict, newline: str) -> str:
    """``json.dumps(record, ensure_ascii=False, indent=2)`` with every line break followed
    by the rest of ``newline``: the same bytes. json.dumps has no C encoder once it indents,
    and its Python one (a generator per level) was a tenth of a batch's time."""
    parts: list[str] = []
    try:
        _write(record, newline, parts)
    except _Unusual:
        import json

        return json.dumps(record, ensure_ascii=False, indent=2).replace("\n", newline)
    return "".join(parts)


# A key as written before its value ('"code": '), by the key: the few keys of a record and
# of the rules' message arguments, encoded once (bounded: a key may also come from a report).
_KEYS: dict = {}


def _write(value, newline: str, parts: list[str]) -> None:
    # the order of the tests is json.encoder's (_make_iterencode): a bool is not written as an int
    if isinstance(value, str):
        parts.append(_string(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        parts.append("[")
        separator = inner
        for item in value:
            parts.append(separator)
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        parts.append("{")
        separator = inner
        for key, item in value.items():
            name = _KEYS.get(key)
            if name is None:
                if not isinstance(key, str):
                    raise _Unusual
                name = _string(key) + ": "
                if len(_KEYS) < 4096:  # the record's own keys and the rules' argument names
                    _KEYS[key] = name
            kind = type(item)
            # the usual members written here, not by a call each: a text, a blank, a
            # figure, a message in both languages, an empty list (the record's dozen members,
            # its arguments)
            if kind is str:
                parts.append(f"{separator}{name}{_string(item)}")
            elif item is None:
                parts.append(f"{separator}{name}null")
            elif kind is int:
                parts.append(f"{separator}{name}{int.__repr__(item)}")
            elif kind is dict and len(item) == 2 and type(item.get("zh")) is str and type(item.get("en")) is str:
                deeper = inner + "  "
                first, second = item  # in the dict's order, as json.dumps writes them
                parts.append(f"{separator}{name}{{{deeper}{_string(first)}: {_string(item[first])},"
                             f"{deeper}{_string(second)}: {_string(item[second])}{inner}}}")
            elif (kind is list or kind is dict) and not item:
                parts.append(f"{separator}{name}{'[]' if kind is list else '{}'}")
            else:
                parts.append(separator + name)
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    else:
        raise _Unusual


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _string(text: str) -> str:
    """A JSON string as json.dumps writes it without ensure_ascii (its C function, imported
    on first use: a run with another output does not import the encoder)."""
    global _string
    from json.encoder import encode_basestring as _string

    return _string(text)
