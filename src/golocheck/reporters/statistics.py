"""``--statistics``: the number of findings per rule (as ruff prints it), and the
per-rule counts the batch summary shows."""

from __future__ import annotations

from collections import Counter


def counts_by_rule(results) -> list[tuple[str, str, str, int]]:
    counter: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for result in results:
        for d in result.diagnostics:
            counter[d.code] += 1
            names[d.code] = (d.name, d.severity.value)
    return [(code, *names[code], count) for code, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]


def statistics_table(results, lang: str) -> str:
    rows = counts_by_rule(results)
    lines = [f"{count:>6}  {code}  {severity:<8} {name}" for code, name, severity, count in rows]
    failing = sum(1 for r in results if r.diagnostics)
    summary = f"检查了 {len(results)} 个文件，{failing} 个文件有问题" if lang != "en" else f"{len(results)} file(s) checked, {failing} with findings"
    return "\n".join([*lines, summary]) + "\n"
