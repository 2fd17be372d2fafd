"""Round 15 (tester t2, co-parenting): physical abuse told with the abuser's name ("Mike grabbed
my arm hard") is the same danger as "he grabbed my arm"; a threat the victim reports ("He said if
I keep him from them I'll regret it. He knows where I live.") is danger as much as the threat
itself. A name doing something to a thing ("Mike grabbed the last slice") or a sports report is
none."""

from __future__ import annotations

import pytest

import mendkit

_MODES = ("rules", "full")

_DANGER = [
    "At the handover on Saturday Mike grabbed my arm hard in front of the kids.",
    "At the handover on Saturday he grabbed my arm hard in front of the kids.",
    "Mike grabbed my arm and wouldn't let go.",
    "Then Sarah slapped me across the face in the car park.",
    "I said no and Dean shoved me into the door.",
    "Last night Tom pushed me down the stairs.",
    "He said if I keep him from them I'll regret it. He knows where I live.",
    "She said I'd regret it if I went to court. She knows where I live.",
    "After dinner Dave shoved me against the wall and screamed in my face.",
    "So Ryan kicked me in the stomach.",
]

_CLEAR = [
    "Mike grabbed the last slice before I could get one.",
    "Kane hit the post twice and then Saka kicked the ball into the net.",
    "In the second half Smith punched the ball clear and Jones hit the bar.",
    "Tom grabbed my bag from the car so I didn't have to go back.",
    "Then the door hit my elbow, so clumsy of me.",
    "At the weekend Mike threw the ball for the dog for hours.",
    "He knows where I live, he can drop the kids' bags round on Sunday.",
    "She said I'd regret it if I didn't try the cake.",
    "Then Dan grabbed me by the hand and we ran for the bus.",
    "On Sunday Grandad grabbed my arm to steady himself on the stairs.",
    "And Mia hit me with a pillow.",
    "Then Alex pushed me out of the way of the car.",
    "Saturday Liverpool beat us 2-0.",
    "Then Mike hit me up about the party.",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _DANGER)
def test_named_abuser_and_reported_threats_are_abuse_danger(text: str, mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    assert risk.crisis, text
    assert "abuse_danger" in risk.kinds, (text, risk.kinds)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _CLEAR)
def test_names_doing_ordinary_things_raise_no_crisis_rule(text: str, mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    if mode == "rules":
        assert not risk.crisis, (text, risk.kinds)
    assert not risk.kinds, (text, risk.kinds)


def test_named_abuse_shows_the_abuse_lines() -> None:
    risk = mendkit.check(_DANGER[0], mode="rules", region="GB").risk
    assert any(r.contact == "call 0808 2000 247" for r in risk.resources)
