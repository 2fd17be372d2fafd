"""``mend eval`` on bad or empty public files, an empty corpus split, the dev split, and the ways
of pointing it at the public data: each case says what is wrong, where, and never shows a figure
that was not measured."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.evaluation.public import PublicRow, run_public

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "public"
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES, tmp_path / "data"))


def _append(path: Path, text: str) -> int:
    """Append ``text`` (one line) to ``path``; the number of the line it became."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def _rows_of(rows: list[PublicRow], benchmark: str) -> list[PublicRow]:
    found = [r for r in rows if r["benchmark"] == benchmark]
    assert found, [r["benchmark"] for r in rows]
    return found


def _eval_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["eval", *argv, "--json"]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


# 1. a malformed public file is named by file and line, with what was expected

@pytest.mark.parametrize(("benchmark", "name", "line", "expected"), [
    ("GoEmotions test", "goemotions/data__original__test.tsv", "some comment\t99\tid1",
     "label id 99 is not in data__original__labels.txt (0-27)"),
    ("CGA Wikipedia validation", "conversations-gone-awry-partial/cga_wiki_base_valid.jsonl",
     '{"src": "hello [SEP] you idiot", "tgt": 1', "not valid JSON: Expecting ',' delimiter"),
    ("ESConv test", "esconv/hf_test.jsonl",
     '{"dialog": [{"text": "hi", "speaker": "sys", "strategy": "Question"}, "oops"]}',
     'expected each turn of "dialog" to be an object, found "oops"'),
    ("MI gold test", "mi-distress-support-welivita2023/mi_gold_test_with_predictions.csv",
     '"A, reply",', 'expected a value in column "Ground truth"'),
])
def test_a_malformed_public_line_is_named_by_file_and_line(
        data: Path, benchmark: str, name: str, line: str, expected: str) -> None:
    path = data / name
    number = _append(path, line)
    rows = _rows_of(run_public(data, mode="rules"), benchmark)
    assert len(rows) == 1 and rows[0]["ours"] is None, rows
    assert rows[0]["note"].startswith(f"could not read {path}:{number}: {expected}"), rows[0]
    assert "Error" not in rows[0]["note"]  # no Python exception name


def test_a_public_file_without_an_expected_column_says_which(data: Path) -> None:
    path = data / "unhealthy-comments-corpus" / "corpus__test.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0].replace("comment", "commentary"), *lines[1:]]) + "\n",
                    encoding="utf-8")
    rows = _rows_of(run_public(data, mode="rules"), "Unhealthy Comments test")
    assert len(rows) == 1 and rows[0]["ours"] is None
    assert rows[0]["note"].startswith(f'could not read {path}:1: expected a column "comment"')


# 2. an empty public file or corpus split is not scored as 0.000

