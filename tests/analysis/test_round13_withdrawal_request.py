"""Round 13: what a turn does when repair is not the goal, and the casual words of a repair.

A boundary with its reason, feeling or limit ("I'm not going to argue. When you shout at me I
don't feel safe, so I'm stepping away.", "Please stop calling me.") is a request, not
stonewalling, while a bare shut-down ("I'm done talking.", "Talk to the hand.") stays withdrawal.
Turning up or messaging against the other's wish ("Fine, I'm coming over tonight then.", "I'll keep
calling until you pick up") is no commitment. Fawning ("I'll do anything, I'm so sorry", "I'm
sorry you had to shout at me", "I ruin everything") owns no act of one's own: it is appeasing, not
responsibility. Casual commitments and warmth ("going forward I'ma call you", "can we get dinner
and reset?", "we're sound, love you", "you're grand", "I dey sorry") count. An "ok" that agrees to
stay on the phone or to a plan made together takes up the offer; a cold "ok." after an apology is
still a minimal response.
"""

from __future__ import annotations

import pytest
from test_round12_withdrawal import _turn

import mendkit
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"
REQUEST = "repair.request"
RESPONSIBILITY = "repair.responsibility"
RECONNECT = "reconnect"


def _subtypes(label: str, text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == label}


def _conversation(*turns: tuple[str, str]) -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns(list(turns), id="r13"), mode="rules")


# --- 1. A boundary with a reason, a feeling or a limit is not stonewalling -------------------------

BOUNDARIES = [
    ((), "Please stop calling me."),
    ((), "Please stop messaging me. I've asked you twice already."),
    (
        ("Oh come on, just one more go. You owe me.",),
        "I'm not going to argue about it again. My answer is still no.",
    ),
    (
        ("You're pathetic, you know that?",),
        "I'm not going to argue with you. When you scream at me like that I don't feel safe, so I'm "
        "going to leave.",
    ),
    (("Stop being so dramatic.",), "That's exactly why I need some space. I'm going to stop answering now."),
    ((), "I won't be responding to any more messages."),
    ((), "I'm taking a break from contact with you."),
    (
        ("Why are you ignoring me?? You can't just cut me off.",),
        "I've told you I need no contact. I won't be replying again.",
    ),
]


@pytest.mark.parametrize(("before", "text"), BOUNDARIES)
def test_a_boundary_is_a_request_not_stonewalling(before: tuple[str, ...], text: str) -> None:
    turn = _turn(text, before)
    assert WITHDRAWAL not in turn.labels
    assert "boundary" in _subtypes(REQUEST, text, before)


def test_a_boundary_in_check_gets_no_advice_to_reopen_the_conversation() -> None:
    result = mendkit.check("Please stop calling me. I've asked you twice now.", mode="rules")
    assert WITHDRAWAL not in result.labels
    assert REQUEST in result.labels


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (("You never listen to me.",), "Ugh. I'm done talking."),
        (("You never listen to me.",), "I'm not discussing it."),
        (("You never listen to me.",), "Talk to the hand."),
        (("Why do you always do this?",), "talk to the hand, I'm not listening"),
        (("You always do this.",), "don't text me."),
        (("You never listen to me.",), "I'm not going to argue with you."),
        (("You never listen to me.",), "I'm not going to argue. You're being ridiculous."),
    ],
)
def test_a_bare_shut_down_is_still_stonewalling(before: tuple[str, ...], text: str) -> None:
    assert "stonewalling" in _subtypes(WITHDRAWAL, text, before)
    assert REQUEST not in _turn(text, before).labels


@pytest.mark.parametrize(
    "text",
    [
        "She told him to stop texting her.",
        "I won't be replying till Monday, I'm on leave.",
    ],
)
def test_reports_and_out_of_office_lines_are_no_boundary(text: str) -> None:
    assert "boundary" not in _subtypes(REQUEST, text)


