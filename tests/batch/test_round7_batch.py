"""``mend batch --resume`` after an upgrade: an output written with other rules or another model
is refused, one with no record of its rules resumes only with a warning, and a folder that is
not a Parquet output of mend batch (a ConvoKit corpus) is refused and left as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.batch import BatchSettings, builds, run_batch
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


def _files(folder: Path) -> list[tuple[Path, bytes]]:
    """Every file under ``folder`` with its bytes (the lock files of runs left out)."""
    return sorted((p.relative_to(folder), p.read_bytes()) for p in folder.rglob("*")
                  if p.is_file() and "lock" not in p.name)


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    return " ".join(capsys.readouterr().err.split())


# -- bug 3: an output written by another build of the rules or the model ----------------------

@pytest.mark.parametrize("name", ["o", "o.jsonl"])
def test_resume_with_other_rules_is_refused_and_the_output_kept(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / name
    with pytest.MonkeyPatch.context() as older:  # an earlier Mend, with earlier rules
        older.setattr(builds, "rules_version", lambda: "2026.11.1 (0123456789ab)")
        assert _batch(str(source), "--out", str(out)) == 0
    before = _files(tmp_path)
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--resume") == 1
    err = _err(capsys)
    assert "2026.11.1 (0123456789ab)" in err and builds.rules_version() in err
    assert "choose another --out" in err and "Traceback" not in err
    assert _files(tmp_path) == before


def test_resume_in_full_mode_with_another_model_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o.jsonl"
    with pytest.MonkeyPatch.context() as older:  # an earlier Mend, with an earlier model
        older.setattr(builds, "classifier_version", lambda: "mend-minilm-int8-v1 (ffff)")
        assert _batch(str(source), "--out", str(out), "--mode", "full") == 0
    before = _files(tmp_path)
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--mode", "full", "--resume") == 1
    err = _err(capsys)
    assert "mend-minilm-int8-v1 (ffff)" in err and "choose another --out" in err
    assert _files(tmp_path) == before


def test_the_rules_and_model_are_recorded(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    assert _batch(str(source), "--out", str(tmp_path / "o.jsonl"), "--mode", "full") == 0
    record = json.loads((tmp_path / "o.run.json").read_text(encoding="utf-8"))
    assert record["rules"] == builds.rules_version()
    assert record["classifier"] == builds.classifier_version()
    assert record["classifier"].startswith("mend-minilm-int8-")


@pytest.mark.parametrize("name", ["o", "o.jsonl"])
def test_an_output_of_an_earlier_mend_without_a_record_resumes_with_a_warning(
        tmp_path: Path, name: str) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1", "c2"])
    out = tmp_path / name
    fmt = "jsonl" if name.endswith(".jsonl") else "parquet"
    run_batch(source, out, BatchSettings(out_format=fmt, chunk=1))
    record = out / "_run.json" if out.is_dir() else tmp_path / "o.run.json"
    record.unlink()  # as an earlier version of Mend left it
    told: list[str] = []
    report = run_batch(source, out, BatchSettings(out_format=fmt, resume=True), warn=told.append)
    assert report.skipped == 3
    assert len(told) == 1 and report.warnings == tuple(told)
    assert "earlier version of Mend" in told[0] and "another --out" in told[0]
    # The record does not claim the conversations were analysed with this Mend's rules...
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert kept["rules"] is None and kept["mode"] == "rules"
    # ...so a later resume says so again, where a fresh output says nothing.
    again = run_batch(source, out, BatchSettings(out_format=fmt, resume=True))
    assert again.warnings == report.warnings
    fresh = run_batch(source, tmp_path / f"fresh-{name}", BatchSettings(out_format=fmt))
    assert fresh.warnings == ()


def test_a_record_of_an_earlier_mend_without_its_rules_warns(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o.jsonl"
    run_batch(source, out, BatchSettings(out_format="jsonl"))
    record = tmp_path / "o.run.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["rules"], data["classifier"]
    record.write_text(json.dumps(data), encoding="utf-8")
    report = run_batch(source, out, BatchSettings(out_format="jsonl", resume=True))
    assert "earlier version of Mend" in report.warnings[0]


def test_a_record_of_an_earlier_mend_still_refuses_other_settings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    record = tmp_path / "o.run.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    del data["rules"]
    record.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--mode", "full", "--resume") == 1
    assert "was written in rules mode" in _err(capsys)


def test_an_empty_output_without_a_record_resumes(tmp_path: Path) -> None:
    """A run killed before it wrote anything: nothing in it was analysed another way."""
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "o.jsonl"
    out.touch()
    report = run_batch(source, out, BatchSettings(out_format="jsonl", resume=True))
    assert report.warnings == () and len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert json.loads((tmp_path / "o.run.json").read_text(encoding="utf-8"))["rules"] == (
        builds.rules_version())


def test_the_same_build_resumes(tmp_path: Path) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / "o"
    assert _batch(str(source), "--out", str(out), "--chunk", "1") == 0
    assert _batch(str(source), "--out", str(out), "--resume") == 0


# -- bug 4: a folder that is not a Parquet output of mend batch --------------------------------

def test_resume_into_a_convokit_output_without_to_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0", "c1"])
    out = tmp_path / "ck"
    assert _batch(str(source), "--out", str(out), "--to", "convokit") == 0
    before = _files(out)
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--resume") == 1
    err = _err(capsys)
    assert "--resume is not available for ConvoKit output" in err and "Traceback" not in err
    assert _files(out) == before


def test_a_convokit_corpus_of_another_tool_is_not_taken_for_parquet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "corpus"
    out.mkdir()
    (out / "corpus.json").write_text("{}", encoding="utf-8")
    (out / "utterances.jsonl").write_text("", encoding="utf-8")
    assert _batch(str(source), "--out", str(out), "--resume") == 1
    assert "--resume is not available for ConvoKit output" in _err(capsys)
    assert sorted(p.name for p in out.iterdir()) == ["corpus.json", "utterances.jsonl"]


def test_a_folder_that_is_no_output_of_mend_is_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert _batch(str(source), "--out", str(out), "--resume") == 1
    err = _err(capsys)
    assert "not a Parquet output of mend batch" in err and "choose another --out" in err
    assert [p.name for p in out.iterdir()] == ["holiday.jpg"]


# -- rerun C: "pass --resume" is offered only where --resume would take the output ------------
def test_a_folder_that_is_not_batch_output_is_not_offered_resume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert _batch(str(source), "--out", str(out)) == 1
    err = _err(capsys)
    assert "not an output of mend batch" in err and "--resume" not in err
    assert _files(out) == [(Path("holiday.jpg"), b"\xff\xd8")]


def test_a_file_that_is_not_batch_output_is_not_offered_resume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    out = tmp_path / "notes.jsonl"
    out.write_text('{"note": "mine"}\n', encoding="utf-8")
    assert _batch(str(source), "--out", str(out)) == 1
    err = _err(capsys)
    assert "not an output of mend batch" in err and "--resume" not in err
    assert out.read_text(encoding="utf-8") == '{"note": "mine"}\n'


def test_a_batch_output_is_still_offered_resume(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _corpus(tmp_path / "c.jsonl", ["c0"])
    for out in (tmp_path / "o", tmp_path / "o.jsonl"):
        assert _batch(str(source), "--out", str(out)) == 0
        capsys.readouterr()
        assert _batch(str(source), "--out", str(out)) == 1
        assert "pass --resume" in _err(capsys)
        assert _batch(str(source), "--out", str(out), "--resume") == 0
