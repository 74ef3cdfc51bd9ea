"""What a batch pays per report: the work that depends only on the catalogue and the
format is done once per process, the work several rules share once per report, and a
report's positions are found without scanning its whole text. Counted, not timed
(benchmarks/batch.py measures the time); each test also checks that the results are the
ones the slower route gives."""

from __future__ import annotations

import json

import pytest

from golocheck import checks, pipeline
from golocheck.api import check_bytes
from golocheck.checks import arithmetic, sections
from golocheck.loading.jsonfile import JsonSourceMap, _Undirected, parse_json
from golocheck.narrative.document import Block, Document
from golocheck.narrative.lazyre import lazy
from golocheck.reporters.json_output import _indented
from golocheck import minischema
from helpers import ROOT

GOLOG = (ROOT / "sample_reports" / "golog-2018.json").read_bytes()
HONGZE = (ROOT / "sample_reports" / "hongze-2024.json").read_bytes()


def _places(diagnostics):
    return [(d.code, d.location.pointer, d.location.span, tuple(r.span for r in d.related)) for d in diagnostics]


def test_findings_are_placed_without_scanning_the_whole_json_text(monkeypatch):
    whole_text = _places(_with_whole_text_scan(monkeypatch, HONGZE))
    monkeypatch.undo()

    def no_scan(self):
        raise AssertionError("the whole text was scanned")

    monkeypatch.setattr(JsonSourceMap, "_scan", no_scan)
    placed = _places(check_bytes(HONGZE, "hongze-2024.json"))
    assert placed == whole_text
    assert any(span is not None and span.line > 1 for _, _, span, _ in placed)


def _with_whole_text_scan(monkeypatch, raw):
    def undirected(self, pointer):
        raise _Undirected

    monkeypatch.setattr(JsonSourceMap, "_directed", undirected)
    return check_bytes(raw, "hongze-2024.json")


@pytest.mark.parametrize("text", [
    '{"a": {"x": 1}, "a": {"y": [1, {"z": "q\\"r"}]}}',  # a key twice on the way: the whole-text scan decides
    '{"m": {"k": 1, "k": 2}, "t": {"r": [1, 2]}}',
    '{"\\u0061": 1, "a": {"b~/c": {"": [NaN, -Infinity]}}}',
])
def test_positions_along_a_pointer_are_those_of_the_whole_text_scan(text):
    pointers = ["", "/a", "/a/x", "/a/y/1/z", "/m/k", "/t/r/1", "/a/b~0~1c//1", "/nope", "/t/r/7"]
    whole = JsonSourceMap(text)
    whole._spans, whole._keys = {}, {}
    whole._scan()
    expected = [(whole.span(p), whole.key_span(p)) for p in pointers]
    assert [(m.span(p), m.key_span(p)) for m in [JsonSourceMap(text)] for p in pointers] == expected
    assert [(m.span(p), m.key_span(p)) for m in [JsonSourceMap(text)] for p in reversed(pointers)] == expected[::-1]
    _, parsed, problems = parse_json(text)
    assert parsed.unique_keys == (not any(problem.code == "F005" for problem in problems))
    for order in (pointers, pointers[::-1], pointers[1::2] + pointers[::2]):
        fresh = parse_json(text)[1]
        assert [(fresh.span(p), fresh.key_span(p)) for p in order] == [expected[pointers.index(p)] for p in order]


def test_a_position_is_found_reading_containers_only_up_to_the_member_on_the_way(monkeypatch):
    """In a text without a key given twice, placing a value decodes only the members
    before it on its way and the value itself: not the whole document (its root's end),
    nor the members after it. Positions are those of the whole-text scan."""
    from golocheck.loading import jsonfile

    text = json.dumps({"format": "x", "sections": [{"text": "长" * 500}] * 20, "tables": {"a": {"r": [1, 2, 3]}, "b": {"s": 4}},
                       "after": [{"long": list(range(300))}] * 10}, ensure_ascii=False, indent=2)
    decoded = []
    real = jsonfile._DECODER.raw_decode
    monkeypatch.setattr(jsonfile, "_DECODER", type("D", (), {"raw_decode": staticmethod(lambda t, i: decoded.append(i) or real(t, i))}))
    source_map = parse_json(text)[1]
    assert source_map.unique_keys
    whole = JsonSourceMap(text)
    whole._spans, whole._keys = {}, {}
    whole._scan()
    assert source_map.span("/tables/a/r/1") == whole.span("/tables/a/r/1")
    # only the sections, passed over on the way: not the root, the tables, /tables/b nor /after
    assert decoded == [text.index('"sections"') + len('"sections": ')]
    assert source_map.span("/after/3/long") == whole.span("/after/3/long") and source_map.span("") == whole.span("")
    assert source_map.key_span("/tables/b/s") == whole.key_span("/tables/b/s")


