"""``--statistics``: the number of findings per rule (as ruff prints it), and the
per-rule counts the batch summary shows. Counted as the results go by (once)."""

from __future__ import annotations

from collections import Counter

from golocheck.i18n import word


class RuleCounts:
    """Files, files with findings, findings by severity and by rule."""

    def __init__(self) -> None:
        self.files = 0
        self.unchecked = 0  # of the files: read, but not checked (reporters.was_checked)
        self.failing = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self._by_rule: Counter = Counter()
        self._names: dict[str, tuple[str, str]] = {}

    def add(self, result) -> None:
        from golocheck.reporters import was_checked

        self.files += 1
        self.unchecked += not was_checked(result)
        self.failing += bool(result.diagnostics)
        for d in result.diagnostics:
            self.by_severity[d.severity.value] += 1
            self._by_rule[d.code] += 1
            self._names[d.code] = (d.name, d.severity.value)

    def summary(self, lang: str) -> str:
        """检查了 N 个文件：… — N the files checked; those that were not are said apart."""
        text = word(lang, "summary", files=self.files - self.unchecked, **self.by_severity)
        return text + (word(lang, "summary_unchecked", n=self.unchecked) if self.unchecked else "")

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
    summary = word(lang, "statistics_summary", files=tally.files - tally.unchecked, failing=tally.failing)
    summary += word(lang, "summary_unchecked", n=tally.unchecked) if tally.unchecked else ""
    return "\n".join([*lines, summary]) + "\n"
