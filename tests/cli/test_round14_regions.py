"""Round 14, crisis resources by region: a country Mend has no list for is told so in the JSON of
``mend check`` and ``mend analyze`` and in the API (in ``message``, the text that goes with the
resources), not only on stderr; India, Singapore and Malaysia have their own national lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.analysis.safety import resources_for
from mendkit.cli.main import main

CRISIS = "I want to kill myself"
GENERAL = "Mend has no list of lines for NG yet, so these are general resources."


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(argv) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


@pytest.mark.parametrize("how", ["option", "environment"])
def test_check_json_says_the_resources_are_the_general_ones(
        how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", CRISIS, "--mode", "rules", "--json"]
    if how == "option":
        argv += ["--region", "ng"]
    else:
        monkeypatch.setenv("MEND_REGION", "NG")
    risk = _json(argv, capsys)["risk"]
    assert isinstance(risk, dict)
    assert risk["message"].endswith(GENERAL)
    assert [r["region"] for r in risk["resources"]] == ["default"] * len(risk["resources"])


def test_analyze_json_says_so_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(f"Ana: {CRISIS}\nBen: I'm here.\n", encoding="utf-8")
    safety = _json(["analyze", str(chat), "--mode", "rules", "--json", "--region", "NG"],
                   capsys)["safety"]
    assert isinstance(safety, dict) and safety["crisis"]
    assert safety["message"].endswith(GENERAL)
    assert set(safety) == {"crisis", "turns", "kinds", "message", "resources"}  # no new field


def test_a_known_region_has_no_such_words(capsys: pytest.CaptureFixture[str]) -> None:
    risk = _json(["check", CRISIS, "--mode", "rules", "--json", "--region", "GB"], capsys)["risk"]
    assert isinstance(risk, dict) and "general resources" not in risk["message"]


def test_the_api_says_so(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=tmp_path / "home", region="NG")))
    risk = client.post("/api/check", json={"text": CRISIS, "mode": "rules"}).json()["risk"]
    assert risk["crisis"] and risk["message"].endswith(GENERAL)


@pytest.mark.parametrize(("region", "emergency", "line"), [
    ("IN", ["call 112"], "call 14416"),
    ("SG", ["call 995", "call 999"], "call 1767"),
    ("MY", ["call 999"], "call 03-7627 2929"),
])
def test_india_singapore_and_malaysia_have_their_national_lines(
        region: str, emergency: list[str], line: str, capsys: pytest.CaptureFixture[str]) -> None:
    shown = resources_for(region.lower(), ["suicide"])
    assert all(e in shown[0].contact for e in emergency)
    assert shown[1].contact == line
    risk = _json(["check", CRISIS, "--mode", "rules", "--json", "--region", region], capsys)["risk"]
    assert isinstance(risk, dict) and "general resources" not in risk["message"]
    assert line in [r["contact"] for r in risk["resources"]]
    # When someone else is the danger, a way to reach help comes right after the emergency number.
    assert resources_for(region, ["abuse_danger"])[1].contact.startswith(emergency[-1])


def test_a_country_without_a_list_keeps_the_general_one() -> None:
    assert resources_for("NG") == resources_for("default")
