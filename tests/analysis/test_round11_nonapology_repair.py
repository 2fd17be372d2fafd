"""Round 11: non-apologies without a "you" after the "but", a victim's self-blame, apologies with an
offer of repair, a politeness "sorry", warm acceptance and the client's intellectualising (rules mode)."""

from __future__ import annotations

import pytest

import mendkit

_RESP = "repair.responsibility"
_INVAL = "rupture.invalidation"
_WD = "rupture.withdrawal"


def _labels(text: str, *before: str) -> tuple[str, ...]:
    return mendkit.check(text, mode="rules", context=before).labels


@pytest.mark.parametrize("text", [
    "I'm sorry, but the timeline was unrealistic from the start and nobody told me the client "
    "meeting was moved.",
    "I'm sorry, but with everything going on at work, honestly anyone would have forgotten.",
    "If my email came across as harsh, I apologize, but someone needed to say it.",
    "I'm sorry you're so insecure about my ex, but we're just friends.",
    "I'm sorry you took my feedback personally. It's a professional environment and people need "
    "thicker skin.",
    "I'm sorry if anything I said might have possibly been taken the wrong way by some people.",
    "I'm sorry you were embarrassed.",
])
def test_non_apologies_are_invalidation_not_ownership(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert _INVAL in result.labels
    assert _RESP not in result.labels
    assert not result.components["ownership"]


@pytest.mark.parametrize("text", [
    "I'm sorry, but I was wrong to say that.",
    "I'm sorry you were embarrassed, that was my fault.",
    "I'm sorry I hurt you, but I still love you.",
])
def test_apologies_that_own_stay_ownership(text: str) -> None:
    labels = _labels(text)
    assert _RESP in labels
    assert _INVAL not in labels


@pytest.mark.parametrize("text", [
    "I'm sorry you were hurt by what happened at work.",
    "Sorry, but could you pass the salt?",
    "I'm sorry, but the shop is closed on Sundays.",
])
def test_sympathy_and_polite_buts_are_not_non_apologies(text: str) -> None:
    assert _INVAL not in _labels(text)


@pytest.mark.parametrize("text", [
    "I'm sorry I made you hit me. I'll be better, I promise.",
    "I'm sorry I made you push me",
    "Sorry for making you so angry that you had to hit me",
    "it's my fault he gets like that, I shouldn't have answered back",
    "It's my fault you hit me.",
    "I know I deserved it when you slapped me, I'm sorry.",
])
def test_a_victims_self_blame_is_not_ownership(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert _RESP not in result.labels
    assert not result.components["ownership"]


@pytest.mark.parametrize("text", ["I'm sorry I made you wait.", "I'm sorry I made you cry."])
def test_ordinary_made_you_apologies_still_own(text: str) -> None:
    assert _RESP in _labels(text)


@pytest.mark.parametrize(("text", "before"), [
    ("I took your charger without asking. I'm sorry, I'll bring it back tonight.", ()),
    ("I'm sorry, I'll bring it back tonight.", ()),
    ("You're right, sorry. I'll put them away now.",
     ("You left your shoes all over the hall again.",)),
])
def test_an_apology_with_an_offer_of_repair_is_ownership(text: str, before: tuple[str, ...]) -> None:
    labels = _labels(text, *before)
    assert _RESP in labels
    assert _WD not in labels


@pytest.mark.parametrize("text", ["Sorry, traffic. Here now.", "Sorry, I'll call you back in five, "
                                  "I'm driving.", "Sorry, I'll be late tonight."])
def test_a_politeness_sorry_is_not_repair(text: str) -> None:
    assert _RESP not in _labels(text, "Where are you?")


def test_warm_acceptance_is_not_defensiveness() -> None:
    labels = _labels("Thanks for saying that. It's okay, I know it's been a long week.",
                     "God, you're so annoying. Sorry, that was uncalled for, I'm just exhausted.")
    assert _INVAL not in labels
    assert "reconnect" in labels


@pytest.mark.parametrize(("text", "before"), [
    ("My colleague Sarah had it much worse, her boss is a nightmare.",
     "How are you feeling about what your boss said?"),
    ("I suppose grief is just a universal process, really. Everyone goes through stages.",
     "What do you feel when you think about the anniversary?"),
])
def test_intellectualising_is_withdrawal_not_invalidation(text: str, before: str) -> None:
    labels = _labels(text, before)
    assert _WD in labels
    assert _INVAL not in labels


def test_explaining_a_panic_attack_away_is_invalidation() -> None:
    labels = _labels("Panic attacks can't actually hurt you. It's just adrenaline.",
                     "I had another panic attack on the train. I felt like I was dying.")
    assert _INVAL in labels


def test_saying_it_of_oneself_is_not_invalidation() -> None:
    assert _INVAL not in _labels("I'm fine, it's just nerves before the interview.")
