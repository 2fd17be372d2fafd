"""Round 18: thanks for a concrete act, with what it did ("Thank you for covering Tuesday. It
really helped."), is reconnection when it follows a rupture and its repair, and takes the repair
up; alone, or after a plain favour asked and granted, it carries no label."""

from __future__ import annotations

import pytest

import mendkit

MODES = ("rules", "full")
THANKS = "Thank you for covering Tuesday. It really helped."
COMPLAINT = "You left me to do the whole rota on my own again."
APOLOGY = "I'm sorry, I should have helped. That's on me."


def analyze(turns: list[tuple[str, str]], mode: str) -> mendkit.Analysis:
    return mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("between", [
    [],
    [("Ben", "Tuesday's sorted, I swapped with Jo.")],
])
def test_thanks_after_a_repair_is_reconnection(between: list[tuple[str, str]], mode: str) -> None:
    turns = [("Ana", COMPLAINT), ("Ben", APOLOGY), *between, ("Ana", THANKS)]
    analysis = analyze(turns, mode)
    assert analysis.turns[-1].labels == ("reconnect",)
    assert [(e.status, e.reconnect_turns) for e in analysis.episodes] == [
        ("resolved", (len(turns) - 1,))]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("turns", [
    [("Ana", THANKS)],
    [("Ana", "Can you cover Tuesday?"), ("Ben", "Sure."), ("Ana", THANKS)],
])
def test_thanks_with_no_rupture_before_it_carries_no_label(turns: list[tuple[str, str]],
                                                           mode: str) -> None:
    analysis = analyze(turns, mode)
    assert analysis.turns[-1].labels == ()
    assert analysis.episodes == ()
