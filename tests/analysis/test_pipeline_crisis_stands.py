"""A crisis rule's match stands in the pipeline even if a person's heads somehow listed it as muted
(the heads refuse to hold one; this is the second guard)."""

from __future__ import annotations

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.labels import CRISIS, LABELS
from mendkit.model import Conversation
from mendkit.models.personal import PersonalHeads

MESSAGE = "I want to kill myself tonight."


def test_a_muted_crisis_rule_still_finds_the_crisis() -> None:
    conversation = Conversation.from_turns([("Ana", MESSAGE)])
    plain = analyze_conversation(conversation, mode="rules")
    rules = {e.source.removeprefix("rule:") for t in plain.turns for e in t.evidence
             if e.label == CRISIS}
    assert rules, "the message must be a crisis for the rules"
    heads = PersonalHeads(labels=tuple(LABELS))
    object.__setattr__(heads, "muted_rules", frozenset(rules))  # as a damaged heads file might
    muted = analyze_conversation(conversation, mode="rules", personal=heads)
    assert muted.safety.crisis
    assert CRISIS in muted.turns[0].labels
