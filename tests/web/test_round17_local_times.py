"""Round 17: the web journal shows its times in the reader's own time zone (the browser's, through
``local-time.js``), not the server's; without scripts, the server's time, labelled with its zone.
Debian's Chromium through Playwright, with ``timezone_id`` other than the server's (UTC here)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")
pytest.importorskip("sqlcipher3")

from browser_kit import MARKS, axe_violations, chromium, serving
from mendkit.config import Settings
from mendkit.web import create_app

pytestmark = MARKS
PASS = "lantern orchard pebble"


def _set_tz(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The server in UTC, with a relationship holding a rupture at 12:00 UTC, a check-in at
    23:30 UTC the day before, and a check-in typed as a wall time with no zone."""
    import httpx

    old = os.environ.get("TZ")
    _set_tz("UTC")
    home = tmp_path_factory.mktemp("r17-times")
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)), allowed_hosts=["127.0.0.1"])
    try:
        with serving(app) as base, httpx.Client(base_url=base, timeout=60) as web:
            token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/journal").text)
            assert token
            web.post("/journal/create", data={"csrf_token": token.group(1), "passphrase": PASS,
                                              "repeat": PASS})
            rel = web.post("/api/journal/relationships", json={"name": "Sam"}).json()["id"]
            ids = [web.post("/api/journal/entries", json={
                "kind": kind, "relationship_id": rel, "occurred_at": when, "body": body}).json()["id"]
                for kind, when, body in (
                    ("rupture", "2026-03-01T04:00-08:00", {"what": "a harsh word"}),
                    ("checkin", "2026-02-28T23:30Z", {"score": 6}),
                    ("checkin", "2026-03-02T08:15", {"score": 7}))]
            yield {"base": base, "rel": rel, "ids": ids}
    finally:
        _set_tz(old)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _times(browser: Any, url: str, **options: Any) -> tuple[list[str], Any]:
    context = browser.new_context(locale="en-GB", **options)
    pg = context.new_page()
    pg.goto(url)
    pg.wait_for_load_state("load")
    muted = pg.locator("#entries .muted").all_inner_texts() if "/relationships/" in url else []
    return muted, (context, pg)


def test_the_relationship_page_shows_times_in_the_browsers_zone(
        browser: Any, served: dict[str, Any]) -> None:
    url = f"{served['base']}/journal/relationships/{served['rel']}"
    shown, (context, pg) = _times(browser, url, timezone_id="Asia/Tokyo")
    try:
        # Newest first: the wall time as typed (no zone to convert from), then 21:00 and 08:30
        # in Tokyo (12:00 and 23:30 UTC), with Tokyo's zone named, not the server's.
        assert shown[0] == "2026-03-02 08:15"
        assert re.fullmatch(r"2026-03-01 21:00 \((GMT\+9|JST)\)", shown[1]), shown
        assert re.fullmatch(r"2026-03-01 08:30 \((GMT\+9|JST)\)", shown[2]), shown
        assert "UTC" not in " ".join(shown)
        assert axe_violations(pg) == []
    finally:
        context.close()
    shown, (context, _) = _times(browser, url, timezone_id="America/Los_Angeles")
    context.close()
    assert re.fullmatch(r"2026-03-01 04:00 \((PST|GMT-8)\)", shown[1]), shown
    assert re.fullmatch(r"2026-02-28 15:30 \((PST|GMT-8)\)", shown[2]), shown


def test_without_scripts_the_servers_time_is_labelled_with_its_zone(
        browser: Any, served: dict[str, Any]) -> None:
    url = f"{served['base']}/journal/relationships/{served['rel']}"
    shown, (context, _) = _times(browser, url, timezone_id="Asia/Tokyo", java_script_enabled=False)
    context.close()
    assert shown == ["2026-03-02 08:15", "2026-03-01 12:00 (UTC)", "2026-02-28 23:30 (UTC)"]


def test_an_entry_and_its_delete_step_show_the_browsers_time(
        browser: Any, served: dict[str, Any]) -> None:
    rupture = served["ids"][0]
    for path in (f"/journal/entries/{rupture}", f"/journal/entries/{rupture}/delete"):
        context = browser.new_context(locale="en-GB", timezone_id="Asia/Tokyo")
        pg = context.new_page()
        pg.goto(served["base"] + path)
        pg.wait_for_load_state("load")
        text = pg.locator("time[data-local-time]").first.inner_text()
        context.close()
        assert re.fullmatch(r"2026-03-01 21:00 \((GMT\+9|JST)\)", text), (path, text)
