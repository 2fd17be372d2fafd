"""Round 16: young people's coded crisis talk (tester t1, P1, P2 and P11; tester t4, P8).

Words made to get past filters ("un-alive myself", "k m s fr", "i wanna k.m.s", "sewer-slide"),
"gonna go sleep forever", self-harm community slang for depth and rows of cuts ("went to beans",
"it's styro this time", "got a new barcode", "did the stripes thing again") and warning signs
("giving away my stuff lol who wants my switch", "if i'm not at school tmrw u can have my
hoodie") are crisis signs the rules find on their own, so both modes find them; a "lol", 💀 or 😭
after them hides nothing. Their everyday look-alikes (beans on toast, a styro cup, a barcode
scanner, giving things away before a move) stay clean.

A cat-scratch story is the classic cover for hidden self-harm: answering someone who saw the
arm, or asks why the hoodie stays on in the heat, it is a sign; alone it is only a cat.

Jokes: "kms" at an exam with a laugh is exam hyperbole, "unalive my phone" is about a phone,
"i'm unaliving u" between sisters is no suicide talk, "i want to die this is so embarrassing" is
embarrassment, and a conditional joke about a moustache ("if you actually grow it I'm going to
kill you") is banter, in rules mode. The same words said in earnest stay signs.
"""

from __future__ import annotations

from typing import Literal

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.labels import CRISIS
from mendkit.model import Conversation
from mendkit.model.analysis import Safety

Mode = Literal["rules", "full"]
MODES: tuple[Mode, ...] = ("rules", "full")


def _risk(text: str, *, mode: Mode = "rules", context: tuple[str, ...] = ()) -> Safety:
    return mendkit.check(text, mode=mode, context=list(context)).risk


def _rule_kinds(text: str, *, mode: Mode = "rules", context: tuple[str, ...] = ()) -> set[str]:
    """The kinds of crisis the rules themselves found in ``text`` (not the model)."""
    result = mendkit.check(text, mode=mode, context=list(context))
    return {e.subtype for e in result.evidence
            if e.label == CRISIS and e.source.startswith("rule:") and e.subtype is not None}


# -- 1. Coded suicide and self-harm slang ---------------------------------------------------------

_CODED = [
    ("un-alive myself tbh", "suicide"),
    ("thinking about un aliving myself again", "suicide"),
    ("k m s fr", "suicide"),
    ("i wanna k.m.s", "suicide"),
    ("k.m.s. not joking", "suicide"),
    ("honestly kmss", "suicide"),
    ("sewer-slide", "suicide"),
    ("sewerslide", "suicide"),
    ("been thinking abt suwuicide", "suicide"),
    ("i want to d!e", "suicide"),
    ("gonna go sleep forever", "suicide"),
    ("thinking of becoming a ghost fr", "suicide"),
    ("i'm so over being alive", "suicide"),
    ("i'm tired. like permanently tired", "suicide"),
    ("went to beans last night", "self_harm"),
    ("it's styro this time", "self_harm"),
    ("hit styro again", "self_harm"),
    ("got a new barcode", "self_harm"),
    ("gave myself a barcode on my thigh", "self_harm"),
    ("i did the stripes thing again", "self_harm"),
    ("i s/h'd again", "self_harm"),
    ("i c*t again", "self_harm"),
    ("giving away my stuff who wants my switch", "suicide"),
    ("if i'm not at school tmrw u can have my hoodie", "suicide"),
    ("if i dont make it back you can keep my switch", "suicide"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kind"), _CODED)
def test_coded_slang_is_a_crisis_sign_the_rules_find(text: str, kind: str, mode: Mode) -> None:
    risk = _risk(text, mode=mode)
    assert risk.crisis, text
    assert kind in _rule_kinds(text, mode=mode), text


@pytest.mark.parametrize("tail", [" lol", " 💀", " 😭😭", " lmao"])
@pytest.mark.parametrize(("text", "kind"), _CODED[::3])
def test_a_laugh_or_an_emoji_after_it_hides_nothing(text: str, kind: str, tail: str) -> None:
    assert kind in _rule_kinds(text + tail), text + tail


def test_coded_slang_in_a_chat_marks_the_turn_in_both_modes() -> None:
    conversation = Conversation.from_turns([
        ("Zoe", "u ok? u were so quiet at lunch"),
        ("Mia", "not rly. went to beans last night 😭"),
        ("Zoe", "wait what"),
        ("Mia", "giving away my stuff lol who wants my switch"),
    ])
    for mode in MODES:
        safety = analyze_conversation(conversation, mode=mode).safety
        assert {1, 3} <= set(safety.turns), (mode, safety.turns)
        assert {"self_harm", "suicide"} <= set(safety.kinds), (mode, safety.kinds)


_LOOK_ALIKES = [
    "beans on toast",
    "had beans on toast last night",
    "we're down to beans and rice till payday",
    "went to beans for coffee with jess",
    "styrofoam cup",
    "can u grab me a styro cup",
    "barcode scanner",
    "the barcode on my ticket won't scan",
    "stripes on the shirt",
    "my cat has stripes like a tiger",
    "giving away my stuff before I move",
    "giving away my old clothes, who wants them",
    "you can have my hoodie, it doesn't fit me",
    "if i'm not at school tmrw u can have my seat in maths",
    "gonna unalive my controller",
    "the route is 5 k m s",
    "i want to dye it pink",
    "free s/h on orders over £20",
]


@pytest.mark.parametrize("text", _LOOK_ALIKES)
def test_everyday_look_alikes_are_not(text: str) -> None:
    assert not _risk(text).crisis, text


# -- 2. Cover stories for marks on the arms ---------------------------------------------------------

_HOODIES = "why do u always wear hoodies now its literally 30 degrees"
_SAW_ARM = "Also. Not to ambush you but I saw your arm when you got out of the car. What happened?"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    (_HOODIES, "the cat scratched me again 🙃"),
    (_SAW_ARM, "the cat lol"),
    ("what happened to ur wrist??", "my cat lol"),
    ("We don't have a cat Kai", "jaydens cat. omg can u not"),
])
def test_a_cat_scratch_answering_what_was_seen_is_a_self_harm_sign(before: str, text: str,
                                                                    mode: Mode) -> None:
    result = mendkit.check(text, context=[before], mode=mode)
    assert result.risk.crisis
    assert "self_harm" in _rule_kinds(text, mode=mode, context=(before,))
    assert "rupture.confrontation" not in result.labels  # the 🙃 is no contempt here


