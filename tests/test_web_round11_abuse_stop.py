"""Round 11 (second pass), the web coach: a hedged reply to the risk check ("not really") stops,
and an abuse stop speaks of danger from someone else, with the abuse line before the crisis
lines, on the one-person page and in two-person mode."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.analysis.safety import crisis_message, resources_for
from mendkit.coach.machine import State
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import Walk, plain

# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
ABUSE_WORDS = crisis_message(["abuse_danger"])
SUICIDE_WORDS = crisis_message(["suicide"])
# The entry right after the emergency number when someone else is the danger (by its name: its
# contact holds links, which plain() spaces out).
ABUSE_LINE = resources_for("default", ["abuse_danger"])[1].name


def _walk(client: TestClient, home: Path, answers: list[str]) -> tuple[State, str]:
    walk = Walk(client, home)
    for text in answers:
        walk.answer({"answer": text})
    return SessionStore(home).load(walk.id).state, walk.html


def test_a_hedged_reply_to_the_check_stops_on_the_web(client: TestClient, home: Path) -> None:
    state, _ = _walk(client, home, ["yes", "Sam", "partner", SOCKS, "not really"])
    assert state is State.STOPPED_CRISIS


def test_harm_from_the_other_person_stops_with_abuse_words_and_line(
        client: TestClient, home: Path) -> None:
    state, html = _walk(client, home, ["yes", "Sam", "partner",
                                       "gf keeps slapping me when she's drunk"])
    words = plain(html)
    assert state is State.STOPPED_UNSAFE
    assert ABUSE_WORDS in words and SUICIDE_WORDS not in words
    assert ABUSE_LINE in words


def test_two_person_abuse_stop_uses_abuse_words_and_order(tmp_path: Path) -> None:
    from test_round9_pair import _answer, _join, _say_safe, _start

    app = create_app(Settings(home=tmp_path / "home"))
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana").headers["location"].rsplit("/", 1)[1]
    assert _join(sam, code, "Sam").status_code == 303
    _say_safe(dana, code)
    _say_safe(sam, code)
    _answer(dana, code, "he chokes me when we argue", "no")
    words = plain(dana.get(f"/coach/pair/{code}").text)
    assert ABUSE_WORDS in words and SUICIDE_WORDS not in words
    # the general crisis line (the person's own thoughts) comes after the abuse line
    assert words.index(ABUSE_LINE) < words.index("A crisis line where you live")