def test_sections_are_placed_once_per_report(monkeypatch):
    calls = []
    original = sections._locate_sections
    monkeypatch.setattr(sections, "_locate_sections", lambda ctx: calls.append(ctx) or original(ctx))
    check_bytes(GOLOG, "golog-2018.json")
    assert len(calls) == 1  # five rules read where the parts are


def test_relations_and_applicable_rules_are_worked_out_once_per_format(monkeypatch):
    check_bytes(GOLOG, "first.json")  # the process has seen the format
    counted = {"instances": 0, "kind": 0}
    instances, kind = arithmetic.instances, checks.kind

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(arithmetic, "instances", counting("instances", instances))
    monkeypatch.setattr(pipeline, "kind", counting("kind", kind))
    second = check_bytes(GOLOG, "second.json")
    assert counted == {"instances": 0, "kind": 0}
    assert second  # the rules still ran: golog-2018 has findings
    monkeypatch.undo()
    assert _places(second) == _places(check_bytes(GOLOG, "second.json"))


def test_the_schema_descends_only_into_what_is_invalid(monkeypatch):
    from golocheck.schema import report_schema

    schema = report_schema()
    report = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    calls = []
    original = minischema.iter_errors
    monkeypatch.setattr(minischema, "iter_errors", lambda *a: calls.append(a[2] if len(a) > 2 else []) or original(*a))
    assert list(minischema.iter_errors(report, schema)) == []
    assert len(calls) == 1  # the report alone: no valid part is walked for errors
    table = next(iter(report["tables"]))
    row = next(iter(report["tables"][table]))
    report["tables"][table][row] = "wrong"
    calls.clear()
    errors = list(minischema.iter_errors(report, schema))
    assert {tuple(e.absolute_path) for e in errors} == {("tables", table, row)}
    walked = ["tables", table, row]
    assert all(list(path) == walked[:len(path)] for path in calls)  # only the way to the bad row


def test_a_pattern_whose_leading_literal_is_absent_is_not_run():
    pattern = lazy("受理申请[0-9]+件")
    pattern.compiled  # as in a batch, once an earlier report has used it
    ran = []
    real = pattern.finditer
    pattern.finditer = lambda *a: ran.append(a) or real(*a)
    doc = Document([Block("/sections/0/text", "本年度共收到申请 12 件。", None)], None)
    assert list(doc.scan(pattern)) == []
    assert ran == []
    doc = Document([Block("/sections/0/text", "本年度受理申请12件。", None)], None)
    assert [m.group() for _, _, m in doc.scan(pattern)] == ["受理申请12件"]


def test_the_json_writer_writes_what_json_dumps_writes():
    record = {"a": 1, "b": [1, 2.5, {"x": None, "y": True, "z": False}], "c": {}, "d": [], "e": "中\"\\\n\u2028\x00",
              "f": float("nan"), "g": float("-inf"), "h": 10 ** 20, "i": (1, "2"), "j": [[], {}], "k": {"l": {"m": [1]}}}
    assert _indented(record, "\n    ") == json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    assert _indented({1: "not a string key"}, "\n") == json.dumps({1: "not a string key"}, ensure_ascii=False, indent=2)



CLEAN = (ROOT / "sample_reports" / "clean-gov-2021.json").read_bytes()
RELATIONS = (arithmetic.SumEquals, arithmetic.SumAtLeast, arithmetic.AtMost, arithmetic.Balance)


def test_relations_that_hold_are_decided_on_plain_integers(monkeypatch):
    """A relation whose cells are plain integers and that holds builds no Decimal sum and
    no finding (its compare is not called); the diagnosis rules build no relations when
    none fails. The findings are those of the exact route (every relation compared)."""
    from golocheck.checks import diagnosis

    check_bytes(CLEAN, "first.json")
    compared, built = [], []
    for relation in RELATIONS:
        real = relation.compare
        monkeypatch.setattr(relation, "compare", staticmethod(lambda left, right, real=real: compared.append(1) or real(left, right)))
    real_build = diagnosis._build_relations
    monkeypatch.setattr(diagnosis, "_build_relations", lambda ctx, rules: built.append(1) or real_build(ctx, rules))
    clean = _places(check_bytes(CLEAN, "clean.json"))
    assert compared == [] and built == []  # every relation of the clean report holds
    fast = {raw: _places(check_bytes(raw, "r.json")) for raw in (GOLOG, HONGZE)}
    assert compared  # golog-2018's relations that fail still go the exact way
    assert ("T107", "/tables/statistics/staff_total") in [(code, pointer) for code, pointer, *_ in fast[GOLOG]]
    for relation in RELATIONS:  # the exact route for every relation
        monkeypatch.setattr(relation, "holds", staticmethod(lambda left, right: False))
    monkeypatch.setattr(diagnosis, "_may_fail", lambda ctx, rules: True)
    assert _places(check_bytes(CLEAN, "clean.json")) == clean
    assert {raw: _places(check_bytes(raw, "r.json")) for raw in (GOLOG, HONGZE)} == fast



