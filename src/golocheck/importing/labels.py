"""Printed text compared with a format's labels, and printed figures read as values.

Publishers wrap labels ("商业⏎企业"), space them out ("总 计"), mix full-width and ASCII
punctuation, renumber items ("1." / "1、" / "（1）") and misprint them ("2.其他法律行政止公开").
A label is compared by its ordinal and its words separately, after normalisation; the
words fuzzily. None of this knows any label: the labels come from the format definition.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from golocheck.importing.document import BLANK_CHARACTERS, is_blank

# Measure words and units that may follow a figure (Chinese grammar, no format's words):
# "868家", "2笔", "984361元".
MEASURE_WORDS = "个件条家次项类处版篇期场名份批笔元万亿年月日时分秒天周届台套座户张册余多倍%‰"
# Those of them a statistics cell may print after its figure (what is counted, or 元):
# no dates, times or approximations ("2019年 12", "30余").
CELL_UNITS = "个件条家次项类处篇份批笔元"

# ASCII and full-width forms of the punctuation labels use, folded to one form.
_FOLD = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "、": ".", "．": ".", "\u201c": "\"", "\u201d": "\"", "\u2018": "'", "\u2019": "'", "“": "\"", "”": "\""})
_SPACE = re.compile(f"[{re.escape(BLANK_CHARACTERS)}\\s]+")
# An item number at the start of a label: 一、 （一） 1. 1、 （1） 1）
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+\.|（[一二三四五六七八九十]+）|[0-9]+[.）]|（[0-9]+）)")
_PUNCT = re.compile(r"[\"'，。：；.·/／\-—–]")
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def squeeze(text: str) -> str:
    """The text without any white space (line breaks and letter spacing are layout)."""
    return _SPACE.sub("", text)


def normalise(text: str) -> str:
    return squeeze(text).translate(_FOLD)


def split_ordinal(text: str) -> tuple[str, str]:
    """(ordinal, words) of a normalised label: "（三）不予公开" -> ("（三）", "不予公开")."""
    match = _ORDINAL.match(text)
    return (match.group(0), text[match.end():]) if match else ("", text)


def words(text: str) -> str:
    """A label's words for comparison: normalised, ordinal and punctuation dropped."""
    return _PUNCT.sub("", split_ordinal(normalise(text))[1])


def similarity(printed: str, label: str) -> float:
    """How alike a printed label is to a format label, 0..1: the words by longest common
    blocks, with a small bonus when the ordinals agree and a penalty when both have one
    and they differ."""
    p_ord, _ = split_ordinal(normalise(printed))
    l_ord, _ = split_ordinal(normalise(label))
    a, b = words(printed), words(label)
    if not a or not b:
        return 0.0
    score = 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
    if p_ord and l_ord:
        score += 0.05 if p_ord.strip("（）.") == l_ord.strip("（）.") else -0.1
    return max(0.0, min(1.0, score))


def contains_words(text: str, phrase: str) -> bool:
    """Whether ``text`` shows the phrase, ignoring white space and punctuation forms."""
    return contains_bare(bare(text), phrase)


def bare(text: str) -> str:
    """The text as contains_words compares it: normalised, without punctuation. Compute it
    once for a long text (a whole grid) that many phrases are looked for in."""
    return _PUNCT.sub("", normalise(text))


@lru_cache(maxsize=4096)
def _bare_phrase(phrase: str) -> str:
    # phrases are the format's words (fingerprints, labels, headers): few, and the same
    # for every document, so they are prepared once per process
    return bare(phrase)


def bare_with_offsets(text: str) -> tuple[str, list[int]]:
    """``bare(text)`` and, for each of its characters, its index in ``text``: where a
    phrase found in the bare text is printed."""
    kept: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if _SPACE.fullmatch(ch):
            continue
        folded = ch.translate(_FOLD)
        if _PUNCT.fullmatch(folded):
            continue
        kept.append(folded)
        offsets.append(index)
    return "".join(kept), offsets


