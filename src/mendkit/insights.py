"""Insights over journal entries: pure computations, no database (the caller passes the entries).

Choices, stated once:
* uptake ratio = (accepted + 0.5 x partly) / repair attempts; ``not_yet`` and ``rejected`` count 0.
* time to repair: for each rupture, hours until the first repair entry at or after it (and before
  the next rupture); ruptures never followed by a repair are left out of the median.
* who repairs first: the ``by`` field (me / them) of that first repair.
* recurring triggers: words of 4+ letters (minus common words) found in 2+ rupture descriptions.
* patterns: criticism, contempt, defensiveness, stonewalling, read from the last part of each label
  (``criticism`` or ``rupture.confrontation.criticism``).
* connection trend: least-squares slope of check-in scores per day.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

PATTERNS = ("criticism", "contempt", "defensiveness", "stonewalling")
_STOP = frozenset((
    "about", "after", "again", "always", "because", "before", "being", "could", "didn't", "doesn't",
    "every", "from", "have", "just", "like", "never", "really", "said", "should", "that", "their",
    "them", "then", "there", "they", "this", "told", "wasn't", "were", "what", "when", "which", "while",
    "with", "would", "your", "you're",
))
_WORD = re.compile(r"[a-z][a-z']{3,}")


class EntryLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def occurred_at(self) -> str: ...
    @property
    def body(self) -> Mapping[str, Any]: ...


def _when(entry: EntryLike) -> datetime:
    return datetime.fromisoformat(entry.occurred_at).replace(tzinfo=None)


def relationship_insights(entries: Sequence[EntryLike]) -> dict[str, Any]:
    """Figures for one relationship's entries (any order)."""
    ordered = sorted(entries, key=_when)
    ruptures = [e for e in ordered if e.kind == "rupture"]
    repairs = [e for e in ordered if e.kind == "repair"]
    checkins = [e for e in ordered if e.kind == "checkin"]

    weeks: Counter[str] = Counter()
    for e in ruptures:
        year, week, _ = _when(e).isocalendar()
        weeks[f"{year}-W{week:02d}"] += 1

    uptake = Counter(str(e.body["uptake"]) for e in repairs)
    ratio = ((uptake["accepted"] + 0.5 * uptake["partly"]) / len(repairs)) if repairs else None

    hours: list[float] = []
    first_by: Counter[str] = Counter()
    repair_times = [_when(p) for p in repairs]  # sorted, as ``ordered`` is
    rupture_times = [_when(r) for r in ruptures]
    for i, start in enumerate(rupture_times):
        end = rupture_times[i + 1] if i + 1 < len(rupture_times) else None
        j = bisect.bisect_left(repair_times, start)
        if j < len(repairs) and (end is None or repair_times[j] < end):
            hours.append((repair_times[j] - start).total_seconds() / 3600)
            first_by[str(repairs[j].body.get("by", "me"))] += 1

    docs = [set(_WORD.findall(str(e.body["what"]).lower())) - _STOP for e in ruptures]
    word_docs = Counter(w for d in docs for w in d)
    triggers = sorted(((w, n) for w, n in word_docs.items() if n >= 2), key=lambda x: (-x[1], x[0]))

    patterns: Counter[str] = Counter()
    for e in ruptures:
        for label in e.body.get("labels") or ():
            tail = str(label).rsplit(".", 1)[-1]
            if tail in PATTERNS:
                patterns[tail] += 1

    return {
        "ruptures": len(ruptures),
        "ruptures_per_week": dict(sorted(weeks.items())),
        "repair_attempts": len(repairs),
        "uptake": {k: uptake[k] for k in ("accepted", "partly", "not_yet", "rejected")},
        "uptake_ratio": ratio,
        "median_hours_to_repair": statistics.median(hours) if hours else None,
        "first_repair_by": dict(sorted(first_by.items())),
        "recurring_triggers": [{"word": w, "ruptures": n} for w, n in triggers[:10]],
        "patterns": {p: patterns[p] for p in PATTERNS},
        "connection_slope_per_day": _slope(checkins),
    }


def _slope(checkins: Sequence[EntryLike]) -> float | None:
    if len(checkins) < 2:
        return None
    t0 = _when(checkins[0])
    xs = [(_when(c) - t0).total_seconds() / 86400 for c in checkins]
    ys = [float(c.body["score"]) for c in checkins]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
