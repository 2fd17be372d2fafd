"""A practice's server after things that happen around it: `mend journal rekey` while it runs
(it says plainly that the key changed and it must be restarted with the new one, and works again
once it has it), and a person who signs out in the middle of a two-person session (their seat is
theirs by account: signing in again, in this browser or another, carries on)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from practice_kit import make_practice, practice_app, signed_in, token
from test_accounts import PASS, SECRET

from mendkit.journal.repository import Journal

PEOPLE = (("robin", "therapist"), ("sam", "client"), ("kit", "client"))
NEW_KEY = "a brand new practice key"


# -- `mend journal rekey` while a practice's server runs ------------------------------------------
@pytest.mark.usefixtures("sqlite_env")
def test_a_practice_says_its_key_changed_and_works_again_with_the_new_one(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam = signed_in(web, "sam")
        assert sam.get("/check").status_code == 200
        with Journal.open(home, PASS) as other:  # as `mend journal rekey` does
            other.rekey(home, NEW_KEY)
        fresh = TestClient(web.app)
        form = token(fresh, "/about")
        for attempt in range(2):  # the same answer again: retrying never pretends otherwise
            r = fresh.post("/login", data={"csrf_token": form, "username": "sam",
                                           "password": SECRET})
            _says_key_changed(r.status_code, r.text, f"sign-in {attempt}")
            for browser in (sam, fresh):
                for path in ("/check", "/coach", "/practice/client", "/login"):
                    r = browser.get(path)
                    _says_key_changed(r.status_code, r.text, path)
            r = sam.post("/api/check", json={"text": "sorry", "mode": "rules"})
            _says_key_changed(r.status_code, r.json()["error"], "/api/check")
        assert fresh.get("/about").status_code == 200  # the resources stay open
    monkeypatch.setenv("MEND_PASSPHRASE", NEW_KEY)  # restarted with the new key
    with practice_app(home) as web:
        sam = signed_in(web, "sam")
        assert sam.get("/check").status_code == 200
        assert sam.get("/practice/client").status_code == 200


def _says_key_changed(status: int, text: str, where: str) -> None:
    assert status == 503, where
    words = re.sub(r"\s+", " ", text.replace("&#39;", "'").replace("&#96;", "`"))
    assert "The journal's key was changed" in words, where
    assert "restart" in words and "MEND_JOURNAL_KEY" in words, where
    for wrong in ("could not be written", "Try again", "started without", "file is not a "
                  "database", 'type="password"'):
        assert wrong not in words, (where, wrong)


# -- signing out during a two-person session ------------------------------------------------------
def _start_and_join(web: TestClient) -> tuple[TestClient, TestClient, str]:
    sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
    r = sam.post("/coach/pair", data={"csrf_token": token(sam, "/coach/pair"), "name": "Sam"},
                 follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    r = kit.post("/coach/pair/join", data={"csrf_token": token(kit, "/coach/pair"),
                                           "code": code, "name": "Kit"},
                 follow_redirects=False)
    assert r.status_code == 303, r.text
    for browser in (sam, kit):  # round 10: each first answers, privately, that they are safe
        r = browser.post(f"/coach/pair/{code}", data={
            "csrf_token": token(browser, f"/coach/pair/{code}"), "key": "safe", "answer": "yes",
            "share": "no"}, follow_redirects=False)
        assert r.status_code == 303
    return sam, kit, code


def _answer(browser: TestClient, code: str, text: str) -> None:
    page = browser.get(f"/coach/pair/{code}")
    assert page.status_code == 200, page.text
    key = re.search(r'name="key" value="([^"]+)"', page.text)
    assert key, page.text
    r = browser.post(f"/coach/pair/{code}", data={
        "csrf_token": token(browser, "/coach/pair"), "key": key.group(1), "answer": text,
        "share": "yes"}, follow_redirects=False)
    assert r.status_code == 303 and "?" not in r.headers["location"], r.headers


def _sign_out(browser: TestClient) -> None:
    r = browser.post("/logout", data={"csrf_token": token(browser, "/practice/client")},
                     follow_redirects=False)
    assert r.status_code == 303


@pytest.mark.usefixtures("backend")
def test_signing_out_of_a_two_person_session_keeps_the_persons_place(home: Path) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam, kit, code = _start_and_join(web)
        _answer(kit, code, "KIT first answer")
        _sign_out(kit)
        r = kit.post("/login", data={"csrf_token": token(kit), "username": "kit",
                                     "password": SECRET}, follow_redirects=False)
        assert r.status_code == 303  # the same person, the same browser
        page = kit.get(f"/coach/pair/{code}")
        assert page.status_code == 200 and "Question 2 of 5" in page.text
        _answer(kit, code, "KIT second answer")
        elsewhere = signed_in(web, "kit")  # and in a new browser
        assert "Question 3 of 5" in elsewhere.get(f"/coach/pair/{code}").text
        r = elsewhere.post("/coach/pair/join", data={
            "csrf_token": token(elsewhere, "/coach/pair"), "code": code, "name": "Kit"})
        assert r.status_code == 200 and "Question 3 of 5" in r.text  # joining again: the same
        assert "already joined" not in r.text
        _answer(elsewhere, code, "KIT third answer")
        # Still no one else's: another account in Kit's old browser finds nothing.
        _sign_out(kit)
        robin = signed_in(web, "robin")
        assert robin.get(f"/coach/pair/{code}").status_code == 404
        r = kit.post("/login", data={"csrf_token": token(kit), "username": "robin",
                                     "password": SECRET}, follow_redirects=False)
        assert r.status_code == 303
        assert kit.get(f"/coach/pair/{code}").status_code == 404
        assert "KIT" not in kit.get(f"/coach/pair/{code}/exchange").text
        assert "Question 1 of 5" in sam.get(f"/coach/pair/{code}").text  # Sam's own place


@pytest.mark.usefixtures("sqlite_env")
def test_a_place_stopped_for_safety_stays_stopped_when_its_person_signs_in_again(
        home: Path) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        _, kit, code = _start_and_join(web)
        _answer(kit, code, "I want to end my life")
        page = kit.get(f"/coach/pair/{code}").text
        assert "988" in page and 'name="answer"' not in page
        _sign_out(kit)
        for browser in (signed_in(web, "kit"), kit):
            if browser is kit:
                kit.post("/login", data={"csrf_token": token(kit), "username": "kit",
                                         "password": SECRET})
            page = browser.get(f"/coach/pair/{code}").text
            assert "988" in page and 'name="answer"' not in page
