"""Round 19 (tester t1: faith communities, extended family, in-laws). Crisis signs the rules
missed: a death wish said as a prayer, a threat to kill for honour, violence to cast out a demon,
a young person thrown out and sleeping rough, being taken abroad to be married. Their look-alikes
(grief, idioms, jokes, a helper naming a helpline) stay quiet."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"


@pytest.mark.parametrize(("text", "kind"), [
    ("Mum said I'm dead to the family and threw me out. I'm 16 and sleeping in the car park "
     "behind the mosque.", "abuse_danger"),
    ("got kicked out at 15 and I've been sleeping on a friend's floor since", "abuse_danger"),
    ("I just want God to take me tonight. I've made my peace.", "suicide"),
    ("I've been praying to not wake up. Every night I ask Allah to let me sleep forever.",
     "suicide"),
    ("Dad said I've brought shame on us and he'd rather bury me than see me with her.",
     "abuse_danger"),
    ("The elders said the demon must be beaten out of my son. They are coming tonight to do it.",
     "abuse_danger"),
    ("Mum said they're taking me back home in the summer and I'm not coming back.",
     "abuse_danger"),
    ("passport taken, nikah fixed, fly Friday", "abuse_danger"),
])
def test_the_rules_read_the_sign_and_its_kind(text: str, kind: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert kind in result.risk.kinds


@pytest.mark.parametrize("text", [
    "I slept in the car at the festival, never again.",
    "Mum threw out my old trainers.",
    "God took her home last spring and I still set a place for her.",
    "I pray God takes my pain away.",
    "I'd rather die than wear that.",
    "May God take me before I see Leeds relegated.",
    "God take me now, my uncle just started talking politics at the wedding.",
    "Mum said she'll send me back home to Lagos if my grades drop, she says it every term haha.",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_a_helper_naming_a_forced_marriage_helpline_is_not_a_crisis_turn() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Zara", "He took my passport and said if I shame him again I won't see my 18th "
                 "birthday."),
        ("Bilal", "Please don't say that. Can I call someone with you? There's a forced "
                  "marriage helpline."),
    ]), mode="rules")
    assert CRISIS in analysis.turns[0].labels
    assert CRISIS not in analysis.turns[1].labels
    assert list(analysis.safety.turns) == [0]


def test_a_prayer_to_die_beside_danger_from_family_gets_both_messages() -> None:
    # c3: the conversation's danger from family, and then her own wish to die, in one summary.
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Zara", "He took my passport and said if I shame him again I won't see my 18th "
                 "birthday."),
        ("Bilal", "I'm so sorry. This is not okay."),
        ("Zara", "Sometimes I just want God to take me so none of it matters."),
    ]), mode="rules", region="GB")
    assert list(analysis.safety.turns) == [0, 2]
    assert {"abuse_danger", "suicide"} <= set(analysis.safety.kinds)
    assert "Samaritans" in [r.name for r in analysis.safety.resources][:4]
