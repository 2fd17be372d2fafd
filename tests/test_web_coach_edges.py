"""The coach's edges on the web: the JSON API's break, answers that race for one step, answers
to an ended session, and two-person mode's help, names, empty answers and joins that race."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.machine import State
from mendkit.coach.session import Session
from mendkit.coach.store import PairStore, SessionStore

TO_FLOODED = ["yes", "Sam", "partner", "We argued about money", "skip", "skip", "9"]


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field in the page"
    return found.group(1)


def api_walk(client: TestClient, answers: list[str]) -> tuple[str, dict]:  # type: ignore[type-arg]
    reply = client.post("/api/coach", json={}).json()
    for answer in answers:
        got = client.post(f"/api/coach/{reply['id']}", json={"answer": answer})
        assert got.status_code == 200, got.text
        reply = got.json()
    return reply["id"], reply


# ---- the JSON API ----

def test_the_api_break_asks_the_question_it_will_use_and_says_when_it_ends(
        client: TestClient, home: Path) -> None:
    session_id, reply = api_walk(client, [*TO_FLOODED, "20"])
    assert reply["state"] == "on_break"
    assert reply["question"] == "Continue now anyway? (yes / no)"
    said = " ".join(reply["said"])
    assert re.search(r"Take your break until \d\d:\d\d", said), said
    assert "This session continues" not in said  # the time, once
    assert "mend coach --resume" not in said  # a terminal's instruction
    # "no" to the question it was shown keeps the break (the 20 minutes are not skipped).
    kept = client.post(f"/api/coach/{session_id}", json={"answer": "no"}).json()
    assert kept["state"] == "on_break" and kept["question"] == reply["question"]
    assert SessionStore(home).load(session_id).state is State.ON_BREAK
    ended = client.post(f"/api/coach/{session_id}", json={"answer": "yes"}).json()
    assert ended["state"] == "regulate_check"


def test_answers_racing_for_one_step_through_the_api_apply_once_and_the_rest_get_409(
        app, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from mendkit.web import coach

    client = TestClient(app)
    session_id, _ = api_walk(client, ["yes"])
    slow_run = coach.run

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # every answer arrives while the first is still being applied
        return slow_run(*args, **kwargs)

    monkeypatch.setattr(coach, "run", run)
    names = ["Person0", "Person1", "Person2", "Person3"]
    with ThreadPoolExecutor(len(names)) as pool:
        replies = list(pool.map(lambda name: TestClient(app).post(
            f"/api/coach/{session_id}", json={"answer": name}), names))
    codes = sorted(r.status_code for r in replies)
    assert codes == [200, 409, 409, 409], codes
    kept = next(n for n, r in zip(names, replies, strict=True) if r.status_code == 200)
    session = SessionStore(home).load(session_id)
    assert session.answers["recognise_who"] == kept and session.state is State.RECOGNISE_CONTEXT
    refused = next(r for r in replies if r.status_code == 409).json()["error"]
    assert "not for the current step" in refused


def test_an_answer_to_an_ended_session_is_refused_not_dropped(client: TestClient,
                                                              home: Path) -> None:
    session_id, reply = api_walk(client, ["yes", "I want to kill myself"])
    assert reply["stopped"] is True
    late = client.post(f"/api/coach/{session_id}", json={"answer": "one more answer"})
    assert late.status_code == 409 and "has ended" in late.json()["error"]
    SessionStore(home).save(Session(id="0123456789ab", state=State.DONE))
    late = client.post("/api/coach/0123456789ab", json={"answer": "one more answer"})
    assert late.status_code == 409 and "has ended" in late.json()["error"]
    assert SessionStore(home).load("0123456789ab").state is State.DONE


# ---- two people ----

def _pair_start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                         "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    code = r.headers["location"].rsplit("/", 1)[1]
    _say_safe(client, code)
    return code


def _say_safe(client: TestClient, code: str) -> None:
    """Round 10: each person first answers, privately, that they are safe."""
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe", "answer": "yes", "share": "no"},
        follow_redirects=False)
    assert r.status_code == 303


def _pair_answer(client: TestClient, code: str, text: str) -> str:
    html = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(html, "csrf_token"), "key": field(html, "key"), "answer": text,
        "share": "yes"}, follow_redirects=False)
    assert r.status_code == 303
    return client.get(r.headers["location"]).text


def test_help_in_two_person_mode_shows_resources_and_is_not_saved(client: TestClient,
                                                                  home: Path) -> None:
    code = _pair_start(client, "Ana")
    html = _pair_answer(client, code, "help")
    assert "988" in html and "Question 1 of 5" in html  # resources, then the same question
    stored = PairStore(home).load(code, "first")
    assert stored is not None and stored.answers == {}


def test_an_empty_two_person_answer_is_asked_again_not_saved(client: TestClient,
                                                             home: Path) -> None:
    code = _pair_start(client, "Ana")
    html = _pair_answer(client, code, "   ")
    assert "Question 1 of 5" in html and "write a few words" in html
    stored = PairStore(home).load(code, "first")
    assert stored is not None and stored.answers == {}


def test_a_crisis_written_as_a_name_stops_and_nothing_is_shown_to_the_other(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    ana, ben = TestClient(app), TestClient(app)
    page = ana.get("/coach/pair")
    r = ana.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                      "name": "I want to kill myself"})
    assert r.status_code == 200 and 'role="alert"' in r.text and "988" in r.text
    assert PairStore(home).codes() == []  # no two-person session was started with it
    code = _pair_start(ana, "Ana")
    page = ben.get("/coach/pair")
    r = ben.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                           "code": code, "name": "I want to kill myself"})
    assert r.status_code == 200 and "988" in r.text
    assert PairStore(home).load(code, "second") is None


def test_joins_that_race_for_the_second_seat_let_exactly_one_in(
        app, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    code = _pair_start(TestClient(app), "Alex")
    slow_load = PairStore.load

    def load(self, code: str, role: str):  # type: ignore[no-untyped-def]
        time.sleep(0.2)  # every join checks the seat before any of them has taken it
        return slow_load(self, code, role)

    monkeypatch.setattr(PairStore, "load", load)
    joiners = [TestClient(app) for _ in range(3)]
    tokens = [field(j.get("/coach/pair").text, "csrf_token") for j in joiners]
    names = ["Bea", "Mallory", "Eve"]
    with ThreadPoolExecutor(3) as pool:
        codes = list(pool.map(lambda j: j[0].post("/coach/pair/join", data={
            "csrf_token": j[1], "code": code, "name": j[2]}, follow_redirects=False).status_code,
            zip(joiners, tokens, names, strict=True)))
    assert sorted(codes) == [303, 400, 400], codes
    second = slow_load(PairStore(home), code, "second")
    assert second is not None and second.name == names[codes.index(303)]


def test_an_empty_answer_saved_before_shows_as_not_answered_in_the_exchange() -> None:
    from mendkit.coach.pair import QUESTIONS, PairAnswers, exchange

    keys = [key for key, _ in QUESTIONS]
    alex = PairAnswers(name="Alex", answers={k: "" if k == "feelings" else "x" for k in keys},
                       shared=dict.fromkeys(keys, True))
    bea = PairAnswers(name="Bea", answers=dict.fromkeys(keys, "y"),
                      shared=dict.fromkeys(keys, True))
    feelings = exchange(alex, bea)[0][1]
    assert feelings == [("Alex", "(not answered)"), ("Bea", "y")]
