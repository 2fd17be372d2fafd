"""``mend batch``: bad input and failed conversations, as a user meets them (ids, resume, output)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import mendkit
from mendkit.batch import BatchSettings, run_batch
from mendkit.cli.main import main

GOOD = "Alex: You never listen.\nSam: Fine.\n"


def _good_and_bad(tmp_path: Path) -> Path:
    """A folder with one transcript that reads and one that does not."""
    folder = tmp_path / "bd"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "bad.txt").write_text("no speaker here\n", encoding="utf-8")
    return folder


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_batch_gives_a_transcript_the_id_analyze_gives(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "c1.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "one.jsonl"
    assert main(["batch", str(folder), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    assert main(["analyze", str(folder / "c1.txt"), "--mode", "rules", "--json"]) == 0
    single = json.loads(capsys.readouterr().out)
    (batched,) = _lines(out)
    assert batched["conversation"] == single["conversation"]
    # A batch line is the analysis with the build that made it added at its end (round 18).
    assert list(batched)[-1] == "build"
    assert {key: value for key, value in batched.items() if key != "build"} == single


def test_a_json_transcript_keeps_its_own_id_and_clashing_names_stay_apart(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "week1").mkdir(parents=True)
    (folder / "week2").mkdir()
    (folder / "week1" / "mon.txt").write_text(GOOD, encoding="utf-8")
    (folder / "week2" / "mon.txt").write_text("Ana: Sorry.\nBen: Thanks.\n", encoding="utf-8")
    (folder / "doc.json").write_text(json.dumps(
        {"id": "session-7", "turns": [{"speaker": "A", "text": "Hi."}]}), encoding="utf-8")
    report = run_batch(folder, tmp_path / "o.jsonl", BatchSettings(out_format="jsonl"))
    assert (report.conversations, report.errors) == (3, 0)
    ids = [line["conversation"]["id"] for line in _lines(tmp_path / "o.jsonl")]  # type: ignore[index]
    # mend analyze's ids where they are unique in the run; a name met again keeps its path.
    assert ids == ["session-7", "mon", "week2/mon.txt"]
    assert mendkit.io.load_conversation(folder / "doc.json").id == "session-7"


@pytest.mark.parametrize("out_name", ["r.jsonl", "r-folder"])
def test_resume_retries_conversations_that_failed(tmp_path: Path, out_name: str) -> None:
    folder = _good_and_bad(tmp_path)
    (folder / "worse.txt").write_text("still no speaker\n", encoding="utf-8")
    out = tmp_path / out_name
    errors_file = out / "errors.jsonl" if out.suffix != ".jsonl" else tmp_path / "r.errors.jsonl"
    settings = BatchSettings(out_format="jsonl" if out.suffix == ".jsonl" else "parquet")
    first = run_batch(folder, out, settings)
    assert (first.conversations, first.errors) == (1, 2)
    assert sorted(e["id"] for e in _lines(errors_file)) == ["bad", "worse"]

    (folder / "bad.txt").write_text("Ana: now fixed\n", encoding="utf-8")
    again = run_batch(folder, out, BatchSettings(out_format=settings.out_format, resume=True))
    # Only the conversation the output holds is "already done"; both failures were tried again.
    assert (again.conversations, again.errors, again.skipped) == (1, 1, 1)
    assert [e["id"] for e in _lines(errors_file)] == ["worse"]
    if out.suffix == ".jsonl":
        assert [x["conversation"]["id"] for x in _lines(out)] == ["good", "bad"]  # type: ignore[index]
    else:
        assert sorted(set(pq.read_table(out / "turns")["conversation_id"].to_pylist())) == [
            "bad", "good"]


def test_an_errors_file_cut_by_a_kill_is_tidied_on_resume(tmp_path: Path) -> None:
    folder = _good_and_bad(tmp_path)
    out = tmp_path / "r.jsonl"
    run_batch(folder, out, BatchSettings(out_format="jsonl"))
    errors_file = tmp_path / "r.errors.jsonl"
    errors_file.write_text(errors_file.read_text(encoding="utf-8") + '{"id": "bad.t',
                           encoding="utf-8")
    report = run_batch(folder, out, BatchSettings(out_format="jsonl", resume=True))
    assert (report.errors, report.skipped) == (1, 1)
    (entry,) = _lines(errors_file)
    assert entry["id"] == "bad" and "bad.txt" in str(entry["message"])


@pytest.mark.parametrize("out_name", ["e.jsonl", "e-folder"])
def test_an_empty_folder_leaves_no_output_behind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], out_name: str) -> None:
    empty = tmp_path / "emptyd"
    empty.mkdir()
    out = tmp_path / out_name
    assert main(["batch", str(empty), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "holds no transcripts" in err and "Traceback" not in err
    assert not out.exists()
    assert not list(tmp_path.glob("e.errors.jsonl"))
    folder = tmp_path / "bd"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    assert main(["batch", str(folder), "--out", str(out), "--no-progress", "--workers", "1"]) == 0


def test_input_without_conversations_is_refused_before_any_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert main(["batch", str(empty), "--out", str(tmp_path / "a.jsonl"), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"{empty}: " in err and "no conversations" in err and "Traceback" not in err
    assert not (tmp_path / "a.jsonl").exists()
    columns = tmp_path / "cols.parquet"
    pq.write_table(pa.Table.from_pylist([{"conversation_id": "x", "speaker": "A"}]), columns)
    assert main(["batch", str(columns), "--out", str(tmp_path / "b"), "--no-progress"]) == 1
    assert "missing text" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_the_report_names_the_errors_file(tmp_path: Path) -> None:
    folder = _good_and_bad(tmp_path)
    as_jsonl = run_batch(folder, tmp_path / "s.jsonl", BatchSettings(out_format="jsonl"))
    assert as_jsonl.errors_file == tmp_path / "s.errors.jsonl"
    assert as_jsonl.errors_file.is_file()
    as_parquet = run_batch(folder, tmp_path / "p", BatchSettings())
    assert as_parquet.errors_file == tmp_path / "p" / "errors.jsonl"
    assert _lines(as_parquet.errors_file)[0]["id"] == "bad"


@pytest.mark.parametrize(("option", "value"), [("--dask-local", "-1"), ("--workers", "-2"),
                                               ("--chunk", "0")])
def test_a_bad_count_names_its_own_option(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          option: str, value: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"conversation_id": "a", "speaker": "A", "text": "hi"}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "y.jsonl"
    assert main(["batch", str(source), "--out", str(out), option, value, "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"{option} must be at least 1, got {value}" in err
    others = {"--dask-local", "--workers", "--chunk"} - {option}
    assert not any(other.lstrip("-") in err for other in others)
    assert not out.exists()


def test_a_resumed_run_stopped_part_way_keeps_the_earlier_failures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _good_and_bad(tmp_path)
    out = tmp_path / "r.jsonl"
    run_batch(folder, out, BatchSettings(out_format="jsonl"))
    before = (tmp_path / "r.errors.jsonl").read_text(encoding="utf-8")

    def stopped(task: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("mendkit.batch.runner.run_chunk", stopped)
    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, BatchSettings(out_format="jsonl", resume=True))
    assert (tmp_path / "r.errors.jsonl").read_text(encoding="utf-8") == before
