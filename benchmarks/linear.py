"""Checking time grows with the report, not faster: a report with a 6 MB narrative within
9× the time of a 1 MB one, and one with 10,000 short sections within ~12× the time of one
with 1,000.

    python benchmarks/linear.py            # the full sizes: 1 MB / 6 MB, 1,000 / 10,000 sections
    python benchmarks/linear.py --scale 0.1  # a quick look (same ratios, smaller inputs)

The reports are built in memory from sample_reports/golog-2018.json (its tables kept, so
they stay valid): one section whose text is the sample's own sentences repeated, with
figures that contradict the tables and each other in every few sentences — so that the
narrative rules find thousands of things, the worst case for mapping each finding to its
line:column — written as JSON (one long string with \\n escapes) and as YAML (a ``|`` block
scalar); and reports with many short sections. Each is checked with golocheck.api.check_bytes
(the loader, every rule, and line:column resolved for every diagnostic, as the full output
needs them), the small and the large one side by side, each the minimum of ``-n`` runs in
CPU time (on a busy machine wall time mostly measures the other processes). Exit status 1
when a ratio is beyond its target.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_reports" / "golog-2018.json"
MB = 1_000_000

# Sentences of the sample's own text (sections 0 and 1), a few with their figures changed
# so that they contradict the tables or themselves; {n} is a running number, which makes
# every finding's message distinct (identical ones would be merged).
_SENTENCES = [
    "2018年，果洛州通过州县政府门户网站、电视台以及《果洛报》、政务新媒体、宣传栏、电子显示屏、各种会议等途径主动公开各类政府信息 {n}条，规范性文件 51份。",
    "全州共有政务新媒 61个，发布各类信息 4211条；",
    "《果洛报》、《果洛藏文报》、果洛广播电视台、各县电视台等州内主要媒体共播发政府新闻信息超过 {n} 余条。",  # N001, N007
    "五是制作宣传彩页、图书、宣传册等各类宣传资源 8200余册（本）。",
    "截止目前，清理涉嫌长期未经营的企业 {n}户，其中 {n} 户企业已自行补报年报公示，4户企业进行了吊销处理，有效地释放了名称资源。",  # N002
    "共发布政策及解读信息 477余条，其中果洛政策及解读 122条。",
    "实时发布政务动态信息 1400 余条、公告公示各类信息 43条、行政权力清单信息 56条、财政预决算信息 127条，主动公开突发事件、公共安全、重大疫情、环境保护和改革领域等信息 266条。",
    "年内共整合栏目 7个，新建和细化栏目 11个。",
    "州政府门户网站链接了州级机关网站、各县政府网站和上级主要政务网站，方便群众查阅,详见javascript:void(0)。",  # N008, N014
    "“上海科技”网站全年累计发布信息 {n} 条，其中动态类信息发布 1744 条，政务信息发布 393 条。",  # N002
    "全年共受理政府信息公开申请 {n} 件，其中当面申请 20 件（5%），网络申请 30 件。",  # N004
]


def _sentence(i: int) -> str:
    template = _SENTENCES[i % len(_SENTENCES)]
    return template.replace("{n}", str(10 + i))


def long_text(size: int) -> str:
    """About ``size`` bytes (UTF-8) of the sample's prose, a paragraph every 4 sentences."""
    parts, total, i = [], 0, 0
    while total < size:
        part = _sentence(i) + ("\n" if i % 4 == 3 else "")
        parts.append(part)
        total += len(part.encode("utf-8"))
        i += 1
    return "".join(parts).rstrip("\n")


def _base() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def one_long_section(size: int) -> dict:
    report = _base()
    report["sections"][0]["text"] = long_text(size)
    return report


def many_sections(count: int) -> dict:
    report = _base()
    extra = [{"heading": f"（{i + 1}）补充说明", "text": _sentence(i) + _sentence(i + 1)} for i in range(count - len(report["sections"]))]
    report["sections"][1:1] = extra  # before the later headings, which the section rules look for
    return report


def as_json(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def as_yaml(report: dict) -> bytes:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    return yaml.dump(report, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1 << 30).encode("utf-8")


def check(raw: bytes, name: str) -> int:
    """Check the bytes as the command line does; line:column of every diagnostic resolved."""
    from golocheck.api import check_bytes

    diagnostics = check_bytes(raw, name)
    assert all(d.location.span is not None for d in diagnostics if d.location.pointer), "a diagnostic without its place"
    return len(diagnostics)


def best_of(n: int, raw: bytes, name: str) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(n):
        start = time.process_time()
        found = check(raw, name)
        times.append(time.process_time() - start)
    return min(times), found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3, help="runs of each input; the minimum counts")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input size (the targets stay)")
    args = parser.parse_args()
    check(as_json(_base()), "warm-up.json")  # rule catalogue, phrase catalogue, compiled patterns
    small_mb, large_mb = max(1, round(MB * args.scale)), max(6, round(6 * MB * args.scale))
    few, many = max(100, round(1000 * args.scale)), max(1000, round(10_000 * args.scale))
    cases = [
        ("JSON, one section", "json", lambda: one_long_section(small_mb), lambda: one_long_section(large_mb), 9.0),
        ("YAML, one section", "yaml", lambda: one_long_section(small_mb), lambda: one_long_section(large_mb), 9.0),
        ("JSON, short sections", "json", lambda: many_sections(few), lambda: many_sections(many), 12.0),
        ("YAML, short sections", "yaml", lambda: many_sections(few), lambda: many_sections(many), 12.0),
    ]
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| input | small | large | ratio | target |\n|---|---|---|---|---|")
    failed = False
    for label, syntax, small, large, target in cases:
        write = as_json if syntax == "json" else as_yaml
        row = []
        for build in (small, large):
            raw = write(build())
            seconds, found = best_of(args.n, raw, f"report.{syntax}")
            row.append((len(raw), seconds, found))
        ratio = row[1][1] / row[0][1]
        failed |= ratio > target
        cells = [f"{size / MB:.2f} MB, {found} findings: {seconds:.2f} s CPU" for size, seconds, found in row]
        print(f"| {label} | {cells[0]} | {cells[1]} | {ratio:.2f}× | ≤ {target:g}× |", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if failed:
        print("a ratio is beyond its target", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
