"""Round 16: the API and the Analyse page read pasted JSON and CSV (no filename) as
`mend analyze -` does, and read one day of a Slack export; from stdin a Slack day says plainly
what Mend expects instead of asking for a "speaker"."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

TURNS = [{"speaker": "Ann", "text": "You never listen to me."},
         {"speaker": "Bob", "text": "Sorry, I hear you."}]
CSV = "speaker,text,start\nAnn,You never listen to me.,0\nBob,\"Sorry, I hear you.\",5\n"
SLACK_DAY = [
    {"type": "message", "text": "Deploy failed", "ts": "1793696520.000001",
     "subtype": "bot_message", "bot_id": "B01", "username": "deploybot"},
    {"type": "message", "user": "U02", "text": "did you skip the dry run again",
     "ts": "1793696580.000100", "user_profile": {"real_name": "Kofi Mensah"}},
    {"type": "message", "user": "U03", "text": "I did, sorry. I'll fix it now",
     "ts": "1793696640.000200", "user_profile": {"real_name": "Ana Ruiz"}},
]


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def _speakers_and_texts(answer: dict[str, object]) -> list[tuple[str, str]]:
    turns = answer["turns"]
    assert isinstance(turns, list)
    return [(t["speaker"], t["text"]) for t in turns]


@pytest.mark.parametrize("text", [
    json.dumps({"turns": TURNS}, indent=2),
    json.dumps(TURNS),
    "\n".join(json.dumps(t) for t in TURNS),
    CSV,
])
def test_api_reads_pasted_json_and_csv_without_a_filename(client: TestClient, text: str) -> None:
    r = client.post("/api/analyze", json={"text": text, "mode": "rules"})
    assert r.status_code == 200, r.text
    assert _speakers_and_texts(r.json()) == [("Ann", "You never listen to me."),
                                            ("Bob", "Sorry, I hear you.")]


def test_pasted_text_starting_with_a_bracket_is_still_text(client: TestClient) -> None:
    text = "[10:31] Ann: You never listen to me.\n[10:32] Bob: Sorry, I hear you.\n"
    r = client.post("/api/analyze", json={"text": text, "mode": "rules"})
    assert r.status_code == 200, r.text
    assert [t["speaker"] for t in r.json()["turns"]] == ["Ann", "Bob"]


@pytest.mark.parametrize("filename", [None, "2026-11-03.json", "day.json"])
def test_api_reads_one_day_of_a_slack_channel(client: TestClient, filename: str | None) -> None:
    body: dict[str, object] = {"text": json.dumps(SLACK_DAY), "mode": "rules"}
    if filename:
        body["filename"] = filename
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 200, r.text
    assert _speakers_and_texts(r.json()) == [
        ("Kofi Mensah", "did you skip the dry run again"),
        ("Ana Ruiz", "I did, sorry. I'll fix it now"),
    ]  # the bot's message is left out, as in a Slack export


def test_a_slack_day_from_stdin_says_what_is_expected() -> None:
    done = subprocess.run([sys.executable, "-m", "mendkit", "analyze", "-", "--mode", "rules"],
                          input=json.dumps(SLACK_DAY), capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode != 0
    assert "Slack" in done.stderr and "channel folder" in done.stderr
    assert "speaker" not in done.stderr
