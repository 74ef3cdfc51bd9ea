"""What the table side of the rules pays per report: the cells are read in one pass over
the report's tables, a plain integer figure gets its CellValue only when a rule asks for
that cell, the diagnosis rules learn from the relation rules' own runs whether a relation
may fail, and a rule's message template is parsed once. Counted, not timed; each test also
checks that the results are those of the slower route."""

from __future__ import annotations

import json
from decimal import Decimal

from golocheck import engine
from golocheck.api import check_bytes
from golocheck.checks import arithmetic, context, diagnosis
from golocheck.checks.context import Context, classify
from golocheck.engine import Selection
from golocheck.formats import get_format
from golocheck.loading import NonFinite, TooLarge
from golocheck.templates import apply_patch, skeleton
from helpers import ROOT

CLEAN = (ROOT / "sample_reports" / "clean-gov-2021.json").read_bytes()
GOLOG = (ROOT / "sample_reports" / "golog-2018.json").read_bytes()
BLANK = (ROOT / "sample_reports" / "invalid" / "blank-cell.json").read_bytes()


def _places(diagnostics):
    return [(d.code, d.location.pointer, d.message.zh, d.message.en) for d in diagnostics]


def _walked(data: dict, cell):
    """A cell's value as a check saw it before the one pass: its pointer walked from the
    report's tables, then classified."""
    node, present = data.get("tables"), True
    for part in cell.pointer.split("/")[2:]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return classify(cell, None, False)
    return classify(cell, node, present)


def _every_kind_of_value() -> tuple[dict, object]:
    """A gov-2019 report whose cells hold every kind of value a file can hold."""
    fmt = get_format("gov-2019")
    report = skeleton(fmt)
    values = [0, 7, -3, 2.5, "12件", "—", None, True, {"value": 4, "note": "其中 1 件"}, {"value": 1.5, "note": "x"},
              [1], "251000元", NonFinite("NaN"), TooLarge("1" * 30), 10 ** 15, "abc"]
    tables = report["tables"]
    cells = list(fmt.cells())
    for i, cell in enumerate(cells):
        _, _, table, row, *column = cell.pointer.split("/")
        if i % 17 == 16:  # missing: the key left out
            if column:
                tables[table][row].pop(column[0], None)
            continue
        value = values[i % len(values)]
        if column:
            if isinstance(tables[table].get(row), dict):
                tables[table][row][column[0]] = value
        else:
            tables[table][row] = value
    first_matrix_row = next(c for c in cells if c.pointer.count("/") == 4).pointer.split("/")[3]
    tables[next(iter(tables))][first_matrix_row] = "not a row"  # a row that is not a mapping
    return report, fmt


def test_every_cell_reads_as_its_pointer_walked_and_classified():
    report, fmt = _every_kind_of_value()
    walked = {cell.id: _walked(report, cell) for cell in fmt.cells()}
    assert {v.state for v in walked.values()} >= {"number", "blank", "not_applicable", "text", "fraction", "negative",
                                                  "non_finite", "too_large", "missing"}
    ctx = Context(report, fmt)
    assert {cell.id: ctx.cell(cell.id) for cell in fmt.cells()} == walked
    ctx = Context(report, fmt)  # the integers first, as the relation rules ask
    integers = ctx.integers()
    assert integers == {i: (v.raw if v.state == "number" else None) for i, v in walked.items()
                        if v.state != "number" or type(v.raw) is int}
    for state in ("text", "fraction", "negative", "blank", "not_applicable", "non_finite", "too_large", "missing", "number"):
        assert ctx.cells_in_state(state) == [v for v in walked.values() if v.state == state]
    for table in fmt.tables:
        states = [walked[c.id].state for row in table.rows for c in row.cells]
        counted = {s: n for s, n in ctx.table_states(table.id).items() if n}
        assert counted == {s: states.count(s) for s in set(states)}
    assert list(ctx.cells()) == list(walked.values())
    assert ctx.cell(next(iter(walked))) is ctx.cell(next(iter(walked)))  # one CellValue per cell and report


def test_a_report_without_tables_has_every_cell_missing():
    fmt = get_format("gov-2014")
    for data in ({"format": "gov-2014"}, {"tables": []}, {"tables": {t.id: 3 for t in fmt.tables}}):
        ctx = Context(data, fmt)
        assert all(ctx.cell(c.id).state == "missing" for c in fmt.cells())
        assert ctx.integers() == {c.id: None for c in fmt.cells()}


def _not_plain(raw: bytes) -> list[str]:
    data = json.loads(raw)
    return [c.id for c in get_format(data["format"]).cells()
            if not (type(_walked(data, c).raw) is int and _walked(data, c).state == "number")]


