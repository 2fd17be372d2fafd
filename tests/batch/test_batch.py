"""``mend batch``: inputs, outputs, errors that do not stop the run, resume, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import mendkit
from mendkit.batch import BatchSettings, run_batch, work
from mendkit.batch.inputs import Lines, Span, read_units, realise
from mendkit.cli.main import main

LINES = ["You never listen to me.", "Fine.", "I'm sorry, that was unfair of me.",
         "Thanks for saying that.", "Can we talk tonight?", "Whatever.", "Sorry, running late!",
         "I feel lonely when plans change last minute.", "That makes sense.", "ok",
         "Some nights I think everyone would be better off without me."]


def _corpus(path: Path, conversations: int = 60, turns: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for c in range(conversations):
            for t in range(turns):
                text = LINES[(c * 3 + t * 7) % len(LINES)]
                handle.write(json.dumps({"conversation_id": f"c{c:03d}", "speaker": "AB"[t % 2],
                                         "text": text, "start": float(t * 5)}) + "\n")
    return path


def _table(out: Path, name: str = "turns") -> pa.Table:
    return pq.read_table(out / name)


def _files(out: Path) -> dict[str, bytes]:
    """Every file of an output folder, by its path inside it."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_jsonl_to_parquet_matches_the_engine_turn_for_turn(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=5)
    report = run_batch(source, tmp_path / "out", BatchSettings(chunk=2))
    assert (report.conversations, report.turns, report.errors) == (5, 35, 0)
    rows = _table(tmp_path / "out").to_pylist()
    conversation = next(iter(mendkit.io.iter_conversations(source)))
    expected = mendkit.analyze(conversation, mode="rules")
    first = [r for r in rows if r["conversation_id"] == "c000"]
    assert [r["labels"] for r in first] == [list(t.labels) for t in expected.turns]
    assert [r["start"] for r in first] == [t.start for t in conversation.turns]
    assert [len(r["evidence"]) for r in first] == [len(t.evidence) for t in expected.turns]
    crisis = [r for r in rows if "risk.crisis" in r["labels"]]
    assert crisis, "the corpus has a crisis line; batch must flag it as analyze does"
    episodes = _table(tmp_path / "out", "episodes").to_pylist()
    assert [e["status"] for e in episodes if e["conversation_id"] == "c000"] == [
        e.status for e in expected.episodes]


def test_bad_conversations_are_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"conversation_id": "good-1", "speaker": "A", "text": "You never help."}),
        json.dumps({"conversation_id": "bad-1", "speaker": "A"}),
        json.dumps({"conversation_id": "bad-1", "speaker": "B", "text": "Fine."}),
        json.dumps({"conversation_id": "bad-2", "speaker": "B", "text": "Fine."}),
        '{"conversation_id": "bad-2", "speaker": oops}',
        json.dumps({"conversation_id": "good-2", "speaker": "A", "text": "Thank you."}),
        json.dumps({"conversation_id": "good-1", "speaker": "B", "text": "again?"}),
    ]) + "\n", encoding="utf-8")
    report = run_batch(source, tmp_path / "out", BatchSettings())
    assert report.conversations == 1 and report.errors == 3  # good-1 is split: failed whole
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    by_id = {e["id"]: e["message"] for e in errors}
    assert set(by_id) == {"bad-1", "bad-2", "good-1"}
    assert f"{source}:2" in by_id["bad-1"] and "text" in by_id["bad-1"]
    assert f"{source}:5" in by_id["bad-2"] and "invalid JSON" in by_id["bad-2"]
    assert "not together" in by_id["good-1"] and f"{source}:1" in by_id["good-1"]
    assert "line 7" in by_id["good-1"]
    assert sorted(set(_table(tmp_path / "out")["conversation_id"].to_pylist())) == ["good-2"]


def test_one_process_and_two_give_identical_files(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl")
    with source.open("a", encoding="utf-8") as handle:  # an error in the middle of the parts
        handle.write(json.dumps({"conversation_id": "broken", "speaker": "A"}) + "\n")
        handle.write(json.dumps({"conversation_id": "last", "speaker": "A", "text": "ok"}) + "\n")
    run_batch(source, tmp_path / "one", BatchSettings(workers=1, chunk=4))
    run_batch(source, tmp_path / "two", BatchSettings(workers=2, chunk=4))
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len([name for name in one if name.startswith("turns/")]) == 16
    assert "errors.jsonl" in one and "_done.jsonl" in one
    assert not [name for name in one if name.startswith(".mend")], "the run's marker is removed"
    assert one == two
    # The default chunks (by turns) give the same table as chunks of 4 conversations.
    run_batch(source, tmp_path / "default", BatchSettings(workers=2))
    assert _table(tmp_path / "default").equals(_table(tmp_path / "one"))


def test_parts_come_back_as_bytes_from_a_worker_that_cannot_see_the_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=20)
    run_batch(source, tmp_path / "local", BatchSettings(chunk=4))
    monkeypatch.setattr(work, "_can_write", lambda task: False)
    run_batch(source, tmp_path / "remote", BatchSettings(chunk=4))
    assert _files(tmp_path / "local") == _files(tmp_path / "remote")


