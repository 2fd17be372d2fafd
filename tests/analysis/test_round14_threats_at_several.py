"""Round 14: a threat at several people is a threat ("I'll kill you both", "I'll kill the lot of
you"), with games and jokes set aside as for one person; "you'll regret it" is intimidation
(confrontation) unless it is tied to leaving or telling (danger), and nothing when it is about a
purchase or a decision."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation, TurnAnalysis

CRISIS = "risk.crisis"
CONFRONTATION = "rupture.confrontation"


def _turn(text: str, before: tuple[str, ...] = ()) -> TurnAnalysis:
    said = [*before, text]
    n = len(said)
    turns = [("Sam" if (n - i) % 2 else "Alex", t) for i, t in enumerate(said)]
    return mendkit.analyze(Conversation.from_turns(turns), mode="rules").turns[-1]


@pytest.mark.parametrize("text", [
    "I'll kill you both",
    "I'll kill the lot of you",
    "I swear I'll kill you and her",
    "I'm going to kill all of you if you go to the police",
    "I'll hurt the pair of you",
    "Next time I'll slap the lot of you.",
])
def test_a_threat_at_several_people_is_a_crisis(text: str) -> None:
    turn = _turn(text)
    assert CRISIS in turn.labels
    assert any(e.source == "rule:crisis/threat-to-you-01" for e in turn.evidence)
    assert mendkit.check(text, mode="rules").risk.crisis


@pytest.mark.parametrize("text", [
    "I'll kill you both at Mario Kart tonight.",
    "I'm going to kill you all at chess.",
    "I'll kill the lot of you if you eat my leftovers lol",
    "I'll kill you both with kindness this Christmas",
])
def test_games_and_jokes_at_several_people_are_no_threat(text: str) -> None:
    assert CRISIS not in _turn(text).labels


@pytest.mark.parametrize("text", [
    "You'll regret it.",
    "you'll regret this",
    "Walk out that door and you'll regret it.",
])
def test_youll_regret_it_in_a_fight_is_confrontation_not_crisis(text: str) -> None:
    turn = _turn(text, ("I'm going out with Sam tonight whether you like it or not.",))
    assert CONFRONTATION in turn.labels
    assert "hostility" in turn.subtypes(CONFRONTATION)
    assert CRISIS not in turn.labels


@pytest.mark.parametrize("text", [
    "You'll regret it if you leave me.",
    "If you tell anyone about this you'll regret it.",
    "he said if i go to my sister's for christmas he'll make sure i regret it",
])
def test_youll_regret_it_tied_to_leaving_or_telling_is_danger(text: str) -> None:
    turn = _turn(text)
    assert CRISIS in turn.labels
    assert "abuse_danger" in turn.subtypes(CRISIS)


@pytest.mark.parametrize("text", [
    "You'll regret not coming to the gig!",
    "you'll regret not coming to the gig",
    "You'll regret buying that sofa, it's enormous.",
    "you'll regret it if you don't book now, the prices go up on Friday",
    "If you tell anyone about the surprise party you'll regret it!",
])
def test_youll_regret_about_a_purchase_or_a_decision_is_no_crisis(text: str) -> None:
    turn = _turn(text)
    assert CRISIS not in turn.labels
    assert not mendkit.check(text, mode="rules").risk.crisis


@pytest.mark.parametrize("text", [
    "You'll regret not coming to the gig!",
    "You'll regret buying that sofa, it's enormous.",
])
def test_advice_about_a_decision_is_no_hostility(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels
