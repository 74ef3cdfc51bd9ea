"""Batches are streamed and slim: results come out in the order of the files as soon as
they are done, a worker sends back diagnostics (and the few source lines the full output
shows), not reports, and the output is the same whatever --jobs says.

No timings: laziness is shown by what has (not) happened when the first result arrives."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from golocheck import plan as plan_module
from golocheck import run as run_module
from golocheck.reporters import OUTPUT_FORMATS
from golocheck.run import EXCERPTS, NOTHING, WHOLE, FileResult, Job, kept_text, run_in_processes, run_job, run_jobs
from helpers import ROOT, run_cli

GOLOG = ROOT / "sample_reports/golog-2018.json"  # T107 at /tables/statistics/staff_total, narrative findings
CLEAN = ROOT / "sample_reports/clean-gov-2014.json"
SAMPLES = sorted(p for p in (ROOT / "sample_reports").rglob("*") if p.suffix in (".json", ".yaml"))
FLAG = "GOLOCHECK_TEST_FIRST_CONSUMED"


# -- streamed ---------------------------------------------------------------------


def test_run_jobs_in_one_process_is_lazy(monkeypatch):
    """The first result comes before the second job has run."""
    ran: list[str] = []

    def recording(job):
        ran.append(job.display)
        return FileResult(job.display, None, ())

    monkeypatch.setattr(run_module, "run_job", recording)
    results = run_jobs([Job(CLEAN, "a.json"), Job(CLEAN, "b.json"), Job(CLEAN, "c.json")], 1)
    assert iter(results) is results  # an iterator, not a list
    assert ran == []
    assert next(results).path == "a.json" and ran == ["a.json"]
    assert [r.path for r in results] == ["b.json", "c.json"]


def _waits_for_the_first_to_be_consumed(job):
    """The last job of the batch does not finish until the test has read the first result
    (or 20 s have passed, when it says so): so a pool that reports only after every job
    has finished is caught without timing anything."""
    if job.display == "last.json":
        deadline = time.monotonic() + 20
        while not os.path.exists(os.environ[FLAG]):
            if time.monotonic() > deadline:
                return FileResult(job.display, None, (), frozenset({-1}))  # -1: gave up waiting
            time.sleep(0.01)
    return run_job(job)


def test_processes_yield_the_first_result_before_the_last_job_has_run(tmp_path, monkeypatch):
    flag = tmp_path / "first-consumed"
    monkeypatch.setenv(FLAG, str(flag))
    jobs = [Job(CLEAN, f"{i}.json") for i in range(6)] + [Job(CLEAN, "last.json")]
    results = run_in_processes(jobs, 2, worker=_waits_for_the_first_to_be_consumed)
    first = next(results)
    flag.touch()
    rest = list(results)
    assert [r.path for r in [first, *rest]] == [j.display for j in jobs]
    assert rest[-1].used_suppressions == frozenset(), "the last job waited for the first result in vain"


def test_processes_read_the_jobs_only_as_far_as_needed():
    taken: list[int] = []

    def jobs():
        for index in range(40):
            taken.append(index)
            yield Job(CLEAN, f"{index}.json")

    results = run_in_processes(jobs(), 2, chunksize=2)
    assert next(results).path == "0.json"
    assert len(taken) <= 2 * (2 * 2 + 1) + 2  # the chunks out at a time, and the next one
    assert [r.path for r in results] == [f"{i}.json" for i in range(1, 40)]


def _slower_first(job):
    """Earlier files take longer, so they finish after later ones."""
    time.sleep(0.05 * (5 - int(job.display.split(".")[0])) if job.display[0].isdigit() else 0)
    return run_job(job)


def test_processes_keep_the_order_of_the_files():
    jobs = [Job(GOLOG if i % 2 else CLEAN, f"{i}.json") for i in range(6)]
    results = list(run_in_processes(jobs, 2, worker=_slower_first))
    assert [r.path for r in results] == [f"{i}.json" for i in range(6)]
    assert [("T107" in {d.code for d in r.diagnostics}) for r in results] == [bool(i % 2) for i in range(6)]


def test_an_unused_configuration_suppression_holds_back_only_until_it_is_decided(monkeypatch):
    """Suppression findings need every file's used suppressions; a result is passed on as
    soon as the suppressions it would report are decided, and the last file's result
    carries the unused one's Q001 only if it is the first file it matched."""
    from golocheck.catalogue import load_catalogue
    from golocheck.suppress import Suppression

    rules = load_catalogue()
    used = Suppression("T107", "/tables/statistics/staff_total", "已核实", None, "golocheck.toml", "/suppress/0")
    stale = Suppression("T101", None, "never happens", None, "golocheck.toml", "/suppress/1")
    jobs = [Job(GOLOG, "a.json"), Job(GOLOG, "b.json"), Job(GOLOG, "c.json")]
    plan = plan_module.Plan(jobs, [used, stale], [(0,), (0,), (0, 1)])
    given: list[str] = []

    def results():
        for job in jobs:
            given.append(job.display)
            yield FileResult(job.display, None, (), frozenset({0}))  # each file used `used`

    stream = plan_module.with_suppression_findings(results(), plan, rules)
    assert next(stream).path == "a.json" and given == ["a.json"]  # `used` was decided by a.json itself
    assert next(stream).path == "b.json" and given == ["a.json", "b.json"]
    last = next(stream)
    assert [(d.code, d.pointer, d.args["code"]) for d in last.diagnostics] == [("Q001", "", "T101")]  # on the file, about T101
    assert list(stream) == []


