"""Coach sessions, two-person answers and corrections live in the journal when there is one."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.journal.repository import Journal
from model_only import PREVIOUS, TEXT

MARK = "zephyrquill-feedback-8812"
MARK_PAIR = "glimmerwhisk-hurt-3307"
MARK_CORRECTION = "Don't bother waiting up, brambleflux."
UP_TO_CHECK = ["", "yes", "my manager", "work", MARK, "",
               "Boss: You need to be more efficient.\nMe: understood"]
FLOODED = ["9", "25", "no"]
CALM_TO_END = ["yes", "3", "skip", "yes", "I went quiet and only said 'understood'", "",
               "talk through feedback before the deadline", "", "accept", "angry",
               "hurt", "to know my effort is seen", "", "ask more questions at the start", "0"]
PASS = "correct horse battery staple"


def _answers(tmp_path: Path, name: str, answers: list[str]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _journal(home: Path) -> Journal:
    return Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL"))


def _files_holding(home: Path, mark: str) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and mark.encode() in p.read_bytes()]


@pytest.mark.slow
def test_coach_with_a_journal_saves_into_it_and_resumes_from_it(
        backend: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["coach", "--answers", _answers(tmp_path, "a", [*UP_TO_CHECK, *FLOODED])]) == 0
    out = capsys.readouterr().out
    session_id = re.search(r"--resume ([0-9a-f]{12})", out).group(1)  # type: ignore[union-attr]
    assert not (home / "coach").exists()
    assert _files_holding(home, MARK) == []
    with _journal(home) as journal:
        (saved,) = journal.entries(kind="coach_session")
        assert saved.body["id"] == session_id and saved.body["state"] == "on_break"
        assert saved.body["answers"]["recognise_what"] == MARK
    assert main(["coach", "--resume", "--answers", _answers(tmp_path, "b", CALM_TO_END)]) == 0
    assert "I'll ask how it went" in capsys.readouterr().out
    with _journal(home) as journal:
        (saved,) = journal.entries(kind="coach_session")  # replaced, not added
        assert saved.body["id"] == session_id and saved.body["state"] == "awaiting_follow_up"
    assert not (home / "coach").exists()
    assert _files_holding(home, MARK) == []


def _plain_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A half-done coach session, a two-person answer and a correction, in plain files (made
    before any journal: without MEND_DATABASE_URL)."""
    url = os.environ.pop("MEND_DATABASE_URL", None)
    try:
        assert main(["coach", "--answers", _answers(tmp_path, "a", UP_TO_CHECK[:5])]) == 0
        assert main(["coach", "--pair", "--answers",
                     _answers(tmp_path, "p", ["Ana", "yes", MARK_PAIR, "yes"])]) == 0
        assert main(["correct", MARK_CORRECTION, "--label", "repair.request", "--missing"]) == 0
    finally:
        if url is not None:
            os.environ["MEND_DATABASE_URL"] = url
    out = capsys.readouterr().out
    return re.search(r"Session ([0-9a-f]{12})", out).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("first_command", [["journal", "init"], ["journal", "list"]])
def test_plain_files_move_into_the_journal_once(
        backend: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        first_command: list[str]) -> None:
    session_id = _plain_files(tmp_path, capsys)
    for mark in (MARK, MARK_PAIR, "brambleflux"):
        assert _files_holding(home, mark)
    if first_command == ["journal", "list"]:  # the journal exists, the files are older
        from mendkit.journal.crypto import KdfParams

        Journal.create(home, PASS, url=os.environ.get("MEND_DATABASE_URL"),
                       kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1)).close()
    assert main(first_command) == 0
    err = capsys.readouterr().err
    assert "Moved 1 coach session, 1 two-person answer, 1 correction" in err
    for mark in (MARK, MARK_PAIR, "brambleflux"):
        assert _files_holding(home, mark) == []
    assert not (home / "coach").exists() and not (home / "corrections.jsonl").exists()
    with _journal(home) as journal:
        assert sorted(e.kind for e in journal.entries()) == [
            "coach_pair", "coach_session", "correction"]
    assert main(["journal", "list"]) == 0
    assert "Moved" not in capsys.readouterr().err  # said once
    export = tmp_path / "corrections.jsonl"
    assert main(["correct", "--export", str(export)]) == 0
    assert "brambleflux" in export.read_text(encoding="utf-8")
    # the moved session resumes from the journal, and the two-person answers carry on there
    assert main(["coach", "--resume", session_id, "--answers",
                 _answers(tmp_path, "r", ["", "x"])]) == 0
    assert f"Session {session_id}" in capsys.readouterr().out
    with _journal(home) as journal:
        (saved,) = journal.entries(kind="coach_session")
        assert saved.body["answers"]["recognise_what"] == MARK
    assert not (home / "coach").exists()


