"""Re-run C of the web coach: typed text from an outdated tab on the level and grounding steps
is given back, the exchange answers an outsider the same for a real and an unknown code, and a
badly formed code in a pair address shows the pair home page with the error at the code field."""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app

NOW = datetime(2026, 11, 27, 18, 0)
TO_REGULATE = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "I came home late and snapped when Sam asked why"}, {"skip": "1"},
               {"skip": "1"}]


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = create_app(Settings(home=tmp_path / "home"))
    made.state.coach_clock = lambda: NOW
    return made


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


class Tab:
    """One browser tab on one session: posts with the page's token and position."""

    def __init__(self, client: TestClient, url: str = "") -> None:
        self.client = client
        if not url:
            page = client.get("/coach")
            r = client.post("/coach", data={"csrf_token": field(page.text, "csrf_token")},
                            follow_redirects=False)
            url = r.headers["location"]
        self.url = url
        self.html = client.get(url).text

    def answer(self, **fields: Any) -> str:
        form = {"csrf_token": field(self.html, "csrf_token"),
                "position": field(self.html, "position"), **fields}
        r = self.client.post(self.url, data=form, follow_redirects=False)
        assert r.status_code == 303, r.text
        self.html = self.client.get(r.headers["location"]).text
        return self.html


def _at_level_step(client: TestClient) -> Tab:
    tab = Tab(client)
    for step in TO_REGULATE:
        tab.answer(**step)
    assert 'id="level"' in tab.html
    return tab


# ---- N1: the level and grounding steps' free text from an outdated tab ----

def test_body_notes_typed_in_an_outdated_tab_are_given_back(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = _at_level_step(browser)
    tab2 = Tab(browser, tab1.url)
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
    tab2 = Tab(browser, tab1.url)
    tab1.answer(grounding=["", "", "", "", ""])  # tab 1 moves on
    lines = ["the lamp, the window", "my sleeve", "", "coffee", "mint"]
    text = plain(tab2.answer(grounding=lines))
    assert "another tab or window" in text and "earlier step" not in text
    assert "Your answer that was not used: the lamp, the window; my sleeve; coffee; mint" in text


def test_an_outdated_level_with_no_typed_text_is_only_noted(app) -> None:  # type: ignore[no-untyped-def]
    browser = TestClient(app)
    tab1 = _at_level_step(browser)
    tab2 = Tab(browser, tab1.url)
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
