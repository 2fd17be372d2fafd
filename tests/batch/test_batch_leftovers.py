"""``mend batch`` leftovers: Slack exports, timestamps, numbers too long to read, field names in
messages, the resume summary."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mendkit.cli.main import main


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _analyses(out: Path) -> dict[str, dict[str, object]]:
    return {(d := json.loads(line))["conversation"]["id"]: d
            for line in out.read_text(encoding="utf-8").splitlines()}


def _errors(out: Path) -> list[dict[str, str]]:
    errors = out.with_name(out.stem + ".errors.jsonl")
    return [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]


def _slack_export(root: Path) -> Path:
    messages = [{"type": "message", "user": "U1", "text": "You never listen to me.",
                 "ts": "1764252000.000100"},
                {"type": "message", "user": "U2", "text": "I'm sorry, that was my fault.",
                 "ts": "1764252600.000100"}]
    for channel in ("general", "random"):
        (root / channel).mkdir(parents=True)
        for n, day in enumerate(("2026-11-27", "2026-11-28")):
            day_messages = [{**m, "ts": f"{float(m['ts']) + n * 86400:.6f}"} for m in messages]
            (root / channel / f"{day}.json").write_text(json.dumps(day_messages), encoding="utf-8")
    (root / "users.json").write_text(json.dumps([{"id": "U1", "name": "ana"},
                                                 {"id": "U2", "name": "ben"}]), encoding="utf-8")
    (root / "channels.json").write_text(json.dumps([{"name": "random"}, {"name": "general"}]),
                                        encoding="utf-8")
    return root


# -- 1: a Slack export is one conversation a channel, as `mend analyze` reads it ------------------

def test_batch_reads_a_slack_export_one_conversation_a_channel(tmp_path: Path) -> None:
    export = _slack_export(tmp_path / "sx")
    out = tmp_path / "out.jsonl"
    assert _batch(str(export), "--out", str(out)) == 0
    analyses = _analyses(out)
    assert list(analyses) == ["random", "general"]  # channels.json's order
    turns = analyses["general"]["turns"]
    assert isinstance(turns, list)
    assert [t["speaker"] for t in turns] == ["ana", "ben", "ana", "ben"]  # users.json's names
    assert not (tmp_path / "out.errors.jsonl").exists() or _errors(out) == []


def test_batch_reads_one_slack_channel_folder(tmp_path: Path) -> None:
    export = _slack_export(tmp_path / "sx")
    out = tmp_path / "out.jsonl"
    assert _batch(str(export / "general"), "--out", str(out)) == 0
    assert list(_analyses(out)) == ["general"]


# -- 2: timestamps give each turn its start, as in `mend analyze` --------------------------------

TIMED = [("You never listen to me.", 1764252000), ("I'm sorry, that was my fault.", 1764252600),
         ("Thank you, I appreciate it.", 1764253000)]


def test_batch_jsonl_timestamps_give_seconds_to_repair(tmp_path: Path) -> None:
    source = tmp_path / "ts.jsonl"
    source.write_text("".join(json.dumps({"conversation_id": "c", "speaker": "AB"[i % 2],
                                          "text": text, "timestamp": ts}) + "\n"
                              for i, (text, ts) in enumerate(TIMED)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    episodes = _analyses(out)["c"]["episodes"]
    assert isinstance(episodes, list)
    assert episodes[0]["seconds_to_repair"] == 600.0


@pytest.mark.parametrize("native", [False, True])
def test_batch_parquet_timestamps_give_seconds_to_repair(tmp_path: Path, native: bool) -> None:
    source = tmp_path / "ts.parquet"
    times = [datetime(2025, 11, 27, 14, m, tzinfo=UTC) for m in (0, 10, 20)]
    column = (pa.array(times, pa.timestamp("us", tz="UTC")) if native
              else [t.isoformat() for t in times])
    pq.write_table(pa.table({"conversation_id": ["c"] * 3, "speaker": ["A", "B", "A"],
                             "text": [t for t, _ in TIMED], "timestamp": column}), source)
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out)) == 0
    episodes = pq.read_table(out / "episodes").to_pylist()
    assert episodes[0]["seconds_to_repair"] == 600.0


# -- 3: a number too long to read is an error of its conversation, not a crash --------------------

def test_batch_integer_too_long_to_read_is_a_conversation_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "1" + "0" * 5000
    source, error = _only_b_analysed(
        tmp_path, capsys,
        f'{{"conversation_id": "a", "speaker": "Ben", "text": "hi", "start": {huge}}}')
    assert error["id"] == "a"
    assert error["message"].startswith(f"{source}:2: ")
    assert "a number too long to read" in error["message"]


def _only_b_analysed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     second_line: str) -> tuple[Path, dict[str, Any]]:
    """Batch a file whose conversation "a" has ``second_line`` as its second line: "b" is
    analysed, "a" is the one error (returned), and nothing is an internal error."""
    source = tmp_path / "big.jsonl"
    source.write_text('{"conversation_id": "a", "speaker": "Ana", "text": "hi"}\n'
                      f"{second_line}\n"
                      '{"conversation_id": "b", "speaker": "Ana", "text": "You never listen."}\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    assert "internal error" not in capsys.readouterr().err
    assert list(_analyses(out)) == ["b"]
    [error] = _errors(out)
    return source, error


# -- 4: a field is named as a person reads it ------------------------------------------------------

def test_bad_start_names_the_field_and_the_line(tmp_path: Path) -> None:
    source = tmp_path / "badstart.jsonl"
    source.write_text('{"conversation_id": "c7", "speaker": "A", "text": "ok", "start": "abc"}\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    [error] = _errors(out)
    assert error["message"].startswith(f'{source}:1: expected "start" on line 1 to be seconds')
    assert "line 1.start" not in error["message"]


def test_bad_end_in_parquet_names_the_field_and_the_row(tmp_path: Path) -> None:
    source = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"conversation_id": ["c", "c"], "speaker": ["A", "B"],
                             "text": ["hi", "hi"], "end": [None, -1.0]}), source)
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    [error] = _errors(out)
    assert f'{source}:2: expected "end" in row 2 to be seconds' in error["message"]


def test_bad_start_in_csv_names_the_field(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "t.csv"
    source.write_text("speaker,text,start\nAna,hi,\nBen,hi,abc\n", encoding="utf-8")
    assert main(["analyze", str(source)]) == 1
    err = capsys.readouterr().err
    assert f'{source}:3: expected "start" in the row to be seconds' in err


# -- 5: the resume summary's count has its thousands separator ------------------------------------

def test_resume_summary_groups_the_thousands(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"conversation_id": f"c{n:04d}", "speaker": "A",
                                          "text": "ok"}) + "\n" for n in range(1000)),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    summary = " ".join(capsys.readouterr().err.split())
    assert "; 1,000 already done" in summary


@pytest.mark.parametrize("value", ["1" + "0" * 5000, "[" * 100000 + "]" * 100000])
def test_batch_unreadable_value_before_the_id_is_a_conversation_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    source, error = _only_b_analysed(
        tmp_path, capsys, f'{{"speaker": "Ben", "start": {value}, "conversation_id": "a"}}')
    assert error["id"] == "a" and error["message"].startswith(f"{source}:2: expected a JSON ")


def test_convokit_utterance_with_a_number_too_long_fails_its_conversation_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "ck"
    corpus.mkdir()
    huge = "1" + "0" * 5000
    (corpus / "utterances.jsonl").write_text(
        '{"id": "u1", "speaker": "Ana", "conversation_id": "a", "text": "hi", "timestamp": 1}\n'
        f'{{"id": "u2", "speaker": "Ben", "text": "hi", "timestamp": {huge}, '
        '"conversation_id": "a"}\n'
        '{"id": "u3", "speaker": "Ana", "conversation_id": "b", "text": "You never listen.", '
        '"timestamp": 1}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(corpus), "--out", str(out)) == 0
    assert "internal error" not in capsys.readouterr().err
    assert list(_analyses(out)) == ["b"]
    assert [e["id"] for e in _errors(out)] == ["a"]
