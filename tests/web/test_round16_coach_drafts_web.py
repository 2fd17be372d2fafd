"""Round 16, the coach's drafts on the pages and the JSON API (tester t4 problems 11 and 13, tester t5
problems 8 and 13): the plain word on "just a joke" and the help with "I don't know" are shown,
"not sure" whether they are open gives a choice with two buttons, and the internal path's last
page says back what the person wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach import content
from mendkit.coach.machine import State
from mendkit.web.coach import UNCLEAR_NOTE
from test_round10_coach_joined import Walk, plain

CALM = [{"skip": "1"}, {"skip": "1"}, {"level": "3"}, {"skip": "1"}]


def _start(client: TestClient, home: Path, story: str) -> Walk:
    walk = Walk(client, home)
    walk.walk([{"answer": "yes"}, {"answer": "Leah"}, {"answer": "friend"}, {"answer": story}])
    return walk


def test_the_page_answers_just_a_joke_plainly(client: TestClient, home: Path) -> None:
    walk = _start(client, home, "I made a joke about her dress and she went quiet. I said it "
                                "was just a joke, relax.")
    assert content.IMPACT_NOTE in plain(walk.html)


def test_not_sure_gives_a_choice_and_the_internal_path_ends_with_a_recap(
        client: TestClient, home: Path) -> None:
    walk = _start(client, home, "I forgot Leah's birthday.")
    walk.walk([*CALM, {"answer": "not sure"}])
    words = plain(walk.html)
    assert walk.session.state is State.OPENNESS
    assert content.OPENNESS_NOT_SURE in words and content.OPENNESS_CHOICE_PAGE in words
    assert 'value="not now"' not in walk.html  # the two ways on, as two buttons
    assert UNCLEAR_NOTE not in words  # a reason of its own, not "did not fit"
    walk.walk([{"answer": "no"}])
    assert walk.session.state is State.INTERNAL_FEELINGS
    walk.walk([{"answer": "I don't know"}])
    assert walk.session.state is State.INTERNAL_FEELINGS  # asked once more, with help
    assert content.FEELINGS_HELP in plain(walk.html) and UNCLEAR_NOTE not in plain(walk.html)
    walk.walk([{"answer": "ashamed. I'm a terrible friend"}])
    assert content.SELF_TALK_NOTE in plain(walk.html)
    walk.walk([{"answer": "I forgot her birthday."}, {"skip": "1"},
               {"answer": "I'm sorry I forgot, can I take you out this week?"}])
    assert walk.session.state is State.DONE
    words = plain(walk.html)
    assert content.RECAP_HEADING in words and "What you feel: ashamed." in words
    assert "I forgot her birthday." in words and "terrible" not in words


def test_the_api_says_the_recap_and_the_choice(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    replies: list[dict[str, Any]] = []
    for answer in ["yes", "Sam", "friend", "I forgot Sam's birthday.", "", "", "3", "skip",
                   "not sure", "no", "hurt", "", "", "I need a minute."]:
        replies.append(client.post(f"/api/coach/{first['id']}", json={"answer": answer}).json())
    assert replies[8]["question"].startswith(content.OPENNESS_CHOICE_PAGE)
    assert content.OPENNESS_NOT_SURE in replies[8]["said"]
    assert replies[-1]["done"] and content.RECAP_HEADING in replies[-1]["said"]