def _checked_state(raw: bytes, name: str):
    from datetime import date

    from golocheck.catalogue import load_catalogue
    from golocheck.engine import Selection, always_reported
    from golocheck.loading import load_text
    from golocheck.settings import CheckSettings

    rules = load_catalogue()
    return pipeline.run_stages(pipeline.ReportState(load_text(name, raw), rules, Selection(), CheckSettings(), None, (), date.today(),
                                                    always_reported(rules)))


def test_what_did_not_run_is_worked_out_once_per_format(monkeypatch):
    """Which selected rules did not check a report (and why) depends, when no rule
    crashed, on the catalogue, the format, the selection and a few facts of the report:
    for the second report of a format no rule is asked whether it is enabled or applies."""
    from golocheck import engine

    first = pipeline.not_run(_checked_state(GOLOG, "first.json"))
    second = _checked_state(HONGZE, "second.json")
    third = _checked_state(GOLOG, "third.json")
    asked = []
    real = engine.Selection.enabled
    monkeypatch.setattr(engine.Selection, "enabled", lambda self, rule: asked.append(rule.code) or real(self, rule))
    assert pipeline.not_run(third) == first
    assert asked == []
    assert first and set(first.values()) <= {pipeline.NEEDS_PREVIOUS, pipeline.NEEDS_ACROSS, pipeline.NOT_IMPORTED, pipeline.NO_LEDGER,
                                             pipeline.PREVIOUS_NOT_CONSECUTIVE}
    for state in (second, third):  # the same as asking every rule
        assert pipeline.not_run(state) == pipeline._not_run(state, False, lambda: False)
    third.crashed.add(next(code for code in third.rules if code not in first and third.rules[code].applies_to(third.format.id)
                           and third.rules[code].check not in pipeline._BUILTIN))
    assert pipeline.not_run(third) == {**first, next(iter(third.crashed)): pipeline.FAILED}


@pytest.mark.parametrize("options", [{"isolated": True}, {}, {"exclude": ("*.yaml",)}])
def test_a_batch_plan_resolves_each_file_once_and_reads_its_configuration_once(tmp_path, monkeypatch, options):
    """Planning a directory of N reports: each file's path resolved once (not once per
    glob test and once more for the configuration's relative path), the directory's
    configuration found and read once, not once per file. The plan is the same."""
    from pathlib import Path

    from golocheck import plan
    from golocheck.catalogue import load_catalogue

    (tmp_path / "golocheck.toml").write_text('per-file-ignores = {"r1*" = ["N014"]}\n', encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    for index in range(6):
        (reports / f"r{index}.json").write_bytes(CLEAN)
    (reports / "skip.yaml").write_text("format: gov-2021\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rules = load_catalogue()
    before = plan.build([Path("reports")], plan.CliOptions(**options), rules)
    resolved, looked_up = [], []
    real_resolve, real_config_for = Path.resolve, plan.config_for
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: resolved.append(self) or real_resolve(self, strict))
    monkeypatch.setattr(plan, "config_for", lambda directory: looked_up.append(directory) or real_config_for(directory))
    after = plan.build([Path("reports")], plan.CliOptions(**options), rules)
    files = 6 if options.get("exclude") else 7
    assert len(resolved) <= files + 4  # each file once; the directory, the base, the working directory
    assert len(looked_up) <= 2  # the reports' directory, the working directory
    assert [(j.path, j.selection) for j in after.jobs] == [(j.path, j.selection) for j in before.jobs]
    assert len(after.jobs) == files


def test_a_choice_of_types_tries_only_the_choices_a_value_can_pass(monkeypatch):
    """A cell's schema is anyOf [figure, blank, marker, noted figure]: a blank or a marker
    is not first refused as a figure (each such test a few calls, hundreds of cells a
    report). The answers are those of trying every choice."""
    called = []
    for name, test in list(minischema._TYPES.items()):
        monkeypatch.setitem(minischema._TYPES, name, lambda v, name=name, test=test: called.append(name) or test(v))
    cell = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}, {"enum": ["—", "无"]},
                      {"type": "object", "properties": {"value": {"type": ["integer", "null"]}}, "required": ["value"]}]}
    schema = {"type": "array", "items": cell}
    values = [None, "—", 3, {"value": None}, "x", -1, True, 2.0, {"v": 1}, [1]]
    assert [minischema._valid(v, cell) for v in values] == [True, True, True, True, False, False, False, True, False, False]
    called.clear()
    assert minischema._valid([None, None, "—", "无"], schema)
    assert called == ["array", "null", "null"]  # the strings go to the marker list alone
    trying_all = minischema._any_of([minischema._checker(sub) for sub in cell["anyOf"]])
    assert [trying_all(v) for v in values] == [minischema._valid(v, cell) for v in values]


