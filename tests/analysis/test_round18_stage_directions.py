"""Round 18: withdrawal behind a stage direction in brackets ("[sighs] Okay.", "[shrugs]
Whatever."), "whatever mum" after tension, an apology that owns an act, and "Ok." after the other
person's apology."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"
HARSH = "You never help with anything around here. It's always me."


def _last(*texts: str) -> tuple[set[str], str, list[tuple[str, str, str]]]:
    speakers = ["a", "b"] * len(texts)
    conversation = Conversation.from_turns(list(zip(speakers, texts, strict=False)))
    turn = analyze_conversation(conversation, mode="rules").turns[-1]
    text = texts[-1]
    return (set(turn.labels), text,
            [(e.label, e.source, text[e.start:e.end]) for e in turn.evidence])


@pytest.mark.parametrize("reply", [
    "[sighs] Okay.", "[mutters] Whatever.", "(shrugs) fine", "[sighs] Forget it.",
    "Fine. [walks off]", "[looks at the window] Whatever. Carry on.",
])
def test_a_stage_direction_does_not_hide_withdrawal(reply: str) -> None:
    labels, _, evidence = _last(HARSH, reply)
    assert WITHDRAWAL in labels
    # the evidence is the words said, at their place in the turn as written
    spans = [said for label, _, said in evidence if label == WITHDRAWAL]
    assert spans and all(said and "[" not in said and "(" not in said for said in spans)


@pytest.mark.parametrize("reply", [
    "[shrugs, scrolls on his phone]", "[turns up the radio]", "[takes his keys and leaves the room]",
    "[looks at the floor, says nothing]", "[Fraser left the group]",
])
def test_a_stage_direction_of_moving_away_is_withdrawal_after_tension(reply: str) -> None:
    assert WITHDRAWAL in _last(HARSH, reply)[0]


@pytest.mark.parametrize(("before", "reply"), [
    ("How was the drive?", "[sighs] Okay."),
    (HARSH, "(laughs) fine, fair point"),
    ("I'm sorry, I shouldn't have snapped at you.", "[hugs him] okay"),
    ("Shall we meet at six by the station?", "[shrugs] Fine, see you at six."),
    ("Can you pass the salt?", "[passes the salt]"),
    ("Don't you 'oh my god' me in my own kitchen.", "[rolls eyes] fine. phone's away. happy?"),
    ("ty, appreciate it", "[meme: cat staring into a sink, captioned 'the ecosystem']"),
])
def test_a_stage_direction_alone_is_not_withdrawal(before: str, reply: str) -> None:
    assert WITHDRAWAL not in _last(before, reply)[0]


@pytest.mark.parametrize(("before", "reply"), [
    ("You always leave everything to the last minute, Sam. It's exhausting.", "whatever mum"),
    ("Honestly you two never listen to a word I say.", "Whatever you both decide."),
])
def test_whatever_with_a_name_or_both_is_withdrawal_after_tension(before: str, reply: str) -> None:
    assert WITHDRAWAL in _last(before, reply)[0]


def test_whatever_you_both_decide_is_fine_when_calm() -> None:
    assert WITHDRAWAL not in _last("Shall we do pizza or curry tonight?",
                                   "Whatever you both decide.")[0]


def test_an_apology_that_owns_an_act_is_responsibility_not_appeasing() -> None:
    labels, _, _ = _last("You left me to sort the whole move on my own. Again.",
                         "You're right, I'm sorry. I've left it all to you and that's not fair.")
    assert WITHDRAWAL not in labels
    assert "repair.responsibility" in labels


def test_ok_after_an_apology_is_not_withdrawal_nor_the_next_turn_a_topic_shift() -> None:
    texts = ("Sorry I was short with you earlier, long day. Pick-up is at 4 tomorrow.", "Ok.",
             "Did you see the match last night?")
    speakers = ["a", "b", "b"]
    turns = analyze_conversation(Conversation.from_turns(list(zip(speakers, texts, strict=True))),
                                 mode="rules").turns
    assert WITHDRAWAL not in turns[1].labels
    assert WITHDRAWAL not in turns[2].labels


def test_ok_to_an_apology_about_an_errand_after_a_silence_is_not_withdrawal() -> None:
    labels, _, _ = _last("Hi, I know the invoices have been a pain. Could we talk?", "[seen, no reply]",
                         "Also, sorry - one attachment was a duplicate, please ignore INV-2231", "ok")
    assert WITHDRAWAL not in labels


def test_ok_after_an_apology_for_a_hurt_is_still_withdrawal() -> None:
    assert WITHDRAWAL in _last("You laughed at me in front of everyone.",
                               "I'm sorry I mocked you. That was childish.", "Okay.")[0]


def test_ok_after_a_harsh_remark_is_still_withdrawal() -> None:
    assert WITHDRAWAL in _last("Honestly you're useless, you can't even do pick-up right.", "ok.")[0]
