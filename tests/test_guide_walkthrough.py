"""The guide's walkthrough "Adding your province's table" works exactly as written: its files
(fenced blocks with ``file=NAME``) are written and its shell commands run, in order, in an
empty folder — a ``golocheck`` command with its arguments as the shell splits them, in this
process (cheap; golocheck.entry.main is what the installed command runs), any other command
in bash. A ``text`` block after a shell block is what that block printed (every line of it
appears in the output), and a command exits 0 unless its comment says ``# exit code N``.
The Chinese guide's walkthrough has the same blocks, so neither can drift."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest

from helpers import ROOT, golocheck_in_process

_BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)
_SECTIONS = {"guide.en.md": "## 7. Adding your province's table", "guide.zh.md": "## 7. 添加本省的统计表"}


def walkthrough(guide: str) -> list[tuple[str, str, str]]:
    """(language, info after it, content) of every fenced block of the walkthrough, in order."""
    lines = (ROOT / "docs" / guide).read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(_SECTIONS[guide] + "\n")
    end, fenced = len(lines), False
    for number in range(start + 1, len(lines)):
        fenced ^= lines[number].startswith("```")
        if not fenced and lines[number].startswith("## "):  # the next section (a "##" in a file block is not)
            end = number
            break
    return _BLOCK.findall("".join(lines[start:end]))


def test_both_guides_walk_through_the_same_files_and_commands():
    english = walkthrough("guide.en.md")
    assert english == walkthrough("guide.zh.md")
    kinds = [(lang, info.strip()) for lang, info, _ in english]
    assert ("yaml", "file=formats/shili-2016.yaml") in kinds and ("toml", "file=golocheck.toml") in kinds
    assert any("golocheck test-rules" in body for lang, _, body in english if lang == "sh")


def test_the_walkthrough_runs_as_written(tmp_path):
    last = None
    ran = 0
    for lang, info, body in walkthrough("guide.en.md"):
        name = re.search(r"\bfile=(\S+)", info)
        if name:
            (tmp_path / name.group(1)).write_text(body, encoding="utf-8")
        elif lang == "sh":
            last = ""
            for line in filter(str.strip, body.splitlines()):
                argv = shlex.split(line, comments=True)
                if argv[0] == "golocheck":
                    code, out, err = golocheck_in_process(*argv[1:], cwd=tmp_path)
                else:
                    done = subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=60)
                    code, out, err = done.returncode, done.stdout, done.stderr
                expected = re.search(r"# exit code (\d+)", line)
                assert code == (int(expected.group(1)) if expected else 0), (line, out, err)
                assert "Traceback" not in err
                last += out
                ran += 1
        elif lang == "text":
            assert last is not None, "an output block follows the command that prints it"
            missing = [line for line in body.splitlines() if line.strip() and line not in last.splitlines()]
            assert not missing, f"the guide shows lines the command did not print: {missing}\n{last}"
    assert ran >= 4
    assert (tmp_path / "report.json").is_file()


@pytest.mark.parametrize("guide", ["guide.en.md", "guide.zh.md"])
def test_the_configuration_section_names_the_keys(guide):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    assert "format-paths" in text.split("## 5.")[0] and "rule-paths" in text.split("## 5.")[0]
