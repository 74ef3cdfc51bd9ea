"""`golocheck explain CODE`: a rule's documentation, generated from its rule file."""

from __future__ import annotations

import json

from golocheck.catalogue import Rule

_HEAD = {
    "zh": ("检查内容与原因", "依据", "严重程度", "适用格式", "分组", "通过的示例", "不通过的示例", "全部格式", "消息", "逻辑所在"),
    "en": ("What it checks and why", "Basis", "Severity", "Formats", "Groups", "Passing examples", "Failing examples", "all formats", "Message", "Logic"),
}
_ALWAYS = {
    "zh": "一律报告：文件无法读取或检查时绝不算通过，因此 --select、--ignore、严重程度配置、抑制和基线都不影响本规则。",
    "en": "Always reported: a file that could not be read or checked never passes, so --select, --ignore, configured severities, suppressions and baselines do not apply to this rule.",
}


def _example_text(example) -> str:
    if "raw" in example:
        body = f"file{example['suffix']}: {example['raw']}"
    else:
        body = json.dumps(example["report"], ensure_ascii=False, default=str)
    extra = "".join(f"\n      ({k}: {example[k]})" for k in ("quote", "note") if k in example)
    return f"    - {body}{extra}"


def explain_rule(rule: Rule, lang: str) -> str:
    from golocheck.codetable import logic

    what, basis, severity, formats, groups, passing, failing, every, message, logic_head = _HEAD["en" if lang == "en" else "zh"]
    lines = [
        f"{rule.code} {rule.name}: {rule.title.get(lang)}",
        "",
        f"{what}:",
        f"  {rule.description.get(lang)}",
        "",
        f"{basis}: {rule.basis.get(lang)}",
        *quoted_articles(rule),
        f"{logic_head}: {logic(rule).get(lang)}",
        f"{severity}: {rule.severity.value}",
        *([_ALWAYS["en" if lang == "en" else "zh"]] if rule.always_reported else []),
        f"{formats}: {', '.join(rule.formats) if rule.formats else every}",
        f"{groups}: {', '.join(rule.groups)}",
        f"{message}: {rule.message.get(lang)}",
        "",
        f"{passing}:",
        *(_example_text(e) for e in rule.examples["pass"]),
        f"{failing}:",
        *(_example_text(e) for e in rule.examples["fail"]),
    ]
    return "\n".join(lines)


def cited_articles(basis: str) -> list[str]:
    """The articles of the Regulations a basis cites, as keys of data/regulations.yaml:
    "条例(2019) 第三十二、三十三、三十四条" -> three keys."""
    import re

    keys = []
    for match in re.finditer(r"条例\((2008|2019)\)\s*([^；;]*?)(?=条例\(|[；;]|$)", basis):
        regime, segment = match.groups()
        for number in re.findall(r"(?:第|、)([一二三四五六七八九十]+)(?=[、条])", segment):
            key = f"条例({regime}) 第{number}条"
            if key not in keys:
                keys.append(key)
    return keys


def quoted_articles(rule: Rule) -> list[str]:
    from golocheck.paths import PACKAGE_DIR
    from golocheck.yamlio import load_yaml_file

    articles = load_yaml_file(PACKAGE_DIR / "data" / "regulations.yaml")
    return [f"  {key}：{articles[key]}" for key in cited_articles(rule.basis.zh) if key in articles]
