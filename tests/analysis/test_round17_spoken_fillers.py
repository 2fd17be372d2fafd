"""Round 17 (tester t2, speech-to-text transcripts): spoken wording read like the written wording.

A filler inside a phrase ("i've been like cutting again", "thinking about like ending it"),
"even" after a negation ("i don't even want to be alive"), "you know" or "i mean" in passing
and a transcriber's note ("[inaudible]") do not hide what the rules know, while the evidence
stays the words as said; a run-on sentence's "i didn't mean to ..." or "i don't know" does not
cancel what follows it; the filler "like" before "you never" is no retort; a self-harm
disclosure is not a repair's feeling; and a young person's own crisis lists their line before
other countries' examples.
"""

from __future__ import annotations

from typing import Literal

import pytest

import mendkit
from mendkit.analysis.spoken import filler_spans
from mendkit.model import Conversation


def labels(text: str, mode: Literal["full", "rules"] = "rules") -> set[str]:
    return set(mendkit.check(text, mode=mode).labels)


# ------------------------------------------------------------------ crisis said with fillers


@pytest.mark.parametrize("spoken", [
    "i don't even want to be alive some days",
    "I don't even want to be alive some days.",
    "i i don't even want to be alive some days okay",
    "i've been like cutting again um i haven't told anyone",
    "i've been um thinking about like ending it",
    "i took like a bunch of my mom's pills last night",
    "i wrote like a note um for my sister just in case",
    "what's the point of like being alive even",
    "nobody would even like notice if i was gone",
    "honestly i think about like jumping off the roof a lot",
    "i've been, like, cutting my arms again",
    "i want to [inaudible] die",
])
def test_a_spoken_crisis_line_is_crisis_in_rules_mode(spoken: str) -> None:
    result = mendkit.check(spoken, mode="rules")
    assert result.risk.crisis, spoken
    for e in result.evidence:  # evidence is the words as said, fillers and all
        assert spoken[e.start:e.end] == e.text


def test_a_teens_spoken_suicidal_turn_raises_the_crisis_in_a_transcript() -> None:
    conversation = Conversation.from_turns([
        ("MOM", "what's going on with you lately you barely talk to me"),
        ("MAYA", "i don't know like everything's just bad at school and i i don't even want to "
                 "be alive some days okay"),
    ])
    analysis = mendkit.analyze(conversation, mode="rules")
    assert analysis.safety.crisis
    assert analysis.safety.turns == (1,)


@pytest.mark.parametrize("text", [
    "this sprint is like killing me",
    "this project is killing me um i've been here till like nine every night",
    "i could like kill for a coffee right now",
    "my boss is gonna like kill me if i'm late again",
    "i was like dying of laughter",
    "i would like to talk about it",
])
def test_a_filler_does_not_turn_an_idiom_into_crisis(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_a_like_that_carries_meaning_is_no_filler() -> None:
    def cut(text: str) -> list[str]:
        return [text[s:e] for s, e in filler_spans(text)]

    assert cut("i've been like cutting again") == [" like"]
    assert cut("you always do this you know like you never listen") == [" you know", " like"]
    for kept in ("i feel like i'm drowning", "i'd like that", "she was like you're so selfish",
                 "like i care", "you're just like your dad", "it's kind of like you don't care",
                 "don't talk to me like that", "do you know what you did", "i mean it"):
        assert cut(kept) == [], kept


# ------------------------------------------------------------------ run-on sentences


@pytest.mark.parametrize("text", [
    "i didn't mean to yell at you that was on me and i'm sorry",
    "um okay so i i didn't- i didn't mean to yell at you last night that was on me and i'm sorry",
])
def test_meaning_to_do_a_thing_does_not_cancel_the_apology_after_it(text: str) -> None:
    assert "repair.responsibility" in labels(text)


def test_a_negated_view_still_governs_the_clause_after_it() -> None:
    assert "rupture.withdrawal" not in labels("i'm not saying i don't want to talk")


def test_i_dont_know_does_not_cancel_the_withdrawal_after_it() -> None:
    assert "rupture.withdrawal" in labels("i don't know i don't really want to get into it")


# ------------------------------------------------------------------ labels read wrongly


@pytest.mark.parametrize("text", [
    "you always do this you know like you never ever listen to a single thing i say",
    "and like you never call",
])
def test_the_filler_like_before_you_never_is_no_defensive_retort(text: str) -> None:
    assert "rupture.invalidation" not in labels(text)
    assert "rupture.confrontation" in labels(text)


def test_a_retort_like_you_never_is_still_defensiveness() -> None:
    assert "rupture.invalidation" in labels("Like you've never been late in your life!")


def test_you_like_never_listen_is_criticism() -> None:
    assert "rupture.confrontation" in labels("you like never listen")


@pytest.mark.parametrize("text", [
    "i hurt myself again last night um with a razor",
    "sometimes i get so angry i i feel like i could actually hurt him like really hurt him",
])
def test_a_crisis_disclosure_is_not_a_repairs_feeling(text: str) -> None:
    found = labels(text)
    assert "risk.crisis" in found
    assert "repair.feeling" not in found


# ------------------------------------------------------------------ a young person's line


@pytest.mark.parametrize("text", ["i'm fifteen and i don't want to be alive anymore",
                                  "I'm 15 and I don't want to be alive anymore"])
def test_a_young_persons_line_comes_before_other_countries_examples(text: str) -> None:
    names = [r.name for r in mendkit.check(text, mode="rules").risk.resources]
    assert names[:3] == ["Local emergency services", "A crisis line where you live",
                         "Helplines for children and young people"]
    adult = [r.name for r in mendkit.check("i don't want to be alive anymore",
                                           mode="rules").risk.resources]
    assert adult.index("Helplines for children and young people") == len(adult) - 1


# ------------------------------------------------------------------ relaxed spoken repair


def test_asking_for_a_signal_next_time_is_a_request_and_the_repair_carries_on() -> None:
    assert "repair.request" in labels("can we like have a signal or something and i'll step in")
    conversation = Conversation.from_turns([
        ("Jordan", "you just sat there while your mom went off on me"),
        ("Sam", "okay um wait i i'm sorry i got defensive that was that was on me"),
        ("Jordan", "yeah (laughs) okay thank you for saying that"),
        ("Sam", "next time she starts in on the house can we like have a signal or something "
                "and i'll i'll step in"),
        ("Jordan", "yeah i'd like that i really appreciate it"),
    ])
    turns = mendkit.analyze(conversation, mode="rules").turns
    assert "repair.request" in turns[3].labels
    assert "reconnect" in turns[4].labels
