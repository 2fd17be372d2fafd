"""Round 11, the risk check on the web: a crisis sign only the learned model saw is checked with
the person on a page of its own (buttons, no JavaScript needed) and in the JSON API, before the
coach stops; "no" goes on with the answer kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

import test_round10_coach_joined as joined
from browser_kit import MARKS
from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.machine import State
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.coach import RISK_NO
from test_round10_coach_joined import plain

# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"


class Walk(joined.Walk):
    """The round-10 walk, answering with one line of text, and the session's state."""

    @property
    def state(self) -> State:
        return SessionStore(self.home).load(self.id).state

    def say(self, text: str) -> str:
        return self.answer({"answer": text})


def _to_the_check(client: TestClient, home: Path) -> Walk:
    walk = Walk(client, home)
    for text in ("yes", "Sam", "partner", SOCKS):
        walk.say(text)
    return walk


def test_the_page_asks_with_a_button_for_each_answer(client: TestClient, home: Path) -> None:
    walk = _to_the_check(client, home)
    assert walk.state is State.CONFIRM_RISK
    words = plain(walk.html)
    assert RISK_QUESTION in words and "Let's pause the repair here" not in words
    for value in ("yes", "no", "not sure"):
        assert f'name="answer" value="{value}"' in walk.html
    assert "<legend>" in walk.html  # the buttons are named by the question


def test_no_goes_on_to_the_next_question_with_the_answer_kept(client: TestClient,
                                                              home: Path) -> None:
    walk = _to_the_check(client, home)
    words = plain(walk.say("no"))
    assert walk.state is State.RECOGNISE_NOTICED
    assert RISK_NO in words and "type help" not in words
    assert "What did you notice in yourself" in words
    assert SessionStore(home).load(walk.id).answers["recognise_what"] == SOCKS


@pytest.mark.parametrize("reply", ["yes", "not sure"])
def test_yes_or_not_sure_stop_with_the_resources(client: TestClient, home: Path,
                                                 reply: str) -> None:
    walk = _to_the_check(client, home)
    words = plain(walk.say(reply))
    assert walk.state is State.STOPPED_CRISIS
    assert "Let's pause the repair here" in words and PROMPTS[State.STOPPED_CRISIS] in words
    assert 'class="resources"' in walk.html


def test_a_rule_sign_stops_the_page_at_once(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    for text in ("yes", "Sam", "partner", "I want to kill myself"):
        walk.say(text)
    assert walk.state is State.STOPPED_CRISIS
    assert RISK_QUESTION not in plain(walk.html)


def test_the_api_offers_the_check_and_goes_on_after_no(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    url = f"/api/coach/{first['id']}"
    for text in ("yes", "Sam", "partner"):
        client.post(url, json={"answer": text})
    asked = client.post(url, json={"answer": SOCKS}).json()
    assert asked["state"] == "confirm_risk" and not asked["stopped"]
    assert RISK_QUESTION in asked["question"]
    after = client.post(url, json={"answer": "no", "position": asked["position"]}).json()
    assert after["state"] == "recognise_noticed" and not after["stopped"]
    stopped = client.post(url, json={"answer": "I want to kill myself"}).json()
    assert stopped["stopped"] and stopped["state"] == "stopped_crisis"


def test_the_api_stops_on_help_at_the_check(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    url = f"/api/coach/{first['id']}"
    for text in ("yes", "Sam", "partner", SOCKS):
        client.post(url, json={"answer": text})
    reply = client.post(url, json={"answer": "help"}).json()
    assert reply["stopped"] and reply["state"] == "stopped_crisis"


# In a real Chromium, as tests/test_web_browser.py does: keyboard only, and axe-core clean.

@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    home = tmp_path_factory.mktemp("browser-home")
    settings = Settings(home=home, journal_kdf=(1, 8, 1))  # a cheap KDF: tests only
    with serving(create_app(settings, allowed_hosts=["127.0.0.1"])) as base:
        yield base


@MARKS[0]
@MARKS[1]
def test_in_a_browser_the_check_is_answered_by_keyboard_and_axe_is_clean(server: str) -> None:
    from browser_kit import axe_violations, chromium

    with chromium() as browser:
        page = browser.new_page()
        page.goto(server + "/coach")
        page.locator("#begin").click()
        page.wait_for_url("**/coach/*")
        page.get_by_role("button", name="Yes, I'm safe").click()
        for text in ("Sam", None, SOCKS):
            if text is None:
                page.get_by_label("A partner").check()
            else:
                page.locator("#answer").fill(text)
            page.get_by_role("button", name="Next").click()
            page.wait_for_load_state()
        assert page.get_by_role("group", name=RISK_QUESTION).is_visible()
        assert axe_violations(page) == []
        no = page.get_by_role("button", name="No", exact=True)
        no.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("text=What did you notice in yourself")
        assert RISK_NO in page.content().replace("&nbsp;", " ")
        assert axe_violations(page) == []