def test_plain_integer_cells_are_not_classified_nor_given_a_cell_value_unless_asked(monkeypatch):
    check_bytes(CLEAN, "first.json")  # the process has seen the format
    not_plain = {raw: sorted(_not_plain(raw)) for raw in (CLEAN, BLANK)}
    classified, built = [], []
    real_classify, real_value = context.classify, context.CellValue
    monkeypatch.setattr(context, "classify", lambda cell, raw, present: classified.append(cell.id) or real_classify(cell, raw, present))
    monkeypatch.setattr(context, "CellValue", lambda *a, **k: built.append(a[0].id) or real_value(*a, **k))
    clean = _places(check_bytes(CLEAN, "clean.json"))
    cells = sum(1 for _ in get_format("gov-2021").cells())
    assert sorted(classified) == not_plain[CLEAN] and len(classified) < 3  # each once, the plain figures never
    assert len(built) < cells // 4  # only the cells some rule asks for (a failing relation, a figure in the text)
    classified.clear()
    blank = _places(check_bytes(BLANK, "blank.json"))
    assert sorted(classified) == not_plain[BLANK] and classified
    monkeypatch.undo()
    assert (clean, blank) == (_places(check_bytes(CLEAN, "clean.json")), _places(check_bytes(BLANK, "blank.json")))


def _failing_requests() -> bytes:
    report = apply_patch(skeleton(get_format("gov-2021")), {"tables": {"requests": {
        "new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 4, "total": 3},
        "results_total": {"natural_person": 3, "total": 3}}}})
    return json.dumps(report, ensure_ascii=False).encode()


def test_the_diagnosis_rules_learn_from_the_relation_rules_whether_a_relation_may_fail(monkeypatch):
    check_bytes(CLEAN, "first.json")
    failing = _failing_requests()
    expected = {raw: _places(check_bytes(raw, "r.json")) for raw in (CLEAN, GOLOG, failing)}
    asked = []
    real = diagnosis.concrete_relations
    monkeypatch.setattr(diagnosis, "concrete_relations", lambda *a: asked.append(a[0]) or real(*a))
    assert _places(check_bytes(CLEAN, "r.json")) == expected[CLEAN]
    assert _places(check_bytes(GOLOG, "r.json")) == expected[GOLOG]
    assert asked == []  # nothing failed: the relation rules said so, no relation was walked again
    found = _places(check_bytes(failing, "r.json"))
    assert found == expected[failing] and "T206" in [code for code, *_ in found]
    # without the relation rules' runs the diagnosis rules decide by themselves, alike
    alone = check_bytes(failing, "r.json", selection=Selection(select=("T206",)))
    assert [d.location.pointer for d in alone if d.code == "T206"] == [p for code, p, *_ in found if code == "T206"] == [
        "/tables/requests/disclosed/natural_person"]
    assert asked  # and walked the relations themselves


def test_a_relation_with_a_missing_cell_builds_no_cell_value_for_its_other_cells(monkeypatch):
    report = apply_patch(skeleton(get_format("gov-2014")), {})
    table = next(iter(report["tables"]))
    row = next(iter(report["tables"][table]))
    del report["tables"][table][row]
    raw = json.dumps(report, ensure_ascii=False).encode()
    expected = _places(check_bytes(raw, "r.json"))
    built = []
    real_value = context.CellValue
    monkeypatch.setattr(context, "CellValue", lambda *a, **k: built.append(a[0].id) or real_value(*a, **k))
    assert _places(check_bytes(raw, "r.json")) == expected
    assert built and all(cell_id.startswith(f"{table}.{row}") for cell_id in built if cell_id.startswith(table + "."))


def test_a_rule_message_template_is_parsed_once(monkeypatch):
    check_bytes(GOLOG, "first.json")
    parsed = []
    real = engine.parse_template
    monkeypatch.setattr(engine, "parse_template", lambda template: parsed.append(template) or real(template))
    second = check_bytes(GOLOG, "second.json")
    assert second and parsed == []
    engine._PARSED.clear()
    assert _places(check_bytes(GOLOG, "third.json")) == _places(second)
    assert parsed and all(parsed.count(t) <= 2 for t in parsed)  # once per language
    assert engine.render_message("{a}{{b}} {c} {d}", {"a": 1, "c_en": "C"}, "en") == "1{b} C {d}"


REGISTERS = (ROOT / "sample_reports" / "registers-gov-2021.json").read_bytes()


def test_only_late_december_days_are_asked_whether_they_are_provisional(monkeypatch):
    from datetime import date, timedelta

    from golocheck.workdays import WorkdayCalendar

    expected = _places(check_bytes(REGISTERS, "r.json"))
    assert any(code.startswith("D0") for code, *_ in expected)
    asked = []
    real = WorkdayCalendar.uncertain
    monkeypatch.setattr(WorkdayCalendar, "uncertain", lambda self, d: asked.append(d) or real(self, d))
    assert _places(check_bytes(REGISTERS, "r.json")) == expected
    assert asked and all(d.month == 12 and d.day >= 20 for d in asked)  # not every day each entry's clock looked at
    cal = WorkdayCalendar()
    last = max(cal.covered_years())
    for start, end in [(date(last - 1, 11, 3), date(last + 1, 1, 9)), (date(last, 12, 25), date(last, 12, 25)),
                       (date(last, 12, 19), date(last, 12, 21)), (date(last - 3, 1, 1), date(last - 2, 12, 31))]:
        days = [start + timedelta(days=k) for k in range(1, (end - start).days + 1)]
        assert cal.uncertain_between(start, end) == [d for d in days if real(cal, d)]
