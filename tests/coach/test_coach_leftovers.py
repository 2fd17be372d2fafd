"""What was left of the coach report: two-person mode's name, "help" and empty answers in the
terminal; the options that cannot go together; a damaged session on the web start page; the web
pages' words; and the JSON API's clock."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from mendkit.cli.main import main

CRISIS = "I want to kill myself"
NOW = datetime(2026, 11, 27, 18, 0)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The MEND_HOME every test gets (tests/conftest.py)."""
    return tmp_path / "mend-home"


def _answers(tmp_path: Path, answers: list[object]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _first(home: Path) -> dict[str, object] | None:
    """The first person's saved answers (None when nothing was saved)."""
    files = list((home / "coach" / "pairs").glob("*/first.json"))
    assert len(files) <= 1
    return json.loads(files[0].read_text(encoding="utf-8")) if files else None


# ---- 3 and 15: two-person mode in the terminal ----

def test_a_crisis_name_in_two_person_mode_stops_and_is_never_saved(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--pair", "--answers", _answers(tmp_path, [CRISIS, "help", "yes"])]) == 0
    out = capsys.readouterr().out
    assert "If you need someone now:" in out
    assert "two-person code" not in out
    assert _first(home) is None


def test_help_in_two_person_mode_shows_resources_and_asks_the_question_again(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["Alex", "yes", "help", "hurt and alone", "yes"]
    assert main(["coach", "--pair", "--answers", _answers(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "If you need someone now:" in out
    assert out.count("How did you feel during it?") == 2
    saved = _first(home)
    assert saved is not None
    assert saved["answers"] == {"feelings": "hurt and alone"}
    assert saved["shared"] == {"feelings": True}


def test_an_empty_answer_in_two_person_mode_is_asked_again_not_saved(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["Alex", "yes", "   ", "hurt", "no"]
    assert main(["coach", "--pair", "--answers", _answers(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "Please write a few words; you can keep them private." in out
    assert out.count("How did you feel during it?") == 2
    saved = _first(home)
    assert saved is not None
    assert saved["answers"] == {"feelings": "hurt"}
    assert saved["shared"] == {"feelings": False}


# ---- 14: options that cannot go together ----

def test_an_empty_join_code_on_the_command_line_is_refused(
        capsys: pytest.CaptureFixture[str], home: Path) -> None:
    assert main(["coach", "--join", ""]) == 1
    assert "--join needs the code" in capsys.readouterr().err
    assert not (home / "coach" / "sessions").exists()  # no one-person session was started


@pytest.mark.parametrize("options", [
    ["--resume", "--pair"], ["--resume", "--join", "K7P2QX"],
    ["--resume", "abcdefabcdef", "--exchange", "K7P2QX"],
    ["--exchange", "K7P2QX", "--pair"], ["--exchange", "K7P2QX", "--join", "K7P2QX"],
])
def test_options_that_cannot_go_together_are_refused(
        options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", *options]) == 1
    err = capsys.readouterr().err
    assert "mend: error:" in err and "Traceback" not in err
    named = [o for o in options if o.startswith("--")]
    assert all(o in err for o in named), err


# ---- the web ----

fastapi = pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from mendkit.coach.store import SessionStore  # noqa: E402
from mendkit.config import Settings  # noqa: E402
from mendkit.web import create_app  # noqa: E402


@pytest.fixture
def client(home: Path) -> TestClient:
    return TestClient(create_app(Settings(home=home)))


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field in the page"
    return found.group(1)


# 8: one damaged session file

def test_a_damaged_session_file_does_not_break_the_coach_start_page(
        client: TestClient, home: Path) -> None:
    started = client.post("/api/coach", json={}).json()
    damaged = home / "coach" / "sessions" / "aaaaaaaaaaaa.json"
    damaged.write_text('{"format":1,"id":"aaaaaaaaaaaa","state":"recognise_who","answers":{}',
                       encoding="utf-8")
    page = client.get("/coach")
    assert page.status_code == 200
    assert 'id="begin"' in page.text
    assert f"Session {started['id']}" in page.text  # the readable one is still listed
    assert "aaaaaaaaaaaa.json" in page.text  # the damaged one is named


# 16: the words on the pages

def _pair_start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair", data={"csrf_token": _field(page.text, "csrf_token"),
                                         "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"].rsplit("/", 1)[1]


def test_each_person_is_told_the_right_one_joined(home: Path) -> None:
    app = create_app(Settings(home=home))
    alex, sam = TestClient(app), TestClient(app)
    code = _pair_start(alex, "Alex")
    page = sam.get("/coach/pair")
    r = sam.post("/coach/pair/join", data={"csrf_token": _field(page.text, "csrf_token"),
                                           "code": code, "name": "Sam"})
    assert r.status_code == 200
    assert "Alex has joined" not in r.text  # Alex started it; Sam is the one who joined
    assert "Alex started this session" in r.text
    assert "Sam has joined" in alex.get(f"/coach/pair/{code}").text


def test_the_first_step_says_not_therapy_once(client: TestClient) -> None:
    page = client.get("/coach")
    r = client.post("/coach", data={"csrf_token": _field(page.text, "csrf_token")})
    assert r.status_code == 200
    assert "safety" in r.text.lower()
    assert r.text.count("not therapy") == 1


def test_the_attachment_hint_does_not_say_the_steps_never_change(client: TestClient) -> None:
    hint = re.search(r'id="attachment-hint">([^<]*)<', client.get("/coach").text)
    assert hint is not None
    assert "never changes the steps" not in hint.group(1)
    assert "grounding" in hint.group(1)  # what "disorganised" changes


# 5: the API keeps the app's clock

def test_the_api_uses_the_apps_clock_for_a_break(home: Path) -> None:
    app = create_app(Settings(home=home))
    app.state.coach_clock = lambda: NOW
    client = TestClient(app)
    reply = client.post("/api/coach", json={}).json()
    for answer in ["yes", "Sam", "partner", "We argued about money", "skip", "skip", "9", "30"]:
        got = client.post(f"/api/coach/{reply['id']}", json={"answer": answer})
        assert got.status_code == 200, got.text
        reply = got.json()
    assert reply["state"] == "on_break"
    assert "Take your break until 18:30." in " ".join(reply["said"])  # today: no date
    saved = SessionStore(home).load(reply["id"])
    assert datetime.fromisoformat(saved.answers["regulate_break"]) \
        == datetime(2026, 11, 27, 18, 30).astimezone()
