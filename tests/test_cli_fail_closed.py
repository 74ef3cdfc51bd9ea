"""Fail closed on the command line: a batch is bounded and keeps going, nothing outside
the outputs is harmed, and the command line behaves as a person expects.

Each test names the situation and asserts where the outcome shows (code and pointer,
exit code, the one line on standard error, the kind of file left behind)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from golocheck import __version__
from golocheck.run import Job, run_in_processes, run_job, run_jobs
from helpers import ROOT, no_traceback, run_cli

GOLOG = ROOT / "sample_reports/golog-2018.json"  # exit 1: T107 at /tables/statistics/staff_total
CLEAN = ROOT / "sample_reports/clean-gov-2014.json"  # exit 0


def _one_error_line(result) -> str:
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, result.stderr.decode()
    assert lines[0].startswith("golocheck: error: "), lines[0]
    assert no_traceback(result)
    return lines[0]


def _codes(result_or_results) -> list[tuple[str, str, str]]:
    return [(r.path, d.code, d.pointer) for r in result_or_results for d in r.diagnostics]


# -- 3. bounded -----------------------------------------------------------------


def test_jobs_is_capped_at_the_files_and_the_cpus(monkeypatch):
    """--jobs 1000 on three files must not start 1,000 processes."""
    import concurrent.futures

    started: list[int] = []

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers=None, *args, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    jobs = [Job(GOLOG, str(GOLOG)), Job(CLEAN, str(CLEAN)), Job(GOLOG, "again.json")]
    results = list(run_jobs(jobs, 1000))
    assert [r.path for r in results] == [str(GOLOG), str(CLEAN), "again.json"]
    cpus = len(os.sched_getaffinity(0))
    assert all(n is not None and n <= min(3, cpus) for n in started), started


def _dies_on_crash_json(job):
    """A worker that dies abruptly (as a killed or crashed process does) on one file."""
    if job.display == "crash.json":
        os._exit(70)
    return run_job(job)


def test_a_dead_worker_is_that_files_finding_and_the_others_stand():
    from golocheck.outcome import exit_code

    jobs = [Job(GOLOG, "a.json"), Job(CLEAN, "b.json"), Job(CLEAN, "crash.json"), Job(GOLOG, "d.json"), Job(CLEAN, "e.json")]
    results = list(run_in_processes(jobs, 2, worker=_dies_on_crash_json))
    assert [r.path for r in results] == ["a.json", "b.json", "crash.json", "d.json", "e.json"]
    crashed = results[2].diagnostics
    assert [(d.code, d.pointer, d.severity.value) for d in crashed] == [("X002", "", "error")]
    assert "died" in crashed[0].message.en and "未检查" in crashed[0].message.zh
    for index in (0, 3):
        assert ("T107", "/tables/statistics/staff_total") in {(d.code, d.pointer) for d in results[index].diagnostics}
    for index in (1, 4):
        assert [d for d in results[index].diagnostics if d.severity.value == "error"] == []
    # golocheck could not check a file: exit 2, whatever --fail-on or --exit-zero say
    assert exit_code(results, "error", False, "en") == 2
    assert exit_code(results, "never", True, "en") == 2


def test_two_dead_workers_are_found_one_by_one():
    jobs = [Job(CLEAN, "crash.json"), Job(GOLOG, "a.json"), Job(CLEAN, "crash.json"), Job(CLEAN, "b.json")]
    results = list(run_in_processes(jobs, 2, worker=_dies_on_crash_json))
    assert [[d.code for d in r.diagnostics if d.code == "X002"] for r in results] == [["X002"], [], ["X002"], []]
    assert "T107" in {d.code for d in results[1].diagnostics}


# -- 4. nothing outside is harmed -----------------------------------------------


def _device(tmp_path: Path) -> tuple[Path, int]:
    """A character device like /dev/null made for the test, or a FIFO where mknod is not allowed."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node, stat.S_IFCHR
    except PermissionError:
        pytest.skip("mknod is not permitted here; the FIFO tests cover special files")


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_output_to_a_device_writes_to_it_and_leaves_the_device(tmp_path, option):
    node, kind = _device(tmp_path)
    result = run_cli("--output-format", "json", option, str(node), str(GOLOG))
    assert result.returncode == (1 if option == "--output-file" else 0), result.stderr
    assert stat.S_IFMT(os.lstat(node).st_mode) == kind  # still the device, not a regular file
    assert os.major(os.lstat(node).st_rdev) == 1 and os.minor(os.lstat(node).st_rdev) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left beside it


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_output_to_a_fifo_is_written_through_it(tmp_path, option):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("--output-format", "json", option, str(fifo), str(GOLOG))
    reader.join(30)
    assert result.returncode == (1 if option == "--output-file" else 0), result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    document = json.loads(received[0])
    if option == "--output-file":
        assert ("T107", "/tables/statistics/staff_total") in {(d["code"], d["pointer"]) for d in document["diagnostics"]}
    else:
        assert {"file": str(GOLOG), "code": "T107", "pointer": "/tables/statistics/staff_total"}.items() <= next(
            f for f in document["findings"] if f["code"] == "T107"
        ).items()


