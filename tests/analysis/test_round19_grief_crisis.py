"""Round 19 (tester t4, bereavement): suicidal wishes phrased as joining or following someone who
died are crisis signs in rules mode too; grief that is not a crisis, a figurative "pushed me" and
acceptance of a death ("I've made my peace with it. She had a good long life.") are not."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"


def _crisis_rules(text: str) -> list[str]:
    result = mendkit.check(text, mode="rules")
    return [e.source for e in result.evidence if e.label == CRISIS] if result.risk.crisis else []


@pytest.mark.parametrize("text", [
    # the tester's messages and probes
    "On the anniversary I'm going to go to the lake where she drowned and walk in after her.",
    "I want to go and be with her.",
    "I'm going to join him soon.",
    "Since our daughter died I've thought about following her.",
    "I just want to be with him again. I don't see the point of staying here without him.",
    "I've been visiting her grave at night and lying down on it, wishing I could stay there with her.",
    "Since my son killed himself I keep thinking I should follow him. I've been looking at the "
    "bridge he used.",
    "I keep thinking about taking all of his sleeping tablets and lying down in his bed.",
    "Heaven would be better than this. I've decided I'll be with her by Christmas.",
    "Last night I thought about just not waking up.",
    "I've made my peace. I'll see him soon.",
    # variants of our own
    "I want to join my son. Life without him means nothing.",
    "I lie on his grave at night and wish I could stay there with him.",
    "I'm going to join her. I can't stay here.",
    "Soon I'll be with my wife again. I've got the pills saved.",
    "I hope I don't wake up tomorrow.",
])
def test_joining_the_dead_is_a_crisis_in_rules_mode(text: str) -> None:
    assert _crisis_rules(text), text


@pytest.mark.parametrize("text", [
    "I'd give anything for one more day with her.",
    "Part of me died with him.",
    "I'd die for one more hug from my dad.",
    "When I die I want to be buried next to her.",
    "I'll see him again in heaven one day.",
    "I want to be with her family at Christmas.",
    "I'm going to join him for the memorial on Sunday.",
    "We're following her wishes for the service.",
    "I'm writing my will this weekend so the kids don't have to fight like we did.",
    "We're planning Dad's funeral on Thursday. Can you help me choose the hymns?",
    "Since Mum died I hope I'll be with her again one day, but not for a long time.",
    "I'll be with her by Christmas, I've booked the train home.",
    "I want to be with him when he goes, the nurses say it's days now.",
    "I lay flowers on her grave every week.",
    "I hope I don't wake up the baby when I come in.",
    "I found his sleeping tablets when I cleared his bathroom and took them to the pharmacy.",
    "I've made my peace with it. She had a good long life.",
])
def test_grief_that_is_not_a_crisis_raises_none(text: str) -> None:
    assert not _crisis_rules(text), text


def test_peace_made_about_ones_own_life_stays_a_sign() -> None:
    assert _crisis_rules("I've made my peace with it. I've had a good long life.")


@pytest.mark.parametrize("text", [
    "It's just that you pushed me last time and I went home and cried for hours.",
    "You pushed me too hard in our last session.",
    "Mum pushed me away in the hospice and I never got to say goodbye.",
    "My dad pushed me to study medicine and now he's gone...",
])
def test_a_figurative_push_is_no_danger(text: str) -> None:
    assert not _crisis_rules(text), text


@pytest.mark.parametrize("text", [
    "He pushed me down the stairs.",
    "She pushed me against the wall.",
    "You pushed me down the stairs.",
    "You pushed me against the wall and I hit my head.",
    "you pushed me and I fell",
    "My dad pushed me away and then he slapped me.",
])
def test_a_physical_push_stays_danger(text: str) -> None:
    assert _crisis_rules(text), text


def test_the_therapists_apology_counts_after_a_figurative_push() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Therapist", "How did the anniversary go?"),
        ("Client", "I don't want to talk about it. Can we talk about work instead?"),
        ("Therapist", "We can. I noticed we moved away from Leo, and I wonder if that felt too much."),
        ("Client", "It's just that you pushed me last time and I went home and cried for hours."),
        ("Therapist", "I'm sorry, I think I moved too fast last week. That was my misstep, not yours."),
        ("Client", "Yes. Thank you."),
    ]), mode="rules")
    assert CRISIS not in analysis.turns[3].labels
    assert not analysis.safety.crisis
    episode = next(e for e in analysis.episodes if e.start_turn <= 3 <= e.end_turn)
    assert episode.end_turn > 3 and 4 in episode.repair_turns


def test_despair_about_the_dead_is_not_read_as_withdrawal() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Helen", "Mum, what do you mean by that?"),
        ("Rose", "I just want to be with him again. There's no point to the days without him."),
    ]), mode="rules")
    assert CRISIS in analysis.turns[1].labels
    assert "rupture.withdrawal" not in analysis.turns[1].labels
