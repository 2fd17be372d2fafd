"""Round 15, correcting the journal in the browser: delete one entry, rename a relationship, or
delete one with its entries, each through a confirmation step with a CSRF token; insights follow,
the other relationships stay, and an unknown id is named. A wrong passphrase at the door says it
may have been changed in another window."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.journal.repository import Journal
from mendkit.web import create_app

CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"
ANGRY = "written-in-anger-6612"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, str, Path]]:
    """An app with an unlocked journal: Sam (1) with two ruptures and a check-in, Lee (2) with a
    rupture; the client, its CSRF token and MEND_HOME."""
    home = tmp_path / "home"
    with TestClient(create_app(Settings(home=home, journal_kdf=CHEAP_KDF))) as client:
        token = _token(client.get("/journal").text)
        r = client.post("/journal/create", data={"csrf_token": token, "passphrase": PASS,
                                                 "repeat": PASS})
        assert r.status_code == 200
        for name in ("Sam", "Lee"):
            assert client.post("/api/journal/relationships",
                               json={"name": name, "kind": "partner"}).status_code == 201
        for rel, kind, body in ((1, "rupture", {"what": "a calm one", "labels": []}),
                                (1, "rupture", {"what": ANGRY, "labels": []}),
                                (1, "checkin", {"score": 6}),
                                (2, "rupture", {"what": "Lee's one", "labels": []})):
            r = client.post("/api/journal/entries",
                            json={"kind": kind, "body": body, "relationship_id": rel,
                                  "occurred_at": "2026-03-01T10:00:00+00:00"})
            assert r.status_code == 201, r.text
        yield client, token, home


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _ruptures(client: TestClient, rel: int) -> int:
    r = client.get(f"/api/journal/insights/{rel}")
    assert r.status_code == 200
    return int(r.json()["ruptures"])


def test_delete_one_entry_asks_first_then_deletes_it(web: tuple[TestClient, str, Path]) -> None:
    client, token, _ = web
    assert 'href="/journal/entries/2/delete"' in client.get("/journal/entries/2").text
    page = client.get("/journal/entries/2/delete")
    assert page.status_code == 200 and ANGRY in page.text and "for good" in page.text
    assert 'name="csrf_token"' in page.text and 'name="confirm" value="yes"' in page.text
    assert _ruptures(client, 1) == 2
    # Without the token, or without the confirmation, nothing is deleted.
    r = client.post("/journal/entries/2/delete", data={"confirm": "yes"})
    assert r.status_code == 403
    r = client.post("/journal/entries/2/delete", data={"csrf_token": token})
    assert r.status_code == 400 and "Nothing was deleted" in r.text
    assert client.get("/journal/entries/2").status_code == 200
    r = client.post("/journal/entries/2/delete", data={"csrf_token": token, "confirm": "yes"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/journal/relationships/1")
    assert "The entry is deleted" in client.get(r.headers["location"]).text
    assert client.get("/journal/entries/2").status_code == 404
    assert _ruptures(client, 1) == 1 and _ruptures(client, 2) == 1


def test_an_unknown_id_is_named(web: tuple[TestClient, str, Path]) -> None:
    client, token, _ = web
    for path, words in (("/journal/entries/99/delete", "no entry 99"),
                        ("/journal/relationships/9/delete", "no relationship 9")):
        assert words in client.get(path).text
        r = client.post(path, data={"csrf_token": token, "confirm": "yes"})
        assert r.status_code == 404 and words in r.text
    r = client.post("/journal/relationships/9/rename", data={"csrf_token": token, "name": "X"})
    assert r.status_code == 404 and "no relationship 9" in r.text


def test_delete_a_relationship_says_how_many_entries_go(
        web: tuple[TestClient, str, Path]) -> None:
    client, token, home = web
    page = client.get("/journal/relationships/1/delete").text
    assert "Sam" in page and "all 3 of its entries" in page
    r = client.post("/journal/relationships/1/delete", data={"csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 400
    r = client.post("/journal/relationships/1/delete",
                    data={"csrf_token": token, "confirm": "yes"})
    assert r.status_code == 200 and "deleted for good, with 3 entries" in r.text
    assert client.get("/journal/relationships/1").status_code == 404
    assert [x["name"] for x in client.get("/api/journal/relationships").json()] == ["Lee"]
    assert _ruptures(client, 2) == 1
    with Journal.open(home, PASS) as journal:
        assert [e.relationship_id for e in journal.entries()] == [2]


def test_rename_a_relationship(web: tuple[TestClient, str, Path]) -> None:
    client, token, _ = web
    page = client.get("/journal/relationships/1").text
    assert 'action="/journal/relationships/1/rename"' in page
    r = client.post("/journal/relationships/1/rename", data={"csrf_token": token, "name": " "})
    assert r.status_code == 400 and "needs a name" in r.text
    r = client.post("/journal/relationships/1/rename",
                    data={"csrf_token": token, "name": "S. (pseudonym)"})
    assert r.status_code == 200 and "The new name is saved" in r.text
    assert "S. (pseudonym)" in r.text
    names = [x["name"] for x in client.get("/api/journal/relationships").json()]
    assert names == ["S. (pseudonym)", "Lee"]
    assert _ruptures(client, 1) == 2  # its entries stay with it


def test_a_wrong_passphrase_says_it_may_have_been_changed_elsewhere(
        web: tuple[TestClient, str, Path]) -> None:
    client, token, _ = web
    client.post("/journal/lock", data={"csrf_token": token})
    r = client.post("/journal/unlock", data={"csrf_token": token, "passphrase": "not it at all"})
    assert r.status_code == 400
    assert "changed in another window" in r.text and "Nothing was changed" in r.text
