"""golocheck's own YAML data files (rules, formats, phrases, regulations), and their compiled copy.

PyYAML builds Python objects in pure Python even with the C parser: the ~90 data files cost
about 100 ms on every start, too much for a pre-commit hook. So the files are parsed once,
when the package is built, into one JSON file inside the package, ``golocheck/_compiled.json``
(the artefact). Nothing is written at run time, and nothing is read from the user's home.

* ``pip install .`` / a wheel: hatch_build.py (the build hook) writes the artefact into the wheel.
* ``pip install -e .``: the same hook writes it into the source tree (src/golocheck, ignored by
  git); after editing data files, ``python -m golocheck.compile`` writes it again.

Each entry of the artefact carries the fingerprint of its source file's bytes, and a source is
always read: an entry is used only if the bytes still match, so an edited file is parsed from
YAML (a stale artefact costs time, never correctness) and a deleted file is gone. A missing,
truncated or corrupt artefact is ignored as a whole (its first line is a checksum of the rest).

The artefact also says whether the shipped rule catalogue passed its full validation (every
rule's parameters against its check kind's schema and the formats, see
golocheck.catalogue) when it was compiled, and of which sources: ``validated`` holds the
fingerprints of the rule files, the format definitions and the code that validates them
(:data:`VALIDATED_CODE`). A run trusts the shipped catalogue, and skips that validation
(~40 ms of every start), only while every one of those sources still has its fingerprint and
no file has come or gone; rule files of extra directories are always validated.

The fingerprint is the length, CRC-32 and Adler-32 of the bytes (zlib, already loaded by
start-up), not a cryptographic hash: it detects edits, which is its only job — anyone who could
forge a collision could as well edit the package's code. hashlib would add ~5 ms to every start.

Next to the artefact, the same data in marshal's form (``_compiled.marshal``, :data:`QUICK_NAME`),
about 4 ms quicker to decode on every start; it is used only together with the artefact it
was written from (whose header line, with the fingerprint of its body, and size it names: the
JSON's body is then not read), by the same Python version, and when its own checksum matches;
otherwise the artefact's JSON is read and checked, as before. The artefact also keeps the prefilter's readings of
the shipped regular expressions (golocheck.narrative.lazyre).

This module imports nothing of golocheck at import time: the build hook loads it by file path.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any

ARTEFACT_NAME = "_compiled.json"
ARTEFACT_FORMAT = "golocheck-compiled-data 1"
# The same data in marshal's form, next to the artefact: decoding it costs half the JSON's
# (≈ 4 ms of every start). Used only together with a valid artefact whose header line it
# names, by the Python it was written for, and when its own checksum matches; else the JSON.
QUICK_NAME = "_compiled.marshal"
QUICK_FORMAT = "golocheck-compiled-marshal 1"

def parse_yaml(raw: bytes) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - safe loader


def fingerprint(raw: bytes) -> str:
    return f"{len(raw)}:{zlib.crc32(raw):08x}:{zlib.adler32(raw):08x}"


# -- building the artefact (build hook, python -m golocheck.compile) -------------------


def compile_sources(directories: dict[str, Path], validated: dict[str, str] | None = None, patterns: dict | None = None,
                    built: dict | None = None) -> str:
    """The artefact's text for the ``*.yaml`` files of ``directories`` (key prefix -> directory).
    A file whose parsed data would not come back the same from JSON (a date, an integer key)
    is left out: it is parsed from YAML at run time. ``validated``: the
    :func:`validation_sources` of a catalogue that passed its validation, or None;
    ``patterns``: the readings of the shipped regular expressions
    (golocheck.narrative.lazyre.analysis_table), or None; ``built``: the catalogue and format
    definitions as records' plain values (golocheck.compile.built_catalogue), kept only with
    ``validated``."""
    files: dict[str, dict] = {}
    for prefix, directory in sorted(directories.items()):
        for path in sorted(Path(directory).glob("*.yaml")):
            raw = path.read_bytes()
            data = parse_yaml(raw)
            try:
                same = json.loads(json.dumps(data, ensure_ascii=False)) == data
            except (TypeError, ValueError):
                same = False
            if same:  # the data as JSON text, decoded only when a run reads the file
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                files[f"{prefix}/{path.name}"] = {"fingerprint": fingerprint(raw), "data": text}
    return artefact_text(files, validated, patterns, built)


def artefact_text(files: dict[str, dict], validated: dict[str, str] | None = None, patterns: dict | None = None,
                  built: dict | None = None) -> str:
    """The artefact: a header line with the fingerprint of the rest, then the entries as JSON."""
    content: dict[str, Any] = {"files": files}
    if validated:
        content["validated"] = validated
        if built:  # made from exactly the validated sources: used only while they are current
            content["built"] = built
    if patterns:
        content["patterns"] = patterns
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{ARTEFACT_FORMAT} {fingerprint(body.encode('utf-8'))}\n{body}"


def _quick_tag() -> str:
    import marshal
    import sys

    return f"{QUICK_FORMAT} python{sys.version_info[0]}.{sys.version_info[1]} marshal{marshal.version}"


def quick_bytes(text: str) -> bytes:
    """The marshal form of the artefact ``text``: a header line (the format, the Python and
    marshal versions, the artefact's own header line and size, the fingerprint of the rest), then the
    artefact's content with each entry's data marshalled on its own (decoded per use, as
    the JSON text is)."""
    import marshal

    header, _, body = text.partition("\n")
    content = json.loads(body)
    content["files"] = {key: {"fingerprint": entry["fingerprint"], "blob": marshal.dumps(json.loads(entry["data"]))}
                        for key, entry in content["files"].items()}
    built = content.get("built", {})
    for part, value in built.items():  # a JSON text, or JSON texts by key
        built[part] = ({key: marshal.dumps(json.loads(text)) for key, text in value.items()} if isinstance(value, dict)
                       else marshal.dumps(json.loads(value)))
    payload = marshal.dumps(content)
    return f"{_quick_tag()}\t{header}\t{len(text.encode('utf-8'))}\t{fingerprint(payload)}\n".encode() + payload


def write_compiled(path: Path, text: str) -> None:
    """Write the artefact ``text`` at ``path`` and its marshal form next to it, each
    replacing the old file only when complete."""
    import os

    for target, data in ((path.with_name(QUICK_NAME), quick_bytes(text)), (path, text.encode("utf-8"))):
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)


def source_directories() -> dict[str, Path]:
    """The installed (or checked-out) data directories, by artefact key prefix: a key is the
    file's path from the data root or the package (A001.yaml in the rules directory, say, is
    rules/A001.yaml), the same in a wheel and in a checkout. hatch_build.py lists the same."""
    from golocheck.paths import PACKAGE_DIR, formats_dir, rules_dir

    rules, phrases = rules_dir(), rules_dir() / "phrases"
    directories = (rules, phrases, formats_dir(), PACKAGE_DIR / "data")
    return {"/".join(d.parts[len(d.parts) - (2 if d == phrases else 1):]): d for d in directories}


# The modules whose code decides whether a rule file is valid (directory in the package, file
# name ending): the check kinds' parameter schemas and their checker, the format tables, the
# catalogue itself.
# diagnostics.py: the records of the built catalogue and definitions (Text, Severity).
VALIDATED_CODE = (("", "catalogue.py"), ("", "minischema.py"), ("", "diagnostics.py"), ("checks", ".py"), ("formats", ".py"))


def validation_sources(directories: dict[str, Path], package: Path) -> dict[str, str]:
    """Fingerprints of what the catalogue's validation depends on, by key: the rule files and
    format definitions of ``directories`` (keys as in the artefact) and the
    :data:`VALIDATED_CODE` of ``package`` (``code/checks/params.py``, say). Read with os
    calls rather than pathlib: a run that trusts the catalogue pays this on every start."""
    import os

    def read(path: str) -> bytes:
        with open(path, "rb", buffering=0) as handle:
            return handle.readall()

    found: dict[str, str] = {}
    for key, directory, ending in [*(((prefix, str(directories[prefix]), ".yaml") for prefix in ("rules", "formats"))),
                                   *((f"code/{sub}".rstrip("/"), os.path.join(package, sub), end) for sub, end in VALIDATED_CODE)]:
        for name in sorted(os.listdir(directory)):
            if name.endswith(ending) and (ending.startswith(".") or name == ending):
                found[f"{key}/{name}"] = fingerprint(read(os.path.join(directory, name)))
    return found


def artefact_path() -> Path:
    return Path(__file__).resolve().parent / ARTEFACT_NAME


# -- reading it ---------------------------------------------------------------------------


class _Artefact:
    """The artefact as read: ``files`` maps keys to {fingerprint, data (JSON text)}; ``problem``
    says why an artefact that is present could not be used (it is then ignored)."""

    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, Any] = {}
        self.validated: dict[str, str] = {}  # see validation_sources
        self.patterns: dict = {}  # see golocheck.narrative.lazyre.analysis_table
        self.built: dict = {}  # "catalogue": the rules' records, "formats": each definition's; see trusted()
        self._current: dict[str, str] | None = None  # validation_sources as they are now, read once
        self.problem: str | None = None
        self.used: list[str] = []  # keys served from the artefact (the tests look)
        import os

        try:
            with open(path, "rb") as handle:
                # the header line and the size first: with them the marshal form, when it
                # was written from this artefact, serves the content without the JSON read
                first = handle.readline(1024)
                content = self._quick(first.rstrip(b"\n"), os.fstat(handle.fileno()).st_size)
                text = None if content is not None else first + handle.read()
        except FileNotFoundError:
            return  # a checkout before any install: every file is parsed from YAML
        except OSError as exc:
            self.problem = f"{path}: cannot read golocheck's compiled data ({exc.strerror})"
            return
        try:
            if content is None:
                header, _, body = text.partition(b"\n")
                content = json.loads(body) if header == f"{ARTEFACT_FORMAT} {fingerprint(body)}".encode() else None
            files, validated, patterns = content["files"], content.get("validated", {}), content.get("patterns", {})
            built = content.get("built", {})
        except (ValueError, KeyError, TypeError):
            files = validated = patterns = built = None
        if not isinstance(files, dict):
            self.problem = f"{path}: golocheck's compiled data is corrupt or truncated"
            return
        self.files = files
        self.validated = validated if isinstance(validated, dict) else {}
        self.patterns = patterns if isinstance(patterns, dict) else {}
        self.built = built if isinstance(built, dict) else {}

    def trusted(self) -> bool:
        """Whether the shipped catalogue passed its validation when the artefact was compiled,
        from exactly the sources there are now: each rule file, format definition and
        validating module read once per artefact (so once per run) and fingerprinted."""
        if not self.validated:
            return False
        if self._current is None:
            from golocheck.paths import PACKAGE_DIR

            self._current = validation_sources(source_directories(), PACKAGE_DIR)
        return self._current == self.validated

    def forget_sources(self) -> None:
        """Read the sources again at the next :meth:`trusted` (the catalogue is loaded afresh)."""
        self._current = None

    def built_part(self, part: str, key: str | None = None) -> Any:
        """The built ``part`` ("catalogue"; "formats" and a file's ``key``), decoded for this
        caller, when :meth:`trusted`; else None."""
        import marshal

        found = self.built.get(part)
        if key is not None:
            found = found.get(key) if isinstance(found, dict) else None
        if found is None or not self.trusted():
            return None
        try:
            return marshal.loads(found) if isinstance(found, bytes) else json.loads(found) if isinstance(found, str) else None
        except (ValueError, EOFError, TypeError):
            return None

    def _quick(self, header: bytes, size: int) -> dict | None:
        """The content from the marshal form (:func:`quick_bytes`) when it was written from
        this very artefact (its header line, with the fingerprint of its body, and its size),
        for this Python, and is whole; else None."""
        import marshal

        try:
            with open(self.path.with_name(QUICK_NAME), "rb") as handle:
                quick = handle.read()
        except OSError:
            return None
        first, _, payload = quick.partition(b"\n")
        if first != f"{_quick_tag()}\t".encode() + header + f"\t{size}\t{fingerprint(payload)}".encode():
            return None
        try:
            content = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None
        return content if isinstance(content, dict) else None

    def lookup(self, key: str, raw: bytes) -> tuple[bool, Any]:
        import marshal

        entry = self.files.get(key)
        if not (isinstance(entry, dict) and entry.get("fingerprint") == fingerprint(raw)):
            return False, None
        # decoded per use: callers get objects of their own
        if isinstance(entry.get("blob"), bytes):
            try:
                data = marshal.loads(entry["blob"])
            except (ValueError, EOFError, TypeError):
                return False, None
        elif isinstance(entry.get("data"), str):
            data = json.loads(entry["data"])
        else:
            return False, None
        self.used.append(key)
        return True, data


@cache
def artefact() -> _Artefact:
    return _Artefact(artefact_path())


def catalogue_validated() -> bool:
    """Whether the shipped rule catalogue passed its validation when the artefact was compiled,
    from exactly the sources there are now (see the module's description)."""
    return artefact().trusted()


def built_entry(part: str, path) -> Any:
    """The built form of the shipped data file ``path`` (a format definition) in the
    artefact's ``part``, while the artefact is trusted (:func:`catalogue_validated`: the file
    has the bytes it was built from); None otherwise, or for a file outside the data
    directories."""
    key = _artefact_key(path)
    entry = None if key is None else artefact().built_part(part, key)
    if entry is not None:
        artefact().used.append(key)
    return entry


@cache
def _keys_by_directory() -> dict[str, str]:
    return {str(directory): prefix for prefix, directory in source_directories().items()}


def _artefact_key(path) -> str | None:
    """The artefact key of a data file's path, or None outside the data directories. The
    path as a string first (the usual case, ~150 files a start; pathlib costs more), then
    as pathlib reads it (a path with a trailing slash, ``//`` or ``.``)."""
    import os.path

    keys = _keys_by_directory()
    text = str(path)
    directory, _, name = text.rpartition(os.path.sep)
    prefix = keys.get(directory)
    if prefix is None:
        path = Path(path)
        prefix, name = keys.get(str(path.parent)), path.name
    return None if prefix is None else f"{prefix}/{name}"


def load_yaml_file(path: Path) -> Any:
    """A data file's content: from the artefact when it holds this file's current bytes,
    else parsed from YAML."""
    with open(path, "rb") as handle:
        raw = handle.read()
    key = _artefact_key(path)
    if key is not None:
        found, data = artefact().lookup(key, raw)
        if found:
            return data
    return parse_yaml(raw)


def line_of(path: Path, parts: "list | tuple" = ()) -> int:
    """The 1-based line of the node at ``parts`` (keys and list indexes) in a YAML file, or
    of the deepest node on that way that exists; 1 when the file cannot be composed. Only
    for error messages about a user's data file (``FILE:LINE: problem``), so it may be slow."""
    import yaml

    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for part in parts:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def problem_line(exc: Exception) -> int | None:
    """The line a YAML parse error points at (1-based), if it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None
