"""Corrections are saved locally, read back, refused when malformed, and exported for training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit import InvalidInputError
from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore


def test_corrections_round_trip_and_export(tmp_path: Path) -> None:
    store = CorrectionStore(tmp_path)
    store.add(Correction(text="Fine, see you at six.", label="rupture.withdrawal", verdict="wrong"))
    store.add(Correction(text="k", label="rupture.withdrawal", verdict="missing",
                         previous="You never help."))
    saved = list(store)
    assert [c.verdict for c in saved] == ["wrong", "missing"]
    assert all(c.created_at for c in saved)
    assert store.training_examples()[1] == {"text": "k", "previous": "You never help.",
                                            "label": "rupture.withdrawal", "present": True}


def test_bad_corrections_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="unknown label"):
        Correction(text="x", label="rupture.grumpy", verdict="wrong")
    with pytest.raises(InvalidInputError, match="verdict"):
        Correction(text="x", label="reconnect", verdict="maybe")  # type: ignore[arg-type]
    (tmp_path / "corrections.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"corrections\.jsonl:1"):
        list(CorrectionStore(tmp_path))


def test_the_cli_saves_a_wrong_detection_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path))
    assert main(["correct", "I'm sorry you feel that way.", "--label",
                 "rupture.invalidation", "--note", "it was sincere"]) == 0
    (saved,) = list(CorrectionStore(tmp_path))
    assert saved.source.startswith("rule:invalidation/non-apology")
    assert main(["correct", "Thanks for the file.", "--label", "rupture.withdrawal"]) == 1
    assert "--missing" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["correct", "--export", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["present"] is False
