"""Round 18: the composer says what happened on their side. When the other person went quiet
(silence, distance, no reply) and nothing says they were upset, the draft does not claim "I
understand why you were upset": it names the quiet without guessing at it, and the coach says it
added that sentence. In the terminal and on the web coach alike (one composer)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from mendkit.coach.composer import DraftParts, added_notes, compose

UPSET = "I understand why you were upset."

QUIET = [
    ("We were talking about money and she went quiet.", ""),
    ("I made a joke about his job at dinner.", "He went really quiet and hasn't said much since."),
    ("I forgot our anniversary.", "She's been distant all week."),
    ("I cancelled on Sam again.", "Sam stopped replying to my texts."),
    ("I criticised her cooking in front of her parents. She didn't say a word the rest of the "
     "night.", ""),
]


@pytest.mark.parametrize(("situation", "noticed"), QUIET)
def test_a_silence_is_not_called_an_upset(situation: str, noticed: str) -> None:
    parts = DraftParts(other="Sam", situation=situation, noticed=noticed,
                       my_part="I made that comment")
    draft = compose(parts)
    assert UPSET not in draft, draft
    assert "quiet" in draft or "distance" in draft, draft
    assert any("You did not write this" in n for n in added_notes(parts))


@pytest.mark.parametrize(("situation", "noticed"), [
    ("We argued about money and she cried.", ""),
    ("I made a joke about his job.", "He got angry and then went quiet."),
    ("We argued about the dishes.", ""),
    ("I went quiet and left the room.", ""),  # my silence, not theirs
])
def test_an_upset_or_no_silence_of_theirs_keeps_the_sentence(situation: str, noticed: str) -> None:
    draft = compose(DraftParts(other="Sam", situation=situation, noticed=noticed,
                               my_part="I raised my voice"))
    assert UPSET in draft, draft


def test_at_work_a_silence_is_not_called_concerns() -> None:
    draft = compose(DraftParts(context="work", other="my manager", noticed="She went quiet "
                               "in the meeting.", situation="the budget meeting",
                               my_part="I interrupted you"))
    assert "I understand your position" not in draft and "how you see it" in draft


def test_the_coach_reads_what_was_noticed(tmp_path: Path) -> None:
    from test_round12_coach_follow import Script

    from mendkit.coach import State, content
    from mendkit.coach.driver import run, start
    from mendkit.coach.store import SessionStore

    script = Script(["", "yes", "Sam, she", "partner", "I made a joke about her job at dinner.",
                     "She went quiet for the rest of the evening.", "", "3", "skip", "yes",
                     "I made a joke about your job", "skip", "skip"])
    session = run(start("r18quiet"), script, SessionStore(tmp_path), mode="rules")
    assert session.state is State.RESPONSIBILITY_DRAFT
    at = script.said.index(content.PROMPTS[State.RESPONSIBILITY_DRAFT])
    draft = next(line for line in script.said[:at] if line.startswith("Can we talk"))
    assert UPSET not in draft and "quiet" in draft, draft


def test_the_web_coach_draft_names_the_quiet(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app
    from test_round10_coach_joined import Walk, plain

    home = tmp_path / "home"
    app = create_app(Settings(home=home))
    app.state.coach_clock = lambda: datetime(2026, 12, 7, 18, 0)
    walk = Walk(TestClient(app), home)
    walk.walk([{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "I made a joke about her job at dinner."},
               {"answer": "She went quiet for the rest of the evening."}, {"skip": "1"},
               {"level": "3"}, {"skip": "1"}, {"answer": "yes"},
               {"answer": "I made a joke about your job"}, {"skip": "1"}])
    text = plain(walk.answer({"skip": "1"}))
    assert UPSET not in text and "went quiet" in text, text
