"""Round 10 of the coach: what it says matches what it does (the break's time, the breathing
pacer, the review's notes), the message keeps what the later steps found, the faux-feeling
rewrites name real feelings, and two-person mode says it is not therapy once per session."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from coach.test_driver import UP_TO_CHECK, Script
from mendkit import check
from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.content import NOT_THERAPY, PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0, 40)  # part way through a minute

# Bug 8: the person wrote their own draft, then took the critic's rewrite of it.
OWN_DRAFT = ["", "yes", "Sam", "partner", "we argued about the dishes last night", "", "", "3",
             "skip", "yes", "I yelled", "", "help with the dishes",
             "I'm sorry I yelled, but you never help with the dishes.", "accept", "angry",
             "lonely", "to feel like a team"]
# Bugs 9 and 10: the composer's draft, kept.
COMPOSED = ["", "yes", "Sam", "partner", "Sam said I never help and I walked out",
            "I felt my chest tighten; Sam went quiet", "", "4", "skip", "yes",
            "I walked out and slammed the door", "calling Sam lazy",
            "tell me when something bothers you before it builds up", "", "accept", "angry",
            "hurt", "to feel like a team", "", "I will stay in the room and ask for a break", "3"]


def test_a_twenty_minute_break_counts_down_from_twenty(tmp_path: Path) -> None:
    script = Script([*UP_TO_CHECK, "9", "20", "yes"])
    run(start("b1"), script, SessionStore(tmp_path), now=lambda: NOW)
    counts = [s for s in script.said if s.endswith(("minutes left.", "minute left."))]
    assert counts[0].startswith("20 minutes left.")
    assert counts[-1].startswith("1 minute left.")
    # Said at 20, 10, 5 and 1 minutes, not each minute (round 14: no line said 20 times).
    assert counts == ["20 minutes left.", "10 minutes left.", "5 minutes left.",
                      "1 minute left."]
    # It still lasts until the return time it set (18:21, rounded up from 18:20:40).
    assert script.waited == pytest.approx(20 * 60 + 20)


def test_a_break_taken_away_says_when_to_come_back(tmp_path: Path) -> None:
    script = Script([*UP_TO_CHECK, "9", "20", "no"])
    paused = run(start("b2"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert paused.state is State.ON_BREAK
    last = script.said[-1]
    assert last.startswith("Take your break until 18:21.")
    assert "mend coach --resume" in last


def test_the_breathing_words_match_the_pacer_four_in_six_out() -> None:
    words = PROMPTS[State.REGULATE_BREATHING]
    assert "even" not in words
    assert "longer breath out" in words


def test_the_feeling_and_need_are_offered_for_the_persons_own_draft(tmp_path: Path) -> None:
    script = Script([*OWN_DRAFT, "add"])
    session = run(start("o1"), script, SessionStore(tmp_path), now=lambda: NOW)
    offer = [s for s in script.said if "I feel lonely, and I need to feel like a team." in s]
    assert offer, script.said
    assert "not added" in offer[0] or "add" in offer[0]
    message = str(session.answers["rebuild_message"])
    assert message.startswith("I'm sorry I yelled")
    assert message.endswith("I feel lonely, and I need to feel like a team.")


def test_pressing_enter_keeps_the_own_draft_as_it_is(tmp_path: Path) -> None:
    script = Script([*OWN_DRAFT, ""])
    session = run(start("o2"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert "lonely" not in str(session.answers["rebuild_message"])


def test_the_message_offers_repair_with_the_persons_commitment(tmp_path: Path) -> None:
    script = Script(COMPOSED)
    session = run(start("c1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.AWAITING_FOLLOW_UP
    message = str(session.answers["rebuild_message"])
    assert "Next time, I will stay in the room and ask for a break." in message
    assert "I feel hurt" in message
    assert any("Next time, I will stay in the room" in s and s != message
               for s in script.said[:-1]) or message in script.said


def test_the_review_does_not_miss_what_comes_next_or_what_the_draft_has(tmp_path: Path) -> None:
    script = Script(COMPOSED[:15])
    run(start("r1"), script, SessionStore(tmp_path), now=lambda: NOW)
    missing = [s for s in script.said if s.startswith("Not there yet")]
    assert not any("feeling" in s or "request" in s for s in missing), missing


@pytest.mark.parametrize(("text", "evaluation"), [
    ("I feel taken for granted when you cancel plans.", "unvalued"),
    ("I feel controlled when you check my phone.", "boxed in"),
    ("I feel belittled when you correct me in front of your friends.", "small"),
])
def test_faux_feeling_rewrites_name_a_real_feeling(text: str, evaluation: str) -> None:
    suggestions = [i.suggestion for i in check(text).issues if i.kind == "blaming_feeling"]
    assert suggestions
    assert not any(re.search(rf"\bI feel {evaluation}\b", s) for s in suggestions), suggestions


def test_two_person_mode_says_it_is_not_therapy_once_per_session(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "p1.json"
    first.write_text(json.dumps(["Dana", "yes", "I felt scared and small", "yes"]), encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(first)]) == 0
    assert capsys.readouterr().out.count(NOT_THERAPY) == 1
    again = tmp_path / "p2.json"
    again.write_text(json.dumps(["yes", "It looked like he ignored me", "yes"]), encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(again)]) == 0
    out = capsys.readouterr().out
    assert "Carrying on with Dana's answers" in out
    assert NOT_THERAPY not in out
