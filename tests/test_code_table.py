"""The code table (docs/code-table.md, generated) agrees with rules/ and with the code, and
`golocheck explain` says where a rule's logic lives."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from golocheck.catalogue import load_catalogue
from golocheck.checks import KINDS, RESERVED_KINDS, kind
from golocheck.codetable import BUILTIN, emitters, logic, single_use_kinds
from golocheck.explain import explain_rule
from helpers import ROOT, run_cli

RULES = load_catalogue()
TABLE = (ROOT / "docs" / "code-table.md").read_text(encoding="utf-8")
ROWS = {m[0]: m for m in re.findall(r"^\| ([A-Z][0-9]{3}) \| `([^`]+)` \| `([^`]+)`[^|]*\| (.+) \|$", TABLE, re.M)}


def test_every_rule_has_one_row_with_its_name_and_kind():
    assert set(ROWS) == set(RULES)
    for code, rule in RULES.items():
        _, name, check, where = ROWS[code]
        assert (name, check) == (rule.name, rule.check)
        assert where == logic(rule).en


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.check not in BUILTIN))
def test_kind_rows_name_an_existing_class(code):
    rule = RULES[code]
    where = ROWS[code][3]
    module, cls = re.search(r"\((golocheck/[\w/]+)\.py:(\w+)\)", where).groups()
    assert KINDS[rule.check] == f"{module.replace('/', '.')}:{cls}"
    assert kind(rule.check).__name__ == cls
    assert where.startswith("Python rule" if not kind(rule.check).params_schema.get("properties") else f"data-driven kind {rule.check}")


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.check in BUILTIN))
def test_loader_schema_and_engine_codes_are_emitted_by_the_modules_named(code):
    files = emitters(code)
    assert files, f"{code} is documented as {RULES[code].check} but no module writes it"
    for name in files:
        assert f'"{code}"' in (ROOT / "src" / name).read_text(encoding="utf-8")
    assert ROWS[code][3].startswith(RULES[code].check) and all(f in ROWS[code][3] for f in files)


def test_every_kind_is_used_or_reserved():
    used = {rule.check for rule in RULES.values()}
    assert set(KINDS) <= used | set(RESERVED_KINDS)
    assert not set(RESERVED_KINDS) - set(KINDS)


def test_single_use_kinds_are_counted_and_marked():
    uses = Counter(rule.check for rule in RULES.values())
    single = sorted(k for k in KINDS if uses[k] == 1)
    assert single_use_kinds(RULES) == single
    assert f"{len(single)} of the {len(KINDS)} entries of `checks.KINDS` serve exactly one rule" in TABLE
    for code, (_, _, check, _) in ROWS.items():
        assert (check in single) == (f"`{check}` (single-use)" in next(l for l in TABLE.splitlines() if l.startswith(f"| {code} ")))


def test_explain_says_where_the_logic_lives_in_both_languages():
    rule = RULES["T101"]
    assert "逻辑所在: 数据驱动的检查类型 sum（golocheck/checks/arithmetic.py:SumEquals）" in explain_rule(rule, "zh").splitlines()
    assert "Logic: data-driven kind sum (golocheck/checks/arithmetic.py:SumEquals)" in explain_rule(rule, "en").splitlines()
    assert "Logic: Python rule (golocheck/checks/narrative.py:TableFigures)" in explain_rule(RULES["N001"], "en")
    assert "逻辑所在: 加载器（golocheck/loading/yamlfile.py）" in explain_rule(RULES["F004"], "zh")


def test_explain_command_prints_the_logic_line():
    result = run_cli("explain", "F007", "--lang", "en")
    assert result.returncode == 0
    assert "Logic: schema (golocheck/ledger/convert.py, golocheck/pipeline.py)" in result.stdout.decode().splitlines()
