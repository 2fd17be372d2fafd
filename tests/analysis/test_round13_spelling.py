"""Misspelled, textspeak and dialect messages read as the rules spell them (round 13): a crisis,
an apology or a rupture typed "myslef", "wna", "sory", "cannae" or "mi waan" is found as it is
when spelled right, look-alikes ("I dyed my hair", "the hole in the wall") stay harmless, and
the evidence is the characters the person typed."""

from __future__ import annotations

from itertools import pairwise

import pytest

import mendkit
from mendkit.analysis.rules import RuleSet, parse_rules
from mendkit.analysis.spelling import respell, worth_a_look
from mendkit.analysis.text import normalise, tokens
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"


def labels(text: str) -> set[str]:
    return set(mendkit.check(text, mode="rules").labels)


# Each misspelled message with the same words spelled right: the spelled one is found (so a miss
# is the spelling's), and so must the misspelled one be.
MISSPELLED_CRISES = [
    ("i keep cuting myslef when nobody is home", "i keep cutting myself when nobody is home"),
    ("honestly i wna kil myslf tonite", "honestly i wanna kill myself tonight"),
    ("i swallowed a hole packet of pils", "i swallowed a whole packet of pills"),
    ("i rote a goodby note to evry1", "i wrote a goodbye note to everyone"),
    ("i cnt do this nemore i just wna dye", "i can't do this anymore i just wanna die"),
    ("he said hed kil me if i ever tell any1", "he said he'd kill me if i ever tell anyone"),
    ("i wish i was ded", "i wish i was dead"),
    ("iv been hurtin myslef again", "i've been hurting myself again"),
    ("i want to hurt myselv so bad", "i want to hurt myself so bad"),  # one slip
    # Scots and Jamaican Patois spellings
    ("i'd be better aff deid honestly", "i'd be better off dead honestly"),
    ("I'm gonnae end it the night", "I'm gonna end it the night"),
    ("mi waan dead, mi cyaan tek it", "i want to be dead, i can't take it"),
]


@pytest.mark.parametrize(("typed", "spelled"), MISSPELLED_CRISES)
def test_a_misspelled_crisis_is_found_as_the_spelled_one_is(typed: str, spelled: str) -> None:
    assert CRISIS in labels(spelled)
    result = mendkit.check(typed, mode="rules")
    assert CRISIS in result.labels
    assert result.risk.crisis
    if available():  # the rules' crisis stands in full mode too
        assert mendkit.check(typed, mode="full").risk.crisis


MISSPELLED_REPAIRS_AND_RUPTURES = [
    ("im realy sory i was rong", "im really sorry i was wrong", "repair.responsibility"),
    ("it was all my falt", "it was all my fault", "repair.responsibility"),
    ("i apologise for snaping at u", "i apologise for snapping at you", "repair.responsibility"),
    ("i shouldnt of shouted at u", "i shouldn't have shouted at you", "repair.responsibility"),
    ("i no i hurt u", "i know i hurt you", "repair.responsibility"),
    ("can we tlak about what happend", "can we talk about what happened", "repair.acknowledge"),
    ("sory u feel that way", "sorry you feel that way", "rupture.invalidation"),
    ("wow thx for nothin", "wow thanks for nothing", "rupture.confrontation"),
    ("your not even lisening", "you're not even listening", "rupture.confrontation"),
    ("i dont wana talk about it", "i don't wanna talk about it", "rupture.withdrawal"),
    ("Ye left me waiting for an hour", "You left me waiting for an hour",
     "rupture.confrontation"),
]


@pytest.mark.parametrize(("typed", "spelled", "label"), MISSPELLED_REPAIRS_AND_RUPTURES)
def test_a_misspelled_repair_or_rupture_is_found_as_the_spelled_one_is(
    typed: str, spelled: str, label: str,
) -> None:
    assert label in labels(spelled)
    assert label in labels(typed)


def test_a_misspelled_non_apology_is_not_taken_for_validation() -> None:
    spelled = labels("im sorry you're upset but you're overreacting")
    typed = labels("im sorry ur upset but ur overeacting")
    assert "rupture.invalidation" in spelled
    assert "rupture.invalidation" in typed
    assert "repair.validate" not in typed


