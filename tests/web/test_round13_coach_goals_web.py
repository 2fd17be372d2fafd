"""Round 13, the web coach and its JSON API when repair is not the goal: the same paths as the
terminal (tests/coach/test_round13_coach_goals.py). The openness page offers the four goals as
buttons and checks a goal the story reads as with yes or no; each goal's pages ask its own
questions, show its draft and the critic's view without a request asked of it, and end without a
follow-up; the API asks and says the same as the terminal."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import PROMPTS
from mendkit.coach.machine import State
from mendkit.critic import MISSING_NOTE
from test_round10_coach_joined import Walk, plain

REPAIR_ONLY = re.compile(r"Can we talk|I understand why you were upset|I hear your concerns"
                         r"|Could you|another chance", re.IGNORECASE)
# Safe, who, context, what happened: the story; then no noticing, no messages, calm, no breathing.
TO_OPENNESS = [{"skip": "1"}, {"skip": "1"}, {"level": "3"}, {"skip": "1"}]


def _walk(client: TestClient, home: Path, who: str, context: str, what: str, *,
          death: bool = False) -> Walk:
    walk = Walk(client, home)
    # Round 19: a story that tells of a death is checked straight after it, so nothing comes
    # between the story and that question.
    _answer(walk, [{"answer": "yes"}, {"answer": who}, {"answer": context}, {"answer": what},
                   *([] if death else TO_OPENNESS)])
    return walk


def _answer(walk: Walk, steps: list[dict[str, str]]) -> None:
    """Each answer, and a plain no where the model's misreading asks whether they are safe (the
    coach then takes the answer as given)."""
    for step in steps:
        walk.answer(step)
        if walk.session.state is State.CONFIRM_RISK:
            walk.answer({"answer": "no"})


def test_the_openness_page_offers_the_goals_and_an_ending_has_its_own_pages(
        client: TestClient, home: Path) -> None:
    walk = _walk(client, home, "Jordan (he/him)", "partner",
                 "We've been together three years and nothing bad happened.")
    assert walk.session.state is State.OPENNESS
    for label in ("They have died", "They asked for no contact", "I'm ending the relationship",
                  "I want to set a limit"):
        assert label in walk.html
    walk.answer({"answer": "ending"})
    assert walk.session.state is State.ENDING_DECISION
    words = plain(walk.html)
    assert "A kind ending is short and clear" in words and "Your decision" in words
    _answer(walk, [{"answer": "I want to end our relationship."}, {"answer": "I've realised I "
                   "want different things."}, {"skip": "1"}, {"answer": "space for a while"}])
    assert walk.session.state is State.MESSAGE_DRAFT
    draft = html_lib.unescape(
        walk.html.split('<textarea id="answer" name="answer" rows="7">')[1].split("<")[0])
    assert draft.startswith("I've decided to end our relationship.")
    assert "I'd like space for a while." in draft and not REPAIR_ONLY.search(draft)
    walk.answer({"answer": draft})
    assert walk.session.state is State.MESSAGE_REVIEW
    words = plain(walk.html)
    assert MISSING_NOTE not in words and "Repair quality" not in words
    walk.answer({"answer": "keep"})
    assert walk.session.state is State.DONE
    words = plain(walk.html)
    assert "Your message" in words and "I've decided to end our relationship." in words
    assert "Ending something kindly is hard." in words
    assert "Repair is a practice" not in words and "how it went" not in words


def test_a_death_in_the_story_is_checked_on_the_page_and_a_letter_is_kept(
        client: TestClient, home: Path) -> None:
    walk = _walk(client, home, "Dad", "family", "My dad died two months ago and I never said "
                 "sorry for missing his birthday.", death=True)
    words = plain(walk.html)
    assert "It sounds like Dad has died." in words and "Is that right?" in words
    assert "No, something else" in walk.html and "They asked for no contact" not in walk.html
    walk.answer({"answer": "yes"})
    assert walk.session.state is State.LETTER_SAY
    words = plain(walk.html)
    assert "I'm so sorry for your loss." in words
    assert "use the help link to see who you can talk to" in words  # a page's help link
    _answer(walk, [{"answer": "I love you."}, {"answer": "I missed your birthday."},
                   {"skip": "1"}])
    assert walk.session.state is State.LETTER_DRAFT
    assert "Dad, I love you." in walk.html
    walk.answer({"answer": ""})
    assert walk.session.state is State.DONE
    words = plain(walk.html)
    assert "Your letter" in words and "Dad, I love you." in words
    # At the end, bereavement support (round 15: no crisis list, with no sign of crisis).
    assert "bereavement service" in words and "Domestic" not in words
    assert not REPAIR_ONLY.search(str(walk.session.answers["letter_draft"]))


def test_no_to_the_check_gives_the_openness_question_with_the_goals(
        client: TestClient, home: Path) -> None:
    # A death the words do not tie to anyone ("her funeral"): checked, and it is not Sam's.
    # (One the words give to someone else, "Sam's grandad died", is not even checked: see
    # tests/coach/test_round13_goals_pass2.py.)
    walk = _walk(client, home, "Sam", "friend", "After her funeral last month I forgot to "
                 "call Sam.", death=True)
    assert "No, something else" in walk.html
    walk.answer({"answer": "no"})
    assert walk.session.state is State.REGULATE_CHECK  # the 0-10 it went past (round 19)
    _answer(walk, [{"level": "3"}, {"skip": "1"}])
    assert walk.session.state is State.OPENNESS
    assert "They have died" in walk.html and "Not sure" in walk.html
    walk.answer({"answer": "yes"})
    assert walk.session.state is State.RESPONSIBILITY_PART  # the Healing Cycle, as ever


def _api(client: TestClient, answers: list[str]) -> tuple[str, list[dict[str, object]]]:
    sid = str(client.post("/api/coach", json={}).json()["id"])
    steps = [client.post(f"/api/coach/{sid}", json={"answer": a}).json() for a in answers]
    return sid, steps


STORY = ["yes", "Priya", "friend", "I shared something Priya told me in confidence. She asked "
         "me never to contact her again and blocked me.", "skip", "", "3", "skip"]


def test_the_api_checks_no_contact_and_says_respecting_it_is_the_repair(
        client: TestClient) -> None:
    _, steps = _api(client, [*STORY, "yes", "no"])
    check = steps[len(STORY) - 1]
    assert check["state"] == "openness"
    assert "asked you not to contact them" in str(check["question"])
    offer = steps[len(STORY)]
    assert offer["state"] == "letter_offer"
    assert any("part of the repair" in line for line in offer["said"])  # type: ignore[union-attr]
    assert offer["question"] == PROMPTS[State.LETTER_OFFER]
    end = steps[-1]
    assert end["state"] == "done" and end["done"] is True
    said = " ".join(end["said"])  # type: ignore[arg-type]
    assert "distance they asked for" in said and "how it went" not in said


def test_the_api_writes_a_limit_and_its_check_asks_no_request(client: TestClient) -> None:
    story = ["yes", "my mum", "family", "At every family dinner my mum comments on my weight.",
             "skip", "", "3", "skip"]
    _, steps = _api(client, [*story, "limit", "Stop commenting on my body.", "I'll leave the "
                             "table.", "skip", "skip", ""])
    assert steps[len(story)]["state"] == "boundary_limit"
    review = steps[-1]
    assert review["state"] == "message_review"
    said = " ".join(review["said"])  # type: ignore[arg-type]
    assert MISSING_NOTE not in said and "Repair quality" not in said
    assert review["question"] == PROMPTS[State.MESSAGE_REVIEW]
    sid = str(client.post("/api/coach", json={}).json()["id"])
    assert sid  # a new session starts as ever
