"""Round 16 (testers t1, t3, t4, t5): contempt as a joke, put-downs in front of others, slang
ruptures, dry replies, ruptures aimed at neurodivergent people and giving up after mockery are
found by the rules; owning a repeated failure and a technical 'manual hotfix' are not ruptures."""

from __future__ import annotations

import pytest

import mendkit

RUPTURES = {"rupture.confrontation", "rupture.invalidation", "rupture.withdrawal"}


def labels(text: str, context: list[str] | None = None) -> set[str]:
    return set(mendkit.check(text, context=context or [], mode="rules").to_dict()["labels"])


@pytest.mark.parametrize("text", [
    "Maybe skip dessert, you're not exactly missing meals lol",
    "cute! bit brave with the bodycon though, hope they've got a big buffet 😂",
    "Wow, you actually finished something for once. Should we throw a parade?",
    "lol you thought he liked you? cute. embarrassing, but cute",
    "Your little 'career' as an artist is adorable. How's the day job going?",
    "Bless him, he thinks he can sing 😂 someone tell him",
    "Guys, watch this, he's going to try to parallel park. Best show in town. He's completely hopeless.",
    "Yeah yeah, you're 'stressed'. Must be exhausting watching Netflix all day.",
    "Olu, to be honest after last time with the cash box going walkabout I thought it best to keep "
    "it to the same team. No offence.",
    "Oh now you're interested. I've been in that hospital every single day for two weeks, Ciara.",
    "Don't 'lads' me Declan. You've been in twice in two weeks.",
    "I need people on this team who actually read the runbook.",
    "You lied to your Nani. Don't talk to me about classy.",
    "Stop using ADHD as an excuse. Everyone forgets things.",
    "You're being so autistic about this, just let it go.",
    "ur so dry lately",
    "stop ghosting me",
    "who asked",
    "no bc u literally always do this lol",
])
def test_contempt_put_downs_and_slang_are_moves_against_the_other(text: str) -> None:
    assert labels(text) & {"rupture.confrontation", "rupture.invalidation"}


@pytest.mark.parametrize(("text", "context"), [
    ("Fine. I won't bother telling you anything anymore.", []),
    ("I can't tell when you are joking in text... I'll stop talking about trains.",
     ["lol nobody cares about trains, you're such a nerd"]),
    ("Right. I'll just send the cake in then.",
     ["Olu, after last time with the cash box going walkabout I thought it best to keep it to "
      "the same team. No offence."]),
    ("ok be like that then", []),
    ("idc", ["can u at least tell me what i did wrong"]),
    ("cool.", ["i'm going to the party w/o u"]),
    ("its fine have fun at bowling", ["it was last minute"]),
])
def test_giving_up_and_dry_replies_are_withdrawal(text: str, context: list[str]) -> None:
    found = labels(text, context)
    assert "rupture.withdrawal" in found
    assert "repair.request" not in found  # "I'll stop talking about trains" is no commitment


@pytest.mark.parametrize(("text", "context"), [
    ("Maybe skip dessert tonight, I made way too much at lunch lol", []),
    ("Guys, watch this, the sunset is amazing tonight.", []),
    ("Your little one is adorable!", []),
    ("You actually finished the marathon! I'm so proud of you.", []),
    ("I'm being so autistic about this, sorry, I just need the plan written down.", []),
    ("ur so cringe 😂 i love u", []),
    ("bffr 😂 no way he said that", ["omg he asked her out with a powerpoint"]),
    ("cool.", ["i'll grab ur charger on the way"]),
    ("I'll stop talking about trains now and go to bed, night!", []),
    ("Lena, I'm sorry. I was defensive. You're right that I've let the band down three weeks "
     "running and I feel awful about it.", []),
    ("It's failing because the billing_region column was dropped from a manual hotfix in "
     "October.", []),
])
def test_banter_plans_and_owned_failures_are_not_ruptures(text: str, context: list[str]) -> None:
    assert not labels(text, context) & RUPTURES