@pytest.mark.parametrize(
    "text",
    [
        "Please don't try to find me. I've made up my mind.",
        "Don't come looking for me tonight. I've made my decision and I'm not scared any more.",
    ],
)
def test_a_farewell_is_not_read_as_a_boundary(text: str) -> None:
    assert REQUEST not in _turn(text).labels


def test_the_person_keeping_a_boundary_is_not_the_one_withdrawing() -> None:
    analysis = _conversation(
        ("Mum", "You're an ungrateful child after everything we did for you."),
        (
            "Jo",
            "I'm not going to argue. When you call me names I don't feel safe, so I'm stepping "
            "back for a while.",
        ),
        ("Mum", "Don't be so ridiculous."),
        ("Jo", "This is why I need space. I'm going to stop replying now."),
    )
    for index in (1, 3):
        assert WITHDRAWAL not in analysis.turns[index].labels
        assert REQUEST in analysis.turns[index].labels


# --- 2. Turning up or messaging against the other's wish is no commitment -------------------------


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (("Please stop contacting me.",), "Fine, I'm coming over tonight then."),
        ((), "I'll keep calling until you pick up."),
        ((), "I'll keep texting till you reply to me properly."),
        ((), "I'm coming round whether you like it or not."),
    ],
)
def test_pursuing_someone_who_said_no_is_not_a_commitment(before: tuple[str, ...], text: str) -> None:
    assert REQUEST not in _turn(text, before).labels


@pytest.mark.parametrize(
    ("before", "text"),
    [
        ((), "I'm coming over now, stay where you are."),
        (("I've been feeling really low.",), "I'll keep checking in on you this week, I promise."),
    ],
)
def test_coming_over_to_help_and_keeping_in_touch_are_still_commitments(
    before: tuple[str, ...], text: str
) -> None:
    assert "commitment" in _subtypes(REQUEST, text, before)


def test_turning_up_after_no_contact_was_asked_makes_no_repair() -> None:
    analysis = _conversation(
        ("Alex", "Why won't you answer me?"),
        ("Kim", "I've told you I need no contact. Please stop messaging me."),
        ("Alex", "I'll keep messaging until you answer me."),
        ("Kim", "I won't be replying to any more messages."),
        ("Alex", "Fine, I'm coming over tonight then."),
    )
    for index in (2, 4):
        assert REQUEST not in analysis.turns[index].labels
    assert all(e.initiator != "Alex" for e in analysis.episodes)


# --- 3. Fawning owns no act of one's own ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'll do anything, I'm so sorry.",
        "Just tell me what I did wrong and I'll fix it, I'll change whatever you want, sorry.",
        "I'm sorry you had to shout at me, I should've known better.",
        "I'm sorry you had to shout at me. I should've known better.",
        "It's my fault anyway, it always is. I ruin everything.",
        "I know, I'm so sorry, I ruin everything.",
        "Sorry. I know I'm a pain. Sorry for being needy, sorry for apologising all the time.",
    ],
)
def test_fawning_is_appeasing_not_ownership(text: str) -> None:
    turn = _turn(text)
    assert RESPONSIBILITY not in turn.labels
    assert "appeasing" in _subtypes(WITHDRAWAL, text)


def test_fawning_makes_no_commitment() -> None:
    text = "Please just tell me what I did wrong so I can fix it, I'll change anything, sorry"
    assert REQUEST not in _turn(text).labels


@pytest.mark.parametrize(
    ("before", "text"),
    [
        ((), "That's on me, I forgot to book the table."),
        ((), "my bad, I should have checked the date."),
        ((), "I was wrong to shout at you."),
        ((), "I'm sorry I snapped at you. I'll do anything to make it up to you."),
        ((), "I'm sorry I shouted at you, I should have known better."),
    ],
)
def test_owning_a_named_act_is_still_responsibility(before: tuple[str, ...], text: str) -> None:
    assert RESPONSIBILITY in _turn(text, before).labels


# --- 4. Casual commitments, requests and warmth ---------------------------------------------------