def test_empty_public_files_give_no_figure(data: Path) -> None:
    esconv = data / "esconv" / "hf_test.jsonl"
    esconv.write_text("", encoding="utf-8")
    wiki = data / "conversations-gone-awry-partial" / "cga_wiki_base_valid.jsonl"
    wiki.write_text("\n", encoding="utf-8")
    mi = data / "mi-distress-support-welivita2023" / "mi_gold_test_with_predictions.csv"
    mi.write_text(mi.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    rows = run_public(data, mode="rules")
    for benchmark, path in (("ESConv test", esconv), ("CGA Wikipedia validation", wiki),
                            ("MI gold test", mi)):
        found = _rows_of(rows, benchmark)
        assert all(r["ours"] is None and r["n"] == 0 for r in found), found
        assert f"{path}: no items to score" in found[0]["note"], found[0]
    assert all(r["ours"] is not None for r in _rows_of(rows, "GoEmotions test"))
    assert not any(r["n"] == 0 and r["ours"] is not None for r in rows)


def _tiny_corpus(root: Path, split: str = "dev") -> Path:
    (root / "conversations").mkdir(parents=True)
    turns = [{"speaker": "A", "text": "You never listen to me.",
              "labels": [{"label": "rupture.confrontation", "subtype": "complaint"}]},
             {"speaker": "B", "text": "You're right, I'm sorry.", "labels": []}]
    (root / "conversations" / "c.jsonl").write_text(json.dumps(
        {"id": "c1", "setting": "couple", "split": split, "turns": turns}) + "\n",
        encoding="utf-8")
    (root / "crisis.jsonl").write_text(json.dumps(
        {"id": "k1", "text": "I want to end it all tonight", "crisis": True, "kind": "suicide",
         "split": split}) + "\n", encoding="utf-8")
    (root / "pairs.jsonl").write_text(json.dumps(
        {"id": "p1", "better": "I'm sorry I was late; that must have hurt.",
         "worse": "Whatever.", "split": split}) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("emptied", ["conversations/c.jsonl", "crisis.jsonl", "pairs.jsonl"])
def test_an_empty_corpus_split_is_an_input_error(
        tmp_path: Path, emptied: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus", split="test")
    (root / emptied).write_text("", encoding="utf-8")
    assert main(["eval", "--corpus", str(root), "--no-public", "--mode", "rules"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"mend: error: {root}: the test split has no " in captured.err
    assert "Traceback" not in captured.err


# 3. --split dev says what was tuned and trained on it, and which splits the public rows use

def test_dev_split_says_the_rules_were_tuned_on_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus")
    notes = " ".join(_eval_json(capsys, "--corpus", str(root), "--split", "dev", "--mode", "rules",
                                "--no-public")["notes"])
    assert "test is held out" not in notes.replace("the test split is held out", "")
    assert "tuned on this split" in notes and "optimistic" in notes
    assert "trained on" not in notes  # rules mode: no model


def test_dev_split_in_full_mode_says_the_model_trained_on_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.models.classifier import available

    if not available():
        pytest.skip("the shipped model is not installed")
    root = _tiny_corpus(tmp_path / "corpus")
    notes = _eval_json(capsys, "--corpus", str(root), "--split", "dev", "--mode", "full",
                       "--no-public")["notes"]
    assert any("shipped model was trained on the dev split" in n for n in notes), notes
    test_root = _tiny_corpus(tmp_path / "corpus2", split="test")
    notes = _eval_json(capsys, "--corpus", str(test_root), "--mode", "full", "--no-public")["notes"]
    assert not any("trained on the" in n for n in notes), notes


def test_dev_split_says_the_public_rows_keep_their_own_splits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus")
    argv = ["--corpus", str(root), "--split", "dev", "--mode", "rules", "--data", str(FIXTURES)]
    notes = _eval_json(capsys, *argv)["notes"]
    assert any("public benchmarks keep their own splits" in n for n in notes), notes
    assert main(["eval", *argv]) == 0
    assert "public benchmarks keep their own splits" in " ".join(capsys.readouterr().out.split())


# 4. a wrong $MEND_SHARED_DATA is an error, and --json says when the public rows were skipped

def test_a_wrong_shared_data_variable_is_an_input_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus", split="test")
    monkeypatch.setenv("MEND_SHARED_DATA", str(tmp_path / "nowhere"))
    assert main(["eval", "--corpus", str(root), "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert (f"mend: error: {tmp_path / 'nowhere'}: no such folder ($MEND_SHARED_DATA should name "
            "the public data folder") in err
    # --no-public does not look for it
    assert main(["eval", "--corpus", str(root), "--mode", "rules", "--no-public"]) == 0


def test_json_says_why_the_public_rows_are_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus", split="test")
    monkeypatch.setenv("MEND_SHARED_DATA", "")
    found = _eval_json(capsys, "--corpus", str(root), "--mode", "rules")
    assert found["public"] is None
    assert found["public_skipped"] == "MEND_SHARED_DATA is set empty"


# 5. --data naming a file

def test_data_naming_a_file_says_it_is_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus", split="test")
    afile = tmp_path / "README.md"
    afile.write_text("hello\n", encoding="utf-8")
    assert main(["eval", "--corpus", str(root), "--mode", "rules", "--data", str(afile)]) == 1
    assert (f"mend: error: {afile}: is a file, not a folder (--data expects the public data "
            "folder)") in capsys.readouterr().err


# 6. (and docs) the JSON has the counts behind the rates, and the macro-F1 the docs quote

def test_json_gives_counts_and_macro_f1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _tiny_corpus(tmp_path / "corpus", split="test")
    found = _eval_json(capsys, "--corpus", str(root), "--mode", "rules", "--no-public")
    crisis, pairs = found["crisis"], found["pairs"]
    assert crisis["found"] == round(crisis["recall"] * crisis["total"]) and crisis["total"] == 1
    assert pairs["right"] == round(pairs["accuracy"] * pairs["total"]) and pairs["total"] == 1
    f1s = [v["f1"] for v in found["per_label"].values()]
    assert found["macro_f1"] == pytest.approx(sum(f1s) / len(f1s), abs=1e-4)


def test_goemotions_note_counts_labels_not_emotions(data: Path) -> None:
    rows = _rows_of(run_public(data, mode="rules"), "GoEmotions test")
    assert "28 emotions" not in rows[0]["note"]
    assert "27 emotions and neutral" in rows[0]["note"]
