"""Settings the checks read (besides rule selection): the working-day calendar and
local deadlines. Filled from the command line and configuration files; frozen so a
run cannot change them halfway."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from golocheck.records import field, record


@record(frozen=True)
class IssuerKind:
    """A kind of body the Regulations (2019) distinguish, with what they require of its report.

    ``deadline`` is the (month, day) of the year after the report year by which art. 49 has
    the report published, or None where no article of the Regulations sets one (a
    configured local deadline is then the only one checked). ``accountability`` says
    whether art. 50 (4) asks the report for the results of assessment, public evaluation
    and accountability (各级人民政府 only)."""

    zh: str
    en: str
    deadline: tuple[int, int] | None
    deadline_basis: tuple[str, str]
    basis: tuple[str, str]
    accountability: bool = False


# The kinds of issuing body (metadata.issuer_kind), by the command line's name for them
# (golocheck init --kind, golocheck import --issuer-kind): the one list the schema, the
# configuration's local-deadlines, the checks and the report skeleton take them from.
KINDS_OF_ISSUER = {
    "government": IssuerKind(
        "人民政府", "people's government", (3, 31),
        ("条例(2019) 第四十九条第二款：人民政府每年3月31日前", "Regulations (2019) art. 49 (2): people's governments by 31 March"),
        ("条例(2019) 第四十九条第二款、第五十条第（四）项", "Regulations (2019) art. 49 (2), art. 50 (4)"), accountability=True),
    "department": IssuerKind(
        "政府部门", "government department", (1, 31),
        ("条例(2019) 第四十九条第一款：政府部门每年1月31日前", "Regulations (2019) art. 49 (1): departments by 31 January"),
        ("条例(2019) 第四十九条第一款", "Regulations (2019) art. 49 (1)")),
    # 开发区、综合实验区管委会, 街道办事处 and other 派出机关: they report for an area without
    # being a 人民政府, and art. 49 names neither them nor a date for them
    "area-body": IssuerKind(
        "管委会或派出机关", "zone committee or agency", None,
        ("条例(2019) 第四十九条只规定了政府部门和人民政府的期限", "Regulations (2019) art. 49 sets deadlines for departments and governments only"),
        ("条例(2019) 第四十九条、第五十条", "Regulations (2019) art. 49, art. 50")),
    "authorised": IssuerKind(
        "授权组织", "organisation authorised by law", None,
        ("条例(2019) 第五十四条适用本条例，第四十九条未规定其期限", "Regulations (2019) art. 54 applies the Regulations; art. 49 sets no date for it"),
        ("条例(2019) 第五十四条", "Regulations (2019) art. 54")),
    "public-institution": IssuerKind(
        "公共企事业单位", "public enterprise or institution", None,
        ("条例(2019) 第五十五条：依照相关法律、法规和主管部门的规定", "Regulations (2019) art. 55: by the rules of their own laws and authorities"),
        ("条例(2019) 第五十五条", "Regulations (2019) art. 55")),
}
ISSUER_KIND_NAMES = {name: kind.zh for name, kind in KINDS_OF_ISSUER.items()}
ISSUER_KINDS = tuple(ISSUER_KIND_NAMES.values())
ISSUER_KIND_BY_ZH = {kind.zh: kind for kind in KINDS_OF_ISSUER.values()}


@record(frozen=True)
class CheckSettings:
    """What a check takes besides its rules: calendar files, local deadlines, ledgers, --debug."""

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
