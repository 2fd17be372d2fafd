"""Round 14: the coach's follow-up reaches ``mend insights`` for the relationship it was about, as
one repair (its last answer as the uptake), never twice: not again when the person also wrote the
same repair into the journal by hand (before this, only ``mend journal add --kind repair`` counted,
so the person entered the outcome twice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main


def test_mend_insights_counts_the_coach_follow_up_once(
        backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    assert main(["journal", "add", "--rel", "1", "--kind", "rupture", "--text",
                 "Sam found the messages", "--when", "2026-12-01T20:00+00:00"]) == 0
    answers = ["", "yes", "Sam (she/her)", "partner", "I had an affair and Sam found the "
               "messages.", "", "", "4", "skip", "yes", "I cheated on her.", "", "", "", "keep",
               "ashamed", "scared", "time", MESSAGE,
               "",  # a changed message is checked, then kept with Enter (round 19)
               "1", "0"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    path.write_text(json.dumps(["partly", "5", "no"]), encoding="utf-8")
    assert main(["coach", "--resume", "--answers", str(path)]) == 0
    assert _figures(capsys)["repair_attempts"] == 1
    figures = _figures(capsys)
    assert figures["uptake"]["partly"] == 1
    # Written down by hand as well, with the same message: still one repair.
    assert main(["journal", "add", "--rel", "1", "--kind", "repair", "--text", MESSAGE,
                 "--uptake", "partly", "--when", "2026-12-02T20:00+00:00"]) == 0
    figures = _figures(capsys)
    assert figures["repair_attempts"] == 1 and figures["uptake"]["partly"] == 1


MESSAGE = "I'm sorry I cheated on you and lied about it."


def _figures(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--json"]) == 0
    figures: dict[str, object] = json.loads(capsys.readouterr().out)
    return figures
