"""`POST /api/check` and `mend check` give offsets into the text as it was sent: a client marking
its own text box (which sends CRLF line ends and may keep spaces around the message) needs them
there, not in a trimmed copy."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.web.app import create_app

SENT = "  Hey.\r\nI'm sorry, but you always do this.\r\n"


def _spans(result: dict[str, object]) -> list[str]:
    found = [*result["issues"], *result["evidence"]]  # type: ignore[misc]
    return [SENT[item["start"]:item["end"]] for item in found]


def test_the_api_answers_with_offsets_into_the_text_sent(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    result = client.post("/api/check", json={"text": SENT, "mode": "rules"}).json()
    assert result["text"] == SENT
    spans = _spans(result)
    assert "you always" in spans
    assert all(span.strip() and span == span.strip() for span in spans), spans


def test_an_empty_message_is_still_refused(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    response = client.post("/api/check", json={"text": " \r\n ", "mode": "rules"})
    assert response.status_code == 400
    assert "empty" in response.text


def test_the_command_answers_with_offsets_into_the_text_given(capsys, monkeypatch,
                                                              tmp_path: Path) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path))
    assert main(["check", SENT, "--json", "--mode", "rules"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["text"] == SENT
    assert "you always" in _spans(result)
