"""From the command line and the configuration files to a list of jobs: which files,
and for each its rule selection, settings, previous year and suppressions.

Precedence, as in ruff: a command-line option over the closest configuration file
over the defaults; ``--config FILE`` replaces the search, ``--isolated`` ignores files.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterable, Iterator

from golocheck.config import Config, ConfigError, config_for, find_config, read_config
from golocheck.engine import Selection, matches_rule
from golocheck.records import field, record
from golocheck.run import FileResult, Job
from golocheck.settings import CheckSettings
from golocheck.suppress import Suppression

from golocheck.inputs import DOCUMENT_SUFFIXES

# Report files, and the documents golocheck imports (one list: golocheck.inputs).
DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml", *(f"*{suffix}" for suffix in DOCUMENT_SUFFIXES))


class PlanError(Exception):
    """A usage or configuration error: one line, exit 2; ``zh`` is the Chinese wording
    where there is one (the message itself is English)."""

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh


@record(frozen=True)
class CliOptions:
    """The check command's options that shape the plan (file selection, rules, calendar)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    calendar: tuple[Path, ...] = ()
    strict_calendar: bool = False
    previous: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    config: Path | None = None
    isolated: bool = False
    stdin_filename: str | None = None
    debug: bool = False  # tracebacks of failing rules on standard error
    registers: tuple[str, ...] = ()  # --register FILE[#SHEET]: ledgers filling the registers


@record
class Plan:
    """What a check will do: one job per report, and the configuration's suppressions."""

    jobs: list[Job]
    suppressions: list[Suppression] = field(default_factory=list)  # every configuration suppression
    job_suppressions: list[tuple[int, ...]] = field(default_factory=list)  # per job: indexes into suppressions
    run_config: Config = field(default_factory=lambda: Config(None, {}))


