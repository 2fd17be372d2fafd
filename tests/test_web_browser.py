"""The web app in a real Chromium (Debian's, driven by Playwright): upload and timeline, a
correction, keyboard use, the journal from creation to deleting everything, axe-core on every
page, and no request leaving the loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from browser_kit import MARKS, REPO, axe_violations, chromium, serving, shot

pytestmark = MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from mendkit.config import Settings
    from mendkit.web import create_app

    home = tmp_path_factory.mktemp("browser-home")
    settings = Settings(home=home, journal_kdf=(1, 8, 1))  # a cheap KDF: tests only
    with serving(create_app(settings, allowed_hosts=["127.0.0.1"])) as base:
        yield base, home


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    base, _ = server
    context = browser.new_context()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    pg = context.new_page()
    pg.seen = seen  # the test checks every URL the page asked for
    yield pg
    context.close()
    outside = [u for u in seen if urlsplit(u).hostname not in ("127.0.0.1", None)
               and not u.startswith(("data:", "about:"))]
    assert not outside, f"requests left the loopback: {outside}"
    assert any(u.startswith(base) for u in seen)


def tab_to(pg, element_id: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(15):
        if pg.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        pg.keyboard.press("Tab")
    pytest.fail(f"#{element_id} is not reachable with Tab")


def test_upload_timeline_filter_and_correction(page, server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, home = server
    conversation = tmp_path / "talk.txt"
    conversation.write_text((REPO / "src/mendkit/examples/workplace.txt").read_text())
    page.goto(base + "/analyse")
    assert axe_violations(page) == []
    shot(page, "analyse")
    page.set_input_files("#file", str(conversation))
    page.get_by_label("Rules only (faster)").check()
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyse/*")
    marks = page.locator("mark.k-rupture")
    assert marks.count() > 0
    assert page.locator(".band").count() >= 1
    assert axe_violations(page) == []
    shot(page, "timeline")
    # The evidence on keyboard focus: the focused mark names its description.
    marks.first.focus()
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described and page.locator(f"#{described}").count() == 1
    # Filtering with JavaScript hides the turns without the label.
    total = page.locator(".timeline .turn").count()
    page.select_option("#label", "repair.request")
    visible = page.locator(".timeline .turn:visible").count()
    assert 0 < visible < total
    # "This is wrong" on the first detection.
    page.select_option("#label", "")
    first = page.locator(".turn details").first
    first.locator("summary").click()
    first.locator("form.correct input[name=note]").first.fill("we were joking")
    first.locator("form.correct button").first.click()
    page.wait_for_selector("text=correction is saved")
    assert "we were joking" in (home / "corrections.jsonl").read_text()


@pytest.mark.parametrize("path", ["/check", "/about"])
def test_other_pages_pass_axe(page, server, path: str) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.goto(base + path)
    assert axe_violations(page) == []
    shot(page, path.strip("/"))


def test_check_by_keyboard_alone(page, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.goto(base + "/check")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "text":
            break
    assert page.evaluate("document.activeElement.id") == "text"
    page.keyboard.type("I'm sorry you feel that way, but you always overreact.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Repair quality")
    assert page.locator("mark.k-issue").count() > 0
    assert axe_violations(page) == []
    shot(page, "check-result")


def tab_until(pg, test: str, what: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until ``test`` (a JavaScript expression over ``el``, the focused element) holds."""
    for _ in range(limit):
        if pg.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({test}); }})()"):
            return
        pg.keyboard.press("Tab")
    pytest.fail(f"{what} is not reachable with Tab")


