"""Round 15: a coded goodbye with no trip in sight, and an adult with a 16- or 17-year-old.

"I'm going away for good" said with nothing about a move, a trip or a job is a suicide sign in
rules mode (a goodbye that points nowhere), while the same words with the move beside them are
not; "this is goodbye" from someone handing over a team is no sign either. A 16- or 17-year-old
told by an adult to keep them secret from a parent is in danger (grooming), in both modes; two
16-year-olds are not.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import CRISIS


def _kinds(text: str, mode: str = "rules") -> set[str | None]:
    turn = mendkit.analyze(mendkit.Conversation.from_turns([("me", text)]), mode=mode).turns[0]
    return {e.subtype for e in turn.evidence if e.label == CRISIS}


def _crisis(text: str, mode: str = "rules") -> bool:
    return mendkit.analyze(mendkit.Conversation.from_turns([("me", text)]), mode=mode).safety.crisis


@pytest.mark.parametrize("text", [
    "I'm going away for good",
    "im going away for good. tell mum i love her",
    "I won't be around much longer",
    "this is goodbye, for real this time",
    "I'm leaving for good and I'm not coming back",
])
def test_a_goodbye_that_points_nowhere_is_a_suicide_sign(text: str) -> None:
    assert "suicide" in _kinds(text)


@pytest.mark.parametrize("text", [
    "I'm going away for good, moving to Lisbon in May",
    "this is goodbye from me as team lead, I start at the new firm Monday",
    "I'm leaving for good, the new job in Leeds starts in June",
    "I won't be around much longer, moving to Lisbon in May",
])
def test_a_real_departure_is_no_sign(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", [
    "he's 24 and I'm 16 and he says not to tell my mum",
    "im 17 and this 26 year old guy keeps snapping me, says its our secret",
    "I'm 16, my boyfriend is 29 and he told me not to tell my parents about us",
])
def test_an_adult_keeping_a_16_or_17_year_old_secret_is_danger(text: str, mode: str) -> None:
    assert "abuse_danger" in _kinds(text, mode)


@pytest.mark.parametrize("text", [
    "we're both 16 and he says not to tell my mum about the party",
    "I'm 16 and my mum is 42 and she says not to tell dad about his present",
    "he's 24 and I'm 16 and he's my cousin, he says not to tell my mum about the surprise",
    "I'm 17 and my sister is 25, she said not to tell mum she's pregnant yet",
])
def test_peers_and_family_are_no_danger(text: str) -> None:
    assert "abuse_danger" not in _kinds(text)
