"""Deadlines (issue 4, points 3–6): the publication deadline (D001–D003), the register
time limits (D004–D007, D010–D012), register dates (D008) and register against table (D009).

Boundary convention: the start day is not counted; the N-th working day after it is the
last permitted day; acting on it passes, one working day later fails (docs/deadlines.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from golocheck import check
from golocheck.api import check_bytes
from golocheck.formats import get_format
from golocheck.settings import CheckSettings
from golocheck.templates import apply_patch, skeleton
from helpers import ROOT


def run(patch: dict, fmt: str = "gov-2021", year: int | None = None, settings: CheckSettings = CheckSettings()):
    report = skeleton(get_format(fmt), year)
    if year is not None:
        report["metadata"]["period"] = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    report = apply_patch(report, patch)
    return check_bytes(json.dumps(report, ensure_ascii=False).encode(), "r.json", settings=settings)


def found(diagnostics, code: str) -> list:
    return [d for d in diagnostics if d.code == code]


def request(**fields) -> dict:
    return {"registers": {"requests": [{"id": "R1", "channel": "网络", **fields}]}}


def proactive(**fields) -> dict:
    return {"registers": {"proactive": [{"title": "某通知", **fields}]}}


# -- publication deadline (D001–D003) ---------------------------------------------------


@pytest.mark.parametrize(
    "fmt, year, kind, last_day, next_day",
    [
        ("gov-2014", 2017, "人民政府", "2018-03-31", "2018-04-01"),  # 2008 条例 第三十一条
        ("gov-2014", 2017, "政府部门", "2018-03-31", "2018-04-01"),  # 2008: 31 March for departments too
        ("gov-2021", 2023, "政府部门", "2024-01-31", "2024-02-01"),  # 2019 条例 第四十九条第一款
        ("gov-2021", 2023, "人民政府", "2024-03-31", "2024-04-01"),  # 第四十九条第二款
        ("gov-2014", 2018, "人民政府", "2019-03-31", "2019-04-01"),  # 2019-03-31 is a Sunday: no roll-over
    ],
)
def test_publication_deadline_boundary(fmt, year, kind, last_day, next_day):
    on_time = run({"metadata": {"issuer_kind": kind, "published_on": last_day}}, fmt, year)
    assert not found(on_time, "D001") and not found(on_time, "D002")
    late = found(run({"metadata": {"issuer_kind": kind, "published_on": next_day}}, fmt, year), "D001")
    assert len(late) == 1 and late[0].severity.value == "error"
    assert last_day in late[0].message.zh and "晚 1 天" in late[0].message.zh


def test_local_deadline_is_stricter_and_a_warning():
    settings = CheckSettings(local_deadlines={"人民政府": "03-01"})
    meta = lambda day: {"metadata": {"published_on": day}}  # noqa: E731
    assert not found(run(meta("2024-03-01"), year=2023, settings=settings), "D001")
    local = found(run(meta("2024-03-02"), year=2023, settings=settings), "D001")
    assert [d.severity.value for d in local] == ["warning"]
    assert "local_deadlines.人民政府 = 03-01" in local[0].message.zh and "2024-03-31" in local[0].message.zh
    statutory = found(run(meta("2024-04-01"), year=2023, settings=settings), "D001")
    assert [d.severity.value for d in statutory] == ["error"] and "本地期限为 2024-03-01" in statutory[0].message.zh
    # a local date later than the statutory one does not relax the law
    lax = CheckSettings(local_deadlines={"政府部门": "02-15"})
    dept = found(run({"metadata": {"issuer_kind": "政府部门", "published_on": "2024-02-10"}}, year=2023, settings=lax), "D001")
    assert [d.severity.value for d in dept] == ["error"]


@pytest.mark.parametrize("value", ["3-1", "02-30", "02-29", "0301", "13-01"])
def test_invalid_local_deadline_is_refused(value):
    from golocheck.checks.deadlines import parse_local_deadline

    with pytest.raises(ValueError, match="MM-DD"):
        parse_local_deadline("人民政府", value)
    with pytest.raises(ValueError, match="issuer kind"):
        parse_local_deadline("乡镇", "03-01")


def test_seed_sample_says_the_publication_deadline_cannot_be_checked():
    diagnostics = found(check(ROOT / "sample_reports" / "golog-2018.json"), "D002")
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert d.severity.value == "info" and d.pointer == "/metadata"
    assert "无法检查公布期限" in d.message.zh and "2019-03-31" in d.message.zh and "第三十一条" in d.message.zh
    assert "cannot be checked" in d.message.en


def test_published_before_the_year_ended():
    assert found(run({"metadata": {"published_on": "2023-12-31"}}, year=2023), "D003")
    assert not found(run({"metadata": {"published_on": "2024-01-01"}}, year=2023), "D003")


# -- proactive disclosure (D004) ----------------------------------------------------------


def test_proactive_boundary_across_national_day():
    # 2021-09-22 + 20 working days = 2021-10-25: National Day 10-01..07 off, 09-26 (Sun) and 10-09 (Sat) worked.
    assert not found(run(proactive(formed_on="2021-09-22", published_on="2021-10-25")), "D004")
    late = found(run(proactive(formed_on="2021-09-22", published_on="2021-10-26")), "D004")
    assert len(late) == 1
    args = late[0].args
    assert (args["due"], args["actual"].zh, args["late"]) == ("2021-10-25", "2021-10-26", 1)
    assert "2021-10-01..07（国庆节）" in args["skipped"].zh and "调休上班 2021-09-26、2021-10-09" in args["skipped"].zh
    assert "第二十六条" in late[0].message.zh


def test_proactive_before_2019_05_15_cites_the_2008_article():
    late = found(run(proactive(formed_on="2019-05-14", published_on="2019-06-14"), "gov-2019", 2019), "D004")
    assert "第十八条" in late[0].message.zh


def test_change_date_starts_the_count_and_legal_basis_is_not_evaluated():
    assert not found(run(proactive(formed_on="2021-01-04", changed_on="2021-06-01", published_on="2021-06-29")), "D004")
    other = run(proactive(formed_on="2021-01-04", published_on="2021-06-29", legal_basis="《预算法》第十四条"))
    assert not found(other, "D004") and found(other, "D010")[0].severity.value == "info"


# -- replies (D005, D006) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "received, last_day, next_working_day, article",
    [
        ("2019-05-14", "2019-06-04", "2019-06-05", "第二十四条"),  # 2008 条例: 15 working days (Dragon Boat 06-07 not reached)
        ("2019-05-15", "2019-06-13", "2019-06-14", "第三十三条"),  # 2019 条例: 20 working days, across Dragon Boat 06-07
    ],
)
def test_reply_boundary_by_regime(received, last_day, next_working_day, article):
    assert not found(run(request(received_on=received, answered_on=last_day, result="disclosed"), "gov-2019", 2019), "D005")
    late = found(run(request(received_on=received, answered_on=next_working_day, result="disclosed"), "gov-2019", 2019), "D005")
    assert len(late) == 1 and late[0].args["late"] == 1 and article in late[0].message.zh


def test_reply_boundary_across_the_spring_festival():
    # 2025-01-20 + 20: Spring Festival 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked -> 2025-02-21 (Fri).
    assert not found(run(request(received_on="2025-01-20", answered_on="2025-02-21", result="disclosed"), year=2025), "D005")
    late = found(run(request(received_on="2025-01-20", answered_on="2025-02-24", result="disclosed"), year=2025), "D005")
    assert late[0].args["late"] == 1 and late[0].args["days"] == 3  # the weekend in between is not a working day
    assert "2025-01-28..02-04" in late[0].args["skipped"].zh and "2025-01-26、2025-02-08" in late[0].args["skipped"].zh


def test_reply_received_on_a_weekend_counts_from_the_next_working_day():
    # Saturday 2025-03-08: working day 1 is Monday 03-10; Qingming 04-04 (Fri) off -> 20th is 2025-04-07.
    assert not found(run(request(received_on="2025-03-08", answered_on="2025-04-07", result="disclosed"), year=2025), "D005")
    assert found(run(request(received_on="2025-03-08", answered_on="2025-04-08", result="disclosed"), year=2025), "D005")


def test_extension_counts_only_when_notified_in_time():
    # 2021-09-22: original last day 2021-10-25, extended last day 2021-11-22.
    def case(notified, answered):
        return run(request(received_on="2021-09-22", extension={"approved_on": "2021-10-20", "notified_on": notified}, answered_on=answered, result="disclosed"))

    ok = case("2021-10-25", "2021-11-22")
    assert not found(ok, "D005") and not found(ok, "D006")
    assert found(case("2021-10-25", "2021-11-23"), "D005")[0].args["due"] == "2021-11-22"
    late_notice = case("2021-10-26", "2021-11-22")
    assert found(late_notice, "D006")[0].args["due"] == "2021-10-25"
    reply = found(late_notice, "D005")[0]
    assert reply.args["due"] == "2021-10-25" and "不计延长" in reply.message.zh


def test_2008_extension_is_15_working_days():
    # 2014-09-22: 15 working days end 2014-10-16 (National Day; 09-28 and 10-11 worked); +15 -> 2014-11-06.
    base = dict(received_on="2014-09-22", extension={"approved_on": "2014-10-15", "notified_on": "2014-10-16"}, result="reply_disclosed")
    assert not found(run(request(answered_on="2014-11-06", **base), "gov-2014", 2014), "D005")
    assert found(run(request(answered_on="2014-11-07", **base), "gov-2014", 2014), "D005")


def test_consultation_days_are_left_out_both_ends_included():
    # 2021-09-22 + 20 = 10-25; consultation 10-11 (Mon)..10-15 (Fri) leaves out 5 working days -> 11-01.
    consult = [{"kind": "third_party", "sent_on": "2021-10-11", "answered_on": "2021-10-15"}]
    assert not found(run(request(received_on="2021-09-22", consultations=consult, answered_on="2021-11-01", result="disclosed")), "D005")
    late = found(run(request(received_on="2021-09-22", consultations=consult, answered_on="2021-11-02", result="disclosed")), "D005")
    assert late[0].args["due"] == "2021-11-01" and "5 个工作日不计" in late[0].args["skipped"].zh and "第三十二条" in late[0].message.zh


def test_2008_leaves_out_third_parties_only():
    agency = [{"kind": "agency", "sent_on": "2014-03-10", "answered_on": "2014-03-14"}]
    late = found(run(request(received_on="2014-03-03", consultations=agency, answered_on="2014-03-28", result="reply_disclosed"), "gov-2014", 2014), "D005")
    assert late and "只扣除征求第三方意见" in late[0].message.zh


def test_unanswered_consultation_is_not_evaluated():
    diagnostics = run(request(received_on="2021-04-06", consultations=[{"kind": "agency", "sent_on": "2021-04-12"}], answered_on="2021-09-01", result="disclosed"))
    assert not found(diagnostics, "D005") and found(diagnostics, "D010")


def test_open_request_past_its_deadline_at_year_end():
    # 2021-11-01 + 20 = 2021-11-29; still open on 2021-12-31.
    late = found(run(request(received_on="2021-11-01")), "D005")
    assert late and late[0].pointer == "/registers/requests/0" and "截至 2021-12-31 仍未答复" in late[0].message.zh
    assert not found(run(request(received_on="2021-12-06")), "D005")  # due 2022-01-04: not yet late


def test_answer_on_the_spot_and_abandonment_owe_no_reply_count():
    assert not found(run(request(received_on="2021-03-01", answered_on_the_spot=True, result="disclosed")), "D005")
    abandoned = request(received_on="2021-03-01", correction={"asked_on": "2021-03-05"}, deemed_abandoned_on="2021-06-30", result="other_no_correction")
    assert not found(run(abandoned), "D005")


# -- corrections (D007 and the restart of the reply clock) -------------------------------


def test_correction_boundary_across_national_day():
    # 2021-09-22 + 7 = 2021-09-30 (09-26 worked); the next working day is 10-08.
    def case(asked):
        return run(request(received_on="2021-09-22", correction={"asked_on": asked, "corrected_received_on": "2021-10-12"}, answered_on="2021-11-09", result="disclosed"))

    assert not found(case("2021-09-30"), "D007")
    late = found(case("2021-10-08"), "D007")
    assert late[0].args["late"] == 1 and late[0].args["days"] == 8


def test_reply_clock_restarts_on_receipt_of_the_corrected_request():
    # corrected request received 2021-10-12: + 20 = 2021-11-09.
    def case(answered):
        return run(request(received_on="2021-09-22", correction={"asked_on": "2021-09-28", "corrected_received_on": "2021-10-12"}, answered_on=answered, result="disclosed"))

    assert not found(case("2021-11-09"), "D005")
    late = found(case("2021-11-10"), "D005")
    assert late[0].args["due"] == "2021-11-09" and "收到补正申请之日（2021-10-12）" in late[0].message.zh


def test_correction_limit_does_not_apply_before_2019_05_15():
    diagnostics = run(request(received_on="2019-04-01", correction={"asked_on": "2019-04-30", "corrected_received_on": "2019-05-06"}, answered_on="2019-05-20", result="disclosed"), "gov-2019", 2019)
    assert not found(diagnostics, "D007") and not found(diagnostics, "D005")


# -- calendar coverage (D011, D012) ------------------------------------------------------------

YEAR_2027 = """
[[year]]
year = 2027
notice = "test: an invented 2027 notice"
holidays = ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"]
workdays = ["2027-02-06"]
"""


def test_a_2027_date_cannot_be_evaluated_and_names_the_year_and_override_file():
    patch = {"metadata": {"published_on": "2028-03-01"}, **request(received_on="2027-03-01", answered_on="2027-04-30", result="disclosed")}
    diagnostics = run(patch, year=2027)
    gap = found(diagnostics, "D011")
    assert len(gap) == 1 and not found(diagnostics, "D005")
    for text in (gap[0].message.zh, gap[0].message.en):
        assert "2027" in text and "--calendar" in text and "[[year]] 2027" in text
    assert "覆盖文件" in gap[0].message.zh and "override file" in gap[0].message.en


def test_with_an_override_file_for_2027_the_rules_evaluate(tmp_path):
    override = tmp_path / "calendar-2027.toml"
    override.write_text(YEAR_2027, encoding="utf-8")
    settings = CheckSettings(calendar_files=(override,))
    # 2027-01-25 + 20: Spring Festival 02-05, 02-08..11 off, Saturday 02-06 worked -> 2027-02-26.
    on_time = run(request(received_on="2027-01-25", answered_on="2027-02-26", result="disclosed"), year=2027, settings=settings)
    assert not found(on_time, "D011") and not found(on_time, "D005")
    late = found(run(request(received_on="2027-01-25", answered_on="2027-03-01", result="disclosed"), year=2027, settings=settings), "D005")
    assert late and late[0].args["due"] == "2027-02-26" and "2027-02-06" in late[0].args["skipped"].zh


def test_an_override_file_without_the_year_is_named(tmp_path):
    other = tmp_path / "fix.toml"
    other.write_text('[[day]]\ndate = 2026-01-04\nworking = true\nnotice = "test"\n', encoding="utf-8")
    gap = found(run(request(received_on="2027-03-01", answered_on="2027-03-10", result="disclosed"), year=2027, settings=CheckSettings(calendar_files=(other,))), "D011")
    assert str(other) in gap[0].message.zh and str(other) in gap[0].message.en


def test_provisional_late_december_is_said_and_strict_makes_it_an_error():
    patch = request(received_on="2026-12-10")
    info = found(run(patch, year=2026), "D012")
    assert [d.severity.value for d in info] == ["info"] and "2026-12-20..31" in info[0].message.zh and "2027" in info[0].message.zh
    strict = found(run(patch, year=2026, settings=CheckSettings(strict_calendar=True)), "D012")
    assert [d.severity.value for d in strict] == ["error"]
    assert not found(run(request(received_on="2026-11-02", answered_on="2026-11-20", result="disclosed"), year=2026), "D012")


def test_the_calendar_is_built_once_per_settings():
    from golocheck.checks.deadlines import calendar

    calendar.cache_clear()
    for _ in range(3):
        run(request(received_on="2021-03-01", answered_on="2021-03-10", result="disclosed"))
    assert calendar.cache_info().misses == 1


def test_no_calendar_import_without_register_dates():
    code = (
        "import sys, golocheck\n"
        "from golocheck import check\n"
        f"check({str(ROOT / 'sample_reports' / 'clean-gov-2021.json')!r})\n"
        "assert 'chinese_calendar' not in sys.modules and 'golocheck.workdays' not in sys.modules, 'imported'\n"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


# -- register dates (D008) and register against table (D009) ---------------------------------


def test_register_dates_inside_the_period_and_before_publication():
    diagnostics = run({"metadata": {"published_on": "2022-01-20"}, "registers": {"requests": [
        {"id": "A", "channel": "网络", "received_on": "2020-12-28", "answered_on": "2021-01-12", "result": "disclosed"},  # carried over: fine
        {"id": "B", "channel": "网络", "received_on": "2021-12-20", "answered_on": "2022-01-05", "result": "disclosed"},  # after the period
        {"id": "C", "channel": "网络", "received_on": "2021-05-10", "answered_on": "2021-05-07", "result": "disclosed"},  # before receipt
        {"id": "D", "channel": "网络", "received_on": "2020-11-02", "answered_on": "2020-11-20", "result": "disclosed"},  # closed last year
    ]}})
    assert {d.pointer for d in found(diagnostics, "D008")} == {
        "/registers/requests/1/answered_on", "/registers/requests/2/answered_on", "/registers/requests/3/answered_on"}


def test_register_against_the_2021_table():
    register = {"registers": {"requests": [
        {"id": "A", "channel": "网络", "received_on": "2020-12-28", "answered_on": "2021-01-12", "result": "disclosed"},
        {"id": "B", "channel": "当面", "received_on": "2021-03-01", "answered_on": "2021-03-10", "result": "unable_not_held"},
        {"id": "C", "channel": "邮寄", "received_on": "2021-12-20"},
    ]}}
    def n(count):
        return {"natural_person": count, "total": count}

    tables = {"tables": {"requests": {"new": n(2), "carried_over": n(1), "disclosed": n(1), "unable_not_held": n(1), "results_total": n(2), "carried_forward": n(1)}}}
    assert not found(run(apply_patch(tables, register)), "D009")
    wrong = apply_patch(tables, {"tables": {"requests": {"carried_over": n(0), "new": n(3)}}})
    assert {d.pointer for d in found(run(apply_patch(wrong, register)), "D009")} == {"/tables/requests/new/total", "/tables/requests/carried_over/total"}


def test_register_against_the_2014_statistics():
    register = {"registers": {"requests": [
        {"id": "A", "channel": "平常信函", "received_on": "2014-03-03", "answered_on": "2014-03-12", "result": "refused_privacy"},
        {"id": "B", "channel": "网络", "received_on": "2014-04-01", "extension": {"approved_on": "2014-04-18", "notified_on": "2014-04-21"}, "answered_on": "2014-05-05", "result": "reply_disclosed"},
    ]}}
    stats = {"requests_received": 2, "requests_letter": 1, "requests_online": 1, "requests_closed": 2, "closed_on_time": 1, "closed_extended": 1,
             "replies_total": 2, "reply_disclosed": 1, "reply_refused": 1, "refused_privacy": 1}
    assert not found(run({"tables": {"statistics": stats}, **register}, "gov-2014", 2014), "D009")
    wrong = found(run({"tables": {"statistics": {**stats, "refused_privacy": 0, "refused_commercial_secret": 1}}, **register}, "gov-2014", 2014), "D009")
    assert {d.pointer for d in wrong} == {"/tables/statistics/refused_privacy", "/tables/statistics/refused_commercial_secret"}


# -- the synthetic sample -------------------------------------------------------------------------

SAMPLE_EXPECTED = {
    # 示例市自然资源和规划局 is a 政府部门: its 2025 report was due by 2026-01-31 (条例(2019) 第四十九条第一款);
    # published 2026-02-06, 6 days late.
    ("D001", "/metadata/published_on"),
    # 2025年度国有建设用地供应计划: formed 2025-03-14, 20th working day 2025-04-14 (Qingming 04-04..06), published 04-18.
    ("D004", "/registers/proactive/1/published_on"),
    # 部门预算: published under 预算法 第十四条's own limit (legal_basis), not evaluated against 20 working days.
    ("D010", "/registers/proactive/2"),
    # YSQ-2025-007: original last day 2025-08-04, extension notified 08-05 (D006), so it does not count and the
    # answer on 08-20 is 12 working days late (D005).
    ("D006", "/registers/requests/8/extension/notified_on"),
    ("D005", "/registers/requests/8/answered_on"),
    # YSQ-2025-008: received 2025-09-26, National Day 10-01..08 with 09-28 and 10-11 worked: last day 10-30, answered 10-31.
    ("D005", "/registers/requests/9/answered_on"),
    # YSQ-2025-010: received 2025-08-11, correction due by 08-20, asked 08-22.
    ("D007", "/registers/requests/11/correction/asked_on"),
    # YSQ-2025-012: the other agency never answered and the register has no date for it: reply deadline not evaluated.
    ("D010", "/registers/requests/13"),
    # YSQ-2025-013: received 2025-11-24, due 2025-12-22, still open at the end of the year.
    ("D005", "/registers/requests/14"),
    # YSQ-2025-015: answered 2026-01-08, after the reporting period (it is counted as carried forward, as in the table).
    ("D008", "/registers/requests/16/answered_on"),
}


def test_synthetic_sample_findings_are_exactly_the_explained_ones():
    path = ROOT / "sample_reports" / "registers-gov-2021.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "虚构" in data["metadata"]["title"] and data["metadata"]["notes"].startswith("Synthetic")
    diagnostics = check(path)
    assert {(d.code, d.pointer) for d in diagnostics} == SAMPLE_EXPECTED
    # on time at the boundaries: Spring Festival (YSQ-2025-001, proactive 0), weekend receipt (YSQ-2025-003),
    # consultation left out (YSQ-2025-004), National Day (proactive 3), extension in time (YSQ-2025-006);
    # and its tables agree with its registers (no D009).
    for d in diagnostics:
        if d.code in ("D004", "D005", "D006", "D007"):
            assert {"due", "actual", "late", "skipped"} <= set(d.args)


def test_a_broken_override_file_is_one_internal_error(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[year]]\nyear = 2027\n", encoding="utf-8")
    diagnostics = run(request(received_on="2021-03-01", answered_on="2021-03-10", result="disclosed"), settings=CheckSettings(calendar_files=(broken,)))
    errors = found(diagnostics, "X001")
    assert len(errors) == 1 and "broken.toml" in errors[0].message.en
