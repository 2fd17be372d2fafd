"""Round fourteen, `mend batch` at corpus scale (a researcher's view): ConvoKit output carries
episodes and safety per conversation as `MendTransformer` writes them and keeps the corpus's own
`corpus.json`; a duplicated id and a blank-id line are named as what they are; a resume with
another input is told only that; unreadable files of a folder are named as their rows would be;
a JSON error is told in a whole sentence; a Ctrl-C says how to go on; JSON Lines into a Parquet
output says it is Parquet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import mendkit
from mendkit.batch.convokit_adapter import MendTransformer
from mendkit.cli.main import main

SRC = Path(mendkit.__file__).resolve().parents[1]  # the mendkit under test


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- ConvoKit output: conversation meta and the corpus's own corpus.json --------------------------

UTTERANCES = [
    ("t1-0", "t1", "ana", "You never listen to me.", 1764252000),
    ("t1-1", "t1", "ben", "Whatever.", 1764252060),
    ("t1-2", "t1", "ben", "I'm sorry, I brushed you off. That wasn't fair to you.", 1764252120),
    ("t1-3", "t1", "ana", "Thank you for saying that. I appreciate it.", 1764252180),
    ("t2-0", "t2", "cy", "I've been thinking about ending my life.", 1764253000),
    ("t2-1", "t2", "di", "I'm really glad you told me. Are you safe right now?", 1764253060),
]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    with (folder / "utterances.jsonl").open("w", encoding="utf-8") as handle:
        for uid, cid, speaker, text, ts in UTTERANCES:
            handle.write(json.dumps({"id": uid, "conversation_id": cid, "speaker": speaker,
                                     "reply_to": None, "timestamp": ts, "text": text,
                                     "meta": {"toxic": 0}}) + "\n")
    (folder / "speakers.json").write_text(json.dumps(
        {s: {"meta": {"joined": 2019}, "vectors": []} for s in ("ana", "ben", "cy", "di")}))
    (folder / "conversations.json").write_text(json.dumps(
        {c: {"meta": {"subreddit": "r/test"}, "vectors": []} for c in ("t1", "t2")}))
    (folder / "corpus.json").write_text(json.dumps({"name": "my-sample", "year": 2020}))
    (folder / "index.json").write_text("{}")
    return folder


@dataclass
class _Speaker:
    id: str


@dataclass
class _Utterance:
    id: str
    speaker: _Speaker
    text: str
    timestamp: float | None
    reply_to: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Convo:
    id: str
    utterances: list[_Utterance]
    meta: dict[str, Any] = field(default_factory=dict)

    def iter_utterances(self) -> list[_Utterance]:
        return list(self.utterances)


@dataclass
class _Corpus:
    conversations: list[_Convo]

    def iter_conversations(self) -> list[_Convo]:
        return list(self.conversations)


def test_convokit_output_has_episodes_and_safety_as_the_transformer_writes_them(
        tmp_path: Path) -> None:
    out = tmp_path / "labelled"
    assert _batch(str(_corpus(tmp_path / "corpus")), "--out", str(out), "--to", "convokit") == 0
    written = json.loads((out / "conversations.json").read_text(encoding="utf-8"))
    corpus = _Corpus([_Convo(cid, [_Utterance(uid, _Speaker(s), text, ts)
                                   for uid, c, s, text, ts in UTTERANCES if c == cid])
                      for cid in ("t1", "t2")])
    MendTransformer(mode="rules").transform(corpus)
    for convo in corpus.conversations:
        meta = written[convo.id]["meta"]
        assert meta["subreddit"] == "r/test"  # the corpus's own meta stays beside Mend's
        assert meta["mend_episodes"] == convo.meta["mend_episodes"]
        assert meta["mend_safety"] == convo.meta["mend_safety"]
        assert meta["mend_build"] == convo.meta["mend_build"]  # (round 18: provenance)
    assert written["t1"]["meta"]["mend_episodes"]  # (a rupture and its repair: not vacuous)
    assert written["t2"]["meta"]["mend_safety"]["crisis"] is True
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert {"mend_episodes", "mend_safety"} <= set(index["conversations-index"])


def test_convokit_output_keeps_the_corpus_own_corpus_json(tmp_path: Path) -> None:
    out = tmp_path / "labelled"
    assert _batch(str(_corpus(tmp_path / "corpus")), "--out", str(out), "--to", "convokit") == 0
    assert json.loads((out / "corpus.json").read_text()) == {"name": "my-sample", "year": 2020}
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert set(index["overall-index"]) == {"name", "year"}


def test_convokit_output_of_other_input_names_mend_as_its_generator(tmp_path: Path) -> None:
    source = tmp_path / "talk.jsonl"
    source.write_text(json.dumps({"conversation_id": "a", "speaker": "x", "text": "Fine."}) + "\n")
    out = tmp_path / "labelled"
    assert _batch(str(source), "--out", str(out), "--to", "convokit") == 0
    assert set(json.loads((out / "corpus.json").read_text())) == {"generator"}
    meta = json.loads((out / "conversations.json").read_text())["a"]["meta"]
    assert set(meta) == {"mend_episodes", "mend_safety", "mend_build"}


# -- duplicated ids and blank ids in JSON Lines -------------------------------------------------

def _line(cid: str, speaker: str, text: str) -> str:
    return json.dumps({"conversation_id": cid, "speaker": speaker, "text": text}) + "\n"


def _doc(cid: str, text: str) -> str:
    return json.dumps({"id": cid, "turns": [{"speaker": "A", "text": text}]}) + "\n"


def test_two_whole_conversations_with_one_id_are_told_as_a_duplicated_id(tmp_path: Path) -> None:
    source = tmp_path / "whole.jsonl"
    source.write_text(_doc("x1", "You never listen.") + _doc("x1", "Another one.")
                      + _doc("x2", "Fine.") + _doc("x3", "Hello."), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    errors = _rows(tmp_path / "out.errors.jsonl")
    assert [e["id"] for e in errors] == ["x1"]
    message = errors[0]["message"]
    assert "appears twice" in message and "line 1" in message and "line 2" in message
    assert "sort" not in message and "after other conversations" not in message
    assert [r["conversation"]["id"] for r in _rows(out)] == ["x2", "x3"]


def test_a_whole_conversation_and_rows_with_one_id_are_told_as_such(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(_doc("x1", "You never listen.") + _line("x1", "B", "Fine.")
                      + _line("x2", "A", "Hi."), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    (error,) = _rows(tmp_path / "out.errors.jsonl")
    assert error["id"] == "x1"
    assert "appears twice" in error["message"] and "line 2" in error["message"]
    assert "sort" not in error["message"]


def test_a_blank_id_among_a_conversation_rows_is_named_as_the_cause(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_text(_line("a", "A", "Hi.") + _line("b", "A", "You never listen.")
                      + _line("   ", "B", "Fine.") + _line("b", "A", "See?")
                      + _line("c", "A", "Hello."), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    (error,) = _rows(tmp_path / "out.errors.jsonl")  # one error, not two
    assert error["id"] == "b"
    assert error["message"].startswith(f"{source}:3: expected a non-empty conversation_id")
    assert "sort" not in error["message"] and "not together" not in error["message"]
    assert [r["conversation"]["id"] for r in _rows(out)] == ["a", "c"]


def test_a_blank_id_between_two_conversations_fails_alone(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_text(_line("a", "A", "Hi.") + _line("", "B", "Fine.")
                      + _line("b", "A", "Hello."), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    (error,) = _rows(tmp_path / "out.errors.jsonl")
    assert error == {"id": "", "message": f"{source}:2: expected a non-empty conversation_id, "
                     "found ''"}
    assert [r["conversation"]["id"] for r in _rows(out)] == ["a", "b"]


def test_an_invalid_json_line_is_told_in_a_whole_phrase(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_text(_line("a", "A", "Hi.") + '{"conversation_id": "a", "text": "broken\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(source), "--out", str(out)) == 0
    (error,) = _rows(tmp_path / "out.errors.jsonl")
    assert error["message"].endswith("Unterminated string starting at column 34")


# -- resume with another input; a Parquet output resumed as JSON Lines ----------------------------

def test_resuming_with_another_input_names_only_the_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path / "corpus")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "talk.txt").write_text("Ana: You never listen.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(corpus), "--out", str(out)) == 0
    capsys.readouterr()
    assert _batch(str(folder), "--out", str(out), "--resume") == 1
    err = capsys.readouterr().err
    assert f"was written from {corpus.resolve()}, not {folder.resolve()}" in err
    assert "VTT" not in err and "--no-merge" not in err


def test_resume_as_json_lines_into_a_parquet_output_says_it_is_parquet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    source = tmp_path / "c.jsonl"
    source.write_text(_line("a", "A", "Hi."), encoding="utf-8")
    out = tmp_path / "out"
    assert _batch(str(source), "--out", str(out)) == 0
    capsys.readouterr()
    assert _batch(str(source), "--out", str(out), "--resume", "--to", "jsonl") == 1
    err = capsys.readouterr().err
    assert "was written as Parquet" in err and "--to parquet" in err
    assert "is a directory" not in err


# -- folder files that cannot be read ------------------------------------------------------------

def test_an_unreadable_file_of_a_folder_is_named_as_its_rows_would_be(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_text("Ana: You never listen.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"G\x00\x01 no speakers here\n")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    assert [r["conversation"]["id"] for r in _rows(out)] == ["bad"]
    assert [e["id"] for e in _rows(tmp_path / "out.errors.jsonl")] == ["binary", "empty"]


def test_an_unreadable_file_keeps_its_id_once_it_is_fixed(tmp_path: Path) -> None:
    """Its stem is its own, so a later file with the same stem gets its path, before and after
    the fix: a resumed run gives every file the id the first run gave it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talk.json").write_text("{not json", encoding="utf-8")
    (folder / "talk.txt").write_text("Ana: You never listen.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    assert [e["id"] for e in _rows(tmp_path / "out.errors.jsonl")] == ["talk"]
    assert [r["conversation"]["id"] for r in _rows(out)] == ["talk.txt"]
    (folder / "talk.json").write_text(json.dumps({"turns": [{"speaker": "B", "text": "Hi."}]}),
                                      encoding="utf-8")
    assert _batch(str(folder), "--out", str(out), "--resume") == 0
    assert sorted(r["conversation"]["id"] for r in _rows(out)) == ["talk", "talk.txt"]


# -- Ctrl-C --------------------------------------------------------------------------------------

@contextmanager
def _children_take_ctrl_c() -> Iterator[None]:
    """A child started in the block takes SIGINT as from a terminal's Ctrl-C. This process may
    ignore SIGINT (a test run started in the background of a shell, ``pytest ... &``, does, and
    so does one after a test ran ``mend`` in-process): a child inherits that, and Mend then
    rightly lets the Ctrl-C pass, as any program started that way does; the run finished with
    exit code 0 (the flaky failure). A handler of this process is not inherited: the child
    starts with SIGINT's default."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_ctrl_c_says_how_to_go_on(tmp_path: Path) -> None:
    total = 6000
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for n in range(total):
            handle.write(_line(f"c{n:05d}", "AB"[n % 2], "You never listen to me, do you?"))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(SRC), "MEND_HOME": str(tmp_path / "home")}
    with _children_take_ctrl_c():
        run = subprocess.Popen(
            [sys.executable, "-m", "mendkit", "batch", str(source), "--out", str(out),
             "--workers", "1", "--chunk", "20", "--no-progress"],
            env=env, stderr=subprocess.PIPE, text=True)
    try:
        # Until the run has written its first rows (its output is open, and it is analysing);
        # the deadline only keeps a run that never gets there from hanging the suite.
        deadline = time.monotonic() + 300
        while (run.poll() is None and not (out.is_file() and out.stat().st_size)
               and time.monotonic() < deadline):
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be stopped"
        assert out.is_file() and out.stat().st_size, "the run wrote nothing in 300 s"
        # Held still while it is looked at, so that what is seen is where the Ctrl-C lands:
        # with rows still to write, that is inside the run, not after it.
        run.send_signal(signal.SIGSTOP)
        written = out.read_bytes().count(b"\n") if out.is_file() else 0
        try:
            assert written < total, f"{written} of {total} rows written when stopped"
            run.send_signal(signal.SIGINT)
        finally:
            run.send_signal(signal.SIGCONT)
        _, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 130
    assert "mend: interrupted" in err
    assert f"kept in {out}: run again with --resume" in err
