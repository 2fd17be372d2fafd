"""``mend eval`` on a labelled corpus or public data that is not of the expected shape."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.evaluation.public import run_public

ROOT = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT, tmp_path / "corpus"))


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def _eval(corpus: Path) -> int:
    return main(["eval", "--corpus", str(corpus), "--mode", "rules", "--no-public"])


@pytest.mark.parametrize(("name", "record", "expected"), [
    ("crisis.jsonl", {"id": "x", "text": "hi", "kind": "none", "split": "test"},
     'expected "crisis": true or false, found none'),
    ("crisis.jsonl", {"id": "x", "text": "hi", "crisis": "yes", "kind": "none", "split": "test"},
     'expected "crisis": true or false, found "yes"'),
    ("crisis.jsonl", {"id": "x", "text": "hi", "crisis": True, "split": "test"},
     'expected "kind": a string, found none'),
    ("test/conversations_ta.jsonl",
     {"id": "tt", "setting": "couple", "split": "test",
      "turns": [{"speaker": "A", "text": "hi", "labels": ["rupture.withdrawal"]}]},
     "expected the labels of turn 0 to be objects"),
    ("pairs.jsonl", {"id": "p", "situation": "x", "better": 5, "worse": "y", "split": "test"},
     'expected "better": a string, found 5'),
])
def test_a_malformed_record_is_named_by_file_and_line(
        corpus: Path, name: str, record: dict[str, object], expected: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / name
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    assert _eval(corpus) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {path}:{_lines(path)}: {expected}" in err
    assert "internal error" not in err


def test_a_byte_that_is_not_utf8_is_named_by_line(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "pairs.jsonl"
    with path.open("ab") as handle:
        handle.write(b"\xff\xfe\n")
    assert _eval(corpus) == 1
    assert f"{path}:{_lines(path)}: expected UTF-8 text" in capsys.readouterr().err


def test_a_corpus_that_is_not_a_folder_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "afile.txt"
    afile.write_text("A: hi\n", encoding="utf-8")
    assert _eval(afile) == 1
    assert f"mend: error: {afile}: is a file; expected the labelled corpus folder" in (
        capsys.readouterr().err)
    assert _eval(tmp_path / "nothing") == 1
    assert f"{tmp_path / 'nothing'}: no such folder" in capsys.readouterr().err


def test_a_public_file_of_another_shape_gives_a_row_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "esconv").mkdir()
    (tmp_path / "esconv" / "hf_test.jsonl").write_text('{"dialog": ["hello", "there"]}\n',
                                                       encoding="utf-8")
    rows = run_public(tmp_path, mode="rules")
    esconv = [r for r in rows if "could not read" in str(r.get("note", ""))]
    assert esconv, rows
    assert str(tmp_path / "esconv") in str(esconv[0]["note"])