def test_a_worker_that_writes_its_part_returns_only_a_small_manifest(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=8)
    units = tuple(read_units(source))
    assert all(isinstance(unit, Lines) for unit in units)
    out = tmp_path / "out"
    for folder in ("turns", "episodes"):
        (out / folder).mkdir(parents=True)
    (out / ".mend-run-test").touch()
    task = work.Task(index=3, units=units, mode="rules", region="US", out_format="parquet",
                     out=str(out), marker=".mend-run-test")
    result = work.run_chunk(task)
    assert (result.part, result.ids, result.turns) == ("part-00003", tuple(
        f"c{c:03d}" for c in range(8)), 56)
    assert result.data == b"" and result.files == ()
    assert pq.read_table(out / "turns" / "part-00003.parquet").num_rows == 56
    elsewhere = work.run_chunk(work.Task(index=3, units=units, mode="rules", region="US",
                                         out_format="parquet", out=str(tmp_path / "nowhere"),
                                         marker=".mend-run-test"))
    assert dict(elsewhere.files)["turns/part-00003.parquet"] == (
        out / "turns" / "part-00003.parquet").read_bytes()


def test_lines_are_grouped_as_the_jsonl_reader_groups_them(tmp_path: Path) -> None:
    """The driver reads a line's id without decoding it only when that cannot go wrong."""
    source = tmp_path / "in.jsonl"
    lines = [
        '{"conversation_id": "a", "speaker": "A", "text": "You never listen."}',
        '{"speaker": "B", "conversation_id": "a", "text": "Fine."}',  # id not first
        '{"conversation_id": "caf\\u00e9", "speaker": "A", "text": "escaped id"}',
        '{"conversation_id": "café", "speaker": "B", "text": "the same id, plain"}',
        # a nested conversation_id first: the line's own id is the later, top-level one
        '{"meta": {"conversation_id": "zzz"}, "conversation_id": "b", "speaker": "A", '
        '"text": "one"}',
        '{"conversation_id": "b", "speaker": "B", "text": "\\"conversation_id\\": \\"x\\""}',
        '{"conversation_id": 7, "speaker": "A", "text": "a number for an id"}',
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_batch(source, tmp_path / "out.jsonl", BatchSettings(out_format="jsonl"))
    assert report.errors == 0
    got = [(d["conversation"]["id"], [t["text"] for t in d["turns"]]) for d in
           map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())]
    expected = [(c.id, [t.text for t in c.turns]) for c in mendkit.io.iter_conversations(source)]
    assert got == expected
    assert [cid for cid, _ in got] == ["a", "café", "b", "7"]


