"""Round 14 (tester t6, P4, P5): the web coach's stops for a young person and for someone
worried about a friend, on the page and in the JSON API, as in the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from test_round10_coach_joined import Walk, plain

TYLER = ("tyler is 20 and im 15. he checks my phone every night and got mad when i didnt answer "
         "for an hour")
JESS = ("jess sent me a message saying she doesnt want to be alive anymore and that she has a "
        "plan. she made me promise not to tell anyone")


def _page(client: TestClient, home: Path, who: str, context: str, what: str) -> str:
    walk = Walk(client, home)
    for text in ("yes", who, context, what):
        walk.answer({"answer": text})
    return plain(walk.html)


def test_page_for_a_fifteen_year_old(client: TestClient, home: Path) -> None:
    words = _page(client, home, "tyler", "partner", TYLER)
    assert "An adult in a relationship with a 15-year-old is not okay" in words
    assert "Tell an adult you trust, today if you can: a teacher, a school counsellor" in words
    assert "Keep important documents" not in words


def test_page_for_a_friends_message(client: TestClient, home: Path) -> None:
    words = _page(client, home, "jess", "friend", JESS)
    assert "a secret not to keep" in words
    assert "Helplines for children and young people" in words


def test_api_says_the_same(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    said: list[str] = []
    for answer in ("", "yes", "tyler", "partner", TYLER):
        reply = client.post(f"/api/coach/{first['id']}", json={"answer": answer}).json()
        said.extend(reply.get("said") or [])
    text = " ".join(said)
    assert reply["stopped"]
    assert "15-year-old is not okay" in text
    assert "Keep important documents" not in text
