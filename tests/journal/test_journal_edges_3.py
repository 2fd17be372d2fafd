"""The journal at its edges, third round: a practice's server under concurrent requests, what
`mend journal import` accepts, times as typed, Delete everything and the personal heads, an
unencrypted journal replaced by an encrypted one, a passphrase changed by another process, and
the Settings page's errors tied to their fields."""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

import httpx
from fastapi.testclient import TestClient
from practice_kit import make_practice
from test_accounts import SECRET

SERVE = """
import sys
from pathlib import Path
import uvicorn
from argon2 import PasswordHasher
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.accounts import Practice
app = create_app(Settings(home=Path(sys.argv[1])))
app.state.mend_practice = Practice(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def practice_server(sqlite_env: None, home: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A practice's app served by uvicorn in a process of its own (a crash there must not take
    the tests with it); yields its base URL and its log."""
    make_practice(home)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", SERVE, str(home), str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                httpx.get(base + "/login", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield base, log
        assert proc.poll() is None, f"the server died:\n{log.read_text()}"
    finally:
        proc.terminate()
        proc.wait(10)


# -- Bug 1: a practice's server under concurrent requests ----------------------------------------
@pytest.mark.slow
def test_a_practice_server_answers_many_requests_at_once_from_one_person(
        practice_server: tuple[str, Path]) -> None:
    base, log = practice_server
    with httpx.Client(base_url=base, timeout=60) as browser:
        page = browser.get("/login").text
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found
        r = browser.post("/login", data={"csrf_token": found.group(1), "username": "sam",
                                         "password": SECRET})
        assert r.status_code == 303, r.text

        def ping(_: int) -> object:
            try:
                return browser.get("/check").status_code
            except httpx.HTTPError as exc:
                return type(exc).__name__

        for _ in range(3):
            with cf.ThreadPoolExecutor(16) as pool:
                assert list(pool.map(ping, range(16))) == [200] * 16, log.read_text()
    assert "Traceback" not in log.read_text()


# -- insights-report 1: `mend journal import` checks entry bodies as `add` and the web do --------
def _import(tmp_path: Path, entries: list[dict[str, object]]) -> Path:
    export = {"format": "mend-journal/1",
              "relationships": [{"id": 1, "kind": "friend", "name": "W", "notes": ""}],
              "entries": entries}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


BAD_BODIES = [
    ("analysis", {"client": "C", "analysis": {"turns": "nope"}},
     "the analysis must be the JSON of `mend analyze --json`"),
    ("analysis", {"client": "C", "analysis": {"turns": [{"index": "x"}]}},
     "the analysis must be the JSON of `mend analyze --json`"),
    ("rupture", {"what": None, "labels": [None]}, "what happened must be text"),
    ("rupture", {"what": "late", "labels": [None]}, "labels are a list of label names"),
    ("rupture", {"what": "late", "severity": 9}, "severity is a whole number 1-5"),
    ("repair", {"message": "sorry", "uptake": "accepted", "by": 5}, "who reached out is me or them"),
]


@pytest.mark.parametrize(("kind", "body", "expected"), BAD_BODIES)
def test_import_refuses_an_entry_body_of_the_wrong_shape_naming_the_file_and_entry(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], *,
        kind: str, body: dict[str, object], expected: str) -> None:
    from mendkit.cli.main import main

    good = {"id": 1, "kind": "rupture", "relationship_id": 1, "occurred_at": "2026-11-02T10:00",
            "body": {"what": "a fine one", "labels": ["rupture.withdrawal"]}}
    path = _import(tmp_path, [good, {"id": 2, "kind": kind, "relationship_id": 1,
                                     "occurred_at": "2026-11-05", "body": body}])
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: entries[1]: " in err and expected in err and "Traceback" not in err
    assert main(["journal", "list"]) == 0
    assert capsys.readouterr().out == "Your journal is empty.\n"  # nothing of the file was imported


def test_an_export_with_a_real_analysis_imports_back(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.api import analyze, load_conversation
    from mendkit.cli.main import main

    talk = tmp_path / "talk.txt"
    talk.write_text("A: You never listen to me.\nB: I'm sorry, you're right.\n", encoding="utf-8")
    analysis = analyze(load_conversation(str(talk))).to_dict()
    path = _import(tmp_path, [{"id": 1, "kind": "analysis", "relationship_id": None,
                               "occurred_at": "2026-11-05",
                               "body": {"client": "C", "analysis": analysis}}])
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(path)]) == 0
    assert "imported 1 relationship and 1 entry" in capsys.readouterr().out


# -- insights-report 2: `--when` is stored as the ISO time it means ------------------------------
@pytest.mark.parametrize(("typed", "stored"), [(" 2026-11-20", "2026-11-20"),
                                               ("2026-11-21 ", "2026-11-21"),
                                               ("20261201", "2026-12-01"),
                                               ("2026-W49", "2026-11-30"),
                                               ("2026-11-22 18:30", "2026-11-22T18:30:00")])
