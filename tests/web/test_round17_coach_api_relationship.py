"""Round 17: ``POST /api/coach`` takes ``relationship_id``, as the Coach page's "Which relationship
is this about?" does: the session is saved under that relationship of the unlocked journal from
its first step (``linked_session_store``), never in a practice; one the journal does not have is
a 404 that names it, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.journal.accounts import Accounts
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal
from mendkit.web import create_app
from mendkit.web.accounts import Practice
from web_kit import CHEAP_KDF, PASS, token

NOT_HERE = "A session can be saved under a relationship of your journal only"


def _rel(client: TestClient, name: str) -> int:
    r = client.post("/api/journal/relationships", json={"name": name, "kind": "partner"})
    assert r.status_code == 201
    return int(r.json()["id"])


def _sessions(client: TestClient) -> list[dict[str, object]]:
    return [e for e in client.get("/api/journal/entries").json() if e["kind"] == "coach_session"]


def test_a_session_begun_for_a_relationship_is_saved_under_it(opened: TestClient) -> None:
    sam, kim = _rel(opened, "Sam"), _rel(opened, "Kim")
    r = opened.post("/api/coach", json={"relationship_id": sam})
    assert r.status_code == 200, r.text
    started = r.json()
    assert started["state"] == "safety_check" and started["question"]
    (saved,) = _sessions(opened)
    assert saved["relationship_id"] == sam and saved["body"]["id"] == started["id"]  # type: ignore[index]
    # Answering goes on saving it under Sam (the API's answers and the page's alike).
    r = opened.post(f"/api/coach/{started['id']}",
                    json={"answer": "yes", "position": started["position"]})
    assert r.status_code == 200, r.text
    assert [s["relationship_id"] for s in _sessions(opened)] == [sam]
    page = opened.get(f"/journal/relationships/{sam}").text.split('id="sessions-h"', 1)[1]
    assert started["id"] in page
    assert started["id"] not in opened.get(f"/journal/relationships/{kim}").text
    # With none (left out, or null): saved with no relationship, as before.
    assert opened.post("/api/coach", json={}).status_code == 200
    assert opened.post("/api/coach", json={"relationship_id": None,
                                           "attachment": "anxious"}).status_code == 200
    assert sorted(str(s["relationship_id"]) for s in _sessions(opened)) == sorted(
        ["None", "None", str(sam)])


@pytest.mark.parametrize("rel", [7, 2**40])
def test_a_relationship_the_journal_does_not_have_is_named_and_nothing_is_saved(
        opened: TestClient, rel: int) -> None:
    _rel(opened, "Sam")
    r = opened.post("/api/coach", json={"relationship_id": rel})
    assert r.status_code == 404
    assert r.json() == {"error": f"no relationship with id {rel}; nothing was changed"}
    assert _sessions(opened) == []


@pytest.mark.parametrize("rel", ["1", "Sam", 1.0, True, 0, -1])
def test_a_relationship_id_that_is_no_id_is_refused(opened: TestClient, rel: object) -> None:
    _rel(opened, "Sam")
    r = opened.post("/api/coach", json={"relationship_id": rel})
    assert r.status_code == 422, r.text
    assert "relationship_id" in r.json()["error"]
    assert _sessions(opened) == []


def test_without_a_journal_or_while_it_is_locked_no_relationship_is_taken(
        client: TestClient, home: Path) -> None:
    r = client.post("/api/coach", json={"relationship_id": 1})
    assert r.status_code == 400 and NOT_HERE in r.json()["error"]
    assert not (home / "sessions").exists() or not any((home / "sessions").iterdir())
    assert client.post("/api/coach", json={}).status_code == 200  # without one, as before
    r = client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                             "repeat": PASS})
    sam = _rel(client, "Sam")
    client.post("/journal/lock", data={"csrf_token": token(client)})
    r = client.post("/api/coach", json={"relationship_id": sam})
    assert r.status_code == 423 and "unlock" in r.json()["error"].lower()


def test_a_practice_never_saves_a_session_under_a_relationship(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)  # the server holds a practice's key from start
    fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with Journal.create(home, PASS, kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1)) as journal:
        accounts = Accounts(journal, hasher=fast)
        accounts.enable()
        accounts.add_user("sam", "client", "plum-tree-evening-42")
        rel = journal.add_relationship("Kim", "friend").id  # the one-person journal's
        sam = accounts.user("sam").id
    app = create_app(Settings(home=home, journal_kdf=CHEAP_KDF))
    app.state.mend_practice = Practice(hasher=fast)
    with TestClient(app) as web:
        r = web.post("/login", data={"csrf_token": token(web, "/login"), "username": "sam",
                                     "password": "plum-tree-evening-42"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        r = web.post("/api/coach", json={"relationship_id": rel})
        assert r.status_code == 400
        assert r.json()["error"] == ("In a practice, a coach session is yours alone and is not "
                                     "saved under a relationship: leave out relationship_id.")
        assert web.get("/coach").status_code == 200
    with Journal.open(home, PASS) as journal:
        assert journal.refs("coach_session", owner_id=sam) == []
        assert [e.kind for e in journal.entries()] == []


def test_the_schema_describes_it(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    start = schema["components"]["schemas"]["CoachStart"]["properties"]["relationship_id"]
    assert {"type": "integer", "minimum": 1} in start["anyOf"]
    assert "Which relationship is this about?" in start["description"]
    answers = schema["paths"]["/api/coach"]["post"]["responses"]
    assert {"400", "404", "422", "423"} <= set(answers)
