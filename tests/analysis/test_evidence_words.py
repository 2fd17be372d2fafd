"""Evidence covers whole words: it was cut mid-word where a pattern consumed the first letter of
the next word ("Nothing. W") or stopped on a stem ("easier if I just was" for "wasn't")."""

from __future__ import annotations

import re

import pytest

import mendkit
from mendkit import Conversation
from mendkit.analysis.rules import engine_rules


def _splits_a_word(text: str, at: int) -> bool:
    """Whether ``at`` falls between two letters or digits of one word ("wasn't" is one)."""
    word = re.compile(r"\w(?:['\u2019]?\w)*")
    return any(m.start() < at < m.end() for m in word.finditer(text))


def _cut_words(text: str, before: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    n = len(before)
    turns = [("other" if (n - i) % 2 else "me", said) for i, said in enumerate(before)]
    turn = mendkit.analyze(Conversation.from_turns([*turns, ("me", text)]),
                           mode="rules").turns[-1]
    return [(e.source, e.text) for e in turn.evidence
            if _splits_a_word(text, e.start) or _splits_a_word(text, e.end)]


def test_no_positive_example_of_any_rule_gets_evidence_that_cuts_a_word() -> None:
    cut = [(rule.id, example.text, found) for rule in engine_rules().rules
           for example in rule.positive
           for found in _cut_words(example.text, example.before)]
    assert cut == []


@pytest.mark.parametrize(("text", "context", "source", "shown"), [
    ("Nothing. We just walked around.", "Don't lie to me. Where were you all night?",
     "rule:withdrawal/minimal-response-04", "Nothing."),
    ("Everyone's lives would honestly be easier if I just wasn't in the picture.", "",
     "rule:crisis/suicide-indirect-02",
     "Everyone's lives would honestly be easier if I just wasn't"),
])
def test_the_evidence_shown_is_whole_words(text: str, context: str, source: str,
                                           shown: str) -> None:
    turns = ([("a", context)] if context else []) + [("b", text)]
    turn = mendkit.analyze(Conversation.from_turns(turns), mode="rules").turns[-1]
    assert (source, shown) in [(e.source, e.text) for e in turn.evidence]
