"""Round fifteen, a therapist's week at a practice (t4): a client's entry with crisis content gets
Mend's crisis response and is flagged (first) for the therapist; refused reads are audited; the
privacy line is true for a practice; the share menu preselects no one; a paused account and the
password page say plainly what happened. On SQLite and a real PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from markupsafe import escape as esc
from practice_kit import make_practice, practice_app, signed_in, token, url
from test_accounts import FAST_HASH, PASS, SECRET

from mendkit.analysis.safety import crisis_message, resources_for
from mendkit.cli.main import main
from mendkit.journal.accounts import Accounts, CrisisSigns
from mendkit.journal.repository import Journal

PILLS = "Haven't slept. I've been saving up my pills, just in case."
CAR = ("Sam brushed off the lease thing again. Afterwards I sat in the car for an hour and "
       "honestly thought everyone would be better off if I just wasn't here anymore.")
CALM = "We talked about the weekend plans and it went fine."


@pytest.fixture
def app(backend: str, home: Path) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home) as client:
        yield client


def add(browser: TestClient, **form: str) -> tuple[int, str]:
    """Add an entry; (its id, the page the client lands on)."""
    r = browser.post("/practice/entries", data={"csrf_token": token(browser, "/practice/client"),
                                                **form}, follow_redirects=False)
    assert r.status_code == 303, r.text
    found = re.search(r"#entry-(\d+)$", r.headers["location"])
    assert found
    return int(found.group(1)), browser.get(r.headers["location"]).text


def item(page: str, entry_id: int) -> str:
    """The list item of one entry on the client's page."""
    found = re.search(rf'<li id="entry-{entry_id}".*?</li>\s*(?=<li id="entry-|</ol>)', page,
                      re.S)
    assert found, page
    return found.group(0)


def share(browser: TestClient, entry_id: int, therapist: str = "robin") -> None:
    r = browser.post(f"/practice/entries/{entry_id}/share",
                     data={"csrf_token": token(browser, "/practice/client"),
                           "therapist": therapist}, follow_redirects=False)
    assert r.status_code == 303, r.text


def audit_lines(home: Path, user: str | None = None) -> list[tuple[str | None, str, int | None]]:
    with Journal.open(home, PASS, url=url()) as j:
        return [(line.actor, line.action, line.entry_id)
                for line in Accounts(j, hasher=FAST_HASH).audit(user=user)]


# -- problem 1: the client who writes it gets the crisis response ---------------------------
def test_a_crisis_entry_is_saved_and_answered_with_the_crisis_help(app: TestClient) -> None:
    sam = signed_in(app, "sam")
    calm_id, page = add(sam, kind="rupture", text=CALM)
    assert "Saved. Only you can see it" in page and 'class="crisis"' not in page
    pills_id, page = add(sam, kind="checkin", score="2", text=PILLS)
    assert "Saved. Only you can see it" in page  # kept either way
    top = page.split('id="add-h"')[0]  # before the form: the answer to what was just saved
    assert esc(crisis_message(["suicide"])) in top
    assert all(esc(r.name) in top for r in resources_for("default", ["suicide"]))
    car_id, page = add(sam, kind="rupture", text=CAR)
    # Beside each such entry in the list, and never beside the calm one.
    assert esc(crisis_message(["suicide"])) in item(page, pills_id)
    assert esc(crisis_message(["suicide"])) in item(page, car_id)
    assert 'class="crisis"' not in item(page, calm_id)
    assert esc(PILLS) in item(page, pills_id)
    assert "&#39;mend_safety&#39;" not in page and "mend_safety" not in page


def test_the_therapist_sees_crisis_entries_marked_and_first(app: TestClient, home: Path) -> None:
    sam, kit = signed_in(app, "sam"), signed_in(app, "kit")
    pills_id, _ = add(sam, kind="checkin", score="2", text=PILLS)
    calm_id, _ = add(sam, kind="rupture", text=CALM)  # newer: listed first before this change
    kit_id, _ = add(kit, kind="repair", text="I'm sorry I snapped at you.", uptake="accepted")
    for browser, entry_id in ((sam, pills_id), (sam, calm_id), (kit, kit_id)):
        share(browser, entry_id)
    robin = signed_in(app, "robin")
    page = robin.get("/practice/therapist").text
    links = re.findall(r'href="/practice/shared/(\d+)"', page)
    assert links[0] == str(pills_id)  # the flagged entry (and its client) first
    assert set(links) == {str(pills_id), str(calm_id), str(kit_id)}
    flagged = re.search(rf'<li>(.*?)href="/practice/shared/{pills_id}"', page)
    assert flagged and "Possible crisis sign" in flagged.group(1)  # a word, not colour alone
    assert page.count("Possible crisis sign:") == 1
    entry = robin.get(f"/practice/shared/{pills_id}").text
    assert "This entry may speak of suicide. Read it with care." in entry
    assert "your practice's own procedure" in entry
    assert all(esc(r.name) in entry for r in resources_for("default", ["suicide"]))
    assert "may speak of" not in robin.get(f"/practice/shared/{calm_id}").text