class Planner:
    def __init__(self, options: CliOptions, rules: dict) -> None:
        self.options = options
        self.rules = rules
        self._explicit = read_config(options.config) if options.config else None
        # the configuration whose format-paths and rule-paths the run uses (golocheck.check_command.run_config)
        self._run_path = None if options.isolated else self._explicit.path if self._explicit else find_config(Path.cwd().resolve())
        self._checked: set[Path | None] = set()
        self.suppressions: list[Suppression] = []
        self._suppression_index: dict[tuple, int] = {}
        self._calendars: set[tuple[Path, ...]] = set()
        self._ledgers: dict[tuple, tuple] = {}
        self._resolved: dict[Path, Path] = {}
        self._configs: dict[Path, Config] = {}
        self._severity_maps: dict[Path | None, MappingProxyType] = {}
        self._selections: dict[tuple, Selection] = {}  # by configuration and per-file ignores
        self._settings: dict[Path | None, CheckSettings] = {}  # by configuration

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, once per path in a run: a batch's directory and its
        configuration's base are resolved for every file otherwise, each resolution a
        system call per component of the path."""
        found = self._resolved.get(path)
        if found is None:
            found = self._resolved[path] = path.resolve()
        return found

    # -- configuration --------------------------------------------------------
    def config_for(self, directory: Path) -> Config:
        if self.options.isolated:
            return Config(None, {})
        config = self._explicit or self._config_of(self._resolve(directory))
        if config.path not in self._checked:
            self._validate(config)
            self._checked.add(config.path)
        return config

    def _config_of(self, directory: Path) -> Config:
        """The configuration of a (resolved) directory, looked up and read once per run:
        every file of a batch's directory has the same."""
        found = self._configs.get(directory)
        if found is None:
            found = self._configs[directory] = config_for(directory)
        return found

    def run_config(self) -> Config:
        """The configuration that decides run-wide keys (language, format, fail-on)."""
        return self.config_for(Path.cwd())

    def _known(self, selector: str) -> bool:
        return any(matches_rule(rule, selector) for rule in self.rules.values())

    def _validate(self, config: Config) -> None:
        where = str(config.path) if config.path else "configuration"
        if (config.get("format_paths") or config.get("rule_paths")) and config.path != self._run_path:
            # the catalogue is loaded once for the run, before any file's configuration is known
            raise PlanError(f"{where}: format-paths and rule-paths apply to a whole run: set them in the configuration of the "
                            "current directory, or pass --config, --format-path or --rule-path",
                            f"{where}：format-paths 和 rule-paths 对整次运行生效：请写在当前目录的配置文件中，或使用 --config、--format-path、--rule-path")
        selectors = [*(config.get("select") or ()), *config.get("extend_select", ()), *config.get("ignore", ())]
        selectors += [code for codes in config.get("per_file_ignores", {}).values() for code in codes]
        selectors += [entry.code for entry in config.get("suppress", ())]
        for selector in selectors:
            if not self._known(selector):
                raise PlanError(f"{where}: unknown rule code, name or group: {selector}")
        for code in config.get("severity", {}):
            if not any(code in (rule.code, rule.name) for rule in self.rules.values()):
                raise PlanError(f"{where}: severity: unknown rule: {code}")

    def check_cli_selectors(self) -> None:
        for option, values in (("--select", self.options.select or ()), ("--extend-select", self.options.extend_select), ("--ignore", self.options.ignore)):
            for selector in values:
                if not self._known(selector):
                    raise PlanError(f"{option}: unknown rule code, name or group: {selector}")

    # -- files ----------------------------------------------------------------
    def expand(self, paths: list[Path]) -> list[tuple[Path, bool]]:
        """The files to check, each with whether it was found by searching a directory.

        A path named on the command line that does not exist is a usage error (a typo in
        the command); anything else named there is read, FIFOs and /dev/fd/N included.
        In a directory every entry that is not a directory and matches the globs is a
        file to check; one that is not a regular file or cannot be read (a dangling
        symbolic link, a FIFO, a socket) becomes that file's F011 finding, not an error
        that stops the batch."""
        files: list[tuple[Path, bool]] = []
        for path in paths:
            if str(path) == "-":
                files.append((path, False))
            elif path.is_dir():
                config = self.config_for(path)
                include = self.options.include or tuple(config.get("include", ())) or DEFAULT_INCLUDE
                exclude = (*config.get("exclude", ()), *self.options.exclude)
                # in the order of Path's comparison (by components), each path's parts taken once
                found = sorted((p for p in path.rglob("*")
                                if not p.is_dir() and _matches(p, path, include, self._resolve) and not _matches(p, path, exclude, self._resolve)),
                               key=_parts)
                if not found:
                    raise PlanError(f"no report files ({', '.join(include)}) found in {path}", f"{path} 中没有找到要检查的报告文件（{'、'.join(include)}）")
                files.extend((p, True) for p in found)
            elif path.exists():
                files.append((path, False))
            else:
                raise PlanError(f"cannot read {path}: no such file or directory", f"无法读取 {path}：文件或目录不存在")
        return files

    # -- jobs -----------------------------------------------------------------
    def job(self, path: Path, data: bytes | None = None, regular_only: bool = False) -> Job:
        display = self.options.stdin_filename or "-" if str(path) == "-" else str(path)
        located = Path(self.options.stdin_filename) if str(path) == "-" and self.options.stdin_filename else path
        config = self.config_for(located.parent if located.parent != Path("") else Path("."))
        # the path relative to the configuration, only for the keys that match it (resolving
        # it is a system call per component of the path, for every file of a batch)
        relative = _relative(located, config.base, self._resolve) if any(config.get(key) for key in _BY_PATH) else None
        selection, settings = self._shared(config, _per_file(config, relative))
        previous = self.options.previous
        if previous is None and relative in config.get("previous", {}):
            previous = config.base / config.get("previous")[relative]
            if not previous.is_file():
                raise PlanError(f"{config.path}: previous.{relative}: cannot read {previous}")
        indexes = tuple(self._suppressions(config, relative))
        from golocheck.userdata import active

        return Job(None if data is not None else path, display, selection, settings, previous, tuple(self.suppressions[i] for i in indexes), data,
                   regular_only=regular_only, userdata=active()), indexes

    def _shared(self, config: Config, per_file: tuple[str, ...]) -> tuple[Selection, CheckSettings]:
        """The rule selection and the settings of a file: the same objects for every file
        with the same configuration (and, for the selection, the same per-file ignores),
        made once (a plan of 10,000 files held a copy of each per file, a third of its
        memory)."""
        selection = self._selections.get((config.path, per_file))
        if selection is None:
            selection = self._selections[(config.path, per_file)] = Selection(
                select=self.options.select if self.options.select is not None else tuple(config.get("select") or ()),
                extend_select=(*config.get("extend_select", ()), *self.options.extend_select),
                ignore=(*config.get("ignore", ()), *self.options.ignore, *per_file),
                severities=self._severities(config),
            )
        settings = self._settings.get(config.path)
        if settings is None:
            settings = self._settings[config.path] = CheckSettings(
                calendar_files=(*self.options.calendar, *(config.base / c for c in config.get("calendar", ()))),
                strict_calendar=self.options.strict_calendar or bool(config.get("strict_calendar")),
                local_deadlines=MappingProxyType(dict(config.get("local_deadlines", {}))),
                debug=self.options.debug,
                registers=self._ledgers_for(config),
            )
            self._check_calendar(settings.calendar_files)
        return selection, settings

    def _ledgers_for(self, config: Config) -> tuple:
        """The ledgers of --register and the configuration's ``registers``, read once: a
        ledger that cannot be read is a usage error, found before checking."""
        selectors = (*self.options.registers, *(str(config.base / r) for r in config.get("registers", ())))
        mapping = tuple(config.base / m for m in config.get("ledger_columns", ()))
        if not selectors:
            return ()
        key = (selectors, mapping)
        if key not in self._ledgers:
            from golocheck.ledger import read_ledgers
            from golocheck.ledger.columns import MappingError
            from golocheck.ledger.sheet import LedgerError

            try:
                self._ledgers[key] = read_ledgers(selectors, mapping)
            except (LedgerError, MappingError) as exc:
                raise PlanError(str(exc)) from None
        return self._ledgers[key]

    def _check_calendar(self, files: tuple[Path, ...]) -> None:
        """A broken calendar override file is a configuration error: found before checking."""
        if not files or files in self._calendars:
            return
        from golocheck.workdays import CalendarError, WorkdayCalendar

        try:
            WorkdayCalendar(files)
        except CalendarError as exc:
            raise PlanError(str(exc)) from None
        self._calendars.add(files)

    def _severities(self, config: Config) -> MappingProxyType:
        """The configuration's severities by rule code; made once per configuration file
        (every file of a batch's directory shares it), not once per file."""
        key = config.path
        found = self._severity_maps.get(key)
        if found is None:
            by_name = {rule.name: rule.code for rule in self.rules.values()}
            found = self._severity_maps[key] = MappingProxyType({by_name.get(k, k): v for k, v in config.get("severity", {}).items()})
        return found

    def _suppressions(self, config: Config, relative: str):
        for index, entry in enumerate(config.get("suppress", ())):
            if fnmatch.fnmatch(relative, entry.files):
                key = (config.path, index)
                if key not in self._suppression_index:
                    self._suppression_index[key] = len(self.suppressions)
                    self.suppressions.append(Suppression(entry.code, entry.pointer, entry.reason, entry.expires, str(config.path), f"/suppress/{index}"))
                yield self._suppression_index[key]


