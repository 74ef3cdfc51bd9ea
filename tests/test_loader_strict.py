"""The loader fails closed: numbers are what the file says (YAML 1.2, strictly), limits are
enforced before anything large or deep is built, and positions inside YAML texts are exact.
Every case names the finding's code and place."""

from __future__ import annotations

import io
import json
import re

import pytest

from golocheck.api import check_bytes
from golocheck.formats import get_format
from golocheck.loading import MAX_BYTES, load_text, read_limited
from golocheck.templates import render_skeleton, skeleton

CELL = "/tables/statistics/meetings"


def _yaml_report(cell_text: str = "0", section_text: str | None = None, year: str | None = None) -> bytes:
    text = render_skeleton(get_format("gov-2014"), 2018, "某县人民政府", "人民政府", False)
    text = re.sub(r"(?m)^(    \w+): null(  #)", r"\1: 0\2", text)  # the skeleton's blank cells, filled
    assert text.count("\n    meetings: 0") == 1
    text = text.replace("\n    meetings: 0", f"\n    meetings: {cell_text}")
    if section_text is not None:
        text = text.replace("text: （待填写）", section_text, 1)
    if year is not None:
        text = text.replace("report_year: 2018", f"report_year: {year}")
    return text.encode()


def _json_report(cell_json: str = "0", **metadata) -> bytes:
    report = skeleton(get_format("gov-2014"), 2018)
    report["metadata"].update(metadata)
    text = json.dumps(report, ensure_ascii=False)
    assert text.count('"meetings": 0') == 1
    return text.replace('"meetings": 0', f'"meetings": {cell_json}').encode()


def _at(diagnostics, code: str, pointer: str):
    found = [d for d in diagnostics if d.code == code and d.pointer == pointer]
    assert found, [(d.code, d.pointer) for d in diagnostics]
    return found[0]


def _no_internal_error(diagnostics) -> None:
    assert not [d for d in diagnostics if d.code == "X001"], [d.message.en for d in diagnostics if d.code == "X001"]


# -- 2. numbers are what the file says ------------------------------------------------------


@pytest.mark.parametrize("written", ["010", "0126", "0o126", "0x56", "0b11", "1:26", "8_6", "+86"])
def test_yaml_numbers_in_other_notations_are_text_quoted_as_written(written):
    diagnostics = check_bytes(_yaml_report(written), "r.yaml")
    finding = _at(diagnostics, "V001", CELL)
    assert f"“{written}”" in finding.message.zh
    # the hint does not take the rest of the notation for a unit ("0" with unit "x56")
    assert "unit" not in finding.message.en and "单位" not in finding.message.zh
    assert "plain decimal" in finding.message.en


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "Yes"])
def test_yaml_1_1_booleans_are_text(written):
    finding = _at(check_bytes(_yaml_report(written), "r.yaml"), "V001", CELL)
    assert f"“{written}”" in finding.message.zh


@pytest.mark.parametrize("written, value", [("7", 7), ("-0", 0), ("true", True), ("null", None), ("~", None)])
def test_yaml_plain_decimals_booleans_and_null_still_read(written, value):
    loaded = load_text("r.yaml", _yaml_report(written))
    assert loaded.data["tables"]["statistics"]["meetings"] == value
    assert type(loaded.data["tables"]["statistics"]["meetings"]) is type(value)


def test_hint_for_a_string_in_another_notation_in_json():
    finding = _at(check_bytes(_json_report('"0x56"'), "r.json"), "V001", CELL)
    assert "unit" not in finding.message.en and "plain decimal" in finding.message.en


def test_hint_still_names_a_real_unit():
    finding = _at(check_bytes(_json_report('"9210条"'), "r.json"), "V001", CELL)
    assert "the unit “条”" in finding.message.en and "9210" in finding.message.en


@pytest.mark.parametrize("cell", ["9007199254740993", "-9007199254740993", "123456789012345678901234567890", "1" * 5000, "1e400", "9" * 5000 + ".5"])
@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_numbers_beyond_2_53_are_a_value_finding(cell, syntax):
    raw = _json_report(cell) if syntax == "json" else _yaml_report(cell)
    diagnostics = check_bytes(raw, f"r.{syntax}")
    _no_internal_error(diagnostics)
    finding = _at(diagnostics, "V007", CELL)
    assert finding.line is not None
    assert cell[:20] in finding.message.en


