"""Optional registers in a report file: proactive disclosures and requests, entry by entry.

A report may carry ``registers`` (see docs/deadlines.md): the dates the deadline rules
(D004–D012) count with. This module holds their JSON Schema fragment, reads them
tolerantly (the schema validation reports malformed entries as F007; an entry whose key
date does not parse is skipped here) and finds, in a format definition, the rows a register is counted in.
Only the standard library is imported: the report schema imports this module.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from golocheck.diagnostics import Text
from golocheck.records import record

# The two registers (the keys of ``registers``): what a ledger fills, by name.
PROACTIVE, REQUESTS = "proactive", "requests"
CHANNELS = ["当面", "邮寄", "平常信函", "网络", "传真"]
CONSULTATION_KINDS = ["third_party", "agency"]
# Requests received from this day on follow the 2019 条例 (国务院令第711号, 施行 2019-05-15).
REGIME_2019 = date(2019, 5, 15)

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}


def _date(description: str) -> dict[str, Any]:
    return {**_DATE, "description": description}


def registers_schema(result_ids: list[str], applicant_ids: list[str] | None = None) -> dict[str, Any]:
    """The ``registers`` property of the report schema; ``result_ids``: every format's result
    rows; ``applicant_ids``: every format's applicant columns (the request table's columns)."""
    closed = ["result"]
    proactive = {
        "type": "object",
        "description": "一条主动公开的政府信息",
        "properties": {
            "title": {"type": "string", "minLength": 1, "description": "信息名称"},
            "formed_on": _date("形成日期"),
            "changed_on": _date("变更日期（有变更时按变更日期起算）"),
            "published_on": _date("公开日期"),
            "legal_basis": {"type": "string", "minLength": 1, "description": "法律、法规另行规定公开期限的依据（有此项时不按20个工作日检查）"},
            "note": {"type": "string"},
        },
        "required": ["title", "published_on"],
        "anyOf": [{"required": ["formed_on"]}, {"required": ["changed_on"]}],
        "additionalProperties": False,
    }
    request = {
        "type": "object",
        "description": "一件政府信息公开申请",
        "properties": {
            "id": {"type": "string", "minLength": 1, "description": "申请编号"},
            "received_on": _date("收到申请之日（按条例(2019)第三十一条确定）"),
            "channel": {"enum": CHANNELS, "description": "提交方式"},
            "answered_on": _date("答复日期"),
            "answered_on_the_spot": {"const": True, "description": "当场答复"},
            "extension": {
                "type": "object",
                "description": "延长答复期限",
                "properties": {"approved_on": _date("负责人同意日期"), "notified_on": _date("告知申请人日期")},
                "required": ["approved_on", "notified_on"],
                "additionalProperties": False,
            },
            "correction": {
                "type": "object",
                "description": "补正",
                "properties": {"asked_on": _date("告知补正日期"), "corrected_received_on": _date("收到补正申请日期")},
                "required": ["asked_on"],
                "additionalProperties": False,
            },
            "consultations": {
                "type": "array",
                "description": "征求第三方或其他机关意见",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"enum": CONSULTATION_KINDS, "description": "third_party 第三方；agency 其他机关"},
                        "sent_on": _date("发出征求意见书日期"),
                        "answered_on": _date("收到意见日期（未答复则省略）"),
                    },
                    "required": ["kind", "sent_on"],
                    "additionalProperties": False,
                },
            },
            "deemed_abandoned_on": _date("视为放弃申请的日期"),
            "applicant": {"enum": applicant_ids or [], "description": "申请人类型：报告格式申请表的申请人列（自然人、商业企业…）的 id，用于按申请人类型与表核对（L010）"},
            "result": {"enum": result_ids, "description": "办理结果：报告格式中标为 register: result 的表行的 id（申请表的办理结果行，或统计表的依申请答复行）"},
            "note": {"type": "string"},
        },
        "required": ["id", "received_on", "channel"],
        "dependentRequired": {"answered_on": closed, "answered_on_the_spot": closed, "deemed_abandoned_on": closed},
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "description": "可选的登记册：主动公开和依申请公开的逐件日期，用于检查期限（docs/deadlines.md）",
        "properties": {
            "proactive": {"type": "array", "items": proactive, "description": "主动公开登记"},
            "requests": {"type": "array", "items": request, "description": "依申请公开登记（本年收到的和上年结转的）"},
        },
        "additionalProperties": False,
    }


def register_rows(fmt) -> list[tuple[str, object]]:
    """(cell id, row) of every row the format marks with a ``register`` count, in table order:
    the cell is the row's, or its cell in the table's ``register_column``."""
    found = []
    for table in fmt.tables:
        for row in table.rows:
            if row.register is None:
                continue
            cell_id = f"{table.id}.{row.id}" if not table.columns else f"{table.id}.{row.id}.{table.register_column}"
            found.append((cell_id, row))
    return found


def applicant_ids(fmt) -> tuple[str, ...]:
    """Column ids a request's ``applicant`` may name: the columns of a table with a
    ``register_column``, that column left out (gov-2019/2021's 自然人, 商业企业, …)."""
    return tuple(column_id for table in fmt.tables if table.register_column is not None
                 for column_id, _ in table.columns if column_id != table.register_column)


def result_rows(fmt) -> tuple[str, ...]:
    """Row ids a request's ``result`` may name in this format: the rows marked ``register: result``."""
    return tuple(row.id for _, row in register_rows(fmt) if row.register == "result")


# -- reading -------------------------------------------------------------------

FIELD_LABELS = {
    "received_on": Text("收到申请日期", "received on"),
    "answered_on": Text("答复日期", "answered on"),
    "deemed_abandoned_on": Text("视为放弃日期", "deemed abandoned on"),
    "extension/approved_on": Text("延期批准日期", "extension approved on"),
    "extension/notified_on": Text("延期告知日期", "extension notified on"),
    "correction/asked_on": Text("告知补正日期", "correction asked on"),
    "correction/corrected_received_on": Text("收到补正日期", "corrected request received on"),
    "sent_on": Text("征求意见日期", "consultation sent on"),
    "consultation_answered_on": Text("收到意见日期", "consultation answered on"),
    "formed_on": Text("形成日期", "formed on"),
    "changed_on": Text("变更日期", "changed on"),
    "published_on": Text("公开日期", "published on"),
}


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


@record(frozen=True)
class Consultation:
    """A consultation of a request's register entry (a third party or an agency)."""

    kind: str
    sent_on: date
    answered_on: date | None
    pointer: str


@record(frozen=True)
class Request:
    """One entry of the requests register."""

    pointer: str
    id: str
    received_on: date
    channel: str | None
    answered_on: date | None
    on_the_spot: bool
    extension: tuple[date, date] | None  # (approved_on, notified_on)
    correction: tuple[date, date | None] | None  # (asked_on, corrected_received_on)
    consultations: tuple[Consultation, ...]
    abandoned_on: date | None
    result: str | None
    dates: tuple[tuple[str, str, date], ...]  # (pointer, field label key, date) of every date
    applicant: str | None = None  # the applicant column of the request table (L010)

    @property
    def label(self) -> Text:
        return Text(f"申请 {self.id}", f"request {self.id}")

    @property
    def regime(self) -> int:
        return 2008 if self.received_on < REGIME_2019 else 2019

    @property
    def closed_on(self) -> date | None:
        """The day the request left the register: answered (on the spot) or deemed abandoned."""
        if self.on_the_spot:
            return self.received_on
        return self.answered_on or self.abandoned_on


@record(frozen=True)
class Proactive:
    """One entry of the proactive disclosure register."""

    pointer: str
    title: str
    formed_on: date | None
    changed_on: date | None
    published_on: date
    legal_basis: str | None
    dates: tuple[tuple[str, str, date], ...]

    @property
    def label(self) -> Text:
        return Text(f"主动公开“{self.title}”", f"proactive disclosure “{self.title}”")

    @property
    def start(self) -> date:
        return self.changed_on or self.formed_on  # type: ignore[return-value]

    @property
    def regime(self) -> int:
        return 2008 if self.start < REGIME_2019 else 2019


@record(frozen=True)
class Registers:
    """A report's registers, as read (None: the register is absent)."""

    proactive: tuple[Proactive, ...] | None  # None: no proactive register in the file
    requests: tuple[Request, ...] | None


def _dates(entry: dict, pointer: str, keys: list[tuple[str, str]]) -> list[tuple[str, str, date]]:
    found = []
    for path, label in keys:
        node: Any = entry
        for part in path.split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if (value := parse_date(node)) is not None:
            found.append((f"{pointer}/{path}", label, value))
    return found


def _request(entry: Any, pointer: str) -> Request | None:
    if not isinstance(entry, dict) or parse_date(entry.get("received_on")) is None:
        return None
    keys = [(k, k) for k in ("received_on", "answered_on", "deemed_abandoned_on", "extension/approved_on",
                             "extension/notified_on", "correction/asked_on", "correction/corrected_received_on")]
    dates = _dates(entry, pointer, keys)
    consultations = []
    items = entry.get("consultations")
    for j, item in enumerate(items if isinstance(items, list) else []):
        sent = parse_date(item.get("sent_on")) if isinstance(item, dict) else None
        if sent is None:
            continue
        where = f"{pointer}/consultations/{j}"
        consultations.append(Consultation(str(item.get("kind")), sent, parse_date(item.get("answered_on")), where))
        dates += _dates(item, where, [("sent_on", "sent_on"), ("answered_on", "consultation_answered_on")])
    by_key = {label: value for _, label, value in dates}
    extension = correction = None
    if "extension/approved_on" in by_key and "extension/notified_on" in by_key:
        extension = (by_key["extension/approved_on"], by_key["extension/notified_on"])
    if "correction/asked_on" in by_key:
        correction = (by_key["correction/asked_on"], by_key.get("correction/corrected_received_on"))
    return Request(
        pointer=pointer,
        id=str(entry.get("id", pointer.rsplit("/", 1)[1])),
        received_on=by_key["received_on"],
        channel=entry.get("channel") if isinstance(entry.get("channel"), str) else None,
        answered_on=by_key.get("answered_on"),
        on_the_spot=entry.get("answered_on_the_spot") is True,
        extension=extension,
        correction=correction,
        consultations=tuple(consultations),
        abandoned_on=by_key.get("deemed_abandoned_on"),
        result=entry.get("result") if isinstance(entry.get("result"), str) else None,
        dates=tuple(dates),
        applicant=entry.get("applicant") if isinstance(entry.get("applicant"), str) else None,
    )


def _proactive(entry: Any, pointer: str) -> Proactive | None:
    if not isinstance(entry, dict):
        return None
    dates = _dates(entry, pointer, [("formed_on", "formed_on"), ("changed_on", "changed_on"), ("published_on", "published_on")])
    by_key = {label: value for _, label, value in dates}
    if "published_on" not in by_key or not ({"formed_on", "changed_on"} & set(by_key)):
        return None
    basis = entry.get("legal_basis")
    return Proactive(pointer, str(entry.get("title", "")), by_key.get("formed_on"), by_key.get("changed_on"),
                     by_key["published_on"], basis if isinstance(basis, str) and basis.strip() else None, tuple(dates))


def read_registers(data: dict) -> Registers | None:
    """The registers of a report, or None when it has none."""
    raw = data.get("registers")
    if not isinstance(raw, dict):
        return None

    def entries(key, reader):
        items = raw.get(key)
        if not isinstance(items, list):
            return None
        return tuple(e for i, item in enumerate(items) if (e := reader(item, f"/registers/{key}/{i}")) is not None)

    return Registers(entries("proactive", _proactive), entries("requests", _request))
