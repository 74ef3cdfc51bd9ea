"""Configuration files: ``golocheck.toml``, ``.golocheck.toml`` or ``[tool.golocheck]`` in
``pyproject.toml`` — the closest one found upward from each checked file (in one
directory that order wins), or the file given with ``--config``; ``--isolated``
ignores them all. Keys are validated with pydantic: an unknown key, a bad value or an
unknown rule code is a configuration error (exit 2) that names it.

pydantic is imported only when a configuration file is actually read.
"""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from golocheck.records import field, record

CONFIG_NAMES = ("golocheck.toml", ".golocheck.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file or value is invalid; the message is one line naming it."""


@record(frozen=True)
class Config:
    """A validated configuration file (or none: all defaults)."""

    path: Path | None
    values: dict[str, Any] = field(default_factory=dict)  # only the keys the file sets

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def _model():
    """The pydantic model of the [tool.golocheck] table (built on first use)."""
    from typing import Literal, Optional

    from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

    from golocheck.diagnostics import FAIL_ON_LEVELS, Severity
    from golocheck.reporters import OUTPUT_FORMATS
    from golocheck.settings import ISSUER_KINDS

    SEVERITIES = tuple(s.value for s in Severity)

    def kebab(name: str) -> str:
        return name.replace("_", "-")

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", alias_generator=kebab, populate_by_name=True)

    class Suppress(Strict):
        files: str = Field(description="glob of report paths, relative to the configuration file")
        code: str
        pointer: Optional[str] = Field(default=None, pattern=r"^(/.*)?$")
        reason: str = Field(pattern=r"\S")  # a reason of blanks is no reason
        expires: Optional[date] = None

        @field_validator("expires", mode="before")
        @classmethod
        def _a_date_not_a_number(cls, value):
            # pydantic would read 20991231 as seconds since 1970; a date is a TOML date or YYYY-MM-DD
            if isinstance(value, (int, float, bool)):
                raise ValueError("expires must be a date (YYYY-MM-DD), not a number")
            return value

    class Settings(Strict):
        select: Optional[list[str]] = None
        extend_select: list[str] = []
        ignore: list[str] = []
        severity: dict[str, Literal[SEVERITIES]] = {}
        fail_on: Optional[Literal[FAIL_ON_LEVELS]] = None
        per_file_ignores: dict[str, list[str]] = {}
        language: Optional[Literal["zh", "en"]] = None
        output_format: Optional[Literal[OUTPUT_FORMATS]] = None
        calendar: list[str] = []
        # ledgers (spreadsheets) whose rows fill every report's registers, and extra header
        # wordings for them (golocheck/ledger); paths relative to the configuration file
        registers: list[str] = []
        ledger_columns: list[str] = []
        strict_calendar: Optional[StrictBool] = None  # "yes" or 1 is an error, not true
        local_deadlines: dict[Literal[ISSUER_KINDS], str] = {}
        previous: dict[str, str] = {}
        include: list[str] = []
        exclude: list[str] = []
        suppress: list[Suppress] = []
        # the user's own format definitions and rule files (directories or files, relative to
        # the configuration file; golocheck.userdata): for the whole run
        format_paths: list[str] = []
        rule_paths: list[str] = []
        across: Optional[StrictBool] = None  # checks across the reports of a batch (golocheck.across)
        aggregate: Optional[str] = None  # an aggregation manifest, relative to this file

    return Settings


@cache
def model():
    return _model()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            document = tomllib.loads(_toml_text(handle.read(), path))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {_one_line(exc)}") from None
    table = document.get("tool", {}).get("golocheck") if path.name == "pyproject.toml" else document
    if table is None:
        return Config(path, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.golocheck] must be a table")
    from pydantic import ValidationError

    try:
        settings = model().model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            raise ConfigError(f"{path}: unknown key '{where}'") from None
        raise ConfigError(f"{path}: {where}: {_one_line(error['msg'])}") from None
    for key, value in settings.local_deadlines.items():
        if not _month_day(value):
            raise ConfigError(f"{path}: local-deadlines.{key}: not a date MM-DD: {value}")
    values = {name: getattr(settings, name) for name in settings.model_fields_set}
    return Config(path, values)


def _toml_text(raw: bytes, path: Path) -> str:
    """TOML is UTF-8 (a byte-order mark is tolerated); anything else is a configuration error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{path}: not UTF-8: the file is UTF-16; save it as UTF-8")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}); a TOML file must be UTF-8") from None


def _month_day(value: str) -> bool:
    try:
        date.fromisoformat(f"2001-{value}")
        return True
    except ValueError:
        return False


# A [tool.golocheck] table names golocheck in its key, or spells it with a \u or \U escape in
# a quoted key; a pyproject.toml with neither (in UTF-8 or UTF-16) cannot hold the table, and
# is not parsed (tomllib costs ~5 ms to import and parse on every start in such a project).
# Written as bytes: encoding them at import loaded the two UTF-16 codecs on every start (≈ 1 ms).
_NAME_UTF16 = (b"g\0o\0l\0o\0c\0h\0e\0c\0k\0", b"\0g\0o\0l\0o\0c\0h\0e\0c\0k")  # -le, -be
_NAME_OR_ESCAPE = (b"golocheck", *_NAME_UTF16, b"\\u", b"\\U", b"\\\0u\0", b"\0\\\0u", b"\\\0U\0", b"\0\\\0U")


def _has_table(pyproject: Path) -> bool:
    try:
        with open(pyproject, "rb") as handle:
            raw = handle.read()
    except OSError:
        return False
    if not any(word in raw for word in _NAME_OR_ESCAPE) or _named_only_in_values(raw):
        return False
    return _holds_table(raw)


def _named_only_in_values(raw: bytes) -> bool:
    """Whether a UTF-8 pyproject.toml, read the way TOML reads it, names golocheck only where
    it cannot make a [tool.golocheck] table (a project's name, its dependencies, a script, a
    comment): such a file is not parsed (tomllib costs ≈ 8 ms to import and parse). False, so
    that tomllib decides, for a file this reading does not follow to its end (an escape in a
    key, anything unexpected, a file that is not UTF-8) and for one whose table ``tool`` is
    given a value that names golocheck."""
    if any(name in raw for name in _NAME_UTF16):
        return False
    try:
        return not _TomlLayout(raw.decode("utf-8").removeprefix("\ufeff")).may_hold(("tool", "golocheck"))
    except (UnicodeDecodeError, _Unexpected, IndexError):
        return False


_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")  # TOML's bare keys


class _Unexpected(Exception):
    """The text is not TOML as this reading follows it: tomllib decides."""


class _TomlLayout:
    """The layout of a TOML text: where its tables, keys and values are, each value stepped
    over (strings of the four kinds, arrays over several lines, inline tables). It reads the
    key paths exactly; it does not check the values."""

    def __init__(self, text: str):
        self.text, self.n = text, len(text)

    def may_hold(self, wanted: tuple[str, ...]) -> bool:
        """Whether a table header or key path opens with ``wanted``, or a key that is a
        shorter start of it is given a value naming its last part."""
        text, i, table = self.text, 0, ()
        while True:
            i = self._blank(i)
            if i >= self.n:
                return False
            if text[i] == "[":
                double = text.startswith("[[", i)
                path, i = self._key(i + (2 if double else 1))
                if not text.startswith("]]" if double else "]", i):
                    raise _Unexpected
                i += 2 if double else 1
                table = path = tuple(path)
            else:
                path, i = self._key(i)
                if not text.startswith("=", i):
                    raise _Unexpected
                path = (*table, *path)
                start = self._space(i + 1)
                i = self._value(start)
                if path[:len(wanted)] == wanted:
                    return True
                if wanted[:len(path)] == path and wanted[-1] in text[start:i]:
                    return True
            if path[:len(wanted)] == wanted:
                return True
            i = self._space(i)
            if i < self.n and text[i] == "#":
                i = self._line_end(i)
            if i < self.n and text[i] not in "\r\n":
                raise _Unexpected

    def _space(self, i: int) -> int:
        while i < self.n and self.text[i] in " \t":
            i += 1
        return i

    def _line_end(self, i: int) -> int:
        end = self.text.find("\n", i)
        return self.n if end < 0 else end

    def _blank(self, i: int) -> int:
        """Past spaces, line breaks and comments."""
        while True:
            i = self._space(i)
            if i < self.n and self.text[i] == "#":
                i = self._line_end(i)
            elif i < self.n and self.text[i] in "\r\n":
                i += 1
            else:
                return i

    def _key(self, i: int) -> tuple[list[str], int]:
        text, parts = self.text, []
        while True:
            i = self._space(i)
            if i < self.n and text[i] in "\"'":
                end = text.find(text[i], i + 1)
                part = text[i + 1:end]
                if end < 0 or "\\" in part or "\n" in part:
                    raise _Unexpected
                i = end + 1
            else:
                start = i
                while i < self.n and text[i] in _BARE_KEY:
                    i += 1
                part = text[start:i]
                if not part:
                    raise _Unexpected
            parts.append(part)
            i = self._space(i)
            if i < self.n and text[i] == ".":
                i += 1
                continue
            return parts, i

    def _value(self, i: int) -> int:
        """The end of the value at ``i``."""
        text = self.text
        if text.startswith(('"""', "'''"), i):
            quote = text[i]
            end = i + 3
            while True:
                end = text.find(quote * 3, end)
                if end < 0:
                    raise _Unexpected
                escapes = 0
                while quote == '"' and text[end - 1 - escapes] == "\\":
                    escapes += 1
                if escapes % 2 == 0:
                    break
                end += 1
            end += 3
            for _ in range(2):  # up to two quotes of the content just before the closing three
                if text.startswith(quote, end):
                    end += 1
            return end
        if text.startswith('"', i):
            end = i + 1
            while True:  # the next quote not escaped: after an even run of backslashes
                end = text.find('"', end)
                if end < 0 or text.find("\n", i, end) >= 0:
                    raise _Unexpected
                escapes = 0
                while text[end - 1 - escapes] == "\\":
                    escapes += 1
                if escapes % 2 == 0:
                    return end + 1
                end += 1
        if text.startswith("'", i):
            end = text.find("'", i + 1)
            if end < 0 or "\n" in text[i:end]:
                raise _Unexpected
            return end + 1
        if text.startswith("[", i):
            i = self._blank(i + 1)
            while not text.startswith("]", i):
                i = self._blank(self._value(i))
                if text.startswith(",", i):
                    i = self._blank(i + 1)
                elif not text.startswith("]", i):
                    raise _Unexpected
            return i + 1
        if text.startswith("{", i):
            i = self._space(i + 1)
            while not text.startswith("}", i):
                _, i = self._key(i)
                if not text.startswith("=", i):
                    raise _Unexpected
                i = self._space(self._value(self._space(i + 1)))
                if text.startswith(",", i):
                    i = self._space(i + 1)
                elif not text.startswith("}", i):
                    raise _Unexpected
            return i + 1
        end = i
        while end < self.n and text[end] not in ",]}#\r\n":
            end += 1
        while end > i and text[end - 1] in " \t":
            end -= 1
        if end == i:
            raise _Unexpected
        return end


@lru_cache(maxsize=8)
def _holds_table(raw: bytes) -> bool:
    """Whether a pyproject.toml's bytes hold [tool.golocheck]; kept by content, because the
    search from the current directory and from a report's directory meet the same file."""
    import tomllib

    try:
        return "golocheck" in tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff")).get("tool", {})
    except (ValueError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml is not ours to report, unless it may hold our table:
        # then read_config reports it rather than golocheck silently using the defaults.
        return b"golocheck" in raw or any(name in raw for name in _NAME_UTF16)


@cache
def find_config(directory: Path) -> Path | None:
    """The closest configuration file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


@cache
def config_for(directory: Path) -> Config:
    path = find_config(directory)
    return read_config(path) if path else Config(None, {})
