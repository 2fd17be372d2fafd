"""A practice's small gaps: sign-outs and ended sessions in the audit log, GET /logout, over-long
entries refused rather than cut, an empty share, error pages that lead back to the practice, and
the JSON API's own words for "sign in first"."""

from __future__ import annotations

from pathlib import Path

import pytest

import test_round8_practice as round8
from journal.conftest import pg_server, postgres_env, sqlite_env  # noqa: F401 (fixtures)
from mendkit.journal.accounts import Accounts
from test_round8_practice import FAST_HASH, SECRET, _open, _sign_in, _token, _web, run

practice, home_path = round8.practice, round8.home_path  # the fixtures


def _client_entries(home: Path) -> list[dict[str, object]]:
    with _open(home) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        return [dict(e.entry.body) for e in accounts.client_entries(accounts.user("sam"))]


def test_signing_out_is_in_the_audit_log(practice: None, home_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with _web(home_path) as client:
        assert _sign_in(client, "sam", SECRET) == 303
        r = client.post("/logout", data={"csrf_token": _token(client, "/practice/client")},
                        follow_redirects=False)
        assert r.status_code == 303
    code, out, _ = run(["accounts", "audit", "--limit", "2"], capsys)
    assert code == 0
    assert [line.split("  ")[1:] for line in out.splitlines()] == [
        ["sam", "sign_out (sam)"], ["sam", "sign_in (sam)"]]


def test_a_session_that_times_out_is_in_the_audit_log(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime, timedelta

    now = [datetime.now(UTC)]
    with _open(home_path) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH, clock=lambda: now[0])
        idle = accounts.sign_in("sam", SECRET, address="a")
        accounts.sign_in("robin", SECRET, address="a")
        now[0] += timedelta(minutes=31)
        with pytest.raises(Exception, match="ended"):
            accounts.session_user(idle.token)  # sam comes back too late
        assert accounts.end_idle_sessions() == 1  # robin's, cleared by the server
    out = run(["accounts", "audit", "--limit", "2"], capsys)[1]
    assert sorted(line.split("  ")[1:] for line in out.splitlines()) == [
        ["(timed out)", "session_ended (robin)"], ["(timed out)", "session_ended (sam)"]]


def test_get_logout_offers_the_sign_out_button(practice: None, home_path: Path) -> None:
    with _web(home_path) as client:
        r = client.get("/logout")
        assert r.status_code == 200 and "You are not signed in" in r.text
        assert _sign_in(client, "sam", SECRET) == 303
        r = client.get("/logout")
        assert r.status_code == 200 and 'action="/logout"' in r.text
        assert "Method Not Allowed" not in r.text
        r = client.post("/logout", data={"csrf_token": _token(client, "/logout")},
                        follow_redirects=False)
        assert r.status_code == 303
        assert client.get("/practice/client", follow_redirects=False).status_code == 401


def test_over_long_entries_are_refused_not_cut(practice: None, home_path: Path) -> None:
    before = _client_entries(home_path)
    with _web(home_path) as client:
        assert _sign_in(client, "sam", SECRET) == 303
        token = _token(client, "/practice/client")
        for fields, said in (({"text": "x" * 5001}, "5,001 characters"),
                             ({"text": "fine", "who": "w" * 201}, "201 characters")):
            r = client.post("/practice/entries",
                            data={"csrf_token": token, "kind": "rupture", **fields})
            assert r.status_code == 400 and said in r.text and "Nothing was saved" in r.text
            assert "Back to your practice page" in r.text and "Back to Analyse" not in r.text
        # A browser's CRLF line breaks do not count twice against the form's limit.
        text = ("y" * 99 + "\r\n") * 50  # 5,000 characters as the form counts them
        r = client.post("/practice/entries", data={"csrf_token": token, "kind": "rupture",
                                                   "text": text}, follow_redirects=False)
        assert r.status_code == 303
    after = _client_entries(home_path)
    assert len(after) == len(before) + 1
    assert after[0]["what"] == text.replace("\r\n", "\n").strip()


def test_sharing_with_no_one_chosen_says_to_choose(practice: None, home_path: Path) -> None:
    with _web(home_path) as client:
        assert _sign_in(client, "sam", SECRET) == 303
        page = client.get("/practice/client").text
        entry = page.split('id="entry-', 1)[1].split('"', 1)[0]
        r = client.post(f"/practice/entries/{entry}/share",
                        data={"csrf_token": _token(client, "/practice/client"), "therapist": " "})
        assert r.status_code == 400
        assert "Choose a therapist to share that entry with." in r.text
        assert "no therapist named" not in r.text


def test_the_api_says_how_to_sign_in(practice: None, home_path: Path) -> None:
    with _web(home_path) as client:
        r = client.post("/api/check", json={"text": "sorry"})
        assert r.status_code == 401
        assert "this page" not in r.json()["error"] and "/login" in r.json()["error"]
        r = client.get("/practice/client")  # a page still shows the sign-in form, with why
        assert r.status_code == 401 and "Sign in to see this page." in r.text


def test_a_wrong_current_password_is_audited_as_the_person_checking_it(
        practice: None, home_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _web(home_path) as client:
        assert _sign_in(client, "sam", SECRET) == 303
        r = client.post("/practice/password", data={
            "csrf_token": _token(client, "/practice/password"), "current": "not my password",
            "new": "a new password 123", "again": "a new password 123"})
        assert r.status_code == 400
    out = run(["accounts", "audit", "--limit", "1"], capsys)[1]
    assert out.split("  ")[1:] == ["sam", "password_check_failed (sam)\n"]


def test_both_over_long_fields_are_named_at_once(practice: None, home_path: Path) -> None:
    with _web(home_path) as client:
        assert _sign_in(client, "sam", SECRET) == 303
        r = client.post("/practice/entries", data={
            "csrf_token": _token(client, "/practice/client"), "kind": "rupture",
            "text": "x" * 5001, "who": "w" * 201})
        assert r.status_code == 400
        assert "201 characters" in r.text and "5,001 characters" in r.text
