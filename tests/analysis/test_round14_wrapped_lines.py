"""Round 14: a line break inside a sentence is a space to the rules (e-mail and letters are wrapped
at about 72 characters; a phone user presses return mid-thought). A paragraph or list break, or a
new line typed as a sentence of its own, still separates. Evidence still slices the text given.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode, analyze_turn, context_for
from mendkit.analysis.rules import Example, Rule, engine_rules
from mendkit.analysis.text import unwrap
from mendkit.model import Conversation, TurnAnalysis

CRISIS = "risk.crisis"
WRAPPED = [
    "I have been thinking that everyone would be better off\nwithout me, and I have the pills saved.",
    "I want to kill\nmyself",
    "I want to kill\r\nmyself",
    "Dear Jo, I keep thinking about how it would be easier if I just\nwasn't here anymore.",
    "I've been going back and forth about this for weeks and I think that\nI should just end it "
    "all, I can't see another way.",
]


def _one_turn(text: str, mode: Mode = "rules") -> TurnAnalysis:
    analysis = mendkit.analyze(Conversation.from_turns([("Sam", text)]), mode=mode)
    return analysis.turns[0]


@pytest.mark.parametrize("text", WRAPPED)
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_crisis_wrapped_mid_sentence_is_found(text: str, mode: Mode) -> None:
    turn = _one_turn(text, mode)
    assert CRISIS in turn.labels
    rule_signs = [e for e in turn.evidence if e.label == CRISIS and e.source.startswith("rule:")]
    assert rule_signs, "a rule, not only the model, reads the wrapped sign"
    for sign in turn.evidence:
        assert text[sign.start:sign.end] == sign.text


@pytest.mark.parametrize("text", WRAPPED)
def test_check_finds_the_wrapped_crisis_with_offsets_in_the_message(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert CRISIS in result.labels
    for sign in result.evidence:
        assert text[sign.start:sign.end] == sign.text


def test_a_negation_reaches_over_a_wrapped_line_as_it_does_on_one_line() -> None:
    assert CRISIS not in _one_turn("I don't want to die").labels
    assert CRISIS not in _one_turn("I don't\nwant to die").labels


@pytest.mark.parametrize(("text", "why"), [
    ("Setlist for Friday:\n- Better Off\n- Dead Man's Party\n- Hey Ya", "list items"),
    ("Setlist for Friday:\n1. Better Off\n2. Dead Man's Party", "numbered items"),
    ("We'd be better off\nDead batteries in the remote again", "a new line typed as a sentence"),
    ("so the committee would be better off\n\ndead-heading the roses first, before the heat",
     "a paragraph"),
])
def test_a_cue_split_across_separate_lines_does_not_join(text: str, why: str) -> None:
    assert CRISIS not in _one_turn(text).labels, why
    assert not mendkit.check(text, mode="rules").risk.crisis, why


@pytest.mark.parametrize(("text", "expected"), [
    ("everyone would be better off\nwithout me", "everyone would be better off without me"),
    ("kill\r\nmyself", "kill  myself"),
    ("first\n\nsecond", "first\n\nsecond"),
    ("first\n  \nsecond", "first\n  \nsecond"),
    ("Things to do:\nring mum", "Things to do:\nring mum"),
    ("It's late.\nanyway", "It's late.\nanyway"),
    ("I just\nI mean it", "I just\nI mean it"),
    ("you never listen to me\nI feel so alone", "you never listen to me\nI feel so alone"),
    ("ok\n- milk\n* eggs\n\u2022 bread\n> quoted", "ok\n- milk\n* eggs\n\u2022 bread\n> quoted"),
    ("hi\nAna: where are you\n[10:41] Ben: here", "hi\nAna: where are you\n[10:41] Ben: here"),
    ("a line long enough to have been wrapped by a mail program at\nSeventy characters",
     "a line long enough to have been wrapped by a mail program at Seventy characters"),
])
def test_unwrap_reads_only_breaks_inside_a_sentence_as_spaces(text: str, expected: str) -> None:
    assert unwrap(text) == expected
    assert len(unwrap(text)) == len(text)


def _fired(rule: Rule, example: Example, text: str) -> bool:
    previous: list[TurnAnalysis] = []
    n = len(example.before)
    for i, said in enumerate(example.before):
        previous.append(analyze_turn(i, "other" if (n - i) % 2 else "me", said, previous))
    hits = engine_rules().find(text, context_for(previous, "me"))
    return any(hit.rule.id == rule.id for hit in hits)


def _wrapped_inside_evidence(rule: Rule, example: Example) -> str | None:
    """The example with a line break for a space inside the rule's evidence, where the break
    falls inside a sentence; None when the evidence has no such space."""
    previous: list[TurnAnalysis] = []
    n = len(example.before)
    for i, said in enumerate(example.before):
        previous.append(analyze_turn(i, "other" if (n - i) % 2 else "me", said, previous))
    text = example.text
    hit = next((h for h in engine_rules().find(text, context_for(previous, "me"))
                if h.rule.id == rule.id), None)
    if hit is None:
        return None
    for at in range(hit.start + 1, hit.end - 1):
        if text[at] == " " and not text[at + 1].isupper():
            wrapped = f"{text[:at]}\n{text[at + 1:]}"
            if unwrap(wrapped) == text:
                return wrapped
    return None


FAMILIES = ("crisis", "withdrawal", "confrontation", "invalidation", "acknowledge",
            "responsibility", "validate", "feeling", "request", "reconnect")


@pytest.mark.parametrize("family", FAMILIES)
def test_every_rule_still_fires_with_its_evidence_wrapped_over_two_lines(family: str) -> None:
    wrapped = missed = 0
    failures = []
    for rule in engine_rules().rules:
        if rule.id.split("/")[0] != family:
            continue
        for example in rule.positive:
            if "\n" in example.text or "\r" in example.text:
                continue
            text = _wrapped_inside_evidence(rule, example)
            if text is None:
                missed += 1
                continue
            wrapped += 1
            if not _fired(rule, example, text):
                failures.append(f"{rule.id}: {text!r}")
    assert not failures, "\n".join(failures)
    assert wrapped > missed, f"too few of the {family} examples could be wrapped"
