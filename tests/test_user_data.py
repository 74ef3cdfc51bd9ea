"""A province's own format and rules, kept outside the package (tests/data/user-province,
synthetic), work like the shipped ones: through --format-path/--rule-path and through the
configuration alone; imported, checked, selected, ignored, re-levelled and suppressed;
in `rules`, `explain` and SARIF; `golocheck test-rules` runs their examples; a broken or
colliding file is exit 2 with one line naming the file and line.

The command line runs in this process (golocheck.entry.main), as a user would call it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT
from helpers import golocheck_in_process as golocheck

FOLDER = ROOT / "tests" / "data" / "user-province"
IMPORT = ("--issuer", "示例市人民政府", "--issuer-kind", "government", "--region", "示例市")
NOTICE = "示政办〔2016〕1号 第三条"


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    """A copy of the folder, with the report imported through the configuration alone."""
    folder = tmp_path_factory.mktemp("province") / "user-province"
    shutil.copytree(FOLDER, folder)
    code, _, err = golocheck("import", "report.md", *IMPORT, "-o", "report.json", cwd=folder)
    assert code == 0, err
    return folder


def _sarif(text: str) -> dict:
    return json.loads(text)["runs"][0]


def test_configuration_alone_imports_the_province_table(province):
    report = json.loads((province / "report.json").read_text(encoding="utf-8"))
    assert report["format"] == "shili-2016"  # found by the table's fingerprint, not by the year
    assert report["tables"]["province"] == {"proactive_items": 120, "interpretations": 130, "requests_received": 5, "requests_answered": 5}


def test_configuration_alone_checks_with_the_user_rule_and_its_basis(province):
    code, out, err = golocheck("report.json", cwd=province)
    assert code == 1, err
    assert "P101 错误 report.md:18:17 /tables/province/interpretations" in out
    assert "政策解读数 130 > 主动公开信息数 120（多 10）" in out
    assert f"依据：{NOTICE}" in out
    assert "P102" not in out and "错误" not in out.split("P101 错误", 1)[0]  # nothing else fires


def test_options_alone_and_sarif(province, tmp_path):
    """Outside the folder, with no configuration: the options say where the files are."""
    paths = ("--format-path", str(province / "formats"), "--rule-path", str(province / "rules" / "P101.yaml"),
             "--rule-path", str(province / "rules"))  # a file and its directory: each file once
    code, _, err = golocheck("import", str(province / "report.md"), *IMPORT, *paths, "-o", "r.json", cwd=tmp_path)
    assert code == 0, err
    code, out, err = golocheck("r.json", "--isolated", "--output-format", "sarif", *paths, cwd=tmp_path)
    assert code == 1, err
    run = _sarif(out)
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert NOTICE in rules["P101"]["help"]["text"]  # SARIF lists the rules that have results
    [result] = [r for r in run["results"] if r["ruleId"] == "P101"]
    assert result["message"]["text"] == "政策解读数 130 > 主动公开信息数 120（多 10）"
    code, out, _ = golocheck("r.json", "--isolated", *paths[:2], cwd=tmp_path)  # without the rules: only the format
    assert code == 0 and "P101" not in out


def test_select_ignore_relevel_and_suppress(province, tmp_path):
    assert golocheck("report.json", "--ignore", "P101", cwd=province)[0] == 0
    assert golocheck("report.json", "--ignore", "shili", cwd=province)[0] == 0  # the user rule's own group
    assert golocheck("report.json", "--select", "P102", cwd=province)[0] == 0
    code, out, _ = golocheck("report.json", "--select", "P1", cwd=province)
    assert code == 1 and "P101" in out
    config = (province / "golocheck.toml").read_text(encoding="utf-8")
    relevelled = tmp_path / "relevel.toml"
    relevelled.write_text(config.replace('"formats"', f'"{province / "formats"}"').replace('"rules"', f'"{province / "rules"}"')
                          + '[severity]\nP101 = "warning"\n', encoding="utf-8")
    code, out, _ = golocheck("report.json", "--config", str(relevelled), "--output-format", "concise", cwd=province)
    assert code == 0 and "P101 [警告]" in out
    report = json.loads((province / "report.json").read_text(encoding="utf-8"))
    report["suppressions"] = [{"code": "P101", "pointer": "/tables/province/interpretations", "reason": "省里已核实"}]
    (province / "suppressed.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    code, out, _ = golocheck("suppressed.json", cwd=province)
    assert code == 0 and "P101" not in out and "Q001" not in out


def test_rules_and_explain_show_user_rules(province):
    code, out, _ = golocheck("rules", "--format", "shili-2016", cwd=province)
    assert code == 0 and re.search(r"^P101 +shili-interpretations-within-proactive +error +shili-2016 ", out, re.M)
    code, out, _ = golocheck("explain", "P102", "--lang", "en", cwd=province)
    assert code == 0 and "art. 5" in out


def test_test_rules_passes_on_the_folder(province):
    code, out, err = golocheck("test-rules", "rules", cwd=province)
    assert code == 0, out + err
    assert "2 条规则的 4 个示例：4 个通过，0 个失败" in out


def test_test_rules_fails_on_a_broken_example(province, tmp_path):
    broken = tmp_path / "rules"
    shutil.copytree(province / "rules", broken)
    rule = broken / "P102.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("at: [/tables/province/requests_answered]", "at: [/tables/province/requests_received]"), encoding="utf-8")
    code, out, err = golocheck("test-rules", str(broken), "--format-path", str(province / "formats"), "--lang", "en", cwd=tmp_path)
    assert code == 1, out + err
    assert "FAILS P102 fail example 0: P102 fired at ['/tables/province/requests_answered'], the example says ['/tables/province/requests_received']" in out
    assert "holds P101 fail example 0" in out and "4 examples of 2 rules: 3 hold, 1 fail" in out
    code, out, _ = golocheck("test-rules", str(broken), "--format-path", str(province / "formats"), cwd=tmp_path)
    assert code == 1 and "失败 P102 fail 示例 0：P102 触发于 ['/tables/province/requests_answered']，示例写的是 ['/tables/province/requests_received']" in out


_RULE = (FOLDER / "rules" / "P101.yaml").read_text(encoding="utf-8")
_FORMAT = (FOLDER / "formats" / "shili-2016.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"rules/T101.yaml": _RULE.replace("code: P101", "code: T101")}, r"rules/T101\.yaml:1: rule code T101 is already used by .*rules/T101\.yaml"),
        ({"rules/P101.yaml": _RULE, "more/P101.yaml": _RULE.replace("name: shili-", "name: other-")}, r"rules/P101\.yaml:1: rule code P101 is already used by .*more/P101\.yaml"),
        ({"rules/P101.yaml": _RULE, "rules/P103.yaml": _RULE.replace("code: P101", "code: P103")}, r"rules/P103\.yaml:2: rule name shili-interpretations-within-proactive is already used by"),
        ({"rules/P101.yaml": _RULE.replace("severity: error", "severity: fatal")}, r"rules/P101\.yaml:9: invalid rule file at /severity: 'fatal' is not one of"),
        ({"rules/P101.yaml": _RULE.replace("province.interpretations", "province.no_such_row")}, r"rules/P101\.yaml:13: params/pairs/0/0: .*no_such_row"),
        ({"rules/P101.yaml": _RULE.replace("groups: [table, shili]", "groups: [table, shili")}, r"rules/P101\.yaml:\d+: cannot read rule file"),
        ({"formats/gov-2014.yaml": _FORMAT.replace("id: shili-2016", "id: gov-2014")}, r"formats/gov-2014\.yaml:4: format id gov-2014 is already used by .*src/golocheck/formats/gov-2014\.yaml"),
        ({"formats/shili-2016.yaml": _FORMAT.replace("label: 二、收到申请数, ", "")}, r"formats/shili-2016\.yaml:27: invalid format definition \(KeyError\('label'\)\)"),
    ],
    ids=["code-of-a-shipped-rule", "code-of-another-user-file", "name-taken", "schema", "unknown-cell", "yaml", "format-id-taken", "format-row"],
)
def test_a_broken_or_colliding_file_is_one_line_and_exit_2(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    if not any(name.startswith("formats/") for name in files):
        (tmp_path / "formats").mkdir()
        shutil.copy(FOLDER / "formats" / "shili-2016.yaml", tmp_path / "formats")
    paths = ["--format-path", "formats", *(arg for d in sorted({n.split("/")[0] for n in files} - {"formats"}) for arg in ("--rule-path", d))]
    for command in (["rules"], ["report.json", "--isolated"]):
        (tmp_path / "report.json").write_text("{}", encoding="utf-8")
        code, out, err = golocheck(*command, *paths, cwd=tmp_path)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, (code, out, err)
        assert re.match(r"golocheck: error: \S*" + expected, err), err


def test_a_nested_configuration_cannot_change_the_catalogue(province, tmp_path):
    """The catalogue is read once per run: format-paths in the configuration of one of
    several directories would apply to the others too, so it is refused, not ignored."""
    code, out, err = golocheck(str(province / "report.json"), cwd=tmp_path)
    assert code == 2 and len(err.splitlines()) == 1 and "format-paths 和 rule-paths 对整次运行生效" in err, err


def test_schema_and_init_know_the_user_format(province, tmp_path):
    """schema and init look the format up where check does: the configuration's format-paths,
    --format-path, none with --isolated."""
    code, out, err = golocheck("schema", "shili-2016", cwd=province)  # the configuration alone
    assert code == 0 and '"const": "shili-2016"' in out, err
    code, out, err = golocheck("schema", "shili-2016", "--isolated", "--lang", "en", cwd=province)
    assert code == 2 and out == "" and err.startswith("golocheck: error: unknown format shili-2016 (known: "), err
    code, out, err = golocheck("schema", "shili-2016", "--format-path", str(province / "formats"), cwd=tmp_path)
    assert code == 0 and '"const": "shili-2016"' in out, err
    init = ("init", "--format", "shili-2016", "--year", "2016", "--issuer", "示例市人民政府", "--kind", "government")
    code, out, err = golocheck(*init, "--format-path", str(province / "formats"), cwd=tmp_path)
    assert code == 0 and "format: shili-2016" in out and "province:" in out, err
    code, out, err = golocheck(*init, "--config", str(province / "golocheck.toml"), cwd=tmp_path)
    assert code == 0 and "format: shili-2016" in out, err
    code, out, err = golocheck(*init, "--isolated", cwd=province)
    assert code == 2 and "--format：未知的格式 shili-2016" in err, err


def test_test_rules_takes_config_and_isolated(province, tmp_path):
    code, out, err = golocheck("test-rules", str(province / "rules"), "--config", str(province / "golocheck.toml"), cwd=tmp_path)
    assert code == 0 and "4 个通过，0 个失败" in out, out + err
    code, out, err = golocheck("test-rules", "rules", "--isolated", cwd=province)  # the format is in the configuration only
    assert code == 2 and out == "" and "unknown format 'shili-2016'" in err, err
    code, _, err = golocheck("test-rules", "rules", "--config", str(tmp_path / "none.toml"), cwd=province)
    assert code == 2 and "--config: cannot read" in err, err
