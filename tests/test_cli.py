"""The command line end to end: exit codes, output, options, help."""

from __future__ import annotations

import pytest

from helpers import no_traceback, run_cli

GOLOG = "sample_reports/golog-2018.json"
CLEAN = "sample_reports/clean-gov-2014.json"


def test_seed_report_exits_1_with_the_staff_defect():
    result = run_cli(GOLOG)
    out = result.stdout.decode()
    assert result.returncode == 1
    assert "T107 错误 sample_reports/golog-2018.json:105:22 /tables/statistics/staff_total" in out
    assert "专职人员数 7 + 兼职人员数 195 = 202 ≠ 从事政府信息公开工作人员数 195" in out
    assert "国办发〔2014〕32号" in out


def test_check_subcommand_is_the_default():
    assert run_cli("check", GOLOG).stdout == run_cli(GOLOG).stdout


def test_clean_sample_exits_0():
    result = run_cli(CLEAN)
    assert result.returncode == 0, result.stdout.decode()
    assert "0 个错误，0 个警告，0 个提示" in result.stdout.decode()


def test_english_messages():
    out = run_cli("--lang", "en", GOLOG).stdout.decode()
    assert "full-time staff 7 + part-time staff 195 = 202 ≠ disclosure staff 195" in out
    # T107, N001, N002 | S002, N005, N007, N008 | N014, D002
    assert "1 file(s) checked: 3 error(s), 4 warning(s), 2 info" in out


def test_concise_format():
    out = run_cli("--output-format", "concise", GOLOG).stdout.decode().splitlines()
    assert "sample_reports/golog-2018.json:105:22: T107 [错误] 专职人员数 7 + 兼职人员数 195 = 202 ≠ 从事政府信息公开工作人员数 195" in out


def test_no_colour_when_not_a_terminal():
    assert b"\x1b[" not in run_cli(GOLOG).stdout


def test_colour_when_forced():
    result = run_cli("--color", "always", GOLOG, env={"NO_COLOR": ""})
    assert b"\x1b[" in result.stdout


@pytest.mark.parametrize(
    "args, code",
    [
        (("--fail-on", "never", GOLOG), 0),
        (("--fail-on", "warning", "sample_reports/invalid/blank-cell.json"), 1),
        (("--ignore", "T107,S002,narrative", GOLOG), 0),
        (("--select", "S", GOLOG), 0),
        (("--select", "S", "--fail-on", "warning", GOLOG), 1),
        (("--select", "sections", "--fail-on", "warning", GOLOG), 1),
    ],
)
def test_fail_on_and_selection(args, code):
    assert run_cli(*args).returncode == code


