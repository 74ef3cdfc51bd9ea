"""The fast path of a plain check (golocheck.entry): it reads only what it reads exactly as
typer does, gives the same output, stderr and exit code as the typer command, and does not
import typer, click or rich."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from golocheck.entry import OPTIONS, plain_check
from helpers import ROOT

GOLOG = "sample_reports/golog-2018.json"  # exit 1: T107 at /tables/statistics/staff_total
CLEAN = "sample_reports/clean-gov-2014.json"

_THROUGH_TYPER = "import sys; from golocheck.cli import main; main(sys.argv[1:])"
_THROUGH_ENTRY = "import sys; from golocheck.entry import main; main(sys.argv[1:])"


def _run(code: str, args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, input=stdin, capture_output=True, timeout=120)


# -- what the fast path takes, and what it leaves to typer -------------------------------


@pytest.mark.parametrize("args", [
    [], ["--help"], ["-h"], ["--version"], ["-V"], ["rules"], ["--lang", "en", "rules"], [GOLOG, "rules"],
    ["check", "check"], ["--", GOLOG], [GOLOG, "--"], ["--lang"], ["--lang", "fr", GOLOG], ["--lang="],
    ["--jobs", "0", GOLOG], ["--jobs", "+2", GOLOG], ["-j", " 2", GOLOG], ["-j=2", GOLOG], ["--jobs", "٢", GOLOG],
    ["-qj2", GOLOG], ["--quiet=1", GOLOG], ["-qq", GOLOG], ["", GOLOG], ["--select", "", GOLOG],
    ["--select", "-T1", GOLOG], ["--output-format", "JSON", GOLOG], ["--no-such-option", GOLOG], ["-x.json"],
    ["--select"], ["--quiet"], ["--sel", "T1", GOLOG],
])
def test_anything_but_a_plain_check_goes_to_typer(args):
    assert plain_check(args) is None


def test_a_plain_check_is_read_as_typer_reads_it():
    from pathlib import Path

    assert plain_check([GOLOG]) == {"files": [Path(GOLOG)]}
    assert plain_check(["check", "-q", "--lang=en", GOLOG, "-j2", "--select", "T1", "--select=N", "-", "-o", "out.json"]) == {
        "files": [Path(GOLOG), Path("-")], "quiet": True, "lang": "en", "jobs": 2, "select": ["T1", "N"], "output_file": Path("out.json"),
    }
    assert plain_check(["--lang", "zh", "--lang", "en", GOLOG])["lang"] == "en"  # the last one wins, as in click
    assert plain_check(["--config", "check", GOLOG])["config"] == Path("check")  # a value, not the command


def test_windows_and_shell_completion_go_to_typer(monkeypatch):
    monkeypatch.setenv("_GOLOCHECK_COMPLETE", "bash_source")
    assert plain_check([GOLOG]) is None
    monkeypatch.delenv("_GOLOCHECK_COMPLETE")
    monkeypatch.setattr(os, "name", "nt")
    assert plain_check([GOLOG]) is None


def test_the_option_table_agrees_with_the_typer_command():
    """Every option the fast path reads is an option of the check command, of the same
    kind: a flag, one value, a repeatable value, the same choices."""
    import typer.main

    from golocheck.cli import app
    from golocheck.entry import _choices

    command = typer.main.get_command(app).commands["check"]
    by_name = {name: param for param in command.params for name in param.opts}
    fields = {param.name for param in command.params}
    for name, (field, kind) in OPTIONS.items():
        param = by_name.get(name)
        assert param is not None and param.name == field and field in fields, name
        assert param.is_flag == (kind == "flag"), name
        assert param.multiple == (kind in ("paths", "texts")), name
        choices = getattr(param.type, "choices", None)
        if isinstance(kind, tuple) or kind in ("output_formats", "fail_on_levels"):
            assert [getattr(c, "value", c) for c in choices] == list(_choices(kind)), name
        else:
            assert choices is None, name
    assert {param.name for param in command.params if param.param_type_name == "option"} == {f for f, _ in OPTIONS.values()}


# -- the same results both ways ---------------------------------------------------------


@pytest.mark.parametrize("args", [
    [GOLOG],
    ["check", GOLOG, CLEAN],
    ["--lang", "en", "--output-format", "concise", GOLOG],
    ["-q", "--output-format=json", "--isolated", GOLOG, CLEAN],
    ["--fail-on", "never", GOLOG],
    ["--exit-zero", "--statistics", GOLOG],
    ["--select", "T1,N", "--ignore", "T107", "--extend-select", "S", GOLOG],
    ["--color", "always", "--output-format", "concise", GOLOG],
    ["-j", "2", "--output-format", "github", "sample_reports"],
    ["--include", "*-2018.json", "--exclude", "clean-*", "sample_reports"],
    ["--previous", CLEAN, "--output-format", "sarif", CLEAN],
    ["--config", "does-not-exist.toml", GOLOG],
    ["--baseline", "does-not-exist.json", GOLOG],
    ["--debug", "--strict-calendar", "--output-format", "junit", GOLOG],
    ["does-not-exist.json"],
    ["-", "--stdin-filename", "r.json"],
    ["-", "-"],
])
def test_the_fast_path_answers_as_typer_does(args):
    stdin = (ROOT / GOLOG).read_bytes() if "-" in args else None
    assert plain_check(args) is not None
    fast, typer = _run(_THROUGH_ENTRY, args, stdin), _run(_THROUGH_TYPER, args, stdin)
    assert (fast.returncode, fast.stdout.decode(), fast.stderr.decode()) == (typer.returncode, typer.stdout.decode(), typer.stderr.decode())
    assert fast.returncode in (0, 1, 2)


def test_writing_to_a_closed_pipe_exits_as_typer_does(tmp_path):
    """A reader that goes away (golocheck ... | head -1): exit 1, no traceback, both ways."""
    script = "import sys, os; r, w = os.pipe(); os.close(r); os.dup2(w, 1); " + "{}"
    fast = _run(script.format(_THROUGH_ENTRY), [GOLOG])
    typer = _run(script.format(_THROUGH_TYPER), [GOLOG])
    assert (fast.returncode, fast.stderr) == (typer.returncode, typer.stderr)
    assert b"Traceback" not in fast.stderr


_IMPORTED = (
    "import sys, atexit\n"
    "atexit.register(lambda: print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'yaml', 'jsonschema', 'pydantic', 'openpyxl'})), file=sys.stderr))\n"
    + _THROUGH_ENTRY
)


def test_a_plain_check_imports_neither_typer_nor_rich():
    result = _run(_IMPORTED, ["--output-format", "concise", GOLOG])
    assert result.returncode == 1 and b"T107" in result.stdout
    assert result.stderr.decode().strip() == ""


def test_anything_else_still_runs_through_typer():
    result = _run(_IMPORTED, ["rules", "--format", "gov-2014"])
    assert result.returncode == 0 and b"T107" in result.stdout
    assert "typer" in result.stderr.decode().split()
