"""The web app under a tester's attacks: sign-ins sent together, private pages kept by a browser's
cache, a client that goes away mid-upload, and the Host check and address of `mend serve`."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.errors import NotSignedInError, TooManyAttemptsError
from mendkit.journal.accounts import Accounts, LoginLimiter
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal
from mendkit.web import create_app
from mendkit.web.accounts import Practice

PASS = "correct horse battery staple"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
FAST_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
SECRET = "plum-tree-evening-42"


class GatedHasher(PasswordHasher):
    """A cheap hasher whose checks wait at a gate, so that sign-ins overlap as they would under
    argon2's real cost; it counts the password checks made."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.gate = threading.Event()
        self.inside = threading.Semaphore(0)
        self.checks = 0
        self._count = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._count:
            self.checks += 1
        self.inside.release()
        self.gate.wait(10)
        return super().verify(hash, password)


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    with Journal.create(tmp_path / "home", PASS, kdf=CHEAP) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        accounts.enable()
        accounts.add_user("sam", "client", SECRET)
        yield journal


# -- websec 1: sign-ins sent together get no more password checks than the limit ------------
def test_sign_ins_sent_together_get_at_most_five_password_checks(practice: Journal) -> None:
    hasher = GatedHasher()
    accounts = Accounts(practice, hasher=hasher)
    outcomes: list[str] = []

    def guess(i: int) -> None:
        try:
            accounts.authenticate("sam", f"guess-{i}", address="203.0.113.9")
        except TooManyAttemptsError:
            outcomes.append("429")
        except NotSignedInError:
            outcomes.append("401")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    while outcomes.count("429") < 7 and time.monotonic() < deadline:
        time.sleep(0.01)
    hasher.gate.set()
    for thread in threads:
        thread.join(15)
    assert hasher.checks == 5
    assert sorted(outcomes) == ["401"] * 5 + ["429"] * 7


def test_a_good_sign_in_does_not_count_against_the_address(practice: Journal) -> None:
    # An address limit of five, and someone else's failures: sam's own are forgiven on success.
    accounts = Accounts(practice, hasher=FAST_HASH,
                        limiter=LoginLimiter(max_address_failures=5))
    for _ in range(4):
        with pytest.raises(NotSignedInError):
            accounts.authenticate("nobody", "wrong-password-1", address="203.0.113.9")
    for _ in range(3):  # the one right password leaves the address one try to spare
        assert accounts.authenticate("sam", SECRET, address="203.0.113.9").username == "sam"
    with pytest.raises(NotSignedInError):
        accounts.authenticate("nobody", "wrong-password-1", address="203.0.113.9")
    with pytest.raises(TooManyAttemptsError):
        accounts.authenticate("sam", SECRET, address="203.0.113.9")


# -- websec 3: a sign-in keeps no write open while the password is checked -------------------
def test_others_can_write_while_a_password_is_checked(practice: Journal) -> None:
    hasher = GatedHasher()
    accounts = Accounts(practice, hasher=hasher)
    signed = Accounts(practice, hasher=FAST_HASH).sign_in("sam", SECRET, address="198.51.100.1")
    worker = threading.Thread(
        target=lambda: accounts.sign_in("sam", SECRET, address="203.0.113.9"))
    worker.start()
    try:
        assert hasher.inside.acquire(timeout=5)  # the slow password check is running now
        started = time.monotonic()
        # A signed-in person's page writes (it refreshes the session's idle timer).
        assert accounts.session_user(signed.token).username == "sam"
        assert time.monotonic() - started < 2
    finally:
        hasher.gate.set()
        worker.join(15)


