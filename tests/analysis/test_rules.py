"""Every rule's own examples: each positive fires the rule, each negative does not."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.rules import Example, Rule, crisis_rules, marker_rules
from mendkit.labels import TAXONOMY
from mendkit.model import TurnAnalysis

ALL_RULES = [*marker_rules().rules, *crisis_rules().rules]


def fired(example: Example) -> set[str]:
    previous: list[TurnAnalysis] = []
    n = len(example.before)
    for i, text in enumerate(example.before):
        speaker = "other" if (n - i) % 2 else "me"
        previous.append(analyze_turn(i, speaker, text, previous))
    turn = analyze_turn(n, "me", example.text, previous)
    return {e.source.removeprefix("rule:") for e in turn.evidence}


CASES = [
    pytest.param(rule, ex, positive, id=f"{rule.id}:{'+' if positive else '-'}{i}")
    for rule in ALL_RULES
    for positive, examples in ((True, rule.positive), (False, rule.negative))
    for i, ex in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "positive"), CASES)
def test_rule_example(rule: Rule, example: Example, positive: bool) -> None:
    hits = fired(example)
    if positive:
        assert rule.id in hits, f"{rule.id} should fire on {example.text!r} (fired: {hits})"
    else:
        assert rule.id not in hits, f"{rule.id} should not fire on {example.text!r}"


def test_every_label_and_subtype_has_a_rule() -> None:
    covered = {(r.label, r.subtype) for r in ALL_RULES}
    missing = [(label, sub) for label, subs in TAXONOMY.items() for sub in subs
               if (label, sub) not in covered]
    assert not missing


def test_rule_ids_are_unique_and_stable_shaped() -> None:
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule_id in ids:
        family, _, name = rule_id.partition("/")
        assert family and name[-2:].isdigit(), rule_id
