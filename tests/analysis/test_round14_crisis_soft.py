"""Round 14: three crisis false alarms, each next to the real signs that must stay.

"i should die my hair pink" is "dye" misspelt before hair or a colour, not a wish to die ("i
should die, my hair is falling out from the stress" stays a sign). "kicked me out of the kitchen"
or "out of the group chat" is being sent out of a room, a chat or a game, not a kick ("he kicked
me", "kicked me out of the house at 2am and I have nowhere to go" stay). "he threw my phone on the
bed" or "back to me" is a soft landing, not violence ("at the wall", "across the room" stay).
Both modes read the same rules; in full mode the classifier's own crisis head still reads some of
these look-alikes as crisis (a model-only alarm with no rule kind, left to that head), so there the
tests ask only that no crisis rule fires.
"""

from __future__ import annotations

import pytest

import mendkit

_MODES = ("rules", "full")


def _crisis(text: str, mode: str) -> tuple[bool, tuple[str, ...]]:
    risk = mendkit.check(text, mode=mode).risk
    return risk.crisis, tuple(risk.kinds)


_STAYS = [
    ("i should die", "suicide"),
    ("i should just die", "suicide"),
    ("i should die, my hair is falling out from the stress", "suicide"),
    ("honestly i should just die. my hair is a mess and so is everything else", "suicide"),
    ("he kicked me", "abuse_danger"),
    ("he kicked me in the stomach", "abuse_danger"),
    ("my dad kicked me out of the house at 2am and I have nowhere to go", "abuse_danger"),
    ("he kicked me out of the house at 2am and I have nowhere to go", "abuse_danger"),
    ("my dad kicked me out of the kitchen and then kicked me in the back", "abuse_danger"),
    ("he threw my phone at the wall", "abuse_danger"),
    ("he threw my phone at me", "abuse_danger"),
    ("he threw my phone across the room", "abuse_danger"),
    ("he threw my phone on the floor and stamped on it", "abuse_danger"),
    ("she threw my phone on the bed so hard it cracked", "abuse_danger"),
]

_CLEAR = [
    "she said i should die my hair pink",
    "should i die my hair blue",
    "i think i should die my hair purple this summer",
    "i might as well die it green at this point lol",
    "my dad kicked me out of the kitchen",
    "got kicked out of the group chat",
    "my mum kicked me out of the living room so she could watch her show",
    "he kicked me out of the game for being afk",
    "coach kicked me out of the team meeting for being late",
    "he threw my phone on the bed",
    "she threw my phone onto the sofa when it rang",
    "he threw my phone back to me",
    "my brother threw my phone to me across the table",
    "she threw my keys into my bag",
    "he threw my phone on the table gently",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "kind"), _STAYS)
def test_real_signs_stay_crisis(text: str, kind: str, mode: str) -> None:
    crisis, kinds = _crisis(text, mode)
    assert crisis, text
    assert kind in kinds, (text, kinds)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _CLEAR)
def test_look_alikes_are_no_crisis(text: str, mode: str) -> None:
    crisis, kinds = _crisis(text, mode)
    if mode == "rules":
        assert not crisis, (text, kinds)
    assert not kinds, (text, kinds)  # no crisis rule fired
