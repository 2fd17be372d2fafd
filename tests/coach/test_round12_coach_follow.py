"""Round 12, coach follow-ups: an ended session that stopped for thoughts of hurting someone says
how to step away when it is opened again; signs in the other person's pasted messages are theirs
when the name was given with pronouns ("Sam, she"); the draft step says which words it kept as
written because it could not tell who a pronoun means, and why it left a part out (a threat, danger
from them, words that hurt); a wish in the past ("I'd like it if she called first") is asked in
the present ("Could you call first?"); the README says the name may carry pronouns."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.cli.main import main
from mendkit.coach import State, driver
from mendkit.coach.composer import DraftParts, compose, left_out_notes, pronoun_notes
from mendkit.coach.content import HARM_TO_OTHERS_STOP, PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 21, 0)
PUNCH = "i swear im going to punch him when he gets home"
# Welcome, safe, who, context, what happened, noticed: then the messages.
TO_MESSAGES = ["", "yes", "Sam, she", "partner", "We argued about money.", ""]
CALM = ["", "5", "skip", "yes"]  # no messages, calm, no breathing, open to talking


def _go(tmp_path: Path, answers: list[str]) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r12follow"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode="rules")
    return session, script


def _file(tmp_path: Path, answers: list[str]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


# ---- 1: an ended session that stopped for a threat says how to step away, when opened again ----

def test_resuming_a_session_stopped_for_a_threat_says_how_to_step_away(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _file(tmp_path, ["", "yes", "Dan", "partner", PUNCH])]) == 0
    first = capsys.readouterr().out
    assert HARM_TO_OTHERS_STOP[1] in first
    session_id = re.search(r"Session (\w+)", first)
    assert session_id
    assert main(["coach", "--resume", session_id.group(1)]) == 0
    again = capsys.readouterr().out
    assert "This session has already ended" in again
    assert HARM_TO_OTHERS_STOP[1] in again  # step away, put distance between you, call someone
    assert "If you need someone now:" in again


def test_resuming_an_ordinary_crisis_stop_keeps_its_own_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "Dan", "partner", "I want to kill myself"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    session_id = re.search(r"Session (\w+)", capsys.readouterr().out)
    assert session_id
    assert main(["coach", "--resume", session_id.group(1)]) == 0
    again = capsys.readouterr().out
    assert PROMPTS[State.STOPPED_CRISIS] in again
    assert HARM_TO_OTHERS_STOP[1] not in again


# ---- 4: the other person's signs are about them when their name came with pronouns ----

@pytest.mark.parametrize("who", ["Sam, she", "Sam, she/her", "Sam (she/her)", "Sam"])
def test_signs_in_their_pasted_messages_are_about_them_whatever_follows_the_name(
        tmp_path: Path, who: str) -> None:
    pasted = "Sam: If you leave me I'll kill myself\nMe: Please don't say that."
    answers = ["", "yes", who, "partner", "We argued about money.", "", pasted]
    session, script = _go(tmp_path, answers)
    assert session.state is State.STOPPED_CRISIS
    assert driver.at_risk(session) == "Sam"
    assert "Something in these messages suggests Sam may not be safe." in "\n".join(script.said)


# ---- 6: the draft step says which words it kept as written, and why parts were left out ----

def test_the_composer_names_a_pronoun_it_could_not_tell() -> None:
    parts = DraftParts(other="Jo", situation="Jo's boss criticised her in the meeting",
                       my_part="I yelled at her")
    draft = compose(parts)
    assert "I yelled at her" in draft  # kept: "her" may be the boss
    (note,) = pronoun_notes(parts)
    assert "I couldn't tell whether \"her\" means Jo" in note
    assert "\"I yelled at her\"" in note and "as you wrote" in note


def test_no_pronoun_note_when_every_pronoun_is_clear() -> None:
    parts = DraftParts(other="Sam, she", situation="Sam forgot to call",
                       my_part="I yelled at her")
    assert "I'm sorry that I yelled at you." in compose(parts)
    assert pronoun_notes(parts) == ()


def test_a_name_given_as_my_mum_is_said_as_your_mum_in_the_note() -> None:
    parts = DraftParts(other="my mum", context="family",
                       situation="My sister came round and my mum was cross",
                       my_part="I ignored her")
    notes = pronoun_notes(parts)
    assert notes and "means your mum" in notes[0], notes


def test_the_draft_step_says_the_words_kept_as_written(tmp_path: Path) -> None:
    answers = ["", "yes", "Jo", "partner", "Jo's boss criticised her in the meeting", *CALM,
               "I yelled at her", "", "talk to me when you're upset"]
    session, script = _go(tmp_path, answers)
    assert session.state is State.RESPONSIBILITY_DRAFT
    notes = [s for s in script.said if s.startswith("I couldn't tell whether")]
    assert len(notes) == 1 and "\"her\" means Jo" in notes[0]
    # Said with the draft, before the question that lets them write their own.
    assert script.said.index(notes[0]) < script.said.index(PROMPTS[State.RESPONSIBILITY_DRAFT])


def test_the_later_steps_say_the_words_they_kept_as_written(tmp_path: Path) -> None:
    answers = ["", "yes", "Jo", "partner", "Jo's boss criticised her in the meeting", *CALM,
               "I yelled at Jo", "", "talk to me when you're upset", "", "keep", "angry", "hurt",
               "her to listen when I am upset", "", "I'll ask her how the meeting went first",
               "3"]
    session, script = _go(tmp_path, answers)
    assert session.state is State.AWAITING_FOLLOW_UP
    notes = [s for s in script.said if s.startswith("I couldn't tell whether")]
    assert len(notes) == 2, notes
    need, commitment = notes
    assert "\"her to listen when I am upset\"" in need
    assert script.said.index(need) < script.said.index(PROMPTS[State.REBUILD_MESSAGE])
    assert "\"I'll ask her how the meeting went first\"" in commitment
    assert "ask her how the meeting went first" in str(session.answers["rebuild_message"])


def test_a_threat_left_out_of_the_draft_is_named_as_a_threat(tmp_path: Path) -> None:
    parts = DraftParts(other="Dan", situation="we argued about the phone at dinner",
                       my_part="I snapped at Dan",
                       request="put the phone away or I'll throw it out the window")
    (line,) = left_out_notes(parts)
    assert line.startswith("I left out what you asked of them")
    assert "hurting someone or their things" in line and "could hurt" not in line
    answers = ["", "yes", "Dan", "partner", "we argued about the phone at dinner", *CALM,
               "I snapped at Dan", "", "put the phone away or I'll throw it out the window"]
    session, script = _go(tmp_path, answers)
    assert session.state is State.RESPONSIBILITY_DRAFT
    told = [s for s in script.said if s.startswith("I left out")]
    assert told == [line]


def test_an_insult_left_out_of_the_draft_still_says_it_could_hurt() -> None:
    parts = DraftParts(other="Sam", situation="the dishes", request="stop being a bitch")
    (line,) = left_out_notes(parts)
    assert line.startswith("I left out what you asked of them") and "could hurt" in line
    assert "your own words" in line
    assert left_out_notes(DraftParts(other="Sam", situation="the dishes",
                                     request="do the dishes tonight")) == ()


# ---- 7: a wish in the past is asked in the present ----

@pytest.mark.parametrize(("request_", "asked"), [
    ("I'd like it if she called first", "Could you call first?"),
    ("I'd like it if you called first", "Could you call first?"),
    ("I'd prefer it if you didn't shout", "Could you not shout?"),
    ("I wish you were on time", "Could you be on time?"),
    ("I'd like it if you stopped yelling at me", "Could you stop yelling at me?"),
    ("I'd like it if you told me first", "Could you tell me first?"),
    ("I'd love it if you noticed when I'm tired", "Could you notice when I'm tired?"),
    ("I'd like it if you included me", "Could you include me?"),
    ("I'd like it if you listened", "Could you listen?"),
    ("I'd like it if you texted when you're late", "Could you text when you're late?"),
    ("I'd like it if you apologised to my mum", "Could you apologise to my mum?"),
    ("I'd like it if you tried to understand", "Could you try to understand?"),
    ("I'd like it if we talked more", "Could we talk more?"),
    ("I'd like it if you call first", "Could you call first?"),
    ("I'd like it if you came home on time", "Could you come home on time?"),
])
def test_a_wish_in_the_past_is_asked_in_the_present(request_: str, asked: str) -> None:
    draft = compose(DraftParts(other="Sam", situation="Sam forgot to call", request=request_))
    assert asked in draft, draft


# ---- 5: the README says the name may carry pronouns ----

def test_the_readme_says_the_name_may_carry_pronouns() -> None:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("### `mend coach`"):text.index("### `mend correct`")]
    assert "Robin (they/them)" in section and "pronoun" in section