def test_add_when_stores_the_time_in_iso_and_the_export_imports_back(
        sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], *, typed: str, stored: str) -> None:
    from mendkit.cli.main import main

    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sis"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "borrowed car",
                 "--when", typed]) == 0
    capsys.readouterr()
    export = tmp_path / "out.json"
    assert main(["journal", "export", str(export)]) == 0
    assert json.loads(export.read_text(encoding="utf-8"))["entries"][0]["occurred_at"] == stored
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "second"))
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(export)]) == 0
    assert "imported 1 relationship and 1 entry" in capsys.readouterr().out


# -- the web journal on SQLite ---------------------------------------------------------------------
WEB_PASS = "correct horse battery"


@pytest.fixture
def web(sqlite_env: None, home: Path) -> Iterator[TestClient]:
    from mendkit.config import Settings
    from mendkit.web import create_app

    with TestClient(create_app(Settings(home=home, journal_kdf=(1, 8, 1)))) as client:
        yield client


def _token(client: TestClient, page: str = "/journal") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


# insights-report 3: the web's Delete everything deletes the personal heads too, and says so
def test_web_delete_everything_also_deletes_the_personal_heads(web: TestClient, home: Path
                                                                ) -> None:
    from mendkit.models.personal import PersonalHeads, fingerprint, load, save

    r = web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                          "repeat": WEB_PASS})
    assert r.status_code == 200
    heads = PersonalHeads(labels=("rupture.invalidation",), corrections=1, memory={
        ("rupture.invalidation", fingerprint("Sorry you feel that way."), ""): False})
    path = save(heads, home)
    r = web.post("/journal/delete", data={"csrf_token": _token(web, "/about"), "confirm": "DELETE"})
    assert r.status_code == 200
    assert not path.exists() and load(home) is None
    assert "personal heads" in r.text and "mend train" in r.text


# insights-report 7: an empty unencrypted journal can be replaced by an encrypted one
def test_web_an_emptied_unencrypted_journal_can_be_created_again_with_a_passphrase(
        web: TestClient, home: Path) -> None:
    from mendkit.journal.crypto import Sidecar
    from mendkit.journal.repository import Journal, sidecar_path

    r = web.post("/journal/create", data={"csrf_token": _token(web), "no_encryption": "yes"})
    assert r.status_code == 200
    assert "To protect it, export it, delete everything and create a new one" in r.text
    assert web.post("/api/journal/relationships",
                    json={"name": "Dana", "kind": "friend"}).status_code == 201
    r = web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                          "repeat": WEB_PASS})
    assert r.status_code == 400  # not while it holds something
    assert "delete everything" in r.text and "is locked" not in r.text
    r = web.post("/journal/delete", data={"csrf_token": _token(web, "/about"), "confirm": "DELETE"})
    assert r.status_code == 200
    r = web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                          "repeat": WEB_PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text
    assert Sidecar.read(sidecar_path(home)).encrypted
    web.post("/journal/lock", data={"csrf_token": _token(web)})
    assert "Unlock" in web.get("/journal").text
    with Journal.open(home, WEB_PASS) as journal:
        assert journal.relationships() == []


