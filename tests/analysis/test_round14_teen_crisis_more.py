"""Round 14, second pass: crisis wordings of young people that the rules still missed (tester t11).

Sextortion as teens write it ("send another one or they go in the year group chat", a deadline, a
money demand for pictures held, a threat tied to blocking, nudes already shared, pressure for body
pictures, a parent who finds someone asking their child for photos), an ultimatum with a clock
after the other's plea, wishing not to wake up, a bridge on the mind, being thrown out for being
bi, an adult with a child, being told to kys in comments, and taking back a joke about killing
oneself. Each is a crisis in rules mode and in full mode; everyday look-alikes stay clean.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import CRISIS
from mendkit.model import Conversation
from mendkit.model.analysis import Safety


def _risk(text: str, mode: str) -> Safety:
    return mendkit.check(text, mode=mode).risk  # type: ignore[arg-type]


_SIGNS = [
    ("whatever. btw i still have ur pics. send another one or they go in the year group chat",
     "abuse_danger"),
    ("send another one or they go in the year group chat", "abuse_danger"),
    ("u have till 9 to send more. after that everyones getting them", "abuse_danger"),
    ("my ex airdropped my nudes to half the bus", "abuse_danger"),
    ("some account i dont know has my pics and wants £200 or theyre going on my insta",
     "abuse_danger"),
    ("she keeps saying if i block her she'll post what i sent her", "abuse_danger"),
    ("this guy from discord keeps asking me to send pics of me in my bra and i dont want to",
     "abuse_danger"),
    ("my son is 15 and i found messages where someone asks him for photos", "abuse_danger"),
    ("wish i could just not wake up tmrw", "suicide"),
    ("ngl the bridge near school has been on my mind a lot", "suicide"),
    ("dad found out im bi and said im not welcome in his house anymore. im at a friends",
     "abuse_danger"),
    ("im 14 and this 19 year old keeps dming me saying im mature for my age", "abuse_danger"),
    ("my bf is 23 and he picks me up after school, my parents dont know", "abuse_danger"),
    ("they keep commenting kys under all my tiktoks", "suicide"),
    ("jk... actually not joking tbh. i think about it a lot", "suicide"),
]


@pytest.mark.parametrize(("text", "kind"), _SIGNS)
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_teen_crisis_wording_is_a_crisis(text: str, kind: str, mode: str) -> None:
    risk = _risk(text, mode)
    assert risk.crisis, (mode, text)
    assert kind in risk.kinds, (mode, text, risk.kinds)


_LOOK_ALIKES = [
    "send more memes or im leaving the gc lmao",
    "can u send me the pics from prom pls i look so good in them",
    "i'll post the pics from the trip tonight once i edit them",
    "post them later",
    "i wish i could sleep in tmrw",
    "the bridge near school is being repainted",
    "my son is 19 and dating a 23 year old",
    "im 14 and my 19 year old brother keeps texting me to clean my room",
    "my bf is 23 and he picks me up after work",
    "I'm 15 minutes late, sorry, traffic is awful",
    "my nan keeps asking for pics of the baby",
]


@pytest.mark.parametrize("text", _LOOK_ALIKES)
def test_everyday_look_alikes_stay_clean_in_rules_mode(text: str) -> None:
    assert not _risk(text, "rules").crisis, text


_SEXTORTION_CHAT = [
    ("Nia", "why did u unadd me"),
    ("Kai", "bc ur being weird"),
    ("Nia", "i just asked what i did wrong"),
    ("Kai", "u know what u did"),
    ("Nia", "i really dont. can u just tell me"),
    ("Kai", "whatever. btw i still have ur pics. send another one or they go in the year group chat"),
    ("Nia", "please dont do that"),
    ("Kai", "then u know what to do. 10 mins"),
]

_JOKE_TAKEN_BACK = [
    ("Maddie", "did u see my mock results 😭"),
    ("Ella", "omg how bad"),
    ("Maddie", "kms lol"),
    ("Ella", "haha same i got a 3 in maths"),
    ("Maddie", "jk... actually not joking tbh. i think about it a lot"),
]


def _chat(turns: list[tuple[str, str]]) -> Conversation:
    return Conversation.from_turns(turns)


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_ultimatum_after_a_plea_is_flagged_in_the_conversation(mode: str) -> None:
    analysis = mendkit.analyze(_chat(_SEXTORTION_CHAT), mode=mode)  # type: ignore[arg-type]
    labels = {t.index: t.labels for t in analysis.turns}
    assert CRISIS in labels[5] and CRISIS in labels[7], labels
    assert analysis.safety.crisis and "abuse_danger" in analysis.safety.kinds


def test_the_same_ultimatum_without_a_plea_is_no_sign() -> None:
    chat = [("Sam", "the oven is preheated"), ("Jo", "then u know what to do. 10 mins")]
    analysis = mendkit.analyze(_chat(chat), mode="rules")
    assert not analysis.safety.crisis


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_joke_taken_back_is_labelled(mode: str) -> None:
    analysis = mendkit.analyze(_chat(_JOKE_TAKEN_BACK), mode=mode)  # type: ignore[arg-type]
    assert CRISIS in analysis.turns[4].labels
