"""Round 13, the size of a message to check: the Check page takes what ``POST /api/check`` takes
and says so in its own words past it (it used to take five times more, then answer a 1 MB one
with the framework's "Field exceeded maximum size of 1024KB"), and the README says what the API
answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def _limit(client: TestClient) -> int:
    schema = client.get("/openapi.json").json()
    limit: int = schema["components"]["schemas"]["CheckRequest"]["properties"]["text"]["maxLength"]
    return limit


def _token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/check").text)
    assert found
    return found.group(1)


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _alert(html: str) -> str:
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', html, re.S)
    assert found, "no error on the page"
    return _plain(found.group(1))


@pytest.mark.parametrize("extra", [1, 1_100_000])
def test_the_check_page_refuses_a_message_over_the_apis_limit_in_its_own_words(
        client: TestClient, extra: int) -> None:
    limit = _limit(client)
    size = limit + extra
    r = client.post("/check", data={"csrf_token": _token(client), "mode": "rules",
                                    "text": "s" * size})
    assert r.status_code == 400  # a form not filled in as the page asks
    said = _alert(r.text)
    assert f"{size:,} characters" in said and f"{limit:,}" in said
    assert "Field exceeded" not in r.text and "Repair quality" not in r.text
    # What was typed is still in the field, to shorten or cut in parts.
    assert re.search(rf'<textarea id="text"[^>]*aria-invalid="true"[^>]*>s{{{size}}}</textarea>',
                     r.text)


def test_the_check_page_refuses_a_context_over_the_limit(client: TestClient) -> None:
    limit = _limit(client)
    r = client.post("/check", data={"csrf_token": _token(client), "mode": "rules",
                                    "text": "I am sorry.", "context": "c" * (limit + 2)})
    assert r.status_code == 400  # a form not filled in as the page asks
    said = _alert(r.text)
    assert f"{limit + 2:,} characters" in said and "said last" in said


def test_the_check_page_still_checks_a_message_at_the_limit(client: TestClient) -> None:
    limit = _limit(client)
    message = ("I'm sorry I snapped at you. " * limit)[:limit]
    r = client.post("/check", data={"csrf_token": _token(client), "mode": "rules",
                                    "text": message})
    assert r.status_code == 200
    assert "Repair quality" in r.text


def test_the_check_page_says_its_limit_before_anything_is_sent(client: TestClient) -> None:
    limit = _limit(client)
    page = client.get("/check").text
    hint = re.search(r'<textarea id="text"[^>]*aria-describedby="([^"]+)"', page)
    assert hint, "the message field is not described"
    described = re.search(rf'id="{hint.group(1)}"[^>]*>(.*?)</', page, re.S)
    assert described and f"{limit:,} characters" in _plain(described.group(1))


def test_the_readme_says_what_the_api_answers_to_a_message_over_the_limit(
        client: TestClient) -> None:
    limit = _limit(client)
    over = client.post("/api/check", json={"text": "x" * (limit + 1), "mode": "rules"})
    assert over.status_code >= 400
    assert str(limit) in over.json()["error"]
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    sentences = [s for s in re.split(r"(?<=[.;])\s", readme)
                 if f"{limit:,} characters" in s and "/api/check" in s]
    assert sentences, "the README does not give /api/check's limit"
    assert any(str(over.status_code) in s and "mend check" in s for s in sentences), sentences


def test_the_check_page_counts_a_line_break_once_as_typed(client: TestClient) -> None:
    # A browser sends a text area's breaks as CRLF: a message at the limit with line breaks in it
    # is the same length as typed, and is checked, not refused.
    limit = _limit(client)
    typed = ("I'm sorry I was late again tonight and I know it hurt you.\n" * limit)[:limit]
    sent = typed.replace("\n", "\r\n")
    assert len(sent) > limit
    r = client.post("/check", data={"csrf_token": _token(client), "mode": "rules", "text": sent})
    assert r.status_code == 200
    assert "Repair quality" in r.text