@pytest.mark.parametrize(
    ("before", "text", "label"),
    [
        ((), "From now on I'm gonna ring you when I'm running late, I promise", REQUEST),
        ((), "Going forward I'm going to call you when I'm running behind, I promise", REQUEST),
        ((), "going forward i'ma call you when im running behind, on god", REQUEST),
        (("You never turn up when you say you will.",), "Can we get dinner tonight and reset?", REQUEST),
        ((), "My bad for snapping at you. Can we get a coffee later and start fresh?", REQUEST),
        ((), "Sorry mate, I was bang out of order. I'll make it up to ya, promise", REQUEST),
        ((), "it's all good, we're sound, love you bro", RECONNECT),
        (
            (
                "Sorry, I was bang out of order leaving you sat there. I'll buy the first round Saturday, "
                "and I'll ring if I'm late, promise",
            ),
            "Ah you're grand. Saturday it is",
            RECONNECT,
        ),
        (
            ("You left me sat in the pub on my own for an hour.",),
            "I'll buy the first round Saturday, and I'll ring if I'm late, promise",
            REQUEST,
        ),
        (("Sorry I shouted, that was not correct of me",), "Steady lah, we settle it already", RECONNECT),
        ((), "I'm dying to see you on Saturday", RECONNECT),
        ((), "Madam, no vex. I dey sorry, I no go do am again.", RESPONSIBILITY),
        ((), "Abeg no vex, I no mean am. I dey very sorry.", RESPONSIBILITY),
    ],
)
def test_casual_repairs_are_read(before: tuple[str, ...], text: str, label: str) -> None:
    assert label in _turn(text, before).labels


@pytest.mark.parametrize(
    ("before", "text", "label"),
    [
        ((), "We're fine for bread, love.", RECONNECT),
        (("Hold on, I'll get the ladder.",), "Steady the ladder while I climb.", RECONNECT),
        ((), "I'm dying to know what happens in the finale", RECONNECT),
        ((), "Can we reset the router later?", REQUEST),
        (("Shall we do the match on Saturday?",), "Saturday it is then", RECONNECT),
        ((), "He said going forward he'll text when he's late, I promise you.", REQUEST),
    ],
)
def test_casual_look_alikes_are_left_alone(before: tuple[str, ...], text: str, label: str) -> None:
    assert label not in _turn(text, before).labels


def test_dying_to_see_someone_is_not_a_crisis() -> None:
    assert "risk.crisis" not in _turn("I'm dying to see you on Saturday").labels


# --- 5. "ok" that agrees is not withdrawal --------------------------------------------------------


def test_ok_agreeing_to_stay_on_the_phone_in_a_crisis_is_not_withdrawal() -> None:
    analysis = _conversation(
        ("Sam", "honestly i'm done with everything, i've been planning how to end it"),
        ("Ravi", "are you safe right now? where are you"),
        ("Sam", "home. i'm not ok"),
        ("Ravi", "i'm on my way, stay on the phone with me ok?"),
        ("Sam", "ok"),
    )
    assert WITHDRAWAL not in analysis.turns[4].labels


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (
            (
                "whatever",
                "i shouldn't have shouted, i'm sorry. can we sit down tonight and make a plan together?",
            ),
            "ok",
        ),
        (("I'm sorry I snapped. Can we sit down after dinner and work out a plan together?",), "okay"),
        (("i'm sorry i yelled. i was scared. can we talk tonight?",), "ok. thanks dad"),
    ],
)
def test_ok_agreeing_to_a_plan_after_an_apology_is_not_withdrawal(before: tuple[str, ...], text: str) -> None:
    assert WITHDRAWAL not in _turn(text, before).labels


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (("I'm sorry I shouted at you. That wasn't fair.",), "ok."),
        (("You never help with anything around here.",), "ok"),
        (("Can you stop being so lazy for once?",), "ok"),
        (("You're useless, you know that? Can you at least try?",), "okay."),
    ],
)
def test_a_cold_ok_after_a_bid_or_an_attack_is_still_withdrawal(before: tuple[str, ...], text: str) -> None:
    assert "minimal_response" in _subtypes(WITHDRAWAL, text, before)
