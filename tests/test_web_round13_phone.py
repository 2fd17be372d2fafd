"""Round 13, the web app on a phone, in forced colours and on paper (Debian's Chromium through
Playwright): a crisis in a checked message is on the first screen after pressing Check, the
header is small and offers help on every page, chart text and timeline marks survive Windows high
contrast, and a printed page is the content without the controls, its folded parts unfolded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")
pytest.importorskip("sqlcipher3")

from browser_kit import MARKS, axe_violations, chromium, serving

pytestmark = MARKS

PHONE = {"width": 320, "height": 640}
CRISIS = "Sorry for everything. I don't want to be alive anymore."
PASS = "correct horse battery"
CONVERSATION = """Ana: You never listen to me. Whatever.
Ben: I'm sorry, I was wrong to ignore you. You're right to be upset.
Ana: Thank you for saying that. I appreciate it.
Ben: I can't do this anymore, I want to kill myself.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A served app whose journal is open (so the header has its Lock button) and holds one
    relationship with check-ins and repairs (so its Insights page has charts), and the address
    of an analysis with every kind of mark."""
    import re

    import httpx

    from mendkit.config import Settings
    from mendkit.web import create_app

    home = tmp_path_factory.mktemp("phone-home")
    settings = Settings(home=home, journal_kdf=(1, 8, 1), region="US")  # a cheap KDF: tests only
    with serving(create_app(settings, allowed_hosts=["127.0.0.1"])) as base, httpx.Client(
            base_url=base, timeout=60) as web:
        token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/journal").text)
        assert token
        r = web.post("/journal/create", data={"csrf_token": token.group(1), "passphrase": PASS,
                                              "repeat": PASS})
        assert r.status_code in (200, 303), r.text
        assert web.post("/api/journal/relationships",
                        json={"name": "Lee", "kind": "partner"}).status_code == 201
        entries: list[dict[str, Any]] = [
            {"kind": "checkin", "occurred_at": f"2026-0{m}-01T12:00", "body": {"score": s}}
            for m, s in ((1, 3), (2, 5), (3, 6), (4, 8))]
        entries += [{"kind": "repair", "occurred_at": f"2026-0{m}-02T12:00",
                     "body": {"message": "I'm sorry I snapped.", "uptake": u}}
                    for m, u in ((1, "accepted"), (2, "partly"), (3, "not_yet"))]
        entries += [{"kind": "rupture", "occurred_at": "2026-03-05T12:00",
                     "body": {"what": "We argued about the kids."}}]
        for entry in entries:
            r = web.post("/api/journal/entries", json={**entry, "relationship_id": 1})
            assert r.status_code == 201, r.text
        r = web.post("/analyse", data={"csrf_token": token.group(1), "mode": "rules",
                                       "text": CONVERSATION}, follow_redirects=False)
        assert r.status_code == 303
        yield {"base": base, "analysis": base + r.headers["location"]}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def _box(pg: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] = pg.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, height: r.height}; }", selector)
    return box


# -- 1. a crisis in a checked message: on the first screen, and focus on it ---------------------
@pytest.mark.parametrize("javascript", [True, False])
def test_a_crisis_in_a_checked_message_is_on_the_first_phone_screen(
        browser: Any, server: dict[str, str], javascript: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    pg = context.new_page()
    try:
        pg.goto(server["base"] + "/check")
        pg.fill("#text", CRISIS)
        pg.click("main form button[type=submit]")
        pg.wait_for_load_state("load")
        pg.wait_for_selector(".crisis .resources li")
        first = _box(pg, ".crisis .resources li")
        assert first["top"] >= 0 and first["bottom"] <= PHONE["height"], first
        # The crisis box leads the result, and the result has focus: a screen reader starts
        # there and Tab goes on from there, without the box also announcing itself as an alert.
        assert pg.evaluate("document.querySelector('#result > *').classList.contains('crisis')")
        assert pg.evaluate("document.activeElement.id") == "result"
        assert pg.locator("#result [role=alert]").count() == 0
        if javascript:
            assert axe_violations(pg) == []
    finally:
        context.close()


def test_an_ordinary_result_is_scrolled_to_as_well(phone: Any, server: dict[str, str]) -> None:
    phone.goto(server["base"] + "/check")
    phone.fill("#text", "I'm sorry I snapped at you. I was wrong.")
    phone.click("main form button[type=submit]")
    phone.wait_for_selector("text=Repair quality")
    heading = _box(phone, "#result-h")
    assert heading["top"] >= -1 and heading["bottom"] <= PHONE["height"]


def test_a_crisis_in_an_analysis_is_on_the_first_phone_screen(
        phone: Any, server: dict[str, str]) -> None:
    phone.goto(server["analysis"])
    first = _box(phone, "section.crisis li")
    assert first["top"] >= 0 and first["bottom"] <= PHONE["height"], first


# -- 2. the header: small, and help on every page -----------------------------------------------
@pytest.mark.parametrize("path", ["/check", "/journal", "/journal/relationships/1/insights",
                                  "/about", "/no-such-page"])
def test_the_header_is_small_on_a_phone_and_offers_help(
        phone: Any, server: dict[str, str], path: str) -> None:
    phone.goto(server["base"] + path)
    assert phone.locator("header.site .lock button").count() == 1  # the tallest header
    header = _box(phone, "header.site")
    assert header["height"] <= 0.2 * PHONE["height"], header
    help_link = phone.locator("header.site a[href='/about#help']")
    assert help_link.inner_text() == "Get help now"
    assert help_link.bounding_box()["y"] + help_link.bounding_box()["height"] <= header["bottom"]
    # Every nav link and button stays a comfortable target, and nothing scrolls sideways.
    for target in phone.locator("header.site a, header.site button").all():
        box = target.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, target.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
    if path in ("/check", "/about"):
        assert axe_violations(phone) == []


def test_the_coach_crisis_stop_offers_help_on_the_first_screen(
        phone: Any, server: dict[str, str]) -> None:
    phone.goto(server["base"] + "/coach")
    phone.click("#begin")
    phone.click("button[value=no]")
    phone.wait_for_selector(".stop")
    help_link = phone.locator("header.site a[href='/about#help']").bounding_box()
    assert help_link["y"] + help_link["height"] <= PHONE["height"] / 4
    first = _box(phone, ".stop .resources li")
    assert first["top"] >= 0 and first["bottom"] <= PHONE["height"], first
    phone.click("header.site a[href='/about#help']")
    first = _box(phone, "#help li")
    assert first["top"] >= 0 and first["bottom"] <= PHONE["height"], first
    assert phone.locator("#help a[href^='tel:']").count() >= 2


# -- 4. forced colours: chart text and lines in system colours; marks told apart by shape --------
def _luminance(rgb: str) -> float:
    import re

    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_chart_text_and_lines_are_readable_in_forced_colours(
        browser: Any, server: dict[str, str], scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812},
                                  forced_colors="active", color_scheme=scheme)
    pg = context.new_page()
    try:
        pg.goto(server["base"] + "/journal/relationships/1/insights")
        assert pg.locator("svg.chart").count() >= 2
        background = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        colours = pg.evaluate("""() => {
            const out = {text: [], marks: []};
            document.querySelectorAll('svg.chart text').forEach(t =>
                out.text.push(getComputedStyle(t).fill));
            document.querySelectorAll('svg.chart .bar, svg.chart .point').forEach(b =>
                out.marks.push(getComputedStyle(b).fill));
            document.querySelectorAll('svg.chart .line, svg.chart .axis').forEach(l =>
                out.marks.push(getComputedStyle(l).stroke));
            return out; }""")
        assert colours["text"] and colours["marks"]
        low_text = [c for c in colours["text"] if _contrast(c, background) < 4.5]
        low_marks = [c for c in colours["marks"] if _contrast(c, background) < 3]
        assert (low_text, low_marks) == ([], []), background
    finally:
        context.close()


_SHAPE = """k => { const m = document.querySelector('.timeline mark.k-' + k);
    const s = getComputedStyle(m);
    return [s.borderBottomStyle, s.borderBottomWidth, s.textDecorationLine,
            s.textDecorationStyle].join(' '); }"""


@pytest.mark.parametrize("media", [{"forced_colors": "active"}, {"media": "print"}])
def test_timeline_marks_of_each_kind_differ_without_colour(
        browser: Any, server: dict[str, str], media: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    pg = context.new_page()
    try:
        pg.emulate_media(**media)
        pg.goto(server["analysis"])
        shapes = {k: pg.evaluate(_SHAPE, k) for k in ("rupture", "repair", "reconnect", "risk")}
        assert len(set(shapes.values())) == 4, shapes
        assert all("none" not in s.split()[0] for s in shapes.values()), shapes
    finally:
        context.close()


# -- 5. print: the content without the controls, folded parts unfolded --------------------------
def _shown(pg: Any, selector: str) -> list[bool]:
    shown: list[bool] = pg.evaluate(
        "s => [...document.querySelectorAll(s)].map(e => e.checkVisibility())", selector)
    return shown


def test_a_printed_timeline_has_no_controls_and_shows_its_evidence(
        browser: Any, server: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    pg = context.new_page()
    try:
        pg.goto(server["analysis"])
        pg.emulate_media(media="print")
        for hidden in ("header.site nav", "header.site .lock", "#filter", "#save form",
                       "form.correct", "footer.site a"):
            assert _shown(pg, hidden) and not any(_shown(pg, hidden)), hidden
        assert all(_shown(pg, ".timeline .evidence li"))
        assert all(_shown(pg, "section.crisis li"))
        from mendkit.web.app import NOT_THERAPY

        # On paper, away from the app, the page says what Mend is (on screen, About says it).
        note = pg.evaluate("getComputedStyle(document.querySelector('footer.site'), '::after')"
                           ".content")
        assert note == f'"{NOT_THERAPY}"'

    finally:
        context.close()


def test_printing_opens_the_folded_parts_and_closes_them_again(
        phone: Any, server: dict[str, str]) -> None:
    phone.goto(server["base"] + "/journal/relationships/1/insights")
    phone.locator("details").first.evaluate("d => { d.open = true; }")  # opened by the reader
    before = phone.evaluate("[...document.querySelectorAll('details')].map(d => d.open)")
    assert before.count(False) >= 1
    phone.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert all(phone.evaluate("[...document.querySelectorAll('details')].map(d => d.open)"))
    phone.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert phone.evaluate("[...document.querySelectorAll('details')].map(d => d.open)") == before


def test_a_printed_entry_shows_what_its_folded_part_holds(
        browser: Any, server: dict[str, str]) -> None:
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.goto(server["base"] + "/journal/entries/1")
        assert not pg.locator("details pre.json").is_visible()
        pg.emulate_media(media="print")
        assert pg.locator("details pre.json").evaluate("e => e.checkVisibility()")
    finally:
        context.close()


# -- 6. a dark page for a dark system setting, every text readable ------------------------------
_LOW_CONTRAST = """() => {
    const parse = c => { const m = c.match(/[\\d.]+/g); return m && [+m[0], +m[1], +m[2],
                                                                 m.length > 3 ? +m[3] : 1]; };
    const lum = c => { const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92
                                                         : Math.pow((v + 0.055) / 1.055, 2.4); };
                       return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
    const over = (top, under) => [0, 1, 2].map(k => top[k] * top[3] + under[k] * (1 - top[3]))
                                   .concat([1]);
    const background = el => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const low = [];
    const check = (el, colour) => {
        const s = getComputedStyle(el), bg = background(el), fg = over(parse(colour), bg);
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
        const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < need) { low.push(`${el.tagName}.${el.className} "${el.textContent
            .trim().slice(0, 30)}" ${ratio.toFixed(2)}`); }
    };
    document.querySelectorAll('body *').forEach(el => {
        if (!el.checkVisibility() || el.closest('svg')) { return; }
        if ([...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
            check(el, getComputedStyle(el).color);
        }
    });
    document.querySelectorAll('svg.chart text').forEach(t => check(t, getComputedStyle(t).fill));
    return low;
}"""


def _assert_dark_and_readable(pg: Any, name: str) -> None:
    background = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(background) < 0.05, (name, background)  # dark, not the day's page
    assert pg.evaluate(_LOW_CONTRAST) == [], name


def test_a_dark_setting_gives_a_dark_page_with_readable_text(
        browser: Any, server: dict[str, str]) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="dark")
    pg = context.new_page()
    try:
        pg.goto(server["base"] + "/check")
        pg.fill("#text", "I'm sorry you feel that way, but you always overreact.")
        pg.click("main form button[type=submit]")
        pg.wait_for_selector("mark.k-issue")
        pg.locator("mark.k-issue").first.focus()  # its tip shows
        _assert_dark_and_readable(pg, "check result")
        for path in (server["analysis"], "/about", "/journal/relationships/1/insights",
                     "/journal/entries/1", "/coach"):
            pg.goto(path if path.startswith("http") else server["base"] + path)
            if pg.locator("mark").count():
                pg.locator("mark").first.focus()
            _assert_dark_and_readable(pg, path)
    finally:
        context.close()
