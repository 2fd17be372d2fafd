"""Round 11, second pass: an accusation phrased as a reflection ("So you're saying it's my fault?")
is confrontation, while a therapist's reflection stays clean; blame through "you're the one who makes
me feel ..." is found and a warm "you always make me feel welcome" is not criticism; but-pologies that
end on "nobody could have predicted" or "rules are rules" are non-apologies."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_turn


def _labels(text: str) -> dict[str, set[str | None]]:
    turn = analyze_turn(0, "me", text, [])
    found: dict[str, set[str | None]] = {}
    for e in turn.evidence:
        found.setdefault(e.label, set()).add(e.subtype)
    return found


@pytest.mark.parametrize("text", [
    "So you're saying it's my fault I'm not getting better?",
    "So you're saying I'm the problem? Unbelievable.",
    "So you think therapy is a waste of my time? Then why am I paying you?",
    "So you feel like my problems are boring you. Great. Really great.",
    "So you think I'm just making it up?",
    "so ur saying its all my fault??",
])
def test_an_accusation_phrased_as_a_reflection_is_confrontation(text: str) -> None:
    assert "rupture.confrontation" in _labels(text)


@pytest.mark.parametrize("text", [
    "So you feel I'm not listening to you.",
    "It sounds like part of you feels therapy is a waste of time.",
    "So you feel therapy is a waste of your time?",
    "So you're saying you feel it's your fault?",
    "So you feel ready to try the exercise again. Great, thank you for telling me.",
    "So you think it's worth a try? Great.",
    "So you're saying the new job is going well? That's brilliant.",
])
def test_a_reflection_that_checks_understanding_stays_clean(text: str) -> None:
    found = _labels(text)
    assert not any(label.startswith("rupture.") for label in found), found


@pytest.mark.parametrize("text", [
    "You're the one who makes me feel worthless.",
    "Youre the one who makes me feel worthless.",
    "you are the one that made me feel like nothing",
])
def test_blame_through_youre_the_one_who_makes_me_feel_is_criticism(text: str) -> None:
    assert "criticism" in _labels(text).get("rupture.confrontation", set())


@pytest.mark.parametrize("text", [
    "You always make me feel welcome here.",
    "You always make me feel so safe.",
    "You never make me feel stupid for asking.",
    "You're the one who makes me feel at home.",
])
def test_a_warm_always_or_never_is_not_criticism(text: str) -> None:
    assert "rupture.confrontation" not in _labels(text)


@pytest.mark.parametrize("text", [
    "You always make me feel stupid.",
    "You never make me feel welcome.",
    "You always make me feel welcome at first, but you never ask how I am.",
])
def test_a_critical_always_or_never_is_still_criticism(text: str) -> None:
    assert "criticism" in _labels(text).get("rupture.confrontation", set())


@pytest.mark.parametrize("text", [
    "I'm sorry, but nobody could have predicted the storm.",
    "I apologize, but rules are rules.",
    "Sorry, but no one could have known the road would flood.",
])
def test_a_but_pology_that_excuses_is_a_non_apology(text: str) -> None:
    assert "non_apology" in _labels(text).get("rupture.invalidation", set())


@pytest.mark.parametrize("text", [
    "I'm sorry, but nobody could have predicted it, and I should have checked on you anyway.",
    "Nobody could have predicted the storm.",
    "I'm sorry, but the rules say I can't let you in after ten.",
])
def test_near_misses_of_the_excuse_are_not_non_apologies(text: str) -> None:
    assert "non_apology" not in _labels(text).get("rupture.invalidation", set())
