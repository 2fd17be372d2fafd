"""The web app in a real Chromium (Debian's, driven by Playwright): upload and timeline, a
correction, keyboard use, the journal from creation to deleting everything, axe-core on every
page, and no request leaving the loopback."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".cache/axe/node_modules/axe-core/axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium "
                                 "(make test installs it)")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    import uvicorn

    from mendkit.config import Settings
    from mendkit.web import create_app

    home = tmp_path_factory.mktemp("browser-home")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(home=home, journal_kdf=(1, 8, 1))  # a cheap KDF: tests only
    config = uvicorn.Config(create_app(settings, allowed_hosts=["127.0.0.1"]), host="127.0.0.1",
                            port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", home
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


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


def axe_violations(pg) -> list[str]:  # type: ignore[no-untyped-def]
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: make test installs axe-core with npm")
    # Evaluated through the driver: the page's CSP (rightly) refuses an injected script tag.
    pg.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = pg.evaluate("async () => (await axe.run(document)).violations"
                         ".map(v => ({id: v.id, impact: v.impact, n: v.nodes.length}))")
    return [f"{v['id']} ({v['impact']}, {v['n']})" for v in result
            if v["impact"] in ("serious", "critical")]


def tab_to(pg, element_id: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(15):
        if pg.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        pg.keyboard.press("Tab")
    pytest.fail(f"#{element_id} is not reachable with Tab")


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


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


def test_coach_by_keyboard_alone_until_a_crisis_answer(page, server) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.goto(base + "/coach")
    assert axe_violations(page) == []
    shot(page, "coach-start")
    page.focus("#attachment")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Begin
    page.wait_for_url("**/coach/*")
    for answer in ("", "yes"):
        tab_to(page, "answer")
        page.keyboard.type(answer)
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert axe_violations(page) == []
    shot(page, "coach-question")
    tab_to(page, "answer")
    page.keyboard.type("I don't want to be alive anymore")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=alert]")
    assert page.locator("#answer").count() == 0
    assert axe_violations(page) == []
    shot(page, "coach-crisis")


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
    assert page.locator("svg.chart[role=img]").count() == 3
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
