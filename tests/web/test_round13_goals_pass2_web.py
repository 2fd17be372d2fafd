"""Round 13, the web coach after the re-test of the goals (tester t7): an ending told at "What
happened?" goes on to its check instead of asking the question again and again; the page that
reviews a limit says what the terminal says of it (no "Nothing to change" beside a note the
terminal shows alone); and a no to "Continue now anyway?" in the JSON API says when the session
continues. The terminal's side is in tests/coach/test_round13_goals_pass2.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import PROMPTS
from mendkit.coach.goal_flow import NOTHING_TO_CHANGE, review_lines
from mendkit.coach.machine import State
from test_round10_coach_joined import Walk, plain

TO_OPENNESS = [{"skip": "1"}, {"skip": "1"}, {"level": "3"}, {"skip": "1"}]


def _answer(walk: Walk, steps: list[dict[str, str]]) -> None:
    """Each answer, and a plain no where the model's misreading asks whether they are safe."""
    for step in steps:
        walk.answer(step)
        if walk.session.state is State.CONFIRM_RISK:
            walk.answer({"answer": "no"})


def test_an_ending_told_at_what_happened_is_no_loop(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    what = "I'm done, I'm ending things with Kai this weekend."
    _answer(walk, [{"answer": "yes"}, {"answer": "Kai"}, {"answer": "partner"}, {"answer": what}])
    assert walk.session.answers.get("recognise_what") == what
    _answer(walk, TO_OPENNESS)
    assert walk.session.state is State.OPENNESS
    assert "end things with Kai" in plain(walk.html)


def test_a_change_of_mind_is_asked_about_once_then_the_answer_is_taken(
    client: TestClient, home: Path
) -> None:
    walk = Walk(client, home)
    _answer(walk, [{"answer": "yes"}, {"answer": "Kai"}, {"answer": "partner"}])
    change = "forget it, I don't want to fix anything"
    _answer(walk, [{"answer": change}])
    assert walk.session.state is State.RECOGNISE_WHAT
    _answer(walk, [{"answer": change}])
    assert walk.session.state is not State.RECOGNISE_WHAT


def test_the_limit_review_page_says_what_the_terminal_says(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    _answer(
        walk,
        [
            {"answer": "yes"},
            {"answer": "Mum"},
            {"answer": "family"},
            {"answer": "Mum rings me late every night."},
            *TO_OPENNESS,
            {"answer": "limit"},
            {"answer": "Please don't ring me after ten at night."},
            {"answer": "I'll put my phone on silent"},
            {"skip": "1"},
            {"skip": "1"},
        ],
    )
    assert walk.session.state is State.MESSAGE_DRAFT
    _answer(walk, [{"answer": ""}])  # the draft as offered
    assert walk.session.state is State.MESSAGE_REVIEW
    draft = str(walk.session.answers["message_draft"])
    lines = review_lines(draft, "boundary")
    words = plain(walk.html)
    for line in lines:
        assert line in words
    assert (NOTHING_TO_CHANGE["boundary"] in words) == (NOTHING_TO_CHANGE["boundary"] in lines)


def test_a_no_to_continue_now_says_when_it_continues(client: TestClient) -> None:
    r = client.post("/api/coach", json={}).json()
    sid = r["id"]
    answers = [
        "yes",
        "Ari",
        "partner",
        "I snapped at Ari about the dishes.",
        "skip",
        "",
        "3",
        "skip",
        "yes",
        "I snapped at you",
        "skip",
        "tell me when you're tired",
        "",
        "keep",
        "annoyed",
        "hurt",
        "to feel close",
        "",
        "count to ten",
        "3",
    ]
    for answer in answers:
        if r.get("state") == "confirm_risk":
            r = client.post(f"/api/coach/{sid}", json={"answer": "no", "position": r["position"]}).json()
        r = client.post(f"/api/coach/{sid}", json={"answer": answer, "position": r["position"]}).json()
    assert r["state"] == State.AWAITING_FOLLOW_UP.value
    r = client.post(f"/api/coach/{sid}", json={"answer": "no", "position": r["position"]}).json()
    assert r["state"] == State.AWAITING_FOLLOW_UP.value
    said = " ".join(r.get("said") or [])
    assert "continues" in said, r
    assert PROMPTS[State.RECOGNISE_WHAT] not in said
