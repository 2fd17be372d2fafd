"""Round fourteen: one evidence entry per label, subtype and nested span.

Several rules of one label and subtype often match words inside each other's matches ("Whatever"
and "Whatever.", or "been thinking about ending my life", "thinking about ending my life" and
"ending my life"). A person, or a researcher counting evidence rows, reads the same words once:
the surest rule's span is kept, the widest on a tie. Spans that only overlap, and spans of
another subtype, all stay, and the scores still count every rule.
"""

from __future__ import annotations

from mendkit import check
from mendkit.analysis.pipeline import _outermost, analyze_conversation, analyze_with_probabilities
from mendkit.model import Conversation, Evidence


def _evidence(text: str, *, previous: str = "You never listen to me.") -> list[tuple[str, str]]:
    conversation = Conversation.from_turns([("A", previous), ("B", text)])
    turn = analyze_conversation(conversation, mode="rules").turns[1]
    return [(e.label, e.text) for e in turn.evidence]


def _nested(spans: list[tuple[str, str | None, int, int]]) -> list[tuple[int, int]]:
    """Pairs of entries of one label and subtype where one span lies inside the other."""
    return [(i, j) for i, a in enumerate(spans) for j, b in enumerate(spans)
            if i != j and a[:2] == b[:2] and a[2] <= b[2] and b[3] <= a[3]]


def test_a_minimal_response_is_shown_once() -> None:
    found = _evidence("Whatever.")
    assert [label for label, _ in found].count("rupture.withdrawal") == 1


def test_nested_crisis_spans_are_shown_once_and_crisis_stays() -> None:
    conversation = Conversation.from_turns([("A", "I've been thinking about ending my life.")])
    turn = analyze_conversation(conversation, mode="rules").turns[0]
    crisis = [e for e in turn.evidence if e.label == "risk.crisis"]
    assert "risk.crisis" in turn.labels
    assert len({e.subtype for e in crisis}) == len(crisis)  # one entry a subtype here
    spans = [(e.label, e.subtype, e.start, e.end) for e in turn.evidence]
    assert _nested(spans) == []
    # The widest of equally sure rules: the words a reader needs to see.
    assert any("ending my life" in e.text and "thinking" in e.text for e in crisis)


def test_the_surest_rule_wins_and_every_rule_still_counts_for_the_score() -> None:
    conversation = Conversation.from_turns([("A", "You never listen to me."), ("B", "Whatever.")])
    shown = analyze_conversation(conversation, mode="rules").turns[1]
    every = analyze_with_probabilities(conversation, mode="rules")[0].turns[1]
    withdrawal = [e for e in every.evidence if e.label == "rupture.withdrawal"]
    assert len(withdrawal) == 2  # (the premise: two rules, one span inside the other)
    surest = max(withdrawal, key=lambda e: e.score)
    assert [e for e in shown.evidence if e.label == "rupture.withdrawal"] == [surest]
    assert shown.scores == every.scores and shown.labels == every.labels
    assert shown.scores["rupture.withdrawal"] > surest.score  # both rules counted


def _ev(subtype: str, start: int, end: int, score: float = 0.9) -> Evidence:
    text = "ending my life is all I think about"
    return Evidence(label="risk.crisis", subtype=subtype, start=start, end=end,
                    text=text[start:end], source="rule:test", score=score)


def test_spans_that_only_overlap_or_differ_in_subtype_all_stay() -> None:
    first, overlapping = _ev("suicide", 0, 14), _ev("suicide", 7, 22)
    assert _outermost([first, overlapping]) == (first, overlapping)
    other = _ev("self_harm", 7, 14)
    assert _outermost([first, other]) == (first, other)
    inner, outer = _ev("suicide", 7, 14), _ev("suicide", 0, 22)
    assert _outermost([inner, outer]) == (outer,)  # equally sure: the widest
    sure = _ev("suicide", 7, 14, score=0.95)
    assert _outermost([outer, sure]) == (sure,)  # the surest, wherever it sits


def test_the_critic_still_reads_every_rule() -> None:
    """The critic reads each rule's own span: "Sorry you feel that way, but ..." is a non-apology
    twice over, and its advice says so."""
    result = check("Sorry you feel that way, but you always overreact.", mode="rules")
    issue = next(i for i in result.issues if i.kind == "sorry_but")
    assert "non-apology" in issue.suggestion
