"""Configuration files, suppressions, baselines, batches, standard input, parallel jobs,
and the init / config / schema / rules commands, through the real command line."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers import ROOT, no_traceback, run_cli

GOLOG = ROOT / "sample_reports/golog-2018.json"
CLEAN = ROOT / "sample_reports/clean-gov-2014.json"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "reports" / "2018").mkdir(parents=True)
    shutil.copy(GOLOG, tmp_path / "reports" / "2018" / "golog.json")
    shutil.copy(CLEAN, tmp_path / "reports" / "clean.json")
    return tmp_path


def cli(tree, *args, **kwargs):
    return run_cli(*args, cwd=tree, **kwargs)


def codes(result, families: str = "FMQSTVX") -> list[str]:
    """Codes of the concise output, of the rule families these tests are about (the narrative
    N and deadline D rules also report on golog-2018; their own tests cover them)."""
    found = [line.split(": ")[1].split(" ")[0] for line in result.stdout.decode().splitlines() if ": " in line and "[" in line]
    return [code for code in found if code[0] in families]


def test_pyproject_table_is_read(tree):
    (tree / "pyproject.toml").write_text('[tool.golocheck]\nignore = ["S002"]\n', encoding="utf-8")
    result = cli(tree, "--output-format", "concise", "reports")
    assert codes(result) == ["T107"]


def test_closest_configuration_wins(tree):
    (tree / "golocheck.toml").write_text('ignore = ["T107"]\n', encoding="utf-8")
    (tree / "reports" / "2018" / ".golocheck.toml").write_text('ignore = ["S002"]\n', encoding="utf-8")
    assert codes(cli(tree, "--output-format", "concise", "reports")) == ["T107"]


def test_explicit_config_and_isolated(tree, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "strict.toml"
    other.write_text('select = ["S"]\nfail-on = "warning"\n', encoding="utf-8")
    (tree / "golocheck.toml").write_text('ignore = ["S002", "T107", "narrative"]\n', encoding="utf-8")
    assert cli(tree, "reports").returncode == 0
    assert codes(cli(tree, "--config", str(other), "--output-format", "concise", "reports")) == ["S002"]
    assert cli(tree, "--config", str(other), "reports").returncode == 1  # fail-on = warning
    assert sorted(codes(cli(tree, "--isolated", "--output-format", "concise", "reports"))) == ["S002", "T107"]


@pytest.mark.parametrize(
    "content, needle",
    [
        ('bogus = 1\n', "bogus"),
        ('select = ["Z999"]\n', "Z999"),
        ('[severity]\nNOPE = "error"\n', "NOPE"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ('select = [\n', "invalid TOML"),
        ('[[suppress]]\nfiles = "*"\ncode = "T107"\n', "reason"),
        ('[local-deadlines]\n"人民政府" = "13-45"\n', "13-45"),
    ],
)
def test_bad_configuration_exits_2_with_one_line(tree, content, needle):
    (tree / "golocheck.toml").write_text(content, encoding="utf-8")
    result = cli(tree, "reports")
    assert result.returncode == 2 and no_traceback(result)
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]


def test_severity_override_and_extend_select(tree):
    (tree / "golocheck.toml").write_text('select = ["S"]\nextend-select = ["T107"]\n[severity]\nS002 = "error"\nstaff-full-and-part-time = "info"\n', encoding="utf-8")
    out = cli(tree, "--output-format", "concise", "reports").stdout.decode()
    assert "S002 [错误]" in out and "T107 [提示]" in out


def test_per_file_ignores(tree):
    (tree / "golocheck.toml").write_text('[per-file-ignores]\n"reports/2018/*" = ["T107", "S002", "narrative"]\n', encoding="utf-8")
    assert cli(tree, "reports").returncode == 0


def test_language_and_format_from_configuration(tree):
    (tree / "golocheck.toml").write_text('language = "en"\noutput-format = "concise"\n', encoding="utf-8")
    out = cli(tree, "reports").stdout.decode()
    assert "reports/2018/golog.json:105:22: T107 [error] full-time staff 7" in out


def test_config_suppressions_used_unused_and_expired(tree):
    (tree / "golocheck.toml").write_text(
        '[[suppress]]\nfiles = "reports/2018/*.json"\ncode = "T107"\npointer = "/tables/statistics/staff_total"\nreason = "原表如此，已核实"\n'
        '[[suppress]]\nfiles = "reports/*.json"\ncode = "T101"\nreason = "never happens"\n'
        '[[suppress]]\nfiles = "reports/2018/*.json"\ncode = "S002"\nreason = "限期整改"\nexpires = 2020-01-01\n',
        encoding="utf-8",
    )
    found = codes(cli(tree, "--output-format", "concise", "reports"))
    assert "T107" not in found  # suppressed
    assert found.count("Q001") == 1  # the T101 one, reported once for the whole batch
    assert "Q002" in found and "S002" in found  # expired: not applied, and said


def test_report_suppressions(tmp_path):
    report = json.loads(GOLOG.read_text(encoding="utf-8"))
    report["suppressions"] = [
        {"code": "T107", "pointer": "/tables/statistics", "reason": "原表如此"},
        {"code": "S002", "reason": "限期整改", "expires": "2021-01-01"},
        {"code": "M001", "reason": "不会发生"},
    ]
    (tmp_path / "r.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    found = codes(run_cli("--output-format", "concise", str(tmp_path / "r.json")))
    assert sorted(found) == ["Q001", "Q002", "S002"]


def test_report_suppression_without_reason_is_an_invalid_suppression(tmp_path):
    report = json.loads(CLEAN.read_text(encoding="utf-8"))
    report["suppressions"] = [{"code": "T107"}]
    (tmp_path / "r.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = run_cli("--output-format", "concise", str(tmp_path / "r.json"))
    assert codes(result) == ["Q003"] and result.returncode == 1  # Q003 says more than F007 would


def test_baseline_round_trip(tree):
    assert cli(tree, "--write-baseline", "base.json", "reports").returncode == 0
    document = json.loads((tree / "base.json").read_text(encoding="utf-8"))
    assert {f["code"] for f in document["findings"] if f["code"][0] in "ST"} == {"T107", "S002"}
    result = cli(tree, "--baseline", "base.json", "reports")
    assert result.returncode == 0 and "基线" in result.stdout.decode()
    # a new defect is reported
    report = json.loads((tree / "reports/clean.json").read_text(encoding="utf-8"))
    report["tables"]["statistics"]["staff_part_time"] = 8
    (tree / "reports/clean.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    result = cli(tree, "--baseline", "base.json", "--output-format", "concise", "reports")
    assert result.returncode == 1 and codes(result) == ["T107"] and "clean.json" in result.stdout.decode()


def test_bad_baseline_exits_2(tree):
    (tree / "base.json").write_text("{}", encoding="utf-8")
    assert cli(tree, "--baseline", "base.json", "reports").returncode == 2
    assert cli(tree, "--baseline", "missing.json", "reports").returncode == 2


def test_standard_input(tree):
    data = GOLOG.read_bytes()
    result = cli(tree, "-", "--stdin-filename", "reports/2018/piped.json", "--output-format", "concise", input=data)
    assert result.returncode == 1 and "reports/2018/piped.json:105:22: T107" in result.stdout.decode()
    yaml_text = b"format: gov-2014\n"
    result = cli(tree, "-", "--stdin-filename", "x.yaml", "--output-format", "concise", input=yaml_text)
    assert "x.yaml" in result.stdout.decode() and "F007" in result.stdout.decode()


def test_jobs_give_the_same_results_in_the_same_order(tree):
    for index in range(6):
        shutil.copy(GOLOG, tree / "reports" / f"copy{index}.json")
    one = cli(tree, "--output-format", "json", "--jobs", "1", "reports").stdout
    two = cli(tree, "--output-format", "json", "--jobs", "2", "reports").stdout
    assert one == two and json.loads(one)["summary"]["files"] == 8


def test_include_and_exclude(tree):
    (tree / "reports" / "notes.yaml").write_text("not: a report\n", encoding="utf-8")
    assert "notes.yaml" in cli(tree, "--output-format", "concise", "reports").stdout.decode()
    assert "notes.yaml" not in cli(tree, "--output-format", "concise", "--exclude", "notes.yaml", "reports").stdout.decode()
    assert codes(cli(tree, "--output-format", "concise", "--include", "*.yaml", "reports")) == ["F007"] * len(codes(cli(tree, "--output-format", "concise", "--include", "*.yaml", "reports")))


def test_statistics_quiet_exit_zero_and_output_file(tree):
    out = cli(tree, "--statistics", "reports").stdout.decode()
    assert "T107" in out and "S002" in out and "专职" not in out
    quiet = cli(tree, "--quiet", "--output-format", "concise", "reports").stdout.decode()
    assert "检查了" not in quiet and "T107" in quiet
    assert cli(tree, "--exit-zero", "reports").returncode == 0
    result = cli(tree, "--output-file", "out.txt", "--output-format", "concise", "reports")
    assert result.returncode == 1 and result.stdout == b"" and "T107" in (tree / "out.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("format_id", ["gov-2014", "gov-2019", "gov-2021"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_init_writes_a_complete_skeleton(tmp_path, format_id, suffix):
    from golocheck.formats import get_format

    target = tmp_path / f"new{suffix}"
    year = get_format(format_id).first_year + 1
    result = run_cli("init", "--format", format_id, "--year", str(year), "--issuer", "示例县人民政府", "--kind", "government", "-o", str(target))
    assert result.returncode == 0
    checked = run_cli("--output-format", "concise", str(target))
    # the structure is complete; the tables (blank cells: V004, V008, a column blank in every row: M005)
    # and the placeholder text are left to write
    found = codes(checked, "FMQSTVXN")
    assert {c[0] for c in found} <= {"S", "N", "V", "M"} and {c for c in found if c[0] == "M"} <= {"M005"}, checked.stdout.decode()
    assert found.count("V008") == len(get_format(format_id).tables) and checked.returncode == 1
    text = target.read_text(encoding="utf-8")
    if suffix == ".yaml":
        assert "# " + get_format(format_id).tables[0].rows[1].label in text or format_id != "gov-2014"
    assert run_cli("init", "--format", format_id, "--year", str(year), "--issuer", "x", "--kind", "department", "-o", str(target)).returncode == 2


def test_schema_of_one_format():
    document = json.loads(run_cli("schema", "gov-2019").stdout)
    assert [branch["if"]["properties"]["format"]["const"] for branch in document["allOf"]] == ["gov-2019"]
    assert run_cli("schema", "gov-1999").returncode == 2


def test_rules_filters_and_json():
    table = run_cli("rules", "--format", "gov-2014", "--severity", "warning").stdout.decode()
    assert "S002" in table and "T107" not in table and "T201" not in table
    document = json.loads(run_cli("rules", "--output-format", "json", "--group", "cross-year").stdout)
    assert {r["code"] for r in document["rules"]} == {"Y001", "Y002", "Y003", "Y004", "Y005"}


def test_config_command_shows_sources(tree):
    (tree / "golocheck.toml").write_text('ignore = ["S002"]\n', encoding="utf-8")
    out = cli(tree, "config", "reports/clean.json").stdout.decode()
    assert f'ignore = ["S002"]    # {tree / "golocheck.toml"}' in out
    assert "fail-on = (unset)    # default" in out


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_unwritable_output_is_a_usage_error(tree, option):
    result = cli(tree, option, "no-such-dir/out.json", "reports")
    assert result.returncode == 2 and no_traceback(result)
    assert "cannot write" in result.stderr.decode() and "internal" not in result.stderr.decode()


def test_config_command_on_a_missing_path(tree):
    result = cli(tree, "config", "no-such-dir")
    assert result.returncode == 2 and "no-such-dir" in result.stderr.decode()
