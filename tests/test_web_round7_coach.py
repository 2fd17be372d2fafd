"""Round 7 of the web coach and check pages: the two-person exchange only for its two people,
an answer from an old tab named for what it is (and its text given back), a note shown once to
the page that asked, the break's minutes as the hint says, a failed join that keeps the form, the
break page without JavaScript, the check page after a crisis, the session's own region, and the
"not therapy" notice said once."""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.driver import start
from mendkit.coach.machine import State
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app

NOW = datetime(2026, 11, 27, 18, 0)
TO_REGULATE = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "I came home late and snapped when Sam asked why"}, {"skip": "1"},
               {"skip": "1"}]


@pytest.fixture
def app(home: Path):  # type: ignore[no-untyped-def]
    made = create_app(Settings(home=home))
    made.state.coach_clock = lambda: NOW
    return made


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


class Walk:
    """One browser tab on one session: posts with the page's token and position."""

    def __init__(self, client: TestClient, url: str = "") -> None:
        self.client = client
        if not url:
            page = client.get("/coach")
            r = client.post("/coach", data={"csrf_token": field(page.text, "csrf_token")},
                            follow_redirects=False)
            url = r.headers["location"]
        self.url = url
        self.id = url.rsplit("/", 1)[1]
        self.html = client.get(url).text

    def answer(self, **fields: Any) -> str:
        form = {"csrf_token": field(self.html, "csrf_token"),
                "position": field(self.html, "position"), **fields}
        r = self.client.post(self.url, data=form, follow_redirects=False)
        assert r.status_code == 303, r.text
        self.html = self.client.get(r.headers["location"]).text
        return self.html


def _pair_start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                         "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    code = r.headers["location"].rsplit("/", 1)[1]
    _say_safe(client, code)
    return code


def _pair_join(client: TestClient, code: str, name: str):  # type: ignore[no-untyped-def]
    page = client.get("/coach/pair")
    r = client.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                              "code": code, "name": name})
    if r.status_code == 200 and 'name="key" value="safe"' in r.text:
        _say_safe(client, code)
    return r


def _say_safe(client: TestClient, code: str) -> None:
    """Round 10: each person first answers, privately, that they are safe."""
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe", "answer": "yes", "share": "no"},
        follow_redirects=False)
    assert r.status_code == 303


def _pair_answer(client: TestClient, code: str, text: str, page: str = "") -> str:
    page = page or client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": field(page, "key"), "answer": text,
        "share": "yes"})
    assert r.status_code == 200
    return r.text


# ---- journey 1: the exchange is its two people's only ----

def test_a_browser_that_did_not_join_cannot_read_the_exchange(app) -> None:  # type: ignore[no-untyped-def]
    ana, ben, cy = TestClient(app), TestClient(app), TestClient(app)
    code = _pair_start(ana, "Ana")
    assert _pair_join(ben, code, "Ben").status_code == 200
    for who, client in (("Ana", ana), ("Ben", ben)):
        for i in range(5):
            _pair_answer(client, code, f"{who} shared answer {i}")
    assert "Ben shared answer 0" in ana.get(f"/coach/pair/{code}/exchange").text
    refused = _pair_join(cy, code, "Cy")
    assert refused.status_code == 400
    r = cy.get(f"/coach/pair/{code}/exchange")
    assert r.status_code == 403
    assert "Ana shared answer" not in r.text and "Ben shared answer" not in r.text
    assert "has not joined" in r.text


# ---- journey 2 and 3: an answer from an old tab ----

