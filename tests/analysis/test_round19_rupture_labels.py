"""Round 19 (testers t1 to t4): rupture and repair labels in rules mode.

Ableist, grief and faith put-downs are named; a symptom, a quoted "push through", regret at being
away and a widow's despair are not read as ruptures or ownership; "Fine." after a complaint the
other passed over is withdrawal."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation


def labels(text: str) -> set[str]:
    return set(mendkit.check(text, mode="rules").labels)


@pytest.mark.parametrize(("text", "label"), [
    # t3: ableist dismissal
    ("You were fine yesterday. You don't look sick to me.", "rupture.invalidation"),
    ("Have you tried yoga? My cousin cured her fibro with it.", "rupture.invalidation"),
    ("We're all adjusting, Sam. I can't make special exceptions for everyone.",
     "rupture.invalidation"),
    ("Look, if it's that hard maybe this role isn't the right fit for you.",
     "rupture.confrontation"),
    # t4: grief hurried or turned into a charge
    ("It's been six months, you really need to move on.", "rupture.invalidation"),
    ("You're acting like you're the only one who lost him.", "rupture.confrontation"),
    ("Fine. Do what you want with the house.", "rupture.withdrawal"),
    ("I don't want to talk about Mum. Drop it.", "rupture.withdrawal"),
    # t1: faith as a weapon, a pious soft no
    ("God forgive you for what you've done to this family.", "rupture.confrontation"),
    ("Honour thy father and mother, or have you forgotten that too?", "rupture.confrontation"),
    ("A real Christian wife wouldn't speak to her husband like that.", "rupture.confrontation"),
    ("Inshallah. We'll see.", "rupture.withdrawal"),
    ("Theek hai. Do what you like. I won't touch anything.", "rupture.withdrawal"),
    # t4: validation in grief talk
    ("That numbness makes sense after losing a brother.", "repair.validate"),
    ("I did the same the first year after Sita. It's so normal, Marion.", "repair.validate"),
])
def test_put_downs_and_grief_validation_are_named(text: str, label: str) -> None:
    assert label in labels(text)


@pytest.mark.parametrize(("text", "label"), [
    # near misses of the new patterns
    ("You don't look sick any more, the new meds must be working!", "rupture.invalidation"),
    ("Meditation cured my insomnia, honestly, it was a surprise to me.", "rupture.invalidation"),
    ("I need to move on from this job.", "rupture.invalidation"),
    ("Maybe this role isn't the right fit for me, I'm thinking of applying elsewhere.",
     "rupture.confrontation"),
    ("God forgive me, I said some awful things to her.", "rupture.confrontation"),
    ("Honour thy father and mother was the reading on Sunday.", "rupture.confrontation"),
    ("Fine, do what you like for dinner, I'm easy.", "rupture.withdrawal"),
    ("Can you drop it off at mine tomorrow?", "rupture.withdrawal"),
    ("Inshallah we'll see you at Eid!", "rupture.withdrawal"),
    ("Is it normal to feel nothing at the funeral?", "repair.validate"),
    # t3, t2: false alarms on a symptom, a quoted demand, regret at being away, reported speech
    ("Thank you for being patient with me while I was foggy. It means a lot.",
     "rupture.withdrawal"),
    ("I was wrong to tell you to push through. I'll believe you.", "rupture.confrontation"),
    ("I hate that I'm missing it.", "repair.responsibility"),
    ("The line was garbage. I said I'd call back and she'd already decided I was being cold.",
     "repair.responsibility"),
])
def test_near_misses_and_false_alarms_stay_unlabelled(text: str, label: str) -> None:
    assert label not in labels(text)


def test_owning_regret_and_plain_admission_still_count() -> None:
    assert "repair.responsibility" in labels("I hate that I snapped at you.")
    assert "repair.responsibility" in labels("I was being cold, and I'm sorry.")
    assert "rupture.confrontation" in labels("Push through. What happened next?")


def test_affectionate_bless_your_heart_is_banter_but_not_after_a_jab() -> None:
    banter = mendkit.analyze(Conversation.from_turns([
        ("Giulia", "Ha. I forgot the cannoli last year and I'm still hearing about it."),
        ("Marco", "Nonna will pray a rosary for your soul. Bless your heart.")]), mode="rules")
    assert "rupture.invalidation" not in banter.turns[1].labels
    jab = mendkit.analyze(Conversation.from_turns([
        ("Giulia", "You never think before you speak. Every single time."),
        ("Marco", "Bless your heart.")]), mode="rules")
    assert "rupture.invalidation" in jab.turns[1].labels


def test_fine_after_a_complaint_passed_over_is_withdrawal() -> None:
    turns = [("Jess", "Haven't heard from you in 4 days. I know you can't say where but a heads "
                      "up would be nice"),
             ("Dan", "sorry, comms were down. going dark again tmrw"),
             ("Dan", "tell him happy bday from me"),
             ("Jess", "Fine.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    assert "rupture.confrontation" in analysis.turns[0].labels
    assert "rupture.withdrawal" in analysis.turns[3].labels
    # The same "Fine." after a neutral message and a plain answer is not.
    plain = mendkit.analyze(Conversation.from_turns([
        ("Jess", "Shall we do the big shop on Saturday?"),
        ("Dan", "sure, after 10 works"),
        ("Jess", "Fine.")]), mode="rules")
    assert "rupture.withdrawal" not in plain.turns[2].labels


def test_a_widows_despair_is_not_giving_up_on_her_daughter() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Rose", "I've been giving my own things away too. I won't be needing them much longer."),
        ("Helen", "Mum, what do you mean by that?"),
        ("Rose", "I just want to be with him again. There's no point to the days without him."),
    ]), mode="rules")
    assert "rupture.withdrawal" not in analysis.turns[2].labels
    assert "rupture.withdrawal" in labels("There's no point talking to you.")


def test_staying_in_the_talk_is_not_appeasing() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Beth", "You always have a reason. You always had a reason with him too."),
        ("Chris", "You're right, sorry. I'm not walking off. I just don't know how to talk "
                  "about him without it turning into a fight.")]), mode="rules")
    assert "rupture.withdrawal" not in analysis.turns[1].labels
