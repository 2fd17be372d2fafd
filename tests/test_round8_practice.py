"""Round 8: a practice on PostgreSQL (deleting, backing up, managing accounts, the sign-in limit)
and `mend journal add` without a relationship."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from httpx import Response

from journal.conftest import pg_server, postgres_env, sqlite_env  # noqa: F401 (fixtures)
from mendkit.cli.main import main
from mendkit.errors import NotSignedInError, TooManyAttemptsError
from mendkit.journal.accounts import Accounts, LoginLimiter
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"
SECRET = "plum-tree-evening-42"
NEW_SECRET = "walnut-harbour-morning-7"
FAST_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _open(home: Path) -> Journal:
    return Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL"))


@pytest.fixture
def practice(postgres_env: None, capsys: pytest.CaptureFixture[str],  # noqa: F811
             monkeypatch: pytest.MonkeyPatch) -> None:
    """A PostgreSQL practice with a therapist (robin) and a client (sam) who shared one entry."""
    assert run(["journal", "init"], capsys)[0] == 0
    assert run(["accounts", "init"], capsys)[0] == 0
    monkeypatch.setenv("MEND_NEW_PASSWORD", SECRET)
    for name, role in (("robin", "therapist"), ("sam", "client")):
        assert run(["accounts", "add", "--username", name, "--role", role], capsys)[0] == 0
    monkeypatch.delenv("MEND_NEW_PASSWORD")
    with _open(Path(os.environ["MEND_HOME"])) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        sam = accounts.user("sam")
        entry = accounts.add_entry(sam, "rupture", {"what": "sam's words"})
        accounts.share(sam, entry.id, "robin")


def _counts(home: Path) -> tuple[int, int, int]:
    with _open(home) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        sam = accounts.user("sam")
        return (len(accounts.users()), len(accounts.client_entries(sam)), len(accounts.audit()))


# -- 1. `mend journal delete --all` on a practice journal ---------------------------------------
def test_delete_all_on_a_practice_says_what_it_deleted_and_what_it_kept(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    users, entries, _ = _counts(home_path)
    code, out, err = run(["journal", "delete", "--all", "--yes"], capsys)
    assert code == 0, err
    assert "deleted everything" not in out
    assert "accounts" in out and "client entries" in out and "not" in out
    after_users, after_entries, _ = _counts(home_path)
    assert (after_users, after_entries) == (users, entries)  # as the message says: kept
    code, out, _ = run(["accounts", "audit", "--limit", "1"], capsys)
    assert "delete_journal" in out


def test_delete_all_on_a_practice_asks_an_honest_question(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda q="": asked.append(q) or "n")
    assert run(["journal", "delete", "--all"], capsys)[0] == 0
    assert "whole journal" not in asked[0] and "one-person" in asked[0]


# -- 2. `mend journal backup` and `export` on a practice journal -------------------------------
def test_backup_and_export_on_a_practice_warn_that_the_practice_is_not_in_them(
        practice: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["journal", "backup", str(tmp_path / "bk.mend")], capsys)
    assert code == 0
    assert "pg_dump" in err and "client entries" in err
    code, out, err = run(["journal", "export", "-"], capsys)
    assert code == 0 and out.startswith("{")  # the export itself stays clean JSON
    assert "pg_dump" in err and "client entries" in err


def test_backup_of_a_one_person_journal_has_no_practice_warning(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run(["journal", "init"], capsys)[0] == 0
    code, _, err = run(["journal", "backup", str(tmp_path / "bk.db")], capsys)
    assert code == 0 and "pg_dump" not in err


# -- 3. password reset, re-enable, delete ---------------------------------------------------------
def test_an_administrator_resets_a_password_and_it_ends_their_sessions(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with _open(home_path) as journal:
        signed = Accounts(journal, hasher=FAST_HASH).sign_in("sam", SECRET, address="a")
    monkeypatch.setenv("MEND_NEW_PASSWORD", NEW_SECRET)
    code, out, err = run(["accounts", "password", "sam"], capsys)
    assert code == 0, err
    assert "sam" in out and "password" in out
    with _open(home_path) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        with pytest.raises(NotSignedInError):
            accounts.session_user(signed.token)
        with pytest.raises(NotSignedInError):
            accounts.authenticate("sam", SECRET, address="b")
        assert accounts.authenticate("sam", NEW_SECRET, address="c").username == "sam"
    monkeypatch.setenv("MEND_NEW_PASSWORD", "short")
    code, _, err = run(["accounts", "password", "sam"], capsys)
    assert code == 1 and "at least 10 characters" in err and "Traceback" not in err
    monkeypatch.setenv("MEND_NEW_PASSWORD", NEW_SECRET)
    code, _, err = run(["accounts", "password", "nobody"], capsys)
    assert code == 1 and "no account named 'nobody'" in err
    assert "set_password (sam)" in run(["accounts", "audit", "--user", "sam"], capsys)[1]


def test_a_disabled_account_can_be_enabled_again(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["accounts", "disable", "robin"], capsys)[0] == 0
    code, out, err = run(["accounts", "enable", "robin"], capsys)
    assert code == 0, err
    assert "enabled robin" in out
    assert "already" in run(["accounts", "enable", "robin"], capsys)[1]
    with _open(home_path) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        assert accounts.authenticate("robin", SECRET, address="a").username == "robin"
    assert "enable_user (robin)" in run(["accounts", "audit", "--user", "robin"], capsys)[1]


def test_deleting_a_client_removes_their_entries_and_shares_and_frees_the_name(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(["accounts", "delete", "sam"], capsys)  # not without --yes off a terminal
    assert code == 1 and "--yes" in err
    code, out, err = run(["accounts", "delete", "sam", "--yes"], capsys)
    assert code == 0, err
    assert "deleted client sam" in out and "1 item of theirs (journal entries and coach sessions)" in out
    with _open(home_path) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        robin = accounts.user("robin")
        assert accounts.shared_with(robin) == []
        assert [u.username for u in accounts.users()] == ["robin"]
        assert [e.kind for e in journal.entries()] == []
    assert not any("sam's words" in body for body in _every_body(home_path))
    lines = run(["accounts", "audit"], capsys)[1]
    assert "delete_user (sam [deleted])" in lines
    monkeypatch.setenv("MEND_NEW_PASSWORD", SECRET)
    assert run(["accounts", "add", "--username", "sam", "--role", "client"], capsys)[0] == 0


def _every_body(home: Path) -> list[str]:
    """Every entry body left in the journal (anyone's), decrypted."""
    from sqlalchemy import select

    from mendkit.journal.tables import EntryRow

    with _open(home) as journal, journal.transaction() as s:
        return [journal.cipher.decrypt(b) for b in s.scalars(select(EntryRow.body))]


def test_accounts_help_lists_the_new_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["accounts", "--help"])
    out = capsys.readouterr().out
    for action in ("password", "enable", "delete"):
        assert f"    {action} " in out