def press_button(pg, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tab to the button that says ``text`` and press Enter; wait for the next page."""
    tab_until(pg, f"el.tagName === 'BUTTON' && el.textContent.trim() === {json.dumps(text)}",
              f"the button {text!r}")
    with pg.expect_navigation():
        pg.keyboard.press("Enter")


def type_into(pg, element_id: str, text: str, *, replace: bool = False) -> None:  # type: ignore[no-untyped-def]
    tab_until(pg, f"el.id === {json.dumps(element_id)}", f"#{element_id}")
    if replace:
        pg.keyboard.press("Control+A")
        pg.keyboard.press("Delete")
    pg.keyboard.type(text)


def check_coach_page(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    assert axe_violations(pg) == [], name
    shot(pg, f"coach-{name}")


def begin_coach(pg, base: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(base + "/coach")
    check_coach_page(pg, "start")
    tab_until(pg, "el.id === 'begin'", "Begin")
    with pg.expect_navigation():
        pg.keyboard.press("Enter")


def test_the_whole_coach_by_keyboard_alone_to_a_checked_draft(page, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    begin_coach(page, base)
    check_coach_page(page, "safety")
    press_button(page, "Yes, I'm safe")
    # Help at any step, by keyboard: resources, then back to the same question.
    tab_until(page, "el.tagName === 'A' && el.textContent.startsWith('Need help now? See')",
              "the help link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "988" in page.locator("#help").inner_text()
    check_coach_page(page, "help")
    tab_until(page, "el.tagName === 'A' && el.textContent === 'Back to the question'",
              "the way back")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, "answer", "Sam")
    check_coach_page(page, "who")
    press_button(page, "Next")
    tab_until(page, "el.type === 'radio' && el.value === 'partner'", "the partner choice")
    page.keyboard.press("Space")
    check_coach_page(page, "context")
    press_button(page, "Next")
    type_into(page, "answer", "I came home late and snapped when Sam asked why")
    press_button(page, "Next")
    assert "first words of a talk" in page.locator("[role=status]").inner_text()  # the note
    press_button(page, "Skip this")
    type_into(page, "answer", "Sam: Why are you so late again?\nMe: Whatever.")
    check_coach_page(page, "messages")
    press_button(page, "Next")
    assert "may have landed as" in page.locator("[role=status]").inner_text()
    tab_until(page, "el.id === 'level'", "the 0-10 scale")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#level-out").inner_text() == "3"  # the scale says its value
    check_coach_page(page, "arousal")
    press_button(page, "Next")
    page.wait_for_selector(".pacer-dot")
    check_coach_page(page, "breathing")
    press_button(page, "I've finished")
    check_coach_page(page, "openness")
    press_button(page, "Yes")
    type_into(page, "answer", "I snapped at Sam")
    press_button(page, "Next")
    press_button(page, "Skip this")
    type_into(page, "answer", "ask me calmly when I'm late")
    press_button(page, "Next")
    assert "snapped" in page.locator("#answer").input_value()  # the composer's draft
    check_coach_page(page, "draft")
    type_into(page, "answer", "I'm sorry, but you never listen to me.", replace=True)
    press_button(page, "Check this draft")
    marks = page.locator("mark.k-issue")
    assert marks.count() > 0 and any("but" in t for t in marks.all_inner_texts())
    check_coach_page(page, "review")
    rewrite = page.locator("#rewrite-text").inner_text()
    tab_until(page, "el.id === 'use-rewrite'", "Use this rewrite")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "What feeling comes up first" in page.content()
    check_coach_page(page, "surface")
    assert rewrite and "but" not in rewrite
    for answer in ("angry", "hurt", "to feel welcome when I come home"):
        type_into(page, "answer", answer)
        press_button(page, "Next")
    assert page.locator("#answer").input_value()  # the message to keep, ready to change
    check_coach_page(page, "message")
    press_button(page, "Keep this message")
    type_into(page, "answer", "text when I'm running late")
    press_button(page, "Next")
    type_into(page, "answer", "2", replace=True)
    press_button(page, "Next")
    page.wait_for_selector("text=Until the follow-up")
    check_coach_page(page, "awaiting-follow-up")
    press_button(page, "Tell me now how it went")
    check_coach_page(page, "follow-up")
    press_button(page, "Partly")
    press_button(page, "Next")
    page.wait_for_selector("text=Repair is a practice")
    check_coach_page(page, "done")


def test_the_break_grounding_and_a_still_pacer(page, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.emulate_media(reduced_motion="reduce")
    begin_coach(page, base)
    press_button(page, "Yes, I'm safe")
    for answer in ("Sam", None, "We argued about money", None, None):
        if answer is None:
            press_button(page, "Skip this")
        else:
            type_into(page, "answer", answer)
            press_button(page, "Next")
    tab_until(page, "el.type === 'checkbox'", "the numb choice")
    page.keyboard.press("Space")
    press_button(page, "Next")
    assert page.locator(".grounding li").count() == 5
    check_coach_page(page, "grounding")
    type_into(page, "g5", "the lamp, a window, my hands, a cup, the door")
    press_button(page, "I've done it")
    tab_until(page, "el.id === 'level'", "the 0-10 scale")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.locator("#level-out").inner_text() == "8"
    press_button(page, "Next")
    check_coach_page(page, "break-choose")
    type_into(page, "answer", "30", replace=True)
    press_button(page, "Start my break")
    page.wait_for_selector(".countdown:not([hidden])")
    assert "left" in page.locator(".countdown").inner_text()
    assert page.locator(".back-at time").inner_text().count(":") == 1
    check_coach_page(page, "break")
    press_button(page, "I'm ready to go on now")
    press_button(page, "Next")  # 5 again: calm enough for breathing
    page.wait_for_selector(".pacer-dot")
    still = page.evaluate("getComputedStyle(document.querySelector('.pacer-dot')).animationName")
    assert still == "none"  # prefers-reduced-motion: the pacer keeps still
    check_coach_page(page, "breathing-still")


def test_coach_until_a_crisis_answer(page, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    begin_coach(page, base)
    press_button(page, "Yes, I'm safe")
    type_into(page, "answer", "I don't want to be alive anymore")
    press_button(page, "Next")
    page.wait_for_selector("[role=alert]")
    assert page.locator("#answer").count() == 0
    check_coach_page(page, "crisis")
    page.goto(page.url + "?help=1")
    check_coach_page(page, "crisis-reload")


def test_two_people_in_two_browsers(page, browser, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    other = browser.new_context()
    seen: list[str] = []
    other.on("request", lambda request: seen.append(request.url))
    ben = other.new_page()
    page.goto(base + "/coach/pair")
    check_coach_page(page, "pair-start")
    page.fill("#start-name", "Ana")
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector(".code")
    code = page.locator(".code").first.inner_text()
    check_coach_page(page, "pair-safety")
    page.get_by_role("button", name="Yes, I'm safe").click()  # each is asked privately first
    page.wait_for_selector("text=Question 1 of 5")
    check_coach_page(page, "pair-question")
    ben.goto(base + f"/coach/pair?code={code}")
    assert ben.locator("#code").input_value() == code
    ben.fill("#join-name", "Ben")
    ben.get_by_role("button", name="Join").click()
    ben.get_by_role("button", name="Yes, I'm safe").click()
    ben.wait_for_selector("text=Question 1 of 5")
    for who, prefix, shared in ((page, "Ana", {0, 2, 3}), (ben, "Ben", {1, 2, 4})):
        for n in range(5):
            who.fill("#answer", f"{prefix} answer {n} {'shared' if n in shared else 'private'}")
            if n in shared:
                who.get_by_label("Share it with").check()
            who.get_by_role("button", name="Save and go on").click()
            who.wait_for_selector(f"text=Question {n + 2} of 5" if n < 4 else "text=Your answers are in")
    check_coach_page(ben, "pair-done")
    ben.locator("#exchange-link").click()
    ben.wait_for_selector(".exchange")
    text = ben.locator("main").inner_text()
    for prefix, shared in (("Ana", {0, 2, 3}), ("Ben", {1, 2, 4})):
        for n in range(5):
            assert (f"{prefix} answer {n} shared" in text) == (n in shared)
            assert f"{prefix} answer {n} private" not in text
    check_coach_page(ben, "pair-exchange")
    # A crisis answer in a new two-person session stops it, calmly, with resources.
    page.goto(base + "/coach/pair")
    page.fill("#start-name", "Ana")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Yes, I'm safe").click()
    page.wait_for_selector("text=Question 1 of 5")
    page.fill("#answer", "I want to end my life")
    page.get_by_role("button", name="Save and go on").click()
    page.wait_for_selector("[role=alert]")
    assert "988" in page.locator("[role=alert]").inner_text()
    assert page.locator("#answer").count() == 0
    check_coach_page(page, "pair-crisis")
    other.close()
    outside = [u for u in seen if urlsplit(u).hostname not in ("127.0.0.1", None)]
    assert not outside, f"requests left the loopback: {outside}"


def test_journal_from_creation_to_deleting_everything(page, server) -> None:  # type: ignore[no-untyped-def]
    base, home = server
    passphrase = "correct horse battery"
    page.goto(base + "/journal")
    assert page.locator("h2", has_text="Create your journal").count() == 1
    assert axe_violations(page) == []
    shot(page, "journal-create")
    page.fill("#passphrase", passphrase)
    page.fill("#repeat", passphrase)
    page.get_by_role("button", name="Create the journal").click()
    page.wait_for_selector("text=Your journal is ready")
    # Lock, a wrong passphrase (a clear message, still locked), then the right one.
    page.get_by_role("button", name="Lock the journal").click()
    page.wait_for_selector("text=Unlock your journal")
    page.fill("#passphrase", "not my passphrase")
    page.get_by_role("button", name="Unlock", exact=True).click()
    page.wait_for_selector("[role=alert]")
    assert "did not open the journal" in page.locator("[role=alert]").inner_text()
    assert axe_violations(page) == []
    shot(page, "journal-unlock-wrong")
    page.fill("#passphrase", passphrase)
    page.get_by_role("button", name="Unlock", exact=True).click()
    page.wait_for_selector("text=Add a relationship")
    page.get_by_role("button", name="Add", exact=True).click()  # no name: the browser says so
    assert page.evaluate("document.activeElement.id") == "name"
    assert axe_violations(page) == []
    shot(page, "journal")
    page.fill("#name", "Sam")
    page.select_option("#kind", "partner")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/journal/relationships/*")
    # A rupture, a repair attempt that landed, and a check-in.
    page.fill("#what", "I said they never listen; they went quiet")
    page.get_by_label("criticism").check()
    page.fill("#rupture-when", "2026-03-02T19:30")
    page.get_by_role("button", name="Save the rupture").click()
    page.wait_for_selector("text=Saved to your journal")
    page.fill("#message", "I'm sorry I said never. I was tired, and I do want to hear you.")
    page.select_option("#uptake", "accepted")
    page.fill("#repair-when", "2026-03-02T21:00")
    page.get_by_role("button", name="Save the repair attempt").click()
    page.wait_for_selector("text=Repair: You reached out")
    page.fill("#score", "7")
    page.get_by_role("button", name="Save the check-in").click()
    page.wait_for_selector("text=connection 7 out of 10")
    assert page.locator(".entries li").count() == 3
    assert axe_violations(page) == []
    shot(page, "journal-relationship")
    page.locator(".entries a").last.click()
    page.wait_for_selector("text=What happened")
    assert axe_violations(page) == []
    shot(page, "journal-entry")
    page.go_back()
    page.get_by_role("link", name="Insights").first.click()
    page.wait_for_selector("svg.chart")
    assert page.locator("svg.chart[role=img]:visible").count() == 3  # wide or narrow, not both
    assert "1 rupture recorded." in page.locator(".figures").inner_text()
    assert axe_violations(page) == []
    shot(page, "journal-insights")
    # An analysis saved to the journal from its result page.
    page.goto(base + "/analyse")
    page.fill("#text", (REPO / "src/mendkit/examples/workplace.txt").read_text())
    page.get_by_label("Rules only (faster)").check()
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyse/*")
    page.fill("#client", "Sam at work")
    page.select_option("#relationship", label="Sam")
    page.get_by_role("button", name="Save to journal").click()
    page.wait_for_selector("#save [role=status]")
    assert axe_violations(page) == []
    shot(page, "timeline-saved")
    # Settings: export JSON, then delete everything with the confirmation word.
    page.goto(base + "/about#journal")
    assert axe_violations(page) == []
    shot(page, "journal-settings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as JSON").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [r["name"] for r in data["relationships"]] == ["Sam"]
    assert sorted(e["kind"] for e in data["entries"]) == ["analysis", "checkin", "repair", "rupture"]
    page.fill("#confirm", "DELETE")
    page.get_by_role("button", name="Delete everything").click()
    page.wait_for_selector("text=Everything in the journal is deleted")
    assert axe_violations(page) == []
    shot(page, "journal-deleted")
    page.goto(base + "/journal")
    assert page.locator("text=No relationships yet.").count() == 1
    from mendkit.journal.repository import Journal

    with Journal.open(home, passphrase) as journal:  # the file itself is empty
        assert journal.relationships() == [] and journal.entries() == []
