"""``--statistics``: the number of findings per rule (as ruff prints it), and the
per-rule counts the batch summary shows. Counted as the results go by (once)."""

from __future__ import annotations

from collections import Counter

from golocheck.i18n import word


class RuleCounts:
    """Files, files with findings, findings by severity and by rule."""

    def __init__(self) -> None:
        self.files = 0
        self.failing = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self._by_rule: Counter = Counter()
        self._names: dict[str, tuple[str, str]] = {}

    def add(self, result) -> None:
        self.files += 1
        self.failing += bool(result.diagnostics)
        for d in result.diagnostics:
            self.by_severity[d.severity.value] += 1
            self._by_rule[d.code] += 1
            self._names[d.code] = (d.name, d.severity.value)

    def rows(self) -> list[tuple[str, str, str, int]]:
        """(code, name, severity, count), most frequent first."""
        return [(code, *self._names[code], n) for code, n in sorted(self._by_rule.items(), key=lambda item: (-item[1], item[0]))]


def counts_by_rule(results) -> list[tuple[str, str, str, int]]:
    tally = RuleCounts()
    for result in results:
        tally.add(result)
    return tally.rows()


def statistics_table(results, lang: str) -> str:
    tally = RuleCounts()
    for result in results:
        tally.add(result)
    lines = [f"{n:>6}  {code}  {severity:<8} {name}" for code, name, severity, n in tally.rows()]
    summary = word(lang, "statistics_summary", files=tally.files, failing=tally.failing)
    return "\n".join([*lines, summary]) + "\n"