def test_init_with_a_passphrase_replaces_an_empty_unencrypted_journal_only(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.cli.main import main
    from mendkit.journal.crypto import Sidecar
    from mendkit.journal.repository import sidecar_path

    monkeypatch.delenv("MEND_PASSPHRASE")
    assert main(["journal", "init", "--no-encryption"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sis"]) == 0
    monkeypatch.setenv("MEND_PASSPHRASE", WEB_PASS)
    capsys.readouterr()
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert "not encrypted" in err and "delete" in err and "Traceback" not in err
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    assert main(["journal", "init"]) == 0
    assert Sidecar.read(sidecar_path(home)).encrypted
    assert main(["journal", "list"]) == 0
    monkeypatch.delenv("MEND_PASSPHRASE")
    capsys.readouterr()
    assert main(["journal", "list"]) == 1  # encrypted now: no passphrase, no journal


# a11y-report 6: an error is tied to the field it is about, which gets the focus
def _input(page: str, field: str) -> str:
    found = re.search(rf'<input id="{field}"[^>]*>', page)
    assert found, field
    return found.group(0)


def _about_field(tag: str) -> bool:
    return ('aria-describedby="journal-error"' in tag and 'aria-invalid="true"' in tag
            and "autofocus" in tag)


@pytest.mark.parametrize(("form", "field"), [
    ({"current": "not the passphrase", "new": "abcdefgh1", "repeat": "abcdefgh1"}, "current"),
    ({"current": WEB_PASS, "new": "short", "repeat": "short"}, "new"),
    ({"current": WEB_PASS, "new": "abcdefgh1", "repeat": "abcdefgh2"}, "repeat"),
    ({"confirm": "delete"}, "confirm")])
def test_a_settings_error_describes_and_focuses_its_own_field_only(
        web: TestClient, form: dict[str, str], field: str) -> None:
    web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                      "repeat": WEB_PASS})
    action = "/journal/delete" if "confirm" in form else "/journal/passphrase"
    r = web.post(action, data={"csrf_token": _token(web, "/about"), **form})
    assert r.status_code == 400 and 'id="journal-error"' in r.text
    assert _about_field(_input(r.text, field))
    for other in {"current", "new", "repeat", "confirm"} - {field}:
        tag = _input(r.text, other)
        assert "journal-error" not in tag and "aria-invalid" not in tag and "autofocus" not in tag


@pytest.mark.parametrize(("form", "field"), [({"passphrase": "short", "repeat": "short"},
                                              "passphrase"),
                                             ({"passphrase": WEB_PASS, "repeat": "other words"},
                                              "repeat")])
def test_a_journal_creation_error_describes_and_focuses_its_field(
        web: TestClient, form: dict[str, str], field: str) -> None:
    r = web.post("/journal/create", data={"csrf_token": _token(web), **form})
    assert r.status_code == 400
    tag = _input(r.text, field)
    assert "door-error" in tag and 'aria-invalid="true"' in tag and "autofocus" in tag
    other = _input(r.text, "repeat" if field == "passphrase" else "passphrase")
    assert "door-error" not in other and "autofocus" not in other


def test_a_failed_practice_sign_in_describes_both_fields_and_focuses_the_first(
        sqlite_env: None, home: Path) -> None:
    from practice_kit import practice_app, token

    make_practice(home)
    with practice_app(home) as client:
        r = client.post("/login", data={"csrf_token": token(client), "username": "sam",
                                        "password": "not the password"})
    assert r.status_code in (400, 401) and 'id="login-problem"' in r.text
    assert "autofocus" in _input(r.text, "username")
    assert 'aria-describedby="login-problem"' in _input(r.text, "password")


# insights-report 8: a passphrase changed by another process locks the web's journal
def test_a_passphrase_changed_elsewhere_asks_for_the_new_one(web: TestClient, home: Path) -> None:
    from mendkit.journal.repository import Journal

    web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                      "repeat": WEB_PASS})
    assert web.post("/api/journal/relationships",
                    json={"name": "Dana", "kind": "friend"}).status_code == 201
    with Journal.open(home, WEB_PASS) as other:  # as `mend journal rekey` does
        other.rekey(home, "brand new phrase")
    r = web.get("/api/journal/relationships")
    assert r.status_code == 423
    assert "passphrase was changed" in r.json()["error"] and "could not be written" not in r.text
    page = web.get("/journal").text
    assert "Unlock your journal" in page and "could not be written" not in page
    r = web.post("/journal/unlock", data={"csrf_token": _token(web),
                                          "passphrase": "brand new phrase"})
    assert r.status_code == 200 and "Dana" in r.text


# insights-report 9: small texts
def test_an_analysis_summary_counts_one_episode_in_the_singular() -> None:
    from mendkit.journal.repository import Entry
    from mendkit.web.journal_services import entry_summary

    one = Entry(id=1, kind="analysis", relationship_id=None, occurred_at="2026-11-05",
                body={"client": "X", "analysis": {"summary": {"turns": 1, "episodes": 1}}})
    assert entry_summary(one) == "Analysis for X: 1 turn, 1 episode"


def test_journal_list_of_a_relationship_that_is_not_there_says_so(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.cli.main import main

    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "list", "--rel", "99"]) == 1
    assert "no relationship 99" in capsys.readouterr().err


def test_web_refuses_a_new_passphrase_that_is_the_current_one(web: TestClient) -> None:
    web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                      "repeat": WEB_PASS})
    r = web.post("/journal/passphrase", data={"csrf_token": _token(web, "/about"),
                                              "current": WEB_PASS, "new": WEB_PASS,
                                              "repeat": WEB_PASS})
    assert r.status_code == 400 and "the same as the current one" in r.text
    assert _about_field(_input(r.text, "new"))


def test_odd_bodies_stored_before_import_checked_them_do_not_break_the_pages(
        web: TestClient, home: Path) -> None:
    """Entries of another shape may still be in a journal imported before import checked bodies
    (written here straight into the table, as such an import did)."""
    from mendkit.journal.repository import Journal
    from mendkit.journal.tables import EntryRow

    web.post("/journal/create", data={"csrf_token": _token(web), "passphrase": WEB_PASS,
                                      "repeat": WEB_PASS})
    assert web.post("/api/journal/relationships",
                    json={"name": "Dana", "kind": "friend"}).status_code == 201
    odd = [("analysis", {"client": "c", "analysis": {"turns": [], "summary": "none"}}),
           ("analysis", {"client": "d", "analysis": "not an object"}),
           ("rupture", {"what": None, "labels": [None, 5]})]
    with Journal.open(home, WEB_PASS) as other, other.transaction() as s:
        s.add_all(EntryRow(kind=kind, relationship_id=1, occurred_at="2026-03-01T10:00:00",
                           body=json.dumps(body), ref=None) for kind, body in odd)
    page = web.get("/journal/relationships/1")
    assert page.status_code == 200
    assert "Analysis for c: ? turns, ? episodes" in page.text
    for entry in (1, 2, 3):
        assert web.get(f"/journal/entries/{entry}").status_code == 200