def test_files_stay_when_the_move_fails(sqlite_env: None, home: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _plain_files(tmp_path, capsys)
    before = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file())

    def fail(*_args: object, **_kwargs: object) -> None:
        from mendkit.errors import JournalError

        raise JournalError("the journal could not be written: disk I/O error")

    original = Journal.put_many
    monkeypatch.setattr(Journal, "put_many", fail)
    assert main(["journal", "init"]) == 1
    assert "could not be written" in capsys.readouterr().err
    after = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file()
                   if not p.name.startswith("journal.db"))
    assert after == before
    monkeypatch.setattr(Journal, "put_many", original)
    assert main(["journal", "list"]) == 0  # the next open moves them
    assert "Moved 1 coach session" in capsys.readouterr().err


@pytest.mark.slow
def test_correct_and_train_with_a_journal(backend: str, home: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    check = ["check", TEXT, "--context", PREVIOUS, "--json"]
    assert main(check) == 0
    assert "rupture.confrontation" in json.loads(capsys.readouterr().out)["labels"]
    assert main(["correct", TEXT, "--label", "rupture.confrontation",
                 "--previous", PREVIOUS]) == 0
    assert "(the journal)" in capsys.readouterr().out
    assert not (home / "corrections.jsonl").exists()
    with _journal(home) as journal:
        (entry,) = journal.entries(kind="correction")
        assert entry.body["text"] == TEXT and entry.body["verdict"] == "wrong"
    assert main(["train"]) == 0
    assert "1 corrections" in capsys.readouterr().out
    assert main(check) == 0
    assert "rupture.confrontation" not in json.loads(capsys.readouterr().out)["labels"]


def test_a_journal_without_a_passphrase_is_a_clear_error_for_the_coach(
        sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["coach", "--answers", _answers(tmp_path, "a", UP_TO_CHECK[:3])]) == 1
    err = capsys.readouterr().err
    assert "passphrase" in err and "Traceback" not in err


def test_the_web_coach_keeps_its_sessions_in_the_journal(
        backend: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    assert main(["journal", "init"]) == 0
    settings = Settings.from_env()
    with TestClient(create_app(settings)) as client:  # runs the app's lifespan
        client.app.state.mend.vault.unlock(os.environ["MEND_PASSPHRASE"])  # as `mend serve` does
        first = client.post("/api/coach", json={}).json()
        url = f"/api/coach/{first['id']}"
        for answer in ("", "yes", "my manager", "work", MARK):
            assert client.post(url, json={"answer": answer}).status_code == 200
    assert _files_holding(home, MARK) == [] and not (home / "coach").exists()
    with _journal(home) as journal:
        (saved,) = journal.entries(kind="coach_session")
        assert saved.body["answers"]["recognise_what"] == MARK
    with TestClient(create_app(settings)) as locked:  # a locked journal: asks to unlock it
        r = locked.post("/api/coach", json={})
        assert r.status_code == 423 and "Unlock" in r.json()["error"]
        page = locked.get("/coach/anything", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/journal?next=%2Fcoach%2Fanything"  # and back there
