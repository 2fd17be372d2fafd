"""Round 14: pressure the rules missed. A talk claimed as a debt ("You owe me that.", "You owe me a
conversation.") and a visit announced just after the other asked for space ("I'm coming round
tonight then.") are pressure, not a debt of money or a favour, nor a commitment to repair."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation, TurnAnalysis

CONFRONTATION = "rupture.confrontation"


def _turn(text: str, before: tuple[str, ...] = ()) -> TurnAnalysis:
    said = [*before, text]
    n = len(said)
    turns = [("Sam" if (n - i) % 2 else "Alex", t) for i, t in enumerate(said)]
    return mendkit.analyze(Conversation.from_turns(turns), mode="rules").turns[-1]


def _pressure(turn: TurnAnalysis) -> bool:
    return CONFRONTATION in turn.labels and "pressure" in turn.subtypes(CONFRONTATION)


@pytest.mark.parametrize(("text", "before"), [
    ("I'm coming round tonight then.", ("I need some space, please.",)),
    ("Fine, I'm coming over tonight then.", ("Please don't come round, I need to be alone.",)),
    ("You owe me that.", ()),
    ("You owe me a conversation.", ()),
    ("You owe me a conversation.", ("I don't want to talk about it.",)),
])
def test_pressure_is_read(text: str, before: tuple[str, ...]) -> None:
    turn = _turn(text, before)
    assert _pressure(turn)
    assert "repair.request" not in turn.labels


def test_check_reads_the_visit_after_a_request_for_space_as_pressure() -> None:
    result = mendkit.check("I'm coming round tonight then.", context=["I need some space, please."],
                           mode="rules")
    assert CONFRONTATION in result.labels
    assert "repair.request" not in result.labels


@pytest.mark.parametrize(("text", "before"), [
    ("you owe me a fiver", ()),
    ("I owe you one", ()),
    ("You owe me a pint for that.", ()),
    ("You don't owe me a conversation.", ()),
    ("I'm coming round tonight then.", ("Are you free later? I've made lasagne.",)),
    ("I'll come round when you're ready.", ("I need some space.",)),
])
def test_no_pressure(text: str, before: tuple[str, ...]) -> None:
    assert not _pressure(_turn(text, before))
