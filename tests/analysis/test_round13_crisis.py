"""Round 13: crisis signs said by erasing oneself ("sorry I was ever born"), by wishing to join
someone who has died, by blaming oneself for another's violence, and in dialect or slang phrasing
("do myself in", "neck myself", "better I just die", "he'd do me in"); a breakup said as "end it"
or "end things" next to words about the relationship is no suicide sign, and laughter ("kms
that's hilarious") is no crisis.

Shapes from the testers' reports (dialects #1-#4 and #10, endings #1-#3, over-apologising #1-#2);
the wordings here are new ones of each family, with look-alikes that must stay clean.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation
from mendkit.model.analysis import Safety


def _risk(text: str, *, context: tuple[str, ...] = ()) -> Safety:
    return mendkit.check(text, mode="rules", context=context).risk


def _safety(*turns: tuple[str, str]) -> Safety:
    return analyze_conversation(Conversation.from_turns(list(turns)), mode="rules").safety


def _assert_crisis(text: str, kind: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert kind in risk.kinds, (text, risk.kinds)


# -- 1. Self-erasure ------------------------------------------------------------------------------

_ERASURE = [
    "Honestly I'm sorry for existing, I just make everything worse.",
    "sorry I'm even alive tbh",
    "I'm so sorry I was ever born.",
    "I regret being born, every single day.",
    "I regret that I was born at all.",
    "Don't worry, I won't bother anybody ever again. This is the last time.",
    "I'll stop now, I won't trouble any of you ever again, I promise.",
    "If I just vanish, the problem goes away for everyone.",
    "All the problems go away if I disappear.",
]


@pytest.mark.parametrize("text", _ERASURE)
def test_erasing_oneself_is_a_suicide_sign(text: str) -> None:
    _assert_crisis(text, "suicide")


_NOT_ERASURE = [
    "sorry for existing in your notifications lol",
    "Oh well sorry for existing, I guess!",
    "Sorry I'm late, the train was cancelled.",
    "I'm sorry I was late again.",
    "Sorry I was born in the nineties, I've never seen that film.",
    "I regret being born in August, every birthday is a heatwave.",
    "I won't bother you again this evening, promise.",
    "I won't bother anyone with my holiday photos ever again, nobody liked them.",
    "If I disappear for ten minutes it's because I'm on a call.",
    "If I disappear into the kitchen the problem of dinner goes away.",
]


@pytest.mark.parametrize("text", _NOT_ERASURE)
def test_their_everyday_look_alikes_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


# -- 2. Wishing to join someone who has died ------------------------------------------------------

_GRIEF_WISHES = [
    "Grandad, since you passed I just want to go to sleep and be with you again.",
    "It's been a year since you died and I'm ready to join you now.",
    "Mum, I'm coming to join you soon. I can't go on without you.",
    "Dad, I wish I could just close my eyes and be with you. Nothing is worth it since the funeral.",
]


@pytest.mark.parametrize("text", _GRIEF_WISHES)
def test_a_wish_to_join_someone_who_died_is_a_suicide_sign(text: str) -> None:
    _assert_crisis(text, "suicide")


_NOT_GRIEF_WISHES = [
    "I'll join you at the restaurant soon, just parking now.",
    "Babe I can't wait to be with you again this weekend ❤️",
    "Since Grandad died Nan's been lonely, so I'll join you at hers on Sunday.",
    "Mum, I'm going to join you in Lisbon soon, just booked the flights.",
    "Since you died I've started running again. I know I'll be with you again one day.",
    "I can't do this without you, come and join me at the quiz tonight.",
]


@pytest.mark.parametrize("text", _NOT_GRIEF_WISHES)
def test_meeting_up_or_a_hope_of_one_day_is_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


# -- 3. Ending a relationship is not ending one's life ----------------------------------------------

_BREAKUPS = [
    "I don't think this relationship is working, so I want to end it properly.",
    "I'm going to end things tonight. I'm not in love with you any more.",
    "I want to end it. You deserve someone who feels the same way about you.",
    "I don't love you any more. I'm ending it.",
    "We aren't working any more. So honestly I'm going to end it.",
    "I've made up my mind about us and I'm ending it this week.",
    "I'm ending things. We've been growing apart for a year and breaking up is kinder.",
]


@pytest.mark.parametrize("text", _BREAKUPS)
def test_ending_it_beside_words_about_the_relationship_is_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


_STILL_ENDING_IT = [
    "I'm going to end it all tonight.",
    "I'm going to end it tonight. Nobody will miss me.",
    "I'm ending it this weekend, I can't keep going.",
    "I don't love anything any more. I want to end it.",
    "I love you all so much. I'm going to end it tonight.",
    "Tell him I'm sorry. I'm ending it tonight.",
    "I can't do this anymore. I just want to end it.",
    "I'm done with this relationship and everything else, I want to end it all.",
]


@pytest.mark.parametrize("text", _STILL_ENDING_IT)
def test_ending_it_without_a_relationship_in_view_is_still_a_crisis(text: str) -> None:
    _assert_crisis(text, "suicide")


# -- 4. An admission of hitting, said as "you deserved it" ----------------------------------------

_DESERVED = [
    "Stop exaggerating. I never put a hand on you that you didn't earn.",
    "Every smack you got from me, you deserved.",
    "I only hit you because you asked for it.",
]


@pytest.mark.parametrize("text", _DESERVED)
def test_hitting_justified_as_deserved_is_danger_to_the_one_it_is_said_to(text: str) -> None:
    safety = _safety(("Ruth", "I'm not coming this year."), ("Dad", text))
    assert safety.crisis, text
    assert safety.turns == (1,)
    assert "abuse_danger" in safety.kinds, (text, safety.kinds)


def test_hitting_justified_in_a_message_being_checked_is_a_crisis() -> None:
    risk = _risk("I never laid a finger on you that you didn't deserve.")
    assert risk.crisis
    assert "abuse_danger" in risk.kinds


def test_a_guilt_trip_about_dying_still_leaves_the_hitting_named() -> None:
    safety = _safety(
        ("Ruth", "I need some distance from you."),
        ("Dad", "Don't be so dramatic. I never laid a hand on you that you didn't deserve."),
        ("Ruth", "I'm stepping away now."),
        ("Dad", "You'll regret this when I'm dead."),
    )
    assert 1 in safety.turns
    assert "abuse_danger" in safety.kinds


_NOT_DESERVED = [
    "I never laid a finger on your cake, I swear.",
    "He never laid a finger on her, he's as gentle as anyone I know.",
    "You deserved that win, you trained so hard.",
    "I only hit you up because you asked for the link.",
]


@pytest.mark.parametrize("text", _NOT_DESERVED)
def test_hands_off_and_deserved_praise_are_no_crisis(text: str) -> None:
    assert not _safety(("Ana", "hi"), ("Ben", text)).crisis, text


# -- 5. Blaming oneself for another's violence, and threats to a child ----------------------------

_BLAME_FOR_VIOLENCE = [
    "So sorry I made you chuck the remote at me, I'll keep the kids quiet.",
    "I'm sorry I made you so mad you had to smash my phone.",
    "she said she'd break my phone and me if I texted him again",
    "I'll be quiet so he doesn't have to hurt me.",
    "I'll stop talking back so you won't need to hit me.",
    "Quit that crying or I'll give you something to really cry about.",
    "Keep whining and I'll give you something to whine about.",
    "Please don't lock me out in the cold again, I'll be good.",
    "sorry for last night, pls dont lock me outside again",
]


@pytest.mark.parametrize("text", _BLAME_FOR_VIOLENCE)
def test_blaming_oneself_for_violence_or_being_threatened_is_danger(text: str) -> None:
    safety = _safety(("Ana", "hi"), ("Ben", text))
    assert safety.crisis, text
    assert "abuse_danger" in safety.kinds, (text, safety.kinds)


def test_violence_blamed_on_the_reader_in_the_message_answered_is_danger_in_context() -> None:
    risk = _risk(
        "Sorry, I'll be better.",
        context=("You made me so angry I threw the mug at the wall. That's on you.",),
    )
    assert risk.crisis
    assert risk.in_context
    assert "abuse_danger" in risk.kinds


def test_a_threat_to_a_child_in_a_message_being_checked_is_a_crisis() -> None:
    risk = _risk("Stop crying or I'll give you something to cry about.")
    assert risk.crisis
    assert "abuse_danger" in risk.kinds


_NOT_VIOLENCE = [
    "Sorry I made you throw away the leftovers, I should have checked the date.",
    "Sorry I made you throw a party at such short notice!",
    "This film will give you something to cry about, bring tissues.",
    "Please don't lock me out of the spreadsheet again, I need to edit it.",
    "I'll stop singing so you don't have to hear it.",
    "I'll leave early so you don't have to wait for me.",
    "Mum said she'd break the news to me gently.",
]


@pytest.mark.parametrize("text", _NOT_VIOLENCE)
def test_their_everyday_look_alikes_are_no_danger(text: str) -> None:
    assert not _safety(("Ana", "hi"), ("Ben", text)).crisis, text


# -- 6. Dialect and slang phrasings -----------------------------------------------------------------

_DIALECT_SUICIDE = [
    "I think I'm going to do myself in this weekend.",
    "honestly thinking of doing myself in",
    "I'm gonna dae myself in, cannae take it",
    "Gonna neck myself, I'm done.",
    "I keep thinking about necking myself",
    "Abeg make I just die, nothing dey work",
    "Better I just die, nobody care one",
    "Honestly it's better if I just die.",
    "It would be better for everyone if I die.",
    "I'm so tired of this life.",
    "sick of my life, nothing ever changes",
    "mi just want dead, mi tired",
]


@pytest.mark.parametrize("text", _DIALECT_SUICIDE)
def test_dialect_and_slang_ways_of_saying_suicide_are_a_crisis(text: str) -> None:
    _assert_crisis(text, "suicide")


_DIALECT_DANGER = [
    "My ex swore he'd do me in if I went to the police.",
    "he said he'd do me in if I ever left",
    "she gets real scary when she's been drinking",
    "He gets proper scary when he loses at cards and I hide in the bathroom.",
    "I'm terrified she'll get home off her face again",
]


@pytest.mark.parametrize("text", _DIALECT_DANGER)
def test_dialect_and_slang_ways_of_saying_danger_are_a_crisis(text: str) -> None:
    _assert_crisis(text, "abuse_danger")


_NOT_DIALECT_CRISIS = [
    "I'm going to neck myself a pint after this shift.",
    "I necked myself three coffees before the exam.",
    "I did myself in at the gym, can barely walk.",
    "I'm going to do myself in at this rate, three shifts back to back.",
    "This heat will do me in.",
    "These stairs would do me in, honestly.",
    "It's better if I dye my hair before the wedding.",
    "It's better if I die on this hill than give in on the font.",
    "that joke make I wan die of laugh",
    "I'm tired of this life admin, three forms today.",
    "Sick of this life in the city, we're moving to the coast!",
    "The film gets real scary in the second half.",
    "I'm worried he'll come home hungry, I forgot to shop.",
    "I want dead quiet for this exam, please.",
]


@pytest.mark.parametrize("text", _NOT_DIALECT_CRISIS)
def test_their_everyday_look_alikes_are_not(text: str) -> None:
    assert not _risk(text).crisis, text


def test_tired_of_this_life_is_not_hostility_to_the_reader() -> None:
    result = mendkit.check("Honestly I'm so tired of this life.", mode="rules")
    assert result.risk.crisis
    assert "rupture.confrontation" not in result.labels


# -- 7. Laughter ----------------------------------------------------------------------------------

_LAUGHTER = [
    "kms that's the funniest video I've seen this week 😂",
    "kms this is hilarious",
    "this is so funny kms",
    "I'm dead 💀 literally deceased",
]


@pytest.mark.parametrize("text", _LAUGHTER)
def test_laughing_is_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


_NOT_LAUGHTER = [
    "kms",
    "kms. not the funny kind",
    "kms fr this time",
    "kms that's the funniest thing, no actually I want to kill myself",
]


@pytest.mark.parametrize("text", _NOT_LAUGHTER)
def test_kms_without_laughter_is_still_a_crisis(text: str) -> None:
    _assert_crisis(text, "suicide")


def test_laughter_in_banter_raises_no_crisis_in_the_conversation() -> None:
    safety = _safety(
        ("Jay", "did u see what ms patel said to him 😭"),
        ("Kai", "I'm dead 💀 I'm literally deceased"),
        ("Jay", "kms that is the funniest thing all term lol"),
        ("Kai", "fr fr"),
    )
    assert not safety.crisis
