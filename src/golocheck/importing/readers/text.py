"""Plain text and Markdown -> Document.

What a text file holds, as lines:

- a Markdown pipe table (lines starting with "|") is a Grid; its separator rows
  ("|---|:---:|") are dropped, and a line followed by a separator starts a new grid, as
  the extraction that wrote it began a new table there. Rows are padded with blank
  cells to the widest row (machine extractions shred header rows into odd widths).
- an ATX heading ("## 一、总体情况") is a Block with its level;
- any other line that is not blank is a Block;
- a stretch of a line where a table was flattened into text ("…申请数量640020470二、上年
  结转…0000000三、…") is a Grid with ``flattened=True``: one row per label followed by
  its run of digits, [label cell, run cell]. Which cells a run holds is decided later,
  under the format's relations (importing.digitruns).

Markdown syntax is read in ``.txt`` files too: extractions of PDFs are saved as either.
Nothing here knows a format: a flattened stretch is told by its shape alone (at least
MIN_FLATTENED_RUNS runs, every label between two runs holding a word and no sentence
punctuation outside brackets and at least two word characters), so prose such as "全年主动公开信息2645条，…" stays prose.
Fewer runs go on a flattened table when only a little prose (a heading, a sentence) stands
between it and them and their label holds no sentence ("…0 0 0 四、…情况 本年度无相关案件。
行政复议 行政诉讼 … 总计 0 0 0 …": 表四 after a sentence).

Every cell and block carries its TextPlace (1-based line and column of its first character).
"""

from __future__ import annotations

import re
from functools import lru_cache

from golocheck.diagnostics import TextPlace
from golocheck.importing import ImportRefused
from golocheck.importing.document import Block, Cell, Document, Grid
from golocheck.importing.labels import CELL_UNITS, MEASURE_WORDS