@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_2_53_itself_is_a_number(syntax):
    raw = _json_report(str(2**53)) if syntax == "json" else _yaml_report(str(2**53))
    assert not [d for d in check_bytes(raw, f"r.{syntax}") if d.code in ("V007", "V001")]


def test_huge_integer_elsewhere_in_json_is_located():
    raw = b'{"format": "gov-2014", "notes": ' + b"7" * 5000 + b"}"
    diagnostics = check_bytes(raw, "r.json")
    _no_internal_error(diagnostics)
    assert _at(diagnostics, "V007", "/notes").column == 33


@pytest.mark.parametrize("digits", [29, 30])  # longer digit strings are never read as figures
def test_long_figure_in_prose_is_compared_not_a_crash(digits):
    figure = "1" * digits
    raw = _yaml_report(section_text=f"text: 本年度主动公开政府信息{figure}条。")
    diagnostics = check_bytes(raw, "r.yaml")
    _no_internal_error(diagnostics)
    finding = _at(diagnostics, "N001", "/sections/0/text")
    assert f"{figure}条" in finding.message.en  # the exact figure, not rounded to 28 digits


@pytest.mark.parametrize("tagged", ["!!int abc", "!!bool maybe", "!!binary aGVsbG8=", "!!float 1", "!!timestamp 2001-12-14", "!!str 3", "!custom 3", "!!python/object/apply:os.system ['true']"])
def test_any_explicit_tag_is_refused_and_not_constructed(tagged):
    diagnostics = check_bytes(_yaml_report(tagged), "r.yaml")
    _no_internal_error(diagnostics)
    finding = _at(diagnostics, "F004", CELL)
    assert "tag" in finding.message.en
    # the cell is on the line after "statistics:", its value after "    meetings: "
    assert finding.column == len("    meetings: ") + 1


@pytest.mark.parametrize("year", ["100000000000000000000", "-2024", "0", "2101"])
@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_out_of_range_report_year_is_a_finding_and_no_rule_fails(year, syntax):
    if syntax == "json":
        raw = _json_report(published_on="2019-03-01").replace(b'"report_year": 2018', f'"report_year": {year}'.encode())
    else:
        raw = _yaml_report(year=year).replace(b'# published_on: "2019-01-31"', b'published_on: "2019-03-01"')
    diagnostics = check_bytes(raw, f"r.{syntax}")
    _no_internal_error(diagnostics)
    assert _at(diagnostics, "F007", "/metadata/report_year")
    # nothing computes a deadline or a period from such a year
    assert not [d for d in diagnostics if d.code in ("D001", "D003", "M001", "M002")]


def test_one_definition_of_a_report_year():
    from golocheck.checks.context import Context
    from golocheck.schema import REPORT_YEARS, is_report_year, report_schema

    assert report_schema()["properties"]["metadata"]["properties"]["report_year"]["minimum"] == REPORT_YEARS[0] == 2008
    assert [is_report_year(y) for y in (2007, 2008, 2100, 2101, True, 10**20)] == [False, True, True, False, False, False]
    assert Context({"metadata": {"report_year": -2024}}, None).report_year() is None


# -- 3. bounded -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, line, column", [
    ("a: &x 一段文字\nb: *x\n", 2, 4),
    ("a: &x [1]\nb: [2, *x]\n", 2, 8),
    ("a: &x {k: 1}\nb:\n  - *x\n", 3, 5),
])
def test_aliases_of_any_kind_are_refused_at_the_alias(text, line, column):
    loaded = load_text("r.yaml", text.encode())
    assert loaded.data is None
    [problem] = loaded.problems
    assert problem.code == "F004" and (problem.span.line, problem.span.column) == (line, column)


def test_an_anchor_without_alias_is_refused_at_the_anchor():
    [problem] = load_text("r.yaml", b"a: 1\nb: &x text\n").problems
    assert problem.code == "F004" and (problem.span.line, problem.span.column) == (2, 4)


def test_reading_stops_at_the_first_alias():
    """One anchored text reused 200 times: refused at the first alias, nothing expanded."""
    text = "text: &t " + "很长的一段文字" * 400 + "\ncopies:\n" + "  - *t\n" * 200
    loaded = load_text("r.yaml", text.encode())
    assert loaded.data is None
    assert [(p.code, p.span.line) for p in loaded.problems] == [("F004", 3)]


