"""Round 10, re-run C: the coach after this round's fixes.

N2: the browser's "Add it" adds to what the message box holds now, never dropping an edit.
N3: a plain-English yes with more English words is a yes (strictly at the safety question), and
"Continue now anyway?" / "Wait here with a timer?" ask again when a reply is not understood.
N4: `add` with nothing to add is never saved as the message; a working add shows the message.
N5: "as you wrote it" is not said of Mend's rewrite.
N6: a break's return time is said once, without today's date.
N7: two-person mode: an answer before the safety question gets "First, the safety question",
and a reply Mend cannot read at the safety question gets the note and the resources.
N8: "help please", "I need help", "help now" show the resources.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER
from mendkit.cli.main import main
from mendkit.coach.machine import State
from mendkit.coach.pair import QUESTIONS, SAFETY_QUESTION
from mendkit.coach.replies import is_help, yes_or_no
from mendkit.coach.store import PairStore


def _file(tmp_path: Path, answers: list[str]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _saved(home: Path) -> dict[str, object]:
    (path,) = (home / "coach" / "sessions").glob("*.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["answers"])


TO_REVIEW = ["", "yes", "Sam", "partner", "we argued about the dishes last night", "", "", "3",
             "skip", "yes", "I yelled", "", "help with the dishes"]


# ---- N8: "help" with a few filler words is help ----

@pytest.mark.parametrize("text", ["help please", "I need help", "help now", "Please help!",
                                  "i need help now", "HELP ME PLEASE"])
def test_help_with_filler_words_is_help(text: str) -> None:
    assert is_help(text)


@pytest.mark.parametrize("text", ["Sam helped me", "Sam needs help with the dishes",
                                  "help with the dishes", "Helen"])
def test_answers_that_mention_help_are_not_help(text: str) -> None:
    assert not is_help(text)


def test_help_please_at_who_shows_the_resources_and_is_not_the_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _file(tmp_path, ["", "yes", "help please", "Sam"])]) == 0
    out = capsys.readouterr().out
    assert "If you need someone now:" in out
    assert _saved(tmp_path / "mend-home")["recognise_who"] == "Sam"


# ---- N3: a plain-English yes with more English words ----

@pytest.mark.parametrize("text", ["yes I'm safe at home", "yes, he is at work", "yes he left",
                                  "Yes, I am safe, he is out"])
def test_an_english_yes_with_english_words_is_yes_at_the_safety_question(text: str) -> None:
    assert yes_or_no(text, safety=True) == "yes"


@pytest.mark.parametrize("text", ["tengo miedo y él está en casa", "yes tengo miedo",
                                  "ya se fue", "oui y il est là", "y he is here",
                                  "yes but I'm nervous"])
def test_the_safety_question_stays_strict(text: str) -> None:
    assert yes_or_no(text, safety=True) is None


@pytest.mark.parametrize("text", ["yes but I'm nervous", "yes, start the timer", "yes continue",
                                  "yes I want to continue", "sure, let's do it",
                                  "yes they are open to talking", "ok go ahead"])
def test_an_english_yes_with_english_words_is_yes_elsewhere(text: str) -> None:
    assert yes_or_no(text) == "yes"


def test_yes_at_home_passes_the_cli_safety_question(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _file(tmp_path, ["", "yes I'm safe at home", "Sam"])]) == 0
    out = capsys.readouterr().out
    assert "Please answer yes or no" not in out
    assert _saved(tmp_path / "mend-home")["recognise_who"] == "Sam"


def _on_break(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "Jo", "friend", "Jo laughed at me at the party", "", "", "8", "45",
               "no"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    capsys.readouterr()


def test_continue_now_anyway_asks_again_when_not_understood(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _on_break(tmp_path, capsys)
    assert main(["coach", "--resume", "--answers",
                 _file(tmp_path, ["hmm what", "yes but I'm nervous"])]) == 0
    out = capsys.readouterr().out
    assert out.count("Continue now anyway?") == 2
    assert "Please answer yes or no." in out
    (path,) = (tmp_path / "mend-home" / "coach" / "sessions").glob("*.json")
    assert json.loads(path.read_text(encoding="utf-8"))["state"] != State.ON_BREAK.value


def test_wait_here_asks_again_when_not_understood(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "Jo", "friend", "Jo laughed at me at the party", "", "", "8", "45",
               "what timer", "no"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert out.count("Wait here with a timer?") == 2
    assert "Please answer yes or no." in out


# ---- N6: the break's return time, once ----

def test_the_return_time_is_said_once_on_resume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _on_break(tmp_path, capsys)
    assert main(["coach", "--resume", "--answers", _file(tmp_path, ["no"])]) == 0
    out = capsys.readouterr().out
    times = re.findall(r"\b\d\d:\d\d\b", out)
    assert len(times) == 1, out
    today = datetime.now().astimezone()
    if (today + timedelta(minutes=46)).date() == today.date():
        assert f"{today:%d %b}" not in out


# ---- N4 / N5: "add" and the message ----

def test_add_with_nothing_to_add_is_never_saved_as_the_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_REVIEW, "", "keep", "angry", "lonely", "to feel like a team", "add", "",
               "I will take a breath before I answer", "3"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "There is nothing new to add" in out
    message = str(_saved(tmp_path / "mend-home")["rebuild_message"])
    assert message != "add" and "lonely" in message and "Next time, I will" in message


def test_a_working_add_shows_the_new_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = "I'm sorry I yelled at you about the dishes."
    answers = [*TO_REVIEW, own, "keep", "angry", "lonely", "to feel like a team", "add",
               "I will take a breath before I answer", "3"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    message = str(_saved(tmp_path / "mend-home")["rebuild_message"])
    assert message.startswith(own) and "I feel lonely" in message
    after_add = out.split("One thing you will do differently next time?")[0]
    assert after_add.rstrip().endswith(message) or f"\n{message}\n" in after_add


def test_accepting_the_rewrite_is_not_called_as_you_wrote_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_REVIEW, "I'm sorry I yelled, but you never help with the dishes.", "accept",
               "angry", "lonely", "to feel like a team", "", "", "3"]
    assert main(["coach", "--answers", _file(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "Suggested rewrite:" in out
    assert "as you wrote it" not in out


# ---- N7 (b): the CLI two-person safety question and a reply Mend cannot read ----

def test_cli_pair_safety_question_hears_an_unreadable_reply_as_the_coach_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "tengo miedo y él está en casa", "no"])]) == 0
    out = capsys.readouterr().out
    assert COACH_UNREADABLE_ANSWER in out
    assert "If you need someone now:" in out
    assert out.count(SAFETY_QUESTION) == 2
    (code,) = [p.name for p in (home / "coach" / "pairs").iterdir()]
    mine = PairStore(home).load(code, "first")
    assert mine is not None and mine.stopped == "unsafe" and mine.answers == {}


# ---- web ----

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from test_round10_coach_joined import Walk, field, plain  # noqa: E402 (one browser walk for both)

WEB_TO_MESSAGE = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
                  {"answer": "we argued about the dishes last night"}, {"skip": "1"},
                  {"skip": "1"}, {"level": "3"}, {"skip": "1"}, {"answer": "yes"},
                  {"answer": "I yelled"}, {"skip": "1"}, {"answer": "help with the dishes"},
                  {"answer": "I'm sorry I yelled at you about the dishes."}, {"answer": "keep"},
                  {"answer": "angry"}, {"answer": "lonely"}, {"answer": "to feel like a team"}]
EDITED = "EDITED: I'm sorry I yelled. I was tired."


def test_web_add_it_keeps_the_edit_in_the_message_box(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for step in WEB_TO_MESSAGE:
        walk.answer(step)
    assert "Add it" in walk.html
    page = plain(walk.answer([("answer", EDITED), ("answer", "add")]))
    # Round 19: an edited message is checked as the draft was, and offered back to keep.
    assert "Mend checked your changed message" in page
    offered = f"{EDITED} I feel lonely, and I need to feel like a team."
    assert offered in page  # the page says what the message now says
    walk.answer([("answer", offered)])
    message = str(walk.answers["rebuild_message"])
    assert message.startswith(EDITED)
    assert "I feel lonely, and I need to feel like a team." in message


def test_web_add_it_with_the_box_unchanged_adds_to_the_draft(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for step in WEB_TO_MESSAGE:
        walk.answer(step)
    walk.answer([("answer", "I'm sorry I yelled at you about the dishes."), ("answer", "add")])
    assert walk.answers["rebuild_message"] == ("I'm sorry I yelled at you about the dishes. "
                                               "I feel lonely, and I need to feel like a team.")


# ---- N7 (a): the web two-person page, an answer before the safety question ----

def test_web_pair_an_answer_before_the_safety_question_is_kept_and_explained(
        client: TestClient, home: Path) -> None:
    page = client.get("/coach/pair").text
    started = client.post("/coach/pair", data={"csrf_token": field(page, "csrf_token"),
                                               "name": "Dana"}, follow_redirects=False)
    code = started.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/coach/pair/{code}").text
    posted = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": QUESTIONS[0][0],
        "answer": "I felt hurt", "share": "yes"})
    shown = plain(posted.text)
    assert "First, the safety question" in shown
    assert "I felt hurt" in shown
    assert "You had already answered" not in shown
    mine = PairStore(home).load(code, "first")
    assert mine is not None and mine.answers == {} and not mine.safe


def test_web_pair_an_unreadable_safety_reply_gets_the_note_and_the_resources(
        client: TestClient, home: Path) -> None:
    page = client.get("/coach/pair").text
    started = client.post("/coach/pair", data={"csrf_token": field(page, "csrf_token"),
                                               "name": "Dana"}, follow_redirects=False)
    code = started.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/coach/pair/{code}").text
    posted = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe",
        "answer": "tengo miedo y él está en casa", "share": "no"})
    shown = plain(posted.text)
    assert COACH_UNREADABLE_ANSWER in shown
    assert "emergency" in shown.lower()
    mine = PairStore(home).load(code, "first")
    assert mine is not None and not mine.safe and not mine.stopped
