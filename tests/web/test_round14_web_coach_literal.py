"""Round 14, the web coach for people who read literally (tester t3): the break form takes a
length or a time to come back (under a day) and says why it refused one; grounding in sensory
overload offers less input first and makes hearing optional; the draft page says which sentence
Mend added; "I don't know" at "what was your part?" gets an example, as in the terminal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from test_round10_coach_joined import Walk, plain

NOW = datetime(2026, 11, 27, 18, 0)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    app.state.coach_clock = lambda: NOW
    return TestClient(app)

TO_REGULATE = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "We argued about the vet."}, {"skip": "1"}, {"skip": "1"}]


def test_the_break_form_takes_a_time_to_come_back(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE)
    page = walk.answer({"level": "9"})
    assert 'name="answer"' in page and 'type="number"' not in page
    assert "tomorrow morning" in plain(page) and "under a day" in plain(page)
    text = plain(walk.answer({"answer": "2 days"}))
    assert "A break is under a day" in text and "latest you can come back" in text
    text = plain(walk.answer({"answer": "tomorrow morning"}))
    assert 'I took "tomorrow morning" as 09:00 tomorrow.' in text
    assert str(walk.answers["regulate_break"]).startswith("2026-11-28T09:00")


def test_grounding_in_overload_offers_less_input(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE)
    page = plain(walk.answer({"numb": "1", "answer": "everything is too loud"}))
    assert "ear defenders" in page and "quieter place" in page
    assert "things you can hear (optional" in page
    assert "come back to the room" not in page


def test_the_draft_page_names_the_sentence_mend_added(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk([*TO_REGULATE, {"level": "3"}, {"skip": "1"}, {"answer": "yes"}])
    text = plain(walk.answer({"answer": "I don't know"}))
    assert '"I raised my voice"' in text
    walk.walk([{"answer": "I forgot to book the vet"}, {"skip": "1"}])
    text = plain(walk.answer({"skip": "1"}))
    assert 'I added "I understand why you were upset."' in text