# -- slim -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_report(tmp_path_factory) -> Path:
    """golog-2018 behind 1 MB of leading white space: a large text with the same findings."""
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(" " * 1_000_000 + "\n" + GOLOG.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_a_result_from_a_worker_does_not_carry_the_report_text(large_report):
    whole = run_job(Job(large_report, "large.json", source=WHOLE))
    assert len(whole.text) > 1_000_000 and "T107" in {d.code for d in whole.diagnostics}
    for source in (EXCERPTS, NOTHING):
        slim = run_job(Job(large_report, "large.json", source=source))
        assert slim.diagnostics == whole.diagnostics
        assert len(pickle.dumps(slim)) < 100_000 < len(pickle.dumps(whole)) - 900_000
    assert run_job(Job(large_report, "large.json", source=NOTHING)).text is None
    # and what goes through the pool is the slim one
    (sent,) = run_in_processes([Job(large_report, "large.json", source=EXCERPTS)], 2)
    assert sent.diagnostics == whole.diagnostics and len(pickle.dumps(sent)) < 100_000


def test_excerpt_text_keeps_the_lines_diagnostics_point_at(large_report):
    whole = run_job(Job(large_report, "large.json", source=WHOLE))
    slim = run_job(Job(large_report, "large.json", source=EXCERPTS))
    whole_lines, slim_lines = whole.text.splitlines(), slim.text.splitlines()
    wanted = {d.location.span.line for d in whole.diagnostics if d.location.span}
    assert wanted and len(slim_lines) == max(wanted)
    for number, line in enumerate(slim_lines, 1):
        assert line == (whole_lines[number - 1] if number in wanted else "")


def test_excerpt_text_of_an_empty_last_line_and_of_odd_line_breaks():
    """Lines are numbered as str.splitlines numbers them, as the full output does; an empty
    wanted line at the end is still a line."""
    from golocheck.diagnostics import Diagnostic, Location, Severity, Span, Text

    def at(line):
        return Diagnostic("T107", "n", Severity.ERROR, "r", Location("/x", None, Span(line, 1, line, 1)), Text("m", "m"), Text("t", "t"), Text("b", "b"))

    text = "one\u2028two\nthree\n\nfive\n"
    assert kept_text(text, (at(2), at(4)), EXCERPTS).splitlines() == ["", "two", "", ""]
    assert kept_text(text, (at(3),), EXCERPTS).splitlines() == ["", "", "three"]
    assert kept_text(text, (), EXCERPTS) is None
    assert kept_text(text, (at(2),), WHOLE) == text and kept_text(text, (at(2),), NOTHING) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_full_output_from_excerpts_is_the_output_from_whole_texts(lang):
    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, render_text

    def rendered(source):
        results = [run_job(Job(p, str(p), source=source)) for p in SAMPLES]
        return render_text("full", results, load_catalogue(), ReportOptions(lang=lang))

    whole = rendered(WHOLE)
    assert whole.count(" | ") > 20  # excerpts were shown
    assert rendered(EXCERPTS) == whole


# -- the same output whatever --jobs says ----------------------------------------


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    """Every sample in a/, and two of them again in b/ (so each worker gets several files), with
    a configuration that has a used, an unused and an expired suppression."""
    directory = tmp_path_factory.mktemp("samples")
    for copy in ("a", "b"):
        for sample in SAMPLES if copy == "a" else (GOLOG, CLEAN):
            target = directory / copy / sample.relative_to(ROOT / "sample_reports")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sample, target)
    (directory / "golocheck.toml").write_text(
        '[[suppress]]\nfiles = "*/golog-2018.json"\ncode = "T107"\npointer = "/tables/statistics/staff_total"\nreason = "原表如此"\n'
        '[[suppress]]\nfiles = "b/*.json"\ncode = "T101"\nreason = "never happens"\n'
        '[[suppress]]\nfiles = "a/*.json"\ncode = "S002"\nreason = "限期整改"\nexpires = 2020-01-01\n',
        encoding="utf-8",
    )
    return directory


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_output_is_the_same_with_one_and_two_jobs(sample_dir, fmt):
    from golocheck.reporters import is_binary

    if is_binary(fmt):  # a workbook goes to a file: compare the files, and read back its cells
        from helpers import workbook_text

        outputs = []
        for jobs in ("1", "2"):
            result = run_cli("--output-format", fmt, "a", "b", "--jobs", jobs, "--output-file", f"out{jobs}.{fmt}", cwd=sample_dir)
            assert result.returncode == 1, result.stderr
            outputs.append((sample_dir / f"out{jobs}.{fmt}").read_bytes())
        assert outputs[0] == outputs[1]
        text = workbook_text(outputs[0])
        assert "Q001" in text and "Q002" in text
        return
    one = run_cli("--output-format", fmt, "a", "b", "--jobs", "1", cwd=sample_dir)
    two = run_cli("--output-format", fmt, "a", "b", "--jobs", "2", cwd=sample_dir)
    assert one.returncode == two.returncode == 1, one.stderr
    assert one.stdout == two.stdout
    assert b"Q001" in one.stdout and b"Q002" in one.stdout
    if fmt == "json":
        document = json.loads(one.stdout)
        assert document["summary"]["files"] == len(SAMPLES) + 2
        unused = [(d["file"], d["message_args"]["code"]) for d in document["diagnostics"] if d["code"] == "Q001"]
        assert unused == [("b/clean-gov-2014.json", "T101")]  # once, on the first file it matched


