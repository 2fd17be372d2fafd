"""The ``mend`` command on bad input: clear errors with exit code 1, never an internal error."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main

CHEAP_KDF = "1,8,1"  # argon2id time_cost, memory_kib, parallelism: tests only


def _undecodable(text: bytes) -> str:
    """What Python hands a program for command-line bytes that are not UTF-8."""
    return os.fsdecode(text)


def _stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", stream)


@pytest.fixture
def journal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    for name in ("MEND_DATABASE_URL", "MEND_JOURNAL_KEY", "MEND_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)


# -- 1: text that is not valid UTF-8 -----------------------------------------------------------
def test_check_stdin_that_is_not_utf8_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_bytes(monkeypatch, b"caf\xe9 sorry\n")
    assert main(["check", "-"]) == 1
    err = capsys.readouterr().err
    assert "<stdin>:1: byte 0xe9 at column 4 is not valid UTF-8" in err
    assert "internal error" not in err


def test_check_binary_stdin_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_bytes(monkeypatch, b"\x00\x01\x02sorry\x00")
    assert main(["check", "-"]) == 1
    err = capsys.readouterr().err
    assert "<stdin>" in err and "binary" in err
    assert "internal error" not in err


@pytest.mark.parametrize("argv", [
    ["check", _undecodable(b"caf\xe9 sorry")],
    ["check", "--context", _undecodable(b"caf\xe9"), "sorry"],
    ["correct", _undecodable(b"caf\xe9"), "--label", "rupture.withdrawal"],
    ["correct", "Fine.", "--label", "rupture.withdrawal", "--missing",
     "--previous", _undecodable(b"caf\xe9")],
])
def test_arguments_that_are_not_utf8_are_a_usage_error(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "byte 0xe9 at column 4 is not valid UTF-8" in err
    assert "internal error" not in err


# -- 22, 23: mend correct --------------------------------------------------------------------
def test_correct_with_an_unknown_label_says_so_in_both_modes(
        capsys: pytest.CaptureFixture[str]) -> None:
    for extra in ([], ["--missing"]):
        assert main(["correct", "Fine.", "--label", "bogus", *extra]) == 1
        err = capsys.readouterr().err
        assert "unknown label 'bogus'" in err
        assert "use --missing" not in err


def test_correct_refuses_a_message_together_with_export(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["correct", "hello", "--label", "reconnect", "--missing",
                 "--export", str(out)]) == 1
    assert "--export" in capsys.readouterr().err
    assert not out.exists()


# -- 10, 24: delete --all confirmation ---------------------------------------------------------
def _journal_with_one_relationship() -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0


def _relationships(capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert main(["journal", "list", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out)["relationships"])


def test_delete_all_without_an_answer_deletes_nothing(
        journal_env: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["journal", "delete", "--all"]) == 1
    err = capsys.readouterr().err
    assert "nothing deleted" in err and "--yes" in err
    assert "internal error" not in err
    assert _relationships(capsys) == 1


@pytest.mark.parametrize("answer", ["yes", "Y", "YES", " y "])
def test_delete_all_accepts_yes_in_any_case(
        answer: str, journal_env: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer + "\n"))
    assert main(["journal", "delete", "--all"]) == 0
    assert "deleted everything" in capsys.readouterr().out
    assert _relationships(capsys) == 0


def test_delete_all_keeps_everything_on_no(
        journal_env: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    monkeypatch.setattr(sys, "stdin", io.StringIO("nope\n"))
    assert main(["journal", "delete", "--all"]) == 0
    assert "nothing deleted" in capsys.readouterr().out
    assert _relationships(capsys) == 1


# -- 11: backup into a missing folder ----------------------------------------------------------
def test_backup_into_a_missing_folder_is_a_clear_error(
        journal_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    target = tmp_path / "nonexistent" / "bk.db"
    assert main(["journal", "backup", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target}: no such folder" in err
    assert "internal error" not in err and "SQL" not in err


# -- 12: insights --charts on a file -----------------------------------------------------------
def test_insights_charts_on_a_file_fails_before_any_output(
        journal_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    notadir = tmp_path / "notadir.txt"
    notadir.write_text("x\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--charts", str(notadir)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{notadir}: expected a folder for the charts, found a file" in err
    assert notadir.read_text(encoding="utf-8") == "x\n"


# -- 13: import of a malformed export ----------------------------------------------------------
@pytest.mark.parametrize(("document", "expected"), [
    ([], 'expected a Mend journal export object ("format": "mend-journal/1"), found a list'),
    ({"format": "mend-journal/1", "relationships": "x", "entries": []},
     "relationships: expected a list, found a string"),
    ({"format": "mend-journal/1", "relationships": [], "entries": 5},
     "entries: expected a list, found a number"),
    ({"format": "mend-journal/1", "relationships": [{"id": 1}], "entries": []},
     'relationships[0] has no "name" or "kind"'),
    ({"format": "mend-journal/1", "relationships": [], "entries": ["x"]},
     "entries[0]: expected an object, found a string"),
    ({"format": "mend-journal/1", "relationships": [],
      "entries": [{"id": 1, "kind": "checkin", "relationship_id": None,
                   "occurred_at": "2026-03-02", "body": []}]},
     'entries[0]: "body" should be an object, found a list'),
    ({"format": "mend-journal/1", "relationships": [],
      "entries": [{"id": "one", "kind": "checkin", "relationship_id": None,
                   "occurred_at": "2026-03-02", "body": {"score": 3}}]},
     'entries[0]: "id" should be a whole number from 1 to 9223372036854775807, found \'one\''),
])
def test_import_of_a_malformed_export_names_the_file_and_the_place(
        document: object, expected: str, journal_env: None, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    path = tmp_path / "imp.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {expected}" in err
    assert "internal error" not in err
    assert _relationships(capsys) == 0


# -- 8: rekey --------------------------------------------------------------------------------
def test_rekey_never_takes_the_new_passphrase_from_the_journal_key(
        journal_env: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", "old passphrase")
    _journal_with_one_relationship()
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.setenv("MEND_JOURNAL_KEY", "old passphrase")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(["journal", "rekey"]) == 1
    out, err = capsys.readouterr()
    assert "passphrase changed" not in out
    assert "MEND_NEW_PASSPHRASE" in err


def test_rekey_refuses_the_same_passphrase(
        journal_env: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", os.environ["MEND_PASSPHRASE"])
    capsys.readouterr()
    assert main(["journal", "rekey"]) == 1
    out, err = capsys.readouterr()
    assert "passphrase changed" not in out
    assert "the new passphrase is the same as the old one" in err
    assert _relationships(capsys) == 1  # still opens with the old one


# -- 25: journal add --label -----------------------------------------------------------------
def test_journal_add_refuses_an_unknown_label(
        journal_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _journal_with_one_relationship()
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--label", "bogus"]) == 1
    assert "unknown label 'bogus'" in capsys.readouterr().err
    for label in ("rupture.withdrawal", "criticism", "rupture.criticism",
                  "rupture.confrontation.contempt"):
        assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                     "--label", label]) == 0


# -- 21, 27: wording and layout --------------------------------------------------------------
def test_analyze_table_shows_the_episode_status_in_full(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    # The table on an 80-column terminal (into a pipe it is a list, unwrapped: round 19).
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.chdir(tmp_path)
    Path("u.txt").write_text("Alex: You never listen.\nSam: Fine.\n", encoding="utf-8")
    assert main(["analyze", "u.txt", "--mode", "rules"]) == 0
    out = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)  # a terminal's styles
    assert "unresolved" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_one_turn_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("one.txt").write_text("A: hi\n", encoding="utf-8")
    assert main(["analyze", "one.txt", "--mode", "rules"]) == 0
    assert "one.txt: 1 turn, speakers: A" in capsys.readouterr().out



def test_an_analysis_entry_of_one_turn_is_singular(
        journal_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    path = tmp_path / "session.txt"
    path.write_text("A: hi\n", encoding="utf-8")
    assert main(["journal", "add", "--kind", "analysis", "--client", "C1", "--file", str(path),
                 "--date", "2026-03-02", "--mode", "rules"]) == 0
    assert "C1, 2026-03-02, 1 turn, 0 rupture episodes" in capsys.readouterr().out


def test_the_batch_summary_counts_one_error_in_the_singular(
        capsys: pytest.CaptureFixture[str]) -> None:
    from types import SimpleNamespace

    from mendkit.cli import render

    report = SimpleNamespace(conversations=1, turns=1, seconds=0.5, executor="1 process",
                             turns_per_second=2.0, errors=1, skipped=0,
                             errors_file="out.errors.jsonl")
    render.batch_report(report, "out.jsonl")
    err = " ".join(capsys.readouterr().err.split())
    assert "1 conversation (1 turn) written to out.jsonl" in err
    assert "; 1 error (see out.errors.jsonl)" in err and "1 errors" not in err


def test_journal_add_stores_labels_and_names_as_the_web_does(
        journal_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    """One check for every way in: a pattern is stored under its full label, and a name with
    nothing visible, or with control characters, is refused (the web refused them already)."""
    _journal_with_one_relationship()
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--label", "criticism"]) == 0
    capsys.readouterr()
    assert main(["journal", "export", "-"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["entries"][0]["body"]["labels"] == ["rupture.confrontation.criticism"]
    for name, said in (("\u200b", "needs a name or a pseudonym"),
                       ("Sa\x00m", "cannot hold control characters (it has U+0000)")):
        assert main(["journal", "add", "--kind", "relationship", "--name", name]) == 1
        assert said in capsys.readouterr().err
    assert _relationships(capsys) == 1
