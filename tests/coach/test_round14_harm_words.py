"""Round fourteen: the coach's two readings of harm to someone else share one source of words
(``mendkit.coach.harm_words``): the safety gate's ``harm_to_others`` (whether a crisis stop says
how to step away first) and the composer's ``threatens`` (words a draft never carries).

Each phrase below was judged by hand; the expected pair is (harm_to_others, threatens). Where the
two differ, it is by design: ``threatens`` also finds veiled threats ("I'll teach him a lesson"),
and ``harm_to_others`` also reads a bare answer to the coach's risk question ("yes, hurting him").
Before round fourteen these were wrong: the gate read everyday senses ("hit him up", "push her
away", "beat him at chess", "hurt her feelings", "break his heart") and a "won't" as harm, and
missed "I pushed him"; the screen read "make him pay the deposit" as a threat and missed "knock
him out", "so close to punching him" and a threat to "my boss"; both read "I wont hit him" as one.
"""

from __future__ import annotations

import pytest

from mendkit.coach.safety_gate import harm_to_others
from mendkit.coach.screening import threatens

HARM = [  # threats, and violence told of: both
    "i swear im going to punch him",
    "I could kill him lol",
    "next time I'll hit him back",
    "I'll smash his phone",
    "I want to slap her",
    "I'm gonna key his car",
    "I'll hurt him",
    "I wanted to strangle her",
    "I'm going to beat him up",
    "I'll beat him up",
    "I'll make him pay for this",
    "i'm going to make her pay",
    "I'll make my ex pay",
    "I'll knock him out",
    "I'm going to hurt someone",
    "i want to hurt people",
    "I'll kill someone",
    "I could kill my boss",
    "I'll break his nose",
    "I could stab him",
    "I'll kill my ex",
    "I'll throw his phone out the window",
    "I slapped her",
    "I pushed him",
    "I shoved her",
    "I want to harm him",
    "im gonna kill him",
    "I'll batter him",
    "I'll end him",
    "i will destroy him",
    "I'll wreck her car",
    "I swear I'll hurt my husband",
    "I honestly think I might punch him",
    "I'm so close to punching him",
    "I'll push him down the stairs",
    "i will hurt her if she does that again",
    "I keep thinking about hurting him",
]
NOT_HARM = [  # near misses and everyday words: neither
    "I'll hit him up later",
    "I'll push him to apply for the job",
    "I'd never hit her",
    "I wont hit him",
    "I never hit him",
    "I told him he'd hit her",
    "I want to hurt myself",
    "I'll make him pay the deposit",
    "I could kill for a coffee",
    "I'll beat him at chess",
    "I hurt his feelings",
    "I hurt her feelings",
    "I regret hurting him",
    "I'm going to kill it at the interview",
    "I'll hit him with the news",
    "I'll push her away",
    "I'll never hurt you again",
    "I broke his mug by accident",
    "I'll break his heart",
    "he hit me",
    "I'll throw him a party",
    "I'll break the news to her",
    "I'm going to smash this exam",
    "I want to hit something",
    "I'm going to punch the wall",
    "I think about hitting him up",
    "I was late and I'm sorry",
    "I want us to talk tonight",
    "I felt ignored at dinner",
    "Can we start again?",
    "I love you",
    "I'm so angry with him",
]
ONE_ONLY = [  # (text, harm_to_others, threatens)
    ("yes, hurting him", True, False),  # an answer to the risk question, not a draft's words
    ("I'll teach him a lesson", False, True),  # veiled: no plain words of harm
    ("I'll get back at him", False, True),
    ("he'll regret it", False, True),
    # Someone else's threat, told of: no step-away words for me, and the crisis rules keep it
    # out of a draft.
    ("I told him he'd make her pay", False, True),
]


@pytest.mark.parametrize("text", HARM)
def test_threats_and_violence_are_read_as_harm_by_both(text: str) -> None:
    assert (harm_to_others(text), threatens(text)) == (True, True)


@pytest.mark.parametrize("text", NOT_HARM)
def test_near_misses_and_everyday_words_are_harm_to_neither(text: str) -> None:
    assert (harm_to_others(text), threatens(text)) == (False, False)


@pytest.mark.parametrize(("text", "gate", "screen"), ONE_ONLY)
def test_where_the_two_differ_by_design(text: str, gate: bool, screen: bool) -> None:
    assert (harm_to_others(text), threatens(text)) == (gate, screen)


def test_the_gate_and_the_screens_take_their_words_from_one_module() -> None:
    from mendkit.coach import harm_words, safety_gate, screening

    assert safety_gate.harm_to_others.__module__ == "mendkit.coach.safety_gate"
    assert screening._THREAT is harm_words.THREAT
    assert safety_gate._HURT_OTHER is harm_words.PLAIN_HARM


@pytest.mark.parametrize("text", [
    "I'm seriously about to punch him",
    "im literally going to kill him",
    "I dont trust myself not to hit her",
])
def test_the_gate_reads_harm_along_my_own_clause(text: str) -> None:
    assert harm_to_others(text)


@pytest.mark.parametrize("text", [
    "I would never hurt her",
    "I did nothing to hurt him",
    "I know I hurt you",
])
def test_the_gate_reads_no_harm_past_a_no(text: str) -> None:
    assert not harm_to_others(text)
