"""Episodes from per-turn analyses: status, severity, initiator, uptake and time to repair."""

from __future__ import annotations

from mendkit.analysis.episodes import find_episodes
from mendkit.model import Evidence, TurnAnalysis


def turn(i: int, speaker: str, *labels: str, start: float | None = None,
         subtype: str | None = None) -> TurnAnalysis:
    ev = tuple(Evidence(label=x, subtype=subtype, start=0, end=1, text="x", source="test")
               for x in labels)
    return TurnAnalysis(index=i, speaker=speaker, text="x", labels=labels,
                        scores=dict.fromkeys(labels, 0.9), evidence=ev, start=start)


def test_rupture_repair_and_uptake_resolve() -> None:
    eps = find_episodes([
        turn(0, "A", "rupture.confrontation", start=0.0),
        turn(1, "B", "rupture.withdrawal", start=5.0),
        turn(2, "A", "repair.responsibility", start=65.0),
        turn(3, "B", "reconnect", start=70.0),
    ])
    assert len(eps) == 1
    ep = eps[0]
    assert ep.status == "resolved"
    assert ep.initiator == "A"
    assert ep.taken_up
    assert ep.rupture_turns == (0, 1)
    assert ep.turns_to_repair == 2
    assert ep.seconds_to_repair == 65.0


def test_repair_without_uptake_is_attempted() -> None:
    eps = find_episodes([turn(0, "A", "rupture.invalidation"), turn(1, "B", "repair.feeling")])
    assert eps[0].status == "attempted"
    assert not eps[0].taken_up


def test_reconnect_from_the_repairer_alone_is_not_uptake() -> None:
    eps = find_episodes([
        turn(0, "A", "rupture.confrontation"), turn(1, "A", "repair.responsibility"),
        turn(2, "A", "reconnect"),
    ])
    assert eps[0].status == "attempted"


def test_no_repair_is_unresolved_and_contempt_is_major() -> None:
    eps = find_episodes([turn(0, "A", "rupture.confrontation", subtype="contempt"),
                         turn(1, "B")])
    assert eps[0].status == "unresolved"
    assert eps[0].severity == "major"
    assert eps[0].initiator is None


def test_a_rupture_after_resolution_opens_a_new_episode() -> None:
    eps = find_episodes([
        turn(0, "A", "rupture.confrontation"), turn(1, "B", "repair.validate"),
        turn(2, "A", "reconnect"), turn(3, "B", "rupture.withdrawal"),
    ])
    assert [e.status for e in eps] == ["resolved", "unresolved"]
    assert eps[1].start_turn == 3


def test_long_quiet_closes_an_episode() -> None:
    turns = [turn(0, "A", "rupture.confrontation")]
    turns += [turn(i, "AB"[i % 2]) for i in range(1, 12)]
    turns.append(turn(12, "B", "repair.responsibility"))
    eps = find_episodes(turns)
    assert eps[0].status == "unresolved"
    assert eps[0].end_turn == 0


def test_no_ruptures_no_episodes() -> None:
    assert find_episodes([turn(0, "A", "reconnect"), turn(1, "B", "repair.request")]) == ()
