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

from golocheck.importing import ImportOptions, ImportResult, kind_for
from golocheck.loading.places import IMPORTED_FROM, fields_of


class ImportUsageError(Exception):
    """A usage error of the command: one line, exit 2."""


@dataclass(frozen=True)
class Target:
    source: Path
    display: str
    kind: str
    output: Path | None  # None: standard output


def targets(files: list[Path], output: Path | None, output_dir: Path | None, force: bool) -> list[Target]:
    if output is not None and output_dir is not None:
        raise ImportUsageError("give -o OUT or --output-dir DIR, not both")
    if len(files) > 1 and output_dir is None:
        raise ImportUsageError("several inputs need --output-dir DIR (one report file each)")
    if output_dir is not None and not output_dir.is_dir():
        raise ImportUsageError(f"--output-dir: {output_dir} is not a directory")
    chosen: list[Target] = []
    for path in files:
        display = str(path)
        if not path.exists():
            raise ImportUsageError(f"cannot read {path}: no such file or directory")
        if path.is_dir():
            raise ImportUsageError(f"cannot import {path}: is a directory")
        kind = kind_for(display)
        if kind is None:
            raise ImportUsageError(f"cannot import {path}: not a document golocheck imports (.html, .htm, .docx, .txt, .md)")
        out = output if output is not None else (output_dir / f"{path.name}.json" if output_dir is not None else None)
        chosen.append(Target(path, display, kind, out))
    seen: set[str] = set()
    for target in chosen:
        if target.output is None:
            continue
        resolved = os.path.realpath(target.output)
        if resolved in seen:
            raise ImportUsageError(f"two inputs would be written to {target.output}")
        seen.add(resolved)
        for source in files:
            if os.path.realpath(source) == resolved:
                raise ImportUsageError(f"{target.output} is an input; golocheck never writes to an input file")
        if target.output.is_dir():
            raise ImportUsageError(f"cannot write {target.output}: is a directory")
        if target.output.exists() and not force:
            raise ImportUsageError(f"{target.output} exists; give --force to replace it")
        if not target.output.parent.is_dir() and str(target.output.parent) != "":
            raise ImportUsageError(f"cannot write {target.output}: no such directory {target.output.parent}")
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
