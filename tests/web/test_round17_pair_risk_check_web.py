"""Round 17 (fixer f6, item 2): the browser's two-person mode checks a sign only the model saw
with the person whose answer it was, on their own page, as the terminal does: a clear no saves
the answer as given and the session goes on for both; a yes or not sure stops, and pauses the
session for the other person; a rule's sign still stops at once."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import RISK_QUESTION
from mendkit.coach.store import PairStore
from mendkit.config import Settings
from mendkit.web import create_app

SOCKS = "My husband leaves his socks everywhere and I've had enough"
PAUSED = "This two-person session has been paused"


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _post(client: TestClient, url: str, **data: str) -> None:
    page = client.get("/coach/pair").text
    r = client.post(url, data={"csrf_token": field(page, "csrf_token"), **data},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def _answer(client: TestClient, code: str, text: str, share: str = "yes") -> None:
    page = client.get(f"/coach/pair/{code}").text
    _post(client, f"/coach/pair/{code}", key=field(page, "key"), answer=text, share=share)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[TestClient, TestClient, str, Path]:
    home = tmp_path / "home"
    app = create_app(Settings(home=home))
    dana, sam = TestClient(app), TestClient(app)
    page = dana.get("/coach/pair").text
    r = dana.post("/coach/pair", data={"csrf_token": field(page, "csrf_token"), "name": "Dana"},
                  follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    _post(sam, "/coach/pair/join", code=code, name="Sam")
    for who in (dana, sam):
        _post(who, f"/coach/pair/{code}", key="safe", answer="yes", share="no")
    return dana, sam, code, home


def test_a_model_only_sign_is_checked_privately_and_a_no_saves_the_answer(
        pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, sam, code, home = pair
    _answer(dana, code, SOCKS, share="yes")
    page = plain(dana.get(f"/coach/pair/{code}").text)
    assert RISK_QUESTION in page and "Only you see this question" in page
    assert "Let's pause here" not in page
    theirs = plain(sam.get(f"/coach/pair/{code}").text)
    assert PAUSED not in theirs and RISK_QUESTION not in theirs and "Save and go on" in theirs
    held = PairStore(home).load(code, "first")
    assert held is not None and held.answers == {} and not held.stopped
    _answer(dana, code, "no")
    saved = PairStore(home).load(code, "first")
    assert saved is not None and not saved.stopped and not saved.checking
    assert saved.answers == {"feelings": SOCKS} and saved.shared == {"feelings": True}
    after = plain(dana.get(f"/coach/pair/{code}").text)
    assert "Question 2 of 5" in after and RISK_QUESTION not in after


@pytest.mark.parametrize("reply", ["yes", "not sure"])
def test_a_yes_stops_and_pauses_the_session_for_both(
        pair: tuple[TestClient, TestClient, str, Path], reply: str) -> None:
    dana, sam, code, home = pair
    _answer(dana, code, SOCKS)
    _answer(dana, code, reply)
    assert "Let's pause here" in dana.get(f"/coach/pair/{code}").text
    stopped = PairStore(home).load(code, "first")
    assert stopped is not None and stopped.stopped == "crisis" and stopped.answers == {}
    theirs = plain(sam.get(f"/coach/pair/{code}").text)
    assert PAUSED in theirs and SOCKS not in theirs


def test_an_older_pages_answer_waits_for_the_check(
        pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, _, code, home = pair
    _answer(dana, code, SOCKS)
    _post(dana, f"/coach/pair/{code}", key="feelings", answer="something else", share="yes")
    held = PairStore(home).load(code, "first")
    assert held is not None and held.answers == {} and held.checking["answer"] == SOCKS


def test_a_rule_sign_stops_at_once(pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, sam, code, _ = pair
    _answer(dana, code, "I want to kill myself tonight")
    assert "Let's pause here" in dana.get(f"/coach/pair/{code}").text
    assert PAUSED in plain(sam.get(f"/coach/pair/{code}").text)
