"""`golocheck explain CODE`: a rule's documentation, generated from its rule file."""

from __future__ import annotations

import json

from golocheck.catalogue import Rule

def _example_text(example) -> str:
    if "raw" in example:
        body = f"file{example['suffix']}: {example['raw']}"
    else:
        body = json.dumps(example["report"], ensure_ascii=False, default=str)
    extra = "".join(f"\n      ({k}: {example[k]})" for k in ("quote", "note") if k in example)
    return f"    - {body}{extra}"


def explain_rule(rule: Rule, lang: str) -> str:
    from golocheck.codetable import logic

    from golocheck.i18n import word

    what, basis, severity, formats, groups, passing, failing, every, message, logic_head = word(lang, "explain_head").split("|")
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
        *([word(lang, "explain_always")] if rule.always_reported else []),
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
