"""Round 14: in full mode the model does not drop a limit the rules found (a limit on contact,
or keeping away while the other drinks): the person sets it, whatever the model reads."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.fusion import OWNED_RULES, fuse, standing_labels
from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.rules import engine_rules
from mendkit.model import Conversation

REQUEST = "repair.request"


@pytest.mark.parametrize("rule_id", ["request/boundary-02", "request/boundary-03"])
def test_the_limit_rules_are_protected_from_the_models_veto(rule_id: str) -> None:
    assert rule_id in OWNED_RULES
    rule = engine_rules().by_id(rule_id)
    assert standing_labels([rule], text=rule.positive[0].text) == {REQUEST}


def test_a_rule_found_limit_survives_a_model_that_reads_none() -> None:
    text = "Please don't text me after 10 pm."
    rule_turn = analyze_turn(0, "Sam", text)
    assert REQUEST in rule_turn.labels
    hits = engine_rules().find(text)
    fused = fuse(rule_turn, [0.01], [REQUEST], {REQUEST: 0.5},
                 standing=standing_labels([h.rule for h in hits], text=text))
    assert REQUEST in fused.labels
    assert any(e.source == "rule:request/boundary-02" for e in fused.evidence)


@pytest.mark.parametrize("text", [
    "I need some space from you.",
    "Please don't text me after 10 pm.",
    "I love you, and I can't be around you while you're drinking.",
])
def test_full_mode_keeps_the_limit(text: str) -> None:
    turn = mendkit.analyze(Conversation.from_turns([("Sam", text)]), mode="full").turns[0]
    assert REQUEST in turn.labels
    assert "boundary" in turn.subtypes(REQUEST)
    assert REQUEST in mendkit.check(text, mode="full").labels


def test_a_broad_ask_stays_the_models_to_overrule() -> None:
    # request/boundary-01 reads everyday asks too ("I need you to stop at the bank"); the model's
    # veto of it stands.
    assert "request/boundary-01" not in OWNED_RULES
