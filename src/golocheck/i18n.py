"""golocheck's own words in both languages — one table for every module (rule messages
live in rules/, cell labels in the format definitions). ``word(lang, key, **args)``
formats one; any language but "en" is Chinese."""

from __future__ import annotations

WORDS = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "colon": "：",
        "related": "相关", "basis": "依据", "help": "说明", "no_position": "（无位置）",
        "summary": "检查了 {files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
        "clean": "全部通过",
        "cannot_read": "无法读取 {path}：{reason}",
        "no_files": "没有找到要检查的报告文件（.json、.yaml、.yml）：{path}",
        "internal": "golocheck 内部错误（X001），请反馈",
        "baseline": "另有 {count} 个结果已记录在基线中，未显示",
        "batch_title": "共 {files} 个文件，{failing} 个有问题",
        "batch_headers": "代码|名称|严重程度|数量",
        "statistics_summary": "检查了 {files} 个文件，{failing} 个文件有问题",
        # github
        "github_dropped_summary": "{n} 条发现未显示为注解（GitHub 每步每类最多显示 {limit} 条），全部发现见作业摘要。",
        "github_dropped_log": "{n} 条发现未显示为注解（GitHub 每步每类最多显示 {limit} 条），全部发现见本步骤日志。",
        "github_columns": "位置|规则|严重程度|消息",
        # junit
        "junit_more": "（另有 {n} 条）",
        "junit_skipped": "报告无法读取，此规则未运行",
        # golocheck workdays
        "workdays_nth": "{start} 之后第 {n} 个工作日：{end}",
        "workdays_until": "{start} 之后至 {end}（含）共 {count} 个工作日",
        "workdays_uncertain": "注意：结果取决于 {days}，下一年度放假通知发布后可能改变",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "colon": ": ",
        "related": "related", "basis": "basis", "help": "help", "no_position": "(no position)",
        "summary": "{files} file(s) checked: {error} error(s), {warning} warning(s), {info} info",
        "clean": "all checks passed",
        "cannot_read": "cannot read {path}: {reason}",
        "no_files": "no report files (.json, .yaml, .yml) found in {path}",
        "internal": "internal error in golocheck (X001); please report it",
        "baseline": "{count} more finding(s) are in the baseline and not shown",
        "batch_title": "{files} files, {failing} with findings",
        "batch_headers": "code|name|severity|count",
        "statistics_summary": "{files} file(s) checked, {failing} with findings",
        "github_dropped_summary": "{n} finding(s) not shown as annotations (GitHub shows at most {limit} per type per step); all findings are in the job summary.",
        "github_dropped_log": "{n} finding(s) not shown as annotations (GitHub shows at most {limit} per type per step); all findings are in this step's log.",
        "github_columns": "Location|Rule|Severity|Message",
        "junit_more": " (and {n} more)",
        "junit_skipped": "the report could not be read; rule not run",
        "workdays_nth": "working day {n} after {start}: {end}",
        "workdays_until": "{count} working day(s) after {start} up to and including {end}",
        "workdays_uncertain": "note: the result depends on {days}, which next year's holiday notice may still change",
    },
}


def language(lang: str | None) -> str:
    """The table's language for ``lang``: "en" or "zh" (the default)."""
    return "en" if lang == "en" else "zh"


def word(lang: str, key: str, **args) -> str:
    text = WORDS[language(lang)][key]
    return text.format(**args) if args else text


def colon(lang: str) -> str:
    return WORDS[language(lang)]["colon"]
