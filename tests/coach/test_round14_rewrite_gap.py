"""Round 14 (re-run tester, problem 2): a critic rewrite that leaves a gap ("I'm sorry I ...") is
never kept as the message: choosing it asks the person to fill it in by editing their own
draft, and the web's edit box starts from their own draft, never the gap."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mendkit.cli.main import main
from mendkit.coach.content import REWRITE_GAP
from mendkit.coach.machine import State
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import Walk

OWN = "I'm sorry you took it that way, but it was a joke."
TO_REVIEW = ["", "yes", "Bea (she/her)", "partner",
             "At dinner Bea said my jokes about her job hurt. I said she was being dramatic.",
             "", "", "3", "skip", "yes", "I called her dramatic.", "", ""]


def test_accepting_a_rewrite_with_a_gap_goes_to_editing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps([*TO_REVIEW, OWN, "accept"]), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Suggested rewrite: I'm sorry I ..." in out  # the critic's rewrite has a gap
    store = SessionStore(tmp_path / "mend-home")
    session = store.load(store.ids()[-1])
    assert REWRITE_GAP in out
    assert session.state is State.RESPONSIBILITY_DRAFT
    assert "..." not in " ".join(str(v) for v in session.answers.values())


def test_the_web_edit_box_starts_from_the_own_draft(tmp_path: Path) -> None:
    walk = Walk(TestClient(create_app(Settings(home=tmp_path / "home"))), tmp_path / "home")
    walk.walk([{"answer": a} for a in TO_REVIEW[1:5]] + [{"skip": "1"}, {"skip": "1"},
              {"level": "3"}, {"skip": "1"}, {"answer": "yes"},
              {"answer": TO_REVIEW[10]}, {"skip": "1"}, {"skip": "1"}, {"answer": OWN}])
    assert walk.session.state is State.RESPONSIBILITY_REVIEW
    box = re.search(r'<textarea id="draft"[^>]*>([^<]*)</textarea>', walk.html)
    assert box is not None and "took it that way" in box.group(1).replace("&#39;", "'")
    walk.answer({"answer": "accept"})
    assert walk.session.state is State.RESPONSIBILITY_DRAFT
