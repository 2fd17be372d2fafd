"""A near-miss sweep (round 18): 42 everyday messages an adult might send with crisis words used
harmlessly ("I'm dying to see the new Bond film", "that exam slaughtered me", "she'll murder me
if I'm late again"), and 42 plain or coded crisis messages, none already in the tests. The set,
with the reason for each label, is ``tests/fixtures/round18/near_miss_sweep.json``; it was
written before the rules changed (rules mode then found 37 of the 42 crisis messages and raised
no alarm on the 42 everyday ones). The five misses were a search for bridges without nets,
crashing the car on purpose, "no point in me being alive", "I can't promise I'll be safe
tonight" and "doing everyone a favour by ending it". Writing the look-alikes of those turned up
one false alarm, "There's no point in going on the trip": "going on" before what one goes on
(a trip, holiday, "the meeting") is no longer read as going on living; "no point going on the
way things are" still is."""

from __future__ import annotations

import pytest

import mendkit
from labelled_sets import check_the_set, load_set

CRISIS = "risk.crisis"
_SET, DANGER, NOT_DANGER = load_set("round18", "near_miss_sweep.json")


def test_the_set_is_large_enough_and_every_label_has_its_reason() -> None:
    check_the_set(_SET)


@pytest.mark.parametrize("text", DANGER)
def test_a_plain_or_coded_crisis_message_is_found_by_the_rules(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert CRISIS in result.labels
    assert result.risk.resources


@pytest.mark.parametrize("text", NOT_DANGER)
def test_a_crisis_word_used_in_everyday_speech_raises_no_alarm(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.parametrize(("text", "kind"), [
    ("I've been researching which bridges don't have nets.", "suicide"),
    ("Sometimes I think about crashing the car on the way to work, on purpose.", "suicide"),
    ("There's no point in me being alive.", "suicide"),
    ("I can't promise I'll be safe tonight.", "suicide"),
    ("I'd be doing everyone a favour by ending it.", "suicide"),
])
def test_the_sweeps_misses_are_found_with_their_kind(text: str, kind: str) -> None:
    assert kind in mendkit.check(text, mode="rules").risk.kinds


@pytest.mark.parametrize("text", [
    "Which bridges don't have tolls? Planning the drive to Wales.",
    "He crashed my car into a bollard, definitely not on purpose, he's mortified.",
    "There's no point in me going on the trip if it rains all week.",
    # raised before round 18: "no point in going on" before the trip it is about
    "There's no point in going on the trip if it rains all week.",
    "No point carrying on the meeting without Sam.",
    "I can't promise I'll be safe from the kids' water pistols, ha.",
    "We'd be doing everyone a favour by ending the meeting early.",
])
def test_the_new_readings_leave_their_look_alikes_alone(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis
