"""Insights over journal entries: pure computations, no database (the caller passes the entries).

Choices, stated once:
* uptake ratio = (accepted + 0.5 x partly) / repair attempts; ``not_yet`` and ``rejected`` count 0.
* time to repair: for each rupture, hours until the first repair entry at or after it (and before
  the next rupture); ruptures never followed by a repair are left out of the median.
* who repairs first: the ``by`` field (me / them) of that first repair.
* recurring triggers: words of 4+ letters (minus common words) found in 2+ rupture descriptions.
* patterns: criticism, contempt, defensiveness, stonewalling, read from the last part of each label
  (``criticism`` or ``rupture.confrontation.criticism``).
* connection trend: least-squares slope of check-in scores per day; ``connection_per_week`` is the
  mean check-in score of each ISO week (for the chart).

Each timestamp is parsed once: with 10,000 entries the figures take a few milliseconds.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, Protocol

PATTERNS = ("criticism", "contempt", "defensiveness", "stonewalling")
UPTAKES = ("accepted", "partly", "not_yet", "rejected")
_STOP = frozenset((
    "about", "after", "again", "always", "because", "before", "being", "could", "didn't", "doesn't",
    "every", "from", "have", "just", "like", "never", "really", "said", "should", "that", "their",
    "them", "then", "there", "they", "this", "told", "wasn't", "were", "what", "when", "which", "while",
    "with", "would", "your", "you're",
))
_WORD = re.compile(r"[a-z][a-z']{3,}")

Row = tuple[str, str, Mapping[str, Any]]
"""One entry as ``(kind, occurred_at, body)``: what :meth:`Journal.insight_rows` returns."""


class EntryLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def occurred_at(self) -> str: ...
    @property
    def body(self) -> Mapping[str, Any]: ...


def parse_when(occurred_at: str) -> datetime:
    """The entry's time as a naive datetime (an offset, if given, is dropped: local wall time)."""
    when = datetime.fromisoformat(occurred_at)
    return when if when.tzinfo is None else when.replace(tzinfo=None)


def _week(when: datetime) -> str:
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def relationship_insights(entries: Iterable[EntryLike]) -> dict[str, Any]:
    """Figures for one relationship's entries (any order)."""
    return insights_from_rows([(e.kind, e.occurred_at, e.body) for e in entries])


def insights_from_rows(rows: Iterable[Row]) -> dict[str, Any]:
    """Figures from ``(kind, occurred_at, body)`` rows (any order; equal times keep their order)."""
    timed = sorted(((parse_when(at), kind, body) for kind, at, body in rows), key=itemgetter(0))
    ruptures = [(t, b) for t, k, b in timed if k == "rupture"]
    repairs = [(t, b) for t, k, b in timed if k == "repair"]
    checkins = [(t, b) for t, k, b in timed if k == "checkin"]

    weeks = Counter(_week(t) for t, _ in ruptures)

    uptake = Counter(str(b["uptake"]) for _, b in repairs)
    ratio = ((uptake["accepted"] + 0.5 * uptake["partly"]) / len(repairs)) if repairs else None

    hours: list[float] = []
    first_by: Counter[str] = Counter()
    repair_times = [t for t, _ in repairs]  # sorted, as ``timed`` is
    rupture_times = [t for t, _ in ruptures]
    for i, start in enumerate(rupture_times):
        end = rupture_times[i + 1] if i + 1 < len(rupture_times) else None
        j = bisect.bisect_left(repair_times, start)
        if j < len(repairs) and (end is None or repair_times[j] < end):
            hours.append((repair_times[j] - start).total_seconds() / 3600)
            first_by[str(repairs[j][1].get("by", "me"))] += 1

    docs = [set(_WORD.findall(str(b["what"]).lower())) - _STOP for _, b in ruptures]
    word_docs = Counter(w for d in docs for w in d)
    triggers = sorted(((w, n) for w, n in word_docs.items() if n >= 2), key=lambda x: (-x[1], x[0]))

    patterns: Counter[str] = Counter()
    for _, b in ruptures:
        for label in b.get("labels") or ():
            tail = str(label).rsplit(".", 1)[-1]
            if tail in PATTERNS:
                patterns[tail] += 1

    scores = [(t, float(b["score"])) for t, b in checkins]
    per_week: defaultdict[str, list[float]] = defaultdict(list)
    for t, score in scores:
        per_week[_week(t)].append(score)
    t0 = scores[0][0] if scores else None
    slope = (least_squares_slope([(t - t0).total_seconds() / 86400 for t, _ in scores],
                                 [s for _, s in scores]) if t0 is not None else None)

    return {
        "ruptures": len(ruptures),
        "ruptures_per_week": dict(sorted(weeks.items())),
        "repair_attempts": len(repairs),
        "uptake": {k: uptake[k] for k in UPTAKES},
        "uptake_ratio": ratio,
        "median_hours_to_repair": statistics.median(hours) if hours else None,
        "first_repair_by": dict(sorted(first_by.items())),
        "recurring_triggers": [{"word": w, "ruptures": n} for w, n in triggers[:10]],
        "patterns": {p: patterns[p] for p in PATTERNS},
        "connection_slope_per_day": slope,
        "connection_per_week": {w: statistics.fmean(v) for w, v in sorted(per_week.items())},
    }


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The slope of the least-squares line through the points; None for fewer than two x values.

    >>> least_squares_slope([0, 1, 2], [4, 6, 8])
    2.0
    """
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
