"""What one report costs outside the rules: reading it, the schema, its positions and its
JSON record. Counted, not timed (benchmarks/batch.py measures the time); each test also
checks that the result is the one the slower route gives."""

from __future__ import annotations

import json

from golocheck.loading import TooLarge, depth, jsonfile, load_text
from helpers import ROOT

HONGZE = (ROOT / "sample_reports" / "hongze-2024.json").read_bytes()
GOLOG = (ROOT / "sample_reports" / "golog-2018.json").read_bytes()  # no quote escaped in its texts


def _wide_report() -> bytes:
    """A report with more brackets than the depth limit (so the pre-scan looks at it) and no quote after a backslash, with
    brackets and escaped text inside its strings."""
    data = json.loads(GOLOG)
    data["extra"] = [{"note": "见〔2024〕[1]号 {附件}\n\\ 完", "rows": [[1, 2], {"a": []}]} for _ in range(40)]
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def test_the_depth_prescan_of_a_json_text_loops_over_its_structure_not_its_tokens(monkeypatch):
    raw = _wide_report()
    expected = load_text("r.json", raw)

    def no_token_scan():
        raise AssertionError("the text was scanned token by token")

    monkeypatch.setattr(depth, "_json_token", no_token_scan)
    loaded = load_text("r.json", raw)
    assert loaded.problems == expected.problems == [] and loaded.data == expected.data
    assert depth.json_too_deep(raw.decode(), 64) is None


def test_the_depth_prescan_still_places_a_text_that_nests_too_deep():
    for text in ('{"a": "[[[",\n "b": ' + "[" * 70 + "]" * 70 + "}",
                 '{"a": "\\"[[[",\n "b": ' + "[" * 70 + "]" * 70 + "}"):  # a quote after a backslash
        line_start = text.index("\n") + 1
        assert depth.json_too_deep(text, 64) == (2, text.index("[" * 70) + 63 - line_start + 1)


def test_small_integers_are_made_by_the_json_scanner_not_one_call_each(monkeypatch):
    calls = []
    real = jsonfile.read_integer
    monkeypatch.setattr(jsonfile, "read_integer", lambda text: calls.append(text) or real(text))
    data, _, problems = jsonfile.parse_json(HONGZE.decode())
    assert calls == [] and problems == []
    assert data == json.loads(HONGZE)
    # a run of 16 digits anywhere: every integer is read by read_integer (V007 beyond 2^53)
    data, _, problems = jsonfile.parse_json('{"a": 9007199254740993, "b": 12, "c": "1234567890123456"}')
    assert isinstance(data["a"], TooLarge) and data["b"] == 12 and len(calls) == 2
    assert [(p.code, p.pointer) for p in problems] == [("V007", "/a")]


def test_keys_given_twice_are_found_by_the_pairs_hook():
    data, source_map, problems = jsonfile.parse_json('{"a": {"k": 1, "j": 2, "k": 3, "k": 4}, "b": [{"x": 1}]}')
    assert data == {"a": {"k": 4, "j": 2}, "b": [{"x": 1}]} and list(data["a"]) == ["k", "j"]
    assert [(p.code, p.pointer) for p in problems] == [("F005", "/a/k"), ("F005", "/a/k")]
    assert not source_map.unique_keys


def _python_calls(function) -> int:
    import sys

    calls = []  # Python calls of golocheck's own code (not of pytest's hooks, nor the test's)
    sys.setprofile(lambda frame, event, arg: calls.append(1) if event == "call" and "/golocheck/" in frame.f_code.co_filename else None)
    try:
        function()
    finally:
        sys.setprofile(None)
    return len(calls)


def _values(value) -> int:
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return 1 + sum(_values(child) for child in children)


def test_a_valid_report_costs_the_schema_about_one_call_per_value():
    """Each cell is tested by its own compiled test, without a wrapper per subschema nor a
    call per keyword (before: six calls a cell)."""
    from golocheck import minischema
    from golocheck.schema import report_schema

    schema = report_schema()
    report = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    assert list(minischema.iter_errors(report, schema)) == []  # compiled on first use
    assert _python_calls(lambda: list(minischema.iter_errors(report, schema))) < 1.5 * _values(report)


def test_the_yes_no_test_says_yes_exactly_when_there_is_no_error():
    import copy
    import random

    from golocheck import minischema
    from golocheck.schema import report_schema
    from test_minischema import DOCUMENTS, _mutate

    schema = report_schema()
    generator = random.Random(7)
    bases = [data for name, data in DOCUMENTS if not name[0].isupper()]
    answers = set()
    for _ in range(120):
        data = copy.deepcopy(generator.choice(bases))
        for _ in range(generator.randrange(0, 3)):
            _mutate(data, generator)
        valid = minischema._checker(schema)(data)
        assert valid == (not list(minischema.iter_errors(data, schema)))
        answers.add(valid)
    assert answers == {True, False}


def test_a_json_record_is_written_with_a_call_per_container_not_per_value(monkeypatch):
    from golocheck.api import check_bytes
    from golocheck.reporters import json_output

    diagnostics = check_bytes(HONGZE, "hongze-2024.json")
    records = [json_output.diagnostic_record(d) for d in diagnostics]
    expected = [json.dumps(r, ensure_ascii=False, indent=2).replace("\n", "\n    ") for r in records]
    calls = []
    real = json_output._write
    monkeypatch.setattr(json_output, "_write", lambda value, newline, parts: calls.append(1) or real(value, newline, parts))
    assert [json_output._indented(r, "\n    ") for r in records] == expected
    # a call for each container but a message in two languages; not for each text, figure and blank
    assert len(calls) == sum(_containers(r) for r in records) < sum(_values(r) for r in records) / 4


