"""Accessibility edges of the web pages: every evidence span and critic issue keeps a mark (also
inside a whole-turn span), the timeline filter never reloads the page under a keyboard user, the
correction's confirmation is where the user is, narrow screens do not scroll sideways, a focused
mark shows its label, the still pacer's words do not speak of a moving circle, and in a practice
only the two people of a two-person session can open it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS, chromium, serving
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.timeline import highlight

EXAMPLE = (Path(__file__).resolve().parent.parent / "src/mendkit/examples/workplace.txt").read_text()


def token(client: TestClient, page: str = "/analyse") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def analyse(client: TestClient, mode: str = "rules") -> str:
    r = client.post("/analyse", data={"csrf_token": token(client), "text": EXAMPLE, "mode": mode})
    assert r.status_code == 200, r.text
    return str(r.url).rsplit("/", 1)[1].split("?")[0]


def described(html: str) -> set[str]:
    """Every id that some mark's aria-describedby names."""
    return {name for names in re.findall(r'<mark [^>]*aria-describedby="([^"]+)"', html)
            for name in names.split()}


# -- every evidence item and every issue keeps a mark ---------------------------------------------
def test_spans_inside_a_whole_span_keep_their_own_marks() -> None:
    text = "You never listen, and I feel hurt."
    segments = highlight(text, [(0, len(text), "whole"), (0, 9, "never"), (22, 33, "feel")],
                         kinds={"whole": "repair", "never": "rupture", "feel": "repair"})
    assert "".join(s.text for s in segments) == text
    marked = {s.text: s.marks for s in segments}
    assert marked["You never"] == ("never", "whole")
    assert marked[" listen, and "] == ("whole",)
    assert marked["I feel hurt"] == ("feel", "whole")
    assert [s.kind for s in segments if s.text == "You never"] == ["rupture"]  # the precise colour


def test_in_full_mode_every_evidence_item_has_a_mark_and_ruptures_stay_red(
        client: TestClient) -> None:
    html = client.get(f"/analyse/{analyse(client, 'full')}").text
    evidence = re.findall(r'<li id="(ev-[^"]+)">', html)
    assert evidence
    assert sorted(set(evidence) - described(html)) == []
    turn0 = html.split('id="turn-0"', 1)[1].split('id="turn-1"', 1)[0]
    # Inside the one focus stop of overlapping evidence (round 17), the rupture's words keep red.
    assert re.search(r'<span class="piece k-rupture">it&#39;s not even what I was looking for',
                     turn0)


def test_every_overlapping_issue_of_a_checked_message_has_a_mark(client: TestClient) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"),
                                    "text": "I'm sorry you feel that way, but you always overreact."})
    issues = re.findall(r'<li id="(issue-\d+)">', r.text)
    assert len(issues) == 3
    assert described(r.text) == set(issues)


# -- the filter and the correction --------------------------------------------------------------
def test_a_filtered_timeline_focuses_the_filter_and_keeps_its_button(client: TestClient) -> None:
    key = analyse(client)
    html = client.get(f"/analyse/{key}?label=repair.request").text
    assert re.search(r'<select id="label" name="label" autofocus', html)
    assert '<button type="submit">Filter</button>' in html
    assert "autofocus" not in client.get(f"/analyse/{key}").text


