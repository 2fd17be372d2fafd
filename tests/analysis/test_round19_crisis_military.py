"""Weapons, tours and threats about the children in the rules (round 19, tester t2).

Military, FIFO and long-distance families: a service pistol sat with in the car, a rifle got out
when he drinks, a loaded Glock and "he'll use it if I cheat", "if I don't make it back from this
tour it wouldn't be the worst thing", "taking the whole house out with me" and a child's "Dad hits
Mum" are crisis signs in rules mode, and the child's message lists the young people's and abuse
lines first. "If you ever try to take the kids while I'm away you'll regret it" is a threat
(confrontation and danger), not a repair request; "Stop telling your sister our business" is a
demand. "I thought you just didn't want to be here" (at home) is no crisis sign, while "I don't want
to be here anymore" still is. Range days, gunsmiths, golf, the gym and the snooze button are not
signs."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation
from mendkit.models.classifier import available

SIGNS = [
    ("Sat in the car with my service pistol for an hour last night. Didn't do it. Not sure "
     "about tonight.", "suicide"),
    ("I cleaned my rifle tonight. Just sat there with it for a while", "suicide"),
    ("When he drinks he gets the rifle out and tells me to sit still. I'm scared he'll use it.",
     "abuse_danger"),
    ("My husband keeps his loaded Glock in the nightstand and says he'll use it if I ever cheat "
     "while he's gone", "abuse_danger"),
    ("He said he'd shoot me if I took the kids", "abuse_danger"),
    ("If I don't make it back from this tour it honestly wouldn't be the worst thing", "suicide"),
    ("Honestly hoping I don't come back from this deployment", "suicide"),
    ("Sometimes when the nightmares come I think about taking the whole house out with me",
     "harm_to_others"),
    ("Dad hits Mum when he's home from the mine and I'm scared to be in the house",
     "abuse_danger"),
    ("My stepdad hit my mum again last night", "abuse_danger"),
    ("I don't want to be here anymore. 9 hours away and I can't even talk to you when I feel "
     "like this", "suicide"),
]

NEAR_MISSES = [
    "Cleaning my rifle for the range tomorrow",
    "The range was closed so we didn't shoot",
    "Shot a great round of golf today",
    "I'm taking the Glock to the gunsmith",
    "Gonna hit the gym after shift",
    "Dad hits the snooze button every morning",
    "Dad beat Mum at Scrabble again",
    "He gets the rifle out every season for deer hunting",
    "He said he'd shoot me a text when he lands",
    "If I don't make it back by 6, start dinner without me",
    "Taking the whole team out with me for drinks",
    "I thought you just didn't want to be here",
    "I didn't want to be here at the party but I'm glad I came",
    "I don't want to be here in this house anymore, let's move",
    "You'll regret not coming to the party",
]


@pytest.mark.parametrize(("text", "kind"), SIGNS)
def test_a_weapon_tour_or_violence_at_home_sign_is_found_by_the_rules(text: str,
                                                                       kind: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert kind in result.risk.kinds


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_military_or_home_near_miss_raises_no_crisis_in_rules_mode(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_a_child_telling_of_dad_hitting_mum_gets_the_young_and_abuse_lines_first() -> None:
    result = mendkit.check("Dad hits Mum when he's home from the mine and I'm scared to be in "
                           "the house", mode="rules", region="AU")
    names = [r.name for r in result.risk.resources]
    assert names.index("Kids Helpline") < names.index("1800RESPECT") < names.index("Lifeline")


THREAT = [
    ("Leah", "You came in at 2 and punched the wall next to my head"),
    ("Craig", "I didn't touch you. You're being dramatic again"),
    ("Leah", "I'm scared of you when you drink. I slept in the kids' room with the door locked"),
    ("Craig", "If you ever try to take the kids while I'm away on rotation you'll regret it"),
    ("Leah", "ok"),
    ("Craig", "I'll fix the wall when I'm back. Stop telling your sister our business"),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_threat_about_the_children_is_danger_and_no_repair_request(mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("the model is not installed")
    result = mendkit.analyze(Conversation.from_turns(THREAT), mode=mode)
    threat, order = result.turns[3], result.turns[5]
    assert "risk.crisis" in threat.labels
    assert "rupture.confrontation" in threat.labels
    assert "repair.request" not in threat.labels
    assert "abuse_danger" in result.safety.kinds
    assert "repair.request" not in order.labels
    assert "rupture.confrontation" in order.labels


def test_a_boundary_about_telling_family_asked_kindly_is_no_confrontation() -> None:
    result = mendkit.check("Please stop telling your mum about our fights, I feel exposed when "
                           "she brings them up.", mode="rules")
    assert "rupture.confrontation" not in result.labels


FIFO = [
    ("Kayla", "I get that. But the kids have been waiting all fortnight for you"),
    ("Mick", "Sorry. That was a low blow. I always need a day in the shed to come down from "
             "site and I never told you that"),
    ("Kayla", "That actually makes sense. I thought you just didn't want to be here"),
    ("Mick", "I always want to be here. Can we say the first arvo is mine and then I'm all yours "
             "and the kids'?"),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_you_did_not_want_to_be_here_at_home_is_no_crisis(mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("the model is not installed")
    result = mendkit.analyze(Conversation.from_turns(FIFO), mode=mode)
    assert 2 not in result.safety.turns
    assert "risk.crisis" not in result.turns[2].labels
