"""Odd requests a tester sent to `mend serve`: each gets a clear 4xx, never a 500 or a wrong page."""

from __future__ import annotations

import csv
import io
import re

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mendkit.web.services import MAX_UPLOAD


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def token(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert found
    return found.group(1)


def error_of(response: object) -> str:
    html = getattr(response, "text", "")
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', html, re.S)
    return found.group(1) if found else html


@pytest.mark.parametrize(("path", "body"), [
    ("/api/check", '{"text": "\\ud800"}'),
    ("/api/analyze", '{"text": "A: \\ud83d hi"}'),
    ("/api/journal/relationships", '{"name": "\\udc80x"}'),
    ("/api/journal/entries", '{"kind": "rupture", "body": {"what": "\\ud800"}}'),
])
def test_half_a_character_is_a_400_that_says_so(client: TestClient, path: str, body: str) -> None:
    r = client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert "half of one" in r.json()["error"]


def test_a_whole_emoji_sent_as_escapes_is_fine(client: TestClient) -> None:
    r = client.post("/api/check", content='{"text": "sorry \\ud83d\\ude4f", "mode": "rules"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 200
    assert r.json()["text"] == "sorry \U0001f64f"


@pytest.mark.parametrize("kind", ["text/plain", None, "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_415_before_validation(client: TestClient,
                                                         kind: str | None) -> None:
    headers = {"content-type": kind} if kind else {}
    r = client.post("/api/check", content=b'{"text": "hi"}', headers=headers)
    assert r.status_code == 415
    assert r.json() == {"error": "send application/json"}


def test_a_message_of_only_spaces_is_refused_as_the_cli_refuses_it(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "   \n "})
    assert r.status_code == 400
    assert "empty" in r.json()["error"]


def test_a_validation_error_that_echoes_unusual_text_still_answers(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "x", "mode": "fu\u00dfball"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "mode"]


@pytest.mark.parametrize("path", ["/about", "/corrections"])
def test_a_form_post_without_its_token_is_the_403_page(client: TestClient, path: str) -> None:
    token(client)
    r = client.post(path, data={"region": "GB", "key": "x"})
    assert r.status_code == 403
    assert "security token" in error_of(r)


def test_a_form_field_of_the_wrong_kind_is_a_page_not_json(client: TestClient) -> None:
    r = client.post("/corrections", data={"csrf_token": token(client), "key": "k", "turn": "abc",
                                          "label": "x"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "turn" in error_of(r)


@pytest.mark.parametrize("query", ["?stored=%C2%B2", "?stored=%D9%A3"])
def test_a_superscript_digit_in_a_query_is_ignored(client: TestClient, query: str) -> None:
    r = client.post("/analyse", data={"csrf_token": token(client),
                                      "text": "Ann: You never listen.\nBob: Fine.", "mode": "rules"})
    assert r.status_code == 200
    assert client.get(str(r.url) + query).status_code == 200


def test_upload_errors_name_the_persons_file_not_a_temporary_one(client: TestClient) -> None:
    r = client.post("/analyse", data={"csrf_token": token(client)},
                    files={"file": ("../chats/chat.json", b'{"speaker": "Ann", "text": "hi"}\n')})
    assert r.status_code == 400
    message = error_of(r)
    assert message.startswith("chat.json")
    assert "mend-web-" not in message and "upload" not in message


def test_an_analysis_says_which_file_it_read(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "Ann: hi\nBob: yo", "filename": "session.txt",
                                          "mode": "rules"})
    assert r.json()["conversation"]["source"] == "session.txt"
    assert r.json()["conversation"]["id"] == "session"
    pasted = client.post("/analyse", data={"csrf_token": token(client), "text": "Ann: hi",
                                           "mode": "rules"})
    exported = client.get(str(pasted.url).split("?")[0] + "/export.json").json()
    assert "source" not in exported["conversation"]
    assert exported["conversation"]["id"] == "pasted"


@pytest.mark.parametrize(("data", "advice"), [
    (b"Ann: caf\xe9\n", "save the file as UTF-8"),
    (b'{"speaker": "A", "text": "hi"}\n{"speaker": "B", "text": "yo"}\n', "name the file .jsonl"),
])
def test_upload_advice_is_for_a_browser_not_the_command_line(client: TestClient, data: bytes,
                                                             advice: str) -> None:
    name = "chat.json" if data.startswith(b"{") else "chat.txt"
    r = client.post("/analyse", data={"csrf_token": token(client)}, files={"file": (name, data)})
    assert r.status_code == 400
    assert advice in error_of(r)
    assert "--" not in error_of(r)


def test_pasted_text_may_be_as_long_as_the_page_says(client: TestClient) -> None:
    text = "Ann: hi there\n" * 100_000  # 1.4 MB: over a form field's default 1 MB
    assert len(text) < MAX_UPLOAD
    r = client.post("/analyse", data={"csrf_token": token(client), "text": text, "mode": "rules"})
    assert r.status_code == 200, error_of(r)


def test_an_api_body_over_the_limit_is_a_json_413(client: TestClient) -> None:
    body = b'{"text": "' + b"A: hi\\n" * (MAX_UPLOAD // 5) + b'"}'
    r = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "up to 5 MB" in r.json()["error"]


def test_a_streamed_api_body_over_the_limit_is_a_413_not_a_parse_error(
        client: TestClient) -> None:
    def chunks() -> object:
        yield b'{"text": "'
        for _ in range(MAX_UPLOAD // 50_000 + 10):  # past the limit and its 64 KiB of room
            yield b"x" * 50_000
        yield b'"}'

    r = client.post("/api/analyze", content=chunks(),  # type: ignore[arg-type]
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "up to 5 MB" in r.json()["error"]


def test_csv_export_cells_do_not_run_as_spreadsheet_formulas(client: TestClient) -> None:
    text = 'Ann: hello\nBob: =HYPERLINK("http://example.invalid","click")\nCat: -so what'
    r = client.post("/analyse", data={"csrf_token": token(client), "text": text, "mode": "rules"})
    rows = list(csv.reader(io.StringIO(client.get(str(r.url).split("?")[0] + "/export.csv").text)))
    texts = [row[2] for row in rows[1:]]
    assert texts == ["hello", "'=HYPERLINK(\"http://example.invalid\",\"click\")", "'-so what"]


def test_csv_export_lists_each_evidence_span_once(client: TestClient) -> None:
    r = client.post("/analyse", data={"csrf_token": token(client), "mode": "rules",
                                      "text": "Ann: You never listen.\nBob: Fine."})
    rows = list(csv.reader(io.StringIO(client.get(str(r.url).split("?")[0] + "/export.csv").text)))
    evidence = rows[2][4].split(" | ")
    assert evidence and len(evidence) == len(set(evidence))


@pytest.mark.parametrize("path", ["/analyse", "/check", "/about", "/static/mend.css"])
def test_head_answers_as_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-type"] == got.headers["content-type"]
    assert "content-security-policy" in head.headers


def test_of_two_marks_on_the_same_words_the_one_given_first_is_shown() -> None:
    from mendkit.web.timeline import highlight

    marks = [(0, 4, f"ev-1-{n}") for n in (2, 10)]
    assert highlight("Fine.", marks)[0].mark == "ev-1-2"
