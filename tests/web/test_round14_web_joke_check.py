"""Round 14, the risk check on the web for a rule's sign said as a joke ("kms lol i forgot my pe
kit again"): the page asks the check question, with where help is, instead of ending the session;
a clear no goes on. A sign in earnest still stops the page at once."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.machine import State
from test_round10_coach_joined import plain
from test_web_round11_confirm_risk import Walk

JOKE = "kms lol i forgot my pe kit again and mr price made me sit out"


def _walk(client: TestClient, home: Path, story: str) -> Walk:
    walk = Walk(client, home)
    for text in ("yes", "mr price", "work", story):
        walk.say(text)
    return walk


def test_the_joke_is_asked_about_with_where_help_is(client: TestClient, home: Path) -> None:
    walk = _walk(client, home, JOKE)
    assert walk.state is State.CONFIRM_RISK
    words = plain(walk.html)
    assert RISK_QUESTION in words and PROMPTS[State.STOPPED_CRISIS] not in words
    assert "If you need someone now" in words
    after = plain(walk.say("no"))
    assert walk.state is State.RECOGNISE_NOTICED and "What did you notice" in after


def test_a_sign_in_earnest_stops_the_page_at_once(client: TestClient, home: Path) -> None:
    walk = _walk(client, home, "kms fr not joking")
    assert walk.state is State.STOPPED_CRISIS
    assert RISK_QUESTION not in plain(walk.html)
