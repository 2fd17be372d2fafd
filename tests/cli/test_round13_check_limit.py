"""Round 13: ``mend check`` takes a message of the size ``POST /api/check`` takes, and says so
when one is longer (a 6 MB message used to run for most of a minute and nearly 1 GB)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from mendkit.cli.main import main

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app


def _api_limit(tmp_path: object) -> int:
    """The longest message ``POST /api/check`` takes, read from the API's own schema."""
    client = TestClient(create_app(Settings(home=tmp_path / "home")))  # type: ignore[operator]
    schema = client.get("/openapi.json").json()
    text = schema["components"]["schemas"]["CheckRequest"]["properties"]["text"]
    limit: int = text["maxLength"]
    return limit


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)


def test_a_message_one_over_the_apis_limit_is_refused_with_both_sizes(
        tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    limit = _api_limit(tmp_path)
    assert main(["check", "--mode", "rules", "x" * (limit + 1)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{limit + 1:,} characters" in err and f"{limit:,}" in err
    assert "Traceback" not in err and err.startswith("mend: error: ")


def test_a_long_message_on_stdin_is_refused_before_it_is_read_for_ruptures(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    limit = _api_limit(tmp_path)
    from mendkit import api

    def must_not_run(*args: object, **kwargs: object) -> object:
        raise AssertionError("an over-long message was checked")

    monkeypatch.setattr(api, "check", must_not_run)
    _stdin(monkeypatch, "I am sorry. " * 500_000)  # 6,000,000 characters
    assert main(["check", "-", "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert "6,000,000 characters" in err and f"{limit:,}" in err
    assert "Traceback" not in err


def test_a_context_message_over_the_limit_is_refused_too(
        tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    limit = _api_limit(tmp_path)
    assert main(["check", "--mode", "rules", "--context", "y" * (limit + 5),
                 "I am sorry."]) == 1
    err = capsys.readouterr().err
    assert f"{limit + 5:,} characters" in err and "context" in err


def test_a_message_at_the_limit_is_still_checked(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    limit = _api_limit(tmp_path)
    message = ("I'm sorry I snapped at you. " * limit)[: limit - 1] + "."
    _stdin(monkeypatch, message)
    assert main(["check", "-", "--mode", "rules", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == message
