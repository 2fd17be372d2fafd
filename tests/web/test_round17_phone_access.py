"""Round 17 (t6's P4-dark, P6, P10, P11 and P14), in Debian's Chromium through Playwright: the
timeline's overlapping evidence is one focus stop with its description, the coach puts focus on
each new step and asks for a name on one line, Insights' chart text is readable on a phone, the
"Save to journal" button keeps its contrast in dark forced colours, a 45-minute break never shows
more than 45:00 left, and the 0-10 scale's value is not said twice. axe-core finds nothing
serious on the pages touched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from fastapi.testclient import TestClient

from browser_kit import MARKS, axe_violations, chromium, serving
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import TO_DRAFT
from test_web_round11_confirm_risk import Walk

pytestmark = MARKS

PASS = "lantern orchard pebble"
CONVERSATION = """Priya: We never do it. Every time I bring something up you're too tired.
Tom: Whatever. Fine.
Tom: I think I went quiet because I felt ashamed, not because I don't care.
Tom: Next time I'll text by six if I'm going to be late. Can we eat together now?
Priya: Yes. I'd like that.
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An open journal with one relationship whose Insights page has all three charts."""
    import httpx

    home = tmp_path_factory.mktemp("r17-home")
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)), allowed_hosts=["127.0.0.1"])
    with serving(app) as base, httpx.Client(base_url=base, timeout=60) as web:
        token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/journal").text)
        assert token
        web.post("/journal/create", data={"csrf_token": token.group(1), "passphrase": PASS,
                                          "repeat": PASS})
        assert web.post("/api/journal/relationships",
                        json={"name": "Lee", "kind": "partner"}).status_code == 201
        entries: list[dict[str, Any]] = [
            {"kind": "checkin", "occurred_at": f"2026-{m:02d}-01T12:00", "body": {"score": s}}
            for m, s in ((1, 3), (3, 5), (6, 6), (9, 8), (11, 7))]
        entries += [{"kind": "repair", "occurred_at": f"2026-0{m}-02T12:00",
                     "body": {"message": "I'm sorry I snapped.", "uptake": u}}
                    for m, u in ((1, "accepted"), (2, "partly"), (3, "not_yet"), (4, "rejected"))]
        entries += [{"kind": "rupture", "occurred_at": f"2026-{m:02d}-{d:02d}T12:00",
                     "body": {"what": "dinner", "labels": ["rupture.confrontation.criticism"]}}
                    for m, d in ((9, 1), (9, 20), (10, 8), (10, 30), (11, 12))]
        for entry in entries:
            r = web.post("/api/journal/entries", json={**entry, "relationship_id": 1})
            assert r.status_code == 201, r.text
        yield {"base": base, "app": app, "home": home}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _walk(served: dict[str, Any], steps: list[dict[str, str]]) -> Walk:
    walk = Walk(TestClient(served["app"], base_url="http://127.0.0.1"), Path(served["home"]))
    walk.walk(steps)
    return walk


def _analysis(browser: Any, served: dict[str, Any], mode: str = "full", **options: Any) -> Any:
    context = browser.new_context(**options)
    pg = context.new_page()
    pg.goto(served["base"] + "/analyse")
    pg.fill("#text", CONVERSATION)
    if mode == "rules":
        pg.get_by_label("Rules only (faster)").check()
    with pg.expect_navigation():
        pg.get_by_role("button", name="Analyse", exact=True).click()
    return pg


# -- P6: one focus stop per piece of evidence ----------------------------------------------------
@pytest.mark.parametrize("mode", ["full", "rules"])
def test_tab_stops_once_on_each_piece_of_evidence_and_says_what_it_is(
        browser: Any, served: dict[str, Any], mode: str) -> None:
    pg = _analysis(browser, served, mode, viewport={"width": 375, "height": 667},
                   has_touch=True)
    try:
        marks = pg.locator("ol.timeline mark[tabindex]")
        expected = marks.count()
        assert expected
        pg.locator("#label").focus()
        seen = []
        for _ in range(200):
            pg.keyboard.press("Tab")
            info = pg.evaluate("""() => { const m = document.activeElement;
                if (m.tagName !== 'MARK') return m.closest('ol.timeline') ? 'other' : 'out';
                const clone = m.cloneNode(true); clone.querySelector('.tip').remove();
                const tip = m.querySelector('.tip'); const box = m.getBoundingClientRect();
                return [clone.textContent, getComputedStyle(tip).display, tip.textContent,
                        (m.getAttribute('aria-describedby') || '').split(' ').map(
                            id => document.getElementById(id).textContent), box.width]; }""")
            if info == "out" and seen:
                break
            if isinstance(info, list):
                seen.append(info)
        assert len(seen) == expected
        for words, shown, tip, described, width in seen:
            assert re.search(r"\w", words) and width >= 24, (words, width)  # never a lone "."
            assert shown == "block" and tip, words  # the description, on focus
            assert len(described) == len(set(described)) and all(described)
        commitment = [s for s in seen if s[0] == "Next time I'll text"]
        assert len(commitment) == 1 and len(commitment[0][3]) == 3
        assert axe_violations(pg) == []
    finally:
        pg.context.close()


# -- P11: focus on each new step; the name on one line --------------------------------------------
def test_the_coach_puts_focus_on_each_step_and_a_name_takes_enter(
        browser: Any, served: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/coach")
        pg.focus("#begin")
        with pg.expect_navigation():
            pg.keyboard.press("Enter")
        focused = "() => [document.activeElement.tagName, document.activeElement.id]"
        assert pg.evaluate(focused) == ["H2", "step-h"]
        pg.keyboard.press("Tab")  # straight to the step's first control
        assert pg.evaluate("document.activeElement.textContent") == "Yes, I'm safe"
        with pg.expect_navigation():
            pg.keyboard.press("Enter")
        assert pg.evaluate(focused) == ["H2", "step-h"]
        pg.keyboard.press("Tab")
        field = pg.evaluate("[document.activeElement.tagName, document.activeElement.type]")
        assert field == ["INPUT", "text"]  # "Who is this about?": one line
        pg.keyboard.type("Dana")
        with pg.expect_navigation():
            pg.keyboard.press("Enter")  # Enter goes on
        assert pg.evaluate(focused) == ["H2", "step-h"]
        assert pg.locator("input[name=answer][value=partner]").count() == 1
        assert axe_violations(pg) == []
    finally:
        context.close()


def test_a_name_sent_with_line_breaks_is_kept_on_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    walk = Walk(TestClient(create_app(Settings(home=home))), home)
    walk.walk([{"answer": "yes"}, {"answer": "  Dana\r\nLee \n"}])
    assert SessionStore(home).load(walk.id).answers["recognise_who"] == "Dana Lee"


def test_a_refused_answer_keeps_focus_on_its_field_not_the_heading(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, [*TO_DRAFT[:6], {"level": "9"}])
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        assert pg.evaluate("document.activeElement.id") == "step-h"
        pg.fill("#answer", "5 minutes")
        with pg.expect_navigation():
            pg.get_by_role("button", name="Start my break").click()
        assert pg.evaluate("document.activeElement.id") == "answer"
    finally:
        context.close()


# -- P10: chart text on a phone ------------------------------------------------------------------
@pytest.mark.parametrize("viewport", [{"width": 375, "height": 667}, {"width": 320, "height": 568},
                                      {"width": 1280, "height": 800}])
def test_chart_text_is_at_least_12_css_px(browser: Any, served: dict[str, Any],
                                           viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport, has_touch=viewport["width"] < 400)
    pg = context.new_page()
    try:
        pg.goto(served["base"] + "/journal/relationships/1/insights")
        charts = pg.locator("svg.chart:visible")
        assert charts.count() == 3
        sizes = pg.evaluate("""() => [...document.querySelectorAll('svg.chart')]
            .filter(s => s.getBoundingClientRect().width > 0)
            .flatMap(s => [...s.querySelectorAll('text')].map(t => [t.textContent,
                t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize)]))""")
        assert sizes
        small = [(text, round(px, 1)) for text, px in sizes if px < 12]
        assert small == [], small
        # Nothing drawn past the chart's edges, and no two x labels overlapping.
        boxes = pg.evaluate("""() => [...document.querySelectorAll('svg.chart')]
            .filter(s => s.getBoundingClientRect().width > 0).map(s => {
              const o = s.getBoundingClientRect();
              return [[o.left, o.right], [...s.querySelectorAll('text.tick[text-anchor=middle]')]
                .map(t => { const b = t.getBoundingClientRect();
                            return [b.left, b.right, b.top, b.bottom]; })]; })""")
        for (left, right), labels in boxes:
            for a, b, _, _ in labels:
                assert left - 0.5 <= a and b <= right + 0.5, (left, right, a, b)
            for n, p in enumerate(labels):  # no two labels' boxes overlap
                for q in labels[n + 1:]:
                    apart = p[1] <= q[0] or q[1] <= p[0] or p[3] <= q[2] or q[3] <= p[2]
                    assert apart, (p, q)
        assert pg.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert axe_violations(pg) == []
    finally:
        context.close()


# -- dark forced colours: the "Save to journal" button -------------------------------------------
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_pages_pass_axe_in_forced_colours(browser: Any, served: dict[str, Any],
                                          scheme: str) -> None:
    pg = _analysis(browser, served, "rules", viewport={"width": 1280, "height": 800},
                   forced_colors="active", color_scheme=scheme)
    try:
        assert pg.get_by_role("button", name="Save to journal").is_visible()
        assert axe_violations(pg) == []
        for path in ("/analyse", "/coach", "/journal/relationships/1/insights", "/check"):
            pg.goto(served["base"] + path)
            assert axe_violations(pg) == [], path
    finally:
        pg.context.close()


# -- P14: the break's countdown and the 0-10 scale ------------------------------------------------
def test_a_45_minute_break_never_shows_more_than_45_minutes_left(
        browser: Any, served: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    pg = context.new_page()
    try:
        pg.clock.install()
        walk = _walk(served, [*TO_DRAFT[:6], {"level": "9"}, {"answer": "45 minutes"}])
        pg.goto(served["base"] + walk.url)
        pg.clock.run_for(1500)
        countdown = pg.locator(".countdown")
        first = countdown.inner_text()
        minutes, seconds = (int(x) for x in first.removesuffix(" left").split(":"))
        assert minutes * 60 + seconds <= 45 * 60, first
        pg.clock.run_for(120_000)
        later = countdown.inner_text()
        minutes, seconds = (int(x) for x in later.removesuffix(" left").split(":"))
        assert minutes * 60 + seconds < 45 * 60 - 60, later  # and it goes down
        assert pg.evaluate("document.activeElement.id") == "break-h"
    finally:
        context.close()


def test_the_scales_value_is_shown_once_above_it_and_not_said_twice(
        browser: Any, served: dict[str, Any]) -> None:
    walk = _walk(served, TO_DRAFT[:6])
    context = browser.new_context(viewport={"width": 375, "height": 667})
    pg = context.new_page()
    try:
        pg.goto(served["base"] + walk.url)
        assert pg.locator("output, .scale [role=status]").count() == 0
        value = pg.locator("#level-out")
        assert value.get_attribute("aria-hidden") == "true" and value.inner_text() == "5"
        slider = pg.locator("#level")
        slider.focus()
        pg.keyboard.press("ArrowRight")
        assert value.inner_text() == "6"
        high = pg.locator(".scale > span", has_text="10 flooded")
        v, h = value.bounding_box(), high.bounding_box()
        s = slider.bounding_box()
        assert v and h and s and v["y"] + v["height"] <= s["y"] + 1  # above the slider
        assert axe_violations(pg) == []
    finally:
        context.close()
