"""The journal on PostgreSQL, round six: a server that holds the old key after `mend journal rekey`
refuses to write (nothing is ever written under a key that no longer opens the journal), a
database that cannot be reached answers 503 in words, and a wrong MEND_DATABASE_URL is named."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from mendkit.cli.main import main
from mendkit.errors import JournalError
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"
NEW = "a brand new passphrase"


def _url() -> str:
    return os.environ["MEND_DATABASE_URL"]


def _made(home: Path) -> None:
    with Journal.create(home, PASS, url=_url()) as journal:
        rel = journal.add_relationship("Alice", "partner")
        journal.add_entry("checkin", {"score": 7}, occurred_at="2026-01-02T10:00:00+00:00",
                          relationship_id=rel.id)


def _rekey_elsewhere(home: Path) -> None:
    with Journal.open(home, PASS, url=_url()) as other:  # as `mend journal rekey` does
        other.rekey(home, NEW)


# -- 1. a running server keeps the old key after `mend journal rekey` ----------------------------
@pytest.mark.usefixtures("postgres_env")
def test_a_journal_opened_before_a_rekey_elsewhere_refuses_every_write(home: Path) -> None:
    _made(home)
    with Journal.open(home, PASS, url=_url()) as server:
        _rekey_elsewhere(home)
        writes = [lambda: server.add_relationship("AfterRekey", "friend"),
                  lambda: server.add_entry("checkin", {"score": 3},
                                           occurred_at="2026-01-03T10:00:00+00:00"),
                  lambda: server.add_entries([("checkin", {"score": 4},
                                               "2026-01-03T11:00:00+00:00", None)]),
                  lambda: server.put("checkin", {"score": 5},
                                     occurred_at="2026-01-03T12:00:00+00:00")]
        for write in writes:
            with pytest.raises(JournalError, match="passphrase was changed elsewhere") as caught:
                write()
            assert "nothing" in str(caught.value).lower()
    with Journal.open(home, NEW, url=_url()) as journal:  # everything opens with the new one
        data = journal.export()
    assert [r["name"] for r in data["relationships"]] == ["Alice"]
    assert [e["body"] for e in data["entries"]] == [{"score": 7}]
    with pytest.raises(JournalError, match="does not match"):
        Journal.open(home, PASS, url=_url())


@pytest.mark.usefixtures("postgres_env")
def test_writes_racing_a_rekey_all_stay_readable_under_the_new_key(home: Path) -> None:
    _made(home)
    saved: list[int] = []
    refused: list[str] = []
    with Journal.open(home, PASS, url=_url()) as server:
        started = threading.Event()

        def writer() -> None:
            for n in range(400):
                try:
                    saved.append(server.add_relationship(f"Person {n}", "friend").id)
                except JournalError as exc:
                    refused.append(str(exc))
                    return
                started.set()

        thread = threading.Thread(target=writer)
        thread.start()
        started.wait(10)
        _rekey_elsewhere(home)
        thread.join(30)
    assert refused and "passphrase was changed elsewhere" in refused[0]
    with Journal.open(home, NEW, url=_url()) as journal:
        ids = [r.id for r in journal.relationships()]  # every name decrypts under the new key
    assert sorted(saved) == ids[1:]


@pytest.mark.usefixtures("postgres_env")
def test_the_web_app_says_the_passphrase_changed_and_writes_nothing(home: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    _made(home)
    app = create_app(Settings(home=home, database_url=_url(), journal_kdf=(1, 8, 1)))
    with TestClient(app) as client:
        app.state.mend.vault.unlock(PASS)
        assert client.get("/api/journal/relationships").status_code == 200
        _rekey_elsewhere(home)
        r = client.post("/api/journal/relationships", json={"name": "AfterRekey",
                                                             "kind": "friend"})
        assert r.status_code == 423
        assert "passphrase was changed elsewhere" in r.json()["error"]
        for path in ("/api/journal/relationships", "/api/journal/entries"):
            r = client.get(path)
            assert r.status_code == 423 and "changed elsewhere" in r.json()["error"], path
        app.state.mend.vault.unlock(NEW)
        r = client.get("/api/journal/relationships")
        assert r.status_code == 200 and [x["name"] for x in r.json()] == ["Alice"]


@pytest.mark.usefixtures("postgres_env")
def test_a_practice_on_postgres_refuses_an_entry_after_a_rekey_and_keeps_every_one(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastapi")
    from practice_kit import make_practice, practice_app, signed_in, token

    make_practice(home, (("robin", "therapist"), ("sam", "client")))
    with practice_app(home) as web:
        sam = signed_in(web, "sam")
        form = token(sam, "/practice/client")
        r = sam.post("/practice/entries", data={"csrf_token": form, "kind": "checkin",
                                                "score": "4"}, follow_redirects=False)
        assert r.status_code == 303
        _rekey_elsewhere(home)
        r = sam.post("/practice/entries", data={"csrf_token": form, "kind": "checkin",
                                                "score": "6"}, follow_redirects=False)
        assert r.status_code == 503
        assert "key was changed" in r.text and "restart" in r.text
        assert sam.get("/practice/client").status_code == 503
    monkeypatch.setenv("MEND_PASSPHRASE", NEW)  # restarted with the new key
    with practice_app(home) as web:
        page = signed_in(web, "sam").get("/practice/client")
        assert page.status_code == 200
        assert "4" in page.text and "score 6" not in page.text
    with Journal.open(home, NEW, url=_url()) as journal, journal.engine.connect() as conn:
        from sqlalchemy import text

        bodies = [json.loads(journal.cipher.decrypt(b))
                  for (b,) in conn.execute(text("SELECT body FROM entries"))]
    # the body also keeps what the safety reading found at save time (round 15)
    assert [{k: v for k, v in b.items() if k != "mend_safety"} for b in bodies] == [{"score": 4}]


# -- 2. the database cannot be reached while the server runs ---------------------------------------
def _allow_connections(allowed: bool) -> None:
    import psycopg

    server, name = _url().replace("postgresql+psycopg", "postgresql").rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {str(allowed).lower()}")
        if not allowed:  # as when the server stops: every open connection is cut
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s", (name,))


@pytest.mark.usefixtures("postgres_env")
def test_a_database_that_cannot_be_reached_answers_503_in_words(
        home: Path, caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    _made(home)
    app = create_app(Settings(home=home, database_url=_url(), journal_kdf=(1, 8, 1)))
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.mend.vault.unlock(PASS)
        assert client.get("/api/journal/entries").status_code == 200
        _allow_connections(False)
        try:
            for path in ("/api/journal/entries", "/api/journal/relationships",
                         "/api/journal/insights/1", "/api/journal/entries"):
                r = client.get(path)
                assert r.status_code == 503, (path, r.text)
                said = r.json()["error"]
                assert "journal's database cannot be reached" in said, path
                assert "could not be written" not in said and "Traceback" not in said, path
            r = client.post("/api/journal/relationships", json={"name": "B", "kind": "friend"})
            assert r.status_code == 503 and "was not saved" in r.json()["error"]
            r = client.get("/journal")
            assert r.status_code == 503 and "cannot be reached" in r.text
        finally:
            _allow_connections(True)
        r = client.get("/api/journal/relationships")  # back by itself
        assert r.status_code == 200 and [x["name"] for x in r.json()] == ["Alice"]


# -- 3 and 5. a MEND_DATABASE_URL that cannot be used, or a server that cannot be reached ----------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.usefixtures("sqlite_env")
@pytest.mark.parametrize(("url", "named"), [
    ("postgresql+psycopg://u:pw@127.0.0.1:notaport/db", "the port 'notaport' is not a number"),
    ("mysql://u:pw@127.0.0.1/x", "only postgresql+psycopg is supported"),
    ("postgresql+psycopg2://u:pw@127.0.0.1:5432/db", "only postgresql+psycopg is supported"),
])
@pytest.mark.parametrize("command", [["journal", "list"], ["journal", "export", "-"],
                                     ["accounts", "list"], ["serve", "--port", "0"]])
def test_a_database_url_mend_cannot_use_is_named(
        url: str, named: str, command: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_DATABASE_URL", url)
    if command[0] == "serve":
        command = ["serve", "--port", str(_free_port())]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "MEND_DATABASE_URL is not a database URL" in err and named in err
    assert "internal error" not in err and "pw" not in err.replace("pw@", "")


@pytest.mark.usefixtures("postgres_env")
def test_serve_says_why_the_database_cannot_be_reached(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    server = _url().rsplit("/", 1)[0]
    monkeypatch.setenv("MEND_DATABASE_URL", f"{server}/no_such_db_here")
    assert main(["serve", "--port", str(_free_port())]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the journal's database" in err
    assert 'database "no_such_db_here" does not exist' in err
    monkeypatch.setenv("MEND_DATABASE_URL",
                       f"postgresql+psycopg://u:SeCrEtPw@127.0.0.1:{_free_port()}/db")
    assert main(["serve", "--port", str(_free_port())]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the journal's database" in err and "refused" in err.lower()
    assert "SeCrEtPw" not in err and "OperationalError" not in err


# -- 6. an id a PostgreSQL journal cannot hold -------------------------------------------------------
@pytest.mark.usefixtures("postgres_env")
@pytest.mark.parametrize("big", [2**31, 99999999999])
def test_an_id_too_large_for_a_postgres_journal_is_refused_by_the_importer_in_words(
        home: Path, tmp_path: Path, big: int, capsys: pytest.CaptureFixture[str]) -> None:
    export = {"format": "mend-journal/1",
              "relationships": [{"id": 1, "name": "A", "kind": "partner", "notes": ""}],
              "entries": [{"body": {"score": 3}, "id": big, "kind": "checkin",
                           "occurred_at": "2026-12-06T12:21:26+00:00", "relationship_id": 1}]}
    source = tmp_path / "bigid.json"
    source.write_text(json.dumps(export))
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(source)]) == 1
    err = capsys.readouterr().err
    assert (f'bigid.json: entries[0]: "id" should be a whole number from 1 to 2147483647, '
            f"found {big}") in err
    assert "Try again" not in err
    with Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL")) as journal:
        assert journal.relationships() == [] and journal.entries() == []
    export["entries"][0]["id"] = 2**31 - 1  # the largest fits both
    source.write_text(json.dumps(export))
    assert main(["journal", "import", str(source)]) == 0


# -- 4. correct sign-ins sent together from one address -----------------------------------------------
def test_sign_ins_in_flight_make_others_wait_not_fail_as_if_they_had_failed() -> None:
    from mendkit.errors import TooManyAttemptsError
    from mendkit.journal.accounts import LoginLimiter

    limiter = LoginLimiter(max_failures=2, max_address_failures=2)
    first = limiter.reserve("a", "10.0.0.1")
    second = limiter.reserve("b", "10.0.0.1")  # both passwords still being checked
    got: list[object] = []
    third = threading.Thread(target=lambda: got.append(limiter.reserve("c", "10.0.0.1")))
    third.start()
    third.join(0.3)
    assert third.is_alive()  # it waits for one of the two, instead of refusing
    limiter.succeeded("a", "10.0.0.1", first)
    third.join(5)
    assert len(got) == 1
    limiter.succeeded("b", "10.0.0.1", second)
    limiter.succeeded("c", "10.0.0.1", got[0])  # type: ignore[arg-type]
    # Real failures still lock the address out, with the real wait.
    for name in ("d", "e"):
        limiter.reserve(name, "10.0.0.1")
        limiter.failed_attempt(name, "10.0.0.1")
    with pytest.raises(TooManyAttemptsError, match="paused after") as caught:
        limiter.reserve("f", "10.0.0.1")
    assert caught.value.retry_after > 60


def test_sign_ins_that_stay_in_flight_too_long_are_told_so_honestly() -> None:
    from mendkit.errors import TooManyAttemptsError
    from mendkit.journal.accounts import LoginLimiter

    limiter = LoginLimiter(max_failures=1, max_address_failures=1, wait=0.2)
    limiter.reserve("a", "10.0.0.2")
    with pytest.raises(TooManyAttemptsError) as caught:
        limiter.reserve("b", "10.0.0.2")
    said = str(caught.value)
    assert "at once" in said and "failed" not in said and "minute" not in said
    assert caught.value.retry_after <= 5


@pytest.mark.usefixtures("postgres_env")
def test_a_read_first_after_a_rekey_elsewhere_says_so_too(home: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    _made(home)
    app = create_app(Settings(home=home, database_url=_url(), journal_kdf=(1, 8, 1)))
    with TestClient(app) as client:
        app.state.mend.vault.unlock(PASS)
        _rekey_elsewhere(home)
        for path in ("/api/journal/entries", "/api/journal/relationships"):
            r = client.get(path)
            assert r.status_code == 423 and "changed elsewhere" in r.json()["error"], path
            assert "does not match" not in r.json()["error"]


def test_init_without_encryption_is_refused_on_postgres(
        postgres_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    """--no-encryption was silently ignored there (a PostgreSQL journal is always encrypted)."""
    from mendkit.cli.main import main

    assert main(["journal", "init", "--no-encryption"]) == 1
    assert "a PostgreSQL journal is always encrypted" in capsys.readouterr().err
