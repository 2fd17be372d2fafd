"""Personal heads an earlier ``mend train`` wrote (format v1): after an upgrade, checking and
analysing go on with the shipped model and say that the heads need fitting again, on the command
line and in the web app, instead of refusing to work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS
from mendkit.models import personal

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.web import create_app


def _v1_heads(home: Path) -> Path:
    """Heads as ``mend train`` of an earlier Mend wrote them: the messages kept as text."""
    path = personal.personal_dir(home) / "heads.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "format": "mend-personal-heads-v1", "labels": list(LABELS), "corrections": 2,
        "weights": {"rupture.withdrawal": {"a": 1.2, "b": 0.8}}, "muted_rules": [],
        "memory": [{"label": "rupture.withdrawal", "text": "Whatever.", "previous": "",
                    "present": True}]}, indent=2) + "\n", encoding="utf-8")
    return path


def test_older_heads_are_left_out_with_a_notice(tmp_path: Path) -> None:
    path = _v1_heads(tmp_path)
    notices: list[str] = []
    assert personal.load(tmp_path, notices=notices) is None
    assert len(notices) == 1
    assert str(path) in notices[0] and "`mend train` again" in notices[0]
    assert "--no-personal" not in notices[0]
    assert personal.older_heads(tmp_path)
    assert path.is_file()  # left where it is: `mend train` replaces it


def test_heads_that_are_not_heads_are_still_refused(tmp_path: Path) -> None:
    path = personal.personal_dir(tmp_path) / "heads.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="expected format"):
        personal.load(tmp_path)
    assert not personal.older_heads(tmp_path)


def test_the_cli_checks_with_the_shipped_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "cli-home"))
    _v1_heads(tmp_path / "cli-home")
    assert main(["check", "Whatever.", "--mode", "rules", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["text"] == "Whatever."


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    home = tmp_path / "web-home"
    _v1_heads(home)
    return TestClient(create_app(Settings(home=home)))


def test_the_api_checks_and_analyses_with_a_notice(client: TestClient) -> None:
    r = client.post("/api/check", json={"text": "Whatever.", "mode": "rules"})
    assert r.status_code == 200, r.text
    assert r.json()["text"] == "Whatever."
    assert "earlier version of Mend" in r.headers["mend-notice"]
    assert "mend train" in r.headers["mend-notice"]
    r = client.post("/api/analyze", json={"text": "Ana: You never listen.\nBen: Whatever.\n",
                                          "mode": "rules"})
    assert r.status_code == 200, r.text
    assert len(r.json()["turns"]) == 2
    assert "earlier version of Mend" in r.headers["mend-notice"]


def test_the_check_page_works(client: TestClient) -> None:
    html = client.get("/check").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    r = client.post("/check", data={"csrf_token": found.group(1), "text": "Whatever.",
                                    "mode": "rules"})
    assert r.status_code == 200, r.text
    assert "--no-personal" not in r.text


def test_current_heads_say_nothing(tmp_path: Path) -> None:
    personal.save(personal.PersonalHeads(labels=LABELS), tmp_path / "web-home")
    web = TestClient(create_app(Settings(home=tmp_path / "web-home")))
    r = web.post("/api/check", json={"text": "Whatever.", "mode": "rules"})
    assert r.status_code == 200 and "mend-notice" not in r.headers