# The configuration keys that match a file by its path relative to the configuration
_BY_PATH = ("per_file_ignores", "previous", "suppress")


def _parts(path: Path) -> tuple[str, ...]:
    return path.parts


def _relative(path: Path, base: Path, resolve: Callable[[Path], Path] = Path.resolve) -> str:
    try:
        return resolve(path).relative_to(resolve(base)).as_posix()
    except ValueError:
        return path.as_posix()


def _matches(path: Path, root: Path, globs, resolve: Callable[[Path], Path] = Path.resolve) -> bool:
    if not globs:  # no --exclude and no configured exclude: nothing to resolve
        return False
    if any(fnmatch.fnmatch(path.name, g) for g in globs):  # the name alone decides most: nothing to resolve
        return True
    relative = _relative(path, root, resolve)
    return any(fnmatch.fnmatch(relative, g) for g in globs)


def _per_file(config: Config, relative: str) -> tuple[str, ...]:
    codes: list[str] = []
    for pattern, ignored in config.get("per_file_ignores", {}).items():
        if fnmatch.fnmatch(relative, pattern):
            codes.extend(ignored)
    return tuple(codes)


def build(paths: list[Path], options: CliOptions, rules: dict, stdin: bytes | None = None) -> Plan:
    try:
        planner = Planner(options, rules)
        planner.check_cli_selectors()
        files = planner.expand(paths)
        if options.previous is not None and len(files) != 1:
            raise PlanError("--previous compares two years of one report: give exactly one FILE")
        jobs, indexes = [], []
        for path, found in files:
            job, job_indexes = planner.job(path, stdin if str(path) == "-" else None, found)
            jobs.append(job)
            indexes.append(job_indexes)
        return Plan(jobs, planner.suppressions, indexes, planner.run_config())
    except ConfigError as exc:
        raise PlanError(str(exc)) from None


