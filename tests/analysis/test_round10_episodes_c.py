"""Round ten, the second re-run: an apology a rule found stays a repair beside a rule's misreading
of one clause; warm words take a repair up beside a shrug; a put-down is not a crisis on its own."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation


def _episodes(turns: list[tuple[str, str]]) -> list[tuple[str, str | None, bool]]:
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    return [(e.status, e.initiator, e.taken_up) for e in analysis.episodes]


def test_an_owned_apology_with_a_defensive_clause_is_still_a_repair() -> None:
    found = _episodes([
        ("Dan", "You forgot to pay the gas bill. It was due yesterday."),
        ("Eli", "Sorry. I didn't mean that, I was stressed and I took it out on you."),
        ("Dan", "Thanks. I forgive you."),
    ])
    assert found == [("resolved", "Eli", True)]


def test_a_non_apology_is_still_no_repair() -> None:
    found = _episodes([
        ("Dan", "You forgot to pay the gas bill. It was due yesterday."),
        ("Eli", "I'm sorry you feel that way."),
    ])
    assert [status for status, _, _ in found] == ["unresolved"]


def test_warm_words_beside_a_shrug_take_the_repair_up() -> None:
    found = _episodes([
        ("Kim", "You never listen to me. You just talked over me all night."),
        ("Lee", "I'm sorry I talked over you. That was rude of me."),
        ("Kim", "It's fine, honestly, these things happen. Love you."),
    ])
    assert found == [("resolved", "Lee", True)]


@pytest.mark.parametrize("text", [
    "He called me a failure.",
    "She called me a failure for burning the toast lol",
    "My dad keeps calling me worthless.",
])
def test_a_put_down_alone_is_no_crisis(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_a_put_down_with_danger_still_shows_the_resources() -> None:
    risk = mendkit.check("He was drunk. He told me I was a failure.", mode="rules").risk
    assert risk.crisis and "suicide" not in risk.kinds
