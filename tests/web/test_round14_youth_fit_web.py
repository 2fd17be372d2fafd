"""Round 14 (tester t11, P2, P3, P6): the web coach and the JSON API read whose signs they are
and which stop fits a young person, as the terminal does."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import Walk, plain

KYS = ("they keep sending me messages telling me to kys and that nobody would miss me")
LIAM = ("liam messaged me saying hes got nothing left and hes going to do it this weekend. he "
        "said if i tell anyone hes never speaking to me again")
PICS = "he says send 3 more pics or he sends the one he has to my followers"


def _page(tmp_path: Path, who: str, context: str, what: str) -> str:
    home = tmp_path / "home"
    walk = Walk(TestClient(create_app(Settings(home=home))), home)
    for text in ("yes", who, context, what):
        walk.answer({"answer": text})
    return plain(walk.html)


def test_page_for_kys_said_to_the_writer(tmp_path: Path) -> None:
    words = _page(tmp_path, "chidi", "friend", KYS)
    assert "not okay, and it is not your fault" in words
    assert "may not be safe, and you are worried" not in words


def test_page_for_a_friend_who_asked_for_secrecy(tmp_path: Path) -> None:
    words = _page(tmp_path, "liam (he/him)", "friend", LIAM)
    assert "you are worried about him" in words
    assert "Keep important documents" not in words


def test_api_stops_for_picture_threats(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path / "home")))
    first = client.post("/api/coach", json={}).json()
    said: list[str] = []
    for answer in ("", "yes", "him", "skip", PICS, "no"):
        reply = client.post(f"/api/coach/{first['id']}", json={"answer": answer}).json()
        said.extend(reply.get("said") or [])
    text = " ".join(said)
    assert "Don't send any more pictures or money" in text
    assert "What did you notice" not in text
