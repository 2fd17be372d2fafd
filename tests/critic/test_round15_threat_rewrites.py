"""Round 15 (tester t6, P4): the critic never offers a rewrite that still holds a threat. It once
offered "I know where your mum lives." as the better message for "You tell anyone about what
happened and you'll regret it. I know where your mum lives.": the cut took the flagged words and
left the menace. A message that is a crisis or a threat gets no rewrite, and a plain note says why.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.critic import THREAT_NOTE
from mendkit.models.classifier import available

MODES = ["rules", pytest.param("full", marks=pytest.mark.skipif(
    not available(), reason="this build has no model files"))]


@pytest.mark.parametrize("mode", MODES)
def test_the_threat_to_tell_no_one_gets_no_rewrite_and_shows_resources(mode: str) -> None:
    result = mendkit.check("You tell anyone about what happened and you'll regret it. I know "
                           "where your mum lives.", mode=mode)  # type: ignore[arg-type]
    assert result.risk.crisis and result.risk.resources
    assert result.rewrite is None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "You'll regret this. Watch your back.",
    "You'll regret this. I know people.",
    "Fine, go. You'll regret it. I've told you how I feel.",
    "Keep pushing me and see what happens. I've told you how I feel.",
])
def test_a_threat_gets_no_rewrite_but_a_plain_note(text: str, mode: str) -> None:
    result = mendkit.check(text, mode=mode)  # type: ignore[arg-type]
    assert result.rewrite is None
    if not result.risk.crisis:  # a crisis says its own words (resources), not this note
        assert THREAT_NOTE in result.notes
        assert any(i.kind == "hostility" for i in result.issues)


@pytest.mark.parametrize("text", [
    "I shouted at you. I'm sorry you feel that way.",
    "Whatever. I'm sorry I shouted at you.",
])
def test_a_message_with_no_threat_keeps_its_rewrite_and_gets_no_threat_note(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.rewrite is not None
    assert THREAT_NOTE not in result.notes


def test_the_note_is_plain_and_calm() -> None:
    assert "threat" in THREAT_NOTE
    assert "!" not in THREAT_NOTE
    assert len(THREAT_NOTE) < 260