# -- rendered as it is checked -------------------------------------------------------


def test_the_check_command_renders_each_result_before_the_next_file_is_checked(monkeypatch, capsys):
    """Without a progress bar (output not on a terminal) and without baselines, the command
    hands the stream to the output: nothing holds every result of a batch."""
    from golocheck import check_command, outcome

    ran: list[str] = []
    real = run_module.run_job
    monkeypatch.setattr(run_module, "run_job", lambda job: ran.append(job.display) or real(job))
    seen: list[int] = []
    real_report = outcome.report

    def report(results, *args, **kwargs):
        def watched():
            for result in results:
                seen.append(len(ran))
                yield result
        return real_report(watched(), *args, **kwargs)

    monkeypatch.setattr(outcome, "report", report)
    paths = [GOLOG, CLEAN, GOLOG]
    code = check_command.run(check_command.CheckOptions(files=paths, output_format="json", isolated=True))
    assert code == 1 and len(ran) == 3
    assert seen == [1, 2, 3]  # each result reached the output before the next file was read
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 3


def test_json_output_is_the_whole_document_written_as_it_goes(monkeypatch):
    """Streamed (diagnostics spooled, in memory or on disk) it has the bytes of the one
    json.dumps of the whole envelope, a lone surrogate in a message included."""
    import io
    import tempfile
    from golocheck.records import replace

    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, json_output
    from golocheck.run import check_paths

    results = check_paths(SAMPLES)
    odd = replace(results[0], diagnostics=tuple(replace(d, args={**d.args, "x": "\ud800"}) for d in results[0].diagnostics))
    real_spool = tempfile.SpooledTemporaryFile
    for batch in ([odd, *results], [r for r in results if not r.diagnostics][:2], []):
        expected = json.dumps(json_output.envelope(batch, "v1"), ensure_ascii=False, indent=2) + "\n"
        for limit in (None, 16):  # as in a run; spilled to a file after 16 characters
            if limit:
                monkeypatch.setattr(tempfile, "SpooledTemporaryFile", lambda max_size, **kw: real_spool(max_size=limit, **kw))
            out = io.StringIO()
            json_output.render(batch, load_catalogue(), ReportOptions(ruleset_version="v1"), out)
            assert out.getvalue() == expected
            monkeypatch.setattr(tempfile, "SpooledTemporaryFile", real_spool)


# -- what the parallel route costs the parent ----------------------------------------


def _json_document(results) -> str:
    import io

    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import ReportOptions, json_output

    out = io.StringIO()
    json_output.render(results, load_catalogue(), ReportOptions(ruleset_version="v1"), out)
    return out.getvalue()


def _rebuilt(pickled: bytes) -> int:
    import pickletools

    return sum(op.name in ("REDUCE", "NEWOBJ", "NEWOBJ_EX", "BUILD") for op, _, _ in pickletools.genops(pickled))


