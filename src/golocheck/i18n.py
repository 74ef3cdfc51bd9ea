"""The command line's own words in both languages (rule messages live in rules/)."""

from __future__ import annotations

WORDS = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "related": "相关", "basis": "依据", "help": "说明", "no_position": "（无位置）",
        "summary": "检查了 {files} 个文件：{error} 个错误，{warning} 个警告，{info} 个提示",
        "clean": "全部通过",
        "cannot_read": "无法读取 {path}：{reason}",
        "no_files": "没有找到要检查的报告文件（.json、.yaml、.yml）：{path}",
        "internal": "golocheck 内部错误（X001），请反馈",
        "baseline": "另有 {count} 个结果已记录在基线中，未显示",
        "batch_title": "共 {files} 个文件，{failing} 个有问题",
        "batch_headers": "代码|名称|严重程度|数量",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "related": "related", "basis": "basis", "help": "help", "no_position": "(no position)",
        "summary": "{files} file(s) checked: {error} error(s), {warning} warning(s), {info} info",
        "clean": "all checks passed",
        "cannot_read": "cannot read {path}: {reason}",
        "no_files": "no report files (.json, .yaml, .yml) found in {path}",
        "internal": "internal error in golocheck (X001); please report it",
        "baseline": "{count} more finding(s) are in the baseline and not shown",
        "batch_title": "{files} files, {failing} with findings",
        "batch_headers": "code|name|severity|count",
    },
}


def word(lang: str, key: str, **args) -> str:
    return WORDS["en" if lang == "en" else "zh"][key].format(**args)