def test_entries_saved_before_signs_were_kept_are_read_on_the_first_list(
        backend: str, home: Path) -> None:
    """Compute on read: an entry kept without signs (as every entry was before) is read the
    first time a list shows it, and its signs are kept then."""
    make_practice(home)
    with Journal.open(home, PASS, url=url()) as j:
        accounts = Accounts(j, hasher=FAST_HASH)
        sam = accounts.user("sam")
        old = accounts.add_entry(sam, "rupture", {"what": CAR})
        calm = accounts.add_entry(sam, "rupture", {"what": CALM})
        accounts.share(sam, old.id, "robin")
        accounts.share(sam, calm.id, "robin")
        assert {e.signs for e in accounts.client_entries(sam)} == {None}
    with practice_app(home) as client:
        page = signed_in(client, "robin").get("/practice/therapist").text
        assert re.findall(r'href="/practice/shared/(\d+)"', page)[0] == str(old.id)
        assert "Possible crisis sign" in page
    with Journal.open(home, PASS, url=url()) as j:
        kept = {e.entry.id: e.signs for e in Accounts(j, hasher=FAST_HASH).client_entries(sam)}
    assert kept == {old.id: CrisisSigns(crisis=True, kinds=("suicide",)),
                    calm.id: CrisisSigns(crisis=False)}


# -- problem 8: refused reads are audited --------------------------------------------------
def test_refused_reads_are_audited_without_telling_whether_the_entry_exists(
        app: TestClient, home: Path) -> None:
    sam, kit = signed_in(app, "sam"), signed_in(app, "kit")
    private_id, _ = add(sam, kind="rupture", text=CALM)
    withdrawn_id, _ = add(sam, kind="checkin", score="5")
    kits_id, _ = add(kit, kind="checkin", score="6")
    share(sam, withdrawn_id)
    share(kit, kits_id, "ash")  # another therapist's
    r = sam.post(f"/practice/entries/{withdrawn_id}/withdraw",
                 data={"csrf_token": token(sam, "/practice/client"), "therapist": "robin"},
                 follow_redirects=False)
    assert r.status_code == 303
    robin = signed_in(app, "robin")
    answers = {robin.get(f"/practice/shared/{i}").text.split("<main")[1]
               for i in (private_id, withdrawn_id, kits_id, 9999)}
    assert len(answers) == 1 and "That entry is not shared with you." in answers.pop()
    assert robin.head(f"/practice/shared/{private_id}").status_code == 403
    assert sam.get(f"/practice/shared/{kits_id}").status_code == 403  # a client reaching
    refused = [line for line in audit_lines(home) if line[1] == "read_entry_refused"]
    assert sorted(refused) == sorted([
        ("robin", "read_entry_refused", private_id), ("robin", "read_entry_refused", withdrawn_id),
        ("robin", "read_entry_refused", kits_id), ("robin", "read_entry_refused", 9999),
        ("robin", "read_entry_refused", private_id), ("sam", "read_entry_refused", kits_id)])
    assert not any(action == "read_entry" for _, action, _ in audit_lines(home))
    # Not a read: the client's "Who has read your entries" does not list them.
    assert "Nobody has read any of your entries." in sam.get("/practice/client").text


