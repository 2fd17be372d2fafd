"""Round 12: crisis signs a joke hides (a means looked at, a farewell with a bequest, "disappear
and never come back", an old parent's "I'd rather be dead than end up in one of those places");
the same person's confirmation right after a crisis sign ("no like actually. I've been thinking
about it a lot."); threats of violence to a person said in anger. Hyperbole between friends, and
threats to property, stay out of crisis.

Shapes from the testers' reports (banter #1 and #6, heat #4, family #11, transcripts #8).
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation
from mendkit.model.analysis import Safety


def _risk(text: str) -> Safety:
    return mendkit.check(text, mode="rules").risk


def _safety(*turns: tuple[str, str]) -> Safety:
    return analyze_conversation(Conversation.from_turns(list(turns)), mode="rules").safety


_HIDDEN_IN_A_JOKE = [
    ("haha I keep looking at the pills in the cabinet, funny right", "suicide"),
    ("lol can't stop staring at the tablets in the bathroom cupboard", "suicide"),
    ("I've been looking at the pills in the cabinet.", "suicide"),
    ("if I don't make it to Friday, you can have my record collection 😂", "suicide"),
    ("haha if I don't make it to Friday, you can have my record collection 😂", "suicide"),
    ("you can keep my guitar if I don't make it past the weekend lol", "suicide"),
    ("i wanna disappear and never come back", "suicide"),
    ("I just want to vanish and never come back.", "suicide"),
    ("I'm not going into a home. I'd rather be dead than end up in one of those places.",
     "suicide"),
    ("I'd rather die than go into a care home.", "suicide"),
    # transcripts #1: the clean form of "sometimes i i think about like not waking up"
    ("Sometimes I think about not waking up.", "suicide"),
]


@pytest.mark.parametrize(("text", "kind"), _HIDDEN_IN_A_JOKE)
def test_a_means_or_a_farewell_hidden_in_a_joke_is_a_crisis(text: str, kind: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert kind in risk.kinds


_NOT_HIDDEN_RISK = [
    "I keep looking at the pills in the cabinet, half of them are out of date.",
    "been looking at the tablets in the cabinet for the dog's worming ones",
    "If I don't make it to Friday's gig, you can have my ticket.",
    "if I don't make it to Friday drinks you can have my spot on the quiz team lol",
    "If I don't make it back by 6 you can have my share of the pizza.",
    "I'd rather die than go to karaoke",
    "I'd rather be dead than wear that jumper.",
    "He wanted to disappear and never come back after that goal, poor lad.",
    "I keep thinking about not waking up early on Sundays anymore, bliss.",
]


@pytest.mark.parametrize("text", _NOT_HIDDEN_RISK)
def test_their_everyday_look_alikes_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


_THREATS_IN_ANGER = [
    "I'm going to punch him",
    "i want to slap her",
    "next time I'll hit him back",
    "i'm gonna punch him when he gets home",
    "I swear I'll smash his face",
    "10 i swear im going to punch him when he gets home",
    "I'm going to smash his face in when I see him",
    "im gonna smack her if she says that again",
    "not say anything, just smash his face in. the bat's already in my car",
    "I'm going to punch his lights out",
]


@pytest.mark.parametrize("text", _THREATS_IN_ANGER)
def test_a_threat_of_violence_to_a_person_is_harm_to_others(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "harm_to_others" in risk.kinds


_NOT_THREATS = [
    # hyperbole between friends (banter #6)
    "if you make me watch that film again I'll kill you",
    "if you make me sit through that musical again I will kill you",
    "I'm going to punch him lol, he ate my last chips",
    # threats to property are anger, not crisis (heat #4)
    "I swear I'll smash his phone",
    "I'm gonna key his car",
    # replying, getting in touch, games, throwing out
    "I'll hit him back when I'm off the train.",
    "I'll hit her up later about Saturday.",
    "I'll hit him back later, I'm driving",
    "We're going to kick him out of the band.",
    "I'm going to knock them out of the tournament on Saturday.",
    "I'm going to smash her at FIFA tonight",
    # past urges and refusals
    "I wanted to slap her when she said that, but I just walked out.",
    "I was going to punch him but I walked away.",
    "I'm not going to hit him, I'm not my dad.",
]


@pytest.mark.parametrize("text", _NOT_THREATS)
def test_hyperbole_property_and_everyday_phrases_are_no_threat(text: str) -> None:
    assert not _risk(text).crisis, text


def test_a_threat_to_you_with_a_danger_cue_still_stands() -> None:
    # The rule's documented stance: "tell anyone" is a sign of danger (banter #6 left it be).
    assert _risk("I'll kill you if you tell anyone").crisis


# Context: the same person right after a crisis sign or a word of distress.

def test_a_confirmation_after_a_laughed_off_crisis_sign_is_part_of_it() -> None:
    # banter c7
    safety = _safety(
        ("Lou", "if you make me watch that film again I'll kill you"),
        ("Max", "lol it's a classic, you'll survive"),
        ("Lou", "I'm going to murder this pizza first"),
        ("Max", "go for it"),
        ("Lou", "honestly lately I'd be better off dead lol"),
        ("Max", "haha same"),
        ("Lou", "no like actually. I've been thinking about it a lot."),
        ("Max", "wait, are you serious? are you safe right now?"),
    )
    assert safety.crisis
    # Round 16: Max's "haha same" right after it agrees with it, and may be a sign of Max's own.
    assert safety.turns == (4, 5, 6)
    assert safety.kinds == ("suicide",)


@pytest.mark.parametrize("confirmation", [
    "no like actually. I've been thinking about it a lot.",
    "I'm serious",
    "not joking",
    "i mean it",
    "I've been thinking about it for a while now",
])
def test_the_same_persons_confirmation_joins_the_crisis(confirmation: str) -> None:
    safety = _safety(("A", "I'd be better off dead tbh"), ("B", "lol what"), ("A", confirmation))
    assert safety.turns == (0, 2), confirmation


def test_a_confirmation_by_someone_else_or_after_no_crisis_is_nothing() -> None:
    assert _safety(("A", "I'd be better off dead tbh"), ("B", "I'm serious"),
                   ("C", "what?")).turns == (0,)
    assert not _safety(("A", "I might quit my job and move to Spain."), ("B", "really?"),
                       ("A", "no like actually. I've been thinking about it a lot.")).crisis


def test_a_confirmation_long_after_the_crisis_sign_is_nothing() -> None:
    safety = _safety(("A", "I'd be better off dead tbh"), ("B", "hey"), ("C", "so, dinner?"),
                     ("B", "pizza"), ("A", "I'm serious about the pizza though"))
    assert safety.turns == (0,)


def test_no_point_anymore_after_not_good_is_a_crisis_sign() -> None:
    # transcripts #8, c6_crisis_clean turn 1, in one message and as two lines
    assert _risk("Honestly, not good. I don't really see the point anymore.").crisis
    safety = _safety(("Therapist", "How have things been since we last talked?"),
                     ("Client", "Honestly, not good."),
                     ("Client", "I don't really see the point anymore."))
    assert safety.crisis
    assert safety.turns == (2,)
    assert "suicide" in safety.kinds


@pytest.mark.parametrize("text", [
    "I don't really see the point anymore.",  # alone it is ambiguous: no alarm
    "Work's been not good at all. I don't see the point anymore, I'm handing in my notice.",
    "The meeting was awful. I don't see the point of these meetings anymore.",
])
def test_no_point_without_distress_or_about_a_thing_is_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


def test_no_point_after_someone_elses_distress_is_nothing() -> None:
    assert not _safety(("A", "Honestly, not good."),
                       ("B", "I don't really see the point anymore.")).crisis
