"""Round 19: the coach's list of sessions shows none of their words where no passphrase locks
them (t3 #11: a carer who shares the computer could read "about my carer Tom" on /coach)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from web_kit import PASS, open_journal, token

WHO = "my carer Tom"


def _session_about_tom(client: TestClient) -> str:
    """A session begun through the API, answered up to who it is about: its id."""
    first = client.post("/api/coach", json={}).json()
    url = f"/api/coach/{first['id']}"
    safe = client.post(url, json={"answer": "yes", "position": first["position"]}).json()
    assert safe["state"] == "recognise_who", safe
    who = client.post(url, json={"answer": WHO, "position": safe["position"]}).json()
    assert who["state"] != "recognise_who", who
    return str(first["id"])


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_plain_files_are_listed_without_their_words(client: TestClient, home: Path) -> None:
    session_id = _session_about_tom(client)
    page = client.get("/coach")
    assert page.status_code == 200
    assert f'href="/coach/{session_id}"' in page.text  # still there to continue
    assert "Tom" not in page.text and "carer" not in page.text
    text = _visible(page.text)
    folder = home / "coach" / "sessions"
    assert (folder / f"{session_id}.json").is_file()
    assert str(folder) in text  # where they are
    assert "without a passphrase" in text and "delete" in text.lower()
    assert 'href="/journal"' in page.text  # how to lock them


def test_an_encrypted_journal_lists_them_when_unlocked_only(client: TestClient) -> None:
    open_journal(client)
    session_id = _session_about_tom(client)
    page = client.get("/coach").text
    assert f"about {WHO}" in page  # the person who unlocked it sees who each is about
    assert 'id="unprotected"' not in page
    client.post("/journal/lock", data={"csrf_token": token(client)})
    locked = client.get("/coach")
    assert "Tom" not in locked.text and session_id not in locked.text
    r = client.post("/journal/unlock", data={"csrf_token": token(client), "passphrase": PASS})
    assert r.status_code in (200, 303)
    assert f"about {WHO}" in client.get("/coach").text


def test_a_journal_without_encryption_hides_their_words(client: TestClient) -> None:
    r = client.post("/journal/create", data={"csrf_token": token(client),
                                             "no_encryption": "yes"})
    assert r.status_code == 200, r.text
    session_id = _session_about_tom(client)
    page = client.get("/coach").text
    assert f'href="/coach/{session_id}"' in page
    assert "Tom" not in page
    assert "without a passphrase" in _visible(page)
