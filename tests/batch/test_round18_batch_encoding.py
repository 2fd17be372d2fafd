"""Round eighteen, `mend batch` for a researcher: one ``--encoding`` over a folder of mixed
encodings corrupts nothing and is recorded; a resume keeps the errors file in step with the
results and refuses another encoding; every output row carries the rules and classifier that
made it, so that outputs moved or merged keep their provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from mendkit.batch import BatchSettings, builds, run_batch
from mendkit.cli.main import main

UTF8 = "Zoë: I’m sorry I snapped at you, that’s on me.\nAbe: Thank you.\n"


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "utf8plain.txt").write_text(UTF8, encoding="utf-8")
    (folder / "bom.txt").write_bytes("Kit: I feel lonely.\r\nLu: I’m here.\r\n".encode("utf-8-sig"))
    (folder / "utf16.txt").write_bytes("Ana: You never listen.\nBen: I’m sorry.\n".encode("utf-16"))
    (folder / "emoji.json").write_text(json.dumps(
        {"turns": [{"speaker": "Ama", "text": "Sorry 🤦\u200d♀️ my bad"}]}, ensure_ascii=False),
        encoding="utf-8")
    (folder / "cp1252.txt").write_bytes("Renée: I’m sorry.\nBo: Thanks.\n".encode("cp1252"))
    return folder


def _texts(out: Path) -> dict[str, list[str]]:
    return {row["conversation"]["id"]: [f"{t['speaker']}: {t['text']}" for t in row["turns"]]
            for row in _rows(out)}


# -- 1: a legacy --encoding among UTF-8 and marked files -----------------------------------------

def test_one_legacy_encoding_reads_a_folder_of_mixed_encodings_without_mojibake(
        tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert _batch(str(_mixed(tmp_path)), "--out", str(out), "--encoding", "cp1252") == 0
    assert (tmp_path / "o.errors.jsonl").read_text(encoding="utf-8") == ""
    texts = _texts(out)
    assert texts["utf8plain"] == ["Zoë: I’m sorry I snapped at you, that’s on me.",
                                  "Abe: Thank you."]
    assert texts["cp1252"] == ["Renée: I’m sorry.", "Bo: Thanks."]
    assert texts["utf16"] == ["Ana: You never listen.", "Ben: I’m sorry."]
    assert texts["bom"] == ["Kit: I feel lonely.", "Lu: I’m here."]
    assert texts["emoji"] == ["Ama: Sorry 🤦\u200d♀️ my bad"]
    record = json.loads((tmp_path / "o.run.json").read_text(encoding="utf-8"))
    assert record["encoding"] == "cp1252"


def test_the_encoding_is_recorded_by_its_canonical_name_and_none_without_one(
        tmp_path: Path) -> None:
    folder = _mixed(tmp_path)
    (folder / "cp1252.txt").unlink()
    run_batch(folder, tmp_path / "a.jsonl", BatchSettings(out_format="jsonl"))
    run_batch(folder, tmp_path / "b.jsonl", BatchSettings(out_format="jsonl",
                                                          encoding="Windows-1252"))
    assert json.loads((tmp_path / "a.run.json").read_text(encoding="utf-8"))["encoding"] is None
    assert json.loads((tmp_path / "b.run.json").read_text(encoding="utf-8"))["encoding"] == "cp1252"


# -- 2: resume, errors and encodings -----------------------------------------------------------

def test_a_resume_adding_an_encoding_reads_what_failed_and_the_errors_agree(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _mixed(tmp_path)
    (folder / "broken.json").write_text('{"turns": [\n {"speaker": "A" "text": "x"}]}\n',
                                        encoding="utf-8")
    out = tmp_path / "fm.jsonl"
    errors = tmp_path / "fm.errors.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    assert sorted(e["id"] for e in _rows(errors)) == ["broken", "cp1252"]
    capsys.readouterr()
    # The first run's errors said to pass --encoding: an output read with none takes one.
    assert _batch(str(folder), "--out", str(out), "--encoding", "cp1252", "--resume") == 0
    summary = " ".join(capsys.readouterr().err.split())
    assert "1 error (see" in summary and "4 already done" in summary
    ids = [row["conversation"]["id"] for row in _rows(out)]
    failed = [e["id"] for e in _rows(errors)]
    assert failed == ["broken"] and not set(failed) & set(ids)
    assert sorted(ids) == ["bom", "cp1252", "emoji", "utf16", "utf8plain"]
    assert json.loads((tmp_path / "fm.run.json").read_text(encoding="utf-8"))["encoding"] == (
        "cp1252")


def test_a_resume_with_another_encoding_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _mixed(tmp_path)
    out = tmp_path / "o.jsonl"
    assert _batch(str(folder), "--out", str(out), "--encoding", "cp1252") == 0
    before = out.read_bytes()
    capsys.readouterr()
    for other in (["--encoding", "latin-1"], []):
        assert _batch(str(folder), "--out", str(out), *other, "--resume") == 1
        err = " ".join(capsys.readouterr().err.split())
        assert "with --encoding cp1252" in err and "choose another --out" in err
    assert out.read_bytes() == before
    assert _batch(str(folder), "--out", str(out), "--encoding", "CP1252", "--resume") == 0


def test_a_conversation_the_output_holds_is_not_also_listed_as_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "good.txt").write_text("Alex: You never listen.\nSam: Fine.\n", encoding="utf-8")
    (folder / "bad.txt").write_text("no speaker here\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, BatchSettings(out_format="jsonl"))
    # Since the first run, good.txt was damaged and bad.txt fixed.
    (folder / "good.txt").write_text("no speaker any more\n", encoding="utf-8")
    (folder / "bad.txt").write_text("Ana: now fixed\n", encoding="utf-8")
    report = run_batch(folder, out, BatchSettings(out_format="jsonl", resume=True))
    assert (report.conversations, report.errors, report.skipped) == (1, 0, 1)
    assert [row["conversation"]["id"] for row in _rows(out)] == ["good", "bad"]
    assert (tmp_path / "o.errors.jsonl").read_text(encoding="utf-8") == ""


# -- 4: provenance in every output row ---------------------------------------------------------

@pytest.mark.parametrize("mode", ["rules", "full"])
def test_each_jsonl_line_names_its_rules_and_classifier(tmp_path: Path, mode: str) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text(UTF8, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, BatchSettings(out_format="jsonl", mode=mode))
    (row,) = _rows(out)
    assert list(row)[:3] == ["mend_version", "mode", "conversation"]  # the contract's start
    classifier = builds.classifier_version() if mode == "full" else None
    assert row["build"] == {"rules": builds.rules_version(), "classifier": classifier}
    assert row["build"]["rules"] == json.loads(
        (tmp_path / "o.run.json").read_text(encoding="utf-8"))["rules"]


def test_each_parquet_part_names_its_rules_and_classifier(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text(UTF8, encoding="utf-8")
    out = tmp_path / "o"
    run_batch(folder, out, BatchSettings(mode="full"))
    for table in ("turns", "episodes"):
        metadata = pq.read_schema(next((out / table).glob("*.parquet"))).metadata
        assert metadata[b"mend_rules"] == builds.rules_version().encode()
        assert metadata[b"mend_classifier"] == builds.classifier_version().encode()
        assert metadata[b"mend_mode"] == b"full"


def test_each_convokit_conversation_names_its_rules(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text(UTF8, encoding="utf-8")
    out = tmp_path / "ck"
    run_batch(folder, out, BatchSettings(out_format="convokit"))
    conversations = json.loads((out / "conversations.json").read_text(encoding="utf-8"))
    build = conversations["a"]["meta"]["mend_build"]
    assert build["rules"] == builds.rules_version() and build["classifier"] is None
    assert build["mend_version"] and build["mode"] == "rules"
