"""The seed article's two scenarios come out as the article tells them."""

from __future__ import annotations

import pytest

import mendkit
from mendkit import Conversation

BOSS_1 = ("I don't know why this took you so long. This should have been finished days ago, and "
          "honestly, it's not even what I was looking for. You need to be more efficient next time.")
BOSS_2 = ("Well, effort is great, but it doesn't matter if the outcome isn't what I asked for. I "
          "don't have time to micromanage, so next time, just get it right the first time.")
EMPLOYEE_REPAIR = (
    "I hear and understand your concerns about the project and appreciate your position. I will "
    "be sure to ask more clarifying questions next time to ensure I'm aligned with your "
    "expectations. It's important to me to do good work, and I would like to avoid "
    "misunderstanding if at all possible. However, I also feel frustrated by how this was "
    "communicated. I worked hard on this project, and it's distressing when my efforts are "
    "disregarded. Moving forward, I would appreciate it if we could find a way to have a more "
    "constructive conversation about feedback so that I can grow and make necessary improvements."
)
THERAPIST = (
    "I understand why you might feel upset, but can we try to view this experience from a more "
    "balanced perspective? You've handled this kind of situation before, right? It seems like you "
    "are having a strong reaction that may be disproportionate to the actual incident we're "
    "discussing."
)
CLIENT = (
    "I'm feeling really frustrated right now, and I think I need to be honest about it. When you "
    "mentioned that I might be making this a bigger deal than it is (at least that's what I heard "
    "you say in my head), I immediately felt like I was in the wrong and should stop feeling "
    "upset. I know that's a pattern for me, and I recognize that you have often pointed out how my "
    "triggered emotions can reflect experiences from my past when I often felt unheard or "
    "dismissed. I'm frustrated because I know that feeling of being unseen, and I don't want to "
    "fall back into old behaviors like trying to suppress it or be in denial about it."
)


@pytest.fixture(scope="module")
def workplace() -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns([
        ("Boss", BOSS_1),
        ("Employee", "I'm sorry it isn't what you wanted. I put a lot of effort into it, but next "
                     "time I'll be sure to ask more questions."),
        ("Boss", BOSS_2),
        ("Employee", "Understood."),
        ("Employee", EMPLOYEE_REPAIR),
    ]))


@pytest.fixture(scope="module")
def therapy() -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns([("Therapist", THERAPIST), ("Client", CLIENT)]))


def ruptures(turn: mendkit.TurnAnalysis) -> set[str]:
    return {x for x in turn.labels if x.startswith("rupture.")}


def test_both_boss_lines_are_ruptures(workplace: mendkit.Analysis) -> None:
    assert ruptures(workplace.turns[0])
    assert ruptures(workplace.turns[2])


def test_second_boss_line_dismisses_the_effort(workplace: mendkit.Analysis) -> None:
    turn = workplace.turns[2]
    assert "rupture.invalidation" in turn.labels
    spans = [e.text.lower() for e in turn.evidence if e.label == "rupture.invalidation"]
    assert any("effort" in s for s in spans)


def test_terse_understood_is_withdrawal(workplace: mendkit.Analysis) -> None:
    assert workplace.turns[3].labels == ("rupture.withdrawal",)
    assert workplace.turns[3].subtypes("rupture.withdrawal") == ("minimal_response",)


def test_employee_repair_is_validate_request_feeling(workplace: mendkit.Analysis) -> None:
    labels = set(workplace.turns[4].labels)
    assert {"repair.validate", "repair.request", "repair.feeling"} <= labels
    assert not ruptures(workplace.turns[4])


def test_workplace_episode_is_one_attempted_repair_by_the_employee(
    workplace: mendkit.Analysis,
) -> None:
    assert len(workplace.episodes) == 1
    episode = workplace.episodes[0]
    assert episode.status == "attempted"
    assert episode.initiator == "Employee"
    assert episode.start_turn == 0


def test_therapist_disproportionate_line_is_invalidation(therapy: mendkit.Analysis) -> None:
    turn = therapy.turns[0]
    assert "rupture.invalidation" in turn.labels
    assert "repair.validate" not in turn.labels  # "I understand ..., but" is not validation
    spans = " ".join(e.text.lower() for e in turn.evidence if e.label == "rupture.invalidation")
    assert "disproportionate" in spans


def test_client_answer_is_a_feeling_not_a_rupture(therapy: mendkit.Analysis) -> None:
    turn = therapy.turns[1]
    assert "repair.feeling" in turn.labels
    assert not ruptures(turn)  # reporting what the therapist said is not saying it
