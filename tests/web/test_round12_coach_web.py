"""Round 12, the coach's pages after this round's driver changes: a stop for thoughts of hurting
someone says how to step away on the page too; a step that cannot be skipped, a change of mind and
an empty answer to the risk check are answered with the driver's own words, not "That answer did
not fit"; the draft page says which words were kept as written, and why a part was left out."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach import content
from mendkit.coach.content import HARM_TO_OTHERS_STOP, NOT_SKIPPABLE, RISK_EMPTY
from mendkit.coach.machine import State
from mendkit.web.coach import UNCLEAR_NOTE
from test_round10_coach_joined import plain
from test_web_round11_confirm_risk import SOCKS, Walk

PUNCH = "i swear im going to punch him when he gets home"


def test_the_stop_page_for_a_threat_says_how_to_step_away(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Dan", "partner", PUNCH):
        walk.say(text)
    assert walk.state is State.STOPPED_CRISIS
    words = plain(walk.html)
    assert HARM_TO_OTHERS_STOP[1] in words
    # The same words when the page is opened again later.
    assert HARM_TO_OTHERS_STOP[1] in plain(client.get(walk.url).text)


def test_an_ordinary_crisis_stop_page_keeps_its_words(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Dan", "partner", "I want to kill myself"):
        walk.say(text)
    assert walk.state is State.STOPPED_CRISIS
    words = plain(walk.html)
    assert content.PROMPTS[State.STOPPED_CRISIS] in words
    assert HARM_TO_OTHERS_STOP[1] not in words


def test_skip_at_a_step_that_cannot_be_skipped_says_why(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.say("yes")
    words = plain(walk.say("skip"))
    assert walk.state is State.RECOGNISE_WHO
    assert NOT_SKIPPABLE[State.RECOGNISE_WHO] in words
    assert UNCLEAR_NOTE not in words
    assert 'aria-invalid="true"' in walk.html  # the field is marked, and has focus


def test_a_change_of_mind_is_offered_the_way_out(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Dan", "partner"):
        walk.say(text)
    words = plain(walk.say("forget it, i don't even want to fix this"))
    assert walk.state is State.RECOGNISE_WHAT
    assert content.changed_mind(open_asked=False) in words
    assert UNCLEAR_NOTE not in words
    assert 'aria-invalid="true"' not in walk.html  # nothing wrong with the answer
    assert "recognise_what" not in walk.answers


def test_an_empty_answer_to_the_risk_check_asks_for_one(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Sam", "partner", SOCKS):
        walk.say(text)
    assert walk.state is State.CONFIRM_RISK
    words = plain(walk.say(""))
    assert walk.state is State.CONFIRM_RISK
    assert RISK_EMPTY in words and UNCLEAR_NOTE not in words


TO_KNOW = [{"skip": "1"}, {"skip": "1"}, {"level": "3"}, {"skip": "1"}, {"answer": "yes"}]


def test_the_draft_page_says_which_words_were_kept_as_written(client: TestClient,
                                                              home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Jo", "partner", "Jo's boss criticised her in the meeting"):
        walk.say(text)
    walk.walk(TO_KNOW)
    walk.say("I yelled at her")
    walk.answer({"skip": "1"})
    words = plain(walk.say("talk to me when you're upset"))
    assert walk.state is State.RESPONSIBILITY_DRAFT
    assert "I couldn't tell whether \"her\" means Jo" in words


def test_the_draft_page_names_a_threat_left_out_and_points_to_the_help_link(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Dan", "partner", "we argued about the phone at dinner"):
        walk.say(text)
    walk.walk(TO_KNOW)
    walk.say("I snapped at Dan")
    walk.answer({"skip": "1"})
    words = plain(walk.say("put the phone away or I'll throw it out the window"))
    assert walk.state is State.RESPONSIBILITY_DRAFT
    assert "I left out what you asked of them, because it speaks of hurting someone" in words
    assert "type help" not in words and "help link" in words


def test_skip_at_the_draft_is_answered_as_a_page_says_it(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Dan", "partner", "we argued about the phone at dinner"):
        walk.say(text)
    walk.walk(TO_KNOW)
    walk.say("I snapped at Dan")
    walk.answer({"skip": "1"})
    walk.say("put the phone away at dinner")
    words = plain(walk.say("skip"))
    assert walk.state is State.RESPONSIBILITY_DRAFT
    assert "This one can't be skipped: use the draft as it is, or change it." in words
    assert "press Enter" not in words and UNCLEAR_NOTE not in words
