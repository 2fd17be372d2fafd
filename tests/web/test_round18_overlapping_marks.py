"""Round 18 (f5's item 1): issues whose spans overlap or nest, on the Check page and in the coach's
draft review. The message reads once, as written; each run of overlapping issues is one focus stop
described by each of its issues once (no lone "." stop left over from a long span); and the words
that more than one issue is about are marked as such (a double underline), not drawn like words
with one issue. Served to a test client and to Debian's Chromium."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS
from mendkit.coach.machine import State
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import TO_DRAFT
from test_web_round11_confirm_risk import Walk

# "Sorry, but" runs to the end and holds "you always" and "out of proportion", each an issue too.
NESTED = "Sorry if you were upset but you always blow things out of proportion."
# Two issues on the same words, beside one of its own.
SAME_WORDS = "You always make everything about you, sorry you feel that way."
MARK = re.compile(r'<mark class="([^"]*)" tabindex="0" aria-describedby="([^"]+)">(.*?)</mark>', re.S)
PIECE = re.compile(r'<span class="([^"]*)">([^<]*)</span>')


def _plain(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


def _message(page: str) -> str:
    """The marked message: the result's ``<p class="text ...">``."""
    found = re.search(r'<p class="text[^"]*">(.*?)</p>', page.split('id="result', 1)[-1], re.S)
    assert found, page
    return found.group(1)


def _check_page(client: TestClient, text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/check").text)
    assert found
    page = client.post("/check", data={"csrf_token": found.group(1), "text": text,
                                       "mode": "rules"})
    assert page.status_code == 200, page.text
    return page.text


def _assert_marked_once(page: str, text: str) -> list[tuple[str, list[str], str]]:
    """The message's marks as (class, ids described by, inner HTML), after checking that the text
    reads once, as written, and that marks and the issue list point at each other one to one."""
    message = _message(page)
    assert _plain(message) == text  # each character once, in order
    assert "<mark" not in re.sub(r"<mark[^>]*>.*?</mark>", "", message, flags=re.S)  # none nested
    marks = [(cls, ids.split(), inner) for cls, ids, inner in MARK.findall(message)]
    assert len(marks) == message.count("<mark")
    issues = re.findall(r'<li id="(issue-\d+)">', page)
    assert len(issues) >= 3
    described = [i for _, ids, _ in marks for i in ids]
    assert sorted(described) == sorted(issues)  # each issue in exactly one mark, none unknown
    for _, ids, inner in marks:
        assert re.search(r"\w", _plain(inner)), (ids, inner)  # never a lone "." or space
    return marks


def _pieces(marks: list[tuple[str, list[str], str]]) -> dict[str, str]:
    """Each piece of a mark that has pieces, by its words: its class."""
    return {html_lib.unescape(words): cls for cls_mark, _, inner in marks
            for cls, words in PIECE.findall(inner) if "pieces" in cls_mark}


def test_nested_issues_on_the_check_page(client: TestClient) -> None:
    marks = _assert_marked_once(_check_page(client, NESTED), NESTED)
    assert [_plain(inner) for _, _, inner in marks] == [
        "Sorry if you were upset", "but you always blow things out of proportion."]
    assert marks[1][1] == ["issue-1", "issue-2", "issue-3"]  # in the order they start
    pieces = _pieces(marks)
    for both in ("you always", "out of proportion"):
        assert "layered" in pieces[both].split(), (both, pieces)
    for one in ("but ", " blow things ", "."):
        assert "layered" not in pieces[one].split(), (one, pieces)


def test_two_issues_on_the_same_words_on_the_check_page(client: TestClient) -> None:
    marks = _assert_marked_once(_check_page(client, SAME_WORDS), SAME_WORDS)
    both = [m for m in marks if len(m[1]) == 2]
    assert len(both) == 1 and _plain(both[0][2]) == "make everything about you"
    assert "layered" in both[0][0].split()  # the whole stop is about two issues


def test_a_single_issue_is_one_plain_mark(client: TestClient) -> None:
    text = "You never listen to me."
    message = _message(_check_page(client, text))
    assert _plain(message) == text
    assert MARK.findall(message) == [("k-issue", "issue-0", "You never")]


def test_nested_issues_in_the_coach_review(client: TestClient, tmp_path: Path) -> None:
    walk = Walk(client, tmp_path / "home")
    walk.walk(TO_DRAFT)
    assert walk.state is State.RESPONSIBILITY_DRAFT
    page = walk.say(NESTED)
    assert walk.state is State.RESPONSIBILITY_REVIEW
    marks = _assert_marked_once(page, NESTED)
    assert any("layered" in cls.split() for cls in _pieces(marks).values())


# -- in Chromium ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    app = create_app(Settings(home=tmp_path_factory.mktemp("r18-marks")),
                     allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        yield base


@MARKS[0]
@MARKS[1]
def test_nested_issues_in_chromium(served: str) -> None:
    from browser_kit import chromium

    with chromium() as browser:
        pg = browser.new_page(viewport={"width": 800, "height": 900})
        pg.goto(served + "/check")
        pg.fill("#text", NESTED)
        pg.click("form button[type=submit]")
        pg.wait_for_selector("#result p.text")
        assert pg.inner_text("#result p.text") == NESTED
        found: list[dict[str, Any]] = pg.evaluate("""() => [...document.querySelectorAll(
            '#result p.text mark')].map(m => ({ids: m.getAttribute('aria-describedby').split(' '),
            known: m.getAttribute('aria-describedby').split(' ').every(
                i => document.getElementById(i) && document.getElementById(i).closest('ol.issues'))}))""")
        assert [m["ids"] for m in found] == [["issue-0"], ["issue-1", "issue-2", "issue-3"]]
        assert all(m["known"] for m in found)
        # Tab goes from the first mark to the second: two stops, not six.
        pg.focus("#result p.text mark")
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.getAttribute('aria-describedby')") == (
            "issue-1 issue-2 issue-3")
        underline = """w => { const p = [...document.querySelectorAll('#result p.text .piece')]
            .find(e => e.textContent === w); return getComputedStyle(p).borderBottomStyle; }"""
        assert pg.evaluate(underline, "you always") == "double"
        assert pg.evaluate(underline, " blow things ") == "solid"
        assert pg.is_visible("#layered-hint")
