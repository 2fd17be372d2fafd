"""Round 14: how teenagers write a rupture, a refusal to answer and making up (tester t6).

A clipped "ok." after a hurt question ("why didnt u save me a seat"), "seen" after a plea to
answer, and "nothing. forget it" after "what did u want to say?" move away. Scorn in slang
("whatever helps u sleep at night", "its giving pick me", "ur not my real mum") and a flat thanks
for news that came late ("so u and tom are a thing now? cool. thanks for telling me") confront;
"cool story" and "lol why are u making it weird" brush off what the other told (invalidation). A
harasser's put-downs ("ur so ugly no wonder nobody talks to u", "everyone at school thinks ur a
freak") are contempt, and "leave me alone" said back to them is no withdrawal. "ily", a pink heart
and a yes to "can we still ...?" reconnect.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"
CONFRONTATION = "rupture.confrontation"
INVALIDATION = "rupture.invalidation"
RECONNECT = "reconnect"
MODES = ("rules", "full")


def _labels(text: str, before: tuple[str, ...], mode: str) -> tuple[str, ...]:
    return mendkit.check(text, context=list(before), mode=mode).labels


# --- 1. Moving away, teen style ------------------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    (("why didnt u save me a seat at lunch, thought we were best friends",), "ok."),
    (("what did u want to say?",), "nothing. forget it"),
    (("i said im sorry can u please answer me",), "seen"),
])
def test_minimal_replies_to_a_hurt_bid_are_withdrawal(mode: str, before: tuple[str, ...],
                                                      text: str) -> None:
    assert WITHDRAWAL in _labels(text, before, mode)


@pytest.mark.parametrize(("before", "text"), [
    (("why didn't you take the bus? it's quicker from yours",), "ok"),
    (("I'll be home at six.",), "nothing. forget it"),
    (("did u see the new trailer?",), "seen"),
])
def test_the_same_words_after_ordinary_talk_are_not(before: tuple[str, ...], text: str) -> None:
    assert WITHDRAWAL not in _labels(text, before, "rules")


# --- 2. Scorn in slang, and quiet sarcasm ---------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "whatever helps u sleep at night",
    "its giving pick me 💅",
    "ur not my real mum u cant tell me what to do",
    "so u and tom are a thing now? cool. thanks for telling me",
])
def test_slang_scorn_is_confrontation(mode: str, text: str) -> None:
    assert CONFRONTATION in _labels(text, (), mode)


@pytest.mark.parametrize("text", [
    "Thanks for telling me, I'm glad you did.",
    "so you're moving to leeds? cool. thanks for telling me, i'm so happy for you",
    "Does chamomile tea help you sleep at night?",
])
def test_warm_thanks_and_plain_questions_are_not(text: str) -> None:
    assert CONFRONTATION not in _labels(text, (), "rules")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    (("i had such a bad day, my parents were fighting again",), "cool story"),
    (("that comment about my weight really hurt",), "lol why are u making it weird"),
    (("i got a 9 in my english mock!",), "nobody asked"),
])
def test_brushing_off_what_was_told_is_invalidation(mode: str, before: tuple[str, ...],
                                                    text: str) -> None:
    labels = _labels(text, before, mode)
    assert INVALIDATION in labels
    if text == "cool story":
        assert CONFRONTATION not in labels


# --- 3. A harasser's put-downs, and the limit said back ------------------------------------------

HARASSMENT = Conversation.from_turns([
    ("anon_77", "ur so ugly no wonder nobody talks to u"),
    ("Jess", "who is this"),
    ("anon_77", "doesnt matter. everyone at school thinks ur a freak"),
    ("Jess", "leave me alone"),
], id="r14-harassment")


def test_put_downs_are_contempt_and_leave_me_alone_is_no_withdrawal() -> None:
    turns = mendkit.analyze(HARASSMENT, mode="rules").turns
    assert CONFRONTATION in turns[0].labels
    assert CONFRONTATION in turns[2].labels
    assert WITHDRAWAL not in turns[2].labels
    assert WITHDRAWAL not in turns[3].labels


@pytest.mark.parametrize("mode", MODES)
def test_put_downs_are_contempt_in_both_modes(mode: str) -> None:
    turns = mendkit.analyze(HARASSMENT, mode=mode).turns
    assert {CONFRONTATION} <= set(turns[0].labels) & set(turns[2].labels)
    assert WITHDRAWAL not in turns[2].labels


@pytest.mark.parametrize(("before", "text"), [
    ((), "Leave me alone."),
    (("You never tell me anything. Why are you always like this?",), "Leave me alone."),
])
def test_leave_me_alone_after_a_complaint_is_still_stonewalling(before: tuple[str, ...],
                                                                text: str) -> None:
    assert WITHDRAWAL in _labels(text, before, "rules")


@pytest.mark.parametrize("text", ["ur such a weirdo lol ily", "I feel like nobody likes me at school."])
def test_banter_and_self_talk_are_not_put_downs(text: str) -> None:
    assert CONFRONTATION not in _labels(text, (), "rules")


# --- 4. Making up ---------------------------------------------------------------------------------

APOLOGY = "im so sorry about what i said at lunch, i was being a brat"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    ((APOLOGY,), "ily bestie 💕"),
    ((APOLOGY,), "ily bestie we're good 💕"),
    ((APOLOGY,), "all good, im over it fr, love u"),
    (("i get that. i don't want u to feel left out. can we still do friday film night?",),
     "...yeah ok. just dont make me watch u two be cute lol"),
])
def test_teen_making_up_is_reconnect(mode: str, before: tuple[str, ...], text: str) -> None:
    assert RECONNECT in _labels(text, before, mode)


@pytest.mark.parametrize(("before", "text"), [
    (("i'm sorry. i should've told u first",), "yeah ok"),
    (("can we still do friday film night?",), "ok but not this week"),
    (("Can we do film night on Friday?",), "yeah ok"),
])
def test_a_bare_or_refusing_yes_is_not_reconnect(before: tuple[str, ...], text: str) -> None:
    assert RECONNECT not in _labels(text, before, "rules")


def test_left_out_fight_resolves_in_rules_mode() -> None:
    conversation = Conversation.from_turns([
        ("Rosie", "so u and tom are a thing now? cool. thanks for telling me"),
        ("Amira", "rosie i was gonna tell u"),
        ("Rosie", "when? after the whole year found out?"),
        ("Amira", "ur being dramatic, its literally not a big deal"),
        ("Rosie", "u knew i liked him for like a year"),
        ("Amira", "ok and? u never even talked to him"),
        ("Rosie", "wow"),
        ("Rosie", "forget it"),
        ("Amira", "ok wait. that was harsh. i know u liked him and i went behind ur back"),
        ("Amira", "i'm sorry. i should've told u first, u deserved to hear it from me"),
        ("Rosie", "it just feels like everyone's moving on without me"),
        ("Amira", "i get that. i don't want u to feel left out. can we still do friday film night?"),
        ("Rosie", "...yeah ok. just dont make me watch u two be cute lol"),
        ("Amira", "deal 😭 no pda i promise"),
    ], id="r14-left-out")
    analysis = mendkit.analyze(conversation, mode="rules")
    assert CONFRONTATION in analysis.turns[0].labels
    assert RECONNECT in analysis.turns[12].labels
    assert RECONNECT in analysis.turns[13].labels
    assert [e.status for e in analysis.episodes] == ["resolved"]
