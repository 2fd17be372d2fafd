"""Accessibility, round 9: a timeline mark's evidence is announced with the details closed, errors
are marked on their field (and say what was wrong), page titles say where you are, private fields
are not kept by the browser's autofill, and in a real browser: buttons keep a boundary in forced
colours, long words wrap at 320 px, tips stay on screen and close with Escape, the break's return
time follows the minutes, and a 0-10 scale's numbers line up at 320 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS, chromium, serving
from mendkit.config import Settings
from mendkit.web import create_app

EXAMPLE = (Path(__file__).resolve().parent.parent / "src/mendkit/examples/workplace.txt").read_text()
CHEAP_KDF = (1, 8, 1)
PASS = "correct horse battery"
NOW = datetime(2026, 11, 27, 18, 0)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(home=tmp_path / "home", journal_kdf=CHEAP_KDF))
    app.state.coach_clock = lambda: NOW
    return TestClient(app)


def token(client: TestClient, page: str = "/analyse") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def analyse(client: TestClient, text: str = EXAMPLE) -> str:
    r = client.post("/analyse", data={"csrf_token": token(client), "text": text, "mode": "rules"})
    assert r.status_code == 200, r.text
    return str(r.url).rsplit("/", 1)[1].split("?")[0]


def tag(html: str, element_id: str) -> str:
    """The opening tag of the element with that id."""
    found = re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', html)
    assert found, f"no element #{element_id} on the page"
    return found.group(0)


def title(html: str) -> str:
    found = re.search(r"<title>([^<]*)</title>", html)
    assert found
    return found.group(1)


def open_journal(client: TestClient) -> None:
    r = client.post("/journal/create", data={"csrf_token": token(client, "/journal"),
                                             "passphrase": PASS, "repeat": PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text


class Coach:
    """One person's coach session: answers with the page's token and position."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        start = client.post("/coach", data={"csrf_token": token(client, "/coach")},
                            follow_redirects=False)
        self.url = start.headers["location"]
        self.html = client.get(self.url).text

    def answer(self, **fields: str) -> str:
        position = re.search(r'name="position" value="(\d+)"', self.html)
        assert position
        form = {"csrf_token": token(self.client, "/coach"), "position": position.group(1),
                **fields}
        posted = self.client.post(self.url, data=form, follow_redirects=False)
        assert posted.status_code == 303, posted.text
        self.html = self.client.get(posted.headers["location"]).text
        return self.html


# -- 1. a timeline mark's description is outside the closed details --------------------------------
def test_every_timeline_mark_is_described_by_text_outside_the_closed_details(
        client: TestClient) -> None:
    html = client.get(f"/analyse/{analyse(client)}").text
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)
    named = {name for names in re.findall(r'<mark [^>]*aria-describedby="([^"]+)"', html)
             for name in names.split()}
    assert named
    missing = sorted(n for n in named if f'id="{n}"' not in outside)
    assert missing == []
    first = sorted(named)[0]
    described = re.search(rf'id="{first}"[^>]*>([^<]+)<', outside)
    assert described and "“" in described.group(1)  # the label and the words, as in the tip


# -- 6. a blank answer says it was empty, on the field -----------------------------------------
def test_a_blank_answer_says_it_was_empty_and_is_marked_on_the_field(client: TestClient) -> None:
    walk = Coach(client)
    walk.answer(answer="yes")
    assert "Who is this about?" in walk.html
    html = walk.answer(answer="   ")
    assert "Who is this about?" in html
    assert "skip" not in html.split('role="status"', 1)[1].split("</section>", 1)[0].lower()
    assert "empty" in html.lower()
    field = tag(html, "answer")
    assert 'aria-invalid="true"' in field and "autofocus" in field
    described = re.search(r'aria-describedby="([^"]+)"', field)
    assert described
    for name in described.group(1).split():
        assert f'id="{name}"' in html
    note = tag(html, described.group(1).split()[-1])
    assert "said" in note  # the coach's note is what describes the field
    html = walk.answer(answer="Sam")
    assert "aria-invalid" not in html  # answered: the next step is not marked


def test_an_answer_that_does_not_fit_offers_to_skip_only_where_a_step_can_be_skipped(
        client: TestClient) -> None:
    walk = Coach(client)
    walk.answer(answer="yes")
    walk.answer(answer="Sam")
    walk.answer(skip="1")
    html = walk.answer(answer="   ")  # what happened: required, no skip button
    assert "Skip this" not in html
    assert "skip it" not in html