def test_with_the_json_output_alone_a_worker_sends_records_not_diagnostics():
    """When nothing but the JSON output reads the diagnostics, a worker sends each one's
    rendered record with only its code, name and severity (run.Brief): the parent
    unpickled every whole diagnostic before, several times the record's size. The document,
    its summary and the exit code's figures are the same."""
    from golocheck.outcome import Tally
    from golocheck.records import replace
    from golocheck.run import Brief, _run_chunk

    whole = [Job(path, path.name, prerender="json") for path in (GOLOG, CLEAN, ROOT / "sample_reports/hongze-2024.json")]
    sent_whole = pickle.dumps(_run_chunk(run_job, whole))
    sent_brief = pickle.dumps(_run_chunk(run_job, [replace(job, whole_diagnostics=False) for job in whole]))
    full, brief = pickle.loads(sent_whole), pickle.loads(sent_brief)
    assert sum(len(r.diagnostics) for r in brief) > 10
    assert {type(d) for r in brief for d in r.diagnostics} == {Brief}
    assert [(d.code, d.name, d.severity) for r in brief for d in r.diagnostics] == [(d.code, d.name, d.severity) for r in full for d in r.diagnostics]
    # what the parent unpickles: the objects it rebuilds, a few per diagnostic instead of a dozen
    assert _rebuilt(sent_brief) < _rebuilt(sent_whole) / 3 and len(sent_brief) < len(sent_whole)
    assert _json_document(brief) == _json_document([replace(r, rendered=()) for r in full])
    tallies = [Tally(results) for results in (full, brief)]
    for tally in tallies:
        list(tally)
    assert [(t.internal, t.ranks) for t in tallies][0] == [(t.internal, t.ranks) for t in tallies][1]


@pytest.mark.parametrize("extra, whole", [((), False), (("--baseline", "base.json"), True), (("--across",), True),
                                          (("--output-format", "full"), True)])
def test_workers_send_whole_diagnostics_when_the_parent_reads_them(monkeypatch, tmp_path, extra, whole):
    """A baseline filters the diagnostics by their place, the checks across reports add
    to them, the other outputs render them: only the JSON output alone takes Briefs."""
    from helpers import golocheck_in_process

    (tmp_path / "base.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    shutil.copy(GOLOG, tmp_path / "a.json")
    seen = []
    monkeypatch.setattr(run_module, "run_jobs", lambda jobs, workers=1, progress=None: seen.extend(jobs) or iter(()))
    golocheck_in_process("check", "--isolated", "--output-format", "json", "a.json", "--jobs", "2", *extra, cwd=tmp_path)
    assert [job.whole_diagnostics for job in seen] == [whole]


class _Synchronous:
    """An executor that runs each call at once, noting the size of each chunk it is given."""

    def __init__(self, sizes: list):
        self.sizes = sizes

    def submit(self, function, worker, jobs):
        from concurrent.futures import Future

        self.sizes.append(len(jobs))
        future = Future()
        future.set_result(function(worker, jobs))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def _named(job):
    return FileResult(job.display, None, ())


def test_chunks_shrink_towards_the_end_of_a_batch(monkeypatch):
    """With the number of jobs known, each chunk is a quarter of the remaining jobs' share
    per worker (at most MAX_CHUNK): the last chunks hold a job each, so that no worker is
    left with a long last chunk while the other waits. Results keep their order."""
    sizes: list[int] = []
    monkeypatch.setattr(run_module, "_pool", lambda workers: _Synchronous(sizes))
    jobs = [Job(None, f"{i}.json") for i in range(300)]
    results = list(run_in_processes(jobs, 2, worker=_named, total=len(jobs)))
    assert [r.path for r in results] == [job.display for job in jobs]
    assert sum(sizes) == 300
    assert sizes[0] == run_module.MAX_CHUNK and sizes[-8:] == [1] * 8
    assert sizes == sorted(sizes, reverse=True)
    sizes.clear()
    list(run_in_processes(jobs, 2, worker=_named, chunksize=5))  # an iterator of unknown length: fixed chunks
    assert set(sizes) == {5}



def test_forked_workers_inherit_the_modules_of_the_checks(monkeypatch):
    """On Linux the workers are forked, and the parent imports the modules every worker
    would import for its first report (each check, narrative reader and loader) once,
    before forking: the workers inherit them instead of each importing them again."""
    import importlib
    import sys

    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    imported = []
    real = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda name, package=None: imported.append(name) or real(name, package))
    pool = run_module._pool(2)
    try:
        assert pool._mp_context.get_start_method() == "fork"
    finally:
        pool.shutdown()
    source = ROOT / "src" / "golocheck"
    expected = {f"golocheck.{package}.{path.stem}" for package in ("checks", "narrative", "loading")
                for path in (source / package).glob("*.py") if path.stem != "__init__"}
    assert expected <= set(imported)
