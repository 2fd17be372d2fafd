"""A practice's pages through FastAPI's TestClient: sign-in, CSRF, roles, sharing, the limiter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from practice_kit import make_practice, practice_app, token
from test_accounts import CHEAP, PASS, SECRET, FakeClock

from mendkit.journal.repository import Journal


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app_client(sqlite_env: None, home: Path, clock: FakeClock) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home, clock) as client:
        yield client


def sign_in(client: TestClient, name: str) -> None:
    r = client.post("/login", data={"csrf_token": token(client), "username": name,
                                    "password": SECRET}, follow_redirects=False)
    assert r.status_code == 303, r.text


def other(client: TestClient) -> TestClient:
    """A second browser on the same app (its own cookies)."""
    return TestClient(client.app)


def test_no_sign_in_without_practice_mode(sqlite_env: None, home: Path, clock: FakeClock) -> None:
    with Journal.create(home, PASS, kdf=CHEAP):
        pass
    with practice_app(home, clock) as client:
        r = client.get("/login")
        assert r.status_code == 404 and "mend accounts init" in r.text
        assert 'href="/practice"' not in client.get("/check").text


def test_the_sign_in_page_and_its_cookie(app_client: TestClient) -> None:
    r = app_client.get("/login")
    assert r.status_code == 200
    assert '<label for="username">' in r.text and '<label for="password">' in r.text
    assert 'href="/practice"' in r.text  # the navigation offers it in practice mode
    assert " style=" not in r.text and "<script>" not in r.text
    r = app_client.post("/login", data={"csrf_token": token(app_client), "username": "sam",
                                        "password": SECRET}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/practice"
    cookie = next(c for c in r.headers.get_list("set-cookie") if c.startswith("mend_session="))
    value = cookie.split(";")[0].split("=", 1)[1]
    assert len(value) >= 43
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP on the loopback
    assert app_client.get("/practice", follow_redirects=False).headers["location"] \
        == "/practice/client"
    assert app_client.get("/login", follow_redirects=False).status_code == 303
    r = app_client.post("/logout", data={"csrf_token": token(app_client, "/practice/client")},
                        follow_redirects=False)
    assert r.headers["location"] == "/login?bye=1"
    r = app_client.get("/practice/client")
    assert r.status_code == 401 and "Sign in" in r.text


def test_forms_without_the_csrf_token_are_refused(app_client: TestClient) -> None:
    r = app_client.post("/login", data={"username": "sam", "password": SECRET})
    assert r.status_code == 403
    sign_in(app_client, "sam")
    r = app_client.post("/practice/entries", data={"csrf_token": "x" * 43, "kind": "checkin",
                                                   "score": "5"})
    assert r.status_code == 403
    r = app_client.post("/logout", data={})
    assert r.status_code == 403
    assert app_client.get("/practice/client").status_code == 200  # still signed in


def test_wrong_passwords_then_429_with_when_to_come_back(app_client: TestClient,
                                                         clock: FakeClock) -> None:
    for _ in range(5):
        r = app_client.post("/login", data={"csrf_token": token(app_client), "username": "sam",
                                            "password": "nope-nope-nope"})
        assert r.status_code == 401 and "do not match" in r.text
    r = app_client.post("/login", data={"csrf_token": token(app_client), "username": "sam",
                                        "password": SECRET})
    assert r.status_code == 429
    assert r.headers["retry-after"] == "900"
    assert "Try again in 15 minutes" in r.text
    clock.advance(minutes=15)
    sign_in(app_client, "sam")


def test_roles_sharing_and_withdrawing(app_client: TestClient) -> None:
    client = app_client
    sign_in(client, "sam")
    tok = token(client, "/practice/client")
    ids = []
    for data in ({"kind": "rupture", "text": "He walked out mid-sentence", "who": "Alex"},
                 {"kind": "checkin", "score": "4"}):
        r = client.post("/practice/entries", data={"csrf_token": tok, **data},
                        follow_redirects=False)
        assert r.status_code == 303
        ids.append(int(r.headers["location"].rsplit("-", 1)[1]))
    r = client.post("/practice/entries", data={"csrf_token": tok, "kind": "checkin",
                                               "score": "11"})
    assert r.status_code == 400 and "0 to 10" in r.text
    assert client.get("/practice/therapist").status_code == 403  # a client is not a therapist
    assert client.get(f"/practice/shared/{ids[0]}").status_code == 403
    r = client.post(f"/practice/entries/{ids[0]}/share", data={"csrf_token": tok,
                                                               "therapist": "robin"})
    assert r.status_code == 200 and "Shared with: robin" in r.text

    kit = other(client)
    sign_in(kit, "kit")
    r = kit.post(f"/practice/entries/{ids[1]}/share",
                 data={"csrf_token": token(kit, "/practice/client"), "therapist": "robin"})
    assert r.status_code == 403  # not kit's entry

    robin = other(client)
    sign_in(robin, "robin")
    page = robin.get("/practice/therapist").text
    assert f'href="/practice/shared/{ids[0]}"' in page
    assert f'href="/practice/shared/{ids[1]}"' not in page
    assert "He walked out" not in page  # the list shows no text; opening one is the read
    r = robin.get(f"/practice/shared/{ids[0]}")
    assert r.status_code == 200 and "He walked out mid-sentence" in r.text
    for unshared in (ids[1], 999_999):
        assert robin.get(f"/practice/shared/{unshared}").status_code == 403
    assert robin.get("/practice/client").status_code == 403
    r = robin.post("/practice/entries", data={"csrf_token": token(robin, "/practice/therapist"),
                                              "kind": "checkin", "score": "3"})
    assert r.status_code == 403

    page = client.get("/practice/client").text
    assert "<td>robin</td>" in page  # sam sees who read it
    client.post(f"/practice/entries/{ids[0]}/withdraw", data={"csrf_token": tok,
                                                              "therapist": "robin"})
    assert robin.get(f"/practice/shared/{ids[0]}").status_code == 403
    assert f"/practice/shared/{ids[0]}" not in robin.get("/practice/therapist").text


def test_a_practice_asks_for_sign_in_first_and_keeps_the_one_person_journal_off(
        app_client: TestClient) -> None:
    # The notice, the resources and the region stay open to anyone.
    r = app_client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/practice"
    about = app_client.get("/about")
    assert about.status_code == 200 and "/journal/delete" not in about.text
    assert 'href="/practice"' in about.text
    # Everything else needs a signed-in person.
    r = app_client.get("/check")
    assert r.status_code == 401 and '<label for="username">' in r.text
    r = app_client.post("/api/check", json={"text": "You never listen."})
    assert r.status_code == 401 and "error" in r.json()
    assert app_client.get("/coach").status_code == 401
    sign_in(app_client, "sam")
    page = app_client.get("/check")
    assert page.status_code == 200 and 'href="/journal"' not in page.text
    assert app_client.post("/api/check", json={"text": "You never listen."}).status_code == 200
    # The one-person journal would be the server's, not Sam's: off, with a reason.
    r = app_client.get("/journal")
    assert r.status_code == 403 and "Practice page" in r.text
    assert app_client.get("/api/journal/relationships").status_code == 403
    r = app_client.post("/journal/unlock", data={"csrf_token": token(app_client, "/check"),
                                                 "passphrase": PASS})
    assert r.status_code == 403


def test_without_a_practice_nothing_asks_for_sign_in(sqlite_env: None, home: Path,
                                                      clock: FakeClock) -> None:
    with Journal.create(home, PASS, kdf=CHEAP):
        pass
    with practice_app(home, clock) as client:
        assert client.get("/check").status_code == 200
        assert client.post("/api/check", json={"text": "You never listen."}).status_code == 200
        assert client.get("/journal").status_code == 200


def test_in_a_practice_each_person_sees_only_the_coach_sessions_they_began(
        app_client: TestClient) -> None:
    sign_in(app_client, "sam")
    r = app_client.post("/coach", data={"csrf_token": token(app_client, "/coach")},
                        follow_redirects=False)
    assert r.status_code == 303
    sams = r.headers["location"]
    assert app_client.get(sams).status_code == 200
    assert sams in app_client.get("/coach").text  # Sam's unfinished session, offered again
    kit = other(app_client)
    sign_in(kit, "kit")
    assert sams not in kit.get("/coach").text
    # For Kit, Sam's session is as absent as one that never was.
    nowhere = kit.get("/coach/0123456789ab")
    assert nowhere.status_code == 404 and "no such coach session" in nowhere.text
    r = kit.get(sams)
    assert (r.status_code, "no such coach session" in r.text) == (404, True)
    r = kit.post(sams, data={"csrf_token": token(kit, "/coach"), "position": "1",
                             "answer": "no"})
    assert r.status_code == 404
    session_id = sams.rsplit("/", 1)[1]
    r = kit.post(f"/api/coach/{session_id}", json={"answer": "no"})
    assert r.status_code == 404 and r.json() == {"error": "no such coach session"}
    assert app_client.get(sams).status_code == 200  # still Sam's, untouched
