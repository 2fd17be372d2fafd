"""Round 18: a boundary set by the person who was hurt ("I'm not going to keep talking while you're
shouting at me. I'll be back in an hour.") is no rupture and no repair of the episode: it stays
``unresolved``, with no initiator, until the one who ruptured repairs. The same time-out from the
one who shouted is the pause the coach teaches, and still a repair attempt."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import is_rupture

MODES = ("rules", "full")
HARSH = "You're so stupid, you ruin everything! Why do I even bother with you?"
BOUNDARIES = [
    "I'm not going to keep talking while you're shouting at me. I'll be back in an hour.",
    "I won't discuss this while you're shouting at me. I'll come back in an hour.",
    "I'm not okay with being spoken to like that. I'm going for a walk and I'll be back in an hour.",
]


def episodes(turns: list[tuple[str, str]], mode: str) -> tuple[mendkit.Analysis, list[dict]]:
    analysis = mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode)
    return analysis, [e.to_dict() for e in analysis.episodes]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("boundary", BOUNDARIES)
def test_the_hurt_persons_boundary_leaves_the_episode_unresolved(boundary: str, mode: str) -> None:
    analysis, found = episodes([("Ana", HARSH), ("Ben", boundary)], mode)
    assert not [label for label in analysis.turns[1].labels if is_rupture(label)]
    assert len(found) == 1
    assert found[0]["status"] == "unresolved"
    assert found[0]["initiator"] is None
    assert found[0]["repair_turns"] == []


def test_the_boundary_is_read_as_one_in_rules_mode() -> None:
    result = mendkit.check(BOUNDARIES[0], mode="rules").to_dict()
    assert "repair.request" in result["labels"]
    assert {e["subtype"] for e in result["evidence"] if e["label"] == "repair.request"} == {
        "boundary"}


@pytest.mark.parametrize("mode", MODES)
def test_the_one_who_ruptured_repairs_after_the_boundary(mode: str) -> None:
    _, found = episodes([
        ("Ana", HARSH),
        ("Ben", BOUNDARIES[0]),
        ("Ana", "I'm sorry I shouted and called you stupid. That was cruel and it's not true."),
        ("Ben", "Thank you. I forgive you."),
    ], mode)
    assert [(e["status"], e["initiator"], e["repair_turns"]) for e in found] == [
        ("resolved", "Ana", [2])]


@pytest.mark.parametrize("mode", MODES)
def test_a_time_out_from_the_one_who_shouted_is_still_a_repair_attempt(mode: str) -> None:
    _, found = episodes([
        ("Ana", HARSH),
        ("Ben", "Please don't call me stupid."),
        ("Ana", "I'm getting too angry. Give me ten minutes to calm down and then we can talk."),
    ], mode)
    assert [(e["status"], e["initiator"]) for e in found] == [("attempted", "Ana")]
