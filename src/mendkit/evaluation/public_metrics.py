"""Metrics and rows of the public scoreboard: rank-based ROC-AUC, F1, accuracy, deterministic samples."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Final, TypedDict, TypeVar

from mendkit.evaluation.metrics import prf

SEED: Final = 13
T = TypeVar("T")


class PublicRow(TypedDict):
    benchmark: str
    metric: str
    ours: float | None
    anchor: float | None
    anchor_source: str
    n: int
    note: str


def roc_auc(gold: Sequence[bool], scores: Sequence[float]) -> float | None:
    """ROC-AUC as the Mann-Whitney statistic: the chance that a random positive outscores a random
    negative, ties counting one half (average ranks). None when either class is empty."""
    if len(gold) != len(scores):
        raise ValueError("roc_auc: gold and scores differ in length")
    positives = sum(gold)
    negatives = len(gold) - positives
    if not positives or not negatives:
        return None
    order = sorted(range(len(scores)), key=scores.__getitem__)
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1  # ranks i+1 .. j+1, averaged
        i = j + 1
    rank_sum = sum(r for r, g in zip(ranks, gold, strict=True) if g)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    """F1 of the positive class (0.0 when there is nothing to find and nothing is found)."""
    return prf(zip(gold, predicted, strict=True)).f1


def accuracy(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def sample(items: Sequence[T], limit: int | None, seed: int = SEED) -> tuple[list[T], str]:
    """At most ``limit`` items, drawn with a fixed seed and kept in file order, and a note saying so."""
    if limit is None or len(items) <= limit:
        return list(items), ""
    picked = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in picked], f"random sample of {limit} of {len(items)} (seed {seed})"


def row(benchmark: str, metric: str, ours: float | None, n: int, *notes: str,
        anchor: float | None = None, anchor_source: str = "") -> PublicRow:
    """One scoreboard row; with no items (``n`` 0) there is no figure, whatever was computed."""
    if n == 0 and ours is not None:
        ours, notes = None, ("no items to score", *notes)
    return PublicRow(benchmark=benchmark, metric=metric,
                     ours=None if ours is None else round(ours, 4),
                     anchor=None if anchor is None else round(anchor, 4),
                     anchor_source=anchor_source, n=n,
                     note="; ".join(x for x in notes if x))


def missing(benchmark: str, what: str) -> PublicRow:
    return row(benchmark, "-", None, 0, f"data not found: {what}")
