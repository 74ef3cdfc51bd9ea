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
    list of files (a path and a count each) is kept.

    The temporary file holds UTF-8: the records a worker process rendered come encoded
    (rendered_records) and are written as they are, and are copied to standard output's
    bytes at the end (_EncodableWriter.utf8_buffer); one encoding of ten megabytes instead
    of four passes (encode, decode, the surrogate test, encode)."""
    import json
    import tempfile

    from golocheck import __version__
    from golocheck.reporters import posix_path, was_checked
    from golocheck.reporters.statistics import RuleCounts

    tally = RuleCounts()
    by_rule: dict[str, int] = {}
    files = []
    clean = True  # no record holds a surrogate: the records' bytes may go to the output as they are
    with tempfile.SpooledTemporaryFile(max_size=4 << 20, mode="w+b") as spool:
        separator = b"\n"
        for result in results:
            tally.add(result)
            diagnostics = result.diagnostics
            files.append({"path": posix_path(result.path), "findings": len(diagnostics), "checked": was_checked(result)})
            if not diagnostics:
                continue
            for d in diagnostics:
                by_rule[d.code] = by_rule.get(d.code, 0) + 1
            # the records a worker process rendered (run.Job.prerender), for the diagnostics
            # it sent (the same objects); any other diagnostic is rendered here
            covered, block, ends, block_clean = getattr(result, "rendered", None) or ((), b"", (), True)
            if covered is diagnostics:
                spool.write(separator + block)  # one write a file
                clean = clean and block_clean
            else:
                position = {id(d): index for index, d in enumerate(covered)}
                records = [_piece(covered, block, ends, position.get(id(d)), d) for d in diagnostics]
                if any(type(r) is str for r in records):
                    encoded, ok = utf8_text(",\n".join(r if type(r) is str else r.decode("utf-8", "surrogatepass") for r in records))
                    spool.write(separator + encoded)
                    clean = clean and ok and block_clean
                else:
                    spool.write(separator + b",\n".join(records))
                    clean = clean and block_clean
            separator = b",\n"
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "golocheck", "version": __version__, "ruleset_version": options.ruleset_version},
            "summary": {"files": tally.files, "files_with_findings": tally.failing, "files_not_checked": tally.unchecked, **tally.by_severity, "by_rule": dict(sorted(by_rule.items()))},
            "files": files,
            "diagnostics": [],
        }
        text = json.dumps(head, ensure_ascii=False, indent=2)  # ends with "diagnostics": []\n}
        if separator == b"\n":  # no diagnostic: the document as json.dumps writes it
            out.write(text + "\n")
            return
        out.write(text[: -len("]\n}")])
        spool.seek(0)
        buffer = out.utf8_buffer() if clean and hasattr(out, "utf8_buffer") else None
        if buffer is not None:
            out.flush()  # the summary first
            while chunk := spool.read(1 << 16):
                buffer.write(chunk)
        else:
            import codecs

            decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")  # a chunk may end inside a character
            while chunk := spool.read(1 << 16):
                out.write(decoder.decode(chunk))
            out.write(decoder.decode(b"", final=True))
        out.write("\n  ]\n}\n")


def _piece(covered: tuple, block: bytes, ends: tuple, index: int | None, d):
    """``d``'s record: its bytes in a worker's ``block`` when it is the diagnostic at
    ``index`` of those the worker sent (the same object), else its text rendered here."""
    if index is not None and covered[index] is d:
        return block[(ends[index - 1] + 2 if index else 0):ends[index]]
    return record_text(d)


def utf8_text(text: str) -> tuple[bytes, bool]:
    """``text`` as UTF-8, and whether it held no surrogate (a report's lone ``\\ud800``
    escape): such a text is kept with its surrogates (the output's writer makes each one
    U+FFFD, as it does of any text written to it)."""
    try:
        return text.encode("utf-8"), True
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass"), False


def rendered_records(diagnostics: tuple) -> tuple:
    """What a worker process sends for a result's diagnostics (FileResult.rendered): the
    diagnostics, their records joined by ",\\n" as UTF-8, the end of each record in
    those bytes, and whether no record held a surrogate."""
    pieces, ends, clean, end = [], [], True, -2
    for d in diagnostics:
        encoded, ok = utf8_text(record_text(d))
        clean = clean and ok
        pieces.append(encoded)
        end += 2 + len(encoded)
        ends.append(end)
    return diagnostics, b",\n".join(pieces), tuple(ends), clean


_INDENT = "    "


def record_text(d) -> str:
    """A diagnostic's record as the document has it: at depth 2, its lines indented by
    two levels more (the separator before it is the writer's).

    The same bytes as writing :func:`diagnostic_record` with :func:`_indented`, but
    written from the diagnostic's fields into one template: the record's dict (and the
    dicts of its message, label, title and basis) was built only to be walked again. The
    message arguments, a document place and the related places go through ``_write``;
    anything unusual (a key or value the template does not expect) takes the slow route."""
    try:
        return _INDENT + _record(d)
    except _Unusual:
        return _INDENT + _indented(diagnostic_record(d), "\n" + _INDENT)


# The record's own lines: its members at depth 3, their members at depth 4 (record_text).
_MEMBER, _DEEPER = "\n" + _INDENT + "  ", "\n" + _INDENT + "    "
# Rule code -> (title, basis, their two members as written): a rule's title and legal
# basis are the catalogue's, the same objects in each of its diagnostics; written once.
_RULE_TEXTS: dict = {}


def _record(d) -> str:
    location = d.location
    span = location.source_span
    code = d.code
    texts = _RULE_TEXTS.get(code)
    if texts is None or texts[0] is not d.title or texts[1] is not d.basis:
        texts = (d.title, d.basis, f'"title": {_bilingual(d.title)},{_MEMBER}"basis": {_bilingual(d.basis)}')
        if len(_RULE_TEXTS) < 4096:  # a catalogue's rules (bounded all the same)
            _RULE_TEXTS[code] = texts
    message_args = _arguments(d.args) if d.args else "{}"
    lines = _lines(span, _MEMBER)
    if location.place is None:
        place = "null"
    else:
        from golocheck.reporters import machine_place

        parts = []
        _write(machine_place(location), _MEMBER, parts)
        place = "".join(parts)
    related = "[]"
    if d.related:
        file = d.file
        related = "[" + ",".join(_related(r, file) for r in d.related) + _MEMBER + "]"
    return (f'{{{_MEMBER}"code": {_scalar(code)},{_MEMBER}"name": {_scalar(d.name)},{_MEMBER}"severity": {_scalar(d.severity.value)},'
            f'{_MEMBER}"message": {_bilingual(d.message)},{_MEMBER}"message_args": {message_args},'
            f'{_MEMBER}"file": {_scalar(d.file.replace(chr(92), "/"))},{_MEMBER}"pointer": {_scalar(location.pointer)},'
            f'{_MEMBER}{lines},{_MEMBER}"place": {place},{_MEMBER}"label": {_bilingual(location.label)},'
            f'{_MEMBER}{texts[2]},{_MEMBER}"help": {_string(f"golocheck explain {code}")},'
            f'{_MEMBER}"related": {related}\n{_INDENT}}}')


_ITEM, _ITEM_MEMBER, _ITEM_DEEPER = _DEEPER, _DEEPER + "  ", _DEEPER + "    "


def _related(r, file: str) -> str:
    """A related place, an item of the record's "related" list (depth 4, its members at 5)."""
    if r.place is None:
        place = "null"
    else:
        from golocheck.reporters import machine_place

        parts: list[str] = []
        _write(machine_place(r), _ITEM_MEMBER, parts)
        place = "".join(parts)
    label = r.label
    if label is None:
        label = "null"
    elif type(label.zh) is str and type(label.en) is str:
        label = f'{{{_ITEM_DEEPER}"zh": {_string(label.zh)},{_ITEM_DEEPER}"en": {_string(label.en)}{_ITEM_MEMBER}}}'
    else:
        raise _Unusual
    return (f'{_ITEM}{{{_ITEM_MEMBER}"file": {_scalar((r.file or file).replace(chr(92), "/"))},{_ITEM_MEMBER}"pointer": {_scalar(r.pointer)},'
            f'{_ITEM_MEMBER}{_lines(r.source_span, _ITEM_MEMBER)},{_ITEM_MEMBER}"place": {place},{_ITEM_MEMBER}"label": {label}{_DEEPER}}}')


def _lines(span, member: str) -> str:
    """The line, column, end_line and end_column members of a place."""
    if span is None:
        return f'"line": null,{member}"column": null,{member}"end_line": null,{member}"end_column": null'
    return (f'"line": {_scalar(span.line)},{member}"column": {_scalar(span.column)},{member}'
            f'"end_line": {_scalar(span.end_line)},{member}"end_column": {_scalar(span.end_column)}')


def _arguments(args) -> str:
    """The message arguments (json_safe's values) at depth 3, their members at depth 4: the
    usual texts, figures, blanks and messages in both languages written here, the rest by
    ``_write``."""
    from golocheck.diagnostics import Text

    parts = ["{"]
    separator = _DEEPER
    for key, value in args.items():
        name = _key_name(key)
        kind = type(value)
        if kind is str:
            parts.append(f"{separator}{name}{_string(value)}")
        elif value is None:
            parts.append(f"{separator}{name}null")
        elif kind is int and -(2**53) <= value <= 2**53:
            parts.append(f"{separator}{name}{int.__repr__(value)}")
        elif kind is Text and type(value.zh) is str and type(value.en) is str:
            deeper = _DEEPER + "  "
            parts.append(f'{separator}{name}{{{deeper}"zh": {_string(value.zh)},{deeper}"en": {_string(value.en)}{_DEEPER}}}')
        else:
            parts.append(separator + name)
            _write(json_safe(value), _DEEPER, parts)
        separator = "," + _DEEPER
    parts.append(_MEMBER + "}")
    return "".join(parts)


def _scalar(value) -> str:
    """A member's value at depth 3 that is usually a text, a figure or a blank."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    raise _Unusual


def _bilingual(text) -> str:
    """A Text member ({zh, en}) at depth 3, or null."""
    if text is None:
        return "null"
    zh, en = text.zh, text.en
    if type(zh) is not str or type(en) is not str:
        raise _Unusual
    return f'{{{_DEEPER}"zh": {_string(zh)},{_DEEPER}"en": {_string(en)}{_MEMBER}}}'


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


def _key_name(key) -> str:
    """A member's ``"key": ``, kept for the next records (the record's own keys and the
    rules' argument names: a few dozen). A key that is not a str is json.dumps's to write:
    str() of two keys may be one text (diagnostic_record's dict)."""
    name = _KEYS.get(key)
    if name is None:
        if type(key) is not str:
            raise _Unusual
        name = _string(key) + ": "
        if len(_KEYS) < 4096:
            _KEYS[key] = name
    return name


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
            name = _key_name(key)
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