def contains_bare(bare_text: str, phrase: str) -> bool:
    """contains_words for a text already made ``bare``."""
    wanted = _bare_phrase(phrase)
    return bool(wanted) and wanted in bare_text


@lru_cache(maxsize=256)
def _prepared_labels(labels: tuple[str, ...]) -> tuple[tuple[str, str, SequenceMatcher | None], ...]:
    """The format's labels as similarity compares them: (ordinal, words, a matcher holding
    the words as its second sequence — difflib indexes that one, so it is done once)."""
    prepared = []
    for label in labels:
        ordinal, _ = split_ordinal(normalise(label))
        b = words(label)
        matcher = SequenceMatcher(None, "", b, autojunk=False) if b else None
        prepared.append((ordinal.strip("（）."), b, matcher))
    return tuple(prepared)


def similarity_matrix(printed: list[str], labels: list[str], floor: float = 0.0) -> list[list[float]]:
    """similarity(p, l) for every printed label and format label, except that a pair that
    cannot reach ``floor`` is 0.0 (difflib's quick upper bounds tell, without the full
    comparison). Same figures as similarity for every pair at or above the floor."""
    targets = _prepared_labels(tuple(labels))
    rows = []
    for text in printed:
        p_ord = split_ordinal(normalise(text))[0].strip("（）.")
        a = words(text)
        row = []
        for l_ord, b, matcher in targets:
            if not a or not b:
                row.append(0.0)
                continue
            bonus = (0.05 if p_ord == l_ord else -0.1) if p_ord and l_ord else 0.0
            if a == b:
                row.append(max(0.0, min(1.0, 1.0 + bonus)))
                continue
            matcher.set_seq1(a)
            if matcher.real_quick_ratio() + bonus < floor or matcher.quick_ratio() + bonus < floor:
                row.append(0.0)
                continue
            row.append(max(0.0, min(1.0, matcher.ratio() + bonus)))
        rows.append(row)
    return rows


def is_figure(text: str) -> bool:
    return bool(_NUMBER.match(squeeze(text)))


# A figure and a bracketed note after it, full-width or ASCII brackets: "22（其中修订 16 件）".
_NOTED = re.compile(r"^[\s\u3000]*(\d+(?:\.\d+)?)[\s\u3000]*[（(][\s\u3000]*([^（）()]*[^（）()\s\u3000])[\s\u3000]*[）)][\s\u3000]*$")


def read_value(text: str) -> Any:
    """A printed cell as a report value, never cleaned: blank -> None, "0" -> 0, a
    decimal -> a float as printed (7730.28), anything else (9210条, /, —, 无, a note)
    the printed text itself, line breaks and letter spacing removed."""
    if is_blank(text):
        return None
    compact = squeeze(text)
    if _NUMBER.match(compact):
        return float(compact) if "." in compact else int(compact)
    noted = _NOTED.match(text.replace("\n", ""))
    if noted and _NUMBER.match(noted.group(1)):
        # a figure printed with a note, "22（其中修订 16 件）": both kept (schema: value + note)
        figure = noted.group(1)
        return {"value": float(figure) if "." in figure else int(figure), "note": noted.group(2)}
    return text.strip(BLANK_CHARACTERS)


def ordered_pairs(sims: list[list[float]], minimum: float) -> list[tuple[int, int]]:
    """The ordered alignment of rows to columns of a similarity matrix: the pairs (i, j),
    both increasing, that maximise the summed similarity, each pair above 0 and at least
    ``minimum`` alike (dynamic programming; ties go to the earlier row)."""
    n, m = len(sims), len(sims[0]) if sims else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    takes = [[0 < v and v >= minimum for v in row] for row in sims]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sims[i][j] + best[i + 1][j + 1] if takes[i][j] else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if takes[i][j] and best[i][j] == sims[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