def test_the_audit_of_a_deleted_account(backend: str, home: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    make_practice(home)
    with Journal.open(home, PASS, url=url()) as j:
        accounts = Accounts(j, hasher=FAST_HASH)
        accounts.disable("kit")
        accounts.delete_user("kit")
    assert main(["accounts", "audit", "--user", "kit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2] for line in out] == [
        "delete_user (kit [deleted])", "disable_user (kit [deleted])", "add_user (kit [deleted])"]
    assert main(["accounts", "audit", "--user", "nobody"]) == 1
    assert "no account named 'nobody'" in capsys.readouterr().err


# -- problem 7: the privacy line -----------------------------------------------------------
def test_the_privacy_line_is_true_for_a_practice(app: TestClient) -> None:
    sam = signed_in(app, "sam")
    for path in ("/about", "/practice/client", "/check"):
        page = sam.get(path).text
        assert "running on this computer only" not in page
        assert "running on your practice's server" in page
    about = app.get("/about").text  # open to all, signed in or not
    assert "sends nothing anywhere." not in about
    assert "runs on your practice's server" in about and "encrypted" in about
    assert "only the entries you choose to share" in about


def test_the_privacy_line_stays_for_one_person(sqlite_env: None, home: Path) -> None:
    from mendkit.config import Settings
    from mendkit.web import create_app

    with TestClient(create_app(Settings(home=home))) as client:
        page = client.get("/about").text
    assert "running on this computer only" in page and "sends nothing anywhere" in page
    assert "practice's server" not in page


# -- problem 9: no therapist chosen for the client -----------------------------------------
def test_the_share_menu_preselects_no_therapist(app: TestClient) -> None:
    sam = signed_in(app, "sam")
    entry_id, page = add(sam, kind="checkin", score="4")
    menu = re.search(rf'<select id="share-{entry_id}"[^>]*>(.*?)</select>',
                     item(page, entry_id), re.S)
    assert menu and "required" in menu.group(0)
    options = re.findall(r"<option([^>]*)>([^<]*)</option>", menu.group(1))
    assert options[0] == (' value="" disabled selected', "Choose a therapist")
    assert all("selected" not in attrs for attrs, _ in options[1:])
    r = sam.post(f"/practice/entries/{entry_id}/share",
                 data={"csrf_token": token(sam, "/practice/client"), "therapist": ""})
    assert r.status_code == 400 and "Choose a therapist to share that entry with." in r.text
    assert "Only you can see this." in item(sam.get("/practice/client").text, entry_id)


# -- problems 10 and 11: a paused account, and the password page -------------------------
def test_a_paused_account_is_told_so_only_after_the_right_password(app: TestClient,
                                                                   home: Path) -> None:
    with Journal.open(home, PASS, url=url()) as j:
        Accounts(j, hasher=FAST_HASH).disable("kit")
    for _ in range(7):  # more than the limit of failures: the right password is not one
        r = app.post("/login", data={"csrf_token": token(app), "username": "kit",
                                     "password": SECRET})
        assert r.status_code == 401
        assert "This account is paused by your practice. Please contact them." in r.text
        assert 'name="password"' in r.text  # the sign-in form again
    r = app.post("/login", data={"csrf_token": token(app), "username": "kit",
                                 "password": "not the password at all"})
    assert r.status_code == 401 and "paused" not in r.text
    assert "That username and password do not match an account here." in r.text
    assert sum(b == "sign_in_paused" for _, b, _ in audit_lines(home, "kit")) == 7


def test_password_errors_come_back_on_the_form(app: TestClient) -> None:
    sam = signed_in(app, "sam")

    def change(current: str, new: str, again: str | None = None) -> tuple[int, str]:
        r = sam.post("/practice/password", data={
            "csrf_token": token(sam, "/practice/password"), "current": current, "new": new,
            "again": new if again is None else again}, follow_redirects=False)
        return r.status_code, r.text

    cases = [
        (("not my password now", "a new long password"),
         "That is not your password now, so nothing was changed. Type it again.", "current"),
        ((SECRET, "a new long password", "another long one"),
         "The two new passwords differ, so nothing was changed. Type them again.", "new"),
        ((SECRET, "short"),
         "A password needs at least 10 characters that are not spaces. Nothing was changed.",
         "new"),
        ((SECRET, SECRET),
         "The new password is the one you have now, so nothing was changed. Choose a "
         "different one.", "new"),
    ]
    for args, message, field in cases:
        status, page = change(*args)
        assert status == 400, page
        assert f'<p class="error" role="alert" id="password-problem">{message}</p>' in page
        assert re.search(rf'<input id="{field}"[^>]*aria-invalid="true"', page)
        assert 'action="/practice/password"' in page  # the form again, not a dead end
    status, _ = change(SECRET, "a new long password")
    assert status == 303
    assert change("a new long password", "a new long password")[0] == 400  # same as now
