"""Round fifteen, a therapist's week at a practice (t4), a client's own things: an analysis kept as
a Practice entry and shared like any other (the therapist reads its turns, labels, evidence and
crisis signs, audited); one's own entry deleted after a confirmation, and all of them exported; an
entry typed while the session ran out kept in the form, not lost. On SQLite and a real PostgreSQL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from markupsafe import escape as esc
from practice_kit import make_practice, practice_app, signed_in, token, url
from test_accounts import FAST_HASH, PASS, SECRET, FakeClock

from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import Journal

CHAT = ("Theo: Did you read the thing I sent about the lease?\n"
        "Sam: I'm busy.\n"
        "Theo: You're always busy when it's something I care about.\n"
        "Sam: Oh please, you're making a big deal out of nothing. Calm down.\n"
        "Theo: Honestly some nights I think everyone would be better off if I just wasn't "
        "around anymore.\n"
        "Sam: Don't say that. Where are you right now? I'm coming over.\n")
WORDS = "We argued about the dishes and I walked out."


@pytest.fixture
def app(backend: str, home: Path) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home) as client:
        yield client


def analyse(browser: TestClient, text: str = CHAT) -> str:
    """Analyse a conversation in rules mode; the result's key."""
    r = browser.post("/analyse", data={"csrf_token": token(browser, "/analyse"), "text": text,
                                       "mode": "rules"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return str(r.headers["location"]).rsplit("/", 1)[1]


def keep(browser: TestClient, key: str, name: str = "Theo and Sam, the lease") -> int:
    r = browser.post("/practice/analyses", data={"csrf_token": token(browser, "/analyse"),
                                                 "key": key, "name": name},
                     follow_redirects=False)
    assert r.status_code == 303, r.text
    found = re.search(r"stored=(\d+)", r.headers["location"])
    assert found, r.headers["location"]
    return int(found.group(1))


def add(browser: TestClient, text: str = WORDS) -> int:
    r = browser.post("/practice/entries", data={"csrf_token": token(browser, "/practice/client"),
                                                "kind": "rupture", "text": text},
                     follow_redirects=False)
    assert r.status_code == 303, r.text
    return int(str(r.headers["location"]).rsplit("-", 1)[1])


def share(browser: TestClient, entry_id: int, therapist: str = "robin") -> None:
    r = browser.post(f"/practice/entries/{entry_id}/share",
                     data={"csrf_token": token(browser, "/practice/client"),
                           "therapist": therapist}, follow_redirects=False)
    assert r.status_code == 303, r.text


def audit(home: Path) -> list[tuple[str | None, str, int | None]]:
    with Journal.open(home, PASS, url=url()) as j:
        return [(a.actor, a.action, a.entry_id) for a in Accounts(j, hasher=FAST_HASH).audit()]


# -- problem 3: an analysis kept on the Practice page, shared with a therapist ---------------
def test_a_client_keeps_an_analysis_and_the_therapist_reads_it(app: TestClient,
                                                               home: Path) -> None:
    sam = signed_in(app, "sam")
    key = analyse(sam)
    page = sam.get(f"/analyse/{key}").text
    assert f'action="/analyse/{key}/save"' not in page  # the one-person journal is off here
    assert 'action="/practice/analyses"' in page
    entry = keep(sam, key)
    page = sam.get(f"/analyse/{key}?stored={entry}").text
    assert "Kept on your Practice page" in page
    mine = sam.get("/practice/client").text
    assert f'id="entry-{entry}"' in mine and "Theo and Sam, the lease" in mine
    assert robin_cannot_read(app, entry)  # private until shared
    share(sam, entry)
    robin = signed_in(app, "robin")
    listing = robin.get("/practice/therapist").text
    assert re.findall(r'href="/practice/shared/(\d+)"', listing)[0] == str(entry)
    shown = robin.get(f"/practice/shared/{entry}").text
    assert "Theo and Sam, the lease" in shown
    words = re.sub(r"<[^>]+>", "", shown)  # the marks of evidence cut the words
    assert esc("Honestly some nights I think everyone would be better off") in words
    assert "rupture.withdrawal" in shown or "rupture.confrontation" in shown  # labels
    assert 'class="evidence"' in shown  # with the words that made Mend think so
    assert "This entry may speak of suicide. Read it with care." in shown
    assert "read this turn with care" in shown
    assert ("robin", "read_entry", entry) in audit(home)
    r = sam.post(f"/practice/entries/{entry}/withdraw",
                 data={"csrf_token": token(sam, "/practice/client"), "therapist": "robin"},
                 follow_redirects=False)
    assert r.status_code == 303
    assert robin_cannot_read(app, entry)


def robin_cannot_read(app: TestClient, entry: int) -> bool:
    r = signed_in(app, "robin").get(f"/practice/shared/{entry}")
    return r.status_code == 403 and "Theo" not in r.text


def test_keeping_twice_keeps_one_and_a_therapist_is_told_how_to_keep_a_copy(
        app: TestClient, home: Path) -> None:
    sam = signed_in(app, "sam")
    key = analyse(sam)
    first = keep(sam, key)
    assert keep(sam, key) == first
    assert sum("Theo and Sam" in t for t in _titles(home, "sam")) == 1
    robin = signed_in(app, "robin")
    theirs = analyse(robin)
    page = robin.get(f"/analyse/{theirs}").text
    assert 'action="/practice/analyses"' not in page and "/save" not in page
    assert f'href="/analyse/{theirs}/export.json"' in page and "Export JSON" in page
    r = robin.post("/practice/analyses", data={"csrf_token": token(robin, "/analyse"),
                                               "key": theirs, "name": "x"})
    assert r.status_code == 403 and "Sign in" not in r.text
    # Someone else's result cannot be kept: it is not theirs to read.
    kit = signed_in(app, "kit")
    r = kit.post("/practice/analyses", data={"csrf_token": token(kit, "/analyse"), "key": key,
                                             "name": "x"})
    assert r.status_code == 404


def _titles(home: Path, name: str) -> list[str]:
    with Journal.open(home, PASS, url=url()) as j:
        accounts = Accounts(j, hasher=FAST_HASH)
        return [json.dumps(e.entry.body) for e in accounts.client_entries(accounts.user(name))]


# -- problem 4: delete one's own entry, export them all --------------------------------------
def test_a_client_deletes_their_own_entry_after_confirming(app: TestClient, home: Path) -> None:
    sam, kit = signed_in(app, "sam"), signed_in(app, "kit")
    entry, kept = add(sam), add(sam, "A calm evening together.")
    share(sam, entry)
    assert f'href="/practice/entries/{entry}/delete"' in sam.get("/practice/client").text
    confirm = sam.get(f"/practice/entries/{entry}/delete")
    assert confirm.status_code == 200
    assert esc(WORDS) in confirm.text and "robin" in confirm.text  # what, and who sees it now
    assert f'action="/practice/entries/{entry}/delete"' in confirm.text
    # Not someone else's: refused, and it stays.
    assert kit.get(f"/practice/entries/{entry}/delete").status_code == 403
    r = kit.post(f"/practice/entries/{entry}/delete",
                 data={"csrf_token": token(kit, "/practice/client")})
    assert r.status_code == 403
    r = sam.post(f"/practice/entries/{entry}/delete",
                 data={"csrf_token": token(sam, "/practice/client")}, follow_redirects=False)
    assert r.status_code == 303
    page = sam.get(r.headers["location"]).text
    assert "Deleted." in page and esc(WORDS) not in page and "A calm evening" in page
    robin = signed_in(app, "robin")
    assert f"/practice/shared/{entry}" not in robin.get("/practice/therapist").text
    assert robin.get(f"/practice/shared/{entry}").status_code == 403
    lines = audit(home)
    assert ("sam", "delete_entry", entry) in lines
    assert ("sam", "delete_entry", kept) not in lines
    assert all(WORDS not in t for t in _titles(home, "sam"))
    assert sam.post(f"/practice/entries/{entry}/delete",
                    data={"csrf_token": token(sam, "/practice/client")}).status_code == 403


def test_a_client_exports_their_own_entries(app: TestClient, home: Path) -> None:
    sam, kit = signed_in(app, "sam"), signed_in(app, "kit")
    first = add(sam)
    share(sam, first)
    second = keep(sam, analyse(sam))
    add(kit, "KIT-ONLY words")
    before = sorted(p for p in home.rglob("*") if p.is_file())
    assert 'href="/practice/export.json"' in sam.get("/practice/client").text
    r = sam.get("/practice/export.json")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    assert "no-store" in r.headers["cache-control"]
    data = r.json()
    assert data["account"] == "sam"
    by_id = {e["id"]: e for e in data["entries"]}
    assert set(by_id) == {first, second}
    assert by_id[first]["body"]["what"] == WORDS and by_id[first]["shared_with"] == ["robin"]
    assert by_id[second]["body"]["analysis"]["turns"][1]["text"] == "I'm busy."
    assert "KIT-ONLY" not in r.text and "mend_safety" not in r.text
    assert sorted(p for p in home.rglob("*") if p.is_file()) == before  # nothing left on disk
    assert signed_in(app, "robin").get("/practice/export.json").status_code == 403


def test_settings_say_how_to_ask_for_the_account_to_be_deleted(app: TestClient) -> None:
    page = signed_in(app, "sam").get("/about").text
    assert "delete your account" in page and "ask your practice" in page


# -- problem 5: the session ran out while the client wrote ------------------------------------
def test_an_entry_sent_after_the_session_ended_is_kept_in_the_form(backend: str,
                                                                    home: Path) -> None:
    clock = FakeClock()
    make_practice(home)
    long_text = "I kept thinking about what you said at dinner. " * 20
    with practice_app(home, clock) as app:
        sam = signed_in(app, "sam")
        tok = token(sam, "/practice/client")
        clock.advance(minutes=31)  # writing, without a request
        r = sam.post("/practice/entries", data={"csrf_token": tok, "kind": "repair",
                                                "who": "Jo", "text": long_text,
                                                "uptake": "partly"})
        assert r.status_code == 401
        assert "not saved yet" in r.text
        assert esc(long_text.strip()) in r.text  # in the form, to sign in with
        assert not _titles(home, "sam")
        # A wrong password keeps it too.
        r = sam.post("/login", data={"csrf_token": tok, "username": "sam", "password": "nope",
                                     "draft_kind": "repair", "draft_who": "Jo",
                                     "draft_text": long_text, "draft_uptake": "partly"})
        assert r.status_code == 401 and esc(long_text.strip()) in r.text
        r = sam.post("/login", data={"csrf_token": tok, "username": "sam", "password": SECRET,
                                     "draft_kind": "repair", "draft_who": "Jo",
                                     "draft_text": long_text, "draft_uptake": "partly"})
        assert r.status_code == 200
        assert "not saved yet" in r.text
        form = r.text.split('id="entries-h"')[0]
        assert esc(long_text.strip()) in form and 'value="Jo"' in form
        assert re.search(r'value="repair" checked', form)
        assert re.search(r'<option value="partly" selected', form)
        assert not _titles(home, "sam")  # nothing saved until the person saves it
        add_r = sam.post("/practice/entries", data={
            "csrf_token": token(sam, "/practice/client"), "kind": "repair", "who": "Jo",
            "text": long_text, "uptake": "partly"}, follow_redirects=False)
        assert add_r.status_code == 303
        assert len(_titles(home, "sam")) == 1