@pytest.mark.parametrize(
    "args, needle",
    [
        (("missing-file.json",), b"missing-file.json"),
        ((GOLOG, "missing-file.json"), b"missing-file.json"),
        (("--select", "Z999", GOLOG), b"Z999"),
        (("--ignore", "no-such-rule", GOLOG), b"no-such-rule"),
        (("explain", "Q123"), b"Q123"),
        (("rules", "--format", "gov-1999"), b"gov-1999"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, needle):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and needle.decode() in lines[0]
    assert no_traceback(result)


def test_bad_option_exits_2():
    result = run_cli("--no-such-option", GOLOG)
    assert result.returncode == 2 and no_traceback(result)


def test_unreadable_path_exits_2(tmp_path):
    target = tmp_path / "locked.json"
    target.write_text("{}")
    target.chmod(0)
    try:
        result = run_cli(str(target))
        import os

        # it exists, so it is not a usage error: a non-root user cannot read it (F011), root
        # reads it and finds a broken report; either way exit 1
        assert result.returncode == 1
        if os.geteuid() != 0:
            assert b"F011" in result.stdout
        assert no_traceback(result)
    finally:
        target.chmod(0o644)


def test_directory_is_searched(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.json").write_bytes((__import__("pathlib").Path(__file__).parent.parent / CLEAN).read_bytes())
    result = run_cli(str(tmp_path))
    assert result.returncode == 0 and b"1 \xe4\xb8\xaa\xe6\x96\x87\xe4\xbb\xb6" in result.stdout  # "1 个文件"


def test_version():
    from golocheck import __version__

    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().strip() == f"golocheck {__version__}"


@pytest.mark.parametrize("command", [(), ("check",), ("rules",), ("explain",), ("schema",), ("workdays",)])
def test_help_of_every_command(command):
    result = run_cli(*command, "--help")
    out = result.stdout.decode()
    assert result.returncode == 0 and "Usage: golocheck" in out
    if command == ("check",):
        for option in ("--lang", "--output-format", "--fail-on", "--select", "--ignore", "--color"):
            assert option in out
    if command == ():
        for name in ("check", "rules", "explain", "schema"):
            assert name in out


def test_rules_lists_every_rule_with_its_basis():
    from golocheck.catalogue import load_catalogue

    out = run_cli("rules").stdout.decode()
    for rule in load_catalogue().values():
        assert rule.code in out and rule.basis.zh in out


def test_explain_prints_the_rule_file():
    out = run_cli("explain", "T107").stdout.decode()
    assert "T107 staff-full-and-part-time" in out and "国办发〔2014〕32号" in out and "7" in out
    assert run_cli("explain", "staff-full-and-part-time").stdout.decode() == out


def test_schema_command_prints_the_committed_schema(root):
    assert run_cli("schema").stdout == (root / "schemas" / "report.schema.json").read_bytes()


def test_never_writes_to_the_report(tmp_path, root):
    report = tmp_path / "r.json"
    report.write_bytes((root / GOLOG).read_bytes())
    before = report.stat().st_mtime_ns, report.read_bytes()
    run_cli(str(report))
    assert (report.stat().st_mtime_ns, report.read_bytes()) == before


def test_workdays_nth_and_until():
    result = run_cli("workdays", "2019-09-20", "20")
    assert result.returncode == 0 and "2019-10-23" in result.stdout.decode()
    result = run_cli("workdays", "2019-09-20", "--until", "2019-10-23", "--lang", "en")
    assert "20 working day(s)" in result.stdout.decode()


def test_workdays_show_marks_adjusted_working_days():
    out = run_cli("workdays", "2019-09-20", "20", "--show").stdout.decode()
    assert "2019-09-29        调休上班" in out and "2019-10-01..07    节假日（国庆节）" in out


def test_workdays_refuses_to_guess_an_uncovered_year():
    result = run_cli("workdays", "2027-03-01", "5")
    assert result.returncode == 2 and "2027" in result.stderr.decode()


def test_workdays_strict_calendar_on_late_december():
    assert run_cli("workdays", "2026-12-20", "5").returncode == 0
    assert run_cli("workdays", "2026-12-20", "5", "--strict-calendar").returncode == 2


def test_previous_option():
    result = run_cli("--previous", "sample_reports/hongze-2023.json", "--select", "Y", "--output-format", "concise", "sample_reports/hongze-2024.json")
    # no cross-year finding; M004 (the 2019 rows in a 2021 report, in place of F007) is always reported
    assert result.returncode == 1 and [line.split()[1] for line in result.stdout.decode().splitlines()[:-1]] == ["M004"]
    result = run_cli("--previous", "sample_reports/hongze-2023.json", "sample_reports/hongze-2024.json", GOLOG)
    assert result.returncode == 2 and "--previous" in result.stderr.decode()
    result = run_cli("--previous", "no-such-last-year.json", "sample_reports/hongze-2024.json")
    assert result.returncode == 2 and "no-such-last-year.json" in result.stderr.decode()


def test_explain_quotes_the_articles_it_cites():
    out = run_cli("explain", "S105").stdout.decode()
    assert "条例(2019) 第四十六条：各级人民政府应当建立健全政府信息公开工作考核制度" in out


def test_every_cited_article_is_quoted():
    """Every article a rule's basis cites is in data/regulations.yaml, so explain can quote it."""
    from golocheck.catalogue import load_catalogue
    from golocheck.explain import cited_articles
    from golocheck.paths import PACKAGE_DIR
    from golocheck.yamlio import load_yaml_file

    articles = load_yaml_file(PACKAGE_DIR / "data" / "regulations.yaml")
    missing = {(r.code, key) for r in load_catalogue().values() for key in cited_articles(r.basis.zh) if key not in articles}
    assert not missing


def test_articles_54_and_55_are_quoted_as_published():
    """M007 cites 条例(2019) 第五十四条 and 第五十五条: explain quotes them as 国务院令第711号
    publishes them (both paragraphs of 第五十五条), not a paraphrase."""
    from golocheck.catalogue import load_catalogue
    from golocheck.explain import quoted_articles

    quoted = "\n".join(quoted_articles(load_catalogue()["M007"]))
    assert "paraphrase" not in quoted
    assert "  条例(2019) 第五十四条：法律、法规授权的具有管理公共事务职能的组织公开政府信息的活动，适用本条例。" in quoted
    assert "全国政府信息公开工作主管部门根据实际需要可以制定专门的规定。\n前款规定的公共企事业单位未依照" in quoted
    assert quoted.endswith("接受申诉的部门或者机构应当及时调查处理，并将处理结果告知申诉人。")
