"""``mend batch``: a resumed run keeps the settings it started with, a worker that dies is told
plainly, split conversations fail whole and once, and options that do not apply are refused."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from mendkit.batch import runner
from mendkit.batch.work import ChunkResult, Task
from mendkit.cli.main import main

THREE = ("You never listen to me.", "That's not fair, I always listen.", "I'm sorry, you're right.")


def _corpus(path: Path, ids: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for cid in ids:
            for j, text in enumerate(THREE):
                handle.write(json.dumps({"conversation_id": cid, "speaker": "AB"[j % 2],
                                         "text": text}) + "\n")
    return path


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _ids(out: Path) -> list[str]:
    return [json.loads(x)["conversation"]["id"]
            for x in out.read_text(encoding="utf-8").splitlines()]


# -- 1: a resumed run continues with the settings it started with -----------------------------

@pytest.mark.parametrize("name", ["mix", "mix.jsonl"])
def test_resume_with_another_mode_is_refused_and_the_output_kept(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / name
    assert _batch(str(source), "--out", str(out), "--mode", "rules") == 0
    before = sorted((p.relative_to(tmp_path), p.read_bytes()) for p in tmp_path.rglob("*")
                    if p.is_file())
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--mode", "full", "--resume") == 1
    err = capsys.readouterr().err
    assert "was written in rules mode" in err and "--mode rules" in err
    assert "Traceback" not in err
    after = sorted((p.relative_to(tmp_path), p.read_bytes()) for p in tmp_path.rglob("*")
                   if p.is_file())
    assert after == before


def test_resume_from_another_input_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _corpus(tmp_path / "c5.jsonl", ["c0", "c1"])
    other = _corpus(tmp_path / "c10.jsonl", ["c0", "c1", "c2"])
    out = tmp_path / "o.jsonl"
    assert _batch(str(first), "--out", str(out)) == 0
    capsys.readouterr()
    assert _batch(str(other), "--out", str(out), "--resume") == 1
    err = capsys.readouterr().err
    assert "c5.jsonl" in err and "c10.jsonl" in err
    assert _ids(out) == ["c0", "c1"]


def test_resume_with_another_region_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o"
    assert _batch(str(source), "--out", str(out), "--region", "US") == 0
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--region", "UK", "--resume") == 1
    assert "--region US" in capsys.readouterr().err


def test_the_mode_is_recorded_in_the_parquet_output(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o"
    assert _batch(str(source), "--out", str(out)) == 0
    metadata = pq.read_schema(next((out / "turns").glob("*.parquet"))).metadata
    assert metadata[b"mend_mode"] == b"rules"
    record = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert record["mode"] == "rules" and record["input"]["path"] == str(source.resolve())


def test_the_settings_are_recorded_for_convokit_output(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "ck"
    assert _batch(str(source), "--out", str(out), "--to", "convokit") == 0
    record = json.loads((out / "mend-run.json").read_text(encoding="utf-8"))
    assert record["mode"] == "rules" and record["format"] == "convokit"


def test_an_output_without_a_record_resumes_as_before(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / "o"
    assert _batch(str(source), "--out", str(out), "--chunk", "1") == 0
    (out / "_run.json").unlink()  # as an earlier version of Mend left it
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert pq.read_table(out / "turns").num_rows == 6


def test_the_same_settings_resume(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert _ids(out) == ["c0", "c1"]


# -- 2: a worker that dies --------------------------------------------------------------------

def _die(task: Task) -> ChunkResult:
    """In a worker: what the kernel's out-of-memory killer does to it."""
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def test_a_worker_killed_is_a_plain_error_that_says_resume(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(runner, "run_chunk", _die)
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    code = main(["batch", str(source), "--out", str(tmp_path / "o"), "--no-progress",
                 "--workers", "2"])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 1
    assert "internal error" not in err and "bug" not in err
    assert "a worker process was killed" in err and "--resume" in err
    assert "c0" in err


class _ReapedElsewhere:
    """A worker the pool's own thread reaped a moment before Mend looked at it (seen on CI)."""

    def __init__(self, code: int, reads_before: int) -> None:
        self.code, self.reads_before = code, reads_before

    def join(self, timeout: float | None = None) -> None:
        return None

    @property
    def exitcode(self) -> int | None:
        self.reads_before -= 1
        return None if self.reads_before >= 0 else self.code


def test_a_worker_reaped_by_the_pool_first_is_still_told_as_killed() -> None:
    workers = [_ReapedElsewhere(-9, 3), _ReapedElsewhere(-15, 0)]
    said = runner._died(workers, "c0", "c1")  # type: ignore[arg-type]
    assert said.startswith("a worker process was killed (signal 9; out of memory?)")


# -- 4: rows of one conversation that are not together -----------------------------------------

@pytest.mark.parametrize("name", ["o.jsonl", "o"])
def test_a_split_conversation_fails_whole_and_is_counted_once(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "aba.jsonl"
    rows = [("a", "A", "You never listen to me."), ("a", "B", "That is not fair."),
            ("b", "A", "hello"), ("a", "A", "I am sorry, you are right.")]
    source.write_text("".join(json.dumps({"conversation_id": c, "speaker": s, "text": t}) + "\n"
                              for c, s, t in rows), encoding="utf-8")
    out = tmp_path / name
    assert _batch(str(source), "--out", str(out)) == 0
    summary = " ".join(capsys.readouterr().err.split())
    if name.endswith(".jsonl"):
        assert _ids(out) == ["b"]
        errors = tmp_path / "o.errors.jsonl"
    else:
        assert pq.read_table(out / "turns").column("conversation_id").to_pylist() == ["b"]
        errors = out / "errors.jsonl"
    (error,) = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "a"
    assert f"{source}:1:" in error["message"] and "line 4" in error["message"]
    assert summary.startswith("1 conversation (1 turn") and "1 error" in summary


def test_a_split_parquet_conversation_fails_whole(tmp_path: Path) -> None:
    import pyarrow as pa

    source = tmp_path / "aba.parquet"
    pq.write_table(pa.table({"conversation_id": ["a", "a", "b", "a"],
                             "speaker": ["A", "B", "A", "A"],
                             "text": ["You never listen.", "Not fair.", "hello", "Sorry."]}),
                   source)
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    assert _ids(out) == ["b"]
    (error,) = [json.loads(x) for x in
                (tmp_path / "o.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["id"] == "a" and "row 4" in error["message"]


# -- 5: the encoding of transcripts -------------------------------------------------------------

def test_transcripts_in_another_encoding_are_read_with_encoding(tmp_path: Path) -> None:
    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "latin.txt").write_bytes(b"A: caf\xe9\nB: ok\n")
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "--out", str(out), "--encoding", "cp1252") == 0
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["turns"][0]["text"] == "café"


# -- 7: --workers with a Dask cluster -----------------------------------------------------------

@pytest.mark.parametrize("dask", [["--dask-local", "2"], ["--scheduler", "tcp://127.0.0.1:1"]])
def test_workers_with_dask_is_refused(
        tmp_path: Path, dask: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    code = main(["batch", str(source), "--out", str(tmp_path / "o"), "--no-progress",
                 "--workers", "1", *dask])
    assert code == 1
    assert "--workers" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
