"""Round 17: the web coach, like ``mend coach --rel``, saves a session under a relationship chosen
at the start (offered only while the journal is unlocked), and the relationship's page lists the
coach sessions about them, those whose "who" names them included."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.coach.machine import State
from mendkit.coach.session import Session
from mendkit.journal.stores import JournalSessionStore
from web_kit import PASS, token


def _rel(client: TestClient, name: str) -> int:
    r = client.post("/api/journal/relationships", json={"name": name, "kind": "partner"})
    assert r.status_code == 201
    return int(r.json()["id"])


def _begin(client: TestClient, **fields: str) -> tuple[int, str]:
    r = client.post("/coach", data={"csrf_token": token(client, "/coach"), **fields},
                    follow_redirects=False)
    return r.status_code, r.headers.get("location", r.text)


def _sessions(client: TestClient) -> list[dict[str, object]]:
    return [e for e in client.get("/api/journal/entries").json() if e["kind"] == "coach_session"]


def test_the_start_page_offers_the_relationships_only_while_the_journal_is_open(
        client: TestClient) -> None:
    assert 'name="relationship"' not in client.get("/coach").text  # no journal yet
    r = client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200
    assert 'name="relationship"' not in client.get("/coach").text  # a journal, no relationships
    sam = _rel(client, "Sam & co")
    html = client.get("/coach").text
    assert "Which relationship is this about? (optional)" in html
    assert '<option value="">none chosen</option>' in html
    assert f'<option value="{sam}">Sam &amp; co (partner)</option>' in html
    client.post("/journal/lock", data={"csrf_token": token(client)})
    assert client.get("/coach").status_code == 200
    assert "Sam" not in client.get("/coach", follow_redirects=True).text


def test_a_session_begun_for_a_relationship_is_saved_under_it_and_listed(
        opened: TestClient) -> None:
    sam, kim = _rel(opened, "Sam"), _rel(opened, "Kim")
    status, where = _begin(opened, relationship=str(sam))
    assert status == 303
    session_id = where.rsplit("/", 1)[1]
    (saved,) = _sessions(opened)
    assert saved["relationship_id"] == sam and saved["body"]["id"] == session_id
    # Answering goes on saving it under Sam, and the step page says where it is kept.
    r = opened.post(where, data={"csrf_token": token(opened, where), "answer": "yes",
                                 "position": re.search(r'name="position" value="(\d+)"',
                                                       opened.get(where).text).group(1)})
    assert r.status_code == 200
    assert [s["relationship_id"] for s in _sessions(opened)] == [sam]
    assert f'Saved in your journal under <a href="/journal/relationships/{sam}">Sam</a>' in r.text
    page = opened.get(f"/journal/relationships/{sam}").text
    section = page.split('id="sessions-h"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/coach/{session_id}">Session {session_id}</a>: not finished yet' in section
    other = opened.get(f"/journal/relationships/{kim}").text.split('id="sessions-h"', 1)[1]
    assert session_id not in other and "None yet." in other
    # With none chosen: saved with no relationship, as before.
    status, where = _begin(opened, relationship="")
    assert status == 303
    assert sorted(str(s["relationship_id"]) for s in _sessions(opened)) == sorted(["None", str(sam)])
    assert "Saved in your journal under" not in opened.get(where).text


def test_the_page_lists_a_session_whose_who_names_the_relationship(
        opened: TestClient, client: TestClient) -> None:
    """As ``mend coach`` without --rel saves it, and as insights count it and deleting the
    relationship deletes it: a session saved with no relationship whose "who" is the name."""
    sam = _rel(opened, "Sam")
    vault = client.app.state.mend.vault  # type: ignore[attr-defined]
    with vault.use() as journal:
        JournalSessionStore(journal).save(Session(
            id="abc123def456", state=State.DONE, answers={"recognise_who": "sam"}))
    (saved,) = _sessions(opened)
    assert saved["relationship_id"] is None
    section = opened.get(f"/journal/relationships/{sam}").text.split('id="sessions-h"', 1)[1]
    assert '<a href="/coach/abc123def456">Session abc123def456</a>: finished' in section


def test_a_relationship_not_in_the_journal_or_not_a_number_is_refused(
        opened: TestClient) -> None:
    _rel(opened, "Sam")
    status, text = _begin(opened, relationship="7")
    assert status == 404 and "no relationship with id 7" in text
    status, text = _begin(opened, relationship="Sam")
    assert status == 400 and "Choose a relationship from the list, or none." in text
    assert _sessions(opened) == []  # nothing was saved
