"""The ``golocheck`` program: a plain check without typer, anything else through it.

Importing typer (with its copy of click) and building the command from golocheck.cli costs
about 50 ms, a quarter of a one-file check: too much for a pre-commit hook. So when the
command line is a plain check — report files (or ``-``) and options of the check command
from :data:`OPTIONS`, each in a form read here exactly as click reads it — the options are
read here and the check runs directly (golocheck.check_command, the same code the typer
command calls). Everything else, and anything read here with the least doubt (an unknown
option, ``--help``, a value that is not one of the choices, a word that names a command,
``--``), goes to golocheck.cli unchanged, which parses it, reports usage errors and runs
the other commands. tests/test_entry.py checks that both give the same results, and that
the option table agrees with the typer command's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

# The check command's options the fast path reads: name -> (field of CheckOptions, kind).
# Kinds: "flag"; "path" / "text" (one value; given again, the last wins, as in click);
# "paths" / "texts" (repeatable); "jobs" (an integer, at least 1); or a tuple of the
# choices. Short names are read only standing alone (-q, -j 2, -j2, -o FILE).
_LANGS = ("zh", "en")
_COLORS = ("auto", "always", "never")
OPTIONS: dict[str, tuple[str, Any]] = {
    "--lang": ("lang", _LANGS),
    "--output-format": ("output_format", "output_formats"),
    "--output-file": ("output_file", "path"),
    "-o": ("output_file", "path"),
    "--fail-on": ("fail_on", "fail_on_levels"),
    "--exit-zero": ("exit_zero", "flag"),
    "--select": ("select", "texts"),
    "--extend-select": ("extend_select", "texts"),
    "--ignore": ("ignore", "texts"),
    "--color": ("color", _COLORS),
    "--previous": ("previous", "path"),
    "--config": ("config", "path"),
    "--isolated": ("isolated", "flag"),
    "--calendar": ("calendar", "paths"),
    "--strict-calendar": ("strict_calendar", "flag"),
    "--include": ("include", "texts"),
    "--exclude": ("exclude", "texts"),
    "--stdin-filename": ("stdin_filename", "text"),
    "--jobs": ("jobs", "jobs"),
    "-j": ("jobs", "jobs"),
    "--statistics": ("statistics", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--baseline": ("baseline", "path"),
    "--write-baseline": ("write_baseline", "path"),
    "--debug": ("debug", "flag"),
    "--annotate": ("annotate", "path"),
    "--format-path": ("format_path", "paths"),
    "--rule-path": ("rule_path", "paths"),
    "--across": ("across", "flag"),
    "--aggregate": ("aggregate", "path"),
    "--register": ("register", "texts"),
}
# Words that name a command: as a file name they go to typer, which decides (golocheck.usage).
COMMANDS = ("check", "rules", "explain", "schema", "init", "config", "workdays", "import", "test-rules", "register", "register-template")


def _choices(kind) -> tuple[str, ...]:
    if kind == "output_formats":
        from golocheck.reporters import OUTPUT_FORMATS

        return OUTPUT_FORMATS
    if kind == "fail_on_levels":
        from golocheck.diagnostics import FAIL_ON_LEVELS

        return tuple(FAIL_ON_LEVELS)
    return kind


def _value(kind, text: str):
    """The option's value as typer would give it, or None when the fast path should not decide."""
    if text == "" or text.startswith("-"):
        return None  # click's reading of these is subtle: typer decides
    if kind in ("path", "paths"):
        return Path(text)
    if kind in ("text", "texts"):
        return text
    if kind == "jobs":
        # click reads int(text): also " 2", "+2", "2_0" and other digits; typer decides those
        return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None
    return text if text in _choices(kind) else None


def plain_check(args: list[str]) -> Optional[dict]:
    """The check command's options (CheckOptions fields) when ``args`` is a plain check the
    fast path reads exactly as typer would; None for anything else."""
    if os.name == "nt" or "_GOLOCHECK_COMPLETE" in os.environ:
        return None  # click expands wildcards on Windows; shell completion is typer's
    fields: dict[str, Any] = {"files": []}
    position, first_word = 0, True
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "-" or not arg.startswith("-"):
            if arg in COMMANDS:
                if not (first_word and arg == "check"):
                    return None
            elif arg == "":
                return None
            else:
                fields["files"].append(Path(arg))
            first_word = False
            continue
        name, attached = arg, None
        if arg.startswith("--") and "=" in arg:
            name, _, attached = arg.partition("=")
        elif not arg.startswith("--") and len(arg) > 2:
            name, attached = arg[:2], arg[2:]
        if name not in OPTIONS:
            return None  # --help, --version, --, an unknown option, -qj2 ...: typer's
        field, kind = OPTIONS[name]
        if kind == "flag":
            if attached is not None:
                return None
            fields[field] = True
            continue
        if attached is None:
            if position >= len(args):
                return None
            attached = args[position]
            position += 1
        value = _value(kind, attached)
        if value is None:
            return None
        if kind in ("paths", "texts"):
            fields.setdefault(field, []).append(value)
        else:
            fields[field] = value
    return fields if fields["files"] else None


def main(argv: Optional[list[str]] = None) -> None:
    import gc

    # Paused before anything else, reading the arguments included: see
    # golocheck.check_command.started. Any other command turns it on again at once.
    collecting = gc.isenabled()
    gc.disable()
    given = list(sys.argv[1:] if argv is None else argv)
    fields = plain_check(given)
    if fields is None:
        if collecting:
            gc.enable()
        from golocheck.cli import main as typer_main

        typer_main(given)
        return
    for stream in (sys.stdout, sys.stderr):  # as golocheck.cli.main does
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    from golocheck import check_command
    from golocheck.check_command import CheckOptions, run

    check_command.pause_collector_for_start(collecting)
    # What golocheck.cli.main and typer's own main do around a command, the same way.
    try:
        code = run(CheckOptions(**fields))
    except SystemExit:
        raise
    except KeyboardInterrupt:
        code = 130
    except EOFError:
        sys.stderr.write("\n")
        code = 130
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            _internal(exc)
        sys.stdout, sys.stderr = _Pacified(sys.stdout), _Pacified(sys.stderr)
        sys.exit(1)
    except Exception as exc:  # the promise: never a traceback
        _internal(exc)
    finally:
        check_command.finished()
        if argv is not None:  # a caller whose process goes on: the start's objects collectable again
            gc.unfreeze()
    if code == 130:
        sys.stderr.write("golocheck: interrupted\n")
    sys.exit(code)


def _internal(exc: Exception) -> None:
    sys.stderr.write(f"golocheck: error: internal error: {type(exc).__name__}: {exc}\n")
    sys.exit(2)


class _Pacified:
    """A stream whose flush ignores a closed pipe (the reader went away; click's
    PacifyFlushWrapper): the interpreter's last flush at exit must not raise again."""

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def flush(self) -> None:
        try:
            self._wrapped.flush()
        except OSError as exc:
            import errno

            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str):
        return getattr(self._wrapped, name)
