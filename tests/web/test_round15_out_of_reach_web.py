"""Round 15, the web coach when the other person is out of reach (tester t1, problems 3, 6, 11 and
13), through the JSON API and the pages: the tester's own phrase starts the no-contact check and
"no contact" answers it yes, a new account is named once, the internal path asks for the person's
part, and a grief letter ends with bereavement support rather than the crisis list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import PROMPTS
from mendkit.coach.machine import State
from mendkit.coach.persisting import NOTE
from test_round10_coach_joined import Walk, plain

CALM = ["", "", "3", "skip"]  # nothing noticed, no messages, calm, no breathing


def _api(client: TestClient, answers: list[str]) -> list[dict[str, Any]]:
    first = client.post("/api/coach", json={}).json()
    replies = []
    for answer in answers:
        reply = client.post(f"/api/coach/{first['id']}", json={"answer": answer}).json()
        replies.append(reply)
        if reply["state"] == "confirm_risk":  # the model's misreading: a plain no goes on
            replies.append(client.post(f"/api/coach/{first['id']}", json={"answer": "no"}).json())
    return replies


def test_the_api_checks_the_testers_phrase_and_takes_no_contact_as_yes(
        client: TestClient) -> None:
    replies = _api(client, ["yes", "my ex Jordan", "partner", "Jordan ended it in May and said "
                            "please do not contact me again. I want to send one last message.",
                            *CALM, "no contact"])
    asked = replies[-2]["question"]
    assert "asked you not to contact" in asked and "Is that right?" in asked
    last = replies[-1]
    assert last["state"] == "letter_offer"
    assert any("Then respecting Jordan's request" in s for s in last["said"])


def test_the_api_names_a_new_account_once(client: TestClient) -> None:
    replies = _api(client, ["yes", "Tom", "friend", "Tom blocked me after the pub. I am going "
                            "to make a new account so I can apologise.", *CALM, "yes", "yes",
                            "I made a new account because I need you to hear this. I was "
                            "cruel.", "", ""])
    said = [line for reply in replies for line in reply.get("said") or ()]
    assert said.count(NOTE) == 1
    assert "new account" not in str(replies[-1].get("said"))  # the letter leaves it out


def test_the_page_shows_the_note_and_asks_for_the_persons_part(client: TestClient,
                                                               home: Path) -> None:
    walk = Walk(client, home)
    walk.walk([{"answer": "yes"}, {"answer": "Maya (she/her)"}, {"answer": "partner"},
               {"answer": "Maya blocked me. I will keep messaging her until she answers."}])
    assert NOTE in plain(walk.html)
    walk = Walk(client, home)
    walk.walk([{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "We fought about money and Sam asked for a week of space."},
               {"skip": "1"}, {"skip": "1"}, {"level": "3"}, {"skip": "1"},
               {"answer": "no"}, {"answer": "hurt"}])
    assert walk.session.state is State.INTERNAL_PART
    assert PROMPTS[State.INTERNAL_PART].removesuffix(" You can skip this.") in plain(walk.html)
    walk.walk([{"answer": "I called him selfish."}])
    assert walk.session.state is State.INTERNAL_BOUNDARY
    assert "pausing before you say something you regret" in plain(walk.html)


def test_the_grief_page_ends_with_bereavement_support(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk([{"answer": "yes"}, {"answer": "Grandad"}, {"answer": "family"},
               {"answer": "Grandad passed away last month."},
               {"answer": "yes"},  # the death check comes first (round 19)
               {"answer": "I want you to know how much you taught me."}, {"skip": "1"},
               {"skip": "1"}, {"answer": ""}])
    assert walk.session.state is State.DONE
    words = plain(walk.html)
    assert "bereavement service" in words and "GP" in words
    assert "Domestic" not in words and "1800RESPECT" not in words