DECODE_FAILED = "I002"
MIN_FLATTENED_RUNS = 3
# How much prose (a heading and a sentence) may stand between a flattened table and runs
# that go on it: characters from the table's last run to the next label.
_RESUME_GAP = 120
_RESUME_LABEL = 8  # word characters of the label of runs that go on a table after prose
# A run: ASCII digits, with a decimal point between digits and single spaces inside (a
# space a page printed between two cells, "500000 5"). A figure after the first may carry
# a minus sign, printed after a space or straight after the figure before it ("28 -6",
# "35-15": a change column); which cells may be negative is the format's to say
# (importing.digitruns). An ordinal ("1.属于…") right after a label is part of that label,
# not a run; so is one after a space at a run's end ("0 0 0 2.其他…": the next label's).
# A figure of a run may also carry its unit when another figure follows after a space
# ("2笔 984361元": a unit printed in the cell ends that cell; importing.digitruns reads it).
_UNIT = f"(?:[{re.escape(CELL_UNITS)}](?=[ \u00a0\u3000]-?\\d))?"
_RUN = re.compile(rf"\d+(?:\.\d+)?{_UNIT}(?:(?:[ \u00a0\u3000]-?|-)\d+(?:\.\d+)?{_UNIT})*")
_LAST_PIECE = re.compile(r"[ \u00a0\u3000]\d{1,2}$")
_ORDINAL = re.compile(r"\d{1,2}[.．、](?=\D)")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SEPARATOR_CELL = re.compile(r":?-{1,}:?")
# Sentence punctuation: a label holding one outside brackets is prose, not a table's label.
_SENTENCE = set("，,。；;：:！？!?")
_OPEN, _CLOSE = "（([【《“", "）)]】》”"
_WORD = re.compile(r"[\u3400-\u9fff]")
_HEADING_ORDINAL = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
_OF_WHICH = "其中"  # the word that opens an of-which row of a statistics table ("其中：1、…")
# Measure words and units: text that goes on with one after a figure ("868家、", "197条（")
# is a sentence counting something, not a table's next label. Chinese grammar, no format's words.
_MEASURE_WORDS = set(MEASURE_WORDS)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM), else GB18030; else the file is refused (I002)."""
    error: UnicodeDecodeError | None = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
    at = error.start if error is not None else 0
    byte = f"0x{raw[at]:02x}" if at < len(raw) else "?"
    raise ImportRefused(DECODE_FAILED, {"encodings": "UTF-8、GB18030", "encodings_en": "UTF-8, GB18030", "offset": at, "byte": byte})


def read(raw: bytes, display: str, markdown: bool = False) -> Document:
    text = decode(raw)
    lines = text.splitlines()
    items: list = []
    tables = 0
    number = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_pipe_row(line):
            end = i
            while end < len(lines) and _is_pipe_row(lines[end]):
                end += 1
            for grid_lines in _split_tables(lines, i, end):
                tables += 1
                items.append(_pipe_grid(lines, grid_lines, tables))
            i = end
            continue
        number += 1
        stripped = line.strip()
        if stripped:
            column = len(line) - len(line.lstrip()) + 1
            heading = _HEADING.match(stripped)
            if heading and heading.group(2):
                offset = stripped.index(heading.group(2))
                items.append(Block(heading.group(2), TextPlace(i + 1, column + offset), len(heading.group(1))))
            else:
                for item in _flattened(line, i + 1, tables):
                    if isinstance(item, Grid):
                        tables += 1
                        item = Grid(item.rows, item.place, tables, flattened=True)
                    items.append(item)
        i += 1
    return Document(display, "markdown" if markdown else "text", tuple(items), {}, tuple(lines))


# -- pipe tables ---------------------------------------------------------------------------


def _is_pipe_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _cells(line: str) -> list[tuple[str, int]]:
    """(text, 1-based column) of each cell of a pipe row; "\\|" is a literal bar."""
    start = line.index("|")
    cells, current, column = [], [], start + 2
    j = start + 1
    while j < len(line):
        ch = line[j]
        if ch == "\\" and j + 1 < len(line) and line[j + 1] == "|":
            current.append("|")
            j += 2
            continue
        if ch == "|":
            cells.append(("".join(current), column))
            current, column = [], j + 2
        else:
            current.append(ch)
        j += 1
    if "".join(current).strip():  # a row without its closing bar
        cells.append(("".join(current), column))
    placed = []
    for text, col in cells:
        lead = len(text) - len(text.lstrip())
        placed.append((text.strip(), col + lead if text.strip() else col))
    return placed


def _is_separator(line: str) -> bool:
    cells = _cells(line)
    return bool(cells) and all(_SEPARATOR_CELL.fullmatch(text.replace(" ", "")) for text, _ in cells)


def _split_tables(lines: list[str], start: int, end: int) -> list[list[int]]:
    """The line numbers (0-based) of each grid in a block of pipe rows, separators dropped."""
    grids: list[list[int]] = []
    current: list[int] = []
    for i in range(start, end):
        if _is_separator(lines[i]):
            continue
        header = i + 1 < end and _is_separator(lines[i + 1])
        if header and current:
            grids.append(current)
            current = []
        current.append(i)
    if current:
        grids.append(current)
    return grids


def _pipe_grid(lines: list[str], numbers: list[int], table: int) -> Grid:
    rows = [[Cell(text, TextPlace(i + 1, col)) for text, col in _cells(lines[i])] for i in numbers]
    width = max(len(r) for r in rows)
    padded = tuple(
        tuple(row) + tuple(Cell("", TextPlace(i + 1, len(lines[i]) + 1)) for _ in range(width - len(row)))
        for i, row in zip(numbers, rows)
    )
    return Grid(padded, TextPlace(numbers[0] + 1, padded[0][0].place.column if padded[0] else 1), table)


# -- flattened tables ----------------------------------------------------------------------


def _runs(line: str) -> list[re.Match]:
    """The runs of digits of a line, an ordinal right after a non-digit left to its label."""
    found = []
    pos = 0
    label_start = 0
    while True:
        match = _RUN.search(line, pos)
        if match is None:
            return found
        ordinal = _ORDINAL.match(line, match.start())
        if ordinal and (match.start() == 0 or not line[match.start() - 1].isdigit()):
            pos = ordinal.end()
            continue
        end = _own_end(line, match, line[label_start:match.start()])
        if end < match.end():
            match = _RUN.match(line, match.start(), end)
        found.append(match)
        # the next label begins after the run (an ordinal cut off it is that label's)
        pos = label_start = match.end()
        cut_ordinal = _ORDINAL.match(line, pos) if line[pos:pos + 1].isdigit() else None
        if cut_ordinal:
            pos = cut_ordinal.end()


def _own_end(line: str, match: re.Match, label: str) -> int:
    """Where a run ends when its last piece, printed after a space, holds the ordinal that
    begins the next label ("…0 0 0 2.其他法律…"): before that space — or, when digits
    touch the ordinal from the left ("…0 0 0 04.无正当…", "…1 0 0 14.…" after a label
    numbered 3.), after them: the ordinal is only the digits that continue the label's
    numbering (its own ordinal + 1), and never starts with 0. Unspaced ("00002.其他") the
    ordinal cannot be told from the run here; importing.digitruns reads it off."""
    piece = _LAST_PIECE.search(match.group())
    if not piece or not _ORDINAL.match(line, match.start() + piece.start() + 1):
        return match.end()
    digits = piece.group().lstrip(" \u00a0\u3000")
    numbered = _ORDINAL.findall(label)
    expected = str(int(numbered[-1][:-1]) + 1) if numbered else None
    if expected and len(digits) > len(expected) and digits.endswith(expected):
        return match.end() - len(expected)  # "…0 14." after "3.…": a cell "1", then "4."
    if len(digits) > 1 and digits[0] == "0":
        return match.end() - 1  # "…0 04.": a cell "0", then "4."
    return match.start() + piece.start()


def _prose(label: str) -> bool:
    """A label holding sentence punctuation outside brackets, or fewer than two word characters."""
    depth = 0
    for j, ch in enumerate(label):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if not depth:
                return True  # a figure inside brackets: "（2025版）、…"
            depth -= 1
        elif depth == 0 and ch in _SENTENCE and not _of_which(label, j):
            return True
    return len(_WORD.findall(label)) < 2  # "年" / "月" of a date are no table's labels


def _of_which(label: str, j: int) -> bool:
    """The colon of "其中：" that starts an of-which row of any statistics table
    ("…总数条00其中：1、当面申请数条00"): a table's word, not a sentence's punctuation."""
    return label[j] in "：:" and label[:j].strip().endswith(_OF_WHICH)


def _counts(after: str) -> bool:
    """Text after a figure that goes on with a measure word (“34 件、…”)."""
    after = after.lstrip(" \u00a0\u3000")
    return bool(after) and after[0] in _MEASURE_WORDS


def _unit_closes(line: str, end: int) -> bool:
    """A cell's unit right after the last figure of a stretch and then a space, the line's
    end or the next part's heading ("…采购4512000.50元 三、…", "…万元三、收到…"): the unit
    printed in the figure's cell, not a sentence going on ("…情况2019年，…", "34件，")."""
    return bool(_closing_unit(line, end))


