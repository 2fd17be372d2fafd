"""Round 7, the web journal: a rekey caught half-way, and a relationship deleted meanwhile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.journal.repository import Journal, sidecar_path
from mendkit.web import create_app
from web_kit import CHEAP_KDF, PASS


@pytest.fixture
def opened(opened: TestClient) -> TestClient:
    """The shared client with a new journal, unlocked, here with one relationship (id 1)."""
    r = opened.post("/api/journal/relationships", json={"name": "Sam", "kind": "partner"})
    assert r.status_code == 201
    return opened


def _rupture(client: TestClient) -> tuple[int, str]:
    r = client.post("/api/journal/entries", json={"kind": "rupture", "relationship_id": 1,
                                                  "body": {"what": "x"}})
    return r.status_code, r.json().get("error", "")


def test_a_write_caught_in_the_middle_of_a_rekey_is_told_the_passphrase_changed(
        opened: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _rupture(opened)[0] == 201
    # The rekey has committed the pages under the new key, but not yet put its new key file in
    # place: the moment between `PRAGMA rekey` and the rename.
    original = Path.replace

    def not_yet(self: Path, target: str | Path) -> Path:
        if Path(target) == sidecar_path(home):
            return self
        return original(self, target)

    monkeypatch.setattr(Path, "replace", not_yet)
    with Journal.open(home, PASS) as other:  # as `mend journal rekey` does
        other.rekey(home, "brand new phrase")
    monkeypatch.setattr(Path, "replace", original)
    status, error = _rupture(opened)
    assert status == 423
    assert "passphrase was changed elsewhere" in error and "not a database" not in error
    assert _rupture(opened)[0] == 423  # and stays so until it is unlocked


def test_a_relationship_deleted_between_the_check_and_the_write_is_404(
        opened: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from mendkit.web import journal_services

    monkeypatch.setattr(journal_services, "find_relationship", lambda *_a: None)  # passed it
    with opened.app.state.mend.vault.use() as journal:  # type: ignore[attr-defined]
        journal.delete_all()
    status, error = _rupture(opened)
    monkeypatch.undo()
    assert (status, error) == (404, "there is no relationship 1 in the journal")
    assert _rupture(opened) == (404, "there is no relationship 1 in the journal")


def test_insights_say_plainly_that_saved_analyses_are_not_counted(opened: TestClient) -> None:
    from mendkit.api import analyze, load_conversation
    from mendkit.web import journal_services

    page = opened.get("/journal/relationships/1/insights").text
    assert "saved analys" not in page  # nothing to explain yet
    transcript = Path(__file__).resolve().parent.parent / "src/mendkit/examples/workplace.txt"
    analysis = analyze(load_conversation(str(transcript)), mode="rules")
    with opened.app.state.mend.vault.use() as journal:  # type: ignore[attr-defined]
        journal_services.save_analysis(journal, analysis, "Ben", relationship_id=1)
    page = opened.get("/journal/relationships/1/insights").text
    assert "1 saved analysis of a conversation is kept with this relationship" in page
    assert "These figures do not count what it found" in page


# -- rerun A: a damaged coach file from an older Mend, set aside by the web app, is told --------
def test_the_coach_page_tells_once_of_a_coach_file_set_aside(home: Path) -> None:
    folder = home / "coach" / "sessions"
    folder.mkdir(parents=True)
    (folder / "0123456789ab.json").write_text("{not json", encoding="utf-8")
    client = TestClient(create_app(Settings(home=home, journal_kdf=CHEAP_KDF)))
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    client.post("/journal/create", data={"csrf_token": found.group(1), "passphrase": PASS,
                                         "repeat": PASS})
    first = client.get("/coach").text
    assert "0123456789ab.json" in first and "unreadable" in first
    assert (folder / "unreadable" / "0123456789ab.json").read_text(encoding="utf-8") == "{not json"
    assert "0123456789ab.json" not in client.get("/coach").text  # told once
