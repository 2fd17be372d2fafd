"""Crises written in world Englishes and learners' English (round 16, tester t2): Scots ("ah just
want tae go tae sleep an no wake up", "ah took a hale box ae ma pills"), Nigerian Pidgin ("I go
stab am", "nobody go miss me"), Indian English ("thinking to consume poison", "cut my hand with
blade"), AAVE ("I been tryna cut again") and learners' grammar ("I think to kill me", "I have
thoughts to take me the life", "easier for everybody when I am not here anymore") are found by
the rules on their own, as their standard wordings are, with the kind the standard wording gets,
and the evidence points at what the person typed. Everyday look-alikes stay harmless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.analysis.spelling import respell
from mendkit.cli.main import main
from mendkit.coach.machine import State
from mendkit.coach.session import Session
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"

# (typed, its standard wording, the kind both must get)
DIALECT_CRISES = [
    ("We fell oot at the pub. Ah cannae dae this nae mair, ah just want tae go tae sleep an no "
     "wake up.",
     "We fell out at the pub. I can't do this any more, I just want to go to sleep and not wake "
     "up.", "suicide"),
    ("Ah cannae dae this nae mair. Ah just want tae go tae sleep an no wake up. Ah've been thinkin "
     "aboot endin it.",
     "I can't do this any more. I just want to go to sleep and not wake up. I've been thinking "
     "about ending it.", "suicide"),
    ("Efter the row wi Jen ah took a hale box ae ma pills. Ah'm no feelin right.",
     "After the row with Jen I took a whole box of my pills. I'm not feeling right.", "suicide"),
    ("Ah took a hale box ae ma pills.", "I took a whole box of my pills.", "suicide"),
    ("If he comes near ma sister again ah'll stab him, ah'm no kiddin.",
     "If he comes near my sister again I'll stab him, I'm not kidding.", "harm_to_others"),
    ("If that man come near my sister again, I go stab am, I swear.",
     "If that man comes near my sister again, I will stab him, I swear.", "harm_to_others"),
    ("Since the quarrel with my mum I've been thinking of taking sniper. Nobody go miss me sef.",
     "Since the quarrel with my mum I've been thinking of taking poison. Nobody will miss me.",
     "suicide"),
    ("I don't want live more. I think to kill me, every day I am thinking this.",
     "I don't want to live any more. I think about killing myself, every day.", "suicide"),
    ("Yesterday night again I cut my hand with blade. I am not able to stop it.",
     "Last night I cut my hand with a blade again. I am not able to stop.", "self_harm"),
    ("Yesterday evening I have again cut me in the arm. I cannot stop with this.",
     "Yesterday evening I cut my arm again. I cannot stop doing this.", "self_harm"),
    ("My in-laws are fighting daily with me. I am thinking to consume poison and finish "
     "everything.",
     "My in-laws fight with me every day. I am thinking of taking poison and ending it all.",
     "suicide"),
    ("After that fight wit my moms I been tryna cut again, I can't stop.",
     "After that fight with my mom I've been wanting to cut again, I can't stop.", "self_harm"),
    ("After the fight with my boyfriend I want to finish with my life. I have the pills here.",
     "After the fight with my boyfriend I want to end my life. I have the pills here.",
     "suicide"),
    ("Since my wife has left me I have thoughts to take me the life.",
     "Since my wife left me I have thoughts of taking my life.", "suicide"),
    ("Sometimes I think it will be easier for everybody when I am not here anymore.",
     "Sometimes I think it would be easier for everybody if I wasn't here anymore.", "suicide"),
]


@pytest.mark.parametrize(("typed", "standard", "kind"), DIALECT_CRISES)
def test_a_dialect_or_learner_crisis_is_found_by_the_rules_as_the_standard_one_is(
    typed: str, standard: str, kind: str,
) -> None:
    spelled = mendkit.check(standard, mode="rules")
    assert spelled.risk.crisis and kind in spelled.risk.kinds  # so a miss is the dialect's
    result = mendkit.check(typed, mode="rules")
    assert CRISIS in result.labels
    assert result.risk.crisis
    assert kind in result.risk.kinds
    for e in result.evidence:  # evidence is what the person typed
        assert e.text == typed[e.start:e.end]


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize(("typed", "kind"), [(t, k) for t, _, k in DIALECT_CRISES[:7]])
def test_a_dialect_crisis_is_found_in_full_mode_with_its_kind(typed: str, kind: str) -> None:
    result = mendkit.check(typed)
    assert result.risk.crisis
    assert kind in result.risk.kinds


def test_the_scots_evidence_is_the_words_as_typed() -> None:
    text = "Ah just want tae go tae sleep an no wake up."
    result = mendkit.check(text, mode="rules")
    quoted = [e.text for e in result.evidence if e.label == CRISIS]
    assert "sleep an no wake up" in quoted


def test_a_reply_to_a_scots_crisis_is_not_coached() -> None:
    scots = "Ah cannae dae this nae mair. Ah just want tae go tae sleep an no wake up."
    reply = "Okay, let's talk about it tomorrow when you've calmed down."
    assert mendkit.check(reply, context=[scots], mode="rules").risk.crisis


def test_learner_when_for_if_is_suicide_not_dissociation() -> None:
    conversation = Conversation.from_turns([
        ("Thabo", "Since your mother died, are you having thoughts of hurting yourself?"),
        ("Kasia", "Sometimes I think it will be easier for everybody when I am not here anymore."),
        ("Thabo", "Thank you for telling me. I'm not going anywhere."),
    ])
    analysis = mendkit.analyze(conversation, mode="rules")
    turn = analysis.turns[1]
    assert CRISIS in turn.labels
    assert "rupture.withdrawal" not in turn.labels  # "I am not here" is no dissociation
    assert [e.subtype for e in turn.evidence if e.label == CRISIS] == ["suicide"]
    assert analysis.safety.kinds == ("suicide",)


def test_the_scots_crisis_stops_the_coach(tmp_path: Path) -> None:
    answers = ["", "yes", "my pal Rory", "friend",
               "We fell oot at the pub. Ah cannae dae this nae mair, ah just want tae go tae "
               "sleep an no wake up.", "x", "x"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    session = Session.from_json(files[0].read_text(encoding="utf-8"))
    assert session.state is State.STOPPED_CRISIS


# ------------------------------------------------------------------ the respelling, word by word

@pytest.mark.parametrize(("typed", "read"), [
    ("ah just want tae go tae sleep an no wake up", "i just want to go to sleep and not wake up"),
    ("ah took a hale box ae ma pills", "i took a whole box of my pills"),
    ("ah'm no kiddin, ah'll stab him", "im not kidding, i'll stab him"),
    ("efter the row wi jen", "after the row with jen"),
    ("i go stab am, i swear", "i will stab him, i swear"),
    ("nobody go miss me", "nobody will miss me"),
    ("make i just end am", "make i just end it"),
    ("i don't want live more", "i don't want to live more"),
    ("i been tryna cut again", "i been trying to cut again"),
])
def test_dialect_spellings_are_read_as_the_rules_spell_them(typed: str, read: str) -> None:
    respelt = respell(typed)
    assert respelt is not None
    assert respelt.text == read


@pytest.mark.parametrize("typed", [
    "ah well, ah ok",  # the interjection
    "ah would you stop",  # Irish
    "ah go way, you're only messing",
    "my ma said no",  # "ma" the mother
    "ma, i love you",
    "tell ma i love her",
    "an apple an hour",  # the article
    "he wrote an i-statement",
    "i am no expert",
    "hale and hearty",
    "i go to school",
    "i go kill somebody 😂",  # Nigerian idiom of being fed up
    "i want to live in london",
])
def test_everyday_look_alikes_are_left_as_typed(typed: str) -> None:
    assert respell(typed) is None


def test_a_scots_toe_stays_a_toe() -> None:
    respelt = respell("i stubbed ma big tae")
    assert respelt is not None and respelt.text == "i stubbed my big tae"


@pytest.mark.parametrize("text", [
    "I go kill am finish. Nobody is getting leftovers o.",  # "I'll eat it all"
    "Abeg if NEPA takes light one more time during this match I go kill somebody 😂",
    "Ah well, that's the match done. Ah go way hame.",
    "I'm taking sniper this round, you go assault.",
    "The dog ate rat poison, we're at the vet.",
    "I cut me a slice of that cake, hope you don't mind.",
    "I want to finish my life's work before I retire.",
    "It will be easier for everybody when I am not here on Friday, you can use my desk.",
    "Ma maw's coming for her tea on Sunday, ah'll make a stew.",
])
def test_dialect_everyday_talk_is_no_crisis(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis
