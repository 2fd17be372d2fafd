"""Round 5: the page form and the JSON API check an entry's body the same way and store the same
body; a relationship's name must have a character one can see."""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app

PASS = "correct horse battery"
NEEDS_A_NAME = "a relationship needs a name or a pseudonym"


@pytest.fixture
def web(tmp_path: Path) -> TestClient:
    """A web app with a new journal, unlocked."""
    client = TestClient(create_app(Settings(home=tmp_path / "home", journal_kdf=(1, 8, 1))))
    r = client.post("/journal/create", data={"csrf_token": _token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text
    return client


def _token(client: TestClient, page: str = "/journal") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', html)
    assert found, "no error message on the page"
    return html_text.unescape(found.group(1))


def _relationship(client: TestClient) -> int:
    r = client.post("/api/journal/relationships", json={"name": "Sam", "kind": "partner"})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _form_entry(client: TestClient, rel: int, **fields: object) -> tuple[int, str]:
    r = client.post(f"/journal/relationships/{rel}/entries",
                    data={"csrf_token": _token(client), **fields})  # type: ignore[arg-type]
    return r.status_code, r.text


def _bodies(client: TestClient, rel: int) -> list[dict[str, object]]:
    entries = client.get("/api/journal/entries", params={"relationship_id": rel}).json()
    return [e["body"] for e in entries]


# -- one validation, one stored body ---------------------------------------------------------------
def test_an_unknown_label_is_refused_by_the_form_naming_it(web: TestClient) -> None:
    rel = _relationship(web)
    status, html = _form_entry(web, rel, kind="rupture", what="x",
                               labels=["criticism", "rupture.bogus"])
    assert status == 400
    assert "unknown label 'rupture.bogus'" in _alert(html)
    assert _bodies(web, rel) == []  # nothing stored


def test_an_unknown_label_is_refused_by_the_api_naming_it(web: TestClient) -> None:
    rel = _relationship(web)
    r = web.post("/api/journal/entries", json={
        "kind": "rupture", "relationship_id": rel,
        "body": {"what": "x", "labels": ["rupture.bogus", "criticism", "sulking"]}})
    assert r.status_code == 400
    assert r.json()["error"].startswith("unknown labels 'rupture.bogus', 'sulking'; expected")
    assert _bodies(web, rel) == []


def test_the_form_and_the_api_store_the_same_rupture_body(web: TestClient) -> None:
    rel = _relationship(web)
    _form_entry(web, rel, kind="rupture", what=" x ", labels=["criticism"])
    for labels in (["criticism"], ["rupture.confrontation.criticism"], ["rupture.criticism"]):
        r = web.post("/api/journal/entries", json={
            "kind": "rupture", "relationship_id": rel, "body": {"what": "x ", "labels": labels}})
        assert r.status_code == 201, r.text
    expected = {"what": "x", "severity": None, "labels": ["rupture.confrontation.criticism"]}
    assert _bodies(web, rel) == [expected] * 4


def test_the_form_and_the_api_store_the_same_bare_rupture_and_repair(web: TestClient) -> None:
    rel = _relationship(web)
    _form_entry(web, rel, kind="rupture", what="x")
    _form_entry(web, rel, kind="repair", message="sorry", uptake="partly")
    for body in ({"kind": "rupture", "body": {"what": "x"}},
                 {"kind": "repair", "body": {"message": "sorry", "uptake": "partly"}}):
        assert web.post("/api/journal/entries", json={**body, "relationship_id": rel}
                        ).status_code == 201
    rupture = {"what": "x", "severity": None, "labels": []}
    repair = {"message": "sorry", "uptake": "partly", "by": "me"}
    assert _bodies(web, rel) == [rupture, repair, rupture, repair]


def test_a_whole_taxonomy_label_is_kept_as_it_is(web: TestClient) -> None:
    rel = _relationship(web)
    r = web.post("/api/journal/entries", json={
        "kind": "rupture", "relationship_id": rel,
        "body": {"what": "x", "severity": 2, "labels": ["rupture.withdrawal", "stonewalling"]}})
    assert r.status_code == 201
    assert r.json()["body"]["labels"] == ["rupture.withdrawal", "rupture.withdrawal.stonewalling"]


# -- relationship names ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["\u200b", " \u200b\u200d ", "\u2060\ufeff", "\u00ad", "\x00",
                                  "\u3164", "\u2800"])
def test_a_name_with_no_visible_character_needs_a_name(web: TestClient, name: str) -> None:
    r = web.post("/api/journal/relationships", json={"name": name})
    assert r.status_code == 400 and r.json()["error"] == NEEDS_A_NAME
    r = web.post("/journal/relationships", data={"csrf_token": _token(web), "name": name,
                                                 "kind": "other"})
    assert r.status_code == 400 and _alert(r.text) == NEEDS_A_NAME
    assert web.get("/api/journal/relationships").json() == []


@pytest.mark.parametrize("name", ["x\x00y", "Sam\nSmith", "Sam\x1b[31m"])
def test_a_name_with_control_characters_is_refused(web: TestClient, name: str) -> None:
    r = web.post("/api/journal/relationships", json={"name": name})
    assert r.status_code == 400
    assert r.json()["error"].startswith("a name cannot hold control characters")
    assert web.get("/api/journal/relationships").json() == []


def test_a_name_with_a_zero_width_joiner_between_letters_is_kept(web: TestClient) -> None:
    r = web.post("/api/journal/relationships", json={"name": "Ana\u200dBen", "notes": "a\tb\nc"})
    assert r.status_code == 201
    assert r.json()["name"] == "Ana\u200dBen" and r.json()["notes"] == "a\tb\nc"


def test_notes_with_a_nul_character_are_refused(web: TestClient) -> None:
    r = web.post("/api/journal/relationships", json={"name": "Sam", "notes": "a\x00b"})
    assert r.status_code == 400
    assert r.json()["error"].startswith("notes cannot hold control characters")
