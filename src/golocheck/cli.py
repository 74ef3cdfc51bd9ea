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
import typer.main

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

from golocheck.diagnostics import FAIL_ON_LEVELS, Severity  # noqa: E402
from golocheck.reporters import OUTPUT_FORMATS  # noqa: E402
from golocheck.settings import ISSUER_KIND_NAMES  # noqa: E402

REPORT_SUFFIXES = (".json", ".yaml", ".yml")


class Lang(str, enum.Enum):
    zh = "zh"
    en = "en"


# The choices come from their one definition each (enums only because typer wants them).
FailOn = enum.Enum("FailOn", {level: level for level in FAIL_ON_LEVELS}, type=str)
OutputFormat = enum.Enum("OutputFormat", {name: name for name in OUTPUT_FORMATS}, type=str)
Kind = enum.Enum("Kind", {name: name for name in ISSUER_KIND_NAMES}, type=str)
KIND_HELP = "; ".join(f"{name} ({zh})" for name, zh in ISSUER_KIND_NAMES.items()) + "."


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


def _load_catalogue(format_path: Optional[List[Path]] = None, rule_path: Optional[List[Path]] = None,
                    config: Optional[Path] = None, isolated: bool = False):
    """The catalogue with the user's formats and rules (options, and the configuration: of
    the current directory, --config FILE's, or none with --isolated); a broken file is one
    line and exit 2. The user's formats are active afterwards (formats.all_formats sees them)."""
    from golocheck.check_command import Stop, load_catalogue

    if config is not None and (not config.exists() or config.is_dir()):
        raise fail(f"--config: cannot read {config}: not a file")
    try:
        return load_catalogue(format_path, rule_path, config, isolated)
    except Stop as stop:
        raise typer.Exit(stop.code)


# The user's own formats and rules (golocheck.userdata), on every command that reads the catalogue.
def _format_path_option():
    return typer.Option(None, "--format-path", metavar="DIR|FILE", help="Also read the format definitions in DIR (its *.yaml) or FILE; repeatable; added to the configuration's format-paths.")


def _rule_path_option():
    return typer.Option(None, "--rule-path", metavar="DIR|FILE", help="Also read the rule files in DIR (its *.yaml) or FILE; repeatable; added to the configuration's rule-paths.")


# Where the configuration's format-paths and rule-paths come from, as on check.
def _config_option():
    return typer.Option(None, "--config", metavar="FILE", help="Use this configuration file (its format-paths and rule-paths) instead of the closest golocheck.toml, .golocheck.toml or pyproject.toml [tool.golocheck].")


def _isolated_option():
    return typer.Option(False, "--isolated", help="Ignore all configuration files (only --format-path and --rule-path add formats and rules).")