def test_with_several_processes_the_workers_render_the_json_records(monkeypatch):
    """--jobs N with JSON output: each worker renders its results' records, the main
    process only copies them (it rendered every record of the batch, a serial cost that
    bounds the speed-up). A diagnostic added after the worker, or a result without the
    records, is rendered by the output: the document is the same bytes either way."""
    import io
    import pickle
    from golocheck.records import replace

    from golocheck import run
    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, json_output

    samples = [ROOT / "sample_reports" / name for name in ("golog-2018.json", "clean-gov-2021.json", "hongze-2024.json")]
    jobs = [run.Job(path, str(path), prerender="json") for path in samples]
    from_workers = pickle.loads(pickle.dumps(run._run_chunk(run.run_job, jobs)))  # as a worker sends them back
    assert [len(r.rendered[2]) if r.rendered else 0 for r in from_workers] == [len(r.diagnostics) for r in from_workers]
    assert all(r.rendered[0] is r.diagnostics for r in from_workers if r.diagnostics)  # one object after unpickling
    plain = [replace(r, rendered=()) for r in from_workers]
    extra = replace(from_workers[0], diagnostics=(*from_workers[0].diagnostics, from_workers[2].diagnostics[0]))

    def document(results):
        out = io.StringIO()
        json_output.render(results, load_catalogue(), ReportOptions(ruleset_version="v1"), out)
        return out.getvalue()

    expected, expected_extra = document(plain), document([replace(extra, rendered=()), *plain[1:]])
    rendered = []
    real = json_output.record_text
    monkeypatch.setattr(json_output, "record_text", lambda d: rendered.append(d.code) or real(d))
    assert document(from_workers) == expected
    assert rendered == []
    assert document([extra, *from_workers[1:]]) == expected_extra
    assert rendered == [from_workers[2].diagnostics[0].code]  # only the one added after the worker


def test_the_plan_resolves_a_file_only_for_a_configuration_that_matches_paths(monkeypatch, tmp_path):
    """Planning a batch resolves a file's path (a system call per component) only when
    the configuration matches files by their path (per-file ignores, previous years,
    suppressions), and makes the configuration's severities once, not once per file."""
    from pathlib import Path

    from golocheck import plan
    from golocheck.catalogue import load_catalogue

    for name in ("a.json", "b.json", "c.yaml"):
        (tmp_path / name).write_bytes(GOLOG)
    resolved: list[Path] = []
    real = plan.Planner._resolve
    monkeypatch.setattr(plan.Planner, "_resolve", lambda self, path: resolved.append(path) or real(self, path))
    isolated = plan.build([tmp_path], plan.CliOptions(isolated=True), load_catalogue())
    assert [job.display for job in isolated.jobs] == [str(tmp_path / name) for name in ("a.json", "b.json", "c.yaml")]
    assert resolved == []
    (tmp_path / "golocheck.toml").write_text('[severity]\nT107 = "info"\n[per-file-ignores]\n"b.json" = ["N001"]\n', encoding="utf-8")
    configured = plan.build([tmp_path], plan.CliOptions(), load_catalogue())
    assert {tmp_path / name for name in ("a.json", "b.json", "c.yaml")} <= set(resolved)
    assert [job.selection.ignore for job in configured.jobs] == [(), ("N001",), ()]
    first, *others = [job.selection.severities for job in configured.jobs]
    assert dict(first) == {"T107": "info"} and all(other is first for other in others)


def test_files_with_the_same_configuration_share_one_selection_and_one_settings(tmp_path):
    """A plan holds a job per file; the selection and the settings of files with the same
    configuration and the same per-file ignores are one object each (made once, held
    once), and a file the per-file ignores name has its own."""
    from golocheck import plan
    from golocheck.catalogue import load_catalogue

    for name in ("a.json", "b.json", "c.json", "d.yaml"):
        (tmp_path / name).write_bytes(GOLOG)
    (tmp_path / "golocheck.toml").write_text('[per-file-ignores]\n"b.json" = ["N001"]\n', encoding="utf-8")
    jobs = plan.build([tmp_path], plan.CliOptions(), load_catalogue()).jobs
    assert [job.selection.ignore for job in jobs] == [(), ("N001",), (), ()]
    a, b, c, d = jobs
    assert a.selection is c.selection is d.selection and b.selection is not a.selection
    assert a.settings is b.settings is c.settings is d.settings
    isolated = plan.build([tmp_path], plan.CliOptions(isolated=True, ignore=("N002",)), load_catalogue()).jobs
    assert len({id(job.selection) for job in isolated}) == 1 and isolated[0].selection.ignore == ("N002",)
