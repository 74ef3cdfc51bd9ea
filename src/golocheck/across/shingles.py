"""Section text -> a compact sketch of its shingles, the same in every process.

A shingle is ``n`` consecutive characters of the text after normalising it: white space
removed (a line broken elsewhere is the same text) and every digit written 0 (a copied
section with its own figures is still a copy). Each shingle is hashed with CRC-32 (stable
across processes, unlike ``hash``) and the sketch keeps the ``k`` smallest distinct hashes:
a bottom-k MinHash. Two sketches estimate the Jaccard similarity of the two shingle sets;
when both sets have at most ``k`` shingles the sketches *are* the sets and the similarity
is exact. Shingles of the format's own template text (its headings and labels, the
skeleton's placeholder) are left out before sketching, so the national template never
makes two reports alike.
"""

from __future__ import annotations

import re
import zlib
from array import array

_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def normalise(text: str) -> str:
    return _DIGIT.sub("0", _SPACE.sub("", text))


def shingle_hashes(text: str, n: int) -> set[int]:
    """The CRC-32 hashes of the n-character shingles of normalised ``text``."""
    raw = normalise(text).encode("utf-32-le")  # 4 bytes a character: a shingle is a slice
    width, step = 4 * n, 4
    if len(raw) < width:
        return set()
    crc = zlib.crc32
    return {crc(raw[i:i + width]) for i in range(0, len(raw) - width + 1, step)}


def sketch(hashes: set[int], k: int) -> array:
    """The ``k`` smallest hashes, ascending, as 32-bit unsigned integers."""
    return array("I", sorted(hashes)[:k])


def similarity(a: array, b: array, k: int) -> float:
    """The bottom-k estimate of the Jaccard similarity: of the k smallest hashes of the
    union, the share found in both sketches (exact when both sets fit in k)."""
    union = sorted(set(a).union(b))[:k]
    if not union:
        return 0.0
    in_a, in_b = set(a), set(b)
    return sum(1 for h in union if h in in_a and h in in_b) / len(union)