# -- 10. journal and save errors are marked invalid on their field ----------------------------
def test_journal_and_save_errors_are_marked_on_their_field(client: TestClient) -> None:
    open_journal(client)
    r = client.post("/journal/relationships", data={"csrf_token": token(client, "/journal"),
                                                    "name": "   ", "kind": "partner"})
    assert 'aria-invalid="true"' in tag(r.text, "name")
    r = client.post("/journal/relationships", data={"csrf_token": token(client, "/journal"),
                                                    "name": "Sam", "kind": "partner"})
    rel = str(r.url).rsplit("/", 1)[1]
    assert 'aria-invalid' not in tag(r.text, "what")
    for kind, field, value in (("rupture", "what", "   "), ("repair", "message", "   "),
                               ("checkin", "score", "42")):
        r = client.post(f"/journal/relationships/{rel}/entries",
                        data={"csrf_token": token(client, "/journal"), "kind": kind,
                              field: value, "uptake": "accepted"})
        assert r.status_code == 400, (kind, r.text)
        assert 'aria-invalid="true"' in tag(r.text, field), kind
    key = analyse(client)
    r = client.post(f"/analyse/{key}/save", data={"csrf_token": token(client), "client": " "})
    field = tag(r.text, "client")
    assert 'aria-invalid="true"' in field and "autofocus" in field
    assert 'aria-describedby="save-error"' in field


# -- 11. page titles ------------------------------------------------------------------------------
def test_each_coach_step_and_the_safety_stop_have_their_own_title(client: TestClient) -> None:
    walk = Coach(client)
    titles = [title(walk.html)]
    titles.append(title(walk.answer(answer="yes")))
    titles.append(title(walk.answer(answer="Sam")))
    assert len(set(titles)) == 3, titles
    assert titles[0].startswith("Step 1 of 6, Safety") and titles[0].endswith("· Coach · Mend")
    assert titles[1] == "Step 2 of 6, Recognise: who is this about? · Coach · Mend"
    assert "<h1>Coach: the Healing Cycle</h1>" in walk.html  # the heading stays
    stopped = Coach(client)
    assert title(stopped.answer(answer="no")) == "Paused for your safety · Coach · Mend"


def test_error_pages_are_titled_by_what_failed_and_where(client: TestClient) -> None:
    empty = client.post("/analyse", data={"csrf_token": token(client), "text": "",
                                          "mode": "rules"})
    assert empty.status_code == 400
    missing = client.get("/coach/0123456789ab")
    assert missing.status_code == 404
    assert title(empty.text) != title(missing.text)
    assert title(empty.text).startswith("Analyse: ")
    assert title(missing.text) == "Coach: not found · Mend"
    assert "<h1>That did not work</h1>" in missing.text


# -- privacy 3: private words are not kept by the browser's autofill ---------------------------
def test_fields_that_take_private_words_are_not_autofilled(client: TestClient) -> None:
    open_journal(client)
    journal = client.get("/journal").text
    for field in ("name", "notes"):
        assert 'autocomplete="off"' in tag(journal, field), field
    r = client.post("/journal/relationships", data={"csrf_token": token(client, "/journal"),
                                                    "name": "Sam", "kind": "partner"})
    for field in ("what", "message"):
        assert 'autocomplete="off"' in tag(r.text, field), field
    timeline = client.get(f"/analyse/{analyse(client)}").text
    assert 'autocomplete="off"' in tag(timeline, "client")
    notes = re.findall(r'<input id="note-[^>]*>', timeline)
    assert notes and all('autocomplete="off"' in n for n in notes)
    check = client.get("/check").text
    for field in ("context", "text"):
        assert 'autocomplete="off"' in tag(check, field), field
    assert 'autocomplete="off"' in tag(client.get("/analyse").text, "text")


