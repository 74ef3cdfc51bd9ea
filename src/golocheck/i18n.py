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
        # golocheck explain
        "explain_head": "检查内容与原因|依据|严重程度|适用格式|分组|通过的示例|不通过的示例|全部格式|消息|逻辑所在",
        "explain_always": "一律报告：文件无法读取或检查时绝不算通过，因此 --select、--ignore、严重程度配置、抑制和基线都不影响本规则。",
        # golocheck workdays --list
        "span_head": "{start} 至 {end}：共 {count} 个工作日（起算日 {start} 不计入）",
        "day_workday": "工作日", "day_adjusted": "调休上班", "day_weekend": "周末", "day_holiday": "节假日",
        "span_numbered": "{text} 第 {numbers} 个",
        "span_named": "{text}（{name}）",
        "span_uncertain": "注意：{span} 的安排可能因 {year} 年节假日通知而改变",
        # why a path could not be read (the OS's reason)
        # golocheck import
        "import_both_outputs": "只能给出 -o OUT 或 --output-dir DIR 之一",
        "import_needs_dir": "导入多个文件需要 --output-dir DIR（每个文件一个报告文件）",
        "import_not_dir": "--output-dir：{path} 不是目录",
        "import_missing": "无法读取 {path}：文件不存在",
        "import_is_dir": "无法导入 {path}：是目录",
        "import_not_document": "无法导入 {path}：不是 golocheck 能导入的文档（{suffixes}）",
        "import_same_output": "两个输入会写入同一个文件 {path}",
        "import_is_input": "{path} 是输入文件；golocheck 从不写入输入文件",
        "import_output_is_dir": "无法写入 {path}：是目录",
        "import_exists": "{path} 已存在；要替换请加 --force",
        "import_no_parent": "无法写入 {path}：目录 {parent} 不存在",
        "import_wrote": "已写入 {path}",
        "import_unknown_format": "--format：未知的格式 {format}（已知：{known}）",
        "import_bad_date": "--published-on：不是日期（YYYY-MM-DD）：{value}",
        "worker_died": "检查此文件的进程意外终止",
        "os_not_regular": "不是普通文件", "os_not_regular_kind": "不是普通文件：{kind}",
        "os_directory": "目录", "os_fifo": "命名管道（FIFO）", "os_socket": "套接字",
        "os_char_device": "字符设备", "os_block_device": "块设备",
        "os_ENOENT": "文件不存在（或符号链接指向不存在的文件）", "os_EACCES": "没有读取权限", "os_EPERM": "不允许读取",
        "os_EISDIR": "是目录", "os_ELOOP": "符号链接循环", "os_ENXIO": "无法打开（套接字或没有设备）", "os_EIO": "输入输出错误",
        # usage errors (one line each)
        "usage_no_option": "没有这个选项：{option}", "usage_did_you_mean": "（是否要用 {choices}？）",
        "usage_missing": "缺少参数 {hint}",
        "usage_invalid_choice": "{hint} 的值无效：只能是 {choices}",
        "usage_invalid_min": "{hint} 的值无效：不能小于 {low}",
        "usage_invalid": "{hint} 的值无效：{text}",
        "usage_needs_value": "选项 {option} 需要一个值", "usage_no_value": "选项 {option} 不接受值",
        "usage_extra": "多余的参数：{extra}",
        "usage_other": "用法错误：{text}",
        "list_separator": "、",
        # the html review page (--output-format html)
        "html_title": "golocheck 审查页", "html_summary": "汇总", "html_reports": "报告",
        "html_failing": "有问题的报告", "html_findings": "发现", "html_by_rule": "按规则",
        "html_by_severity": "按严重程度", "html_rule_headers": "代码|名称|严重程度|数量",
        "html_report_headers": "发布机关|年度|格式|错误|警告|提示|状态|文件",
        "html_filter": "筛选", "html_filter_hint": "按机关、文件或代码筛选",
        "html_all_statuses": "全部状态", "html_all_severities": "全部严重程度",
        "html_status_unreadable": "无法检查", "html_status_findings": "有问题", "html_status_clean": "通过",
        "html_shown": "显示 {shown} / {total} 个报告",
        "html_tables": "统计表", "html_sentences": "原文", "html_no_findings": "没有发现问题。",
        "html_rules": "规则说明", "html_item": "项目", "html_blank": "（空白）",
        "html_format_unknown": "格式未知：统计表无法按格式绘制。",
        "html_generated": "由 golocheck {version} 生成（规则集 {ruleset}）。报告中的文字均已转义显示。",
        "html_to_report_list": "返回报告列表",
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
        "explain_head": "What it checks and why|Basis|Severity|Formats|Groups|Passing examples|Failing examples|all formats|Message|Logic",
        "explain_always": "Always reported: a file that could not be read or checked never passes, so --select, --ignore, configured severities, suppressions and baselines do not apply to this rule.",
        "span_head": "{start} to {end}: {count} working days (start day {start} not counted)",
        "day_workday": "working day", "day_adjusted": "adjusted working day", "day_weekend": "weekend", "day_holiday": "holiday",
        "span_numbered": "{text}{plural} {numbers}",
        "span_named": "{text} ({name})",
        "span_uncertain": "note: {span} may still change with the {year} holiday notice",
        "import_both_outputs": "give -o OUT or --output-dir DIR, not both",
        "import_needs_dir": "several inputs need --output-dir DIR (one report file each)",
        "import_not_dir": "--output-dir: {path} is not a directory",
        "import_missing": "cannot read {path}: no such file or directory",
        "import_is_dir": "cannot import {path}: is a directory",
        "import_not_document": "cannot import {path}: not a document golocheck imports ({suffixes})",
        "import_same_output": "two inputs would be written to {path}",
        "import_is_input": "{path} is an input; golocheck never writes to an input file",
        "import_output_is_dir": "cannot write {path}: is a directory",
        "import_exists": "{path} exists; give --force to replace it",
        "import_no_parent": "cannot write {path}: no such directory {parent}",
        "import_wrote": "wrote {path}",
        "import_unknown_format": "--format: unknown format {format} (known: {known})",
        "import_bad_date": "--published-on: not a date (YYYY-MM-DD): {value}",
        "worker_died": "the process checking this file died",
        "os_not_regular": "not a regular file", "os_not_regular_kind": "not a regular file: {kind}",
        "os_directory": "a directory", "os_fifo": "a FIFO (named pipe)", "os_socket": "a socket",
        "os_char_device": "a character device", "os_block_device": "a block device",
        # the OS's reasons: in English, the OS's own words (exc.strerror) are used
        "os_ENOENT": "", "os_EACCES": "", "os_EPERM": "", "os_EISDIR": "", "os_ELOOP": "", "os_ENXIO": "", "os_EIO": "",
        "usage_no_option": "no such option: {option}", "usage_did_you_mean": " (did you mean {choices}?)",
        "usage_missing": "missing {what} {hint}",
        "usage_invalid_choice": "invalid value for {hint}: {text}",
        "usage_invalid_min": "invalid value for {hint}: {text}",
        "usage_invalid": "invalid value for {hint}: {text}",
        "usage_needs_value": "option {option} requires a value", "usage_no_value": "option {option} does not take a value",
        "usage_extra": "{text}",
        "usage_other": "{text}",
        "list_separator": ", ",
        # the html review page (--output-format html)
        "html_title": "golocheck review", "html_summary": "Summary", "html_reports": "Reports",
        "html_failing": "Reports with findings", "html_findings": "Findings", "html_by_rule": "By rule",
        "html_by_severity": "By severity", "html_rule_headers": "Code|Name|Severity|Count",
        "html_report_headers": "Issuer|Year|Format|Errors|Warnings|Info|Status|File",
        "html_filter": "Filter", "html_filter_hint": "issuer, file or code",
        "html_all_statuses": "All statuses", "html_all_severities": "All severities",
        "html_status_unreadable": "not checked", "html_status_findings": "findings", "html_status_clean": "clean",
        "html_shown": "{shown} of {total} reports shown",
        "html_tables": "Statistics tables", "html_sentences": "In the text", "html_no_findings": "No findings.",
        "html_rules": "Rules", "html_item": "Item", "html_blank": "(blank)",
        "html_format_unknown": "Unknown format: the statistics tables cannot be drawn.",
        "html_generated": "Generated by golocheck {version} (rule set {ruleset}). All text from the reports is shown escaped.",
        "html_to_report_list": "Back to the list of reports",
    },
}


def language(lang: str | None) -> str:
    """The table's language for ``lang``: "en" or "zh" (the default)."""
    return "en" if lang == "en" else "zh"


def word(lang: str, key: str, **args) -> str:
    text = WORDS[language(lang)][key]
    return text.format(**args) if args else text


def maybe_word(lang: str, key: str) -> str | None:
    """The word for ``key``, or None when the table has none in that language — or an
    empty one, meaning "use the source's own words" (the OS's English reasons)."""
    return WORDS[language(lang)].get(key) or None


def colon(lang: str) -> str:
    return WORDS[language(lang)]["colon"]
