"""A practice's edges: passwords (length, spaces, Unicode), prompts that end, `mend accounts`
options out of range, a bad database URL, and `mend serve` for a practice (its key, the sign-in
limit behind no proxy, a port in use)."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_accounts import CHEAP, FAST_HASH, PASS, SECRET

from mendkit.cli.main import main
from mendkit.errors import InvalidInputError, NotSignedInError
from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import Journal


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def practice(backend: str, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> None:
    _make_practice(capsys, monkeypatch)


def _make_practice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A practice journal made with the CLI, with one client, "dave"."""
    assert run(["journal", "init"], capsys)[0] == 0
    assert run(["accounts", "init"], capsys)[0] == 0
    monkeypatch.setenv("MEND_NEW_PASSWORD", SECRET)
    assert run(["accounts", "add", "--username", "dave", "--role", "client"], capsys)[0] == 0
    monkeypatch.delenv("MEND_NEW_PASSWORD")


@pytest.fixture
def accounts(backend: str, home: Path) -> Iterator[Accounts]:
    with Journal.create(home, PASS, url=os.environ.get("MEND_DATABASE_URL"), kdf=CHEAP) as j:
        acc = Accounts(j, hasher=FAST_HASH)
        acc.enable()
        yield acc


Served = list[tuple[Any, dict[str, Any]]]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """What `mend serve` handed to uvicorn (uvicorn.run is replaced: nothing is served); the
    journals the apps opened are closed at the end."""
    import uvicorn

    calls: Served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setattr("mendkit.analysis.pipeline.warm_up", lambda: None)
    yield calls
    for app, _ in calls:
        app.state.mend.vault.lock()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- passwords -----------------------------------------------------------------------------------
