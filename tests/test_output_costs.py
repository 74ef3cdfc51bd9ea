"""What a batch costs around the checks: reading each file, writing its JSON records, and
what the main process does with --jobs N. Counted, not timed (benchmarks/batch.py measures
the time); each test also checks that the result is the one of the slower route."""

from __future__ import annotations

import io
import json
import pickle
import sys

import pytest

from golocheck import run
from golocheck.loading import jsonfile
from golocheck.reporters import json_output
from helpers import ROOT

SAMPLES = [ROOT / "sample_reports" / name for name in ("golog-2018.json", "clean-gov-2021.json", "hongze-2024.json")]


@pytest.fixture(scope="module")
def diagnostics():
    from golocheck.api import check_bytes

    found = [d for path in SAMPLES for d in check_bytes(path.read_bytes(), str(path))]
    assert any(d.related for d in found) and any(d.args for d in found)
    return found


def _slow_record(d) -> str:
    """A record as the output wrote it before: the record's dict, then the indenting writer."""
    return json_output._INDENT + json_output._indented(json_output.diagnostic_record(d), "\n" + json_output._INDENT)


def test_a_json_record_is_written_from_the_diagnostic_without_building_its_dict(monkeypatch, diagnostics):
    expected = [_slow_record(d) for d in diagnostics]
    built = []
    real = json_output.diagnostic_record
    monkeypatch.setattr(json_output, "diagnostic_record", lambda d: built.append(d) or real(d))
    assert [json_output.record_text(d) for d in diagnostics] == expected
    assert built == []  # neither the record's dict nor a json.dumps of it
    # what the template does not expect takes the slow route, to the same bytes
    from golocheck.records import replace

    odd = replace(diagnostics[0], args={**diagnostics[0].args, "big": 2**60, "flag": True, "ratio": 0.5, 3: "n"})
    assert json_output.record_text(odd) == _slow_record(odd)


class _CountingStdout(io.TextIOWrapper):
    """Standard output that counts the characters written to it as text."""

    written = 0

    def write(self, text):
        self.written += len(text)
        return super().write(text)


def _document(results, out) -> None:
    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, render

    render("json", results, load_catalogue(), ReportOptions(ruleset_version="v1"), out)


