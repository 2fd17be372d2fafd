"""Round 17: the journal's JSON API deletes an entry, deletes a relationship (only with an explicit
``with_entries=true``) and renames one, through the same services as the pages; unknown ids are
404, a missing confirmation 409, a bad name 400/422, and a practice's API refuses all three."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

import test_round8_practice as round8
from journal.conftest import pg_server, postgres_env  # noqa: F401 (fixtures)
from test_round8_practice import FAST_HASH, SECRET, _open, _sign_in, _web
from web_kit import PASS, token

practice, home_path = round8.practice, round8.home_path  # the fixtures


def _rel(client: TestClient, name: str) -> int:
    r = client.post("/api/journal/relationships", json={"name": name, "kind": "friend"})
    assert r.status_code == 201
    return int(r.json()["id"])


def _checkin(client: TestClient, rel: int, score: int) -> int:
    r = client.post("/api/journal/entries", json={"kind": "checkin", "relationship_id": rel,
                                                  "body": {"score": score}})
    assert r.status_code == 201
    return int(r.json()["id"])


def _ids(client: TestClient) -> list[int]:
    return [e["id"] for e in client.get("/api/journal/entries").json()]


def test_delete_an_entry_through_the_api(opened: TestClient) -> None:
    sam = _rel(opened, "Sam")
    first, second = _checkin(opened, sam, 3), _checkin(opened, sam, 7)
    r = opened.delete(f"/api/journal/entries/{first}")
    assert r.status_code == 200
    assert r.json() == {"deleted": True, "id": first, "kind": "checkin", "relationship_id": sam}
    assert _ids(opened) == [second]
    assert opened.get(f"/api/journal/insights/{sam}").json()["connection_per_week"]
    r = opened.delete(f"/api/journal/entries/{first}")  # gone: named, nothing else touched
    assert r.status_code == 404 and f"no entry {first}" in r.json()["error"]
    assert opened.delete("/api/journal/entries/99999999999999999999").status_code in (404, 422)
    assert _ids(opened) == [second]


def test_deleting_a_relationship_needs_with_entries_and_takes_its_entries(
        opened: TestClient) -> None:
    sam, kim = _rel(opened, "Sam"), _rel(opened, "Kim")
    _checkin(opened, sam, 3)
    _checkin(opened, sam, 5)
    kept = _checkin(opened, kim, 8)
    for query in ("", "?with_entries=false"):  # a stray call deletes nothing, and says why
        r = opened.delete(f"/api/journal/relationships/{sam}{query}")
        assert r.status_code == 409
        said = r.json()["error"]
        assert said.startswith("Nothing was deleted.") and "all 2 of its entries" in said
        assert "with_entries=true" in said
    assert len(_ids(opened)) == 3
    r = opened.delete(f"/api/journal/relationships/{sam}", params={"with_entries": "true"})
    assert r.status_code == 200
    assert r.json() == {"id": sam, "name": "Sam", "kind": "friend", "notes": "", "deleted": True,
                        "deleted_entries": 2}
    assert _ids(opened) == [kept]
    assert [x["name"] for x in opened.get("/api/journal/relationships").json()] == ["Kim"]
    for query in ("", "?with_entries=true"):  # an unknown id: 404 either way
        r = opened.delete(f"/api/journal/relationships/{sam}{query}")
        assert r.status_code == 404 and f"no relationship {sam}" in r.json()["error"]


def test_rename_a_relationship_through_the_api(opened: TestClient, home: Path) -> None:
    sam = _rel(opened, "Sam")
    entry = _checkin(opened, sam, 6)
    r = opened.patch(f"/api/journal/relationships/{sam}", json={"name": "  Sammy  "})
    assert r.status_code == 200 and r.json()["name"] == "Sammy"
    assert [x["name"] for x in opened.get("/api/journal/relationships").json()] == ["Sammy"]
    assert _ids(opened) == [entry]  # its entries stay with it
    for body, status in (({"name": "   "}, 400), ({"name": ""}, 422), ({"name": "a\nb"}, 400),
                         ({"nmae": "Kim"}, 422), ({"name": "x" * 10_000}, 422)):
        r = opened.patch(f"/api/journal/relationships/{sam}", json=body)
        assert r.status_code == status, (body, r.text)
        assert r.json()["error"]
    assert opened.get("/api/journal/relationships").json()[0]["name"] == "Sammy"
    r = opened.patch("/api/journal/relationships/77", json={"name": "Kim"})
    assert r.status_code == 404 and "no relationship 77" in r.json()["error"]
    r = opened.patch(f"/api/journal/relationships/{sam}", content='{"name": "Kim"}',
                     headers={"content-type": "text/plain"})
    assert r.status_code == 415  # as every API call with a body: JSON only


def test_the_new_calls_are_locked_with_the_journal_and_in_the_schema(opened: TestClient) -> None:
    sam = _rel(opened, "Sam")
    entry = _checkin(opened, sam, 4)
    paths = opened.get("/openapi.json").json()["paths"]
    assert "delete" in paths["/api/journal/entries/{entry_id}"]
    assert {"delete", "patch"} <= set(paths["/api/journal/relationships/{relationship_id}"])
    assert "409" in paths["/api/journal/relationships/{relationship_id}"]["delete"]["responses"]
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    for r in (opened.delete(f"/api/journal/entries/{entry}"),
              opened.delete(f"/api/journal/relationships/{sam}?with_entries=true"),
              opened.patch(f"/api/journal/relationships/{sam}", json={"name": "Kim"})):
        assert r.status_code == 423
    opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": PASS})
    assert _ids(opened) == [entry]


def _sams_entries(home: Path) -> list[int]:
    from mendkit.journal.accounts import Accounts

    with _open(home) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        return [e.entry.id for e in accounts.client_entries(accounts.user("sam"))]


def test_a_practice_api_deletes_and_renames_nothing(practice: None, home_path: Path) -> None:
    """In a practice the one-person journal is off, its API too: a client, signed in or not,
    deletes and renames nothing through it, of their own or anyone's."""
    with _open(home_path) as journal:
        rel = journal.add_relationship("Server's own", "other").id
    (own,) = _sams_entries(home_path)
    with _web(home_path) as client:
        for sign_in in (False, True):
            if sign_in:
                assert _sign_in(client, "sam", SECRET) == 303
            for r in (client.delete(f"/api/journal/entries/{own}"),
                      client.delete(f"/api/journal/relationships/{rel}?with_entries=true"),
                      client.patch(f"/api/journal/relationships/{rel}", json={"name": "x"})):
                assert r.status_code == 403, r.text
                assert "one-person journal" in r.json()["error"]
    assert _sams_entries(home_path) == [own]
    with _open(home_path) as journal:
        assert [r.name for r in journal.relationships()] == ["Server's own"]
