"""A practice's web app at its edges, on SQLite and on a real PostgreSQL: whose analyses are whose,
entry ids past what the database holds, HEAD requests, NUL characters in names, the words of a
withdrawal, and a server started without the journal's key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from practice_kit import make_practice, practice_app, signed_in, token
from test_accounts import FAST_HASH, PASS, SECRET

from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import Journal

HUGE_IDS = ("2147483648", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", "-99999999999999999999")


def _audit(folder: Path) -> list[str]:
    with Journal.open(folder, PASS, url=os.environ.get("MEND_DATABASE_URL")) as j:
        return [line.action for line in Accounts(j, hasher=FAST_HASH).audit()]


@pytest.fixture
def web(backend: str, home: Path) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home) as client:
        yield client


def shared_entry(sam: TestClient, therapist: str = "robin") -> int:
    tok = token(sam, "/practice/client")
    r = sam.post("/practice/entries", data={"csrf_token": tok, "kind": "rupture",
                                            "text": "SAM-PRIVATE words"}, follow_redirects=False)
    entry = int(r.headers["location"].rsplit("-", 1)[1])
    r = sam.post(f"/practice/entries/{entry}/share",
                 data={"csrf_token": tok, "therapist": therapist})
    assert r.status_code == 200
    return entry


# -- an analysis is its maker's ------------------------------------------------------------------
def test_an_analysis_in_a_practice_is_seen_only_by_the_person_who_ran_it(web: TestClient) -> None:
    sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
    r = sam.post("/analyse", data={"csrf_token": token(sam, "/analyse"),
                                   "text": "A: You never listen SAM-SESSION\nB: Fine."},
                 follow_redirects=False)
    key = r.headers["location"]
    for path in (key, f"{key}/export.json", f"{key}/export.csv"):
        assert "SAM-SESSION" in sam.get(path).text
        r = kit.get(path)
        assert r.status_code == 404 and "SAM-SESSION" not in r.text
        assert "no longer here" in r.text
    r = kit.post("/corrections", data={"csrf_token": token(kit, "/analyse"),
                                       "key": key.rsplit("/", 1)[1], "turn": "0",
                                       "label": "criticism"}, follow_redirects=False)
    assert r.status_code == 404


# -- entry ids past what the database holds ------------------------------------------------------
@pytest.mark.parametrize("entry", HUGE_IDS)
def test_a_huge_entry_id_is_answered_as_any_id_that_is_not_yours(web: TestClient,
                                                                  entry: str) -> None:
    robin, sam = signed_in(web, "robin"), signed_in(web, "sam")
    r = robin.get(f"/practice/shared/{entry}")
    assert r.status_code == 403 and "That entry is not shared with you." in r.text
    tok = token(sam, "/practice/client")
    r = sam.post(f"/practice/entries/{entry}/share", data={"csrf_token": tok,
                                                           "therapist": "robin"})
    assert r.status_code == 403 and "You can share only your own entries." in r.text
    r = sam.post(f"/practice/entries/{entry}/withdraw", data={"csrf_token": tok,
                                                              "therapist": "robin"})
    assert r.status_code == 403 and "your own entries" in r.text
    assert "could not be written" not in r.text


# -- HEAD is no read -----------------------------------------------------------------------------
def test_a_head_request_for_a_shared_entry_is_not_a_read(web: TestClient, home: Path) -> None:
    sam, robin = signed_in(web, "sam"), signed_in(web, "robin")
    entry = shared_entry(sam)
    r = robin.head(f"/practice/shared/{entry}")
    assert r.status_code == 200 and r.content == b""
    assert robin.head(f"/practice/shared/{entry + 1}").status_code == 403
    assert robin.head("/practice/shared/99999999999999999999").status_code == 403
    assert "read_entry" not in _audit(home)
    assert "<td>robin</td>" not in sam.get("/practice/client").text  # no "robin read it"
    r = robin.get(f"/practice/shared/{entry}")
    assert r.status_code == 200 and "SAM-PRIVATE words" in r.text
    assert _audit(home).count("read_entry") == 1


# -- a NUL in a name -----------------------------------------------------------------------------
def test_a_nul_in_the_username_is_a_wrong_sign_in_and_counts_as_one(web: TestClient) -> None:
    for _ in range(5):
        r = web.post("/login", data={"csrf_token": token(web), "username": "sa\x00m",
                                     "password": SECRET})
        assert r.status_code == 401 and "do not match an account here" in r.text
    r = web.post("/login", data={"csrf_token": token(web), "username": "sa\x00m",
                                 "password": SECRET})
    assert r.status_code == 429


def test_a_nul_in_the_therapist_name_is_no_such_therapist(web: TestClient) -> None:
    sam = signed_in(web, "sam")
    entry = shared_entry(sam)
    tok = token(sam, "/practice/client")
    r = sam.post(f"/practice/entries/{entry}/share", data={"csrf_token": tok,
                                                           "therapist": "as\x00h"})
    assert r.status_code == 400 and "no therapist named" in r.text
    assert "could not be written" not in r.text
    r = sam.post(f"/practice/entries/{entry}/withdraw", data={"csrf_token": tok,
                                                              "therapist": "rob\x00in"})
    assert r.status_code == 400 and "could not be written" not in r.text
    assert "Shared with: robin" in sam.get("/practice/client").text


# -- the words of a withdrawal -------------------------------------------------------------------
@pytest.mark.parametrize("therapist", ["ash", "nobody"])
def test_stopping_a_share_that_is_not_there_says_so(web: TestClient, therapist: str) -> None:
    sam = signed_in(web, "sam")
    entry = shared_entry(sam)  # with robin only
    r = sam.post(f"/practice/entries/{entry}/withdraw",
                 data={"csrf_token": token(sam, "/practice/client"), "therapist": therapist})
    assert "No longer shared" not in r.text
    assert r.status_code == 400
    assert f"That entry is not shared with {therapist}, so there was nothing to stop." in r.text
    assert "Shared with: robin" in sam.get("/practice/client").text


def test_withdrawing_someone_elses_entry_speaks_of_withdrawing(web: TestClient) -> None:
    sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
    entry = shared_entry(sam)
    r = kit.post(f"/practice/entries/{entry}/withdraw",
                 data={"csrf_token": token(kit, "/practice/client"), "therapist": "robin"})
    assert r.status_code == 403
    assert "You can stop sharing only your own entries." in r.text
    assert "Shared with: robin" in sam.get("/practice/client").text


# -- no key, no open pages -----------------------------------------------------------------------
@pytest.mark.usefixtures("backend")
def test_a_practice_served_without_its_key_opens_nothing(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_practice(home)
    monkeypatch.delenv("MEND_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    with practice_app(home) as client:
        for path in ("/analyse", "/check", "/journal", "/coach", "/login", "/practice",
                     "/practice/client"):
            r = client.get(path)
            assert r.status_code == 503, path
            assert "MEND_JOURNAL_KEY" in r.text and 'type="password"' not in r.text, path
        r = client.post("/api/check", json={"text": "You never listen."})
        assert r.status_code == 503 and "MEND_JOURNAL_KEY" in r.json()["error"]
        r = client.post("/api/analyze", json={"text": "A: hi\nB: hello"})
        assert r.status_code == 503
        assert client.get("/about").status_code == 200  # the resources stay open


# -- a check-in's score --------------------------------------------------------------------------
@pytest.mark.parametrize("score", ["9" * 5000, "11", "-1", "seven"])
def test_a_check_in_score_that_is_no_0_to_10_is_refused_plainly(web: TestClient,
                                                                 score: str) -> None:
    """A 5,000-digit score was a 500 (Python refuses to read numbers that long)."""
    sam = signed_in(web, "sam")
    tok = token(sam, "/practice/client")
    r = sam.post("/practice/entries", data={"csrf_token": tok, "kind": "checkin", "who": "x",
                                            "score": score})
    assert r.status_code == 400 and "A check-in needs a score from 0 to 10." in r.text
