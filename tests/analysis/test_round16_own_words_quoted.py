"""Round 16: one's own words in quotation marks (tester t5 P11).

A message that is one quotation from end to end (a script read out, a message pasted to check)
is the sender's own: its apology counts. One's own past words about the other, named to take them
back ("Sorry I said you never remember anything. That was not true."), are no fresh verdict. Words
reported from someone else, a verdict said again now, and one's own past words about oneself
("sorry i said i wanted to die") stay as they were.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.text import normalise, reported_spans

CONFRONTATION, RESPONSIBILITY, CRISIS = ("rupture.confrontation", "repair.responsibility",
                                         "risk.crisis")
MODES = ["rules", "full"]
SCRIPT = ('"When the party got loud I went into meltdown. I shouted and threw the remote. I am '
          'sorry I threw the remote."')


@pytest.mark.parametrize("mode", MODES)
def test_a_message_wholly_in_quotes_is_the_senders_own(mode: str) -> None:
    result = mendkit.check(SCRIPT, mode=mode)
    assert RESPONSIBILITY in result.labels
    assert result.components["ownership"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Sorry I said you never remember anything. That was not true.",
    "Thank you. I love you. Sorry I said you never remember anything. That was not true.",
    "When I told you that you never listen, I was wrong to say it. I'm sorry.",
])
def test_own_words_taken_back_are_no_verdict(text: str, mode: str) -> None:
    labels = mendkit.check(text, mode=mode).labels
    assert RESPONSIBILITY in labels and CONFRONTATION not in labels


@pytest.mark.parametrize("text", ["I said it before: you never listen.",
                                  "I'm sorry I was late. You never listen though."])
def test_a_verdict_said_again_now_stays(text: str) -> None:
    assert CONFRONTATION in mendkit.check(text, mode="rules").labels


def test_quoted_words_inside_a_message_are_still_reported() -> None:
    text = normalise('she said "you never listen" and walked out')
    assert any(text[s:e] == '"you never listen"' for s, e in reported_spans(text))


@pytest.mark.parametrize("text", ["sorry i said i wanted to die", '"i want to die"'])
def test_own_words_about_oneself_still_carry_a_crisis_sign(text: str) -> None:
    assert CRISIS in mendkit.check(text, mode="rules").labels