# -- in a real browser ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("round9-a11y")
    app = create_app(Settings(home=home, journal_kdf=CHEAP_KDF), allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        yield base


LONG = ("Ana: You never read https://example.org/a-very-long-path/with/segments/that/never/breaks/"
        "anywhere/at/all?query=1234567890abcdef\nBen: Fine.\nAna: Whatever. Forget it.")


def _go(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    with pg.expect_navigation():
        pg.get_by_role("button", name=name, exact=True).click()


def _timeline(pg, base: str, text: str = EXAMPLE) -> None:  # type: ignore[no-untyped-def]
    pg.goto(base + "/analyse")
    pg.fill("#text", text)
    pg.get_by_label("Rules only (faster)").check()
    _go(pg, "Analyse")


def _to_the_scale(pg, site: str) -> None:  # type: ignore[no-untyped-def]
    """Through the coach to "how stirred up do you feel?"."""
    pg.goto(site + "/coach")
    _go(pg, "Begin")
    _go(pg, "Yes, I'm safe")
    pg.fill("#answer", "Sam")
    _go(pg, "Next")
    _go(pg, "Skip this")
    pg.fill("#answer", "We argued")
    _go(pg, "Next")
    _go(pg, "Skip this")
    _go(pg, "Skip this")


def _width(pg) -> int:  # type: ignore[no-untyped-def]
    return int(pg.evaluate("document.documentElement.scrollWidth"))


@MARKS[0]
@MARKS[1]
def test_browser_timeline_marks_buttons_and_narrow_screens(site: str) -> None:
    with chromium() as b:
        # 1. a focused mark is described, with its turn's details closed
        pg = b.new_page(viewport={"width": 1024, "height": 800})
        _timeline(pg, site)
        cdp = pg.context.new_cdp_session(pg)
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        described = [n.get("description", {}).get("value") for n in nodes
                     if n.get("role", {}).get("value") == "mark"]
        assert described and all(described), described[:5]
        # 2. in forced colours, a primary button keeps a visible boundary
        pg.emulate_media(forced_colors="active")
        pg.goto(site + "/check")
        border = pg.locator("button", has_text="Check").first.evaluate(
            "e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth")
        assert border.startswith("solid") and not border.endswith(" 0px"), border
        pg.emulate_media(forced_colors="none")
        # 3 and 4. at 320 px a long URL wraps, and a focused mark's tip stays on screen
        narrow = b.new_page(viewport={"width": 320, "height": 700})
        _timeline(narrow, site, LONG)
        assert _width(narrow) <= 320
        marks = narrow.locator("mark[tabindex]")
        for n in range(marks.count()):
            marks.nth(n).focus()
            box = marks.nth(n).locator(".tip").bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, (n, box)
            assert _width(narrow) <= 320, n
        narrow.goto(site + "/check")
        narrow.fill("#text", LONG.split("\n", 1)[0])
        _go(narrow, "Check")
        assert _width(narrow) <= 320
        # 5. a tip shown by hovering closes with Escape
        narrow.goto(site + "/analyse")
        _timeline(narrow, site)
        narrow.evaluate("document.activeElement.blur()")
        first = narrow.locator("mark[tabindex]").first
        first.hover()
        assert first.locator(".tip").is_visible()
        narrow.keyboard.press("Escape")
        assert not first.locator(".tip").is_visible()


@MARKS[0]
@MARKS[1]
def test_browser_the_break_time_follows_the_minutes_and_the_scale_fits_320px(site: str) -> None:
    with chromium() as b:
        pg = b.new_page(viewport={"width": 320, "height": 700})
        _to_the_scale(pg, site)
        # 9. the ticks stay within the slider and do not run together
        slider = pg.locator("#level").bounding_box()
        ticks = [pg.locator(".scale-ticks span").nth(n).bounding_box() for n in range(11)]
        assert slider and all(ticks)
        assert ticks[0]["x"] >= slider["x"] - 2  # type: ignore[index]
        assert ticks[-1]["x"] + ticks[-1]["width"] <= slider["x"] + slider["width"] + 2  # type: ignore[index]
        for left, right in pairwise(ticks):
            assert left["x"] + left["width"] <= right["x"]  # type: ignore[index]
        middle = ticks[5]["x"] + ticks[5]["width"] / 2  # type: ignore[index]
        assert abs(middle - (slider["x"] + slider["width"] / 2)) < 8
        # 7. the return time follows the minutes, and says so when they are out of range
        pg.focus("#level")
        pg.keyboard.press("End")  # 10: flooded, so a break
        _go(pg, "Next")
        for minutes in ("45", "5", "", "1500"):
            pg.locator("#answer").fill(minutes)
            said = pg.locator("#back-at").inner_text()
            if minutes == "45":
                assert said.startswith("With 45 minutes, you would come back at")
            else:
                assert "45" not in said and "20 minutes to under a day" in said, (minutes, said)


@MARKS[0]
@MARKS[1]
def test_browser_journal_pages_fit_320px_and_focus_lands_on_the_save_field(site: str) -> None:
    with chromium() as b:
        pg = b.new_page(viewport={"width": 320, "height": 700})
        pg.goto(site + "/journal")
        if pg.locator("#repeat").count():
            pg.fill("#passphrase", "correct horse battery")
            pg.fill("#repeat", "correct horse battery")
            _go(pg, "Create the journal")
        url_name = "https://example.org/" + "a-very-long-name-that-never-breaks" * 3
        pg.goto(site + "/journal")
        pg.fill("#name", url_name)
        pg.locator("#name").press("Enter")
        pg.wait_for_load_state()
        assert _width(pg) <= 320, pg.url  # the relationship page, its heading the long name
        pg.goto(site + "/journal")
        assert _width(pg) <= 320
        # A save without a name: the error page's address ends in #save, yet focus is on the field.
        _timeline(pg, site)
        pg.get_by_role("button", name="Save to journal").evaluate(
            "b => { b.form.noValidate = true; }")
        _go(pg, "Save to journal")
        assert pg.evaluate("document.activeElement && document.activeElement.id") == "client"


@MARKS[0]
@MARKS[1]
def test_browser_the_break_time_shown_is_at_least_the_minutes_away(site: str) -> None:
    with chromium() as b:
        pg = b.new_page(viewport={"width": 1024, "height": 800})
        _to_the_scale(pg, site)
        pg.focus("#level")
        pg.keyboard.press("End")
        _go(pg, "Next")
        pg.locator("#answer").fill("20")
        # The time said, as today's (or tomorrow's) clock time, is at least 20 minutes away.
        away = pg.evaluate("""() => {
            const [h, m] = document.querySelector('[data-back-at]').textContent.split(':');
            const now = new Date(), at = new Date(now);
            at.setHours(Number(h), Number(m), 0, 0);
            if (at < now) at.setDate(at.getDate() + 1);
            return (at - now) / 60000;
        }""")
        assert 20 <= away < 21.01, away
