"""One evidence entry per label and span: several rules matching the same words are one thing a
person checks (a therapist saw "Okay" four times over, once per rule), while the score still counts
every rule that matched."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation

CONVERSATIONS = [
    [("Therapist", "I'd like us to look at the homework from last week."), ("Client", "Okay"),
     ("Therapist", "Did you manage the thought records?"), ("Client", "Okay. Whatever.")],
    [("A", "You never listen to me, it's always about you."), ("B", "Fine."),
     ("A", "Seriously? That's all you have to say?"), ("B", "ok")],
]


@pytest.mark.parametrize("turns", CONVERSATIONS)
def test_no_label_and_span_is_listed_twice(turns: list[tuple[str, str]]) -> None:
    analysis = analyze_conversation(Conversation.from_turns(turns), mode="rules")
    assert any(t.evidence for t in analysis.turns)
    for turn in analysis.turns:
        spans = [(e.label, e.subtype, e.start, e.end) for e in turn.evidence]
        assert len(spans) == len(set(spans)), turn.evidence


def test_the_score_still_counts_every_rule_that_matched() -> None:
    from mendkit.analysis.pipeline import context_for, score_hits
    from mendkit.analysis.rules import engine_rules

    turns = CONVERSATIONS[0]
    first = analyze_conversation(Conversation.from_turns(turns[:1]), mode="rules").turns
    # "Fine" (a bare "Okay" is one rule's since round 18: minimal-response-ok-01)
    hits = engine_rules().find("Fine", context_for(first, "Client"))
    same_span = [h for h in hits if (h.start, h.end) == (0, 4)]
    assert len(same_span) >= 2  # the case this guards: several rules on the same word
    turn = score_hits(1, "Client", "Fine", hits)
    label = same_span[0].rule.label
    miss = 1.0
    for hit in hits:
        if hit.rule.label == label:
            miss *= 1.0 - hit.rule.weight
    assert turn.scores[label] == pytest.approx(1.0 - miss)
    assert len([e for e in turn.evidence if e.label == label and (e.start, e.end) == (0, 4)]) == 1