@lru_cache(maxsize=1)
def _unit_words() -> tuple[str, ...]:
    """The units a figure's cell may print: the measure words of CELL_UNITS and every unit
    a format declares for a cell (万元), longest first. The reader knows no format; the
    words are the formats' data, the same for every document."""
    from golocheck.formats import unit_words

    return tuple(sorted({*CELL_UNITS, *unit_words()}, key=lambda u: (-len(u), u)))


def _closing_unit(line: str, end: int) -> str:
    """The unit that closes the cell of the figure ending at ``end`` (see _unit_closes), or ""."""
    for unit in _unit_words():
        if not line.startswith(unit, end):
            continue
        after = end + len(unit)
        if after == len(line) or line[after] in " \u00a0\u3000" or _HEADING_ORDINAL.match(line, after):
            return unit
    return ""


def _table_start(text: str) -> int:
    """Where the first label of a flattened stretch begins in the text before its first
    run: after the last sentence punctuation outside brackets."""
    depth, start = 0, 0
    for j, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _SENTENCE:
            start = j + 1
    return start


def _stretches(line: str, runs: list[re.Match]) -> list[tuple[int, int]]:
    """Indices [first, last] of runs forming flattened tables: consecutive runs whose
    labels between them are table labels, at least MIN_FLATTENED_RUNS long."""
    out, first = [], 0
    for k in range(1, len(runs) + 1):
        between = line[runs[k - 1].end():runs[k].start()] if k < len(runs) else ""
        if k == len(runs) or _prose(between) or _counts(between):
            last = k - 1
            while last >= first and _counts(line[runs[last].end():runs[last].end() + 3]) and not _unit_closes(line, runs[last].end()):
                last -= 1  # "…情况2019年…": the stretch's last figure begins a sentence
            if last - first + 1 >= MIN_FLATTENED_RUNS or (last >= first and out and _resumes(line, runs, out[-1][1], first, last)):
                out.append((first, last))
            first = k
    return out