def test_a_password_of_spaces_or_one_repeated_character_is_refused(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for password, expected in ((" " * 12, "at least 10 characters that are not spaces"),
                               ("ab cd  ef  g", "at least 10 characters that are not spaces"),
                               ("x" * 16, "one character repeated")):
        monkeypatch.setenv("MEND_NEW_PASSWORD", password)
        code, _, err = run(["accounts", "add", "--username", "kit", "--role", "client"], capsys)
        assert code == 1 and expected in err and "Traceback" not in err
    assert "kit" not in run(["accounts", "list"], capsys)[1]


def test_a_password_longer_than_the_sign_in_form_takes_is_refused(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_NEW_PASSWORD", "abcdefghij" * 103)  # 1030 characters
    code, _, err = run(["accounts", "add", "--username", "kit", "--role", "client"], capsys)
    assert code == 1 and "at most 1024 characters" in err
    assert "kit" not in run(["accounts", "list"], capsys)[1]


def test_the_longest_password_allowed_signs_in(accounts: Accounts) -> None:
    longest = "abcdefghij" * 102 + "wxyz"  # 1024 characters, what the sign-in form takes
    accounts.add_user("kit", "client", longest)
    assert accounts.authenticate("kit", longest, address="a").username == "kit"


def test_a_password_signs_in_however_its_accents_are_encoded(accounts: Accounts) -> None:
    password = "café-crème-pässwörd"
    accounts.add_user("kit", "client", unicodedata.normalize("NFC", password))
    for form in ("NFD", "NFC", "NFKC"):
        typed = unicodedata.normalize(form, password)  # type: ignore[arg-type]
        assert accounts.authenticate("kit", typed, address="a").username == "kit"
    with pytest.raises(NotSignedInError):
        accounts.authenticate("kit", "cafe-creme-passwort", address="a")


def test_a_hash_made_before_normalising_still_signs_in(accounts: Accounts) -> None:
    raw = "ﬁne-ﬂower-password"  # ligatures: NFKC would change them
    accounts.add_user("kit", "client", SECRET)
    with accounts.journal.transaction() as s:  # as an older Mend stored it: the raw password
        s.execute(text("UPDATE users SET password_hash = :h WHERE username = 'kit'"),
                  {"h": FAST_HASH.hash(raw)})
    assert accounts.authenticate("kit", raw, address="a").username == "kit"
    assert accounts.authenticate("kit", raw, address="a").username == "kit"  # after the rehash


def test_a_password_that_is_not_unicode_is_refused(accounts: Accounts) -> None:
    with pytest.raises(InvalidInputError, match="not valid Unicode"):
        accounts.add_user("kit", "client", "abcdefghij\udcff")


# -- prompts that end (Ctrl-D) -------------------------------------------------------------------
def _eof(_prompt: str = "") -> str:
    raise EOFError


def test_the_end_of_input_at_the_password_prompt_adds_nobody(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", _eof)
    code, _, err = run(["accounts", "add", "--username", "kit", "--role", "client"], capsys)
    assert code == 1 and err.strip() == "mend: error: no password given; nothing was added"
    monkeypatch.setattr("getpass.getpass",  # EOF at the second prompt
                        lambda prompt="": SECRET if prompt.startswith("Password") else _eof())
    code, _, err = run(["accounts", "add", "--username", "kit", "--role", "client"], capsys)
    assert code == 1 and err.strip() == "mend: error: no password given; nothing was added"
    assert "kit" not in run(["accounts", "list"], capsys)[1]


def test_the_end_of_input_at_the_journal_passphrase_prompt_is_a_plain_error(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", _eof)
    code, out, err = run(["accounts", "list"], capsys)
    assert (code, out) == (1, "")
    assert err.strip() == "mend: error: no passphrase given; the journal stays closed"


# -- mend accounts: options and the audit log ----------------------------------------------------
def test_a_huge_audit_limit_lists_everything(practice: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    for limit in ("9223372036854775808", "99999999999999999999"):
        code, out, err = run(["accounts", "audit", "--limit", limit], capsys)
        assert (code, err) == (0, "")
        assert [line.split("  ")[2] for line in out.splitlines()] == ["add_user (dave)"]


def test_disabling_a_disabled_account_changes_nothing(practice: None,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["accounts", "disable", "Dave"], capsys)[1] == (
        "disabled dave; their sessions have ended\n")
    code, out, _ = run(["accounts", "disable", "dave"], capsys)
    assert (code, out) == (0, "dave was already disabled; nothing changed\n")
    out = run(["accounts", "audit"], capsys)[1]
    assert [line.split("  ")[2] for line in out.splitlines()] == ["disable_user (dave)",
                                                                  "add_user (dave)"]


def test_failed_web_sign_ins_are_not_said_to_come_from_the_command_line(
        practice: None, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(Path(os.environ["MEND_HOME"]), PASS,
                      url=os.environ.get("MEND_DATABASE_URL")) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        for name in ("dave", "nobody"):
            with pytest.raises(NotSignedInError):
                accounts.authenticate(name, "wrong-password-123", address="127.0.0.1")
    lines = run(["accounts", "audit"], capsys)[1].splitlines()
    assert [line.split("  ")[1:] for line in lines] == [
        ["(web sign-in)", "sign_in_failed"], ["(web sign-in)", "sign_in_failed (dave)"],
        ["(command line)", "add_user (dave)"]]


def test_a_database_url_that_is_not_one_is_a_plain_error(
        sqlite_env: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for url in ("garbage", "nosuchdb://x/y"):
        monkeypatch.setenv("MEND_DATABASE_URL", url)
        code, _, err = run(["accounts", "list"], capsys)
        assert code == 1 and "Traceback" not in err
        assert err == ("mend: error: MEND_DATABASE_URL is not a database URL (expected "
                       "postgresql+psycopg://user:password@host:port/db)\n")


# -- mend serve ----------------------------------------------------------------------------------
def test_serve_refuses_a_practice_journal_without_its_key(
        practice: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        served: Served) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    code, out, err = run(["serve", "--port", str(_free_port())], capsys)
    assert (code, out, served) == (1, "", [])
    assert "MEND_JOURNAL_KEY" in err and "MEND_PASSPHRASE" in err and "practice" in err
    monkeypatch.setenv("MEND_JOURNAL_KEY", PASS)
    code, out, err = run(["serve", "--port", str(_free_port())], capsys)
    assert code == 0 and len(served) == 1
    assert out.splitlines()[0] == "The journal is unlocked (MEND_JOURNAL_KEY)."


def test_serve_still_starts_a_locked_one_person_journal(
        backend: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        served: Served) -> None:
    assert run(["journal", "init"], capsys)[0] == 0
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    code, out, _ = run(["serve", "--port", str(_free_port())], capsys)
    assert code == 0 and len(served) == 1 and "unlocked" not in out


def test_serve_names_the_variable_that_unlocked_the_journal(
        sqlite_env: None, capsys: pytest.CaptureFixture[str], served: Served) -> None:
    assert run(["journal", "init"], capsys)[0] == 0
    assert run(["serve", "--port", str(_free_port())], capsys)[1].splitlines()[0] == (
        "The journal is unlocked (MEND_PASSPHRASE).")


def test_serve_on_a_port_in_use_says_so_before_anything_else(
        capsys: pytest.CaptureFixture[str], served: Served) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(["serve", "--port", str(port)], capsys)
    assert (code, out, served) == (1, "", [])
    assert err == f"mend: error: port {port} on 127.0.0.1 is in use; choose another with --port\n"


def _sign_in_statuses(base: str, tries: list[dict[str, str]]) -> list[int]:
    import httpx

    with httpx.Client(base_url=base, timeout=30) as client:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert found
        return [client.post("/login", headers=headers,
                            data={"csrf_token": found.group(1), "username": f"guess{i}",
                                  "password": "wrong-password"}).status_code
                for i, headers in enumerate(tries)]


def test_the_sign_in_limit_counts_the_real_address_not_a_forwarded_one(
        sqlite_env: None, capsys: pytest.CaptureFixture[str], served: Served,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    import uvicorn

    from mendkit.journal import account_core
    from mendkit.web.accounts import Practice

    # An address may fail for several people before it waits: five here, to keep the test short.
    # (``Accounts.__init__`` lives in ``account_core``: the limiter it makes is looked up there.)
    monkeypatch.setattr(account_core, "LoginLimiter", functools.partial(
        account_core.LoginLimiter, max_address_failures=5))
    _make_practice(capsys, monkeypatch)
    port = _free_port()
    assert run(["serve", "--port", str(port)], capsys)[0] == 0
    app, options = served[0]
    app.state.mend_practice = Practice(hasher=FAST_HASH)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        spoofed = [{"X-Forwarded-For": f"10.0.0.{i}"} for i in range(7)]
        statuses = _sign_in_statuses(f"http://127.0.0.1:{port}", spoofed)
    finally:
        server.should_exit = True
        thread.join(10)
    # The header is a client's claim: the 6th try from this one address waits all the same.
    assert statuses == [401] * 5 + [429, 429]
