"""Round 13, help on a phone: a crisis line's number is a link that calls it (``tel:``), and one
that also takes texts has a link that texts it (``sms:``); numbers given only as examples of an
emergency number are left as text; and every page's header links to help."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app


def _plain(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", str(html)))


# Round 14: each link names what it does with its number ("call 988", "text 988"), so a contact
# that says "call or text 988" or "call 112 or 999" reads with the verb before each number.
@pytest.mark.parametrize(("contact", "calls", "texts", "reads"), [
    ("call 911", ["911"], [], None),
    ("call or text 988", ["988"], ["988"], "call 988 or text 988"),
    ("call or text 988, or chat at 988lifeline.org", ["988"], ["988"],
     "call 988 or text 988, or chat at 988lifeline.org"),
    ("call 116 123", ["116123"], [], None),
    ("call 1-800-799-7233", ["18007997233"], [], None),
    ("call 13 11 14", ["131114"], [], None),
    ("call 112 or 999", ["112", "999"], [], "call 112 or call 999"),
    ("call or text 1737", ["1737"], ["1737"], "call 1737 or text 1737"),
    ("text HOME to 741741", [], ["741741"], None),
    ("your local emergency number (for example 911, 999, 112 or 000)", [], [], None),
    ("find the nearest shelter's 24-hour line at sheltersafe.ca", [], [], None),
])
def test_numbers_to_call_or_text_become_links_and_the_words_stay_the_same(
        contact: str, calls: list[str], texts: list[str], reads: str | None) -> None:
    from mendkit.web.contacts import contact_links

    html = str(contact_links(contact))
    assert re.findall(r'href="tel:([^"]+)"', html) == calls
    assert [t.split("?")[0] for t in re.findall(r'href="sms:([^"]+)"', html)] == texts
    assert _plain(html) == (reads or contact)  # on screen and aloud


def test_a_contact_is_escaped() -> None:
    from mendkit.web.contacts import contact_links

    html = str(contact_links("call <b>911</b> & text 988"))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html


@pytest.fixture
def client(home: Path) -> TestClient:
    return TestClient(create_app(Settings(home=home, region="US")))


def test_the_help_section_has_links_that_call(client: TestClient) -> None:
    page = client.get("/about").text
    help_section = page[page.index('id="help"'):page.index('id="set-h"')]
    assert 'href="tel:911"' in help_section and 'href="tel:988"' in help_section
    assert 'href="sms:988"' in help_section


def test_the_crisis_box_of_a_checked_message_has_links_that_call(client: TestClient) -> None:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/check").text)
    assert found
    r = client.post("/check", data={"csrf_token": found.group(1), "mode": "rules",
                                    "text": "Sorry for everything. I don't want to be alive "
                                    "anymore."})
    box = r.text[r.text.index('class="crisis"'):]
    assert 'href="tel:911"' in box and 'href="tel:988"' in box


@pytest.mark.parametrize("path", ["/analyse", "/check", "/coach", "/journal", "/about",
                                  "/no-such-page"])
def test_every_page_header_links_to_help(client: TestClient, path: str) -> None:
    page = client.get(path).text
    header = page[page.index("<header"):page.index("</header>")]
    assert re.search(r'<a [^>]*href="/about#help"[^>]*>Get help now</a>', header), path