def test_output_to_dev_stdout_does_not_replace_the_redirected_file(tmp_path):
    """``golocheck -o /dev/stdout > log``: the log the shell opened stays, and keeps what it had."""
    log = tmp_path / "log.txt"
    with open(log, "wb") as handle:
        handle.write(b"before\n")
        handle.flush()
        inode = os.fstat(handle.fileno()).st_ino
        subprocess.run([sys.executable, "-m", "golocheck", "--output-format", "concise", "-o", "/dev/stdout", str(GOLOG)],
                       stdout=handle, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert os.stat(log).st_ino == inode
    text = log.read_text(encoding="utf-8")
    assert text.startswith("before\n") and "T107" in text


def test_a_regular_output_file_is_replaced_atomically(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    inode = os.stat(out).st_ino
    result = run_cli("--output-format", "json", "-o", str(out), str(GOLOG))
    assert result.returncode == 1
    assert os.stat(out).st_ino != inode  # a new file renamed into place, not the old one rewritten
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "golocheck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_a_directory_or_missing_directory_as_output_is_a_usage_error(tmp_path, option):
    for target, reason in ((tmp_path, "is a directory"), (tmp_path / "nowhere" / "out.json", "no such directory")):
        result = run_cli(option, str(target), str(GOLOG))
        assert result.returncode == 2
        line = _one_error_line(result)
        assert option in line and reason in line
        assert result.stdout == b""  # refused before checking


def test_the_output_file_is_never_a_report_being_checked(tmp_path):
    report = tmp_path / "r.json"
    shutil.copy(GOLOG, report)
    before = report.read_bytes()
    result = run_cli("-o", str(report), str(report))
    assert result.returncode == 2 and "never writes to a report file" in _one_error_line(result)
    assert report.read_bytes() == before


# A corrupt compiled data file (golocheck/_compiled.json): tests/test_compiled_data.py.


# -- 5. a batch keeps going -------------------------------------------------------


def _special_files(directory: Path) -> dict[str, str]:
    """Entries named *.json that cannot be read as reports, with the reason golocheck gives."""
    (directory / "dangling.json").symlink_to(directory / "gone.json")
    os.mkfifo(directory / "pipe.json")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(directory / "socket.json"))
    server.close()
    made = {"dangling.json": "No such file or directory", "pipe.json": "FIFO", "socket.json": "socket"}
    try:
        os.mknod(directory / "device.json", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # like /dev/zero: endless
        made["device.json"] = "character device"
    except PermissionError:
        pass
    return made


def test_unreadable_and_special_files_in_a_directory_are_findings_and_the_batch_goes_on(tmp_path):
    shutil.copy(GOLOG, tmp_path / "golog.json")
    shutil.copy(CLEAN, tmp_path / "clean.json")
    special = _special_files(tmp_path)
    result = run_cli("--isolated", "--lang", "en", "--output-format", "json", str(tmp_path))
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in document["files"]} == {"golog.json", "clean.json", *special}
    by_file: dict[str, list] = {}
    for d in document["diagnostics"]:
        by_file.setdefault(Path(d["file"]).name, []).append(d)
    for name, reason in special.items():
        (diagnostic,) = by_file[name]
        assert (diagnostic["code"], diagnostic["pointer"], diagnostic["severity"]) == ("F011", "", "error")
        assert reason in diagnostic["message"]["en"], diagnostic["message"]
    assert ("T107", "/tables/statistics/staff_total") in {(d["code"], d["pointer"]) for d in by_file["golog.json"]}


def test_an_unreadable_file_cannot_be_ignored(tmp_path):
    """A file that was not checked never passes: F011 shows whatever the selection."""
    shutil.copy(CLEAN, tmp_path / "clean.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    for args in (["--select", "T107"], ["--ignore", "F"], ["--ignore", "F011"]):
        result = run_cli("--isolated", "--output-format", "concise", *args, str(tmp_path))
        assert result.returncode == 1, (args, result.stdout)
        assert re.search(rb"dangling\.json:.*F011", result.stdout), result.stdout


def test_a_fifo_named_on_the_command_line_is_read(tmp_path):
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(CLEAN.read_bytes()), daemon=True)
    writer.start()
    result = run_cli("--isolated", str(fifo))
    writer.join(30)
    assert result.returncode == 0, result.stderr
    assert "全部通过" in result.stdout.decode()


def test_process_substitution_is_read():
    if shutil.which("bash") is None:
        pytest.skip("needs bash for <(...)")
    command = f'"{sys.executable}" -m golocheck --isolated --output-format concise <(cat "{GOLOG}")'
    result = subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert result.returncode == 1, result.stderr
    assert re.search(rb"/dev/fd/\d+:\d+:\d+: T107", result.stdout), result.stdout


@pytest.mark.parametrize("make", ["missing", "dangling"])
def test_a_missing_path_on_the_command_line_is_a_usage_error(tmp_path, make):
    path = tmp_path / "r.json"
    if make == "dangling":
        path.symlink_to(tmp_path / "gone.json")
    result = run_cli("--lang", "en", str(path), str(CLEAN))
    assert result.returncode == 2
    assert "no such file or directory" in _one_error_line(result)
    result = run_cli(str(path), str(CLEAN))
    assert result.returncode == 2
    assert f"无法读取 {path}：文件或目录不存在" in _one_error_line(result)


# -- 7. the command line a person expects ----------------------------------------


@pytest.mark.parametrize("before, after", [
    (["--lang", "en", "explain", "T107"], ["explain", "T107", "--lang", "en"]),
    (["--lang=en", "rules"], ["rules", "--lang", "en"]),
    (["--lang", "en", "rules", "--group", "table"], ["rules", "--group", "table", "--lang", "en"]),
    (["--isolated", "config", "sample_reports"], ["config", "sample_reports", "--isolated"]),
    (["--lang", "en", "--color", "never", "check", str(GOLOG)], ["check", str(GOLOG), "--lang", "en", "--color", "never"]),
])
def test_options_before_the_subcommand(before, after):
    first, second = run_cli(*before), run_cli(*after)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert first.returncode in (0, 1) and first.stdout


def test_lang_before_rules_is_not_a_file():
    result = run_cli("--lang", "en", "rules")
    assert result.returncode == 0 and b"cannot read" not in result.stderr
    assert "staff-full-and-part-time" in result.stdout.decode()


@pytest.mark.parametrize("args, zh, en", [
    (["--nosuch", str(GOLOG)], "没有这个选项：--nosuch", "no such option: --nosuch"),
    (["--jobs", "0", str(GOLOG)], "--jobs / -j 的值无效", "invalid value for --jobs / -j"),
    (["--output-format", "xml", str(GOLOG)], "--output-format 的值无效", "invalid value for --output-format"),
    (["explain"], "缺少参数", "missing argument"),
    (["explain", "T107", "T108"], "多余的参数：T108", "unexpected extra argument"),
    ([str(GOLOG), "--select"], "选项 --select 需要一个值", "option --select requires a value"),
    (["rules", "--group", "nosuch"], "--group: unknown group nosuch", "--group: unknown group nosuch"),
])
def test_usage_errors_are_one_line_in_the_chosen_language(args, zh, en):
    chinese = run_cli(*args)
    assert chinese.returncode == 2
    assert zh in _one_error_line(chinese)
    english = run_cli("--lang", "en", *args)
    assert english.returncode == 2
    assert en in _one_error_line(english)


@pytest.mark.parametrize("name, content, needle", [
    ("golocheck.toml", 'fail-on = "error"\n'.encode("utf-16"), "UTF-16"),
    ("golocheck.toml", b"\x7fELF\x02\x01\x01\x00\x00\x00\xd0\xff\x00\x00", "not UTF-8"),
    ("pyproject.toml", "[tool.golocheck]\nfail-on = 'error'\n".encode("utf-16"), "UTF-16"),
    ("golocheck.toml", b'strict-calendar = "yes"\n', "strict-calendar"),
    ("golocheck.toml", b"strict-calendar = 1\n", "strict-calendar"),
])
def test_a_bad_configuration_file_is_one_line_not_an_internal_error(tmp_path, name, content, needle):
    (tmp_path / name).write_bytes(content)
    shutil.copy(CLEAN, tmp_path / "r.json")
    for args in (["r.json"], ["config", "r.json"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout)
        line = _one_error_line(result)
        assert needle in line and "internal error" not in line and name in line


def test_strict_calendar_true_is_accepted(tmp_path):
    (tmp_path / "golocheck.toml").write_text("strict-calendar = true\n", encoding="utf-8")
    shutil.copy(CLEAN, tmp_path / "r.json")
    assert run_cli("r.json", cwd=tmp_path).returncode == 0


def _blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", markdown, re.S)


@pytest.mark.parametrize("guide", ["guide.en.md", "guide.zh.md"])
def test_the_guides_example_configuration_works_as_written(tmp_path, guide):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    (config,) = [b for b in _blocks(text, "toml") if "# golocheck.toml" in b]
    (tmp_path / "golocheck.toml").write_text(config, encoding="utf-8")
    # the files it names, as a user would have them: the calendar file of docs/working-days.md
    (calendar,) = _blocks((ROOT / "docs/working-days.md").read_text(encoding="utf-8"), "toml")
    (tmp_path / "holidays-2027.toml").write_text(calendar, encoding="utf-8")
    for relative, sample in (("reports/2025/huaian.json", CLEAN), ("reports/2024/huaian.json", CLEAN), ("reports/2018/golog.json", GOLOG), ("drafts/golog.json", GOLOG)):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, tmp_path / relative)
    shown = run_cli("config", "reports/2025/huaian.json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "# configuration file: " + str(tmp_path / "golocheck.toml") in shown.stdout.decode()
    result = run_cli("--output-format", "json", ".", cwd=tmp_path)
    assert result.returncode in (0, 1) and result.stderr == b"", result.stderr
    document = json.loads(result.stdout)
    assert {f["path"] for f in document["files"]} == {"reports/2025/huaian.json", "reports/2024/huaian.json", "reports/2018/golog.json"}  # exclude
    golog = {(d["code"], d["pointer"]) for d in document["diagnostics"] if d["file"] == "reports/2018/golog.json"}
    assert golog and ("T107", "/tables/statistics/staff_total") not in golog  # [[suppress]]
    assert "S103" not in {code for code, _ in golog}  # ignore


@pytest.mark.parametrize("guide", ["guide.en.md", "guide.zh.md"])
def test_the_guides_pre_commit_rev_is_this_version(guide):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    (block,) = [b for b in _blocks(text, "yaml") if "repos:" in b]
    assert re.search(r"^\s*rev: (\S+)", block, re.M).group(1) == f"v{__version__}"


PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def test_the_guides_pre_commit_configuration_runs(tmp_path, pre_commit_home):
    """The guide's .pre-commit-config.yaml, with the repository pointed at this checkout
    (its HEAD commit standing for the release tag): reports/ is checked, other JSON is not."""
    if not Path(PRE_COMMIT).exists():
        pytest.fail("pre-commit is not installed: pip install -e '.[test]'")
    (block,) = [b for b in _blocks((ROOT / "docs/guide.en.md").read_text(encoding="utf-8"), "yaml") if "repos:" in b]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    config = re.sub(r"repo: \S+", f"repo: {ROOT}", block)
    config = re.sub(r"rev: \S+", f"rev: {head}", config)
    work = tmp_path / "work"
    (work / "reports").mkdir(parents=True)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    shutil.copy(GOLOG, work / "reports/failing.json")
    (work / "package.json").write_text('{"name": "not a report"}', encoding="utf-8")
    for args in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *args], cwd=work, check=True, capture_output=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([PRE_COMMIT, "run", "--all-files", "--verbose"], cwd=work, env=env, capture_output=True, timeout=900)
    out = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 1, out
    assert "reports/failing.json" in out and "T107" in out
    assert "package.json" not in out


def test_a_closed_output_pipe_is_not_an_error_and_the_exit_code_covers_every_file():
    # `golocheck reports/ | head -1`: the reader goes away after one line. golocheck writes
    # nothing more, says nothing on standard error, and still exits 1 for the findings.
    process = subprocess.Popen([sys.executable, "-m", "golocheck", "--isolated", "--output-format", "concise", str(ROOT / "sample_reports")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 1
    assert b"Broken pipe" not in stderr and b"error" not in stderr, stderr
