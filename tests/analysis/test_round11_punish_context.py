""""good. maybe now you'll learn" answering the other's fear is a sign of abuse, and `mend check
--context` sees it as a conversation does (the final re-run found it only fired inside one)."""

from __future__ import annotations

import pytest

import mendkit


@pytest.mark.parametrize("before", ["please stop, you're scaring me", "please don't hurt me",
                                    "I'll give you my phone, please don't be angry"])
def test_punishment_after_a_frightened_plea_is_a_crisis_sign(before: str) -> None:
    assert mendkit.check("good. maybe now you'll learn", context=[before], mode="rules").risk.crisis


@pytest.mark.parametrize("before", ["stop it you're scaring me with that horror film lol",
                                    "ugh I missed the bus again because I snoozed"])
def test_the_same_words_after_play_or_a_mishap_are_not(before: str) -> None:
    assert not mendkit.check("good. maybe now you'll learn", context=[before],
                             mode="rules").risk.crisis
