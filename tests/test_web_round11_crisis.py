"""Round eleven: on the web timeline a crisis sign stands out, names and links the turns it is in
(with who spoke them), in words that fit a therapist reading a client's transcript, and the
summary counts it. In a real Chromium: the link reaches the turn, and axe-core stays clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS
from mendkit.config import Settings
from mendkit.web import create_app

SESSION = """Therapist: How has your week been?
Client: Not great. Work was hard.
Therapist: Tell me more about that.
Client: I keep thinking everyone would be better off without me.
Therapist: That sounds really heavy.
Client: I've started saving up my sleeping pills in a drawer.
Therapist: Thank you for telling me. Can we talk about how safe you are right now?
"""
ABUSE = "Client: He hit me again last night.\nTherapist: I'm glad you told me.\n"


def _analyse(client: TestClient, text: str, query: str = "") -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert token
    r = client.post("/analyse", data={"csrf_token": token.group(1), "text": text,
                                      "mode": "rules"})
    assert r.status_code == 200, r.text
    if query:
        r = client.get(str(r.url).split("?")[0] + query)
    return r.text


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _alert(html: str) -> str:
    found = re.search(r'<section class="crisis".*?</section>', html, re.S)
    assert found, "no crisis alert"
    return found.group(0)


def test_the_alert_names_and_links_each_crisis_turn(client: TestClient) -> None:
    html = _analyse(client, SESSION)
    alert = _alert(html)
    assert 'href="#turn-3"' in alert and 'href="#turn-5"' in alert
    assert 'id="turn-3"' in html and 'id="turn-5"' in html
    words = _words(alert)
    assert "Turn 3 (Client) and turn 5 (Client) may speak of suicide" in words
    assert "If you might act on thoughts of hurting yourself" not in words
    assert "988" in words  # the resources are still there


def test_the_summary_counts_the_crisis_turns(client: TestClient) -> None:
    words = _words(_analyse(client, SESSION))
    assert re.search(r"\b2 with a possible crisis sign\b", words)


def test_crisis_turns_stand_out_in_the_timeline(client: TestClient) -> None:
    html = _analyse(client, SESSION)
    items = re.findall(r'<li id="turn-(\d+)" class="([^"]*)"', html)
    marked = {int(i) for i, cls in items if "crisis-turn" in cls.split()}
    assert marked == {3, 5}
    turn = re.search(r'<li id="turn-5".*?</li>\s*\n', html, re.S)
    assert turn and "Possible crisis sign" in _words(turn.group(0))


def test_a_filtered_page_still_links_to_the_crisis_turns(client: TestClient) -> None:
    html = _analyse(client, SESSION, "?label=repair.validate")
    alert = _alert(html)
    assert re.search(r'href="/analyse/[^"#]+#turn-5"', alert)


def test_abuse_in_an_analysis_is_named_as_danger_from_someone_else(client: TestClient) -> None:
    words = _words(_alert(_analyse(client, ABUSE)))
    assert "Turn 0 (Client) may speak of danger from someone else" in words


def test_no_alert_without_a_crisis(client: TestClient) -> None:
    html = _analyse(client, "A: Can we talk about this morning?\nB: Yes, I'm sorry I snapped.\n")
    assert 'class="crisis"' not in html and "crisis sign" not in _words(html)


# In a real Chromium, as tests/test_web_browser.py does.

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
def test_in_a_browser_the_link_reaches_the_turn_and_axe_is_clean(
        server: str, tmp_path: Path) -> None:
    from browser_kit import axe_violations, chromium, shot

    path = tmp_path / "session.txt"
    path.write_text(SESSION)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(server + "/analyse")
        page.set_input_files("#file", str(path))
        page.get_by_label("Rules only (faster)").check()
        page.get_by_role("button", name="Analyse").click()
        page.wait_for_url("**/analyse/*")
        assert axe_violations(page) == []
        shot(page, "timeline-crisis")
        # hidden by the filter on the page, a crisis turn comes back when its link is followed
        page.select_option("#label", "repair.validate")
        assert not page.locator("#turn-5").is_visible()
        page.locator("section.crisis").get_by_role("link", name="turn 5 (Client)").click()
        page.wait_for_function("location.hash === '#turn-5'")
        assert page.locator("#turn-5").is_visible()
        assert page.evaluate("document.querySelector('#turn-5').getBoundingClientRect().top"
                             " < window.innerHeight")
