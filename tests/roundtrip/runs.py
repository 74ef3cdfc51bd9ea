"""Cutting printed text into runs at random places, as editing leaves it in real documents
("总</span><span>计", "20</span><span>23", a Word run boundary inside a label)."""

from __future__ import annotations

import random


def split_runs(text: str, rng: random.Random, max_pieces: int = 4) -> list[str]:
    """``text`` cut at up to ``max_pieces - 1`` random places (never into empty pieces)."""
    if len(text) < 2:
        return [text] if text else []
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(0, max_pieces - 1))))
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def wrap_label(text: str, rng: random.Random) -> list[str]:
    """A short header label wrapped over two lines, as narrow template columns print
    商业企业 as 商业 / 企业."""
    if 4 <= len(text) <= 6 and rng.random() < 0.5:
        return [text[:2], text[2:]]
    return [text]
