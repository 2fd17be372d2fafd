"""A learner's apology for shouting with a promise to keep calm is no crisis (round 16, tester t2,
P7). The model reads a first-person promise of self-control as a safety promise ("Next time I
will control myself" alone scores 0.995 for crisis), so these apologies got the crisis box in
full mode. The rule responsibility/admission-keep-calm-01 reads them as owning the outburst and
vetoes the model's crisis there, and only there: with a word of danger anywhere in the message,
someone else's anger, or a crisis rule's match, the crisis stands."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.rules import engine_rules
from mendkit.labels import CRISIS
from mendkit.models.classifier import available

RULE = "responsibility/admission-keep-calm-01"
APOLOGIES = [
    "Sorry for I shouted to you yesterday. Was not correct from me. I will try to be more calm, "
    "I promise you.",
    "I make you angry yesterday because I shout, I am sorry for it. Next time I will control "
    "myself.",
    "I made you angry yesterday because I shouted, and I'm sorry for it. Next time I will "
    "control myself.",
]


def _rule_fires(text: str) -> bool:
    return any(hit.rule.id == RULE for hit in engine_rules().find(text))


@pytest.mark.parametrize("text", APOLOGIES)
def test_the_apology_owns_the_outburst_and_is_no_crisis(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.responsibility" in result.labels
    assert not result.risk.crisis
    assert _rule_fires(text)


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize("text", APOLOGIES)
def test_the_model_alone_no_longer_raises_the_crisis_box(text: str) -> None:
    result = mendkit.check(text)
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.parametrize("text", [
    "Sorry I hit you and I shouted. Next time I will control myself.",
    "Sorry I shouted. Next time I will control myself, I promise I won't hurt myself again.",
    "I shouted at you. Sorry, I did it again. Next time I will control myself.",
    "He gets angry when I shout, so I will try to stay calm.",
    "I'm sorry I shouted. I'll try to stay calm, but honestly I just want to disappear.",
    "Do that again and see. Sorry I shouted at you. Next time I will control myself.",
    "I will try to be calmer, I promise you.",  # no outburst owned: a safety promise, perhaps
    "I'm sorry I shouted at my ex. I'll keep calm, he's parked outside again.",
])
def test_a_word_of_danger_or_no_outburst_owned_leaves_the_model_its_reading(text: str) -> None:
    assert not _rule_fires(text)


def _crisis_examples() -> list[str]:
    rules = engine_rules()
    return [ex.text for rule in rules.rules if rule.label == CRISIS for ex in rule.positive
            if not ex.before]


def test_no_crisis_rule_match_is_lost_beside_the_apology() -> None:
    # The rule suppresses risk.crisis: a crisis match it overlapped would be lost. Beside every
    # crisis rule's own examples (before, after and inside the apology), no crisis that stood
    # alone is lost where the rule fires. (Where it does not fire it changes nothing; a few
    # rules, such as those with a word limit, read no longer message whatever it holds.)
    rules = engine_rules()
    first, rest = APOLOGIES[0].split(". ", 1)
    lost = []
    for example in _crisis_examples():
        if not any(h.rule.label == CRISIS for h in rules.find(example)):
            continue
        sentence = example if example.rstrip()[-1:] in ".!?" else example + "."
        for text in (f"{APOLOGIES[0]} {sentence}", f"{sentence} {APOLOGIES[1]}",
                     f"{first}. {sentence} {rest}"):
            hits = rules.find(text)
            if (any(h.rule.id == RULE for h in hits)
                    and not any(h.rule.label == CRISIS for h in hits)):
                lost.append(text)
    assert not lost