def test_with_several_processes_the_records_reach_standard_output_as_the_workers_encoded_them(monkeypatch):
    """A worker sends a result's records as one block of UTF-8 (FileResult.rendered); the
    main process writes the blocks to its spool and copies the spool to standard output's
    bytes: no record is rendered, decoded or encoded again there."""
    jobs = [run.Job(path, str(path), prerender="json", whole_diagnostics=False) for path in SAMPLES]
    expected = io.StringIO()
    _document([run.run_job(job) for job in jobs], expected)
    from_workers = pickle.loads(pickle.dumps(run._run_chunk(run.run_job, jobs)))  # as a worker sends them back
    assert all(isinstance(r.rendered[1], bytes) and r.rendered[0] is r.diagnostics for r in from_workers if r.diagnostics)

    rendered = []
    real = json_output.record_text
    monkeypatch.setattr(json_output, "record_text", lambda d: rendered.append(d) or real(d))
    stdout = _CountingStdout(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    _document(from_workers, stdout)
    stdout.flush()
    document = stdout.buffer.getvalue().decode("utf-8")
    assert document == expected.getvalue()
    assert rendered == []
    head = json.dumps(json.loads(document) | {"diagnostics": []}, ensure_ascii=False, indent=2)
    assert stdout.written < len(head) + 20  # the summary as text, the records as bytes
    # any other stream (a StringIO) gets the same text
    other = io.StringIO()
    _document(from_workers, other)
    assert other.getvalue() == expected.getvalue()


def test_a_record_with_a_surrogate_is_written_as_text(monkeypatch, tmp_path):
    """A lone surrogate (a file name's undecodable byte, a report's \\ud800 escape) cannot
    be UTF-8: that document goes to standard output as text, where the writer makes it
    U+FFFD, as before."""
    path = tmp_path / "odd\udcff.json"  # the byte 0xff: not UTF-8
    path.write_bytes(SAMPLES[0].read_bytes())
    jobs = [run.Job(path, str(path), prerender="json", whole_diagnostics=False), run.Job(SAMPLES[2], str(SAMPLES[2]), prerender="json")]
    expected = io.StringIO()
    _document([run.run_job(job) for job in jobs], expected)
    from_workers = pickle.loads(pickle.dumps(run._run_chunk(run.run_job, jobs)))
    assert [r.rendered[3] for r in from_workers] == [False, True]  # whether no record held a surrogate
    stdout = _CountingStdout(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    _document(from_workers, stdout)
    stdout.flush()
    assert stdout.buffer.getvalue().decode("utf-8") == expected.getvalue()
    assert "\ufffd" in expected.getvalue() and "\ud800" not in expected.getvalue()


def test_a_report_is_read_in_reads_of_its_own_size(monkeypatch, tmp_path):
    """Not in reads of MAX_BYTES + 1 (each allocating ten megabytes), nor through a file object."""
    sizes = []
    real = run.os.read
    monkeypatch.setattr(run.os, "read", lambda fd, size: sizes.append(size) or real(fd, size))
    raw = SAMPLES[0].read_bytes()
    assert run.read_bytes(SAMPLES[0], regular_only=True) == raw
    assert max(sizes) == len(raw) + 1 and len(sizes) == 2  # the file, then its end
    sizes.clear()
    large = tmp_path / "large.json"
    large.write_bytes(b" " * (run.MAX_BYTES + 10))
    assert len(run.read_bytes(large)) == run.MAX_BYTES + 1  # enough to say F009
    with pytest.raises(IsADirectoryError):
        run.read_bytes(tmp_path)


class _CountingText(str):
    encoded = 0

    def encode(self, *args, **kwargs):
        type(self).encoded += 1
        return super().encode(*args, **kwargs)


def test_the_digit_run_test_reads_the_files_bytes_not_the_text_encoded_again():
    raw = SAMPLES[2].read_bytes()
    text = _CountingText(raw.decode("utf-8"))
    with_bytes = jsonfile.parse_json(text, raw)
    assert _CountingText.encoded == 0
    without = jsonfile.parse_json(text)
    assert _CountingText.encoded == 1
    assert with_bytes[0] == without[0] and with_bytes[2] == without[2] == []
    long_run = '{"a": 9007199254740993, "b": "1234567890123456"}'
    data, _, problems = jsonfile.parse_json(long_run, long_run.encode())
    assert isinstance(data["a"], jsonfile.TooLarge) and [(p.code, p.pointer) for p in problems] == [("V007", "/a")]


def _whole_text_positions(text: str, pointers: list[str]) -> list:
    whole = jsonfile.JsonSourceMap(text)
    whole._spans, whole._keys = {}, {}
    whole._scan()
    return [(whole.span(p), whole.key_span(p)) for p in pointers]


def _all_pointers(value, pointer: str = "") -> list[str]:
    from golocheck.loading import escape_pointer_token

    found = [pointer]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _all_pointers(child, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _all_pointers(child, f"{pointer}/{index}")
    return found


TRAPS = json.dumps({
    "row": {"note": 'a "k": 1 inside a text, and \\"k\\"', "other": 2, "k": 3, "tail": "x"},
    "nested": {"before": {"k": "not this one"}, "k": 4},
    "siblings": [{"a": 1}, {"k": 5}],
    "after": {"a": 1},
    "later": {"k": 6},
}, ensure_ascii=False, indent=1) .replace('"tail"', '"tail"  ') + "\n"
ESCAPED_KEY = '{"row": {"a": 1, "\\u006b": 2, "b": [1]}, "next": {"k": 9}}'


@pytest.mark.parametrize("text", [TRAPS, ESCAPED_KEY, (ROOT / "sample_reports" / "hongze-2024.json").read_text(encoding="utf-8")])
def test_a_member_found_by_its_key_is_where_the_whole_text_scan_puts_it(text):
    pointers = _all_pointers(json.loads(text)) + ["/row/missing", "/nested/missing", "/later/k/x"]
    expected = _whole_text_positions(text, pointers)
    for order in (pointers, pointers[::-1], pointers[1::2] + pointers[::2]):
        fresh = jsonfile.parse_json(text)[1]
        assert fresh.unique_keys
        assert [(fresh.span(p), fresh.key_span(p)) for p in order] == [expected[pointers.index(p)] for p in order]


def test_a_member_among_plain_values_is_found_by_its_key_not_by_reading_each_member_before_it(monkeypatch):
    row = {f"c{i}": i if i % 2 else f"文本{i}" for i in range(40)}
    text = json.dumps({"tables": {"t": {"row": {**row, "wanted": 7}}}}, ensure_ascii=False, indent=2)
    matches = []
    patterns = jsonfile._member_patterns()

    class Counted:
        def __init__(self, pattern):
            self.pattern = pattern

        def match(self, *args):
            matches.append(self.pattern.pattern)
            return self.pattern.match(*args)

    monkeypatch.setattr(jsonfile, "_member_patterns", lambda: tuple(Counted(p) for p in patterns))
    source_map = jsonfile.parse_json(text)[1]
    assert source_map.span("/tables/t/row/wanted") == _whole_text_positions(text, ["/tables/t/row/wanted"])[0][0]
    assert len(matches) <= 4  # not two a member before it (eighty)


def test_a_json_text_has_its_brackets_counted_once_and_is_not_encoded_again_for_its_depth(monkeypatch):
    from golocheck.loading import depth, load_text

    data = json.loads(SAMPLES[0].read_bytes())
    data["extra"] = [{"note": "见〔2024〕[1]号 {附件}", "rows": [[1, 2], {"a": []}]} for _ in range(40)]  # more brackets than the limit
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode()
    expected = load_text("r.json", raw)
    counted, scanned = [], []
    real_count, real_depth = depth.json_openers, depth._structural_depth
    monkeypatch.setattr(depth, "json_openers", lambda text: counted.append(1) or real_count(text))
    monkeypatch.setattr(depth, "_structural_depth", lambda text, limit, raw=None: scanned.append(raw) or real_depth(text, limit, raw))
    loaded = load_text("r.json", raw)
    assert loaded.data == expected.data and loaded.problems == expected.problems == []
    assert counted == [1] and scanned == [raw]  # the file's bytes, not the text encoded again
    deep = b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}"
    assert [p.code for p in load_text("d.json", deep).problems] == ["F009"]


class _WatchedText(str):
    """A decoded text that notes the whole-text copies asked of it."""

    calls: list = []

    def strip(self, *args):
        self.calls.append("strip")
        return super().strip(*args)

    def encode(self, *args, **kwargs):
        self.calls.append("encode")
        return super().encode(*args, **kwargs)


def test_loading_a_json_report_neither_copies_nor_encodes_its_text(monkeypatch):
    from golocheck import loading

    raw = SAMPLES[2].read_bytes()
    expected = loading.load_text("r.json", raw)
    real = loading.decode
    monkeypatch.setattr(loading, "decode", lambda data: (lambda text, problem: (_WatchedText(text) if text is not None else None, problem))(*real(data)))
    _WatchedText.calls = []
    loaded = loading.load_text("r.json", raw)
    assert loaded.data == expected.data and loaded.problems == expected.problems == []
    assert _WatchedText.calls == []
    for blank in (b"", b" \n\t", "\u3000\n".encode()):  # still F001, as text.strip() said
        assert [p.code for p in loading.load_text("b.json", blank).problems] == ["F001"]


def test_a_table_row_of_plain_figures_is_tested_at_once_not_one_call_a_cell():
    import copy

    from golocheck import minischema
    from golocheck.schema import report_schema
    from test_report_costs import _python_calls

    schema = report_schema()
    report = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    assert list(minischema.iter_errors(report, schema)) == []  # compiled on first use
    figures = sum(1 for table in report["tables"].values() for row in table.values() if isinstance(row, dict)
                  for value in row.values() if type(value) is int)
    rows = sum(1 for table in report["tables"].values() for row in table.values() if isinstance(row, dict))
    assert figures > 3 * rows  # rows of several figures
    calls = _python_calls(lambda: list(minischema.iter_errors(report, schema)))
    assert calls < figures  # before: a call for each figure, besides the rows' and the rest's
    # a figure below its floor, a bool, a blank among figures: still found, at their pointers
    for value, expected in ((-1, "minimum"), (True, "anyOf"), ("x", "anyOf")):
        broken = copy.deepcopy(report)
        row = next(r for t in broken["tables"].values() for r in t.values() if isinstance(r, dict) and len(r) > 2)
        key = next(iter(row))
        row[key] = value
        errors = list(minischema.iter_errors(broken, schema))
        assert [e.absolute_path[-1] for e in errors] == [key] and errors[0].validator in (expected, "anyOf")
