"""Round 7, size and resource limits of `mend serve`: one client's large request must not stall
the others, and the API takes what the Analyse form takes."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mendkit.api import check as real_check
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.services import MAX_UPLOAD


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


# -- 1. the Analyse form's analysis runs off the event loop --------------------------------------
def test_other_requests_are_answered_while_the_form_analyses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mendkit.web import pages

    other_answered = threading.Event()
    seen: dict[str, bool] = {}
    real = pages.analyse_text

    def slow_analysis(*args: Any, **kwargs: Any) -> Any:
        # Waits until the other request was answered: on the event loop it never could be.
        seen["other answered first"] = other_answered.wait(timeout=5)
        return real(*args, **kwargs)

    monkeypatch.setattr(pages, "analyse_text", slow_analysis)
    app = create_app(Settings(home=tmp_path / "home"))

    async def scenario() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as web:
            page = await web.get("/analyse")
            found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert found
            upload = asyncio.create_task(web.post("/analyse", data={
                "csrf_token": found.group(1), "mode": "rules",
                "text": "Alex: You never listen.\nSam: I'm sorry, I was wrong."}))
            await asyncio.sleep(0.05)
            other = await web.get("/check")
            other_answered.set()
            return other.status_code, (await upload).status_code

    assert asyncio.run(scenario()) == (200, 303)
    assert seen == {"other answered first": True}


# -- 2. /api/check: each context message is limited, and a long rules check is off the loop ------
def test_a_context_message_over_the_limit_is_a_short_422_that_says_why(
        client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "I am sorry", "context": ["x" * 20_001],
                                        "mode": "rules"})
    assert r.status_code == 422
    assert "context[0]" in r.json()["error"]
    assert "20000 characters" in r.json()["error"]
    assert len(r.content) < 2000  # the message is not echoed back


def test_context_messages_at_the_limit_are_still_checked(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "I am sorry", "context": ["x" * 20_000],
                                        "mode": "rules"})
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "I am sorry"


def test_a_long_rules_check_runs_off_the_event_loop(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from mendkit.web import api

    on_loop: list[bool] = []

    def recording_check(*args: Any, **kwargs: Any) -> Any:
        on_loop.append(_on_event_loop())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(api, "check", recording_check)
    r = client.post("/api/check", json={"text": "I am sorry",
                                        "context": ["you never listen " * 1000] * 5,
                                        "mode": "rules"})
    assert r.status_code == 200, r.text
    assert on_loop == [False]


# -- 4. a header too large for any client is refused, and the others are still answered ----------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    import uvicorn

    from mendkit.web.app import SERVER_OPTIONS

    port = _free_port()
    config = uvicorn.Config(create_app(Settings(home=tmp_path / "home")), host="127.0.0.1",
                            port=port, log_level="critical", **SERVER_OPTIONS)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running.started
    yield port
    running.should_exit = True
    thread.join(timeout=10)


def test_a_header_over_64_kb_is_refused_and_others_are_answered_meanwhile(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server), timeout=10) as big:
        big.sendall(b"GET /about HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + b"h" * (1 << 20))
        # The header is not finished: another client is answered meanwhile.
        r = httpx.get(f"http://127.0.0.1:{server}/about", timeout=10)
        assert r.status_code == 200
        answer = b""
        try:
            while chunk := big.recv(4096):
                answer += chunk
        except ConnectionResetError:
            pass  # closed while the rest of the header was still arriving: refused as well
    assert answer == b"" or answer.split(b"\r\n", 1)[0] in (
        b"HTTP/1.1 400 Bad Request", b"HTTP/1.1 431 Request Header Fields Too Large")


def test_ordinary_headers_are_still_fine(server: int) -> None:
    r = httpx.get(f"http://127.0.0.1:{server}/about", timeout=10,
                  headers={"x-some": "h" * 8000, "cookie": "; ".join(f"c{i}=v" for i in range(500))})
    assert r.status_code == 200


# -- 5. the API takes any conversation the form takes ---------------------------------------------
def test_the_api_takes_a_conversation_under_5_mb_whose_json_is_over_it(
        client: TestClient) -> None:
    # Under 2 MB of text, over 5 MB of JSON: "\u00e9" for each é, \" and \n for the others.
    text = "".join(f'{"AB"[i % 2]}: "ok" ' + "\u00e9" * 100 + "\n" for i in range(9000))
    assert len(text.encode("utf-8")) < 2 * 1024 * 1024
    body = json.dumps({"text": text, "filename": "t.txt", "mode": "rules"})
    assert len(body) > MAX_UPLOAD + 64 * 1024
    r = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:200]
    assert r.json()["summary"]["turns"] == 9000


def test_a_conversation_over_5_mb_is_still_refused_by_the_api(client: TestClient) -> None:
    text = "A: " + "é" * (MAX_UPLOAD // 2)  # fewer characters than the limit, more bytes
    r = client.post("/api/analyze", json={"text": text, "mode": "rules"})
    assert r.status_code == 413
    assert r.json() == {"error": "Too large: Mend accepts up to 5 MB."}


def test_a_body_far_over_any_conversation_is_still_413(client: TestClient) -> None:
    r = client.post("/api/analyze", content=b'{"text": "' + b"x" * (40 * 1024 * 1024) + b'"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json() == {"error": "Too large: Mend accepts up to 5 MB."}


def test_a_text_one_character_over_the_limit_is_not_echoed_back(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "x" * (MAX_UPLOAD + 1), "mode": "rules"})
    assert r.status_code == 413
    assert r.json() == {"error": "Too large: Mend accepts up to 5 MB."}


def test_a_long_value_in_a_422_is_sent_back_only_in_part(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "x" * 30_000, "mode": "rules"})
    assert r.status_code == 422
    assert r.json()["error"] == ("the request was not as expected: text: string should have "
                                 "at most 20000 characters")
    assert r.json()["detail"][0]["input"] == "x" * 100 + "..."


def test_mend_serve_runs_uvicorn_with_the_header_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from mendkit.cli.main import main

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    monkeypatch.setattr("mendkit.analysis.pipeline.warm_up", lambda: None)
    monkeypatch.delenv("MEND_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    assert main(["serve", "--port", str(_free_port())]) == 0
    [options] = calls
    assert options["http"] == "h11"
    assert options["h11_max_incomplete_event_size"] == 64 * 1024