def test_the_correction_is_confirmed_inside_the_corrected_turn(client: TestClient) -> None:
    key = analyse(client)
    html = client.get(f"/analyse/{key}").text
    label = re.findall(r'name="label" value="([^"]+)"', html.split('id="turn-2"', 1)[1])[0]
    r = client.post("/corrections", data={"csrf_token": token(client), "key": key, "turn": 2,
                                          "label": label, "note": "we were joking"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    turn = page.split('id="turn-2"', 1)[1].split('id="turn-3"', 1)[0]
    assert re.search(r'role="status"[^>]*autofocus[^>]*>Thank you: the correction is saved', turn)
    assert "<details open>" in turn
    assert page.count("the correction is saved") == 1


# -- two people in a practice ---------------------------------------------------------------------
PASS, SECRET = "correct horse battery staple", "plum-tree-evening-42"


@pytest.fixture
def practice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    from argon2 import PasswordHasher

    from mendkit.journal.accounts import Accounts
    from mendkit.journal.crypto import KdfParams
    from mendkit.journal.repository import Journal
    from mendkit.web.accounts import Practice

    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    home = tmp_path / "practice"
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with Journal.create(home, PASS, kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1)) as j:
        accounts = Accounts(j, hasher=hasher)
        accounts.enable()
        for name, role in (("bob", "therapist"), ("dave", "client"), ("carol", "client"),
                           ("alice", "client")):
            accounts.add_user(name, role, SECRET)
    app = create_app(Settings(home=home))
    app.state.mend_practice = Practice(hasher=hasher)
    with TestClient(app) as web:
        yield web


def signed_in(web: TestClient, name: str) -> TestClient:
    browser = TestClient(web.app)
    r = browser.post("/login", data={"csrf_token": token(browser, "/login"), "username": name,
                                     "password": SECRET}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return browser


def test_in_a_practice_only_the_two_people_can_open_a_two_person_session(
        practice: TestClient) -> None:
    dave, carol, bob = (signed_in(practice, n) for n in ("dave", "carol", "bob"))
    r = dave.post("/coach/pair", data={"csrf_token": token(dave, "/coach/pair"), "name": "Dave"},
                  follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    r = carol.post("/coach/pair/join", data={"csrf_token": token(carol, "/coach/pair"),
                                             "code": code, "name": "Carol"},
                   follow_redirects=False)
    assert r.status_code == 303, r.text
    for person, shared in ((dave, "DAVE-SHARED"), (carol, "CAROL-SHARED")):
        for _ in range(8):
            page = person.get(f"/coach/pair/{code}").text
            key = re.search(r'name="key" value="([^"]+)"', page)
            if not key:
                break
            person.post(f"/coach/pair/{code}", data={
                "csrf_token": token(person, f"/coach/pair/{code}"), "key": key.group(1),
                "answer": "yes" if key.group(1) == "safe" else f"{shared} {key.group(1)} answer text",
                "share": "yes"})
    mine = dave.get(f"/coach/pair/{code}/exchange")
    assert mine.status_code == 200 and "CAROL-SHARED" in mine.text
    for path in (f"/coach/pair/{code}/exchange", f"/coach/pair/{code}"):
        r = bob.get(path)
        assert r.status_code == 404, path
        assert "DAVE-SHARED" not in r.text and "CAROL-SHARED" not in r.text
        assert "Dave" not in r.text and "Carol" not in r.text
    # Carol's seat cookie left in a shared browser opens nothing for the next account.
    alice = signed_in(practice, "alice")
    alice.cookies.set("mend_pair", carol.cookies.get("mend_pair") or "", path="/coach/pair")
    r = alice.get(f"/coach/pair/{code}")
    assert r.status_code == 404 and "Dave" not in r.text


# -- in a real browser -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("a11y-home")
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)), allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        yield base


def _timeline(pg, base: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(base + "/analyse")
    pg.fill("#text", EXAMPLE)
    pg.get_by_label("Rules only (faster)").check()
    with pg.expect_navigation():
        pg.get_by_role("button", name="Analyse").click()


def browser_test(test: Callable[..., None]) -> Callable[..., None]:
    """The browser tests' marks (``browser``, and a skip without Chromium)."""
    for mark in MARKS:
        test = mark(test)
    return test


@browser_test
def test_browser_filter_tips_and_narrow_screens(site: str) -> None:
    with chromium() as b:
        pg = b.new_page(viewport={"width": 1280, "height": 800})
        _timeline(pg, site)
        pg.focus("#label")
        pg.keyboard.press("ArrowDown")
        assert "label=" in pg.url
        pg.reload()
        assert pg.evaluate("document.activeElement.id") == "label"
        pg.evaluate("window.sameDocument = true")  # a reload would lose it
        pg.keyboard.press("ArrowDown")
        pg.wait_for_timeout(300)
        assert pg.evaluate("window.sameDocument === true")
        assert pg.evaluate("document.activeElement.id") == "label"
        button = pg.get_by_role("button", name="Filter")
        assert button.is_visible()  # the server filtered this page: the button applies a change
        with pg.expect_navigation():
            button.click()
        chosen = pg.eval_on_selector("#label", "s => s.value")
        assert chosen and f"label={chosen}" in pg.url
        assert pg.evaluate("document.activeElement.id") == "label"  # back at the filter
        _timeline(pg, site)
        # A focused mark shows its label on screen, not only in a hover title.
        first = pg.locator("mark").first
        first.focus()
        tip = first.locator(".tip")
        assert tip.is_visible() and "rupture" in tip.inner_text()
        pg.keyboard.press("Escape")
        assert not tip.is_visible()
        narrow = b.new_page(viewport={"width": 320, "height": 640})
        for path in ("/analyse", "/coach", "/check"):
            narrow.goto(site + path)
            width = narrow.evaluate("[document.documentElement.scrollWidth, "
                                    "document.documentElement.clientWidth]")
            assert width[0] <= width[1], (path, width)


def _press(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    with pg.expect_navigation():
        pg.get_by_role("button", name=name, exact=True).click()


@browser_test
def test_browser_the_still_pacer_speaks_of_counts_not_a_circle(site: str) -> None:
    with chromium() as b:
        for motion in ("reduce", "no-preference"):
            pg = b.new_page(reduced_motion=motion)
            pg.goto(site + "/coach")
            _press(pg, "Begin")
            _press(pg, "Yes, I'm safe")
            pg.fill("#answer", "Sam")
            _press(pg, "Next")
            _press(pg, "Skip this")
            pg.fill("#answer", "We argued")
            _press(pg, "Next")
            _press(pg, "Skip this")
            _press(pg, "Skip this")
            _press(pg, "Next")  # 5 out of 10: breathing
            for pattern in ("paced", "sigh"):
                pg.goto(pg.url.split("?")[0] + f"?pattern={pattern}")
                said = pg.locator(".pacer-note:visible").inner_text()
                assert ("circle" in said) == (motion == "no-preference"), (motion, said)
                assert pg.locator(".pacer-note:visible").count() == 1
            pg.close()
