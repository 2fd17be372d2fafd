"""Round 13: invalidation the testers saw invented ("bless you" read as talking down, an anxious
"sorry if I did something" read as a non-apology, "I didn't call you back" read as defensiveness,
a story of one's own grievance read as an excuse) and missed ("that ain't the point", agreeing
that the other person overreacts)."""

from __future__ import annotations

import pytest
from test_round12_confrontation import _turn

INVALIDATION = "rupture.invalidation"


def _subtypes(text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == INVALIDATION}


# --- 1. "bless you" is warmth; "bless your heart" as a put-down is still talking down -------------


@pytest.mark.parametrize(
    "text",
    [
        "Bless you, you're a star, I'm chuffed to bits",
        "Bless you, that's so kind",
        "Oh bless you, you didn't have to do that!",
        "bless ya, you're a lifesaver",
        "Bless your heart for driving all this way to see me.",
    ],
)
def test_bless_you_as_thanks_is_not_condescension(text: str) -> None:
    assert "condescension" not in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Oh bless your heart, you really thought that would work?",
        "Bless, you actually tried to cook.",
    ],
)
def test_bless_as_a_put_down_stays_condescension(text: str) -> None:
    assert "condescension" in _subtypes(text)


# --- 2. AAE "ain't" --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "That ain't the point. You don't never tell me nothing",
        "That ain't even the point, Marcus.",
        "it ain't the point tho",
    ],
)
def test_that_aint_the_point_is_dismissing(text: str) -> None:
    assert "dismissing" in _subtypes(text)


def test_aint_that_the_point_is_not_dismissing() -> None:
    assert "dismissing" not in _subtypes("Ain't that the point of a holiday? Rest!")


# --- 3. agreeing that the other overreacts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Yeah, you are.", ("Sorry. Forget it. I'm overreacting like always.",)),
        ("Yep, you really are.", ("Sorry, I'm being dramatic again.",)),
        ("yes you are", ("Am I being too sensitive?",)),
    ],
)
def test_agreeing_they_overreact_is_minimizing(text: str, before: tuple[str, ...]) -> None:
    assert "minimizing" in _subtypes(text, before)


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("No, you're not.", ("I'm overreacting, aren't I?",)),
        ("Yeah, you are.", ("I'm coming to yours after work, yeah?",)),
        ("You are not overreacting at all.", ("I'm overreacting, aren't I?",)),
    ],
)
def test_reassurance_and_other_replies_are_not_minimizing(text: str, before: tuple[str, ...]) -> None:
    assert _subtypes(text, before) == set()


# --- 4. an anxious "sorry if I did something" is not a non-apology ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Are you mad at me? I'm sorry if I did something. Whatever it was I'm sorry.",
        "I'm sorry if I did something. I just need to know we're ok.",
        "I'm sorry if I said something wrong, I honestly don't know what happened.",
        "sorry if i've done something, can you tell me?",
    ],
)
def test_sorry_if_i_did_something_is_not_a_non_apology(text: str) -> None:
    assert "non_apology" not in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry if you were hurt.",
        "sorry if you feel that way",
        "Sorry if I upset you.",
        "Sorry if anyone was offended.",
    ],
)
def test_apologies_for_their_feelings_stay_non_apologies(text: str) -> None:
    assert "non_apology" in _subtypes(text)


# --- 5. owning an act, or telling a grievance, is not defensiveness ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I didn't call you back. I'm sorry",
        "I never called you back that night, and that wasn't fair.",
        "And when I told you I'd got the promotion, you asked whether they were just hitting a target.",
    ],
)
def test_owning_a_lapse_or_telling_a_grievance_is_not_defensiveness(text: str) -> None:
    assert "defensiveness" not in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I never called you that, stop putting words in my mouth.",
        "I never called you stupid!",
        "I told you I'd sort it, so stop going on about it.",
    ],
)
def test_denials_and_i_told_you_stay_defensiveness(text: str) -> None:
    assert "defensiveness" in _subtypes(text)
