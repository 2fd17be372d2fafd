"""Round 16 (t6), the web app with access features, in Debian's Chromium through Playwright: a
mark's tip in dark forced colours, the end of a break said aloud and in the title, a switch that
keeps the breathing circle still, step pills that differ in forced colours, a timeline filter that
says how many turns it shows, and the crisis stop's first number on a landscape phone's first
screen. axe-core finds nothing serious on the pages touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from fastapi.testclient import TestClient

from browser_kit import MARKS, axe_violations, chromium, serving
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import TO_DRAFT
from test_web_round11_confirm_risk import Walk

pytestmark = MARKS

CONVERSATION = """Priya: We never do it. Every time I bring something up you're too tired.
Tom: Whatever. Fine.
Priya: You always shut me out.
Tom: I'm sorry, I was wrong to shut you out. You're right to be upset.
"""
TO_REGULATE = TO_DRAFT[:6]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    home = tmp_path_factory.mktemp("r16-home")
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)), allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        # An open journal, as the tester had: the header then has its Lock button.
        import re

        import httpx
        with httpx.Client(base_url=base, timeout=60) as web:
            token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/journal").text)
            assert token
            web.post("/journal/create", data={"csrf_token": token.group(1),
                                              "passphrase": "lantern orchard pebble",
                                              "repeat": "lantern orchard pebble"})
        yield {"base": base, "app": app, "home": home}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _walk(served: dict[str, Any], steps: list[dict[str, str]]) -> Walk:
    walk = Walk(TestClient(served["app"], base_url="http://127.0.0.1"), Path(served["home"]))
    walk.walk(steps)
    return walk


def _analysis(browser: Any, served: dict[str, Any], **options: Any) -> Any:
    context = browser.new_context(**options)
    pg = context.new_page()
    pg.goto(served["base"] + "/analyse")
    pg.fill("#text", CONVERSATION)
    with pg.expect_navigation():
        pg.get_by_role("button", name="Analyse", exact=True).click()
    return pg


# -- P1: the tip in dark forced colours ---------------------------------------------------------
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_marks_tip_is_readable_in_forced_colours(browser: Any, served: dict[str, Any],
                                                   scheme: str) -> None:
    pg = _analysis(browser, served, viewport={"width": 1280, "height": 800},
                   forced_colors="active", color_scheme=scheme)
    try:
        mark = pg.locator("ol.timeline mark[tabindex]").first
        mark.focus()
        text, colour, back, border = mark.evaluate(
            "m => { const cs = getComputedStyle(m.querySelector('.tip'));"
            " return [m.querySelector('.tip').textContent, cs.color, cs.backgroundColor,"
            " cs.borderTopColor]; }")
        assert text
        assert back not in (colour, border), (scheme, colour, back, border)
        page_back = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        assert back == page_back  # the system's Canvas, as the page
    finally:
        pg.context.close()


# -- P3: the end of a break ---------------------------------------------------------------------
def test_the_end_of_a_break_is_said_in_a_live_region_and_the_title(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, [*TO_REGULATE, {"level": "9"}, {"answer": "20"}])
    context = browser.new_context(viewport={"width": 375, "height": 667})
    pg = context.new_page()
    try:
        pg.clock.install()
        pg.goto(served["base"] + walk.url)
        pg.clock.run_for(2000)
        status = pg.locator("[role=status]#break-over")
        assert status.count() == 1 and status.inner_text() == ""
        assert pg.locator(".back-at").first.inner_text().startswith("Come back at")
        before = pg.title()
        pg.clock.fast_forward("21:00")
        pg.clock.run_for(2000)
        assert "Your break is over" in status.inner_text()
        assert pg.title() != before and pg.title().startswith("Your break is over")
        shown = pg.evaluate("() => document.querySelector('main').innerText")
        assert "Come back at" not in shown and "When it is time" not in shown
        assert axe_violations(pg) == []
    finally:
        context.close()


def test_without_javascript_the_break_page_still_gives_the_return_time(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, [*TO_REGULATE, {"level": "9"}, {"answer": "20"}])
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        assert pg.locator(".back-at").first.inner_text().startswith("Come back at")
    finally:
        context.close()


# -- P8: keep the breathing circle still --------------------------------------------------------
def test_the_breathing_circle_can_be_kept_still_and_set_moving_again(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, [*TO_REGULATE, {"level": "5"}])
    context = browser.new_context(viewport={"width": 375, "height": 667})
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        pg.wait_for_selector(".pacer-dot")
        dot = "getComputedStyle(document.querySelector('.pacer-dot')).animationName"
        assert pg.evaluate(dot) != "none"
        switch = pg.get_by_role("button", name="Keep the circle still")
        switch.click()
        assert switch.get_attribute("aria-pressed") == "true"
        assert pg.evaluate(dot) == "none"
        assert pg.locator(".pacer-note.without-motion").is_visible()
        assert not pg.locator(".pacer-note.with-motion").is_visible()
        assert axe_violations(pg) == []
        switch.click()
        assert pg.evaluate(dot) != "none"
    finally:
        context.close()


# -- P9: the step pills in forced colours -------------------------------------------------------
def test_in_forced_colours_the_current_past_and_coming_steps_differ(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, [*TO_REGULATE, {"level": "5"}])
    context = browser.new_context(forced_colors="active", color_scheme="dark")
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        looks = pg.evaluate(
            "() => [...document.querySelectorAll('.stages li')].map(li => {"
            " const cs = getComputedStyle(li); return [li.className, cs.borderTopWidth,"
            " cs.borderTopStyle, cs.backgroundColor]; })")
        now = [x for x in looks if x[0] == "now"]
        past = [x for x in looks if x[0] == "past"]
        coming = [x for x in looks if x[0] == ""]
        assert now and past and coming, looks
        assert float(now[0][1][:-2]) >= 3 and now[0][3] != coming[0][3]
        assert past[0][2] != coming[0][2]
    finally:
        context.close()


# -- P7: the filter says how many turns it shows ------------------------------------------------
def test_the_filter_says_how_many_turns_it_shows(browser: Any, served: dict[str, Any]) -> None:
    pg = _analysis(browser, served, viewport={"width": 1280, "height": 800})
    try:
        select = pg.locator("#label")
        values = [v for v in select.evaluate("s => [...s.options].map(o => o.value)") if v]
        select.select_option(values[0])
        shown = pg.locator(".timeline .turn:not([hidden])").count()
        total = pg.locator(".timeline .turn").count()
        status = pg.locator("[role=status]#filter-status")
        assert status.inner_text() == f"{shown} of {total} turns shown"
        select.select_option("")
        assert status.inner_text() == f"All {total} turns shown"
        assert axe_violations(pg) == []
    finally:
        pg.context.close()


# -- P13: the crisis stop on a landscape phone --------------------------------------------------
@pytest.mark.parametrize("viewport", [{"width": 667, "height": 375}, {"width": 740, "height": 360}])
def test_the_crisis_stops_first_number_is_on_a_landscape_phones_first_screen(
        browser: Any, served: dict[str, Any], viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/coach")
        pg.click("#begin")
        pg.click("button[value=yes]")
        pg.fill("#answer", "my sister")
        pg.click("main form button[type=submit]")
        pg.click("main form label:has(input[value=family])")
        pg.click("main form button[type=submit]")
        pg.fill("#answer", "We argued and I don't want to be alive anymore.")
        pg.click("main form button[type=submit]")
        pg.wait_for_selector(".stop")
        box = pg.locator(".stop .resources a[href^='tel:']").first.evaluate(
            "a => [a.getBoundingClientRect().top, a.getBoundingClientRect().bottom]")
        assert box[0] >= 0 and box[1] <= viewport["height"], box
        pg.screenshot(path=str(Path(served["home"]) / "landscape.png"))
    finally:
        context.close()