def _containers(value) -> int:
    if isinstance(value, dict) and list(value) == ["zh", "en"]:
        return 0
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    return 0 if children is None else (1 if children else 0) + sum(_containers(child) for child in children)


def _line_col_by_counting(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_a_few_positions_are_counted_without_finding_every_line_start():
    import random

    from golocheck.loading.positions import LineIndex

    text = HONGZE.decode()
    generator = random.Random(3)
    offsets = [generator.randrange(len(text) + 1) for _ in range(12)] + [0, len(text), 5, 5]
    index = LineIndex(text)
    assert [index.line_col(o) for o in offsets] == [_line_col_by_counting(text, o) for o in offsets]
    assert index._starts is None  # no list of every line's start for a dozen findings
    # many positions: the counting stops after reading the text twice, and the line starts
    # are found once (linear, however many findings)
    many = [generator.randrange(len(text) + 1) for _ in range(2000)]
    assert [index.line_col(o) for o in many] == [_line_col_by_counting(text, o) for o in many]
    assert index._starts is not None
    assert LineIndex(text).offset(*_line_col_by_counting(text, 777)) == 777


class _CountedPattern:
    def __init__(self, pattern, calls: list) -> None:
        self._pattern, self._calls = pattern, calls

    def match(self, *args):
        self._calls.append(self._pattern.pattern)
        return self._pattern.match(*args)

    def __getattr__(self, name):
        return getattr(self._pattern, name)


def test_stepping_over_a_member_on_the_way_to_a_position_costs_two_pattern_matches(monkeypatch):
    members = {f"k{i}": i if i % 3 else f"文本{i}" for i in range(60)}
    text = json.dumps({"before": 1, "row": {**members, "wanted": 7}}, ensure_ascii=False, indent=2)
    expected = jsonfile.JsonSourceMap(text)
    expected._spans, expected._keys = {}, {}
    expected._scan()
    calls: list = []
    for name in ("_WS", "_STRING", "_SCALAR"):
        monkeypatch.setattr(jsonfile, name, _CountedPattern(getattr(jsonfile, name), calls))
    if hasattr(jsonfile, "_member_patterns"):
        counted = tuple(_CountedPattern(pattern, calls) for pattern in jsonfile._member_patterns())
        monkeypatch.setattr(jsonfile, "_member_patterns", lambda: counted)
    _, source_map, _ = jsonfile.parse_json(text)
    assert source_map.span("/row/wanted") == expected.span("/row/wanted")
    assert source_map.key_span("/row/wanted") == expected.key_span("/row/wanted")
    assert len(calls) <= 2 * len(members) + 10  # a member's key; its text or figure and the comma after it


def test_the_depth_of_parsed_data_is_measured_without_a_generator_step_per_value():
    from golocheck import loading

    data = json.loads(GOLOG)
    nested: list = [1]
    for _ in range(loading.MAX_DEPTH - 2):
        nested = [nested]  # 63 lists, the 1 at depth 64
    assert not loading._too_deep(data) and not loading._too_deep(nested)
    assert loading._too_deep([nested]) and loading._too_deep({"a": [nested]})
    assert _python_calls(lambda: loading._too_deep(data)) == 1  # no Python step per value


def test_message_templates_and_the_always_reported_rules_are_worked_out_once_per_process(monkeypatch):
    from golocheck import engine
    from golocheck.api import check_bytes

    first = check_bytes(HONGZE, "first.json")
    parsed, listed = [], []
    real_parse, real_listed = engine.parse_template, engine.always_reported
    monkeypatch.setattr(engine, "parse_template", lambda template: parsed.append(template) or real_parse(template))
    monkeypatch.setattr(engine, "always_reported", lambda rules: listed.append(1) or real_listed(rules))
    second = check_bytes(HONGZE, "first.json")
    assert [d.message for d in second] == [d.message for d in first] and len(first) > 3
    assert parsed == [] and listed == []
    assert engine.render_message("{a} 与 {b}（{c}）", {"a": 1, "b_zh": "乙", "b_en": "B"}, "zh") == "1 与 乙（{c}）"


def test_the_json_output_writes_a_files_records_at_once(monkeypatch):
    import io
    import tempfile

    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, json_output
    from golocheck.run import run_jobs, Job

    results = list(run_jobs([Job(ROOT / "sample_reports" / name, name) for name in ("golog-2018.json", "hongze-2024.json")]))
    assert all(len(r.diagnostics) > 1 for r in results)
    writes = []

    class Counted(tempfile.SpooledTemporaryFile):
        def write(self, text):
            writes.append(text)
            return super().write(text)

    out = io.StringIO()
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", Counted)
    json_output.render(results, load_catalogue(), ReportOptions(ruleset_version="v1"), out)
    assert len(writes) == len(results)
    document = json.loads(out.getvalue())
    assert [d["pointer"] for d in document["diagnostics"]] == [d.location.pointer for r in results for d in r.diagnostics]
