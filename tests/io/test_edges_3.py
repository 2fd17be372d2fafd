"""Edges found in the third hunt: a pipe given as a path (``<(...)``), the column of a bad JSON
Lines line in ``mend batch``, the batch lock through a symlink, and ``--export /dev/stdout``."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mendkit.batch.sinks import open_sink
from mendkit.cli.main import main
from mendkit.corrections import write_export
from mendkit.errors import InvalidInputError
from mendkit.io import iter_conversations, load_conversation

needs_fd_paths = pytest.mark.skipif(not os.path.isdir("/dev/fd") or sys.platform == "win32",
                                    reason="needs /dev/fd paths, as a shell's <(...) gives")


def _pipe_path(data: bytes) -> str:
    """A path that reads ``data`` from a pipe once, as ``<(printf ...)`` gives a command."""
    read_end, write_end = os.pipe()
    os.write(write_end, data)  # small: fits in the pipe's buffer
    os.close(write_end)
    return f"/dev/fd/{read_end}"


@needs_fd_paths
def test_a_pipe_path_is_read_once_and_its_turns_are_kept() -> None:
    path = _pipe_path(b"A: You never help.\nB: Whatever.\n")
    try:
        conversation = load_conversation(path)
    finally:
        os.close(int(path.rsplit("/", 1)[1]))
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("A", "You never help."), ("B", "Whatever.")]


@needs_fd_paths
def test_a_jsonl_pipe_path_keeps_every_line() -> None:
    lines = "".join(json.dumps({"conversation_id": f"c{i}", "speaker": "A", "text": f"line {i}"})
                    + "\n" for i in range(3000))  # more than the head read to detect the format
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            with os.fdopen(write_end, "wb") as handle:
                handle.write(lines.encode())
        except BrokenPipeError:
            pass  # the reader stopped early; the assertion below says how

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        ids = [c.id for c in iter_conversations(f"/dev/fd/{read_end}", format="jsonl")]
    finally:
        os.close(read_end)
        writer.join(timeout=10)
    assert ids == [f"c{i}" for i in range(3000)]


@needs_fd_paths
def test_analyze_reads_a_pipe_path_as_it_reads_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    path = _pipe_path(b"A: You never help.\nB: Whatever.\n")
    try:
        code = main(["analyze", path, "--mode", "rules", "--json"])
    finally:
        os.close(int(path.rsplit("/", 1)[1]))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert [t["text"] for t in json.loads(captured.out)["turns"]] == [
        "You never help.", "Whatever."]


BAD_THIRD_LINE = (
    '{"conversation_id": "c1", "speaker": "A", "text": "You never help."}\n'
    '{"conversation_id": "c1", "speaker": "B", "text": "Whatever."}\n'
    '{"conversation_id": "c4", "speaker": "A", "text": 5\n'
)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_names_the_column_of_a_line_that_is_not_json(tmp_path: Path, workers: str) -> None:
    source = tmp_path / "bad2.jsonl"
    source.write_text(BAD_THIRD_LINE, encoding="utf-8")
    out = tmp_path / "b2.jsonl"
    assert main(["batch", str(source), "--out", str(out), "--no-progress",
                 "--workers", workers]) == 0
    errors = [json.loads(line) for line in (tmp_path / "b2.errors.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert errors == [{"id": "c4", "message": f"{source}:3: expected a JSON object per line; "
                       "found invalid JSON at column 52: Expecting ',' delimiter"}]


def test_analyze_and_batch_agree_on_the_column(tmp_path: Path) -> None:
    source = tmp_path / "line3.jsonl"
    source.write_text(BAD_THIRD_LINE.splitlines()[2] + "\r\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="at column 52: Expecting ',' delimiter"):
        load_conversation(source)


def test_a_second_run_through_a_symlink_to_the_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(out.name)
    first = open_sink(out, "jsonl", resume=False)
    try:
        with pytest.raises(InvalidInputError, match="is being written by another mend batch"):
            open_sink(link, "jsonl", resume=True)
    finally:
        first.close(complete=True)
    assert out.read_bytes() == b""  # the refused run wrote nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "link.jsonl", "out.errors.jsonl", "out.jsonl"]  # no lock left behind


def test_a_run_through_a_symlink_keeps_its_errors_beside_the_real_output(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(BAD_THIRD_LINE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(out.name)
    assert main(["batch", str(source), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    assert main(["batch", str(source), "--out", str(link), "--resume", "--no-progress",
                 "--workers", "1"]) == 0
    assert not (tmp_path / "link.errors.jsonl").exists()
    assert [json.loads(line)["id"] for line in (tmp_path / "out.errors.jsonl").read_text(
        encoding="utf-8").splitlines()] == ["c4"]
    assert [json.loads(line)["conversation"]["id"] for line in out.read_text(
        encoding="utf-8").splitlines()] == ["c1"]  # written once


@needs_fd_paths
def test_export_to_a_pipe_reached_through_a_magic_link_is_written(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        write_export(f"/dev/fd/{write_end}", '{"text": "Leave me alone."}\n',
                     home=tmp_path / "home")
        os.close(write_end)
        with os.fdopen(read_end, "rb") as handle:
            assert handle.read() == b'{"text": "Leave me alone."}\n'
    finally:
        for fd in (read_end, write_end):
            with contextlib.suppress(OSError):  # already closed
                os.close(fd)


def _mend(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEND_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "mendkit", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


@needs_fd_paths
def test_correct_export_to_dev_stdout_writes_the_export_to_the_pipe(tmp_path: Path) -> None:
    home = tmp_path / "home"
    saved = _mend("correct", "Leave me alone.", "--label", "rupture.withdrawal", home=home)
    assert saved.returncode == 0, saved.stderr
    done = _mend("correct", "--export", "/dev/stdout", home=home)
    assert (done.returncode, done.stderr) == (0, "")
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {"text": "Leave me alone.", "previous": "", "label": "rupture.withdrawal",
         "present": False}]


def test_export_onto_the_corrections_file_through_stdout_stays_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("MEND_HOME", str(home))
    assert main(["correct", "Leave me alone.", "--label", "rupture.withdrawal"]) == 0
    corrections = home / "corrections.jsonl"
    kept = corrections.read_bytes()
    link = tmp_path / "stdout-like"
    link.symlink_to(corrections)
    assert main(["correct", "--export", str(link)]) == 1
    assert "where it keeps your data" in capsys.readouterr().err
    assert corrections.read_bytes() == kept
