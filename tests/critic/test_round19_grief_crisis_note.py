"""Round 19 (testers t4 and t1; fixer f14): ``mend check`` of a message that speaks of someone
who died and shows a sign of crisis says grief's words, the coach's own on the path for someone
who has died (``bereavement.GRIEF_THOUGHTS``), not "Repair can wait": there may be nothing to
repair. A message with no death in it keeps the note it had."""

from __future__ import annotations

import pytest

from mendkit.api import check
from mendkit.coach.bereavement import GRIEF_THOUGHTS


@pytest.mark.parametrize("text", [
    "Since Mum died I just want to be with her. I don't see the point anymore.",
    "I sat by her grave and told her I'll be with her soon. I don't want to be here anymore.",
    "My dad died last year and I want to die too.",
])
def test_a_crisis_sign_beside_a_death_gets_words_for_grief(text: str) -> None:
    result = check(text, mode="rules")
    assert result.risk.crisis
    assert result.notes[0] == GRIEF_THOUGHTS
    assert not any("repair can wait" in note.lower() for note in result.notes)


@pytest.mark.parametrize("text", [
    "I want to kill myself.",
    "My phone died and honestly I want to die.",
])
def test_no_death_no_grief_words(text: str) -> None:
    result = check(text, mode="rules")
    assert result.risk.crisis
    assert GRIEF_THOUGHTS not in result.notes
    assert "Repair can wait" in result.notes[0]
