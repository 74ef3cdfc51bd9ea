"""Nearly identical sections in the reports of two issuers of the same year, without
comparing every pair.

Candidates come from an inverted index of each section's ``anchors`` smallest hashes (the
first entries of its bottom-k sketch, a consistent sample of its shingles: two sections
with much text in common share most of them). A hash held by sections of very many reports
(more than ``common_share`` of the batch and at least ``common_at_least`` reports) is
boilerplate and indexes nothing. Two sections sharing at least ``min_shared`` anchors are a
candidate pair; only candidates are compared, on their whole sketches
(:func:`shingles.similarity`). The work grows with the size of the postings of rare
hashes, not with the square of the batch: :attr:`Search.comparisons` counts it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from math import ceil

from golocheck.across.shingles import similarity


@dataclass(frozen=True)
class CopyParams:
    threshold: float = 0.8
    anchors: int = 8
    min_shared: int = 2
    common_share: float = 0.01
    common_at_least: int = 5
    sketch_size: int = 256


@dataclass(frozen=True)
class Copy:
    later: int  # batch positions of the two reports
    later_section: int  # positions in their signatures' sections
    earlier: int
    earlier_section: int
    similarity: float


@dataclass
class Search:
    copies: list[Copy] = field(default_factory=list)
    comparisons: int = 0  # candidate pairs whose sketches were compared
    candidate_pairs_counted: int = 0  # pairs seen in postings (the index's own work)


def find_copies(signatures, params: CopyParams) -> Search:
    """``signatures``: (batch position, ReportSignature) of the reports with sections."""
    search = Search()
    reports = {position: sig for position, sig in signatures}
    postings: dict[int, list[tuple[int, int]]] = {}
    for position, sig in signatures:
        if sig.year is None or sig.issuer is None:
            continue  # whose and which year a text is must be known to call it copied
        for s_index, section in enumerate(sig.sections):
            for h in section.hashes[: params.anchors]:
                postings.setdefault(h, []).append((position, s_index))
    common = max(params.common_at_least, ceil(params.common_share * len(reports)))
    shared: Counter = Counter()
    for entries in postings.values():
        if len({p for p, _ in entries}) > common:
            continue  # boilerplate: in very many reports
        for i, (pa, sa) in enumerate(entries):
            for pb, sb in entries[i + 1:]:
                search.candidate_pairs_counted += 1
                if pa != pb and _comparable(reports[pa], reports[pb]):
                    shared[(pa, sa, pb, sb) if pa > pb else (pb, sb, pa, sa)] += 1
    for (later, ls, earlier, es), count in sorted(shared.items()):
        if count < params.min_shared:
            continue
        search.comparisons += 1
        score = similarity(reports[later].sections[ls].hashes, reports[earlier].sections[es].hashes, params.sketch_size)
        if score >= params.threshold:
            search.copies.append(Copy(later, ls, earlier, es, score))
    return search


def _comparable(a, b) -> bool:
    """Two different issuers' reports of the same year."""
    return a.year == b.year and a.issuer != b.issuer
