"""Round 11, second pass: withdrawal read in context, and repairs that are (or are not) repair."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"


def labels(text: str, *context: str) -> tuple[str, ...]:
    return tuple(mendkit.check(text, context=list(context), mode="rules").labels)


def components(text: str) -> dict[str, bool]:
    return dict(mendkit.check(text, mode="rules").components)


def test_agreeing_to_a_safety_step_is_not_withdrawal_in_a_transcript() -> None:
    # s7: the client withdrew two turns earlier; the therapist asks for a safety step; "Okay. I can
    # do that." accepts it. `mend analyze` must read it as `mend check` does.
    conversation = Conversation.from_turns([
        ("Chris", "Sometimes. I've started saving up my sleeping pills in a drawer."),
        ("Dr Ellis", "I'm really glad you told me. Can we make a safety plan together today?"),
        ("Chris", "It's probably nothing. Forget I said it."),
        ("Dr Ellis", "I can't forget it, because I care about what happens to you. Would you be "
                     "willing to give the pills to your partner to hold?"),
        ("Chris", "Okay. I can do that."),
    ], id="s7")
    turn = mendkit.analyze(conversation, mode="rules").turns[-1]
    assert WITHDRAWAL not in turn.labels


def test_a_clipped_refusal_after_a_rupture_is_still_withdrawal() -> None:
    assert WITHDRAWAL in labels("Okay. I can't do this.", "You never listen to me.")


@pytest.mark.parametrize(("text", "question"), [
    ("Fine. Anyway, did you see the snow this morning?", "How did the visit with your mum feel?"),
    ("It was fine. She's fine. Anyway, did you see the snow this morning?",
     "How did the visit go?"),
    ("Hospitals in this city are notoriously understaffed, actually.",
     "What was it like when your father got sick?"),
])
def test_avoiding_a_feeling_question_is_withdrawal(text: str, question: str) -> None:
    assert WITHDRAWAL in labels(text, question)


@pytest.mark.parametrize(("text", "question"), [
    ("Hospitals in this city are notoriously understaffed, actually.",
     "Which hospital should we go to?"),
    ("Honestly, I was terrified. Hospitals here are notoriously understaffed.",
     "What was it like when your father got sick?"),
    ("It was fine. Anyway, I felt a lot lighter afterwards.",
     "How did the visit with your mum feel?"),
    ("It was fine. Anyway, did you see the snow?", "How did the match go?"),
])
def test_answers_that_stay_with_the_question_are_not_withdrawal(text: str, question: str) -> None:
    assert WITHDRAWAL not in labels(text, question)


def test_an_indignant_reflection_question_is_not_shielded_as_a_reflection() -> None:
    # "So you're saying ... ?" as an accusation: the giving-up inside it is not excluded.
    context = "I think we should look at your part in the conflict."
    assert WITHDRAWAL in labels("So you're saying nothing is going to help? Then why am I here?",
                                context)
    # a true reflection of the other's view stays excluded
    assert WITHDRAWAL not in labels("So you feel nothing is going to help.",
                                    "Honestly I don't see the point of any of this.")


def test_appeasing_compliance_after_a_lecture_is_withdrawal_not_repair() -> None:
    found = labels("Yes, you're right. Sorry. I'll try harder.",
                   "You need to be much stricter with your sleep hygiene. No screens after nine, "
                   "as we discussed.")
    assert WITHDRAWAL in found
    assert not {"repair.validate", "repair.responsibility", "repair.request"} & set(found)


def test_the_same_words_after_a_hurt_are_not_called_appeasing() -> None:
    assert WITHDRAWAL not in labels("Yes, you're right. Sorry. I'll try harder.",
                                    "I missed you this weekend.")


def test_a_victims_apology_next_to_control_is_a_sign_of_danger() -> None:
    # The plea not to take one's phone makes it a crisis sign (crisis/abuse-self-blame-01); the
    # apology alone is an everyday one and keeps its ownership (the re-run found "I'm sorry I went
    # out without asking, I'll text next time" had lost it).
    import mendkit

    assert mendkit.check("I'm sorry I went out without asking. Please don't take my phone again.",
                         mode="rules").risk.crisis
    assert components("I'm sorry I went out without asking, I'll text next time.")["ownership"]
    assert components("I'm sorry I took your charger without asking.")["ownership"]


def test_calm_talk_request_and_next_time_commitments() -> None:
    assert components("could we have a calm talk tonight?")["request"]
    assert components("Well, I'm sorry I was late. I'll leave earlier next time.")["request"]
    parts = components("I feel like an idiot for forgetting, I'm sorry. I'll set a reminder.")
    assert parts["ownership"] and parts["request"]
    assert not components("I'll call you next time I'm in town.")["request"]
