"""Round 14: two weak crisis hints (each too weak to be a sign alone) make a crisis only close
together, not at the two ends of a long letter. Hints a few sentences apart in one message still
add up: the training corpus has crisis messages whose hints are three sentences apart."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import HINT_REACH
from mendkit.model import Conversation

CRISIS = "risk.crisis"

LETTER = (
    "Hi Sam,\n\nThe pills are in the cabinet on the left if your mum needs them for her back. "
    "The garden looks lovely this year, the roses have come back after the frost. We went to "
    "the coast at the weekend and ate chips on the wall like we used to. Work is busy, the new "
    "manager has us redoing every rota. Your dad says hello and asks whether you got the parcel. "
    "The neighbours have a new dog, a very loud one, and it barks at the postman every morning. "
    "\n\nAnyway, I've made up my mind about the car, we're selling it in the spring.\n\nLove, Gran"
)


def _labels(text: str) -> tuple[str, ...]:
    conversation = Conversation.from_turns([("Gran", text)])
    return mendkit.analyze(conversation, mode="rules").turns[0].labels


def test_the_letters_hints_are_further_apart_than_the_reach() -> None:
    assert LETTER.index("made up my mind") - LETTER.index("pills") > HINT_REACH


def test_two_hints_far_apart_in_a_long_letter_are_no_crisis() -> None:
    assert CRISIS not in _labels(LETTER)
    assert not mendkit.check(LETTER, mode="rules").risk.crisis


def test_the_same_hints_far_apart_on_their_own_are_no_crisis_either() -> None:
    assert CRISIS not in _labels("The pills are in the cabinet on the left if your mum needs them.")
    assert CRISIS not in _labels("Anyway, I've made up my mind about the car.")


@pytest.mark.parametrize("text", [
    "the pills are in the drawer and I've made up my mind",
    "The pills are in the drawer. I've made up my mind.",
    "I've been looking at the train timetables. Not for where they go. For when the fast ones "
    "pass through.",
    "Bought a second bag of barbecue charcoal today. We don't have a barbecue. Just so you know, "
    "in case.",
])
def test_hints_close_together_are_still_a_crisis(text: str) -> None:
    assert CRISIS in _labels(text)
    assert mendkit.check(text, mode="rules").risk.crisis


def test_a_clear_sign_far_from_a_hint_is_still_a_crisis() -> None:
    text = LETTER.replace("Love, Gran", "I want to die.")
    assert CRISIS in _labels(text)


RENOVATION = (
    "I'm so tired of everything at work. The builders came on Monday and the kitchen is in "
    "pieces. We have been eating takeaway for a fortnight and the kids are sleeping at my "
    "sister's. The plumber says Friday, the electrician says the week after, and the skip has "
    "been on the drive since March. My mother rings every evening to ask about the tiles. I don't "
    "even know what colour they are any more. I just want it to end, this renovation."
)


def test_a_long_complaint_about_a_renovation_is_no_crisis() -> None:
    # "so tired of everything" is a hint; "I just want it to end, this renovation" names what is
    # to end: neither is a sign, apart or together.
    assert CRISIS not in _labels(RENOVATION)
    assert CRISIS not in _labels("I just want it to end, this renovation.")
    assert CRISIS in _labels("I just want it to end.")
    assert CRISIS in _labels("I want it all to end, this week has been hell.")
