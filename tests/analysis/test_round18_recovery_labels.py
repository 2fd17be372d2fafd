"""Addiction and recovery in the rules (round 18, tester t4): blame, jargon, admissions, warmth.

Blame for someone's drinking ("You're the reason I drink") and contempt ("You're a drunk, just like
your father") are confrontation, and so is control dressed as trust ("Give me your phone. I'm
checking every text"). Recovery jargon that deflects a harm ("you need to respect my process",
"that's your side of the street to clean") is invalidation. Plain admissions of a relapse or a lie
are responsibility; pride in a sober milestone, thanks that "meant the world" and "I'm glad you
told me" are reconnect. Their near misses stay out."""

from __future__ import annotations

import pytest

import mendkit

LABELLED = [
    ("You're the reason I drink.", "rupture.confrontation"),
    ("You're a drunk, just like your father.", "rupture.confrontation"),
    ("Give me your phone. I'm checking every text until I trust you again.",
     "rupture.confrontation"),
    ("If you go to that bar I'm taking the car keys and your bank card.",
     "rupture.confrontation"),
    ("I'm working my program, you need to respect my process.", "rupture.invalidation"),
    ("I'm on step 9 and I'll make my amends when I'm ready.", "rupture.invalidation"),
    ("You're holding onto resentments, and that's your side of the street to clean.",
     "rupture.invalidation"),
    ("I drank on Saturday and I lied to you about it.", "repair.responsibility"),
    ("... fine. Yes. It was more than one drink. I've been drinking since the wedding.",
     "repair.responsibility"),
    ("...Yes. Online poker, then sports betting. Since last spring. I hid the statements.",
     "repair.responsibility"),
    ("I used again. I've already called my sponsor and I'm going to a meeting tonight.",
     "repair.responsibility"),
    ("I stole $600 from your wallet last Christmas and told you the cleaner must have taken it.",
     "repair.responsibility"),
    ("I'm proud of you, 90 days!", "reconnect"),
    ("Thank you for coming to family day at the rehab. It meant the world.", "reconnect"),
    ("I'm glad you told me instead of hiding it.", "reconnect"),
]

NOT_LABELLED = [
    ("You're the reason I stopped drinking.", "rupture.confrontation"),
    ("You're a recovering alcoholic and I'm proud of you.", "rupture.confrontation"),
    ("Give me your phone, I'll call you a taxi.", "rupture.confrontation"),
    ("Thank you for respecting my process, it means a lot.", "rupture.invalidation"),
    ("My sponsor says I need to clean my own side of the street first.", "rupture.invalidation"),
    ("If I relapse again I'll tell you straight away.", "repair.responsibility"),
    ("I hid your birthday present in the garage.", "repair.responsibility"),
    ("You think I lied to you about it?", "repair.responsibility"),
    ("I'd be proud of you if you stayed sober for once.", "reconnect"),
    ("I'm so proud of you, the results are brilliant.", "reconnect"),
]


@pytest.mark.parametrize(("text", "label"), LABELLED)
def test_a_recovery_message_gets_its_label_in_rules_mode(text: str, label: str) -> None:
    assert label in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize(("text", "label"), NOT_LABELLED)
def test_a_near_miss_does_not_get_the_label(text: str, label: str) -> None:
    assert label not in mendkit.check(text, mode="rules").labels


def test_pride_in_ninety_days_with_dinner_on_me_is_warmth_not_a_commitment() -> None:
    labels = mendkit.check("I'm so proud of you, 90 days! Dinner's on me tonight.",
                           mode="rules").labels
    assert "reconnect" in labels
    assert "repair.request" not in labels
