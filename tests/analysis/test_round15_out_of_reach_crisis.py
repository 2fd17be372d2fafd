"""Round 15: crisis signs in messages to someone who is out of reach (tester t1, problems 1 and 2).

Threats to an ex or to their new partner ("Your new boyfriend should watch his back.", "I know
where you live now. We will talk whether you like it or not.", "If I can't have you nobody will.")
are crisis signs in both modes: received, danger to the one they are sent to (or their new
partner); in the writer's own words, as the coach reads them, harm the writer may do. A veiled
threat of self-harm in a plea ("If you don't talk to me I don't know what I'll do to myself.")
and passive wishes to die in a letter to someone who has died ("I'll see you again soon, Mum. I
don't think I can do this much longer.") are suicide or self-harm signs. The look-alikes (a
slippery rink, a wedding invite, the last slice, a hot day, a visit home, a trip to Rome) are
not. In full mode the classifier's own crisis head may still read a look-alike as crisis, so
there the negatives ask only that no crisis rule fires.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.safety import assess
from mendkit.model import Conversation, Turn

_MODES = ("rules", "full")

_THREATS_BOTH_MODES = [
    "Your new boyfriend should watch his back.",
    "I know where you live now. We will talk whether you like it or not.",
]
_THREATS_RULES = [
    *_THREATS_BOTH_MODES,
    "If I can't have you nobody will. You'll regret blocking me.",
    "If I can't have you, no one can.",
    "Tell your new girlfriend she'd better watch her back.",
]
_SELF_SIGNS = [
    ("If you don't talk to me I don't know what I'll do to myself.", {"self_harm", "suicide"}),
    ("I'll see you again soon, Mum. I don't think I can do this much longer.", {"suicide"}),
    ("I wish I could have gone with you. Nothing matters without you here.", {"suicide"}),
]
_LOOK_ALIKES = [
    "watch his back on the ice, it's slippery",
    "I know where you live now, I'll send the wedding invite",
    "if I can't have the last slice nobody will",
    "I don't think I can do this much longer, this heat",
    "I'll see you again soon, Mum, I'm back at Christmas",
    "I wish I could have gone with you to Rome",
    "Sorry I missed the gig. I wish I could have gone with you.",
    "If you don't text back I don't know what I'll do with myself tonight, I'm so bored",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _THREATS_BOTH_MODES)
def test_threat_to_an_ex_or_new_partner_is_a_crisis_in_both_modes(text: str, mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    assert risk.crisis
    assert set(risk.kinds) & {"harm_to_others", "abuse_danger"}


@pytest.mark.parametrize("text", _THREATS_RULES)
def test_rules_read_the_threat(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert any(e.label == "risk.crisis" and e.source.startswith("rule:crisis/")
               for e in result.evidence)


def _blocked(threat: str) -> Conversation:
    return Conversation(id="blocked", turns=(
        Turn(index=0, speaker="Sam", text="I've blocked you. Please stop."),
        Turn(index=1, speaker="Alex", text=threat),
    ))


@pytest.mark.parametrize("text", _THREATS_RULES)
def test_received_threat_is_danger_and_written_one_is_harm(text: str) -> None:
    analysis = mendkit.analyze(_blocked(text), mode="rules")
    assert analysis.safety.crisis
    assert analysis.safety.turns == (1,)
    # To Sam, who reads it: danger to them ("you") or to their new partner.
    assert set(analysis.safety.kinds) <= {"abuse_danger", "harm_to_others"}
    # In Alex's own words (the coach reads a writer's answers so): harm Alex may do.
    assert assess(analysis.turns[1:], writer=True).kinds == ("harm_to_others",)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "kinds"), _SELF_SIGNS)
def test_veiled_and_grief_signs_are_a_crisis(text: str, kinds: set[str], mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    assert risk.crisis
    if mode == "rules":
        assert set(risk.kinds) & kinds


@pytest.mark.parametrize("text", _LOOK_ALIKES)
def test_look_alikes_are_no_crisis(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis
    full = mendkit.check(text, mode="full")
    assert not any(e.source.startswith("rule:crisis/") for e in full.evidence)