# -- 4. the sign-in limit: one person's mistakes do not lock everyone on the address ---------------
class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_five_wrong_passwords_for_one_account_do_not_lock_another_on_the_same_address() -> None:
    limiter = LoginLimiter(_Clock())
    for _ in range(5):
        limiter.reserve("cli3", "127.0.0.1")
        limiter.failed_attempt("cli3", "127.0.0.1")
    with pytest.raises(TooManyAttemptsError) as caught:
        limiter.reserve("cli3", "127.0.0.1")
    said = str(caught.value)
    assert "Try again in 15 minutes" in said and "this account" in said
    assert "failed sign-ins." not in said  # it blames no one
    attempt = limiter.reserve("thera", "127.0.0.1")  # the therapist's sign-in is tried
    limiter.succeeded("thera", "127.0.0.1", attempt)


def test_many_names_guessed_from_one_address_still_lock_that_address() -> None:
    limiter = LoginLimiter(_Clock())
    refused = None
    for i in range(200):
        try:
            limiter.reserve(f"guess{i}", "10.0.0.5")
        except TooManyAttemptsError as exc:
            refused = (i, str(exc))
            break
        limiter.failed_attempt(f"guess{i}", "10.0.0.5")
    assert refused is not None and refused[0] <= 50
    assert "computer or network" in refused[1]
    attempt = limiter.reserve("guess0", "10.0.0.6")  # another address is not locked
    limiter.succeeded("guess0", "10.0.0.6", attempt)


def test_the_window_still_passes() -> None:
    clock = _Clock()
    limiter = LoginLimiter(clock)
    for _ in range(5):
        limiter.reserve("sam", "a")
        limiter.failed_attempt("sam", "a")
    clock.now += timedelta(minutes=15)
    limiter.succeeded("sam", "a", limiter.reserve("sam", "a"))


