"""Settings the checks read (besides rule selection): the working-day calendar and
local deadlines. Filled from the command line and configuration files; frozen so a
run cannot change them halfway."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

# The kinds of issuing body (metadata.issuer_kind), by the command line's name for them
# (golocheck init --kind): the one list the schema, the configuration's local-deadlines,
# the checks and the report skeleton take them from.
ISSUER_KIND_NAMES = {"government": "人民政府", "department": "政府部门"}
ISSUER_KINDS = tuple(ISSUER_KIND_NAMES.values())


@dataclass(frozen=True)
class CheckSettings:
    # Calendar override files (TOML) layered over chinesecalendar and the shipped corrections.
    calendar_files: tuple[Path, ...] = ()
    # Treat results that depend on provisional late-December days as errors.
    strict_calendar: bool = False
    # Stricter local publication deadlines, by issuer kind ("人民政府", "政府部门"), as "MM-DD"
    # of the year after the report year (provinces set earlier internal dates).
    local_deadlines: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Registers kept as spreadsheets (--register, configuration `registers`): read once
    # (golocheck.ledger.convert.Layout), their rows added to each report's registers.
    registers: tuple = ()
    # A rule that raises (X001) also prints its traceback to standard error (--debug).
    debug: bool = False
