"""Round eleven of the critic's score: a string of stock repair phrases, or the same words said
again and again, does not out-rank a specific, owned apology (the tester's pairs #25 and #30)."""

from __future__ import annotations

import pytest

import mendkit

VASE = ("I'm sorry I broke the vase your grandmother gave you. I know it can't be replaced. I'd "
        "like to help find someone who can repair it.")
EMBARRASSED = ("I'm sorry I embarrassed you in front of your friends. It makes sense you were "
               "angry. Next time I'll talk to you privately.")
STUFFED = [
    "I feel I need I'm sorry I take responsibility I will I understand I appreciate you.",
    "I'm sorry I take responsibility I understand I appreciate I feel sad I need I will from now "
    "on.",
    "I'm sorry I understand how you feel I feel hurt I need us to talk can we talk tonight thank "
    "you I will do better from now on.",
]


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("stuffed", STUFFED)
def test_keyword_stuffing_ranks_below_a_real_apology(mode: str, stuffed: str) -> None:
    q = mendkit.check(stuffed, mode=mode).repair_quality  # type: ignore[arg-type]
    assert q < mendkit.check(VASE, mode=mode).repair_quality  # type: ignore[arg-type]
    assert q < mendkit.check(EMBARRASSED, mode=mode).repair_quality  # type: ignore[arg-type]


def test_stuffing_and_repeats_are_named() -> None:
    for text in [*STUFFED, "I'm sorry. I understand. I understand. Thank you. Thank you. Can we "
                           "talk? Can we talk?"]:
        assert "over_apology" in {i.kind for i in mendkit.check(text, mode="rules").issues}


def test_a_plain_texted_apology_is_not_stuffing() -> None:
    result = mendkit.check("im sorry i yelled i know you were scared ill take a break next time",
                           mode="rules")
    assert "over_apology" not in {i.kind for i in result.issues}


def test_self_flagellation_ranks_below_a_short_owned_apology() -> None:
    better = "I'm sorry I was short with you on the phone. I'll call back after work."
    worse = ("I'm so so so sorry, I'm such an idiot, I always mess everything up, I hate myself "
             "for this, please don't be mad at me, I can't handle you being mad.")
    assert mendkit.check(better, mode="rules").repair_quality > \
        mendkit.check(worse, mode="rules").repair_quality
