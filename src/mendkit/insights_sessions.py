"""The therapist's view: figures across one client's analysed sessions (pure, no database).

Each session is an ``analysis`` journal entry: ``occurred_at`` is the session date and the body
holds ``client`` and ``analysis`` (the ``mend analyze --json`` object). Choices, stated once:

* sessions are ordered by date; sessions on the same date keep the order they were given in.
* ruptures by type: the turns that carry each rupture label (withdrawal, confrontation,
  invalidation); a turn with two labels counts under both. ``ruptures`` counts the turns with any
  rupture label, so it can be less than the sum of the types.
* repaired share: episodes with status ``resolved`` (a repair attempt the other person took up
  within the session) / episodes; attempted share likewise with ``attempted``. None for a session
  with no episode.
* withdrawal never addressed: the withdrawal turns of episodes that include a withdrawal and are
  ``unresolved`` (no repair attempt at all): the ruptures a therapist most often misses.
* trends: least-squares slope per session (sessions numbered 0, 1, 2, ...) of ruptures, and of
  the repaired share over the sessions that have one; None with fewer than two points.
* sessions where the safety detector found crisis signals are listed, so they are not missed.

>>> session_insights([])["sessions"]
[]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from mendkit.insights import EntryLike, least_squares_slope, parse_when

RUPTURE_TYPES = ("withdrawal", "confrontation", "invalidation")
_STATUSES = ("resolved", "attempted", "unresolved")


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _session(date: str, analysis: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    turns = {int(t["index"]): t for t in analysis.get("turns", ())}
    by_type: Counter[str] = Counter()
    ruptures = 0
    for turn in turns.values():
        kinds = {str(label).split(".")[1] for label in turn.get("labels", ())
                 if str(label).startswith("rupture.")}
        by_type.update(kinds & set(RUPTURE_TYPES))
        ruptures += bool(kinds)
    episodes = list(analysis.get("episodes", ()))
    status = Counter(str(e["status"]) for e in episodes)
    missed: list[dict[str, Any]] = []
    for ep in episodes:
        if ep["status"] != "unresolved" or "rupture.withdrawal" not in ep.get("labels", ()):
            continue
        indices = ep.get("rupture_turns") or [ep["start_turn"]]
        withdrawn = [i for i in indices
                     if "rupture.withdrawal" in turns.get(int(i), {}).get("labels", ())]
        for i in withdrawn or [ep["start_turn"]]:
            turn = turns.get(int(i), {})
            missed.append({"date": date, "turn": int(i), "speaker": turn.get("speaker", ""),
                           "text": turn.get("text", "")})
    safety = analysis.get("safety") or {}
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
        "crisis": bool(safety.get("crisis", False)),
        "mode": analysis.get("mode"),
    }
    return session, missed


def session_insights(entries: Iterable[EntryLike]) -> dict[str, Any]:
    """Figures across one client's ``analysis`` entries (any order; other kinds are ignored)."""
    ordered = sorted(((parse_when(e.occurred_at), e) for e in entries if e.kind == "analysis"),
                     key=itemgetter(0))
    sessions: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    for _, entry in ordered:
        session, gone = _session(entry.occurred_at, entry.body["analysis"])
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
            "ruptures_per_session_slope": least_squares_slope(
                [float(i) for i in range(len(sessions))], [float(s["ruptures"]) for s in sessions]),
            "repaired_share_slope": least_squares_slope([float(i) for i, _ in shared],
                                                        [float(v) for _, v in shared]),
        },
        "modes": sorted({str(s["mode"]) for s in sessions if s["mode"]}),
    }
