"""Danger that LGBTQ+ young people meet at home, in rules mode (round 18, tester t2, P1, P2, P6,
P10, P11): violence to "beat it out of" someone, being sent to conversion therapy or a camp to be
"fixed", a threat to out someone, and a parent who orders a program and then throws the child out
("Then you can pack your things. Not under my roof." / "You have until Sunday."). The sentences
below are our own variants as well as the tester's; the near-misses say the same words about
chess, summer camp, therapy a person chose, or a friend who would never out anyone.

Also: a yes to a brunch invitation is no answer to a question about a joke three turns before
(P10), and a parent as the danger puts the young people's line right after the emergency number
(P11)."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"
ABUSE = "abuse_danger"

DANGER = [
    # violence to change who someone is (P1)
    "My dad found out and said if I'm gay he'll beat it out of me.",
    "my mum said she'd beat the gay out of me",
    "he keeps saying he'll knock this nonsense out of me",
    "my stepdad said if i come out as trans he'll kill me",
    # conversion therapy or a camp, against the writer's will (P1)
    "My parents say I'm going to the camp in Utah to fix me whether I like it or not. They took my phone.",
    "my parents are sending me to conversion therapy next month",
    "they're making me go to a retreat to pray the gay away",
    "mum booked me into a program to straighten me out, i don't get a say",
    # a threat to out someone (P1)
    "He said he'd out me to my whole school if I don't do what he says.",
    "she's threatening to out me to my parents",
    "my cousin says he'll out me unless i give him money",
    # a parent's words to the child (P2)
    "There is a program at church that helps young people with these feelings. You are going.",
    "Then you can pack your things. Not under my roof.",
    "Pack your bags and get out of my house, no son of mine is gay.",
]

NOT_DANGER = [
    "my dad beat me at chess again",
    "we went to camp in Utah last summer, it was great",
    "she came out to me and I promised I'd never out her",
    "my mum wants me to go to therapy to help with my anxiety",
    "I signed up for a program that helps with anxiety, it's been good",
    "pack your things, we're leaving for the beach at six",
    "pack your bags, we're going to Paris!",
    "he asked me out to dinner at the new place",
    "my sister would never out me, she's been amazing",
    "I read an article about the ban on conversion therapy",
    "the coach beat the laziness out of me lol, best season ever",
    "no phones at the dinner table, not under my roof",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_to_an_lgbtq_young_person_is_found_by_the_rules(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert ABUSE in result.risk.kinds
    assert result.risk.resources


@pytest.mark.parametrize("text", NOT_DANGER)
def test_the_same_words_about_something_else_raise_no_crisis(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


_PRAY_AND_THROWN_OUT = [
    ("Dad", "Your mother told me what you said. I'll pray for you."),
    ("Sam", "I don't need prayers, Dad. I need you to accept me."),
    ("Dad", "There is a program at church that helps young people with these feelings. "
            "You are going."),
    ("Sam", "That's conversion therapy. I'm not going."),
    ("Dad", "Then you can pack your things. Not under my roof."),
    ("Sam", "are you serious"),
    ("Dad", "You have until Sunday."),
    ("Sam", "ok"),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_parent_who_orders_a_program_and_then_throws_the_child_out_is_a_crisis(
        mode: str) -> None:
    analysis = mendkit.analyze(Conversation.from_turns(_PRAY_AND_THROWN_OUT), mode=mode)
    assert analysis.safety.crisis
    assert {2, 4, 6} <= set(analysis.safety.turns)
    for index in (2, 4, 6):
        assert ABUSE in analysis.turns[index].subtypes(CRISIS)
    assert analysis.safety.resources


def test_an_order_to_a_conversion_program_is_never_read_as_acceptance() -> None:
    analysis = mendkit.analyze(Conversation.from_turns(_PRAY_AND_THROWN_OUT), mode="rules")
    assert "reconnect" not in analysis.turns[2].labels


def test_a_deadline_alone_after_no_threat_is_no_crisis() -> None:
    chat = Conversation.from_turns([
        ("Ana", "Can you send me the draft for the report?"),
        ("Ben", "Sure, when do you need it?"),
        ("Ana", "You have until Sunday."),
    ])
    assert not mendkit.analyze(chat, mode="rules").safety.crisis


_CAMP_CHAT = [
    ("Dev", "ok the drag show last night??? I'm deceased"),
    ("Luca", "Bianca's reveal. She ate and left no crumbs"),
    ("Dev", "if I hear that remix one more time I'll kill myself lol jk it slaps"),
    ("Nico", "the way I choked when she death-dropped. dead. buried. gone"),
    ("Luca", "brunch sunday? my treat, I owe you all after last month"),
    ("Dev", "yesss mother is providing"),
    ("Nico", "I'm in. Love you lot."),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_yes_to_an_invitation_is_no_answer_about_an_earlier_joke(mode: str) -> None:
    analysis = mendkit.analyze(Conversation.from_turns(_CAMP_CHAT), mode=mode)
    assert CRISIS not in analysis.turns[5].labels
    assert CRISIS not in analysis.turns[6].labels


def test_a_real_follow_up_question_about_the_words_is_still_answered() -> None:
    chat = Conversation.from_turns([
        ("Dev", "honestly i want to kill myself"),
        ("Luca", "wait, for real?"),
        ("Dev", "yeah"),
    ])
    assert CRISIS in mendkit.analyze(chat, mode="rules").turns[2].labels


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_parent_as_the_danger_puts_the_young_peoples_line_right_after_the_emergency_number(
        mode: str) -> None:
    result = mendkit.check("My dad found out and said if I'm gay he'll beat it out of me.",
                           mode=mode, region="US")
    assert ABUSE in result.risk.kinds
    names = [r.name for r in result.risk.resources]
    assert names[0] == "Emergency services"
    assert names[1].startswith("Childhelp")
