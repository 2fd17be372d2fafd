"""A practice in a real Chromium against a real PostgreSQL: a client shares one of two entries,
the therapist sees exactly that one, the client withdraws it and sees the therapist's read in the
audit trail. axe-core on every page; no request leaves the loopback; screenshots saved."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_accounts import CHEAP, FAST_HASH, PASS, SECRET

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from browser_kit import MARKS, axe_violations, chromium, serving, shot

pytestmark = MARKS


@pytest.fixture
def server(postgres_env: None, home: Path) -> Iterator[str]:

    from mendkit.config import Settings
    from mendkit.journal.accounts import Accounts
    from mendkit.journal.repository import Journal
    from mendkit.web import create_app
    from mendkit.web.accounts import Practice

    with Journal.create(home, PASS, url=os.environ["MEND_DATABASE_URL"], kdf=CHEAP) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        accounts.enable()
        accounts.add_user("robin", "therapist", SECRET)
        accounts.add_user("sam", "client", SECRET)
    app = create_app(Settings(home=home, database_url=os.environ.get("MEND_DATABASE_URL")))
    app.state.mend_practice = Practice(hasher=FAST_HASH)
    with serving(app) as base:
        yield base


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def sign_in(pg, base: str, name: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(base + "/login")
    pg.get_by_label("Username").fill(name)
    pg.get_by_label("Password").fill(SECRET)
    pg.get_by_role("button", name="Sign in").click()
    pg.wait_for_url(f"**/practice/{'therapist' if name == 'robin' else 'client'}")


def test_a_client_shares_one_entry_and_withdraws_it(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    base = server
    seen: list[str] = []
    contexts = [browser.new_context(), browser.new_context()]
    for context in contexts:
        context.on("request", lambda request: seen.append(request.url))
    client, therapist = (c.new_page() for c in contexts)

    client.goto(base + "/login")
    assert axe_violations(client) == []
    shot(client, "practice-login")
    sign_in(client, base, "sam")
    for kind, words in (("A rupture", "Skipped our call without a word"),
                        ("A rupture", "Argued about the holiday plans")):
        client.get_by_label(kind).check()
        client.get_by_label("What happened, or what you said").fill(words)
        client.get_by_role("button", name="Save the entry").click()
        client.wait_for_selector("text=Only you can see it until you share it")
    entries = client.locator("li.practice-entry")
    assert entries.count() == 2
    first = entries.filter(has_text="Skipped our call")
    first.get_by_role("button", name="Share").click()  # no therapist chosen: not sent
    assert first.get_by_label("Share with").evaluate("s => s.matches(':invalid')")
    assert "Only you can see this" in first.inner_text()
    first.get_by_label("Share with").select_option("robin")
    first.get_by_role("button", name="Share").click()
    client.wait_for_selector("text=Shared. You can stop sharing")
    assert "Shared with: robin" in entries.filter(has_text="Skipped our call").inner_text()
    assert "Only you can see this" in entries.filter(has_text="holiday").inner_text()
    assert axe_violations(client) == []
    shot(client, "practice-client")

    sign_in(therapist, base, "robin")
    links = therapist.locator("main a[href^='/practice/shared/']")
    assert links.count() == 1
    assert axe_violations(therapist) == []
    shot(therapist, "practice-therapist")
    links.first.click()
    therapist.wait_for_selector("text=Skipped our call without a word")
    assert "holiday" not in therapist.content()
    assert axe_violations(therapist) == []
    shot(therapist, "practice-entry")
    shared_url = therapist.url

    client.reload()
    client.locator("li.practice-entry").filter(has_text="Skipped our call") \
        .get_by_role("button", name="Stop sharing with robin").click()
    client.wait_for_selector("text=No longer shared")
    rows = client.locator("table tbody tr")
    assert rows.count() == 1 and "robin" in rows.first.inner_text()
    assert axe_violations(client) == []
    shot(client, "practice-client-audit")

    therapist.goto(base + "/practice/therapist")
    assert therapist.locator("main a[href^='/practice/shared/']").count() == 0
    assert therapist.get_by_text("Nothing is shared with you").count() == 1
    response = therapist.goto(shared_url)
    assert response is not None and response.status == 403
    assert "Skipped our call" not in therapist.content()

    therapist.goto(base + "/practice/therapist")
    therapist.get_by_role("button", name="Sign out").click()
    therapist.wait_for_selector("text=You are signed out")
    assert therapist.goto(base + "/practice/therapist").status == 401
    for context in contexts:
        context.close()
    outside = [u for u in seen if urlsplit(u).hostname not in ("127.0.0.1", None)
               and not u.startswith(("data:", "about:"))]
    assert not outside, f"requests left the loopback: {outside}"
