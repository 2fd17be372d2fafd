"""Round 14, the web app on a small phone, on paper and in the dark (Debian's Chromium through
Playwright): the coach's crisis stop opens at its box, with a number to call on the first screen
of a 320 by 568 phone; a printed draft is the draft's text in full; each call or text link names
what it does and the number; the focus ring in a crisis box and the example in /analyse's empty
field keep their contrast in the dark theme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS
from mendkit.analysis.safety import regions, resources_for
from mendkit.coach.machine import State
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.contacts import contact_links
from test_round10_coach_joined import TO_DRAFT
from test_web_round11_confirm_risk import Walk
from test_web_round13_phone import _contrast

SMALL_PHONE = {"width": 320, "height": 568}
DRAFT = ("I'm sorry I snapped at you when you asked why I was late. I was tired and took it out "
         "on you, and that wasn't fair. Next time I'm late I will text you before I leave work, "
         "and if I'm stirred up I'll say so instead of snapping.")


# -- 3. a link to call or text says so, with its number, in every region ------------------------
def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="((?:tel|sms):[^"]+)">([^<]+)</a>', html)


@pytest.mark.parametrize("region", regions())
def test_every_call_or_text_link_names_its_action_and_number(region: str) -> None:
    for resource in resources_for(region):
        html = str(contact_links(resource.contact))
        assert html.count("<a ") == len(_links(html)), html  # every link is a plain one
        for href, words in _links(html):
            scheme, number = href.split(":", 1)
            verb = "call" if scheme == "tel" else "text"
            assert words.startswith(f"{verb} "), (region, words)
            assert re.sub(r"\D", "", words.split(" to ")[-1]) == re.sub(r"\D", "",
                                                                      number.split("?")[0])


def test_call_or_text_reads_as_two_whole_links() -> None:
    html = str(contact_links("call or text 988, or chat at 988lifeline.org"))
    assert _links(html) == [("tel:988", "call 988"), ("sms:988", "text 988")]
    assert re.sub(r"<[^>]+>", "", html) == "call 988 or text 988, or chat at 988lifeline.org"


# -- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An app with the default region, served to Chromium and open to a test client too (they
    share the sessions on disk)."""
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    home = tmp_path_factory.mktemp("r14-home")
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)), allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        yield {"base": base, "app": app, "home": home}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import chromium

    with chromium() as b:
        yield b


def _on_screen(pg: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] = pg.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom}; }", selector)
    assert box["top"] >= 0 and box["bottom"] <= SMALL_PHONE["height"], (selector, box)
    return box


# -- 1. the coach's crisis stop: a number to call on the first screen of a small phone -----------
@MARKS[0]
@MARKS[1]
@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("answer", ["not safe", "I want to kill myself"])
def test_the_coach_stop_has_a_number_on_the_first_screen_of_a_small_phone(
        browser: Any, served: dict[str, Any], javascript: bool, answer: str) -> None:
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/coach")
        pg.click("#begin")
        if answer == "not safe":
            pg.click("button[value=no]")  # the worst case: the abuse lines' examples come first
        else:
            pg.click("button[value=yes]")
            pg.fill("#answer", answer)
            pg.click("main form button[type=submit]")
        pg.wait_for_selector(".stop")
        _on_screen(pg, "#stop h2")
        _on_screen(pg, ".stop .resources li")
        _on_screen(pg, ".stop .resources a[href^='tel:']")
    finally:
        context.close()


# -- 2. a printed coach page shows the draft ----------------------------------------------------
def _to_the_draft(served: dict[str, Any]) -> Walk:
    walk = Walk(TestClient(served["app"], base_url="http://127.0.0.1"), Path(served["home"]))
    walk.walk(TO_DRAFT)
    assert walk.state is State.RESPONSIBILITY_DRAFT
    return walk


@MARKS[0]
@MARKS[1]
def test_a_printed_draft_page_shows_the_whole_draft_as_edited(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _to_the_draft(served)
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        pg.fill("textarea#answer", DRAFT)  # edited on screen, then printed
        pg.emulate_media(media="print")
        pg.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        box = pg.locator("textarea#answer")
        assert box.evaluate("e => e.checkVisibility()")
        assert box.input_value() == DRAFT
        assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1"), "the draft is cut off"
        assert not any(pg.evaluate("[...document.querySelectorAll('main button')]"
                                   ".map(b => b.checkVisibility())"))
    finally:
        context.close()


@MARKS[0]
@MARKS[1]
def test_a_printed_review_page_shows_the_draft_once(browser: Any, served: dict[str, Any]) -> None:
    walk = _to_the_draft(served)
    walk.say(DRAFT)
    assert walk.state is State.RESPONSIBILITY_REVIEW
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        pg.emulate_media(media="print")
        shown = pg.evaluate("[...document.querySelectorAll('main p.draft, main textarea')]"
                            ".filter(e => e.checkVisibility()).map(e => e.textContent)")
        assert len(shown) == 1 and "I will text you before I leave work" in shown[0]
    finally:
        context.close()


# -- 4. contrast in the dark theme ---------------------------------------------------------------
_BACKGROUND = """e => { for (; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { return c; } }
    return 'rgb(255, 255, 255)'; }"""


@MARKS[0]
@MARKS[1]
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_focus_ring_in_a_crisis_box_keeps_3_to_1(
        browser: Any, served: dict[str, Any], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/check")
        pg.fill("#text", "I don't want to be alive anymore.")
        pg.click("main form button[type=submit]")
        pg.wait_for_selector(".crisis .resources a")
        pg.keyboard.press("Tab")  # from the result, which has focus, to its first link
        link = pg.locator(":focus")
        assert link.evaluate("e => e.closest('.crisis') !== null && e.matches(':focus-visible')")
        ring = link.evaluate("e => getComputedStyle(e).outlineColor")
        behind = pg.locator(".crisis").evaluate(_BACKGROUND)
        assert _contrast(ring, behind) >= 3, (ring, behind)
    finally:
        context.close()


@MARKS[0]
@MARKS[1]
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_example_in_the_empty_analyse_field_keeps_4_5_to_1(
        browser: Any, served: dict[str, Any], scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/analyse")
        field = pg.locator("textarea#text")
        assert field.get_attribute("placeholder")
        example = field.evaluate("e => getComputedStyle(e, '::placeholder').color")
        behind = field.evaluate(_BACKGROUND)
        assert _contrast(example, behind) >= 4.5, (example, behind)
    finally:
        context.close()
