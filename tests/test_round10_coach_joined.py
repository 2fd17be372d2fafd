"""Round 10, joined up: the coach's surfaces agree. The two-person terminal asks the private
safety question and says "only when you are both calm" as the browser does; "help" is heard the
same way everywhere (in other languages too); the browser shows the driver's notes on the
message (with an "Add it" button for what the terminal offers with `add`) and "not yet"; the end
pages do not repeat the commitment the message already says; and a break's return time is
worked out by one helper for the terminal and the page."""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest

from mendkit.cli.main import main
from mendkit.coach.content import NOT_YET
from mendkit.coach.pair import CALM_FIRST, QUESTIONS, SAFETY_AGAIN, SAFETY_QUESTION, screen
from mendkit.coach.store import PairStore

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mendkit.coach.machine import State
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)


def _file(tmp_path: Path, answers: list[str]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _all_answers() -> list[str]:
    return [w for key, _ in QUESTIONS for w in (f"dana {key}", "yes")]


def _code(home: Path) -> str:
    (code,) = [p.name for p in (home / "coach" / "pairs").iterdir()]
    return code


# ---- 1: the two-person terminal asks the private safety question, after the calm-first line ----

def test_the_cli_pair_asks_whether_you_are_safe_before_the_questions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "yes", *_all_answers()])]) == 0
    out = capsys.readouterr().out
    assert CALM_FIRST in out and SAFETY_QUESTION in out
    assert out.index(SAFETY_QUESTION) < out.index(QUESTIONS[0][1])
    mine = PairStore(home).load(_code(home), "first")
    assert mine is not None and mine.safe and mine.complete
    assert mine.answers["feelings"] == "dana feelings"  # "yes" was not saved as an answer


def test_a_no_at_the_cli_safety_question_stops_with_the_safety_plan_and_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "no", *_all_answers()])]) == 0
    out = capsys.readouterr().out
    assert "Some things that can help you stay safe:" in out
    assert QUESTIONS[0][1] not in out and "Give this code" not in out
    mine = PairStore(home).load(_code(home), "first")
    assert mine is not None and mine.stopped == "unsafe" and not mine.safe
    assert mine.answers == {}


def test_an_unclear_reply_is_asked_again_and_help_shows_resources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "I thought", "Hilfe!", "yes", "dana feelings"])]) == 0
    out = capsys.readouterr().out
    assert SAFETY_AGAIN in out
    assert "If you need someone now:" in out
    assert out.count(SAFETY_QUESTION) == 3
    mine = PairStore(home).load(_code(home), "first")
    assert mine is not None and mine.safe and mine.answers == {}


def test_a_person_who_answered_yes_is_not_asked_again_when_carrying_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "yes", "dana feelings", "yes"])]) == 0
    capsys.readouterr()
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["yes", *_all_answers()[2:]])]) == 0
    out = capsys.readouterr().out
    assert "Carrying on with Dana's answers" in out
    assert SAFETY_QUESTION not in out and CALM_FIRST not in out
    mine = PairStore(home).load(_code(home), "first")
    assert mine is not None and mine.complete


def test_the_person_who_joins_is_asked_too(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, ["Dana", "yes", *_all_answers()])]) == 0
    code = _code(home)
    capsys.readouterr()
    assert main(["coach", "--join", code, "--answers",
                 _file(tmp_path, ["Sam", "not sure"])]) == 0
    out = capsys.readouterr().out
    assert CALM_FIRST in out and SAFETY_QUESTION in out
    sam = PairStore(home).load(code, "second")
    assert sam is not None and sam.stopped == "unsafe" and sam.answers == {}


# ---- 2: "help" is heard the same way in two-person mode and on the coach's pages ----

@pytest.mark.parametrize("word", ["Help!", "Hilfe", "¡Ayuda!", "au secours"])
def test_help_in_any_language_is_help_in_two_person_mode(word: str) -> None:
    assert screen(word) == "help"


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(app: FastAPI, clock: Clock) -> TestClient:
    app.state.coach_clock = clock
    return TestClient(app)


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


class Walk:
    """One browser: posts answers with the page's token and position, follows the 303s."""

    def __init__(self, client: TestClient, home: Path) -> None:
        self.client, self.home = client, home
        page = client.get("/coach")
        start = client.post("/coach", data={"csrf_token": field(page.text, "csrf_token")},
                            follow_redirects=False)
        self.url = start.headers["location"]
        self.id = self.url.rsplit("/", 1)[1]
        self.html = client.get(self.url).text

    def answer(self, data: dict[str, str] | list[tuple[str, str]]) -> str:
        pairs = list(data.items()) if isinstance(data, dict) else data
        form = [("csrf_token", field(self.html, "csrf_token")),
                ("position", field(self.html, "position")), *pairs]
        posted = self.client.post(self.url, content=urlencode(form), headers={
            "content-type": "application/x-www-form-urlencoded"}, follow_redirects=False)
        assert posted.status_code == 303, posted.text
        self.html = self.client.get(posted.headers["location"]).text
        return self.html

    def walk(self, steps: list[dict[str, str]]) -> str:
        for step in steps:
            self.answer(step)
        return self.html

    @property
    def session(self):  # type: ignore[no-untyped-def]
        return SessionStore(self.home).load(self.id)

    @property
    def answers(self) -> dict[str, object]:
        return dict(SessionStore(self.home).load(self.id).answers)


