"""The lock of ``mend batch``'s JSON Lines output holds for every path to the same file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mendkit.batch.sinks import open_sink
from mendkit.cli.main import main

ROWS = [("c1", "A", "You never listen."), ("c1", "B", "Fine."), ("c2", "A", "Sorry."),
        ("c3", "A", "Whatever."), ("c3", "B", "I hear you.")]


def _turns(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"conversation_id": cid, "speaker": speaker, "text": text})
                            + "\n" for cid, speaker, text in rows), encoding="utf-8")
    return path


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["conversation"]["id"]
            for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_run_through_a_hard_link_to_an_output_being_written_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _batch(str(_turns(tmp_path / "first.jsonl", ROWS[:2])), "--out",
                  str(tmp_path / "out.jsonl")) == 0
    before = (tmp_path / "out.jsonl").read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    hard = elsewhere / "hard.jsonl"
    os.link(tmp_path / "out.jsonl", hard)
    source = _turns(tmp_path / "in.jsonl", ROWS)
    capsys.readouterr()
    running = open_sink(tmp_path / "out.jsonl", "jsonl", resume=True)  # a run in progress
    try:
        assert _batch(str(source), "--out", str(hard), "--resume") == 1
        captured = capsys.readouterr()
        assert "hard.jsonl: is being written by another mend batch" in captured.err
        assert "Traceback" not in captured.err
        assert (tmp_path / "out.jsonl").read_bytes() == before
    finally:
        running.close(complete=True)
    # Once the first run is over, the hard link continues the output, each conversation once.
    assert _batch(str(source), "--out", str(hard), "--resume") == 0
    assert _ids(tmp_path / "out.jsonl") == ["c1", "c2", "c3"]
    assert not [p.name for p in tmp_path.rglob("*lock*")]


def test_a_run_through_a_symlink_to_an_output_being_written_is_still_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    link = tmp_path / "link.jsonl"
    running = open_sink(out, "jsonl", resume=False)
    link.symlink_to(out)
    try:
        assert _batch(str(_turns(tmp_path / "in.jsonl", ROWS)), "--out", str(link),
                      "--resume") == 1
        assert (f"link.jsonl: is being written by another mend batch (pid {os.getpid()})"
                in capsys.readouterr().err)
        assert out.read_bytes() == b""
    finally:
        running.close(complete=True)


def test_a_new_output_is_locked_and_left_without_a_lock_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new.jsonl"
    running = open_sink(out, "jsonl", resume=False)
    try:
        assert out.is_file()
        hard = tmp_path / "hard.jsonl"
        os.link(out, hard)
        assert _batch(str(_turns(tmp_path / "in.jsonl", ROWS)), "--out", str(hard),
                      "--resume") == 1
        assert "is being written by another mend batch" in capsys.readouterr().err
    finally:
        running.close(complete=True)
    assert out.read_bytes() == b""
    assert not [p.name for p in tmp_path.rglob("*lock*")]
