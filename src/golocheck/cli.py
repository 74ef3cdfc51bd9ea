"""The command line: parse options, build, run, report, exit. Nothing else lives here.

Exit codes: 0 nothing at or above the failure level; 1 findings at or above it;
2 usage, configuration or internal error. ``golocheck FILE...`` is short for
``golocheck check FILE...``.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    name="golocheck",
    help=(
        "Check annual government information disclosure reports (政府信息公开工作年度报告) "
        "against the Regulations and the national report formats.\n\n"
        "golocheck FILE... is short for golocheck check FILE...\n\n"
        "Exit codes: 0 clean; 1 findings at or above the failure level; 2 usage, configuration or internal error."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS = ("check", "rules", "explain", "schema", "workdays")
REPORT_SUFFIXES = (".json", ".yaml", ".yml")


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class OutputFormat(str, enum.Enum):
    full = "full"
    concise = "concise"


class Color(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


def fail(message: str) -> "typer.Exit":
    """One line on standard error, exit code 2 (usage, configuration or internal error)."""
    sys.stderr.write(f"golocheck: error: {message}\n")
    return typer.Exit(2)


def _version_callback(value: bool) -> None:
    if value:
        from golocheck import __version__

        typer.echo(f"golocheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", help="Print the version and exit.", callback=_version_callback, is_eager=True),
) -> None:
    """Top-level options."""


def _expand_paths(paths: List[Path], lang: str) -> list[Path]:
    from golocheck.i18n import word

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
            if not found:
                raise fail(word(lang, "no_files", path=path))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            reason = "没有这个文件或目录" if lang == "zh" else "no such file or directory"
            raise fail(word(lang, "cannot_read", path=path, reason=reason))
    return files


def _parse_selectors(values: Optional[List[str]]) -> tuple[str, ...]:
    selectors: list[str] = []
    for value in values or ():
        selectors.extend(s.strip() for s in value.split(",") if s.strip())
    return tuple(selectors)


def _check_selectors(selectors: tuple[str, ...], rules, option: str) -> None:
    from golocheck.engine import _matches

    for selector in selectors:
        if not any(_matches(rule, selector) for rule in rules.values()):
            raise fail(f"{option}: unknown rule code, name or group: {selector}")


@app.command()
def check(
    files: List[Path] = typer.Argument(..., metavar="FILE...", help="Report files (JSON or YAML) or directories to search for *.json, *.yaml, *.yml.", show_default=False),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the messages: zh (Chinese) or en (English)."),
    output_format: OutputFormat = typer.Option(OutputFormat.full, "--output-format", help="full: grouped by file with source excerpts; concise: one line per finding."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Lowest severity that makes the exit code 1 (never: always 0 unless golocheck itself fails)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: codes, code prefixes (T1), names or groups, comma-separated; repeatable."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (same forms as --select)."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never."),
    previous: Optional[Path] = typer.Option(None, "--previous", metavar="LAST_YEAR", help="Last year's report of the same body: compares carried-over requests with last year's carried-forward ones and flags text copied from it (one FILE only)."),
) -> None:
    """Check report files and print the findings (the default command)."""
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.formats import FormatError

    try:
        rules = load_catalogue()
    except (CatalogueError, FormatError) as exc:
        raise fail(str(exc))
    selection_args = (_parse_selectors(select), _parse_selectors(ignore))
    _check_selectors(selection_args[0], rules, "--select")
    _check_selectors(selection_args[1], rules, "--ignore")
    paths = _expand_paths(files, lang.value)
    if previous is not None:
        if len(paths) != 1:
            raise fail("--previous compares two years of one report: give exactly one FILE")
        _expand_paths([previous], lang.value)

    from golocheck.engine import INTERNAL_ERROR, Selection
    from golocheck.run import check_paths

    try:
        results = check_paths(paths, Selection(select=selection_args[0], ignore=selection_args[1]), previous)
    except OSError as exc:
        from golocheck.i18n import word

        raise fail(word(lang.value, "cannot_read", path=exc.filename, reason=exc.strerror))
    _report(results, lang.value, output_format.value, color.value)

    diagnostics = [d for r in results for d in r.diagnostics]
    if any(d.code == INTERNAL_ERROR for d in diagnostics):
        from golocheck.i18n import word

        sys.stderr.write(f"golocheck: error: {word(lang.value, 'internal')}\n")
        raise typer.Exit(2)
    if fail_on is not FailOn.never:
        from golocheck.diagnostics import Severity

        threshold = Severity(fail_on.value).rank
        if any(d.severity.rank >= threshold for d in diagnostics):
            raise typer.Exit(1)


def _report(results, lang: str, output_format: str, color: str) -> None:
    from golocheck.reporters import get_reporter

    out = sys.stdout
    if color == "always":
        import os

        os.environ["FORCE_COLOR"] = "1"
    elif color == "never":
        import os

        os.environ["NO_COLOR"] = "1"
    get_reporter(output_format).render(results, lang, out)


@app.command()
def rules(
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of titles and bases."),
    format_id: Optional[str] = typer.Option(None, "--format", help="Only rules that apply to this format (e.g. gov-2014)."),
    group: Optional[str] = typer.Option(None, "--group", help="Only rules in this group (e.g. table, sections, file)."),
) -> None:
    """List the rule catalogue: code, name, severity, formats, title and legal or format basis."""
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.formats import FormatError

    try:
        catalogue = load_catalogue()
    except (CatalogueError, FormatError) as exc:
        raise fail(str(exc))
    from golocheck.formats import all_formats

    if format_id is not None and format_id not in all_formats():
        raise fail(f"--format: unknown format {format_id} (known: {', '.join(sorted(all_formats()))})")
    for rule in catalogue.values():
        if format_id and not rule.applies_to(format_id):
            continue
        if group and group not in rule.groups:
            continue
        formats = ",".join(rule.formats) if rule.formats else "*"
        typer.echo(f"{rule.code}  {rule.name:34} {rule.severity.value:8} {formats:10} {rule.title.get(lang.value)}")
        typer.echo(f"{'':6}{rule.basis.get(lang.value)}")


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (T107) or name (staff-full-and-part-time).", show_default=False),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the explanation."),
) -> None:
    """Explain one rule: what it checks, why, its basis, and examples that pass and fail."""
    from golocheck.catalogue import CatalogueError, load_catalogue
    from golocheck.explain import explain_rule
    from golocheck.formats import FormatError

    try:
        catalogue = load_catalogue()
    except (CatalogueError, FormatError) as exc:
        raise fail(str(exc))
    rule = catalogue.get(code.upper()) or next((r for r in catalogue.values() if r.name == code), None)
    if rule is None:
        raise fail(f"unknown rule: {code} (golocheck rules lists them)")
    typer.echo(explain_rule(rule, lang.value))


@app.command()
def schema() -> None:
    """Print the JSON Schema of report files (generated from the format definitions)."""
    from golocheck.schema import render, report_schema

    sys.stdout.write(render(report_schema()))


@app.command()
def workdays(
    start: str = typer.Argument(..., metavar="DATE", help="The day the period starts from (YYYY-MM-DD); it is not counted itself."),
    n: Optional[int] = typer.Argument(None, metavar="[N]", help="Print the N-th working day after DATE."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE2", help="Instead of N: count the working days after DATE up to and including DATE2."),
    show: bool = typer.Option(False, "--show", help="Also print the calendar in between, with weekends, holidays and adjusted working days (调休上班) marked."),
    calendar: Optional[List[Path]] = typer.Option(None, "--calendar", metavar="FILE", help="Calendar override file (TOML) adding a year or correcting days; repeatable, later files win."),
    strict_calendar: bool = typer.Option(False, "--strict-calendar", help="Fail (exit 2) when the result depends on late-December days the next holiday notice may still change."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the output."),
) -> None:
    """Count Chinese working days (工作日): the N-th working day after DATE, or the working days up to DATE2.

    Weekends and public holidays do not count; weekend days the State Council's notice makes
    working days (调休上班) do. The start day itself is never counted. A year no source covers is
    never guessed: supply it with --calendar."""
    from datetime import date

    from golocheck.workdays import CalendarError, WorkdayCalendar, render_span

    def parse(value: str, what: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise fail(f"{what}: not a date (YYYY-MM-DD): {value}")

    first = parse(start, "DATE")
    if (n is None) == (until is None):
        raise fail("give either N or --until DATE2")
    if n is not None and n < 1:
        raise fail("N must be at least 1")
    zh = lang is Lang.zh
    try:
        cal = WorkdayCalendar(tuple(calendar or ()))
        if n is not None:
            result = cal.nth_workday(first, n)
            typer.echo(f"{first} 之后第 {n} 个工作日：{result.end}" if zh else f"working day {n} after {first}: {result.end}")
        else:
            last = parse(until, "--until")
            if last < first:
                raise fail("--until must not be before DATE")
            result = cal.span(first, last)
            typer.echo(f"{first} 之后至 {last}（含）共 {result.workdays} 个工作日" if zh else f"{result.workdays} working day(s) after {first} up to and including {last}")
        if show:
            for line in render_span(cal, first, result.end, lang=lang.value):
                typer.echo(line)
    except CalendarError as exc:
        raise fail(str(exc))
    if result.uncertain:
        first_uncertain, last_uncertain = result.uncertain_days[0], result.uncertain_days[-1]
        days = f"{first_uncertain}..{last_uncertain}" if last_uncertain != first_uncertain else str(first_uncertain)
        note = f"注意：结果取决于 {days}，下一年度放假通知发布后可能改变" if zh else f"note: the result depends on {days}, which next year's holiday notice may still change"
        if strict_calendar:
            raise fail(note)
        sys.stderr.write(note + "\n")


def main(argv: Optional[List[str]] = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "-V", "--version"):
        args.insert(0, "check")  # golocheck FILE... == golocheck check FILE...
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    try:
        app(args=args, prog_name="golocheck")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("golocheck: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the promise: never a traceback
        sys.stderr.write(f"golocheck: error: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)
