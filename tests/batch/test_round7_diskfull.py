"""``mend batch`` on a full disk: a clear error naming the output, exit 1, and what was finished
kept (so that ``--resume`` continues Parquet and JSON Lines output where it stopped).

The full disk is simulated: every file opened for writing under the "disk" folder shares a byte
budget, and a write past it stores what still fits and then fails with ENOSPC, as a real full
disk does.
"""

from __future__ import annotations

import errno
import json
import os
import pathlib
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from mendkit.cli.main import main

TEXT = "You never listen to me, it is always about you and nothing else. " * 6
IDS = [f"c{n}" for n in range(6)]


def _source(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"conversation_id": cid, "speaker": speaker,
                                        "text": f"{TEXT} {cid} {speaker}"}) + "\n"
                            for cid in IDS for speaker in ("A", "B", "A")), encoding="utf-8")
    return path


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1", "--mode", "rules",
                 "--chunk", "1"])


class _Disk:
    """Files written under ``root`` share ``room`` bytes; past them a write fails with ENOSPC."""

    def __init__(self, root: Path, room: int) -> None:
        self.root = root
        self.room = room


class _FileOnDisk:
    def __init__(self, real: Any, disk: _Disk) -> None:
        self._real = real
        self._disk = disk

    def write(self, data: Any) -> int:
        if len(data) > self._disk.room:
            self._real.write(data[:self._disk.room])
            self._real.flush()
            self._disk.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk.room -= len(data)
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __iter__(self) -> Any:
        return iter(self._real)

    def __enter__(self) -> _FileOnDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _fill(monkeypatch: pytest.MonkeyPatch, root: Path, room: int) -> None:
    disk = _Disk(root, room)
    real_open = pathlib.Path.open

    def open_on_disk(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        if Path(os.path.abspath(self)).is_relative_to(root) and set(mode) & set("wax+"):
            return _FileOnDisk(handle, disk)
        return handle

    monkeypatch.setattr(pathlib.Path, "open", open_on_disk)


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["conversation"]["id"]
            for line in path.read_text(encoding="utf-8").splitlines()]


def test_convokit_output_on_a_full_disk_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "ck"
    _fill(monkeypatch, disk, 3000)  # the run record and a part of the spool's first lines
    assert _batch(str(source), "--out", str(out), "--to", "convokit") == 1
    err = capsys.readouterr().err
    assert err == f"mend: error: {out}: no space left on device\n"
    assert not (out / ".mend-spool.jsonl").exists()  # the space it took is given back


def test_convokit_spool_cut_off_by_a_full_disk_is_never_read_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The spool fills the disk part-way through a line; the corpus is then written (the room
    comes back, as when the spool's space is freed) with the whole conversations only."""
    source = _source(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "ck"
    real_open = pathlib.Path.open

    def spool_fills_the_disk(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        if self.name == ".mend-spool.jsonl" and "w" in mode:
            return _FileOnDisk(handle, _Disk(disk, 9000))
        return handle

    monkeypatch.setattr(pathlib.Path, "open", spool_fills_the_disk)
    assert _batch(str(source), "--out", str(out), "--to", "convokit") == 1
    err = capsys.readouterr().err
    assert err == f"mend: error: {out}: no space left on device\n"
    lines = (out / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    kept = {json.loads(line)["conversation_id"] for line in lines}
    assert kept and kept < set(IDS)
    assert len(lines) == 3 * len(kept)  # every conversation kept is whole


def test_jsonl_output_on_a_full_disk_names_the_file_and_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "o.jsonl"
    with monkeypatch.context() as full:
        _fill(full, disk, 4000)
        assert _batch(str(source), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err == f"mend: error: {out}: no space left on device\n"
    assert out.is_file()  # what was finished is kept for --resume
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert sorted(_ids(out)) == IDS


def test_parquet_output_on_a_full_disk_is_a_clear_error_and_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    out = tmp_path / "pq"
    real_write = pq.write_table
    written: list[object] = []

    def write_until_full(table: Any, where: Any, *args: Any, **kwargs: Any) -> None:
        if len(written) >= 4:  # two parts fit; then pyarrow's own error, as on a real full disk
            raise OSError(errno.ENOSPC, "Error writing bytes to file. Detail: [errno 28] No "
                          "space left on device")
        written.append(where)
        real_write(table, where, *args, **kwargs)

    with monkeypatch.context() as full:
        full.setattr(pq, "write_table", write_until_full)
        assert _batch(str(source), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err == f"mend: error: {out}: no space left on device\n"
    done = [json.loads(line) for line in (out / "_done.jsonl").read_text().splitlines()]
    assert [entry["ids"] for entry in done][:1] == [["c0"]]  # the parts finished are kept
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    ids = pq.read_table(out / "turns").column("conversation_id").to_pylist()
    assert sorted(set(ids)) == IDS and len(ids) == 3 * len(IDS)


def test_a_disk_full_from_the_start_leaves_an_output_a_new_run_takes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "pq"
    with monkeypatch.context() as full:
        _fill(full, disk, 0)
        assert _batch(str(source), "--out", str(out)) == 1
    assert capsys.readouterr().err == f"mend: error: {out}: no space left on device\n"
    assert sorted(path.name for path in out.iterdir()) == []  # no half-written run record
    assert _batch(str(source), "--out", str(out)) == 0
