"""Checking time grows in proportion to the report, and positions inside long texts stay
exact (benchmarks/linear.py measures the full sizes).

The linearity tests are not timed against a clock: each compares an input with one eight
times its size, measured side by side in the same test (the minimum of 3 runs of each, in
CPU time, which other processes on the machine do not lengthen), and allows 20× — a step
that walks the text from its start for every finding makes it about 64×. What a time
ratio cannot see — the cyclic garbage collector walking everything a check has built,
again and again, ≈ 1.3× beyond linear at 10,000 sections — is counted instead.
"""

from __future__ import annotations

import gc
import json
import re
import time

import pytest

from golocheck.api import check_bytes
from golocheck.loading.positions import marked_length
from golocheck.loading import load_text
from helpers import ROOT


def _marked(args) -> int:
    """The length of what a narrative finding marks in its quote (as the pipeline reads it)."""
    quote = args.get("quote")
    return marked_length(quote.zh if hasattr(quote, "zh") else quote)

SAMPLE = ROOT / "sample_reports" / "golog-2018.json"
GROWTH, ALLOWED = 8, 20.0

# Sentences of the sample with figures that contradict the tables (N001, N007) or add up to
# more than their whole (N002); {n} makes every message distinct (equal ones are merged).
_SENTENCES = [
    "各种会议等途径主动公开各类政府信息 {n}条，规范性文件 51份。",
    "州内主要媒体共播发政府新闻信息超过 {n} 余条。",
    "截止目前，清理涉嫌长期未经营的企业 {n}户，其中 {n} 户企业已自行补报年报公示，4户企业进行了吊销处理。",
    "方便群众查阅😀，网站“果洛政务”é。",
]


def _text(sentences: int) -> str:
    parts = []
    for i in range(sentences):
        parts.append(_SENTENCES[i % len(_SENTENCES)].replace("{n}", str(10 + i)))
        if i % 3 == 2:
            parts.append("\n")
    return "".join(parts).strip()


def _report(text: str | None = None, extra_sections: int = 0) -> dict:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if text is not None:
        report["sections"][0]["text"] = text
    report["sections"][1:1] = [{"heading": f"（{i + 1}）补充说明", "text": _SENTENCES[i % 3].replace("{n}", str(10 + i))}
                               for i in range(extra_sections)]
    return report


def _escaped_json(report: dict) -> bytes:
    """JSON with escapes in the long text: \\n, some Chinese as \\uXXXX and the emoji as a
    surrogate pair (\\ud83d\\ude00), é as \\u00e9 — each more than one source character."""
    raw = json.dumps(report, ensure_ascii=False, indent=2)
    raw = raw.replace("😀", "\\ud83d\\ude00").replace("é", "\\u00e9").replace("网站", "\\u7f51站").replace("，其中", "\\uff0c其中")
    assert json.loads(raw) == report
    return raw.encode("utf-8")


def _block_yaml(report: dict) -> bytes:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))
    raw = yaml.dump(report, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1 << 30)
    assert "  text: |" in raw
    return raw.encode("utf-8")


def _inside(diagnostics, pointer: str):
    """The findings placed inside the text at ``pointer`` (they carry an offset)."""
    return [d for d in diagnostics if d.pointer == pointer and isinstance(d.args.get("offset"), int)]


# -- positions are exact --------------------------------------------------------------------


def test_many_findings_in_one_long_json_string_with_escapes_point_at_their_figures():
    text = _text(240)
    raw = _escaped_json(_report(text))
    lines = raw.decode("utf-8").split("\n")
    found = _inside(check_bytes(raw, "r.json"), "/sections/0/text")
    assert len(found) >= 150
    figures = set()
    for d in found:
        span = d.location.span
        assert span.line == span.end_line
        source = lines[span.line - 1][span.column - 1:span.end_column - 1]
        offset, length = d.args["offset"], _marked(d.args)
        expected = text[offset:offset + length]
        assert json.loads(f'"{source}"') == expected, (d.code, offset, source)
        assert re.search(r"[0-9]", expected), (d.code, expected)
        figures.add((d.code, expected))
    # the N002 wholes, N001 figures: every sentence's own, so each at its own place
    assert {f"{10 + i}户" for i in range(2, 240, 4)} <= {e for c, e in figures if c == "N002"}
    assert len({(d.location.span.column, d.code) for d in found}) == len(found)


