"""Round 7 re-run, web: the notice about an earlier Mend's personal heads on the pages a
browser shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.config import Settings
from mendkit.labels import LABELS
from mendkit.models import personal

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.web import create_app

NOTICE = "Your personal heads were fitted by an earlier version of Mend"


def _v1_heads(home: Path) -> None:
    """Heads as ``mend train`` of an earlier Mend wrote them."""
    path = personal.personal_dir(home) / "heads.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "format": "mend-personal-heads-v1", "labels": list(LABELS), "corrections": 2,
        "weights": {"rupture.withdrawal": {"a": 1.2, "b": 0.8}}, "muted_rules": [],
        "memory": [{"label": "rupture.withdrawal", "text": "Whatever.", "previous": "",
                    "present": True}]}), encoding="utf-8")


def _token(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def _pages(client: TestClient) -> tuple[str, str]:
    """The Check result page and the Analyse result page, as a browser shows them."""
    checked = client.post("/check", data={"csrf_token": _token(client, "/check"),
                                          "text": "Whatever.", "mode": "rules"})
    assert checked.status_code == 200, checked.text
    analysed = client.post("/analyse", data={"csrf_token": _token(client, "/analyse"),
                                             "text": "Ana: You never listen.\nBen: Whatever.\n",
                                             "mode": "rules"})
    assert analysed.status_code == 200, analysed.text
    assert "/analyse/" in str(analysed.url)
    return checked.text, analysed.text


def test_the_check_and_analyse_pages_say_the_older_heads_are_not_used(tmp_path: Path) -> None:
    _v1_heads(tmp_path / "home")
    checked, analysed = _pages(TestClient(create_app(Settings(home=tmp_path / "home"))))
    for html in (checked, analysed):
        assert NOTICE in html and "shipped model" in html
        assert "in a terminal" in html  # mend train is a command, not a button here


def test_current_heads_show_no_notice(tmp_path: Path) -> None:
    personal.save(personal.PersonalHeads(labels=LABELS), tmp_path / "home")
    checked, analysed = _pages(TestClient(create_app(Settings(home=tmp_path / "home"))))
    assert NOTICE not in checked and NOTICE not in analysed