def test_spans_read_by_the_worker_give_what_the_lines_give(tmp_path: Path) -> None:
    """Local workers get where a conversation's lines are, not the lines: the same conversations
    and the same errors (line numbers included) come out, with a BOM, CRLF and blank lines."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join([
        b'{"conversation_id": "a", "speaker": "A", "text": "You never listen."}',
        b"",
        b'{"conversation_id": "a", "speaker": "B", "text": "Fine."}',
        b'{"conversation_id": "b", "speaker": "A", "text": "caf\xe9"}',
        b'{"turns": [{"speaker": "A", "text": "a whole one"}], "id": "doc"}',
        b'{"conversation_id": "c", "speaker": "A", "text": "one"}',
        b"   ",
        b'{"conversation_id": "c", "speaker": oops}',
        b'{"conversation_id": "d", "speaker": "A", "text": "I\\u2019m sorry."}',
    ]) + b"\r\n")
    lines, spans = list(read_units(source)), list(read_units(source, spans=True))
    assert any(isinstance(u, Span) for u in spans) and not any(isinstance(u, Span) for u in lines)
    assert [realise(u) for u in spans] == [realise(u) for u in lines]
    errors = {item.id: item.error for item in map(realise, spans) if item.error}
    assert set(errors) == {"b", "c"}
    assert f"{source}:4" in str(errors["b"]) and f"{source}:8" in str(errors["c"])


def test_a_file_changed_under_a_running_batch_is_an_error_not_a_misread(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=2)
    first = next(iter(read_units(source, spans=True)))
    with source.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"conversation_id": "late", "speaker": "A", "text": "hi"}) + "\n")
    item = realise(first)
    assert item.conversation is None and "changed" in str(item.error)


def test_a_line_that_is_not_utf8_fails_its_conversation_only(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"conversation_id": "a", "speaker": "A", "text": "caf\xe9"}\n'
                       b'{"conversation_id": "b", "speaker": "A", "text": "fine"}\n')
    report = run_batch(source, tmp_path / "out", BatchSettings())
    assert (report.conversations, report.errors) == (1, 1)
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert error["id"] == "a" and f"{source}:1" in error["message"] and "UTF-8" in error["message"]


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_output(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=30)
    run_batch(source, tmp_path / "one", BatchSettings(chunk=4))
    run_batch(source, tmp_path / "dask", BatchSettings(dask_local=2, chunk=4))
    assert _files(tmp_path / "one") == _files(tmp_path / "dask")
    run_batch(source, tmp_path / "one.jsonl", BatchSettings(chunk=4, out_format="jsonl"))
    run_batch(source, tmp_path / "dask.jsonl", BatchSettings(dask_local=2, chunk=4,
                                                             out_format="jsonl"))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()


def test_resume_after_a_kill_gives_the_same_table(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl")
    full = tmp_path / "full"
    run_batch(source, full, BatchSettings())
    partial = tmp_path / "partial"
    run_batch(source, partial, BatchSettings(chunk=4, workers=2))
    # A kill after the workers wrote part 7 but before the driver registered it, while a
    # worker was half-way through the next one; the run's marker file is left behind.
    manifest = (partial / "_done.jsonl").read_text().splitlines()[:8]
    for folder in ("turns", "episodes"):
        for part in (partial / folder).glob("part-*.parquet"):
            if int(part.stem.removeprefix("part-")) >= len(manifest):
                part.unlink()
    (partial / "_done.jsonl").write_text("\n".join(manifest[:-1]) + "\n")
    (partial / "turns" / f"part-{len(manifest):05d}.parquet").write_bytes(b"PAR1 half a file")
    (partial / ".mend-run-0123456789abcdef").touch()
    with pytest.raises(mendkit.InvalidInputError, match="--resume"):
        run_batch(source, partial, BatchSettings())
    report = run_batch(source, partial, BatchSettings(resume=True, chunk=4, workers=2))
    assert report.skipped == sum(len(json.loads(x)["ids"]) for x in manifest[:-1])
    assert report.conversations == 60 - report.skipped
    assert _table(full).equals(_table(partial))
    assert _table(full, "episodes").equals(_table(partial, "episodes"))
    assert not list(partial.glob(".mend-run-*"))


def test_jsonl_output_resumes_past_a_cut_line(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=12)
    full, cut = tmp_path / "full.jsonl", tmp_path / "cut.jsonl"
    run_batch(source, full, BatchSettings(out_format="jsonl"))
    lines = full.read_bytes().splitlines(keepends=True)
    cut.write_bytes(b"".join(lines[:5]) + lines[5][:40])
    report = run_batch(source, cut, BatchSettings(out_format="jsonl", resume=True))
    assert report.skipped == 5 and report.conversations == 7
    assert cut.read_bytes() == full.read_bytes()


def test_parquet_and_folder_inputs(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=6)
    rows = [json.loads(x) for x in source.read_text().splitlines()]
    (tmp_path / "pq").mkdir()
    pq.write_table(pa.Table.from_pylist(rows[:21]), tmp_path / "pq" / "a.parquet")
    pq.write_table(pa.Table.from_pylist(rows[21:]), tmp_path / "pq" / "b.parquet")
    run_batch(source, tmp_path / "from-jsonl", BatchSettings())
    run_batch(tmp_path / "pq", tmp_path / "from-parquet", BatchSettings())
    assert _table(tmp_path / "from-jsonl").equals(_table(tmp_path / "from-parquet"))
    transcripts = tmp_path / "transcripts"
    (transcripts / "week1").mkdir(parents=True)
    (transcripts / "week1" / "mon.txt").write_text("Ana: You never call.\nBen: Fine.\n")
    (transcripts / "tue.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Sorry.\n")
    (transcripts / "broken.csv").write_bytes(b"\x00\x01\x02binary")
    report = run_batch(transcripts, tmp_path / "t.jsonl", BatchSettings(out_format="jsonl"))
    assert (report.conversations, report.errors) == (2, 1)
    ids = [json.loads(x)["conversation"]["id"]
           for x in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert ids == ["tue", "mon"]  # the ids mend analyze gives these files
    error = json.loads((tmp_path / "t.errors.jsonl").read_text())
    assert error["id"] == "broken" and "broken.csv" in error["message"]  # as a row's id


def test_convokit_round_trip_carries_the_labels(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "in.jsonl", conversations=3)
    run_batch(source, tmp_path / "corpus", BatchSettings(out_format="convokit"))
    utterances = [json.loads(x) for x in
                  (tmp_path / "corpus" / "utterances.jsonl").read_text().splitlines()]
    assert len(utterances) == 21
    direct = mendkit.analyze(next(iter(mendkit.io.iter_conversations(source))), mode="rules")
    assert [u["meta"]["mend_labels"] for u in utterances[:7]] == [list(t.labels)
                                                                 for t in direct.turns]
    # The corpus reads back as input: the same conversations, the same results.
    run_batch(tmp_path / "corpus", tmp_path / "again", BatchSettings())
    run_batch(source, tmp_path / "first", BatchSettings())
    assert (_table(tmp_path / "again")["labels"].to_pylist()
            == _table(tmp_path / "first")["labels"].to_pylist())


def test_cli_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")]) == 1
    assert "no such file" in capsys.readouterr().err
    source = _corpus(tmp_path / "in.jsonl", conversations=2)
    assert main(["batch", str(source), "--out", str(tmp_path / "o"), "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["batch", str(source), "--out", str(tmp_path / "o"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "--resume" in err and "Traceback" not in err
    shutil.rmtree(tmp_path / "o")
    assert main(["batch", str(source), "--out", str(tmp_path / "o"), "--to", "convokit",
                 "--resume"]) == 1


def test_at_most_two_chunks_per_worker_are_in_flight(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory is bounded: the driver never reads far ahead of the workers, and lets go of each
    chunk's handle (a Dask future, say) once the chunk is registered."""
    from contextlib import contextmanager

    from mendkit.batch import runner

    class Recording:
        slots = 3

        def __init__(self) -> None:
            self.pending: dict[int, work.Task] = {}
            self.most = 0

        def submit(self, task: work.Task) -> int:
            self.pending[task.index] = task
            self.most = max(self.most, len(self.pending))
            return task.index

        def result(self, handle: int) -> work.ChunkResult:
            return work.run_chunk(self.pending.pop(handle))

    recording = Recording()

    @contextmanager
    def fake(settings: BatchSettings):  # type: ignore[no-untyped-def]
        yield recording, "recording"

    monkeypatch.setattr(runner, "_executor", fake)
    source = _corpus(tmp_path / "in.jsonl", conversations=40)
    report = run_batch(source, tmp_path / "out", BatchSettings(chunk=2))
    assert report.conversations == 40
    assert recording.most == 2 * Recording.slots and not recording.pending
    assert _table(tmp_path / "out").num_rows == 280


