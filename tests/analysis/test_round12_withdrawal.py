"""Round 12: withdrawal and invalidation the testers saw invented or missed. A "You're right, I'm
sorry" followed by real ownership ("I kept teasing you", "That was unkind") is an apology, not
appeasing; an affectionate "you'd forget your own head, love you" is not condescension; a plain
factual correction ("That's not what I said. I said Tuesday.") is not defensiveness; a bare
reassuring "relax" is not minimising. A thumbs-up or a 😐 alone after a put-down or an ultimatum is
a minimal response, as "noted." is."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_turn
from mendkit.model import TurnAnalysis

WITHDRAWAL = "rupture.withdrawal"
INVALIDATION = "rupture.invalidation"


def _turn(text: str, before: tuple[str, ...] = ()) -> TurnAnalysis:
    """``text`` said by "me" after ``before`` (alternating speakers, the last one "them")."""
    previous: list[TurnAnalysis] = []
    for i, said in enumerate(before):
        speaker = "them" if (len(before) - i) % 2 else "me"
        previous.append(analyze_turn(i, speaker, said, previous))
    return analyze_turn(len(before), "me", text, previous)


def _subtypes(label: str, text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == label}


# --- 1. "You're right, I'm sorry" with real ownership is an apology ------------------------------

@pytest.mark.parametrize(("before", "text"), [
    ((), "You're right, I'm sorry. I kept teasing you after you told me to stop. That was unkind."),
    (("ok stop, seriously, I mean it",),
     "you're right, I'm sorry. I kept going after you told me. It actually looks fine."),
    (("That really wasn't funny.",), "You're right, I'm sorry. That wasn't banter, that was mean."),
    (("You embarrassed me in front of everyone.",),
     "You're right, I'm sorry. I made fun of you in front of your friends."),
    (("You talked over me the whole meeting.",),
     "You're right, I'm sorry, I talked over you and then acted like it was nothing."),
    (("Don't speak to me like I'm a child.",),
     "You're right, I'm sorry. That came out like I was telling you off."),
    (("That was a low blow.",), "you're right, im sorry, that was cruel of me"),
])
def test_you_are_right_im_sorry_with_ownership_is_not_appeasing(before: tuple[str, ...],
                                                                 text: str) -> None:
    assert "appeasing" not in _subtypes(WITHDRAWAL, text, before)


def test_the_apology_keeps_its_responsibility_and_the_critic_keeps_it() -> None:
    text = "You're right, I'm sorry. I kept teasing you after you told me to stop. That was unkind."
    result = mendkit.check(text, mode="rules")
    assert WITHDRAWAL not in result.labels
    assert "repair.responsibility" in result.labels
    assert not [i for i in result.issues if i.kind == "withdrawal"]


@pytest.mark.parametrize(("before", "text"), [
    (("You never listen.",), "You're right, I'm sorry."),
    (("You never listen.",), "You're right, you're always right, I'm sorry."),
    (("Why is it always me who has to remember?",),
     "You're right, I'm always wrong. I tried my best, but whatever."),
    (("You forgot again.",), "You're right, I'm the worst. I ruin everything, as usual."),
    (("You agreed to this without asking me.",),
     "Okay, okay. You're right, I'm sorry, I'll tell her it's cancelled. Whatever you want."),
])
def test_appeasing_without_ownership_is_still_found(before: tuple[str, ...], text: str) -> None:
    assert "appeasing" in _subtypes(WITHDRAWAL, text, before)


# --- 2. affectionate "you'd forget your own head" ---------------------------------------------

@pytest.mark.parametrize("text", [
    "You'd forget your own head if it wasn't screwed on, love you",
    "You'd forget your own head if it wasn't screwed on 😂 love ya",
    "haha you'd forget your own head ❤️",
    "You'd forget your own head if it wasn't screwed on. Love you xx",
])
def test_affectionate_forget_your_head_is_not_condescension(text: str) -> None:
    assert "condescension" not in _subtypes(INVALIDATION, text)


@pytest.mark.parametrize("text", [
    "Honestly, Margaret, you'd forget your own head if it weren't screwed on.",
    "You'd forget your own head if it wasn't screwed on, love you 🙄",
    "Love you, but you'd forget your own head, it's exhausting.",
])
def test_forget_your_head_as_a_put_down_is_still_condescension(text: str) -> None:
    assert "condescension" in _subtypes(INVALIDATION, text)


# --- 3. a plain factual correction --------------------------------------------------------------

@pytest.mark.parametrize(("before", "text"), [
    (("So we're meeting Wednesday?",), "That's not what I said. I said Tuesday."),
    (("You told me the blue folder.",), "That's not what I said, I said the red one."),
    (("You said you'd be back at six.",), "I never said that. I said seven."),
])
def test_a_factual_correction_is_not_defensiveness(before: tuple[str, ...], text: str) -> None:
    assert "defensiveness" not in _subtypes(INVALIDATION, text, before)


@pytest.mark.parametrize(("before", "text"), [
    (("Wow, okay. Sorry for having feelings about our dead father.",), "That's not what I said."),
    (("Oh, so it's my fault. Brilliant.",), "That's not what I said."),
    (("You called me lazy.",), "I never said that. You're twisting my words."),
])
def test_defensive_denials_are_still_found(before: tuple[str, ...], text: str) -> None:
    assert "defensiveness" in _subtypes(INVALIDATION, text, before)


# --- 4. a thumbs-up or 😐 alone after a put-down or an ultimatum --------------------------------

PUT_DOWNS = (
    "The client numbers are wrong again. Not sure why this is so hard.",
    "Your dad and I have decided you're changing schools.",
    "You'll be home by 10, end of discussion.",
    "If this happens one more time you're off the account.",
)


@pytest.mark.parametrize("before", PUT_DOWNS)
@pytest.mark.parametrize("text", ["👍", ":+1:", ":thumbsup:", "😐", "👍🏽", ":neutral_face:"])
def test_a_thumbs_up_or_blank_face_after_a_put_down_is_a_minimal_response(before: str,
                                                                           text: str) -> None:
    assert "minimal_response" in _subtypes(WITHDRAWAL, text, (before,))


@pytest.mark.parametrize("before", [
    "Let's meet at 3 to go over the plan.",
    "Dinner at 7 tonight.",
    "I'll send the slides over in the morning.",
    "We've decided you're getting the promotion, congratulations!",
])
@pytest.mark.parametrize("text", ["👍", ":+1:", ":thumbsup:", "😐"])
def test_a_thumbs_up_after_a_neutral_plan_is_not_withdrawal(before: str, text: str) -> None:
    assert WITHDRAWAL not in _turn(text, (before,)).labels


def test_a_thumbs_up_after_a_put_down_in_check_context() -> None:
    result = mendkit.check(":+1:", mode="rules", context=(PUT_DOWNS[0],))
    assert WITHDRAWAL in result.labels


# --- 5. a bare reassuring "relax" ---------------------------------------------------------------

@pytest.mark.parametrize(("before", "text"), [
    ((), "3. nobody is in trouble, relax"),
    (("Who ate the last of the cake?", "I'm dead 😂 you two"), "Made another one, relax"),
    (("Super! Did you eat? Eat properly",), "had dal rice at the uni canteen, u can relax"),
    (("lol this is the best cake ever 😂",), "haha relax, there's plenty more"),
])
def test_a_reassuring_relax_is_not_minimising(before: tuple[str, ...], text: str) -> None:
    assert "minimizing" not in _subtypes(INVALIDATION, text, before)


@pytest.mark.parametrize(("before", "text"), [
    (("I'm really upset you forgot my birthday.",), "relax, it's not a big deal"),
    (("It's 6:15. You said 4. I've called you three times.",),
     "omg mom chill im at Ava's, its literally 5 min away"),
    (("It's ten past one, Saoirse.",), "Oh my God, it's ten minutes. Relax."),
    (("Speaking of rounds, you both still owe me for the wings.",), "Bro, it was like twelve bucks. Relax."),
    ((), "Calm down, it was just a joke."),
])
def test_relax_after_a_complaint_is_still_minimising(before: tuple[str, ...], text: str) -> None:
    assert "minimizing" in _subtypes(INVALIDATION, text, before)


# --- the banter in the reports ------------------------------------------------------------------

def test_a_laughing_you_will_survive_after_a_joking_threat_is_not_minimising() -> None:
    before = ("if you make me watch that film again I'll kill you",)
    assert "minimizing" not in _subtypes(INVALIDATION, "lol it's a classic, you'll survive", before)


@pytest.mark.parametrize(("before", "text"), [
    (("I'm really hurt you didn't come to my graduation.",), "lol you'll survive"),
    (("I'm gutted about the job, I really wanted it.",), "You'll survive. Stop fussing."),
])
def test_you_will_survive_after_a_hurt_is_still_minimising(before: tuple[str, ...],
                                                           text: str) -> None:
    assert "minimizing" in _subtypes(INVALIDATION, text, before)
