"""No Python names a format or its cells: every format, table, row, column, cell and section
id lives in src/golocheck/formats/*.yaml, and a new format is one data file (plus its rules)
— a province's format outside the package included (tests/test_user_data.py).

Every string literal of every module under src/golocheck is tokenised (docstrings are
prose and skipped; f-strings are scanned piece by piece). A literal that is an identifier
or a dotted path ("statistics.requests_received", "requests.", "reply_") is checked whole
and segment by segment; in prose only compound tokens (with "_" or ".") are checked, so
English words in messages do not count. A literal ending in "_" that starts some row
ids (a prefix test such as startswith("reply_")) is caught too.
"""

from __future__ import annotations

import ast
import re
import pytest

from golocheck.formats import all_formats
from helpers import ROOT

SRC = ROOT / "src" / "golocheck"

# Words that are format ids and also ordinary names in the code, allowed only in the files
# listed, each with the reason. Anything else that matches a format id fails.
ALLOWED = {
    "total": ({"checks/arithmetic.py", "checks/diagnosis.py"}, "the `total` parameter of sum rules and message argument, not the 总计 column"),
    "amount": ({"formats/__init__.py", "schema.py", "checks/context.py"}, "the number kind `amount`, not the procurement column"),
    "rules": ({"cli.py", "entry.py", "paths.py", "docgen.py", "yamlio.py", "reporters/sarif.py"}, "the rules/ directory, the `rules` command and SARIF's rules array, not the 规章 row"),
    "statistics": ({"entry.py"}, "the --statistics option of the check command, not the gov-2014 statistics table"),
    "previous_year": ({"checks/__init__.py"}, "the name of the check kind, not the 上一年项目数量 column"),
    "carried_over": ({"checks/__init__.py"}, "the name of the check kind, not the 上年结转 row"),
    "proactive": ({"registers.py", "checks/timelimits.py"}, "the proactive register (registers.proactive), not the section"),
    "requests": ({"registers.py"}, "the request register (registers.requests), not the 申请 table or section"),
    "change": ({"checks/timelimits.py"}, "an English message word (a change of the information), not the 本年增/减 column"),
}

_IDENT = re.compile(r"^[A-Za-z_][\w{}]*(?:\.[\w{}]*)*\.?$")
_TOKEN = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")


def format_ids() -> dict[str, set[str]]:
    """Every id of every format -> what it is ("gov-2019 row", ...)."""
    ids: dict[str, set[str]] = {}
    for fmt in all_formats().values():
        ids.setdefault(fmt.id, set()).add("format id")  # a check that tests for "gov-2014" knows a format by name
        for table in fmt.tables:
            ids.setdefault(table.id, set()).add(f"{fmt.id} table")
            for column, _ in table.columns:
                ids.setdefault(column, set()).add(f"{fmt.id} column")
            for row in table.rows:
                if row.id:
                    ids.setdefault(row.id, set()).add(f"{fmt.id} row")
                    ids.setdefault(f"{table.id}.{row.id}", set()).add(f"{fmt.id} cell")
                for cell in row.cells:
                    ids.setdefault(cell.id, set()).add(f"{fmt.id} cell")
        for section in fmt.sections:
            ids.setdefault(section.id, set()).add(f"{fmt.id} section")
    return ids


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def candidates(text: str) -> list[str]:
    """The tokens of one string literal that could be format ids."""
    stripped = text.strip()
    if _IDENT.match(stripped):
        whole = stripped.rstrip(".")
        return [whole, *(part for part in whole.split(".") if part)] if "{" not in whole else [p for p in whole.split(".") if p and "{" not in p]
    tokens = [t for t in _TOKEN.findall(text) if "_" in t or "." in t]
    return tokens + [part for t in tokens for part in t.split(".")]


def offending(relative: str, source: str, ids: dict[str, set[str]]) -> list[str]:
    """The format ids the string literals of one module (source text, path under src/golocheck) name."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    prefixes = {row_id.split("_")[0] + "_" for row_id in ids if "_" in row_id and "." not in row_id}
    # format ids such as gov-2014 are not identifiers: found anywhere in a literal, help texts included
    hyphenated = [(word, re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")) for word in ids if "-" in word]
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        for word, pattern in hyphenated:
            if pattern.search(node.value):
                found.append(f"{relative}:{node.lineno}: {word!r} is a format id ({', '.join(sorted(ids[word]))})")
        for word in dict.fromkeys(candidates(node.value)):
            allowed = ALLOWED.get(word)
            if word in ids and not (allowed and relative in allowed[0]):
                found.append(f"{relative}:{node.lineno}: {word!r} is a format id ({', '.join(sorted(ids[word]))})")
            elif word.endswith("_") and word in prefixes and node.value.strip() == word:
                found.append(f"{relative}:{node.lineno}: {word!r} is a prefix of format row ids")
    return found


def test_no_python_module_names_a_format_id():
    ids = format_ids()
    problems = [p for path in sorted(SRC.rglob("*.py")) for p in offending(path.relative_to(SRC).as_posix(), path.read_text(encoding="utf-8"), ids)]
    assert not problems, "format ids belong in formats/*.yaml or rule params:\n" + "\n".join(problems)


def test_every_allowed_word_is_still_needed():
    """An exception that no longer matches anything is removed, not kept "just in case"."""
    ids = format_ids()
    used = set()
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                used.update((word, relative) for word in candidates(node.value) if word in ALLOWED)
    for word, (files, reason) in ALLOWED.items():
        assert word in ids, f"{word!r} is no longer a format id: drop it from ALLOWED"
        for file in files:
            assert (word, file) in used, f"{word!r} is not used in {file} any more: drop it from ALLOWED"


@pytest.mark.parametrize(
    "source, word",
    [
        ('rows = ("reply_disclosed", "x")', "reply_disclosed"),
        ('cell = f"statistics.{row}"', "statistics"),
        ('ctx.cell("requests.new.total")', "requests.new.total"),
        ('table = fmt.table("requests")', "requests"),
        ('ok = row.startswith("refused_")', "refused_"),
        ('text = "see statistics.requests_received here"', "statistics.requests_received"),
        ('national = fmt.id == "gov-2014"', "gov-2014"),
        ('help = "The report format (gov-2014, gov-2019, gov-2021)"', "gov-2019"),
    ],
)
def test_the_scan_catches_ids(source, word):
    problems = offending("checks/probe.py", source, format_ids())
    assert any(repr(word) in p for p in problems), problems
