"""Round 6: a corpus value of the wrong type or outside GUIDE.md's list is refused, naming the
file, the line and what was expected (never an internal error, never scored as written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main

CRISIS = {"id": "c1", "text": "I want to end it all", "crisis": True, "kind": "suicide",
          "split": "test"}
PAIR = {"id": "p1", "better": "I'm sorry I snapped at you; that was unfair. Can we talk?",
        "worse": "Sorry you feel that way.", "split": "test"}
TURN = {"speaker": "A", "text": "You never help.",
        "labels": [{"label": "rupture.confrontation", "subtype": "criticism"}]}


def _corpus(tmp_path: Path, conversations: list[dict[str, object]],
            crisis: list[dict[str, object]] | None = None) -> Path:
    root = tmp_path / "corpus"
    (root / "conversations").mkdir(parents=True)
    (root / "crisis.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in crisis or [CRISIS]), encoding="utf-8")
    (root / "pairs.jsonl").write_text(json.dumps(PAIR) + "\n", encoding="utf-8")
    (root / "conversations" / "a.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in conversations), encoding="utf-8")
    return root


def _conversation(**changes: object) -> dict[str, object]:
    return {"id": "a-1", "split": "test", "turns": [TURN]} | changes


@pytest.mark.parametrize(("files", "where", "expected"), [
    (([_conversation(turns=[TURN | {"labels": None}])], None), "a.jsonl:1",
     "expected the labels of turn 0 to be a list, found null"),
    (([_conversation(turns=[TURN | {"labels": 5}])], None), "a.jsonl:1",
     "expected the labels of turn 0 to be a list, found 5"),
    (([_conversation(episodes=None)], None), "a.jsonl:1",
     'expected "episodes" to be a list, found null'),
    (([_conversation(), _conversation(split="Test")], None), "a.jsonl:2",
     'expected "split": train, dev or test, found "Test"'),
    (([_conversation(episodes=[{"start_turn": 7, "status": "resolved"}])], None), "a.jsonl:1",
     "episode start_turn 7 is past the last turn (0)"),
    (([_conversation(episodes=[{"start_turn": 0, "status": "resolvd"}])], None), "a.jsonl:1",
     'expected "status": resolved, attempted or unresolved, found "resolvd"'),
    (([_conversation(episodes=[{"start_turn": 0, "status": "resolved", "severity": "huge"}])],
      None), "a.jsonl:1", 'expected "severity": minor or major, found "huge"'),
    (([_conversation(), _conversation()], None), "a.jsonl:2",
     'duplicate conversation id "a-1" (first on line 1'),
    (([_conversation()], [CRISIS, CRISIS | {"id": "c2", "crisis": False, "kind": "idoim"}]),
     "crisis.jsonl:2", 'expected "kind": one of suicide, self_harm'),
])
def test_a_corpus_mistake_is_refused_with_file_line_and_what_was_expected(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        files: tuple[list[dict[str, object]], list[dict[str, object]] | None], where: str,
        expected: str) -> None:
    root = _corpus(tmp_path, *files)
    assert main(["eval", "--corpus", str(root), "--no-public", "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert where in err
    assert expected in err
    assert "internal error" not in err and "Traceback" not in err
