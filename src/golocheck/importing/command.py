"""``golocheck import``: documents -> report files, and the import's own diagnostics.

One report file per input: JSON, or YAML when the target ends .yaml/.yml. Where: the
one target ``-o OUT``, ``--output-dir DIR`` (DIR/<input name>.json), or standard output
for a single input without either. Never next to the input unless asked, never over an
existing file without ``--force``, never over an input. Every target is decided and
checked before anything is written, so a usage error writes nothing.

The report file records where each value was read (``imported_from``, see
golocheck.loading.places), so checking it later still points into the document.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from golocheck.importing import IMPORT_SUFFIXES, ImportOptions, ImportResult, kind_for
from golocheck.loading.places import IMPORTED_FROM, fields_of


class ImportUsageError(Exception):
    """A usage error of the command: one line, exit 2. ``key`` and ``args`` are its words
    in golocheck.i18n (``import_...``)."""

    def __init__(self, key: str, **args) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def message(self, lang: str) -> str:
        from golocheck.i18n import word

        return word(lang, self.key, **self.args_)


@dataclass(frozen=True)
class Target:
    source: Path
    display: str
    kind: str
    output: Path | None  # None: standard output


def targets(files: list[Path], output: Path | None, output_dir: Path | None, force: bool) -> list[Target]:
    if output is not None and output_dir is not None:
        raise ImportUsageError("import_both_outputs")
    if len(files) > 1 and output_dir is None:
        raise ImportUsageError("import_needs_dir")
    if output_dir is not None and not output_dir.is_dir():
        raise ImportUsageError("import_not_dir", path=output_dir)
    chosen: list[Target] = []
    for path in files:
        display = str(path)
        if not path.exists():
            raise ImportUsageError("import_missing", path=path)
        if path.is_dir():
            raise ImportUsageError("import_is_dir", path=path)
        kind = kind_for(display)
        if kind is None:
            raise ImportUsageError("import_not_document", path=path, suffixes=", ".join(IMPORT_SUFFIXES))
        out = output if output is not None else (output_dir / f"{path.name}.json" if output_dir is not None else None)
        chosen.append(Target(path, display, kind, out))
    seen: set[str] = set()
    for target in chosen:
        if target.output is None:
            continue
        resolved = os.path.realpath(target.output)
        if resolved in seen:
            raise ImportUsageError("import_same_output", path=target.output)
        seen.add(resolved)
        for source in files:
            if os.path.realpath(source) == resolved:
                raise ImportUsageError("import_is_input", path=target.output)
        if target.output.is_dir():
            raise ImportUsageError("import_output_is_dir", path=target.output)
        if target.output.exists() and not force:
            raise ImportUsageError("import_exists", path=target.output)
        if not target.output.parent.is_dir() and str(target.output.parent) != "":
            raise ImportUsageError("import_no_parent", path=target.output, parent=target.output.parent)
    return chosen


def with_record(result: ImportResult, display: str, kind: str) -> dict | None:
    """The report to write: the imported data plus where each value came from."""
    if result.report is None:
        return None
    report = dict(result.report)
    report[IMPORTED_FROM] = {"file": display.replace("\\", "/"), "kind": kind,
                             "places": {pointer: fields_of(place) for pointer, place in sorted(result.places.items())}}
    return report


def render(report: dict, output: Path | None) -> str:
    if output is not None and output.suffix.lower() in (".yaml", ".yml"):
        import yaml

        return yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=1000)
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def import_target(target: Target, raw: bytes, options: ImportOptions):
    """(the report to write or None, the LoadedReport whose problems are the import's)."""
    from golocheck.importing.loaded import import_document, loaded_from

    result = import_document(target.display, raw, target.kind, options)
    loaded = loaded_from(target.display, result, target.kind)
    report = with_record(result, target.display, target.kind)
    loaded.data = None  # only the import's own diagnostics: the report is checked by `golocheck FILE`
    return report, loaded