@pytest.mark.parametrize("text", [
    "I dyed my hair pink",
    "i want to dye my hair blue",
    "gonna dye it black tonight",
    "there's a hole in the wall",
    "dae ye want a cuppa",
    "i learned my lines by rote",
    "my fone is almost ded lol",
    "this traffic is kiling me",
    "i could kil for a pizza rn",
    "lol same im dyin out here",
    "im dyin to see u",
    "the hole thing was a joke",
    "i no longer care about that match",
])
def test_a_harmless_look_alike_is_no_crisis(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert CRISIS not in result.labels
    assert not result.risk.crisis


def test_a_typed_threat_that_the_rules_read_as_typed_still_stands() -> None:
    # "ur" may be "your": it is left as typed, and the rules read "ur dead" as a threat
    assert mendkit.check("ur dead if u tell any1", mode="rules").risk.crisis


# ------------------------------------------------------------------------------- the respelling


@pytest.mark.parametrize(("typed", "read"), [
    ("i cut myslef agian last nite", "i cut myself again last night"),
    ("i just want to dye already", "i just want to die already"),
    ("sorry sorry soryy i shouldnt of yelled at u",
     "sorry sorry sorry i shouldnt have yelled at you"),
    ("i took a hole bottle", "i took a whole bottle"),
    ("she rote goodby letters", "she wrote goodbye letters"),
    ("i no i messed up", "i know i messed up"),
    ("u went realy quite", "you went really quiet"),
    ("your right that was not ok", "youre right that was not ok"),
    ("a cannae thole it", "i cant thole it"),
    ("dae ye want", "do you want"),
    ("i keep thinkin about it", "i keep thinking about it"),
    ("i hate mysellf", "i hate myself"),
])
def test_the_words_are_read_as_the_rules_spell_them(typed: str, read: str) -> None:
    respelt = respell(typed)
    assert respelt is not None
    assert respelt.text == read


@pytest.mark.parametrize("text", [
    "i dyed my hair",
    "i want to dye my hair",
    "the hair dye ran",
    "a hole in the wall",
    "learned by rote",
    "i could of course ask",
    "i no longer care",
    "on your right",
    "your right hand",
    "it was quite nice",
    "he apologised to me",
    "she forgave him",
    "we said our goodbyes",
    "mi casa es su casa",
])
def test_real_words_in_their_own_sense_stay_as_typed(text: str) -> None:
    assert respell(text) is None


def test_ur_is_left_as_typed_where_it_may_be_your() -> None:
    respelt = respell("ur dead if u tell")
    assert respelt is not None
    assert respelt.text == "ur dead if you tell"


def test_a_span_maps_back_to_the_typed_words() -> None:
    typed = "ok i wna kil myslf"
    respelt = respell(typed)
    assert respelt is not None
    read = respelt.text
    start = read.index("wanna")
    assert typed[slice(*respelt.original(start, start + len("wanna")))] == "wna"
    start = read.index("kill")
    assert typed[slice(*respelt.original(start, len(read)))] == "kil myslf"
    assert typed[slice(*respelt.original(0, 2))] == "ok"  # before any change
    # a span that ends inside a word the respelling made of two ("i love you" from "ily")
    typed = "thx ily"
    respelt = respell(typed)
    assert respelt is not None
    assert respelt.text == "thanks i love you"
    assert typed[slice(*respelt.original(7, 13))] == "ily"


# ------------------------------------------------------------------------------------- evidence


@pytest.mark.parametrize(("text", "typed_words"), [
    ("i wna kil myslf", "myslf"),
    ("i cut myslef again last nite", "myslef"),
    ("i  cut   myslef  again", "myslef"),  # runs of spaces folded, then respelled
    ("soooo sory i was rong", "rong"),  # stretched letters folded, then respelled
    ("he said hed kil me", "kil"),
    ("Mi cyaan tek it nuh more, mi waan dead", "waan dead"),
    ("i'd be better aff deid", "deid"),
])
def test_evidence_is_the_characters_typed(text: str, typed_words: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.evidence
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
    assert any(typed_words in e.text for e in result.evidence)


def test_a_conversation_in_textspeak_is_flagged_on_its_crisis_turns() -> None:
    conversation = Conversation.from_turns([
        ("Sam", "y u ignoring me"),
        ("Alex", "sry cant tlk"),
        ("Sam", "r u ok?"),
        ("Alex", "not rly. i cnt tke it nemore i wna dye"),
        ("Sam", "im here. wat happend"),
        ("Alex", "i wna kil myslf tbh"),
    ])
    analysis = mendkit.analyze(conversation, mode="rules")
    assert analysis.safety.crisis
    assert {3, 5} <= set(analysis.safety.turns)
    for turn in analysis.turns:
        for e in turn.evidence:
            assert turn.text[e.start:e.end] == e.text


def test_a_negation_ends_with_its_clause_before_an_unpunctuated_admission() -> None:
    # "that was not ok | i shouldn't have said that": the "not" is about "ok"
    assert "repair.responsibility" in labels("that was not ok i shouldn't have said that")
    assert "repair.responsibility" in labels("your right that was not ok i shouldnt of said that")
    assert "repair.responsibility" not in labels("i'm not saying i shouldn't have said that")


def test_a_rule_written_for_the_typed_word_still_reads_it() -> None:
    # the turn is read respelled ("youre so annoying") and, since a pattern spells "ur", as
    # typed: the rule written for "ur" itself still fires, on the typed characters
    _, rules = parse_rules({"version": "1", "rule": [{
        "id": "test/typed-01", "label": "rupture.confrontation", "subtype": "criticism",
        "patterns": [r"\bur so annoying\b"], "positive": ["ur so annoying"],
        "negative": ["you rock"],
    }]}, "test")
    text = "honestly  ur so annoying"
    hits = RuleSet.build(rules).find(text)
    assert [(text[h.start:h.end], h.rule.id) for h in hits] == [("ur so annoying", "test/typed-01")]


@pytest.mark.parametrize("text", [
    *(typed for typed, _ in MISSPELLED_CRISES),
    *(typed for typed, _, _ in MISSPELLED_REPAIRS_AND_RUPTURES),
    "ty", "ok ty", "plz dnt b mad", "c u l8r", "r u ok", "y u ignoring me", "i no i messed up",
    "i shouldnt of", "u went realy quite", "a cannae thole it", "your not listening",
])
def test_every_turn_the_respelling_changes_passes_the_cheap_test_first(text: str) -> None:
    # the engine respells only turns that pass ``worth_a_look``: a word the lexicon knows must
    # make its turn pass it
    folded = normalise(text)
    toks = tokens(folded)
    assert respell(folded) is not None
    assert worth_a_look(toks, {f"{a} {b}" for a, b in pairwise(toks)})
