"""``mend batch`` at its edges: outputs it must not touch, ids that must stay unique, bad options."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mendkit.batch import BatchSettings, run_batch, runner
from mendkit.batch.sinks import open_sink
from mendkit.cli.main import main
from mendkit.errors import InvalidInputError


def _turns(path: Path, rows: list[tuple[object, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"conversation_id": cid, "speaker": speaker, "text": text})
                            + "\n" for cid, speaker, text in rows), encoding="utf-8")
    return path


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["conversation"]["id"]
            for line in path.read_text(encoding="utf-8").splitlines()]


def _errors(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


SMALL = [("c1", "A", "You never listen."), ("c1", "B", "Fine."), ("c2", "A", "Sorry.")]


# -- 1: never shorten a file Mend did not write -----------------------------------------------

def test_resume_into_the_input_itself_is_refused_and_the_input_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "self.jsonl", SMALL)
    before = source.read_bytes()
    assert _batch(str(source), "--out", str(source), "--resume") == 1
    assert "is the input" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_resume_into_a_jsonl_file_mend_did_not_write_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"conversation_id": "x", "speaker": "A", "text": "precious data"}\n',
                     encoding="utf-8")
    before = notes.read_bytes()
    assert _batch(str(source), "--out", str(notes), "--resume") == 1
    err = capsys.readouterr().err
    assert "notes.jsonl:1:" in err and "not the output of mend batch" in err
    assert notes.read_bytes() == before


def test_resume_still_cuts_a_line_a_kill_left_unfinished(tmp_path: Path) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    whole = out.read_bytes()
    out.write_bytes(whole[:-40])  # the second line torn
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert out.read_bytes() == whole


# -- 2: one run at a time into an output ------------------------------------------------------

@pytest.mark.parametrize("name", ["o.jsonl", "o"])
def test_a_second_run_into_an_output_being_written_is_refused(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    out = tmp_path / name
    fmt = "jsonl" if name.endswith(".jsonl") else "parquet"
    first = open_sink(out, fmt, resume=False)  # a run in progress
    try:
        assert _batch(str(source), "--out", str(out), "--resume") == 1
        assert f"being written by another mend batch (pid {os.getpid()})" in (
            capsys.readouterr().err)
    finally:
        first.close(complete=True)
    assert _batch(str(source), "--out", str(out), "--resume") == 0  # free again
    assert not [p.name for p in tmp_path.rglob("*lock*")]


# -- 3: a ConvoKit corpus with a bad line -----------------------------------------------------

def test_a_bad_line_of_a_convokit_corpus_fails_its_conversation_only(tmp_path: Path) -> None:
    corpus = tmp_path / "ck"
    corpus.mkdir()
    (corpus / "utterances.jsonl").write_text(
        '{"id": "u1", "speaker": "alice", "conversation_id": "u1", "reply_to": null, '
        '"timestamp": 1, "text": "You never listen to me.", "meta": {}}\n'
        '{"id": "u2", "speaker": "bob", "conversation_id": "u1", "reply_to": "u1", '
        '"timestamp": 2, "text": "Fine.", "meta": {}}\n'
        '{"id": "v1", "speaker": "carol", "conversation_id": "v1", "reply_to": null, '
        '"timestamp": 5, "text": "Whatever.", "meta": {}}\n'
        '{"id": "v2", "speaker": "dan", "conversation_id": "v1", "reply_to": "v1", '
        '"timestamp": 6, "text": broken\n'
        '{"id": "w1", "speaker": "erin", "conversation_id": "w1", "reply_to": null, '
        '"timestamp": 7, "text": "I feel sad.", "meta": {}}\n'
        '{"id": "u3", "speaker": "alice", "conversation_id": "u1", "text": "again"}\n',
        encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert _batch(str(corpus), "--out", str(out)) == 0
    assert _ids(out) == ["w1"]  # u1's utterances are not together: it fails whole, once
    errors = _errors(tmp_path / "o.errors.jsonl")
    assert [e["id"] for e in errors] == ["u1", "v1"]
    assert "utterances.jsonl:1:" in errors[0]["message"] and "line 6" in errors[0]["message"]
    assert "utterances.jsonl:4:" in errors[1]["message"]


# -- 4: ids unique in the output --------------------------------------------------------------

def test_a_parquet_folder_joins_a_conversation_split_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    folder.mkdir()
    pq.write_table(pa.table({"conversation_id": ["a", "a", "b", "b"], "speaker": ["X", "Y"] * 2,
                             "text": ["You never listen.", "Fine.", "hi", "ok"]}),
                   folder / "part-0.parquet")
    pq.write_table(pa.table({"conversation_id": ["b", "b", "c"], "speaker": ["X", "Y", "X"],
                             "text": ["more b", "ok", "c1"]}), folder / "part-1.parquet")
    pq.write_table(pa.table({"conversation_id": ["a", None], "speaker": ["X", "Y"],
                             "text": ["a again", "no id"]}), folder / "part-2.parquet")
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["conversation"]["id"], [t["text"] for t in d["turns"]]) for d in lines] == [
        ("b", ["hi", "ok", "more b", "ok"]), ("c", ["c1"])]
    errors = _errors(tmp_path / "o.errors.jsonl")
    assert "part-0.parquet:1: rows of conversation 'a' are not together" in errors[0]["message"]
    assert f"row 1 of {folder / 'part-2.parquet'}" in errors[0]["message"]
    assert "part-2.parquet:2:" in errors[1]["message"]
    assert "conversation_id" in errors[1]["message"]
    assert len(errors) == 2


def test_a_whole_conversation_line_may_not_reuse_an_id(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(
        '{"id": "d1", "turns": [{"speaker": "A", "text": "hi"}]}\n'
        '{"conversation_id": "d1", "speaker": "A", "text": "turn line with same id"}\n'
        '{"id": "d1", "turns": [{"speaker": "B", "text": "again"}]}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    assert _ids(out) == []  # d1 fails whole, once
    (message,) = [e["message"] for e in _errors(tmp_path / "o.errors.jsonl")]
    assert message.startswith(f"{source}:1: conversation id 'd1' appears twice")
    assert "line 2" in message and "sort" not in message


# -- 6: an output Mend cannot write -----------------------------------------------------------

@pytest.mark.parametrize("name", ["x.jsonl", "x"])
def test_an_output_under_a_file_is_a_clear_error(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    blocker = tmp_path / "afile.txt"
    blocker.write_text("A: hi\n", encoding="utf-8")
    assert _batch(str(source), "--out", str(blocker / name)) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {blocker}: is a file, not a folder" in err
    assert "internal error" not in err


def test_an_output_that_cannot_be_written_is_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    out = tmp_path / "ro" / "x.jsonl"

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system", str(out))

    monkeypatch.setattr("mendkit.batch.sinks.JsonlSink", read_only)
    assert _batch(str(source), "--out", str(out)) == 1
    assert f"mend: error: {out}: cannot write here: read-only file system" in (
        capsys.readouterr().err)


# -- 7: --scheduler ---------------------------------------------------------------------------

def test_a_malformed_scheduler_address_is_refused_before_any_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    out = tmp_path / "bs.jsonl"
    assert _batch(str(source), "--out", str(out), "--scheduler", "garbage") == 1
    assert ("--scheduler expects an address such as tcp://10.0.0.5:8786, got 'garbage'"
            in capsys.readouterr().err)
    assert not out.exists() and not (tmp_path / "bs.errors.jsonl").exists()


@pytest.mark.parametrize("name", ["o.jsonl", "o"])
def test_an_executor_that_cannot_start_leaves_no_output(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)

    def unreachable(settings: BatchSettings) -> None:
        raise InvalidInputError("cannot reach the Dask scheduler at tcp://127.0.0.1:1")

    monkeypatch.setattr(runner, "_executor", unreachable)
    with pytest.raises(InvalidInputError, match="cannot reach"):
        run_batch(source, tmp_path / name, BatchSettings(scheduler="tcp://127.0.0.1:1"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# -- 9: resume and the errors an input still has ----------------------------------------------

def test_resume_reports_rows_that_are_still_not_together(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "split.jsonl", [("c1", "A", "You never listen."),
                                              ("c2", "A", "hi"), ("c1", "A", "back again")])
    out = tmp_path / "r1.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    first = (tmp_path / "r1.errors.jsonl").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert (tmp_path / "r1.errors.jsonl").read_text(encoding="utf-8") == first
    summary = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "1 error (see" in summary and "; 1 already done" in summary


# -- 11: null and empty ids -------------------------------------------------------------------

def test_a_null_id_takes_the_files_default_and_an_empty_one_is_an_error(tmp_path: Path) -> None:
    source = _turns(tmp_path / "nullid.jsonl", [(None, "A", "null id"), ("", "A", "empty id")])
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    assert _ids(out) == ["nullid"]
    (error,) = _errors(tmp_path / "o.errors.jsonl")
    assert error["message"].startswith(f"{source}:2: expected a non-empty conversation_id")


# -- 12: what a transcript folder holds -------------------------------------------------------

def test_hidden_folders_and_the_runs_own_output_are_not_transcripts(tmp_path: Path) -> None:
    folder = tmp_path / "f2"
    (folder / ".git").mkdir(parents=True)
    (folder / "a.txt").write_text("Alice: You never listen to me.\nBob: Fine.\n",
                                  encoding="utf-8")
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    out = folder / "results.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    assert _batch(str(folder), "--out", str(out), "--resume") == 0
    assert _ids(out) == ["a"]
    assert (folder / "results.errors.jsonl").read_text(encoding="utf-8") == ""


# -- 13: a torn manifest line -----------------------------------------------------------------

def test_a_torn_manifest_line_is_cut_before_a_resume_appends(tmp_path: Path) -> None:
    source = _turns(tmp_path / "in.jsonl", [(f"c{i}", "A", "Fine.") for i in range(4)])
    out = tmp_path / "o"
    run_batch(source, out, BatchSettings(chunk=2))
    manifest = out / "_done.jsonl"
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[:-10])
    report = run_batch(source, out, BatchSettings(chunk=2, resume=True))
    assert (report.conversations, report.skipped) == (2, 2)
    assert manifest.read_bytes() == whole
    report = run_batch(source, out, BatchSettings(chunk=2, resume=True))
    assert (report.conversations, report.skipped) == (0, 4)


# -- 14: counts of workers --------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--workers", "--dask-local"])
def test_zero_workers_is_refused(tmp_path: Path, option: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = _turns(tmp_path / "in.jsonl", SMALL)
    assert main(["batch", str(source), "--out", str(tmp_path / "o.jsonl"), option, "0",
                 "--no-progress"]) == 1
    assert f"{option} must be at least 1, got 0" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


# -- 10: workers do not outlive their driver --------------------------------------------------

DRIVER = """
import os, sys, time
from mendkit.batch import BatchSettings, runner
with runner._executor(BatchSettings(workers=2)) as (executor, _):
    pids = {executor.pool.submit(os.getpid).result() for _ in range(4)}
    print(" ".join(map(str, pids)), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) is gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_exit_when_their_driver_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    with subprocess.Popen([sys.executable, "-c", DRIVER], stdout=subprocess.PIPE,
                          text=True) as driver:
        try:
            assert driver.stdout is not None
            workers = [int(x) for x in driver.stdout.readline().split()]
            assert workers and all(_alive(pid) for pid in workers)
        finally:
            driver.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
