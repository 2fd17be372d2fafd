"""Round 11 re-run: which crisis turns shape episodes. A sign of danger between people (a threat,
abuse) is a rupture of its own; talk of suicide or self-harm with no rupture opens no episode
("kms this exam" between friends); a crisis only the model saw changes no episode (its everyday
false alarms blocked an ordinary couple's repair)."""

from __future__ import annotations

from test_round11_episodes import APOLOGY, COMPLAINT, THANKS, THREAT, turn

from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.fusion import MODEL_SOURCE
from mendkit.model import Evidence, TurnAnalysis

SUICIDE_TALK = ("risk.crisis", "suicide", 0)


def model_only_crisis(i: int, speaker: str) -> TurnAnalysis:
    text = "idk maybe not make me feel guilty every time i have a long day"
    return TurnAnalysis(index=i, speaker=speaker, text=text, labels=("risk.crisis",),
                        scores={"risk.crisis": 0.9}, evidence=(Evidence(
                            label="risk.crisis", subtype=None, start=0, end=len(text), text=text,
                            source=f"{MODEL_SOURCE}, no rule matched", score=0.9),))


def test_suicide_talk_alone_opens_no_episode() -> None:
    eps = find_episodes([turn(0, "Zoe"), turn(1, "Maya", SUICIDE_TALK), turn(2, "Zoe")])
    assert eps == ()


def test_suicide_talk_inside_an_open_episode_keeps_the_episode_major_and_flagged() -> None:
    # Round twelve: only danger between the people (abuse, threats) stops later repairs from
    # counting; after suicide talk an apology and its uptake still repair the rupture, and the
    # episode keeps the crisis label and stays major (test_round12_episodes).
    eps = find_episodes([turn(0, "A", COMPLAINT), turn(1, "B", SUICIDE_TALK),
                         turn(2, "A", APOLOGY), turn(3, "B", THANKS)])
    assert [(e.start_turn, e.status, e.severity) for e in eps] == [(0, "resolved", "major")]
    assert "risk.crisis" in eps[0].labels


def test_a_threat_opens_an_episode_of_its_own() -> None:
    eps = find_episodes([turn(0, "Chris"), turn(1, "Alex", THREAT), turn(2, "Chris", APOLOGY),
                         turn(3, "Alex", THANKS)])
    assert [(e.start_turn, e.status, e.severity) for e in eps] == [(1, "unresolved", "major")]


def test_a_crisis_only_the_model_saw_does_not_block_a_repair() -> None:
    eps = find_episodes([turn(0, "Sam", COMPLAINT), model_only_crisis(1, "Alex"),
                         turn(2, "Sam", APOLOGY), turn(3, "Alex", THANKS)])
    assert [(e.start_turn, e.status) for e in eps] == [(0, "resolved")]
    assert "risk.crisis" not in eps[0].labels


def test_a_repair_a_day_and_more_later_still_belongs_to_its_episode() -> None:
    # "I'm sorry about what I said on Sunday" 30 hours later answers Sunday's episode.
    hours = 3600.0
    eps = find_episodes([turn(0, "Ivy", COMPLAINT, start=0.0), turn(1, "Jon", start=30.0),
                         turn(2, "Jon", APOLOGY, start=30 * hours),
                         turn(3, "Ivy", THANKS, start=30 * hours + 60)])
    assert [(e.start_turn, e.status, e.initiator) for e in eps] == [(0, "resolved", "Jon")]


def test_a_rupture_days_later_is_a_new_matter() -> None:
    day = 86_400.0
    eps = find_episodes([turn(0, "Ivy", COMPLAINT, start=0.0),
                         turn(1, "Jon", COMPLAINT, start=3 * day),
                         turn(2, "Ivy", APOLOGY, start=3 * day + 60)])
    assert [(e.start_turn, e.status) for e in eps] == [(0, "unresolved"), (1, "attempted")]