# -- docs 8. `mend journal add` without --rel ------------------------------------------------------
def test_an_entry_without_a_relationship_is_kept_and_the_cli_says_insights_skip_it(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run(["journal", "init"], capsys)[0] == 0
    code, out, err = run(["journal", "add", "--kind", "checkin", "--score", "4"], capsys)
    assert code == 0 and out.startswith("added checkin 1")
    assert "--rel" in err and "insights" in err
    assert run(["journal", "add", "--kind", "relationship", "--name", "Kim"], capsys)[0] == 0
    code, _, err = run(["journal", "add", "--kind", "checkin", "--score", "4", "--rel", "1"],
                       capsys)
    assert code == 0 and err == ""


def test_the_readme_marks_rel_optional_for_entries() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for kind in ("rupture", "repair", "checkin"):
        line = next(x for x in readme.splitlines()
                    if x.startswith(f"* `mend journal add --kind {kind} "))
        assert "[--rel ID]" in line, line


@pytest.fixture
def home_path() -> Path:
    return Path(os.environ["MEND_HOME"])


# -- the web app: /openapi.json and changing one's own password ----------------------------------
def _web(home: Path) -> TestClient:
    from mendkit.config import Settings
    from mendkit.web import create_app
    from mendkit.web.accounts import Practice

    app = create_app(Settings(home=home, database_url=os.environ.get("MEND_DATABASE_URL")))
    app.state.mend_practice = Practice(hasher=FAST_HASH)
    return TestClient(app)


def _token(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def _sign_in(client: TestClient, name: str, password: str) -> int:
    return client.post("/login", data={"csrf_token": _token(client, "/login"), "username": name,
                                       "password": password}, follow_redirects=False).status_code


def test_the_api_schema_needs_a_sign_in_in_a_practice(practice: None, home_path: Path) -> None:
    with _web(home_path) as client:
        r = client.get("/openapi.json")
        assert r.status_code == 401 and r.json()["error"].startswith("Sign in first")
        assert _sign_in(client, "sam", SECRET) == 303
        r = client.get("/openapi.json")
        assert r.status_code == 200 and "/api/check" in r.json()["paths"]


def test_the_api_schema_is_open_outside_a_practice(sqlite_env: None,  # noqa: F811
                                                   home_path: Path) -> None:
    with _web(home_path) as client:
        assert client.get("/openapi.json").status_code == 200


def test_a_signed_in_person_changes_their_password_and_other_sessions_end(
        practice: None, home_path: Path) -> None:
    with _web(home_path) as here, TestClient(here.app) as elsewhere:
        assert _sign_in(here, "sam", SECRET) == 303 and _sign_in(elsewhere, "sam", SECRET) == 303
        assert "Change your password" in here.get("/practice/client").text

        def change(current: str, new: str, again: str) -> Response:
            return here.post("/practice/password", follow_redirects=False, data={
                "csrf_token": _token(here, "/practice/password"), "current": current,
                "new": new, "again": again})

        r = change("not my password", NEW_SECRET, NEW_SECRET)
        assert r.status_code == 400 and "not your password now" in r.text
        r = change(SECRET, NEW_SECRET, NEW_SECRET + "x")
        assert r.status_code == 400 and "differ" in r.text
        r = change(SECRET, "short", "short")
        assert r.status_code == 400 and "at least 10 characters" in r.text
        r = change(SECRET, NEW_SECRET, NEW_SECRET)
        assert r.status_code == 303
        assert "Your password is changed" in here.get(r.headers["location"]).text
        assert here.get("/practice/client").status_code == 200  # this browser stays signed in
        assert elsewhere.get("/practice/client").status_code == 401  # the other one does not
        with TestClient(here.app) as fresh:
            assert _sign_in(fresh, "sam", SECRET) == 401
            assert _sign_in(fresh, "sam", NEW_SECRET) == 303


def test_a_rekey_of_a_practice_journal_is_in_the_audit_log(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "a different long passphrase")
    code, _, err = run(["journal", "rekey"], capsys)
    assert code == 0, err
    monkeypatch.setenv("MEND_PASSPHRASE", "a different long passphrase")
    assert "rekey_journal" in run(["accounts", "audit", "--limit", "1"], capsys)[1]


def test_a_very_long_unknown_name_is_not_echoed_whole(practice: None,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["accounts", "audit", "--user", "x" * 10_000], capsys)
    assert code == 1 and "no account named" in err and "10000 characters" in err
    assert len(err) < 300


def test_a_password_reset_from_another_process_lifts_the_accounts_pause(
        practice: None, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with _open(Path(os.environ["MEND_HOME"])) as journal:
        server = Accounts(journal, hasher=FAST_HASH)  # the running server's own limiter
        for _ in range(5):
            with pytest.raises(NotSignedInError):
                server.authenticate("sam", "forgotten-it-1", address="10.0.0.1")
        with pytest.raises(TooManyAttemptsError):
            server.authenticate("sam", SECRET, address="10.0.0.1")
        monkeypatch.setenv("MEND_NEW_PASSWORD", NEW_SECRET)
        assert run(["accounts", "password", "sam"], capsys)[0] == 0  # the administrator
        assert server.authenticate("sam", NEW_SECRET, address="10.0.0.1").username == "sam"
        with pytest.raises(NotSignedInError):  # the old password is no way back in
            server.authenticate("sam", SECRET, address="10.0.0.1")
