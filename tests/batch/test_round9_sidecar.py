"""A JSON Lines output deleted by hand leaves its settings record beside it; a new run into the
same name starts afresh instead of refusing because of the gone run's settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def test_a_new_run_after_the_output_was_deleted_starts_afresh(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"conversation_id": "c1", "speaker": s, "text": t}) + "\n"
                              for s, t in (("Ana", "You never listen"), ("Ben", "Fine."))),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch("--mode", "rules", "--region", "uk", "--out", str(out), str(source)) == 0
    record = tmp_path / "out.run.json"
    assert record.is_file()
    out.unlink()
    capsys.readouterr()
    assert _batch("--mode", "rules", "--out", str(out), str(source)) == 0, capsys.readouterr().err
    assert json.loads(record.read_text(encoding="utf-8"))["region"] == "default"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    # A real output still guards its settings on --resume.
    assert _batch("--resume", "--mode", "rules", "--region", "uk", "--out", str(out),
                  str(source)) == 1
    assert "region" in capsys.readouterr().err
