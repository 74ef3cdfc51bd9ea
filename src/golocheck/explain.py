"""`golocheck explain CODE`: a rule's documentation, generated from its rule file."""

from __future__ import annotations

import json

from golocheck.catalogue import Rule

_HEAD = {
    "zh": ("检查内容与原因", "依据", "严重程度", "适用格式", "分组", "通过的示例", "不通过的示例", "全部格式", "消息"),
    "en": ("What it checks and why", "Basis", "Severity", "Formats", "Groups", "Passing examples", "Failing examples", "all formats", "Message"),
}


def _example_text(example) -> str:
    if "raw" in example:
        body = f"file{example['suffix']}: {example['raw']}"
    else:
        body = json.dumps(example["report"], ensure_ascii=False, default=str)
    extra = "".join(f"\n      ({k}: {example[k]})" for k in ("quote", "note") if k in example)
    return f"    - {body}{extra}"


def explain_rule(rule: Rule, lang: str) -> str:
    what, basis, severity, formats, groups, passing, failing, every, message = _HEAD["en" if lang == "en" else "zh"]
    lines = [
        f"{rule.code} {rule.name}: {rule.title.get(lang)}",
        "",
        f"{what}:",
        f"  {rule.description.get(lang)}",
        "",
        f"{basis}: {rule.basis.get(lang)}",
        f"{severity}: {rule.severity.value}",
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
