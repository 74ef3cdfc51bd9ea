"""The one reporter interface: render(results, catalogue, options, out), results consumed
once, nothing re-read; colour decided once by the command line; no rich without colour."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.reporters import REPORTERS, ReportOptions
from golocheck.run import check_paths
from helpers import ROOT, rendered, run_cli

GOLOG = "sample_reports/golog-2018.json"
REPORTERS_DIR = ROOT / "src" / "golocheck" / "reporters"


def test_no_reporter_reads_files_or_loads_the_catalogue():
    for path in REPORTERS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in ("load_catalogue", "read_text", "open(", "ruleset_version()", "os.environ", "golocheck.loading"):
            assert forbidden not in source, f"{path.name}: {forbidden}"


def test_outcome_knows_no_typer_and_sets_no_environment():
    source = (ROOT / "src" / "golocheck" / "outcome.py").read_text(encoding="utf-8")
    assert "import typer" not in source and "NO_COLOR" not in source and "FORCE_COLOR" not in source


@pytest.mark.parametrize("fmt", REPORTERS)
def test_results_are_consumed_once_in_order(fmt, monkeypatch):
    """A generator of results (as a streaming batch gives them) is enough for every format."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    results = check_paths([Path(GOLOG), Path("sample_reports/clean-gov-2021.json")])
    consumed = []

    def stream():
        for result in results:
            consumed.append(result.path)
            yield result

    text = rendered(fmt, stream(), load_catalogue(), ReportOptions(ruleset_version="0123456789ab"))
    assert consumed == [r.path for r in results] and "T107" in text


def test_plain_output_does_not_import_rich():
    code = (
        "import sys\n"
        "from golocheck.cli import main\n"
        "try:\n"
        f"    main(['--output-format', 'full', {GOLOG!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH=' + str(any(m == 'rich' or m.startswith('rich.') for m in sys.modules)))\n"
    )
    for fmt in ("full", "concise"):
        result = subprocess.run([sys.executable, "-c", code.replace("'full'", repr(fmt))], cwd=ROOT, capture_output=True,
                                env={**__import__("os").environ, "NO_COLOR": "1"}, timeout=120)
        assert b"T107" in result.stdout, result.stderr
        assert result.stderr.endswith(b"RICH=False"), (fmt, result.stderr[-300:])


def test_colour_is_an_option_not_the_environment():
    """--color always colours even when NO_COLOR is set; --color never does not even with
    FORCE_COLOR; auto follows NO_COLOR and FORCE_COLOR (the output is not a terminal)."""
    assert b"\x1b[" in run_cli("--color", "always", GOLOG, env={"NO_COLOR": "1"}).stdout
    assert b"\x1b[" not in run_cli("--color", "never", GOLOG, env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert b"\x1b[" in run_cli(GOLOG, env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert b"\x1b[" not in run_cli(GOLOG, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout


def test_coloured_and_plain_output_say_the_same():
    plain = run_cli(GOLOG, "--color", "never").stdout.decode()
    coloured = run_cli(GOLOG, "--color", "always").stdout.decode()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_plain_cell_widths_match_rich():
    """The caret under a value is as wide as the value: plain output measures as rich
    does for every character of the sample reports and of the rule messages."""
    from rich.cells import cell_len as rich_cell_len

    from golocheck.reporters.text import cell_len

    chars = set()
    for path in [*(ROOT / "sample_reports").rglob("*.json"), *(ROOT / "sample_reports").rglob("*.yaml"), *(ROOT / "rules").glob("*.yaml")]:
        chars |= set(path.read_text(encoding="utf-8", errors="replace"))
    chars |= {"…", "\u200b", "\u0301", "\t", "\x7f", "Ａ", "，", "。", "·", "—", "①"}
    chars.discard("\t")
    wrong = {c: (cell_len(c), rich_cell_len(c)) for c in chars if cell_len(c) != rich_cell_len(c)}
    assert not wrong


def test_plain_writer_does_what_rich_does_to_text():
    import io

    from rich.console import Console
    from rich.text import Text

    from golocheck.reporters.text import PlainWriter

    for text in ("a\tb", "报告\t值\tx", "响\x07铃\r回车", "两\n行\t!"):
        plain = io.StringIO()
        PlainWriter(plain).line((text, "bold"))
        rich = io.StringIO()
        Console(file=rich, highlight=False, soft_wrap=True, emoji=False).print(Text(text, style="bold"))
        assert plain.getvalue() == rich.getvalue(), text


def test_batch_table_without_colour():
    result = run_cli(GOLOG, "sample_reports/hongze-2023.json", "--lang", "en")
    lines = result.stdout.decode().splitlines()
    title = lines.index("2 files, 2 with findings")
    assert lines[title + 1].split() == ["code", "name", "severity", "count"]
    assert any(line.split()[:1] == ["D002"] and line.split()[-1] == "2" for line in lines[title + 3:])