def _resumes(line: str, runs: list[re.Match], previous: int, first: int, last: int) -> bool:
    """Whether runs ``first``..``last``, too few for a table of their own, go on the table
    that ends at run ``previous``: a short stretch of prose after it (a part's heading, one
    sentence: "四、…情况 本年度无相关案件。"), then a table's label — no sentence in it, at
    least _RESUME_LABEL word characters (表四's header words "行政复议 行政诉讼 … 总计") — right
    before the runs, and after them white space, the line's end or a part's heading
    ("…0 0 0 五、…"), not words going on ("…图表、H5等方式…" is prose)."""
    before = runs[first - 1].end()
    label = line[before:runs[first].start()]
    start = _table_start(label)
    if not start or before + start - runs[previous].end() > _RESUME_GAP:
        return False
    tail = label[start:]
    after = line[runs[last].end():]
    ends = not after or after[0] in " \u00a0\u3000" or bool(_HEADING_ORDINAL.match(after))
    return ends and not _prose(tail) and len(_WORD.findall(tail)) >= _RESUME_LABEL


def _flattened(line: str, number: int, tables: int) -> list:
    """A line as blocks and flattened grids, in reading order."""
    runs = _runs(line)
    stretches = _stretches(line, runs)
    if not stretches:
        return [_block(line, 0, len(line), number)]
    items, pos = [], 0
    for first, last in stretches:
        before = runs[first - 1].end() if first else 0
        start = max(pos, before + _table_start(line[before:runs[first].start()]))
        if line[pos:start].strip():
            items.append(_block(line, pos, start, number))
        rows, label_start = [], start
        for match in runs[first:last + 1]:
            label = _cell(line, label_start, match.start(), number)
            rows.append((label, Cell(match.group(), TextPlace(number, match.start() + 1))))
            label_start = match.end()
        # the unit printed after the stretch's last figure is its cell's ("…采购 3 1690.99万元 三、…"):
        # it stays with the run, for importing.digitruns to compare with the cell's unit
        unit = _closing_unit(line, runs[last].end())
        if unit:
            label, run = rows[-1]
            rows[-1] = (label, Cell(run.text + unit, run.place))
        items.append(Grid(tuple(rows), rows[0][0].place, tables + 1, flattened=True))
        pos = runs[last].end() + len(unit)
    if line[pos:].strip():
        items.append(_block(line, pos, len(line), number))
    return items


def _cell(line: str, start: int, end: int, number: int) -> Cell:
    text = line[start:end]
    lead = len(text) - len(text.lstrip())
    return Cell(text.strip(), TextPlace(number, start + lead + 1))


def _block(line: str, start: int, end: int, number: int) -> Block:
    cell = _cell(line, start, end, number)
    return Block(cell.text, cell.place)