def with_suppression_findings(results: Iterable[FileResult], plan: Plan, rules: dict) -> Iterator[FileResult]:
    """``results`` (one per job, in order) with the unused (Q001) and expired (Q002)
    configuration suppressions, each reported once, on the first file it matched.

    Streamed: a result is passed on as soon as each suppression first matching its file
    is decided — expired, or used by this file or a later one. Only a suppression that no
    file has used yet holds its first file back (and, to keep the order, those after it)
    until the batch ends; a suppression used by the file it first matches, the usual
    case, holds nothing."""
    from collections import deque
    from golocheck.records import replace
    from datetime import date

    from golocheck.engine import make_diagnostic
    from golocheck.suppress import problem

    if not plan.suppressions:
        yield from results
        return
    first_file: dict[int, int] = {}
    for position, indexes in enumerate(plan.job_suppressions):
        for index in indexes:
            first_file.setdefault(index, position)
    reported_on: dict[int, list[int]] = {}  # position -> the suppressions first matching it
    for index, position in sorted(first_file.items()):
        reported_on.setdefault(position, []).append(index)
    today = date.today()
    used: set[int] = set()

    def decided(position: int) -> bool:
        return all(index in used or plan.suppressions[index].expired(today) for index in reported_on.get(position, ()))

    def with_findings(position: int, result: FileResult) -> FileResult:
        job, added = plan.jobs[position], []
        for index in reported_on.get(position, ()):
            suppression = plan.suppressions[index]
            expired = suppression.expired(today)
            if index in used and not expired:
                continue
            code, finding = problem(suppression, expired, in_report=False)
            if job.selection.enabled(rules[code]):
                added.append(make_diagnostic(rules[code], finding, result.path, job.selection))
        return replace(result, diagnostics=(*result.diagnostics, *added)) if added else result

    held: deque[tuple[int, FileResult]] = deque()
    for position, result in enumerate(results):
        for local, index in enumerate(plan.job_suppressions[position]):
            if local in result.used_suppressions:
                used.add(index)
        held.append((position, result))
        while held and decided(held[0][0]):
            yield with_findings(*held.popleft())
    while held:  # the batch is over: a suppression no file used is unused
        yield with_findings(*held.popleft())