def test_a_busy_journal_is_a_503_to_try_again_not_a_400_blaming_another_process(
        practice: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def busy(*_args: Any, **_kwargs: Any) -> None:
        with practice.transaction():
            raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(Accounts, "sign_in", busy)
    app = create_app(Settings(home=tmp_path / "home"))
    app.state.mend_practice = Practice(hasher=FAST_HASH)
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    with TestClient(app) as client:
        page = client.get("/login").text
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found
        r = client.post("/login", data={"csrf_token": found.group(1), "username": "sam",
                                        "password": SECRET})
    assert r.status_code == 503
    assert r.headers["retry-after"].isdigit()
    assert "busy" in r.text and "Try again in a moment" in r.text
    assert "another Mend process" not in r.text and "database is locked" not in r.text


# -- websec 2: a browser keeps no copy of private pages --------------------------------------
def test_pages_and_api_answers_are_not_stored_but_static_files_may_be(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path / "home")))
    r = client.post("/api/check", json={"text": "  "})  # an error answer is not kept either
    assert r.status_code == 400, r.text
    assert r.headers["cache-control"] == "no-store"
    for path in ("/analyse", "/journal", "/api/journal/entries", "/no-such-page"):
        assert client.get(path).headers.get("cache-control") == "no-store", path
    assert "no-store" not in client.get("/static/mend.css").headers.get("cache-control", "")


# -- websec 4: a client that goes away mid-upload is no error --------------------------------
@pytest.mark.parametrize("path", ["/analyse", "/coach/0123456789ab"])
def test_a_client_that_drops_the_connection_mid_form_is_not_an_error(tmp_path: Path,
                                                                     path: str) -> None:
    app = create_app(Settings(home=tmp_path / "home"))
    sent: list[dict[str, Any]] = []
    parts = iter([{"type": "http.request", "body": b"text=hello", "more_body": True},
                  {"type": "http.disconnect"}])

    async def receive() -> dict[str, Any]:
        return next(parts, {"type": "http.disconnect"})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8765),
             "headers": [(b"host", b"127.0.0.1:8765"), (b"content-length", b"1000"),
                         (b"content-type", b"application/x-www-form-urlencoded")]}
    asyncio.run(app(scope, receive, send))  # no ClientDisconnect comes out (a traceback)
    assert not any(m.get("status") == 500 for m in sent)


# -- websec 5 and 6, install 5: `mend serve` ---------------------------------------------------
@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    from mendkit.analysis import pipeline

    found: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:
        found.update(app=app, **options)

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(pipeline, "warm_up", lambda: None)
    monkeypatch.delenv("MEND_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    return found


@pytest.mark.parametrize("host", ["127.0.0.2", "127.1"])
def test_any_loopback_address_gets_the_host_check_and_no_warning(
        served: dict[str, Any], capsys: pytest.CaptureFixture[str], host: str) -> None:
    assert main(["serve", "--host", host, "--port", "18961"]) == 0
    assert "anyone who can reach" not in capsys.readouterr().err
    client = TestClient(served["app"])
    assert client.get("/analyse", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/analyse", headers={"host": "127.0.0.1:18961"}).status_code == 200
    assert client.get("/analyse", headers={"host": f"{host}:18961"}).status_code == 200


def test_an_ipv6_address_is_written_in_brackets(served: dict[str, Any],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "::1", "--port", "18962"]) == 0
    assert "http://[::1]:18962/" in capsys.readouterr().out


# What uvicorn logs when a second Ctrl-C cancels the app's lifespan while it shuts down.
_FORCED_STOP = ("Traceback (most recent call last):\n  File \"starlette/routing.py\", line 668, "
                "in lifespan\n    await receive()\n    await getter\n"
                "asyncio.exceptions.CancelledError")


@pytest.mark.parametrize(("debug", "shown"), [([], False), (["--debug"], True)])
def test_a_second_ctrl_c_stops_without_a_traceback(
        served: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], debug: list[str], shown: bool) -> None:
    import logging.config

    import uvicorn

    def run(app: Any, **options: Any) -> None:
        logging.config.dictConfig(options.get("log_config") or uvicorn.config.LOGGING_CONFIG)
        logging.getLogger("uvicorn.error").error(_FORCED_STOP)
        logging.getLogger("uvicorn.error").error("Application startup failed. Exiting.")

    monkeypatch.setattr(uvicorn, "run", run)
    # dictConfig adds filters to a logger and never removes one: each run starts without.
    monkeypatch.setattr(logging.getLogger("uvicorn.error"), "filters", [])
    assert main([*debug, "serve", "--port", "18963"]) == 0
    err = capsys.readouterr().err
    assert ("Traceback" in err) is shown
    assert "Application startup failed" in err  # other errors are still said
