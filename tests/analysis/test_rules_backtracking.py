"""No message makes the rules engine backtrack for ever: a repeated intensifier ("so so so ...")
once took minutes on a 130-character message, and long runs of spaces or of one punctuation mark
were quadratic (48,000 dots: half a minute)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mendkit
from mendkit import Conversation
from mendkit.analysis.rules import engine_rules

# Each of these took from seconds to minutes before the fix (about 11 s for 34 "so", doubling
# with each more); the limit below only tells a hang from a finish.
_HARD_TEXTS = (
    "\"I'm \" + 'so ' * 60 + 'sorry you feel that way'",
    "'I feel ' + 'so ' * 60 + 'bad about this, honestly.'",
    "'a' + ' ' * 200_000 + 'b'",
    "'but ok' + ' ' * 200_000",
    "'fine.' + '\\n' * 200_000 + 'whatever'",
    "'.' * 200_000 + ' im fine'",
    "'no' + '!' * 200_000 + ' whatever'",
)


@pytest.mark.parametrize("expression", _HARD_TEXTS)
def test_hard_messages_finish(expression: str) -> None:
    script = ("import mendkit\n"
              f"text = {expression}\n"
              "mendkit.analyze(mendkit.Conversation.from_turns([('a', 'hi'), ('b', text)]), "
              "mode='rules')\n"
              "mendkit.check(text, mode='rules')\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def _labels_and_evidence(text: str) -> tuple[list[str], list[str]]:
    turn = mendkit.analyze(Conversation.from_turns([("a", text)]), mode="rules").turns[0]
    return sorted(turn.labels), sorted(" ".join(e.text.split()) for e in turn.evidence)


@settings(max_examples=60, deadline=None)
# A run of line breaks is a paragraph break, as a blank line is (a single line break inside a
# sentence reads as a space, round 14: ``text.unwrap``).
@given(gap=st.sampled_from([(" ", " "), ("\n", "\n\n"), ("\t", "\t"), ("  \n ", " \n\n ")]),
       repeats=st.integers(9, 400))
def test_a_long_gap_reads_like_a_short_one(gap: tuple[str, str], repeats: int) -> None:
    """Long whitespace runs are cut before the patterns run; what is found, and the evidence
    (whose spans point into the text as written), stay as with a short gap of the same kind."""
    piece, short_gap = gap
    parts = ["I'm so sorry", "you never listen to me", "I feel hurt and alone"]
    long = (piece * repeats).join(parts)
    assert _labels_and_evidence(long) == _labels_and_evidence(short_gap.join(parts))
    turn = mendkit.analyze(Conversation.from_turns([("a", long)]), mode="rules").turns[0]
    assert turn.evidence
    for e in turn.evidence:
        assert long[e.start:e.end] == e.text


_REPEATED_GROUP = re.compile(r"\(\?:((?:[a-z' ]+ \|)+[a-z' ]+ )\)[*+]")


def test_no_repeated_group_holds_an_alternative_made_of_two_others() -> None:
    """"(?:so |really |so so )*" can read "so so " two ways, and every failure tries both:
    exponential in the number of repeats."""
    doubled = []
    for rule in engine_rules().rules:
        for pattern in (*rule.patterns, *rule.exclude, *rule.after):
            for group in _REPEATED_GROUP.finditer(pattern.pattern):
                items = group.group(1).split("|")
                doubled += [(rule.id, item) for item in items
                            if any(item == a + b for a in items for b in items)]
    assert doubled == []
