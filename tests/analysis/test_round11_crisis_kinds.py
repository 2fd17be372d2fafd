"""The crisis kinds decide Mend's words and the order of the resources. One weak hint of another
kind next to an explicit sign is no kind of its own: strangling is danger from him, not self-harm,
whatever "please don't tell him" hints at alone."""

from __future__ import annotations

import pytest

import mendkit


@pytest.mark.parametrize(("text", "kinds"), [
    ("he put his hands around my neck and I could not breathe. there was blood on my lip",
     {"abuse_danger"}),
    ("I want to kill myself. he's been drinking since noon", {"suicide"}),
])
def test_one_weak_hint_beside_an_explicit_sign_adds_no_kind(text: str, kinds: set[str]) -> None:
    result = mendkit.check(text, mode="rules")
    weak = {e.subtype for e in result.evidence
            if e.label == "risk.crisis" and e.source.startswith("rule:crisis/weak-")}
    assert weak - kinds  # the case this guards: a weak rule of another kind matched
    assert set(result.risk.kinds) == kinds


@pytest.mark.parametrize(("text", "kinds"), [
    ("he put his hands around my neck and I could not breathe. please dont tell him",
     {"abuse_danger"}),
    ("I want to kill myself. please dont tell him", {"suicide"}),
])
def test_a_plea_for_secrecy_takes_the_kind_of_the_sign_beside_it(text: str,
                                                                  kinds: set[str]) -> None:
    # Round 17: the hint itself now reads as what the secret is about, so no other kind shows.
    result = mendkit.check(text, mode="rules")
    assert {e.subtype for e in result.evidence if e.label == "risk.crisis"} == kinds
    assert set(result.risk.kinds) == kinds


def test_the_abuse_words_lead_when_only_abuse_is_explicit() -> None:
    result = mendkit.check(
        "he put his hands around my neck and I could not breathe. please dont tell him",
        mode="rules")
    assert "yourself" not in result.risk.message.split(".")[0]


def test_two_explicit_kinds_are_both_kept() -> None:
    result = mendkit.check("he hit me again and I want to kill myself", mode="rules")
    assert {"abuse_danger", "suicide"} <= set(result.risk.kinds)