TO_DRAFT = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
            {"answer": "I came home late and snapped when Sam asked why"}, {"skip": "1"},
            {"skip": "1"}, {"level": "3"}, {"skip": "1"}, {"answer": "yes"},
            {"answer": "I snapped at Sam"}, {"skip": "1"},
            {"answer": "ask me calmly when I'm late"}]
OWN = "I'm sorry I snapped at you when you asked why I was late."
AFTER_REVIEW = [{"answer": "angry"}, {"answer": "hurt"},
                {"answer": "to feel welcome when I come home"}]


def test_the_coach_pages_hear_help_in_other_languages(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.answer({"answer": "yes"})
    page = client.post(walk.url, data={"csrf_token": field(walk.html, "csrf_token"),
                                       "position": field(walk.html, "position"),
                                       "answer": "¡Ayuda!"}, follow_redirects=False)
    assert page.status_code == 303 and "help=1" in page.headers["location"]
    assert "recognise_who" not in walk.session.answers  # not saved as the other person's name


# ---- 3: the browser shows the driver's notes on the message, with an "Add it" button ----

def _to_own_message(walk: Walk) -> str:
    walk.walk(TO_DRAFT)
    walk.answer({"answer": OWN})
    walk.answer({"answer": "keep"})
    return walk.walk(AFTER_REVIEW)


def test_the_message_page_says_the_own_draft_is_kept_and_offers_to_add(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    page = plain(_to_own_message(walk))
    assert walk.session.state is State.REBUILD_MESSAGE
    assert "Your draft is kept as you wrote it" in page
    assert "If it fits, you could add:" in page and "I feel hurt" in page
    assert "Type add" not in page
    assert re.search(r'<button[^>]*name="answer"[^>]*value="add"[^>]*>\s*Add it', walk.html)
    # The button, pressed: the form sends the message box too, and the button's "add" wins.
    walk.answer([("answer", OWN), ("answer", "add")])
    message = str(walk.session.answers["rebuild_message"])
    assert message.startswith(OWN) and "I feel hurt" in message
    assert walk.session.state is State.REBUILD_COMMITMENT


def test_keeping_the_message_keeps_it_as_written(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    _to_own_message(walk)
    walk.answer({"answer": OWN})
    assert walk.session.answers["rebuild_message"] == OWN
    page = plain(walk.answer({"answer": "text when I'm running late"}))
    assert "Your message is kept as you wrote it." in page
    assert "Next time, I will text when you're running late." not in str(
        walk.session.answers["rebuild_message"])


def test_the_coachs_draft_takes_the_commitment_and_the_page_says_so(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_DRAFT)
    walk.answer({"answer": ""})  # the composer's draft, as it is
    walk.answer({"answer": "keep"})
    walk.walk(AFTER_REVIEW)
    assert "Add it" not in walk.html  # the coach's own draft has what was found since
    walk.answer({"answer": ""})
    page = plain(walk.answer({"answer": "text when I'm running late"}))
    assert "Your message now also says what you will do next time:" in page
    message = str(walk.session.answers["rebuild_message"])
    assert "Next time, I will" in message and message in page
    # ---- 4: the page until the follow-up does not say the commitment twice ----
    page = plain(walk.answer({"answer": "2"}))
    assert walk.session.state is State.AWAITING_FOLLOW_UP
    assert "Until the follow-up" in page
    assert "What you will do differently" not in page
    assert page.count("running late") == 1


def test_an_own_message_without_the_commitment_still_shows_it_at_the_end(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    _to_own_message(walk)
    walk.answer({"answer": OWN})
    walk.answer({"answer": "text when I'm running late"})
    page = plain(walk.answer({"answer": "2"}))
    assert "What you will do differently: text when I'm running late" in page


def test_not_yet_at_the_follow_up_is_answered_on_the_page(
        client: TestClient, home: Path, clock: Clock) -> None:
    walk = Walk(client, home)
    _to_own_message(walk)
    walk.answer({"answer": OWN})
    walk.answer({"answer": "text when I'm running late"})
    walk.answer({"answer": "2"})
    clock.now = NOW + timedelta(days=3)
    walk.html = client.get(walk.url).text
    page = plain(walk.answer({"answer": "not yet"}))
    assert NOT_YET in page
    assert walk.session.state is State.REBUILD_FOLLOW_UP


# ---- 5: a break's return time is worked out in one place ----

def test_the_break_page_and_the_break_agree_on_the_return_time(
        client: TestClient, home: Path, clock: Clock) -> None:
    from mendkit.coach import driver
    from mendkit.web import coach_pages

    assert coach_pages.back_at is driver.back_at  # one helper: the two cannot drift
    clock.now = datetime(2026, 11, 27, 18, 0, 30)
    walk = Walk(client, home)
    walk.walk(TO_DRAFT[:6])
    page = walk.answer({"level": "9"})
    preview = re.search(r'data-back-at="[^"]*">(\d\d:\d\d)<', page)
    assert preview and preview.group(1) == "18:21"
    walk.answer({"answer": "20"})
    due = walk.session.resumes_at()
    assert due is not None and f"{due:%H:%M}" == "18:21"


def test_pressing_add_it_twice_adds_once_and_gives_back_no_stray_text(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    message_page = _to_own_message(walk)
    walk.answer([("answer", OWN), ("answer", "add")])
    message = walk.session.answers["rebuild_message"]
    walk.html = message_page  # the same form again: a double submit
    page = plain(walk.answer([("answer", OWN), ("answer", "add")]))
    assert "That answer was for an earlier step" in page
    assert "Your answer that was not used" not in page
    assert walk.session.answers["rebuild_message"] == message
