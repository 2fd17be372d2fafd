"""What a fifth round of testing found in the JSON API and the pages' hand-read inputs: numbers too
long to convert, a schema that left out statuses and rules the server keeps, a relationship id
that took ``true``, and a body that is not UTF-8."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.journal.kinds import ENTRY_KINDS
from mendkit.web import create_app

CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"
BIG = "9" * 5000  # past Python's 4,300-digit limit for int("...")
CONVERSATION = "Ann: You never listen to me.\nBob: Sorry, I hear you."
JSON = {"content-type": "application/json"}


@pytest.fixture
def web(tmp_path: Path) -> TestClient:
    """A single-user server with a new, unlocked journal holding one relationship (Sam, 1)."""
    client = TestClient(create_app(Settings(home=tmp_path / "home", journal_kdf=CHEAP_KDF)),
                        raise_server_exceptions=False)
    r = client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200, r.text
    r = client.post("/api/journal/relationships", json={"name": "Sam"})
    assert r.status_code == 201 and r.json()["id"] == 1
    return client


def token(client: TestClient, page: str = "/journal") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def error_of(response: Any) -> str:
    found = re.search(r'<p class="error"[^>]*>(.*?)</p>', response.text, re.S)
    return found.group(1) if found else response.text


def analysed(web: TestClient) -> str:
    r = web.post("/analyse", data={"csrf_token": token(web), "text": CONVERSATION,
                                   "mode": "rules"}, follow_redirects=False)
    assert r.status_code == 303
    return str(r.headers["location"]).rsplit("/", 1)[1]


def entries(web: TestClient) -> list[dict[str, Any]]:
    r = web.get("/api/journal/entries")
    assert r.status_code == 200
    return list(r.json())


# -- 1. a number too long for int() in a page's query or form -------------------------------------
@pytest.mark.parametrize("query", [f"?stored={BIG}", f"?saved=1&turn={BIG}"])
def test_an_over_long_number_in_a_results_query_is_ignored(web: TestClient, query: str) -> None:
    key = analysed(web)
    r = web.get(f"/analyse/{key}{query}")
    assert r.status_code == 200
    assert "<title>Timeline" in r.text and "Bob" in r.text  # the result itself


def test_an_over_long_number_in_a_relationships_query_is_ignored(web: TestClient) -> None:
    r = web.get(f"/journal/relationships/1?added={BIG}")
    assert r.status_code == 200 and "Sam" in r.text


@pytest.mark.parametrize("relationship", [BIG, "two", "-1"])
def test_saving_to_a_relationship_that_is_not_a_number_is_a_400(web: TestClient,
                                                                relationship: str) -> None:
    key = analysed(web)
    r = web.post(f"/analyse/{key}/save", data={"csrf_token": token(web), "client": "c1",
                                               "relationship": relationship},
                 follow_redirects=False)
    assert r.status_code == 400
    assert error_of(r) == "Choose a relationship from the list, or none."
    assert entries(web) == []  # not saved without a relationship instead


def test_saving_with_no_relationship_chosen_still_works(web: TestClient) -> None:
    key = analysed(web)
    r = web.post(f"/analyse/{key}/save", data={"csrf_token": token(web), "client": "c1",
                                               "relationship": ""}, follow_redirects=False)
    assert r.status_code == 303 and "stored=" in r.headers["location"]
    assert [e["relationship_id"] for e in entries(web)] == [None]


def test_a_coach_answer_with_an_over_long_position_is_not_used(web: TestClient) -> None:
    session = web.post("/api/coach", json={}).json()
    r = web.post(f"/coach/{session['id']}", data={"csrf_token": token(web), "answer": "yes",
                                                  "position": BIG})
    assert r.status_code == 200
    assert "was not for the step you are on, so it was not used" in r.text
    again = web.post(f"/api/coach/{session['id']}", json={"answer": "", "position": 0})
    assert again.status_code == 409  # the session did not move on
    assert f"position {session['position']}" in again.json()["error"]


# -- 2. the statuses the API really answers are in its schema -------------------------------------
def operations(client: TestClient) -> dict[str, dict[str, Any]]:
    paths = client.get("/openapi.json").json()["paths"]
    return {f"{method.upper()} {path}": op for path, methods in paths.items()
            for method, op in methods.items()}


def test_every_api_operation_declares_the_practices_sign_in_answers(web: TestClient) -> None:
    document = web.get("/openapi.json").json()
    schemes = document["components"]["securitySchemes"]
    scheme = schemes["mend_session"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "cookie", "mend_session")
    for label, op in operations(web).items():
        assert {"401", "503"} <= set(op["responses"]), label
        # a practice needs the cookie; a one-person server needs nothing
        assert op["security"] == [{"mend_session": []}, {}], label
        for status in ("401", "503"):
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ApiError"}, label
        if " /api/journal/" in label:
            assert "403" in op["responses"], label


@pytest.mark.parametrize("path", ["/api/coach", "/api/coach/0123456789ab"])
def test_the_coach_declares_the_423_it_answers_while_the_journal_is_locked(
        web: TestClient, path: str) -> None:
    assert "423" in operations(web)[f"POST {path.replace('0123456789ab', '{session_id}')}"][
        "responses"]
    r = web.post("/journal/lock", data={"csrf_token": token(web)})
    assert r.status_code == 200
    r = web.post(path, json={})
    assert r.status_code == 423 and "locked" in r.json()["error"]


# -- 3. the schema states the rules the server keeps ----------------------------------------------
def test_the_schema_states_the_rules_the_server_keeps(web: TestClient) -> None:
    document = web.get("/openapi.json").json()
    ops = operations(web)
    (kind,) = [p for p in ops["GET /api/journal/entries"]["parameters"] if p["name"] == "kind"]
    assert kind["schema"]["enum"] == list(ENTRY_KINDS)
    assert document["components"]["schemas"]["AnalyzeRequest"]["properties"]["text"][
        "minLength"] == 1
    (session_id,) = ops["POST /api/coach/{session_id}"]["parameters"]
    assert session_id["schema"]["pattern"] == "^[0-9a-f]{12}$"


def test_the_server_keeps_the_rules_its_schema_states(web: TestClient) -> None:
    for kind in ENTRY_KINDS:
        assert web.get(f"/api/journal/entries?kind={kind}").status_code == 200
    assert web.get("/api/journal/entries?kind=").status_code in (400, 422)
    assert web.post("/api/analyze", json={"text": ""}).status_code in (400, 422)
    assert web.post("/api/coach/0", json={}).status_code == 400


# -- 4. a relationship id is a whole number, not true or "1" --------------------------------------
@pytest.mark.parametrize("value", ["true", '"1"', "1.0"])
def test_a_relationship_id_that_is_not_an_integer_is_refused(web: TestClient, value: str) -> None:
    body = f'{{"kind": "rupture", "relationship_id": {value}, "body": {{"what": "x"}}}}'
    r = web.post("/api/journal/entries", content=body, headers=JSON)
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["loc"] == ["body", "relationship_id"]
    assert entries(web) == []


def test_an_integer_relationship_id_still_works(web: TestClient) -> None:
    r = web.post("/api/journal/entries", json={"kind": "rupture", "relationship_id": 1,
                                               "body": {"what": "x"}})
    assert r.status_code == 201 and r.json()["relationship_id"] == 1


# -- 5. a body that is not UTF-8 ------------------------------------------------------------------
def test_a_body_that_is_not_utf8_gets_a_message_that_says_so(web: TestClient) -> None:
    r = web.post("/api/check", content=b'{"text": "caf\xe9"}', headers=JSON)
    assert r.status_code == 400
    assert r.json()["error"] == ("expected JSON encoded as UTF-8; byte 0xe9 at position 13 is "
                                 "not UTF-8 (send the text as UTF-8)")


def test_utf8_with_a_byte_order_mark_is_still_fine(web: TestClient) -> None:
    r = web.post("/api/check", content='\ufeff{"text": "caf\u00e9", "mode": "rules"}'.encode(),
                 headers=JSON)
    assert r.status_code == 200 and r.json()["text"] == "caf\u00e9"