@app.command()
def check(
    files: List[Path] = typer.Argument(..., metavar="FILE...", help="Report files (JSON or YAML), directories to search, or - for standard input.", show_default=False),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the messages: zh (Chinese, default) or en (English)."),
    output_format: Optional[OutputFormat] = typer.Option(None, "--output-format", help="full (default): grouped by file with source excerpts; concise: one line per finding; json, sarif, github, gitlab, junit: for CI and tools; html: a review page for people; xlsx: a workbook of reports and findings (both with --output-file)."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", "-o", metavar="FILE", help="Write the output to FILE (atomically) instead of standard output; the exit code is unchanged."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default error; never: always 0 unless golocheck itself fails)."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (2 still means golocheck could not run)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: codes, code prefixes (T1), names, groups or ALL, comma-separated; replaces the configuration's select."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Rules to add to the selection (same forms)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (same forms as --select)."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never."),
    previous: Optional[Path] = typer.Option(None, "--previous", metavar="LAST_YEAR", help="Last year's report of the same body: compares carried-over requests with last year's carried-forward ones and flags text copied from it (one FILE only)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Use this configuration file instead of the closest golocheck.toml, .golocheck.toml or pyproject.toml [tool.golocheck]."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore all configuration files."),
    calendar: Optional[List[Path]] = typer.Option(None, "--calendar", metavar="FILE", help="Working-day calendar override file (TOML) adding a year or correcting days; repeatable."),
    strict_calendar: bool = typer.Option(False, "--strict-calendar", help="Results that depend on provisional late-December days are errors."),
    include: Optional[List[str]] = typer.Option(None, "--include", metavar="GLOB", help="In directories, check files matching these globs (default *.json, *.yaml, *.yml and the documents golocheck imports: *.html, *.htm, *.docx, *.txt, *.md, *.pdf)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="GLOB", help="In directories, skip files matching these globs."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The name to report for standard input (-); also picks JSON or YAML and the configuration."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Check files in this many processes (at most one per file and per CPU); results keep the order of the files."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of findings per rule instead of the findings."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the findings only: no summary, no progress bar."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help="Report only findings that are not in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE", help="Record today's findings in FILE (then exit 0)."),
    debug: bool = typer.Option(False, "--debug", help="When a rule fails (X001), also print its traceback to standard error."),
    annotate: Optional[Path] = typer.Option(None, "--annotate", metavar="OUT", help="Write a copy of the Word (.docx) input to OUT with each finding as a comment at its paragraph or cell; with several inputs OUT is a directory (each .docx input's copy under its own name). The input is never modified."),
    format_path: Optional[List[Path]] = _format_path_option(),
    rule_path: Optional[List[Path]] = _rule_path_option(),
    across: bool = typer.Option(False, "--across", help="Also check across the reports of the batch: sections copied between two issuers' reports of the same year (A003)."),
    aggregate: Optional[Path] = typer.Option(None, "--aggregate", metavar="MANIFEST", help="Aggregation manifest (TOML or YAML): which report is the sum of which; checks every cell of the format (A001, A002)."),
    register: Optional[List[str]] = typer.Option(None, "--register", metavar="FILE[#SHEET]", help="A register kept as a spreadsheet (.xlsx or .csv; #SHEET: a named sheet, else the first visible one): its rows fill the report's registers; repeatable."),
) -> None:
    """Check report files and print the findings (the default command)."""
    from golocheck.check_command import CheckOptions, run

    # the work is check_command's, without typer: golocheck.entry runs it directly for a plain check
    raise typer.Exit(run(CheckOptions(
        files=files, lang=lang.value if lang else None, output_format=output_format.value if output_format else None,
        output_file=output_file, fail_on=fail_on.value if fail_on else None, exit_zero=exit_zero, select=select,
        extend_select=extend_select, ignore=ignore, color=color.value, previous=previous, config=config,
        isolated=isolated, calendar=calendar, strict_calendar=strict_calendar, include=include, exclude=exclude,
        stdin_filename=stdin_filename, jobs=jobs, statistics=statistics, quiet=quiet, baseline=baseline,
        write_baseline=write_baseline, debug=debug, annotate=annotate, format_path=format_path, rule_path=rule_path,
        across=across, aggregate=aggregate, register=register,
    )))


@app.command(name="import")
def import_documents(
    files: List[Path] = typer.Argument(..., metavar="FILE...", help="Documents to import: .html, .htm, .docx, .pdf, .txt, .md.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write the report to OUT (JSON, or YAML when OUT ends .yaml/.yml); one input only. Default: standard output."),
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", metavar="DIR", help="Write each input's report to DIR/<input name>.json."),
    force: bool = typer.Option(False, "--force", help="Replace report files that exist."),
    format_id: Optional[str] = typer.Option(None, "--format", help="The report format id (golocheck schema lists every format) when the document does not say or is to be overridden."),
    year: Optional[int] = typer.Option(None, "--year", help="The report year."),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="The issuing body."),
    issuer_kind: Optional[Kind] = typer.Option(None, "--issuer-kind", help="The kind of issuer: " + KIND_HELP + " Without it the kind is inferred from the name where it settles it, as a warning-level assumption (M008)."),
    region: Optional[str] = typer.Option(None, "--region", help="The issuer's region."),
    published_on: Optional[str] = typer.Option(None, "--published-on", metavar="DATE", help="The publication date (YYYY-MM-DD)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the import's diagnostics."),
    output_format: Optional[OutputFormat] = typer.Option(None, "--output-format", help="How to print the import's own diagnostics (full, concise, json, sarif, github, gitlab, junit, html)."),
    format_path: Optional[List[Path]] = _format_path_option(),
    rule_path: Optional[List[Path]] = _rule_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
) -> None:
    """Import documents (web pages, Word files, text) into report files, with where each value was read."""
    from contextlib import nullcontext, redirect_stdout
    from datetime import date

    from golocheck import outcome
    from golocheck.engine import run_detailed
    from golocheck.i18n import word
    from golocheck.importing import ImportOptions
    from golocheck.importing.command import ImportUsageError, import_target, render, targets
    from golocheck.run import FileResult, read_bytes

    rules = _load_catalogue(format_path, rule_path, config, isolated)
    lang_value = lang.value if lang else "zh"
    from golocheck.reporters import is_binary

    if output_format is not None and is_binary(output_format.value):  # the diagnostics go to a terminal
        raise fail(word(lang_value, "import_no_binary", format=output_format.value))
    if format_id is not None:
        from golocheck.formats import all_formats

        if format_id not in all_formats():
            raise fail(word(lang_value, "import_unknown_format", format=format_id, known=", ".join(sorted(all_formats()))))
    if published_on is not None:
        try:
            date.fromisoformat(published_on)
        except ValueError:
            raise fail(word(lang_value, "import_bad_date", value=published_on))
    options = ImportOptions(format_id, year, issuer, ISSUER_KIND_NAMES[issuer_kind.value] if issuer_kind else None, region, published_on)
    try:
        chosen = targets(files, output, output_dir, force)
    except ImportUsageError as exc:
        raise fail(exc.message(lang_value))
    results = []
    for target in chosen:
        try:
            raw = read_bytes(target.source)
        except OSError as exc:
            raise fail(word(lang_value, "cannot_read", path=target.source, reason=exc.strerror or exc))
        report, loaded = import_target(target, raw, options)
        diagnostics = tuple(run_detailed(loaded).diagnostics)
        results.append(FileResult(target.display, loaded.text, diagnostics))
        if report is None:
            continue
        text = render(report, target.output)
        if target.output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                outcome.write_or_fail(target.output, text, "--output")
            except outcome.OutputError as exc:
                raise fail(str(exc))
            sys.stderr.write(f"golocheck: {word(lang_value, 'import_wrote', path=target.output)}\n")
    # the report is on standard output: the diagnostics go to standard error
    to_stderr = any(t.output is None for t in chosen)
    with redirect_stdout(sys.stderr) if to_stderr else nullcontext():
        if any(r.diagnostics for r in results) or (output_format is not None and output_format.value != "full"):
            outcome.report(results, rules, lang_value, output_format.value if output_format else "full", False, None, quiet=True)
    raise typer.Exit(outcome.exit_code(results, "error", False, lang_value))


@app.command()
def rules(
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of titles and bases."),
    format_id: Optional[str] = typer.Option(None, "--format", help="Only rules that apply to this format id."),
    group: Optional[str] = typer.Option(None, "--group", help="Only rules in this group (e.g. table, sections, file, narrative)."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Only rules of this default severity: error, warning or info."),
    output_format: str = typer.Option("table", "--output-format", help="table (default) or json (the whole catalogue, for tools)."),
    format_path: Optional[List[Path]] = _format_path_option(),
    rule_path: Optional[List[Path]] = _rule_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
) -> None:
    """List the rule catalogue: code, name, severity, formats, title and legal or format basis."""
    import json

    from golocheck.formats import all_formats

    catalogue = _load_catalogue(format_path, rule_path, config, isolated)
    if format_id is not None and format_id not in all_formats():
        raise fail(f"--format: unknown format {format_id} (known: {', '.join(sorted(all_formats()))})")
    if severity is not None and severity not in {s.value for s in Severity}:
        raise fail(f"--severity: must be error, warning or info, not {severity}")
    groups = sorted({g for rule in catalogue.values() for g in rule.groups})
    if group is not None and group not in groups:
        raise fail(f"--group: unknown group {group} (known: {', '.join(groups)})")
    if output_format not in ("table", "json"):
        raise fail(f"--output-format: must be table or json, not {output_format}")
    chosen = [
        rule
        for rule in catalogue.values()
        if (not format_id or rule.applies_to(format_id)) and (not group or group in rule.groups) and (not severity or rule.severity.value == severity)
    ]
    if output_format == "json":
        from golocheck import __version__
        from golocheck.catalogue import ruleset_version

        from golocheck.catalogue import rule_json

        document = {"tool": {"name": "golocheck", "version": __version__, "ruleset_version": ruleset_version()}, "rules": [rule_json(r) for r in chosen]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    for rule in chosen:
        formats = ",".join(rule.formats) if rule.formats else "*"
        typer.echo(f"{rule.code}  {rule.name:34} {rule.severity.value:8} {formats:26} {rule.title.get(lang.value)}")
        typer.echo(f"{'':6}{rule.basis.get(lang.value)}")


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (T107) or name (staff-full-and-part-time).", show_default=False),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the explanation."),
    format_path: Optional[List[Path]] = _format_path_option(),
    rule_path: Optional[List[Path]] = _rule_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
) -> None:
    """Explain one rule: what it checks, why, its basis, and examples that pass and fail."""
    from golocheck.explain import explain_rule

    catalogue = _load_catalogue(format_path, rule_path, config, isolated)
    rule = catalogue.get(code.upper()) or next((r for r in catalogue.values() if r.name == code), None)
    if rule is None:
        raise fail(f"unknown rule: {code} (golocheck rules lists them)")
    typer.echo(explain_rule(rule, lang.value))


@app.command(name="test-rules")
def test_rules(
    paths: List[Path] = typer.Argument(..., metavar="DIR|FILE...", help="Rule files, or directories of them (*.yaml), whose examples to run.", show_default=False),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the output."),
    format_path: Optional[List[Path]] = _format_path_option(),
    rule_path: Optional[List[Path]] = _rule_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
) -> None:
    """Run the pass and fail examples of the rules in DIR and say which hold (exit 0: all hold; 1: some fail; 2: a broken file)."""
    from golocheck.i18n import word
    from golocheck.rule_examples import run_examples
    from golocheck.userdata import UserDataError, rule_files

    try:
        tested = rule_files(paths, "DIR")
    except UserDataError as exc:
        raise fail(str(exc))
    if not tested:
        raise fail(word(lang.value, "test_rules_none", paths=" ".join(str(p) for p in paths)))
    catalogue = _load_catalogue(format_path, [*(rule_path or ()), *tested], config, isolated)
    rules = [rule for rule in catalogue.values() if rule.source.resolve() in tested]
    held = failed = 0
    for outcome in run_examples(rules, lang.value):
        if outcome.holds:
            held += 1
            typer.echo(word(lang.value, "test_rules_holds", code=outcome.code, outcome=outcome.outcome, index=outcome.index))
        else:
            failed += 1
            for problem in outcome.problems:
                typer.echo(word(lang.value, "test_rules_fails", code=outcome.code, outcome=outcome.outcome, index=outcome.index, problem=problem))
    typer.echo(word(lang.value, "test_rules_summary", rules=len(rules), examples=held + failed, held=held, failed=failed))
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema(
    format_id: Optional[str] = typer.Argument(None, metavar="[FORMAT]", help="Only this format id; default: every format, as in schemas/report.schema.json (with the user's formats, when there are any)."),
    format_path: Optional[List[Path]] = _format_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the error messages."),
) -> None:
    """Print the JSON Schema of report files (generated from the format definitions)."""
    from golocheck.formats import all_formats
    from golocheck.i18n import word
    from golocheck.schema import render, report_schema

    _load_catalogue(format_path, None, config, isolated)  # activates the user's formats
    formats = all_formats()
    if format_id is not None:
        if format_id not in formats:
            raise fail(word(lang.value, "unknown_format", format=format_id, known=", ".join(sorted(formats))))
        formats = {format_id: formats[format_id]}
    sys.stdout.write(render(report_schema(formats)))


@app.command()
def init(
    format_id: Optional[str] = typer.Option(None, "--format", help="The report format id (default: the latest national format)."),
    year: int = typer.Option(..., "--year", help="The report year.", show_default=False),
    issuer: str = typer.Option(..., "--issuer", help="The issuing body, e.g. 示例县人民政府.", show_default=False),
    kind: Kind = typer.Option(..., "--kind", help="The kind of issuer: " + KIND_HELP, show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (.yaml gets each cell's label as a comment; .json otherwise); refuses to overwrite. Default: YAML on standard output."),
    format_path: Optional[List[Path]] = _format_path_option(),
    config: Optional[Path] = _config_option(),
    isolated: bool = _isolated_option(),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the error messages."),
) -> None:
    """Write a complete report skeleton: every table cell (blank, null: to be filled in; an unfilled table fails), every required section heading."""
    from golocheck.formats import all_formats
    from golocheck.i18n import word
    from golocheck.templates import render_skeleton

    _load_catalogue(format_path, None, config, isolated)  # activates the user's formats
    formats = all_formats()
    if format_id is None:  # the newest national table (the format files say which, not this code)
        format_id = max((f for f in formats.values() if f.national), key=lambda f: f.first_year).id
    if format_id not in formats:
        raise fail(word(lang.value, "import_unknown_format", format=format_id, known=", ".join(sorted(formats))))
    from golocheck.schema import is_report_year

    if not is_report_year(year):
        raise fail(f"--year: {year} is not a report year")
    as_json = output is not None and output.suffix.lower() == ".json"
    text = render_skeleton(formats[format_id], year, issuer, ISSUER_KIND_NAMES[kind.value], as_json)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists():
        raise fail(f"--output: {output} exists; golocheck does not overwrite files")
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"--output: cannot write {output}: {exc.strerror}")
    sys.stderr.write(f"golocheck: wrote {output}\n")


@app.command(name="config")
def show_config(
    path: Path = typer.Argument(Path("."), metavar="[PATH]", help="A report file or directory: show the configuration that applies to it."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Use this configuration file instead of searching."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore all configuration files (show the defaults)."),
) -> None:
    """Show the resolved settings for PATH and where each comes from (default or which file)."""
    from golocheck.config import ConfigError, config_for, model, read_config

    if not path.exists():
        raise fail(f"cannot read {path}: no such file or directory")
    try:
        if isolated:
            from golocheck.config import Config

            resolved = Config(None, {})
        elif config is not None:
            resolved = read_config(config)
        else:
            directory = path if path.is_dir() else path.parent
            resolved = config_for(directory.resolve())
    except ConfigError as exc:
        raise fail(str(exc))
    defaults = model()()
    typer.echo(f"# configuration file: {resolved.path or '(none)'}")
    for name in model().model_fields:
        key = name.replace("_", "-")
        if name in resolved.values:
            value, source = resolved.values[name], str(resolved.path)
        else:
            value, source = getattr(defaults, name), "default"
        if name == "suppress":
            value = [entry.model_dump(mode="json") for entry in value]
        typer.echo(f"{key} = {_toml_value(value)}    # {source}")


def _toml_value(value) -> str:
    import json

    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False, default=str)


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

    from golocheck.i18n import word
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
    try:
        cal = WorkdayCalendar(tuple(calendar or ()))
        if n is not None:
            result = cal.nth_workday(first, n)
            typer.echo(word(lang.value, "workdays_nth", start=first, n=n, end=result.end))
        else:
            last = parse(until, "--until")
            if last < first:
                raise fail("--until must not be before DATE")
            result = cal.span(first, last)
            typer.echo(word(lang.value, "workdays_until", start=first, end=last, count=result.workdays))
        if show:
            for line in render_span(cal, first, result.end, lang=lang.value):
                typer.echo(line)
    except CalendarError as exc:
        raise fail(str(exc))
    if result.uncertain:
        first_uncertain, last_uncertain = result.uncertain_days[0], result.uncertain_days[-1]
        days = f"{first_uncertain}..{last_uncertain}" if last_uncertain != first_uncertain else str(first_uncertain)
        note = word(lang.value, "workdays_uncertain", days=days)
        if strict_calendar:
            raise fail(note)
        sys.stderr.write(note + "\n")


@app.command(name="register")
def register_command(
    ledger: str = typer.Argument(..., metavar="FILE[#SHEET]", help="A request ledger (.xlsx or .csv); #SHEET: a named sheet, else the first visible one."),
    due: bool = typer.Option(False, "--due", help="List every open request with its due date and the working days left; exit 1 when one is late."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE", help="Count from this day (YYYY-MM-DD) instead of today."),
    calendar: Optional[List[Path]] = typer.Option(None, "--calendar", metavar="FILE", help="Calendar override file (TOML); repeatable."),
    ledger_columns: Optional[List[Path]] = typer.Option(None, "--ledger-columns", metavar="FILE", help="More header wordings (the shape of data/ledger-columns.yaml); repeatable."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the output."),
) -> None:
    """Read a request ledger (依申请公开登记台账): with --due, the open requests, their due dates and working days left."""
    from datetime import date

    from golocheck.ledger import read_ledgers
    from golocheck.ledger.columns import MappingError
    from golocheck.ledger.due import open_requests, render
    from golocheck.ledger.sheet import LedgerError
    from golocheck.registers import REQUESTS
    from golocheck.workdays import CalendarError, WorkdayCalendar

    if not due:
        raise fail("say what to do with the ledger: --due")
    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        raise fail(f"--today: not a date (YYYY-MM-DD): {today}")
    try:
        (layout,) = read_ledgers([ledger], tuple(ledger_columns or ()))
        if layout.kind != REQUESTS:
            raise fail(f"{layout.where}: a proactive-disclosure register has no reply due dates")
        rows = open_requests(layout, WorkdayCalendar(tuple(calendar or ())), day)
    except (LedgerError, MappingError, CalendarError) as exc:
        raise fail(str(exc))
    typer.echo(render(layout, rows, day, lang.value), nl=False)
    raise typer.Exit(1 if any(r.late for r in rows) else 0)


@app.command(name="register-template")
def register_template(
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write FILE.xlsx or FILE.csv (never over an existing file); default: CSV on standard output."),
    proactive: bool = typer.Option(False, "--proactive", help="The proactive-disclosure register instead of the request ledger."),
) -> None:
    """Write an empty ledger with the column headers golocheck recognises."""
    from golocheck.ledger.template import csv_text, xlsx_bytes

    from golocheck.registers import PROACTIVE, REQUESTS

    kind = PROACTIVE if proactive else REQUESTS
    if output is None:
        typer.echo(csv_text(kind), nl=False)
        return
    if output.exists():
        raise fail(f"{output} exists: golocheck does not overwrite it")
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise fail(f"{output}: write .xlsx or .csv")
    data = xlsx_bytes(kind) if suffix == ".xlsx" else ("\ufeff" + csv_text(kind)).encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}")


def main(argv: Optional[List[str]] = None) -> None:
    from golocheck import usage

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    given = list(sys.argv[1:] if argv is None else argv)
    try:
        group = typer.main.get_command(app)
        args = usage.arrange(given, group)  # golocheck --lang en rules; golocheck FILE... == check FILE...
        code = group.main(args=args, prog_name="golocheck", standalone_mode=False)
    except usage.click_exceptions.NoArgsIsHelpError as exc:
        sys.stderr.write(exc.format_message() + "\n")
        sys.exit(2)
    except usage.UsageError as exc:
        sys.stderr.write(f"golocheck: error: {usage.message(exc, usage.language(given))}\n")
        sys.exit(2)
    except SystemExit:
        raise
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("golocheck: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the promise: never a traceback
        sys.stderr.write(f"golocheck: error: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)
    if code == 130:
        sys.stderr.write("golocheck: interrupted\n")
    sys.exit(code if isinstance(code, int) else 0)
