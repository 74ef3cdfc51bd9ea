"""Broken report files: each becomes a diagnostic with a location and exit 1 —
never a traceback, and the rest of the file is still checked where possible."""

from __future__ import annotations

import json
import os

import pytest

from golocheck.api import check_bytes
from golocheck.formats import get_format
from golocheck.templates import skeleton
from helpers import no_traceback, run_cli


def _report(**cells) -> dict:
    report = skeleton(get_format("gov-2014"), 2018)
    report["tables"]["statistics"].update(cells)
    return report


def _json(report) -> bytes:
    return json.dumps(report, ensure_ascii=False).encode()


def _with(cells_text: str) -> bytes:
    """A report whose statistics table ends with raw JSON text (values JSON cannot build from Python)."""
    text = _json(_report())
    return text.replace(b'"trainees": 0', cells_text.encode())


CASES = [
    # (id, bytes, file name, expected code, expected pointer or None)
    ("empty", b"", "r.json", "F001", ""),
    ("whitespace", b" \n\t\n", "r.json", "F001", ""),
    ("empty-yaml", b"# only a comment\n", "r.yaml", "F001", ""),
    ("gbk", '{"format": "果洛"}'.encode("gbk"), "r.json", "F002", ""),
    ("utf16", '{"format": "x"}'.encode("utf-16"), "r.json", "F002", ""),
    ("binary", bytes(range(256)) * 4, "r.json", "F002", ""),
    ("trailing-comma", b'{"format": "gov-2014",}', "r.json", "F003", ""),
    ("missing-comma", b'{"format": "gov-2014"\n "metadata": {}}', "r.json", "F003", ""),
    ("unterminated", b'{"format": "gov-2014', "r.json", "F003", ""),
    ("yaml-syntax", b"format: [gov-2014\nmetadata: {", "r.yaml", "F004", ""),
    ("yaml-two-docs", b"format: gov-2014\n---\nformat: gov-2019\n", "r.yaml", "F004", ""),
    ("duplicate-key", _with('"trainees": 0, "trainees": 5'), "r.json", "F005", "/tables/statistics/trainees"),
    ("nan", _with('"trainees": NaN'), "r.json", "F006", "/tables/statistics/trainees"),
    ("infinity", _with('"trainees": -Infinity'), "r.json", "F006", "/tables/statistics/trainees"),
    ("string-with-unit", _json(_report(proactive_total="9210条")), "r.json", "V001", "/tables/statistics/proactive_total"),
    ("approximate", _json(_report(channel_other="5332余")), "r.json", "V001", "/tables/statistics/channel_other"),
    ("float-count", _with('"trainees": 330.5'), "r.json", "V002", "/tables/statistics/trainees"),
    ("negative", _json(_report(complaints=-3)), "r.json", "V003", "/tables/statistics/complaints"),
    ("missing-title", _json({**_report(), "metadata": {k: v for k, v in _report()["metadata"].items() if k != "title"}}), "r.json", "F007", "/metadata/title"),
    ("missing-tables", _json({k: v for k, v in _report().items() if k != "tables"}), "r.json", "F007", "/tables"),
    ("missing-cell", _json({**_report(), "tables": {"statistics": {k: v for k, v in _report()["tables"]["statistics"].items() if k != "meetings"}}}), "r.json", "F007", "/tables/statistics/meetings"),
    ("unknown-format", _json({**_report(), "format": "gov-2099"}), "r.json", "F008", "/format"),
    ("unknown-top-level-key", _json({**_report(), "remarks": "x"}), "r.json", "F007", "/remarks"),
    ("top-level-array", b"[1, 2, 3]", "r.json", "F007", ""),
    ("top-level-string", b'"report"', "r.json", "F007", ""),
    ("deep-json", b"[" * 100000 + b"]" * 100000, "r.json", "F009", ""),
    ("deep-but-parseable", b'{"a": ' + b"[" * 80 + b"1" + b"]" * 80 + b"}", "r.json", "F009", ""),
    ("deep-yaml", b"a: " + b"[" * 5000, "r.yaml", "F009", ""),  # counted before the parser runs
    ("yaml-alias", b"a: &x [1]\nb: *x\n", "r.yaml", "F004", None),
    ("yaml-python-tag", b"format: !!python/object/apply:os.system ['true']\n", "r.yaml", "F004", None),
    ("huge", b'{"x": "' + b"a" * (11 * 1024 * 1024) + b'"}', "r.json", "F009", ""),
]


@pytest.mark.parametrize("raw, name, code, pointer", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_broken_file_gives_a_located_diagnostic(raw, name, code, pointer):
    diagnostics = check_bytes(raw, name)
    matching = [d for d in diagnostics if d.code == code]
    assert matching, [(d.code, d.pointer) for d in diagnostics]
    if pointer is not None:
        assert any(d.pointer == pointer for d in matching), [(d.code, d.pointer) for d in matching]
    if code not in ("F009",):  # a file not parsed at all has no position beyond the file itself
        assert all(d.line is not None and d.column is not None for d in matching)


def test_other_checks_still_run_when_a_cell_is_broken():
    report = _report(proactive_total="9210条", staff_total=195, staff_full_time=7, staff_part_time=195)
    codes = {d.code for d in check_bytes(_json(report), "r.json")}
    assert {"V001", "T107"} <= codes


def test_yaml_positions_point_at_the_value():
    text = "format: gov-2014\ntables:\n  statistics:\n    trainees: -4\n"
    diagnostic = next(d for d in check_bytes(text.encode(), "r.yaml") if d.code == "V003")
    assert (diagnostic.line, diagnostic.column) == (4, 15)


@pytest.mark.parametrize("case_id", ["empty", "gbk", "binary", "trailing-comma", "yaml-syntax", "nan", "string-with-unit", "unknown-format", "top-level-array", "deep-json", "huge"])
def test_cli_exits_1_without_traceback(case_id, tmp_path):
    _, raw, name, code, _ = next(c for c in CASES if c[0] == case_id)
    path = tmp_path / name
    path.write_bytes(raw)
    result = run_cli(str(path))
    assert result.returncode == 1, result.stderr.decode()
    assert no_traceback(result)
    assert code.encode() in result.stdout


def test_broken_file_among_good_ones(tmp_path, root):
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{")
    result = run_cli(str(root / "sample_reports/clean-gov-2014.json"), str(broken))
    assert result.returncode == 1 and b"F003" in result.stdout and no_traceback(result)


@pytest.mark.skipif(os.name != "posix", reason="fifo")
def test_random_bytes_never_crash():
    import random

    generator = random.Random(20261126)
    for _ in range(200):
        raw = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 300)))
        for name in ("r.json", "r.yaml"):
            check_bytes(raw, name)  # must not raise