def test_an_answer_from_a_tab_the_session_moved_on_from_is_given_back(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = Walk(browser)
    tab1.answer(answer="yes")  # now: who is this about?
    tab2 = Walk(browser, tab1.url)
    tab1.answer(answer="Dana")
    typed = "A long answer I typed carefully in tab two"
    page = tab2.answer(answer=typed)
    text = plain(page)
    assert "moved on in another tab or window" in text
    assert "not used again" not in text and "earlier step" not in text
    assert typed in text  # the text comes back, to copy
    # Tab 1 sent nothing stale: its reload shows no note; nor does tab 2's own reload.
    assert "moved on" not in plain(browser.get(tab1.url).text)
    assert "earlier step" not in plain(browser.get(tab1.url).text)
    assert typed not in plain(browser.get(tab2.url).text)


def test_the_same_form_sent_twice_is_not_called_a_lost_answer(client: TestClient,
                                                              home: Path) -> None:
    walk = Walk(client)
    walk.answer(answer="yes")
    before = walk.html
    walk.answer(answer="Sam")
    walk.html = before
    text = plain(walk.answer(answer="Sam"))  # a double submit of the same answer
    assert "already" in text and "moved on in another tab" not in text
    assert SessionStore(home).load(walk.id).answers["recognise_who"] == "Sam"
    assert "already" not in plain(client.get(walk.url).text)  # shown once


def test_an_unclear_answer_note_is_shown_once(client: TestClient) -> None:
    walk = Walk(client)
    walk.answer(answer="purple")  # neither yes nor no
    assert "did not fit" in walk.html
    assert "did not fit" not in client.get(walk.url).text


def test_a_two_person_answer_from_an_old_tab_is_given_back(app) -> None:  # type: ignore[no-untyped-def]
    ana = TestClient(app)
    code = _pair_start(ana, "Ana")
    old = ana.get(f"/coach/pair/{code}").text
    _pair_answer(ana, code, "Hurt", page=old)
    typed = "Left out, and my second tab's words"
    text = plain(_pair_answer(ana, code, typed, page=old))
    assert "not saved twice" not in text
    assert "another tab or window" in text and typed in text
    assert "Question 2 of 5" in text


# ---- journey 4: the break's minutes ----

def test_the_break_takes_any_whole_minute_and_a_wrong_one_names_the_range(
        client: TestClient) -> None:
    walk = Walk(client)
    for step in TO_REGULATE:
        walk.answer(**step)
    page = walk.answer(level="8")
    box = re.search(r'<input id="answer"[^>]*>', page)
    assert box is not None and 'step="5"' not in box.group(0)
    text = plain(walk.answer(answer="5"))
    assert "A break needs at least 20 minutes" in text and "under a day" in text
    text = plain(walk.answer(answer="abc"))
    assert "like 45 minutes or 2 hours" in text and "under a day" in text
    walk.answer(answer="37")
    assert "18:37" in walk.html


# ---- journey 5: a failed join keeps the form ----

@pytest.mark.parametrize("code", ["ZZZZZZ", "AB"])
def test_a_failed_join_shows_the_join_form_again_with_what_was_typed(
        client: TestClient, code: str) -> None:
    r = _pair_join(client, code, "Cy")
    assert r.status_code == 400
    assert 'action="/coach/pair/join"' in r.text
    assert re.search(r'<input id="join-name"[^>]*value="Cy"', r.text)
    assert re.search(rf'<input id="code"[^>]*value="{code}"[^>]*aria-invalid="true"', r.text)
    assert "Back to Analyse" not in r.text


def test_a_join_to_a_full_session_keeps_the_form(app) -> None:  # type: ignore[no-untyped-def]
    ana, ben, cy = TestClient(app), TestClient(app), TestClient(app)
    code = _pair_start(ana, "Ana")
    _pair_join(ben, code, "Ben")
    r = _pair_join(cy, code, "Cy")
    assert r.status_code == 400 and "already joined" in r.text
    assert re.search(r'<input id="join-name"[^>]*value="Cy"', r.text)


# ---- journey 6: without JavaScript ----

def test_without_javascript_the_break_time_says_which_minutes_and_the_scale_its_value(
        client: TestClient) -> None:
    walk = Walk(client)
    for step in TO_REGULATE:
        walk.answer(**step)
    ticks = re.search(r'<span class="scale-ticks"[^>]*>(.*?)</span>\s*</span>', walk.html)
    assert ticks is not None  # the scale's numbers are on the page, not only in a script
    assert re.sub(r"<[^>]+>", " ", ticks.group(1)).split() == [str(n) for n in range(11)]
    page = walk.answer(level="8")
    assert "With 20 minutes, you would come back at" in plain(page)


# ---- safety 5: the check page after a crisis ----

def test_the_check_page_leads_with_the_crisis_and_scores_nothing(client: TestClient) -> None:
    page = client.get("/check").text
    r = client.post("/check", data={
        "csrf_token": field(page, "csrf_token"), "mode": "rules",
        "text": "You never listen. Sorry you feel that way, but honestly I want to kill myself."})
    assert r.status_code == 200
    result = r.text[r.text.index('class="result"'):]
    assert result.index('class="crisis"') < result.index("988")
    text = plain(result)
    assert "Repair quality" not in text and "out of 100" not in text
    assert "What is there" not in text and "No issues found" not in text


# ---- safety 8: the session's own region ----

def test_a_stopped_session_and_its_help_show_the_sessions_region(
        client: TestClient, home: Path) -> None:
    store = SessionStore(home)
    session = start("a1b2c3d4e5f6", attachment=None, region="GB")
    store.save(session)
    walk = Walk(client, "/coach/a1b2c3d4e5f6")
    walk.answer(answer="")  # past the welcome
    help_page = client.get("/coach/a1b2c3d4e5f6?help=1").text
    assert "116 123" in help_page and "999" in help_page and "988" not in help_page
    walk.answer(answer="yes")
    walk.answer(answer="I want to kill myself")
    assert store.load(walk.id).state is State.STOPPED_CRISIS
    stop = client.get(walk.url).text
    assert "Samaritans" in stop and "<a href=\"tel:999\">call 999</a>" in stop and "988" not in stop


# ---- safety 9: "not therapy" once, where Mend is met ----

def test_not_therapy_is_said_on_the_home_about_and_coach_start_not_in_every_footer(
        client: TestClient) -> None:
    for page in ("/analyse", "/about"):
        assert plain(client.get(page).text).count("not therapy") == 1, page
    check = client.get("/check").text
    assert "not therapy" not in check
    footer = check[check.index("<footer"):]
    assert "Need help now?" in footer and 'href="/about#help"' in footer


# ==== the re-run: typed text from an outdated tab on the level and grounding steps is given
# back, the exchange answers an outsider the same for a real and an unknown code, and a badly
# formed code in a pair address shows the pair home page with the error at the code field ====

def _at_level_step(client: TestClient) -> Walk:
    tab = Walk(client)
    for step in TO_REGULATE:
        tab.answer(**step)
    assert 'id="level"' in tab.html
    return tab


# ---- N1: the level and grounding steps' free text from an outdated tab ----

def test_body_notes_typed_in_an_outdated_tab_are_given_back(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = _at_level_step(browser)
    tab2 = Walk(browser, tab1.url)
    tab1.answer(level="3")  # tab 1 moves on
    typed = "My chest is tight and my hands are shaking, I wrote this carefully"
    text = plain(tab2.answer(level="5", answer=typed))
    assert "another tab or window" in text and "earlier step" not in text
    assert f"Your answer that was not used: {typed}" in text
    assert typed not in plain(browser.get(tab2.url).text)  # shown once


def test_grounding_lines_typed_in_an_outdated_tab_are_given_back(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = _at_level_step(browser)
    tab1.answer(level="4", numb="1")
    assert 'name="grounding"' in tab1.html
    tab2 = Walk(browser, tab1.url)
    tab1.answer(grounding=["", "", "", "", ""])  # tab 1 moves on
    lines = ["the lamp, the window", "my sleeve", "", "coffee", "mint"]
    text = plain(tab2.answer(grounding=lines))
    assert "another tab or window" in text and "earlier step" not in text
    assert "Your answer that was not used: the lamp, the window; my sleeve; coffee; mint" in text


def test_an_outdated_level_with_no_typed_text_is_only_noted(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = _at_level_step(browser)
    tab2 = Walk(browser, tab1.url)
    tab1.answer(level="3")
    text = plain(tab2.answer(level="5"))
    assert "That answer was for an earlier step, so it was not used." in text
    assert "not used:" not in text


def test_a_numb_answer_sent_twice_is_already_saved(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab = _at_level_step(browser)
    before = tab.html
    tab.answer(numb="1", answer="far away")
    tab.html = before
    text = plain(tab.answer(numb="1", answer="far away"))
    assert "already saved" in text and "not used:" not in text


# ---- N2: the exchange tells an outsider nothing about a code ----

def test_the_exchange_answers_an_outsider_the_same_for_a_real_and_an_unknown_code(
        app) -> None:  # type: ignore[no-untyped-def]
    ana, outsider = TestClient(app), TestClient(app)
    page = ana.get("/coach/pair")
    r = ana.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                      "name": "Ana"}, follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    real = outsider.get(f"/coach/pair/{code}/exchange")
    unknown = outsider.get("/coach/pair/ZZZZZZ/exchange")
    assert real.status_code == unknown.status_code == 403
    assert "has not joined" in real.text
    assert plain(real.text).replace(code, "CODE") == plain(unknown.text).replace("ZZZZZZ",
                                                                                 "CODE")


# ---- N3: a badly formed code in an address ----

@pytest.mark.parametrize("url", ["/coach/pair/AB", "/coach/pair/AB/exchange"])
def test_a_badly_formed_code_in_an_address_shows_the_join_form(app, url: str) -> None:  # type: ignore[no-untyped-def]
    r = TestClient(app).get(url)
    assert r.status_code == 400
    assert 'action="/coach/pair/join"' in r.text
    assert re.search(r'<input id="code"[^>]*value="AB"[^>]*aria-invalid="true"', r.text)
    assert "A join code is 6 letters or digits, got 'AB'." in plain(r.text)
    assert "Back to Analyse" not in r.text


def test_an_answer_posted_to_a_badly_formed_code_shows_the_join_form(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    token = field(client.get("/coach/pair").text, "csrf_token")
    r = client.post("/coach/pair/AB", data={"csrf_token": token, "key": "felt",
                                            "answer": "Hurt", "share": "yes"})
    assert r.status_code == 400
    assert 'action="/coach/pair/join"' in r.text
    assert "A join code is 6 letters or digits, got 'AB'." in plain(r.text)
