"""Round twelve: `mend batch` over a folder of transcripts reads consecutive VTT/SRT cues by one
speaker as one turn, as `mend analyze` does, and `--no-merge` keeps one turn per cue; the choice
is recorded, so that `--resume` never mixes the two (an output of an earlier run, which has no
record of it, was written one turn per cue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mendkit.batch import BatchSettings, run_batch
from mendkit.cli.main import main

ZOOM = """WEBVTT

1
00:00:05.000 --> 00:00:10.000
Dana: You said you'd send the numbers on Friday.

2
00:00:11.000 --> 00:00:14.000
Sam: I know. I'm sorry,

3
00:00:14.200 --> 00:00:18.000
Sam: I got the deadline wrong and I should have told you.
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Ana: You never listen to me.

2
00:00:03,500 --> 00:00:05,000
Ana: Not once this week.

3
00:00:06,000 --> 00:00:08,000
Ben: That's fair. I'm sorry.
"""


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "calls"
    folder.mkdir()
    (folder / "standup.vtt").write_text(ZOOM, encoding="utf-8")
    (folder / "home.srt").write_text(SRT, encoding="utf-8")
    return folder


def _turns(out: Path) -> dict[str, list[dict[str, Any]]]:
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {row["conversation"]["id"]: row["turns"] for row in rows}


def _files(root: Path) -> list[tuple[Path, bytes]]:
    return sorted((p.relative_to(root), p.read_bytes()) for p in root.rglob("*") if p.is_file())


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    return " ".join(capsys.readouterr().err.split())


def test_batch_merges_one_speakers_consecutive_cues_by_default(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert _batch(str(_folder(tmp_path)), "--out", str(out)) == 0
    turns = _turns(out)
    assert [t["speaker"] for t in turns["standup"]] == ["Dana", "Sam"]
    assert turns["standup"][1]["text"].startswith("I know. I'm sorry,")
    assert "should have told you" in turns["standup"][1]["text"]
    assert turns["standup"][1]["start"] == 11.0  # the turn starts with its first cue
    assert [t["speaker"] for t in turns["home"]] == ["Ana", "Ben"]


def test_batch_no_merge_keeps_one_turn_per_cue(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert _batch(str(_folder(tmp_path)), "--out", str(out), "--no-merge") == 0
    turns = _turns(out)
    assert [t["speaker"] for t in turns["standup"]] == ["Dana", "Sam", "Sam"]
    assert [t["speaker"] for t in turns["home"]] == ["Ana", "Ana", "Ben"]


def test_batch_help_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--merge, --no-merge" in shown or "--merge/--no-merge" in shown
    assert "one turn per cue" in shown


def test_the_api_takes_merge_too(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    report = run_batch(_folder(tmp_path), out, BatchSettings(out_format="jsonl", merge=False))
    assert report.turns == 6 and report.errors == 0


@pytest.mark.parametrize(("first", "then", "named"), [
    (["--no-merge"], [], "--no-merge"),
    ([], ["--no-merge"], "--merge"),
])
def test_resume_with_the_other_setting_is_refused_and_the_output_kept(
        tmp_path: Path, first: list[str], then: list[str], named: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "--out", str(out), *first) == 0
    before = _files(tmp_path)
    capsys.readouterr()
    assert _batch(str(folder), "--out", str(out), "--resume", *then) == 1
    err = _err(capsys)
    assert f"resume it with {named}" in err and "choose another --out" in err
    assert "Traceback" not in err
    assert _files(tmp_path) == before


@pytest.mark.parametrize("setting", [[], ["--no-merge"]])
def test_resume_with_the_same_setting_goes_on(tmp_path: Path, setting: list[str]) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "o"
    assert _batch(str(folder), "--out", str(out), *setting) == 0
    assert _batch(str(folder), "--out", str(out), "--resume", *setting) == 0


def test_the_setting_is_recorded(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert _batch(str(folder), "--out", str(tmp_path / "a.jsonl")) == 0
    assert _batch(str(folder), "--out", str(tmp_path / "b"), "--no-merge") == 0
    assert json.loads((tmp_path / "a.run.json").read_text(encoding="utf-8"))["merge"] is True
    assert json.loads((tmp_path / "b" / "_run.json").read_text(encoding="utf-8"))["merge"] is False


def test_an_output_written_before_cues_were_merged_is_not_resumed_with_merging(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before this round, a batch read one turn per cue and recorded nothing of it: resuming
    such an output with the new default would mix per-cue and merged conversations."""
    folder = _folder(tmp_path)
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "--out", str(out), "--no-merge") == 0
    record = tmp_path / "o.run.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["merge"]  # as the earlier Mend wrote it
    record.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert _batch(str(folder), "--out", str(out), "--resume") == 1
    err = _err(capsys)
    assert "one turn per" in err and "--no-merge" in err
    # With the setting it was written with, it goes on.
    assert _batch(str(folder), "--out", str(out), "--resume", "--no-merge") == 0


def test_an_earlier_output_of_jsonl_input_resumes_as_before(tmp_path: Path) -> None:
    """Rows of JSON Lines are turns already: cues are not merged there, and an output written
    before this round resumes with the default as it did."""
    source = tmp_path / "c.jsonl"
    source.write_text("".join(json.dumps({"conversation_id": cid, "speaker": s, "text": t}) + "\n"
                              for cid in ("c0", "c1")
                              for s, t in (("A", "You never listen."), ("B", "I'm sorry."))),
                      encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    record = tmp_path / "o.run.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data.pop("merge", None)
    record.write_text(json.dumps(data), encoding="utf-8")
    assert _batch(str(source), "--out", str(out), "--resume") == 0
    assert _batch(str(source), "--out", str(out), "--resume", "--no-merge") == 0