def _parser_must_not_run(monkeypatch):
    import json as json_module

    import yaml

    def refuse(*args, **kwargs):
        raise AssertionError("the parser saw a text the pre-scan should have refused")

    monkeypatch.setattr(yaml, "parse", refuse)
    monkeypatch.setattr(yaml, "compose", refuse)
    monkeypatch.setattr(json_module, "loads", refuse)


@pytest.mark.parametrize("raw, name", [
    (b"a: " + b"[" * 100_000, "r.yaml"),
    (b"a: " + b"{b: " * 70 + b"1" + b"}" * 70, "r.yaml"),
    (b"- " * 70 + b"1\n", "r.yaml"),
    ("".join(" " * i + f"k{i}:\n" for i in range(70)).encode() + b" " * 70 + b"1\n", "r.yaml"),
    (b"[" * 100_000, "r.json"),
    (b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}", "r.json"),
])
def test_depth_is_refused_before_the_parser_sees_the_text(raw, name, monkeypatch):
    _parser_must_not_run(monkeypatch)
    loaded = load_text(name, raw)
    assert [p.code for p in loaded.problems] == ["F009"] and loaded.data is None


@pytest.mark.parametrize("raw, name", [
    ('text: "' + "[" * 100 + '"\nmore: \'' + "{" * 100 + "'\nplain: 见附件" + "[" * 100 + "\n# " + "[" * 100 + "\n", "r.yaml"),
    ("text: |\n  " + "[" * 100 + "\n  " + "{" * 100 + "\nnext: 1\n", "r.yaml"),
    ('{"text": "' + "[" * 100 + '\\"' + "{" * 100 + '"}', "r.json"),
])
def test_brackets_in_texts_do_not_count_as_nesting(raw, name):
    loaded = load_text(name, raw.encode())
    assert loaded.problems == [] and loaded.data is not None


def test_read_limited_reads_one_byte_past_the_limit():
    stream = io.BytesIO(b"x" * (MAX_BYTES + 100))
    assert len(read_limited(stream)) == MAX_BYTES + 1
    assert stream.tell() == MAX_BYTES + 1


def test_standard_input_is_read_with_the_size_limit(monkeypatch, capsys):
    from golocheck import cli

    class Recorder(io.BytesIO):
        sizes: list = []

        def read(self, size=-1):
            Recorder.sizes.append(size)
            return super().read(size)

    class Stdin:
        buffer = Recorder(b'{"x": "' + b"a" * (MAX_BYTES + 10) + b'"}')

    monkeypatch.setattr(cli.sys, "stdin", Stdin())
    with pytest.raises(SystemExit) as exit_:
        cli.main(["-", "--stdin-filename", "r.json"])
    assert exit_.value.code == 1
    assert Recorder.sizes == [MAX_BYTES + 1]
    assert "F009" in capsys.readouterr().out


# -- 8. positions inside YAML texts ---------------------------------------------------------

# Each text ends with a line 主动公开政府信息 1260条 (the table says 0, so N001 points at
# 【1260条】), after escapes, doubled quotes, indentation or folded line breaks.
STYLES = {
    "plain": "text: 本年度工作\n      顺利。\n      主动公开政府信息 1260条。",
    "single": "text: '本年度''重点''工作\n      顺利。\n      主动公开政府信息 1260条。'",
    "double": 'text: "本年度\\t工作\\u987a利\\"完成\\"。\\\n      下一段\n\n      主动公开政府信息 1260条。"',
    "literal": "text: |\n      本年度工作顺利。\n        主动公开政府信息 1260条。",
    "folded": "text: >-\n      本年度工作\n      顺利。\n\n      主动公开政府信息 1260条。",
    "one-line-double": 'text: "主动公开\\u653f府信息 1260条。"',
}


@pytest.mark.parametrize("style", list(STYLES))
def test_narrative_finding_points_at_the_figure_inside_a_yaml_scalar(style):
    raw = _yaml_report(section_text=STYLES[style])
    finding = _at(check_bytes(raw, "r.yaml"), "N001", "/sections/0/text")
    assert "【1260条】" in finding.message.zh
    lines = raw.decode().split("\n")
    target = next(i for i, line in enumerate(lines) if "1260条" in line) + 1
    column = lines[target - 1].index("1260条") + 1
    span = finding.location.span
    assert (span.line, span.column, span.end_line, span.end_column) == (target, column, target, column + len("1260条"))
