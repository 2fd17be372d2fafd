"""The therapist's view: figures across one client's analysed sessions (pure, no database).

Each session is an ``analysis`` journal entry: ``occurred_at`` is the session date and the body
holds ``client`` and ``analysis`` (the ``mend analyze --json`` object). Choices, stated once:

* sessions are ordered by date (a date with an offset by its instant); sessions at the same time
  keep the order they were given in.
* ruptures by type: the turns that carry each rupture label (withdrawal, confrontation,
  invalidation); a turn with two labels counts under both. ``ruptures`` counts the turns with any
  rupture label, so it can be less than the sum of the types.
* repaired share: episodes with status ``resolved`` (a repair attempt the other person took up
  within the session) / episodes; attempted share likewise with ``attempted``. None for a session
  with no episode.
* withdrawal never addressed: the withdrawal turns of episodes that include a withdrawal and are
  ``unresolved`` (no repair attempt at all): the ruptures a therapist most often misses.
* trends: least-squares slope per session (sessions numbered 0, 1, 2, ...) of ruptures, and of
  the repaired share over the sessions that have one; None with fewer than
  ``MIN_TREND_SESSIONS`` points: a line through two sessions is no trend.
* sessions where the safety detector found crisis signals are listed, so they are not missed.
* a session whose stored analysis is not the shape ``mend analyze --json`` writes (an old import
  could store anything) is left out of every figure and its date listed in
  ``unreadable_sessions``: one damaged entry never hides the others.

>>> session_insights([])["sessions"]
[]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from mendkit.insights import EntryLike, instant_order, least_squares_slope, parse_when

RUPTURE_TYPES = ("withdrawal", "confrontation", "invalidation")
MIN_TREND_SESSIONS = 3
"""The fewest sessions a trend is drawn from."""
_STATUSES = ("resolved", "attempted", "unresolved")


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _trend(points: list[tuple[int, float]]) -> float | None:
    """The least-squares slope per session, or None from fewer than ``MIN_TREND_SESSIONS``."""
    if len(points) < MIN_TREND_SESSIONS:
        return None
    return least_squares_slope([float(i) for i, _ in points], [v for _, v in points])


class _Unreadable(ValueError):
    """A stored analysis is not the shape ``mend analyze --json`` writes."""


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Unreadable(f"{what} should be a list")
    return value


def _objects(value: object, what: str) -> list[Mapping[str, Any]]:
    items = _list(value, what)
    if not all(isinstance(item, Mapping) for item in items):
        raise _Unreadable(f"{what} should be objects")
    return items


def _index(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Unreadable(f"{what} should be a whole number")
    return value


def _labels(item: Mapping[str, Any], what: str) -> list[str]:
    labels = _list(item.get("labels", []), f"the labels of {what}")
    if not all(isinstance(label, str) for label in labels):
        raise _Unreadable(f"the labels of {what} should be text")
    return labels


def _session(date: str, analysis: object) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One session's figures and its withdrawal turns never addressed; ``_Unreadable`` when the
    analysis is not the shape ``mend analyze --json`` writes."""
    if not isinstance(analysis, Mapping):
        raise _Unreadable("the analysis should be an object")
    turns: dict[int, Mapping[str, Any]] = {}
    labels_of: dict[int, list[str]] = {}
    for turn in _objects(analysis.get("turns", []), "the turns"):
        i = _index(turn.get("index"), "a turn's index")
        turns[i], labels_of[i] = turn, _labels(turn, f"turn {i}")
    by_type: Counter[str] = Counter()
    ruptures = 0
    for labels in labels_of.values():
        kinds = {label.split(".")[1] for label in labels if label.startswith("rupture.")}
        by_type.update(kinds & set(RUPTURE_TYPES))
        ruptures += bool(kinds)
    episodes = _objects(analysis.get("episodes", []), "the episodes")
    statuses = [ep.get("status") for ep in episodes]
    if not all(isinstance(st, str) for st in statuses):
        raise _Unreadable("an episode's status should be text")
    status = Counter(statuses)
    episode_labels = [_labels(ep, f"episode {n}") for n, ep in enumerate(episodes)]
    missed: list[dict[str, Any]] = []
    for ep, labels in zip(episodes, episode_labels, strict=True):
        if ep["status"] != "unresolved" or "rupture.withdrawal" not in labels:
            continue
        start = _index(ep.get("start_turn"), "an episode's start_turn")
        indices = [_index(i, "an episode's rupture_turns")
                   for i in _list(ep.get("rupture_turns") or [start], "rupture_turns")]
        withdrawn = [i for i in indices if "rupture.withdrawal" in labels_of.get(i, ())]
        for i in withdrawn or [start]:
            turn = turns.get(i, {})
            missed.append({"date": date, "turn": i, "speaker": str(turn.get("speaker", "")),
                           "text": str(turn.get("text", ""))})
    safety = analysis.get("safety") or {}
    if not isinstance(safety, Mapping):
        raise _Unreadable("the safety part should be an object")
    mode = analysis.get("mode")
    session = {
        "date": date,
        "turns": len(turns),
        "ruptures": ruptures,
        "ruptures_by_type": {k: by_type[k] for k in RUPTURE_TYPES},
        "episodes": len(episodes),
        **{k: status[k] for k in _STATUSES},
        "repaired_share": _share(status["resolved"], len(episodes)),
        "attempted_share": _share(status["attempted"], len(episodes)),
        "withdrawal_unaddressed": len(missed),
        "crisis": safety.get("crisis", False) is True,
        "mode": mode if isinstance(mode, str) else None,
    }
    return session, missed


def session_insights(entries: Iterable[EntryLike]) -> dict[str, Any]:
    """Figures across one client's ``analysis`` entries (any order; other kinds are ignored)."""
    # parse_when refuses a time that is not ISO 8601; the order is that of the instants.
    ordered = sorted(((instant_order(e.occurred_at), e) for e in entries
                      if e.kind == "analysis" and parse_when(e.occurred_at)),
                     key=itemgetter(0))
    sessions: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    unreadable: list[str] = []
    for _, entry in ordered:
        body = entry.body
        try:
            session, gone = _session(entry.occurred_at, body.get("analysis")
                                     if isinstance(body, Mapping) else None)
        except _Unreadable:
            unreadable.append(entry.occurred_at)
            continue
        sessions.append(session)
        missed.extend(gone)
    episodes = sum(s["episodes"] for s in sessions)
    shared = [(i, s["repaired_share"]) for i, s in enumerate(sessions)
              if s["repaired_share"] is not None]
    return {
        "sessions": sessions,
        "ruptures": sum(s["ruptures"] for s in sessions),
        "ruptures_by_type": {k: sum(s["ruptures_by_type"][k] for s in sessions)
                             for k in RUPTURE_TYPES},
        "episodes": episodes,
        "repaired_share": _share(sum(s["resolved"] for s in sessions), episodes),
        "attempted_share": _share(sum(s["attempted"] for s in sessions), episodes),
        "withdrawal_unaddressed": missed,
        "crisis_sessions": [s["date"] for s in sessions if s["crisis"]],
        "trend": {
            "ruptures_per_session_slope": _trend([(i, float(s["ruptures"]))
                                                  for i, s in enumerate(sessions)]),
            "repaired_share_slope": _trend([(i, float(v)) for i, v in shared]),
        },
        "modes": sorted({str(s["mode"]) for s in sessions if s["mode"]}),
        "unreadable_sessions": unreadable,
    }