@pytest.mark.parametrize(("before", "text"), [
    ((), "the cat scratched me again 🙃"),
    (("what do u want for dinner",), "the cat scratched me again 🙃"),
    (("what happened to ur arm",), "my cat scratched my whole arm getting him in the carrier 😭 vet at 4"),
    ((_HOODIES,), "idk i just like them"),
])
def test_a_cat_alone_or_after_other_talk_is_only_a_cat(before: tuple[str, ...], text: str) -> None:
    assert not _risk(text, context=before).crisis


def test_the_parent_and_teen_chat_marks_both_cover_stories_in_both_modes() -> None:
    conversation = Conversation.from_turns([
        ("Mom", "That's fair. I didn't think of that"),
        ("Mom", _SAW_ARM),
        ("Kai", "the cat lol"),
        ("Mom", "We don't have a cat Kai"),
        ("Kai", "jaydens cat. omg can u not"),
    ])
    for mode in MODES:
        analysis = analyze_conversation(conversation, mode=mode)
        assert analysis.safety.crisis, mode
        assert {2, 4} <= set(analysis.safety.turns), (mode, analysis.safety.turns)
        assert "reconnect" not in analysis.turns[2].labels  # "lol" is no warmth here


@pytest.mark.xfail(strict=True, reason=(
    "the rules see only the other's last turn; a cover story in a second bubble after the "
    "question needs context across turns (safety.py, fixer f3's)"))
def test_a_cover_story_in_a_second_bubble_is_a_sign_too() -> None:
    safety = analyze_conversation(Conversation.from_turns([
        ("Mom", "I saw your arm when you got out of the car. What happened?"),
        ("Kai", "omg"),
        ("Kai", "the cat lol"),
    ]), mode="rules").safety
    assert 2 in safety.turns


# -- 3. Jokes, and the same words in earnest ---------------------------------------------------------

_JOKES = [
    ((), "bro I'm gonna kms this exam lol"),
    ((), "kms this homework is so long 💀"),
    ((), "if he texts me one more time i'm gonna unalive my phone"),
    ((), "if he finds out i'm unaliving u"),
    ((), "i'm gonna unalive him lol he ate my chips"),
    (("omg did u just trip in front of him",), "i want to die this is so embarrassing 😭😭"),
    ((), "mate if you actually grow it I'm going to kill you"),
    ((), "if u dye ur hair green im gonna kill u"),
    ((), "if you spoil the finale I will literally kill you"),
]


@pytest.mark.parametrize(("before", "text"), _JOKES)
def test_jokes_are_no_crisis_for_the_rules(before: tuple[str, ...], text: str) -> None:
    assert not _risk(text, context=before).crisis, text


# The model reads these as crisis talk; a crisis rule's exclusion does not veto the model, by
# design (pipeline: a disclosure laughed off must still reach it).
@pytest.mark.xfail(strict=True, reason=(
    "the shipped model's crisis head flags these jokes (0.97-1.00); not fixable in the rule "
    "files: it needs the model retrained or the pipeline's veto changed"))
@pytest.mark.parametrize("text", [
    "bro I'm gonna kms this exam lol",
    "if he texts me one more time i'm gonna unalive my phone",
    "mate if you actually grow it I'm going to kill you",
])
def test_jokes_are_no_crisis_in_full_mode(text: str) -> None:
    assert not _risk(text, mode="full").crisis


@pytest.mark.parametrize(("text", "kind"), [
    ("i failed the exam kms lol", "suicide"),
    ("kms fr this exam", "suicide"),
    ("i'm gonna kms this exam. not joking", "suicide"),
    ("kms lol i forgot my pe kit again", "suicide"),
    ("i'm gonna unalive myself", "suicide"),
    ("i'm gonna unalive him", "harm_to_others"),
    ("i want to die this is so embarrassing. i hate myself and i want to die", "suicide"),
    ("if you leave me i'll kill you", "abuse_danger"),
    ("if you actually cheat on me i'll kill you", "abuse_danger"),
])
def test_the_same_words_in_earnest_stay_signs(text: str, kind: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert kind in risk.kinds, (text, risk.kinds)


def test_the_sisters_banter_raises_no_suicide_sign_in_rules_mode() -> None:
    safety = analyze_conversation(Conversation.from_turns([
        ("Jas", "dont u dare tell mum"),
        ("Priya", "relax 💀"),
        ("Jas", "if he finds out i'm unaliving u"),
    ]), mode="rules").safety
    assert not safety.crisis
