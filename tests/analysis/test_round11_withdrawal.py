"""Round 11: withdrawal read in therapy transcripts and chats. A reflection of the other person's
feeling is listening, not withdrawing; bare agreement confirming a reflection or a question is
not a brush-off; avoidance after a feeling question (topic shift, intellectualising, avoidant
denial) is withdrawal; a complaint about the therapy is not withdrawal; a friend answering a
crisis with "its ok, call 988 with me" is not denial."""

from __future__ import annotations

import pytest

import mendkit

WITHDRAWAL = "rupture.withdrawal"


def _withdrawn(text: str, *before: str) -> bool:
    return WITHDRAWAL in mendkit.check(text, mode="rules", context=before).labels


@pytest.mark.parametrize(("before", "text"), [
    ("Honestly, you don't get it. This isn't helping.", "So you feel I'm not listening to you."),
    ("I'm so angry with you.", "It sounds like you're angry with me, and you feel I don't care."),
    ("You never listen.", "What I'm hearing is that you think I'm not listening to you."),
    ("This is a waste of time.", "Part of you feels like I don't care."),
])
def test_a_reflection_of_the_other_persons_feeling_is_not_withdrawal(before: str,
                                                                     text: str) -> None:
    assert not _withdrawn(text, before)


@pytest.mark.parametrize(("before", "text"), [
    ("You never listen.", "I'm not listening to you anymore."),
    ("You forgot again.", "I don't care."),
    ("You think I'm lazy?", "You think I'm lazy? I'm done talking."),
])
def test_the_speakers_own_withdrawal_is_still_found(before: str, text: str) -> None:
    assert _withdrawn(text, before)


@pytest.mark.parametrize(("before", "text"), [
    (("Honestly, you don't get it. This isn't helping.", "So you feel I'm not listening to you."),
     "Yes."),
    (("So you feel I'm not listening to you.",), "Right."),
    (("Did you get my email about Friday?",), "Yeah."),
    (("I had the worst week.",), "Mm."),
    (("Could you fill in the thought record this week?",), "Okay. I can do that."),
])
def test_agreement_and_backchannels_are_not_withdrawal(before: tuple[str, ...], text: str) -> None:
    assert not _withdrawn(text, *before)


@pytest.mark.parametrize(("before", "text"), [
    ("How are you feeling about your father's diagnosis?", "Okay I guess."),
    ("Ugh, you're so lazy, honestly.", "Yep."),
    ("ur so dramatic omg", "ok whatever forget it"),
    ("wow nice of u to finally show up lol", "wow ok"),
    ("It's not a big deal, you're overreacting.", "Yeah. Suppose so."),
])
def test_withdrawn_short_replies_are_still_found(before: str, text: str) -> None:
    assert _withdrawn(text, before)


@pytest.mark.parametrize(("before", "text"), [
    ("How did the visit go?", "It was fine. Anyway, did you see the snow this morning?"),
    ("What was it like for you when he left?",
     "Well, statistically most divorces happen in the first seven years."),
    ("What do you feel when you think about the anniversary?",
     "I suppose grief is just a universal process, really."),
    ("It sounds like that hurt a lot.", "Not really. It doesn't matter."),
    ("Can we talk about how the sessions are going for you?", "They're fine. Everything's fine."),
    ("What would you like to work on today?", "I don't know. Nothing really helps anyway."),
])
def test_avoidance_after_a_feeling_question_is_withdrawal(before: str, text: str) -> None:
    assert _withdrawn(text, before)


@pytest.mark.parametrize(("before", "text"), [
    ("How did the visit go?", "It was great! Anyway, did you see the snow?"),
    ("Did you read that article on marriage?",
     "Statistically most divorces happen in the first seven years."),
    ("Do you want the blue one or the red one?", "Not really. It doesn't matter."),
    ("Is the flat okay while we're away?", "Everything's fine."),
    ("How are you feeling after Tuesday?", "Everything's fine now, thanks, it really helped."),
])
def test_near_misses_of_avoidance_are_left_alone(before: str, text: str) -> None:
    assert not _withdrawn(text, before)


@pytest.mark.parametrize(("before", "text"), [
    ("How are things?", "I don't know why I keep coming here. Six months and nothing has changed."),
    ("Let's look at your homework.", "Whatever. Maybe I should just find someone else."),
])
def test_a_complaint_about_the_therapy_is_not_read_as_withdrawal(before: str, text: str) -> None:
    assert not _withdrawn(text, before)


def test_a_friend_answering_a_crisis_is_not_denying() -> None:
    before = ("you're so dramatic omg", "ngl i dont think im gonna be here much longer")
    assert not _withdrawn("its ok. can u tell ur mom or call 988 w me", *before)
    assert _withdrawn("its ok. whatever.", "you're so dramatic omg, you always do this")