@pytest.mark.slow
def test_dask_keeps_no_old_task_messages_and_local_workers_skip_the_profiler() -> None:
    """Each task message carries a chunk's records; Dask's comms would keep the last thousand. And
    Dask's servers wake up rarely to watch themselves (see ``runner._DASK_CONFIG``)."""
    import dask
    from distributed.batched import BatchedSend

    from mendkit.batch import runner

    before = dask.config.get("distributed.admin.low-level-log-length")
    with runner._dask_client(BatchSettings(dask_local=1)) as client:
        assert dask.config.get("distributed.admin.low-level-log-length") == 16
        sends = [c for c in vars(client).values() if isinstance(c, BatchedSend)]
        assert sends and all(s.recent_message_log.maxlen <= 16 for s in sends)
        seen = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                                   dask.config.get("distributed.admin.low-level-log-length"),
                                   dask.config.get("distributed.admin.tick.interval"),
                                   dask.config.get("distributed.admin.system-monitor.interval"),
                                   dask.config.get("distributed.worker.memory.monitor-interval")))
        assert list(seen.values()) == [(False, 16, "1s", "5s", "1s")]
        assert client.run_on_scheduler(
            lambda dask_scheduler: "amm" not in dask_scheduler.extensions
            or not dask_scheduler.extensions["amm"].running)
    assert dask.config.get("distributed.admin.low-level-log-length") == before  # restored