def test_many_findings_in_one_long_yaml_block_scalar_point_at_their_figures():
    text = _text(240)
    raw = _block_yaml(_report(text))
    lines = raw.decode("utf-8").split("\n")
    found = _inside(check_bytes(raw, "r.yaml"), "/sections/0/text")
    assert len(found) >= 150
    for d in found:
        span = d.location.span
        offset, length = d.args["offset"], _marked(d.args)
        expected = text[offset:offset + length]
        assert span.line == span.end_line, (d.code, expected)
        assert lines[span.line - 1][span.column - 1:span.end_column - 1] == expected, (d.code, offset)
    marked = {text[d.args["offset"]:d.args["offset"] + _marked(d.args)] for d in found if d.code == "N002"}
    assert {f"{10 + i}户" for i in range(2, 240, 4)} <= marked


def test_a_surrogate_pair_is_one_character():
    from golocheck.loading.positions import JsonStringMap

    source = '"a\\ud83d\\ude00b\\u00e9c"'  # decoded: a 😀 b é c
    strings = JsonStringMap(source, 0)
    assert [source[strings.source(i):strings.source(i + 1)] for i in range(5)] == ["a", "\\ud83d\\ude00", "b", "\\u00e9", "c"]


# -- time grows in proportion ------------------------------------------------------------------


def _seconds(function) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def _ratio(small, large) -> float:
    small(), large()  # warm-up: catalogues, compiled patterns
    return _seconds(large) / _seconds(small)


@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_positions_inside_a_long_text_take_time_in_proportion(syntax):
    """Only the mapping of offsets to line:column: one finding every 40 characters, each
    placed with the span of the whole text it is in (as a finding's pointer is)."""

    def positions(sentences: int):
        text = _text(sentences)
        write = _escaped_json if syntax == "json" else _block_yaml
        raw = write(_report(text))
        offsets = range(0, len(text) - 4, 40)

        def run():
            source_map = load_text(f"r.{syntax}", raw).source_map
            for offset in offsets:
                assert source_map.span_inside("/sections/0/text", offset, 3) is not None
                assert source_map.span("/sections/0/text") is not None
        return run

    assert _ratio(positions(400), positions(400 * GROWTH)) <= ALLOWED


@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_a_long_narrative_takes_time_in_proportion(syntax):
    """The whole check, every finding placed: reading the text and mapping positions."""
    write = _escaped_json if syntax == "json" else _block_yaml
    small, large = write(_report(_text(100))), write(_report(_text(100 * GROWTH)))
    assert len(_inside(check_bytes(large, f"r.{syntax}"), "/sections/0/text")) >= 5 * len(_inside(check_bytes(small, f"r.{syntax}"), "/sections/0/text"))
    assert _ratio(lambda: check_bytes(small, f"r.{syntax}"), lambda: check_bytes(large, f"r.{syntax}")) <= ALLOWED


def test_many_short_sections_take_time_in_proportion():
    small, large = _escaped_json(_report(extra_sections=60)), _escaped_json(_report(extra_sections=60 * GROWTH))
    assert _ratio(lambda: check_bytes(small, "r.json"), lambda: check_bytes(large, "r.json")) <= ALLOWED


@pytest.mark.parametrize("report", ["sections", "text"])
def test_the_garbage_collector_does_not_walk_a_report_while_it_is_read_and_checked(report):
    """Reading and checking build objects that live until the check ends and leave no
    cycles, so each automatic collection would only walk them again (loading/collector.py):
    it runs at most between reading and checking and once when switched back on, where it
    ran 9 and 13 times on these reports before (and ~1,650 times, 2 s, at 10,000 sections)."""
    raw = _block_yaml(_report(extra_sections=160) if report == "sections" else _report(_text(300)))
    check_bytes(raw, "r.yaml")  # warm-up: catalogues, compiled patterns
    started: list[int] = []

    def count(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        found = check_bytes(raw, "r.yaml")
    finally:
        gc.callbacks.remove(count)
    assert len(found) >= 50 and gc.isenabled()
    assert len(started) <= 4, started


def test_percentages_of_a_long_text_take_time_in_proportion():
    """N004 looks up, for every percentage, the whole its count belongs to: an index, not a
    pass over every decomposition of the text (which made 4,000 sentences take minutes)."""
    from golocheck.diagnostics import Text
    from golocheck.narrative.document import Block, Document
    from golocheck.narrative.parts import percentages

    def text(sentences: int) -> str:
        return "".join(f"共受理申请 {100 + i} 件，其中当面申请 {50 + i} 件（{i % 90}%），网络申请 6 件。另有咨询 {i + 7} 件（3%）。"
                       for i in range(sentences))

    def run(sentences: int):
        block = Block("/sections/0/text", text(sentences), Text("一、概述", "一、概述"))
        return lambda: percentages(Document([block], None))

    found = run(50)()
    assert [(c.value, p.value, w[0][0].value) for _, c, p, w in found[:2]] == [(50, 0, 100), (7, 3, 100)]
    assert _ratio(run(150), run(150 * GROWTH)) <= ALLOWED
