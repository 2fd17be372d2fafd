"""The web app's journal on PostgreSQL (MEND_DATABASE_URL): the same create, unlock and lock as on
SQLite, names encrypted by Mend in the database, and no passphrase change (SQLite only for now)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("psycopg")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app

PASS = "correct horse battery"


def _token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    return found.group(1)


def test_unlock_on_postgres(pg_server: str, home: Path) -> None:
    import psycopg

    with psycopg.connect(pg_server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute("CREATE DATABASE webj")
    url = f"{pg_server}/webj"
    app = create_app(Settings(home=home, database_url=url, journal_kdf=(1, 8, 1)))
    with TestClient(app) as client:  # its shutdown locks the journal (closes the connections)
        _walk(client, url)


def _walk(client: TestClient, url: str) -> None:
    import psycopg

    page = client.get("/journal").text
    assert "Create your journal" in page and "no_encryption" not in page
    r = client.post("/journal/create", data={"csrf_token": _token(client), "no_encryption": "yes"})
    assert r.status_code == 400 and "always needs a passphrase" in r.text
    r = client.post("/journal/create", data={"csrf_token": _token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text
    assert client.post("/api/journal/relationships",
                       json={"name": "Dana Secretname", "kind": "client"}).status_code == 201
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM relationships")]
    assert len(names) == 1 and "Dana" not in names[0]
    assert "Change the passphrase" not in client.get("/about").text
    client.post("/journal/lock", data={"csrf_token": _token(client)})
    assert client.get("/api/journal/relationships").status_code == 423
    r = client.post("/journal/unlock", data={"csrf_token": _token(client), "passphrase": "nope nope"})
    assert r.status_code == 400 and "Nothing was changed" in r.text
    r = client.post("/journal/unlock", data={"csrf_token": _token(client), "passphrase": PASS})
    assert r.status_code == 200 and "Dana Secretname" in r.text
