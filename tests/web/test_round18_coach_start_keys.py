"""Round 18: the coach API refuses a key it does not know (``POST /api/coach`` with
``"attachement"``) with a 422 that names it, instead of dropping it and starting a session
without what the client meant to send; the OpenAPI schema says so, and known keys still work."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(home=tmp_path / "home")), raise_server_exceptions=False)


def test_a_misspelt_key_is_refused_and_named(client: TestClient) -> None:
    r = client.post("/api/coach", json={"attachement": "anxious"})
    assert r.status_code == 422, r.text
    assert "attachement" in r.json()["error"]
    assert r.json()["detail"][0]["loc"] == ["body", "attachement"]


def test_the_known_keys_still_start_a_session(client: TestClient) -> None:
    for body in ({}, {"attachment": "anxious"}, {"attachment": None}):
        r = client.post("/api/coach", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "welcome" or r.json()["question"]


def test_an_answer_with_a_misspelt_key_is_refused(client: TestClient) -> None:
    sid = client.post("/api/coach", json={}).json()["id"]
    r = client.post(f"/api/coach/{sid}", json={"anwser": "yes"})
    assert r.status_code == 422, r.text
    assert "anwser" in r.json()["error"]
    assert client.post(f"/api/coach/{sid}", json={"answer": ""}).status_code == 200


def test_the_schema_says_no_other_keys(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["CoachStart"]["additionalProperties"] is False
    assert schemas["CoachAnswer"]["additionalProperties"] is False
