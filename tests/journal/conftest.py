"""Journal fixtures: every test runs against SQLite (SQLCipher) and a real PostgreSQL server.

The server is Debian's ``postgresql`` (installed by the Makefile and .ci/run): initdb as the
``postgres`` user into a temp dir, a free loopback port, fsync off, stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHEAP_KDF = "1,8,1"  # argon2id time_cost, memory_kib, parallelism: tests only


def _pg_bin() -> Path:
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin/initdb")), key=lambda p: int(p.parts[-3]))
    if not versions:
        pytest.fail("PostgreSQL binaries are missing: install Debian's postgresql (make test does)")
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    bin_ = _pg_bin()
    data = Path(tempfile.mkdtemp(prefix="mend-pg-"))
    shutil.chown(data, "postgres", "postgres")
    port = _free_port()

    def as_pg(cmd: str) -> None:
        subprocess.run(["su", "postgres", "-c", cmd], check=True, capture_output=True)

    as_pg(f"{bin_}/initdb -D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
    as_pg(f"{bin_}/pg_ctl -D {data} -l {data}/server.log -w -t 60 -o "
          f"'-c listen_addresses=127.0.0.1 -p {port} -k /tmp -c fsync=off' start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        as_pg(f"{bin_}/pg_ctl -D {data} -m fast -w stop")
        shutil.rmtree(data, ignore_errors=True)


_counter = iter(range(10**6))


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Sets the environment for one backend; returns its name. Each test gets a fresh database."""
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    if request.param == "postgres":
        _new_database(request, monkeypatch)
    return str(request.param)


def _new_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    server: str = request.getfixturevalue("pg_server")
    name = f"j{os.getpid()}_{next(_counter)}"
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    monkeypatch.setenv("MEND_DATABASE_URL", f"{server}/{name}")


@pytest.fixture
def postgres_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL only (for what only a PostgreSQL journal does): a fresh database."""
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    _new_database(request, monkeypatch)


@pytest.fixture
def sqlite_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)


@pytest.fixture
def home() -> Path:
    """This test's MEND_HOME (set by the top-level conftest)."""
    return Path(os.environ["MEND_HOME"])


@pytest.fixture
def london() -> Iterator[None]:
    """This process's local time zone is Europe/London (GMT in winter, BST in summer) for one
    test, then what it was before."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()
