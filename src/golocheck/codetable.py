"""Where each rule's logic lives: a data-driven check kind, a Python rule (a kind that takes
no parameters, so the rule's logic is all code), or the loader, the schema validation or
the engine (codes produced outside check kinds). docs/code-table.md and
``golocheck explain`` are generated from this."""

from __future__ import annotations

import re
from functools import cache

from golocheck.catalogue import Rule
from golocheck.diagnostics import Text

BUILTIN = {
    "loader": Text("加载器", "loader"),
    "schema": Text("结构校验", "schema"),
    "engine": Text("引擎", "engine"),
    "importer": Text("导入器", "importer"),
}


@cache
def emitters(code: str) -> tuple[str, ...]:
    """The modules of golocheck whose source writes the code as a quoted string."""
    from golocheck.paths import PACKAGE_DIR

    quoted = re.compile(rf"""["']{code}["']""")
    return tuple(
        f"golocheck/{path.relative_to(PACKAGE_DIR).as_posix()}"
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if path.name != "codetable.py" and quoted.search(path.read_text(encoding="utf-8"))
    )


def kind_place(kind_name: str) -> str:
    """golocheck/checks/x.py:Class of a check kind."""
    from golocheck.checks import KINDS

    module, _, cls = KINDS[kind_name].partition(":")
    return f"{module.replace('.', '/')}.py:{cls}"


def is_python_rule(kind_name: str) -> bool:
    from golocheck.checks import kind

    return not kind(kind_name).params_schema.get("properties")


def logic(rule: Rule) -> Text:
    """One line: where the rule's logic lives."""
    if rule.check in BUILTIN:
        where = ", ".join(emitters(rule.code)) or "?"
        name = BUILTIN[rule.check]
        return Text(f"{name.zh}（{where}）", f"{name.en} ({where})")
    place = kind_place(rule.check)
    if is_python_rule(rule.check):
        return Text(f"Python 规则（{place}）", f"Python rule ({place})")
    return Text(f"数据驱动的检查类型 {rule.check}（{place}）", f"data-driven kind {rule.check} ({place})")


def single_use_kinds(rules: dict[str, Rule]) -> list[str]:
    """Entries of checks.KINDS that exactly one rule uses (``schema`` among them: F007)."""
    from collections import Counter

    uses = Counter(rule.check for rule in rules.values())
    return sorted(k for k, n in uses.items() if n == 1)


def page(rules: dict[str, Rule]) -> str:
    from golocheck.checks import KINDS, RESERVED_KINDS

    single = single_use_kinds(rules)
    used = {rule.check for rule in rules.values()}
    lines = [
        "# Code table",
        "",
        "Every rule: its code, name, check kind and where its logic lives — a *data-driven kind* "
        "(the rule file's params drive generic code), a *Python rule* (a kind without parameters: "
        "the rule's logic is all code), or the *loader*, *schema* validation or *engine* "
        "(codes produced outside check kinds, with the modules that emit them). "
        "`golocheck explain CODE` prints the same line.",
        "",
        "| code | name | kind | logic |",
        "|---|---|---|---|",
    ]
    for rule in rules.values():
        note = " (single-use)" if rule.check in single else ""
        lines.append(f"| {rule.code} | `{rule.name}` | `{rule.check}`{note} | {logic(rule).en} |")
    proper = [k for k in single if k not in BUILTIN]
    lines += [
        "",
        "## Kinds used by one rule",
        "",
        f"{len(single)} of the {len(KINDS)} entries of `checks.KINDS` serve exactly one rule "
        f"({len(proper)} of the {len([k for k in KINDS if k not in BUILTIN])} check kinds proper, not counting loader, schema and engine): "
        + ", ".join(f"`{k}` ({next(r.code for r in rules.values() if r.check == k)})" for k in single) + ".",
        "",
        "## Reserved kinds",
        "",
        ", ".join(f"`{k}`: {reason}" for k, reason in RESERVED_KINDS.items() if k not in used) or "None: every kind is used by a rule.",
        "",
    ]
    return "\n".join(lines)
