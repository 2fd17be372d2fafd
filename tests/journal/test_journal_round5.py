"""Round 5: private file modes, delete --all and the WAL, bad ids in an import, a full disk."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal

CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("encrypted", [True, False])
def test_journal_files_exports_and_backups_are_private(
        sqlite_env: None, umask_022: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        encrypted: bool) -> None:
    home = tmp_path / "new" / "mend"
    monkeypatch.setenv("MEND_HOME", str(home))
    init = ["journal", "init"] + ([] if encrypted else ["--no-encryption"])
    assert main(init) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Secret"]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["journal", "export", str(out / "export.json")]) == 0
    assert main(["journal", "export", str(out / "export.csv"), "--format", "csv"]) == 0
    assert main(["journal", "backup", str(out / "bk.db")]) == 0
    with Journal.open(home, os.environ["MEND_PASSPHRASE"] if encrypted else None) as journal:
        if encrypted:
            journal.rekey(home, "another passphrase", CHEAP)  # makes the rekey lock file
        with journal.engine.connect() as conn:  # the WAL and SHM exist while it is open
            conn.exec_driver_sql("SELECT count(*) FROM entries").all()
            made = sorted(p.name for p in home.iterdir())
            assert {"journal.db", "journal.db-wal", "journal.db-shm"} <= set(made)
            modes = {p.name: _mode(p) for p in home.iterdir()}
    assert _mode(home) == 0o700
    assert modes == dict.fromkeys(made, 0o600)
    for name in ("export.json", "export.csv", "bk.db", "bk.db.kdf.json"):
        assert _mode(out / name) == 0o600, name


def test_an_export_over_an_existing_readable_file_becomes_private(
        sqlite_env: None, umask_022: None, home: Path, tmp_path: Path) -> None:
    assert main(["journal", "init"]) == 0
    target = tmp_path / "old.json"
    target.write_text("old\n")
    target.chmod(0o644)
    assert main(["journal", "export", str(target)]) == 0
    assert _mode(target) == 0o600
    assert json.loads(target.read_text())["format"] == "mend-journal/1"


def _plain_journal_with_secret(home: Path) -> None:
    with Journal.create(home, None, kdf=CHEAP) as j:
        r = j.add_relationship("U", "partner")
        for i in range(3):
            j.add_entry("rupture", {"what": f"secretaardvark {i}", "labels": []},
                        occurred_at="2026-01-01T00:00:00", relationship_id=r.id)


def _files_hold(home: Path, word: bytes) -> list[str]:
    return [p.name for p in home.glob("journal.db*") if word in p.read_bytes()]


def test_delete_all_while_a_reader_keeps_old_pages_says_so_and_fails(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.journal import whole_journal

    monkeypatch.delenv("MEND_PASSPHRASE")
    # ``Journal.delete_all`` lives in ``whole_journal``: the wait it reads is there.
    monkeypatch.setattr(whole_journal, "_CHECKPOINT_WAIT_MS", 100)
    _plain_journal_with_secret(home)
    reader = sqlite3.connect(home / "journal.db", isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM entries").fetchone()
        assert main(["journal", "delete", "--all", "--yes"]) == 1
        out, err = capsys.readouterr()
        assert "deleted everything" not in out
        assert "another program still has the journal open" in err
        assert "delete --all" in err  # what to run again
        assert "Traceback" not in err
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    assert "deleted everything" in capsys.readouterr().out
    assert _files_hold(home, b"secretaardvark") == []
    with Journal.open(home, None) as j:
        assert j.entries() == [] and j.relationships() == []


def test_delete_all_with_no_other_reader_leaves_no_text(sqlite_env: None, home: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    _plain_journal_with_secret(home)
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    assert _files_hold(home, b"secretaardvark") == []


def _export(tmp_path: Path, rels: list[dict[str, object]], entries: list[dict[str, object]]
            ) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "mend-journal/1", "relationships": rels,
                                "entries": entries}))
    return path


def _checkin(id_: object, rel: object = 1) -> dict[str, object]:
    return {"id": id_, "kind": "checkin", "relationship_id": rel,
            "occurred_at": "2026-01-01T10:00:00", "body": {"score": 5}}


REL = {"id": 1, "name": "A", "kind": "partner", "notes": ""}
BIG = 1180591620717411303424


@pytest.mark.parametrize("case", [
    ([REL], [_checkin(BIG)],
     f'entries[0]: "id" should be a whole number from 1 to 9223372036854775807, found {BIG}'),
    ([REL], [_checkin(0)],
     'entries[0]: "id" should be a whole number from 1 to 9223372036854775807, found 0'),
    ([{**REL, "id": BIG}], [],
     f'relationships[0]: "id" should be a whole number from 1 to 9223372036854775807, '
     f"found {BIG}"),
    ([REL], [_checkin(1, BIG)],
     f'entries[0]: "relationship_id" should be a whole number from 1 to 9223372036854775807, '
     f"found {BIG}"),
    ([REL], [_checkin(1), _checkin(1)],
     'entries[1]: "id" 1 is used twice (also entries[0]); nothing was imported'),
    ([REL, {**REL, "name": "B"}], [],
     'relationships[1]: "id" 1 is used twice (also relationships[0]); nothing was imported'),
])
def test_import_refuses_bad_or_repeated_ids_naming_the_file_and_place(
        sqlite_env: None, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        case: tuple[list[dict[str, object]], list[dict[str, object]], str]) -> None:
    rels, entries, expected = case
    assert main(["journal", "init"]) == 0
    path = _export(tmp_path, rels, entries)
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {expected}" in err
    assert "Try again" not in err and "internal error" not in err
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as j:
        assert j.relationships() == [] and j.entries() == []


def test_import_refuses_two_coach_sessions_with_one_id(
        sqlite_env: None, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.coach.session import Session

    assert main(["journal", "init"]) == 0
    session = Session(id="abc123").to_dict()
    entries = [{"id": i, "kind": "coach_session", "relationship_id": None,
                "occurred_at": "2026-01-01T10:00:00", "body": session} for i in (1, 2)]
    path = _export(tmp_path, [], entries)
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert (f"{path}: entries[1]: coach session 'abc123' is used twice (also entries[0]); "
            "nothing was imported") in err
    assert "Try again" not in err
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as j:
        assert j.entries() == []


@pytest.mark.parametrize("case", [
    ({"id": "abc123", "answers": 7}, "coach_session",
     "entries[0]: a coach session's \"format\" is missing; expected 1"),
    ({"text": "x", "label": "rupture.withdrawal"}, "correction",
     "entries[0]: missing field 'verdict'"),
])
def test_import_refuses_coach_sessions_and_corrections_mend_cannot_read_back(
        sqlite_env: None, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        case: tuple[dict[str, object], str, str]) -> None:
    body, kind, expected = case
    assert main(["journal", "init"]) == 0
    path = _export(tmp_path, [], [{"id": 1, "kind": kind, "relationship_id": None,
                                   "occurred_at": "2026-01-01T10:00:00", "body": body}])
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    assert f"{path}: {expected}" in capsys.readouterr().err
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as j:
        assert j.entries() == []


_ON_A_FULL_DISK = r"""
import os, resource, signal, sys
from mendkit.cli.main import main

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write that grows a file fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # no file may grow: a full disk
for command in (["journal", "list"], ["journal", "export", "-"],
                ["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "4"]):
    print(f"exit {main(command)}", flush=True)
"""


def test_reads_still_work_on_a_full_disk_and_a_write_says_it_is_full(
        sqlite_env: None, home: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "7"]) == 0
    assert not (home / "journal.db-shm").exists()  # closed: SQLite removed it
    result = subprocess.run([sys.executable, "-c", _ON_A_FULL_DISK], capture_output=True,
                            text=True, env=os.environ.copy(), timeout=120, check=False)
    lines = result.stdout.splitlines()
    assert "  1  Sam (other)" in lines, result.stderr
    assert [line for line in lines if line.startswith("exit")] == ["exit 0", "exit 0", "exit 1"]
    assert '"score": 7' in result.stdout  # the export
    assert "the disk is full" in result.stderr
    assert "Traceback" not in result.stderr
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as journal:
        assert [e.body["score"] for e in journal.entries()] == [7]


_INIT_ON_A_FULL_DISK = r"""
import resource, signal
from mendkit.cli.main import main

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
print(f"exit {main(['journal', 'init'])}", flush=True)
"""


def test_init_on_a_full_disk_says_so_and_leaves_nothing_to_block_a_retry(
        sqlite_env: None, home: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", _INIT_ON_A_FULL_DISK], capture_output=True,
                            text=True, env=os.environ.copy(), timeout=120, check=False)
    assert result.stdout.splitlines() == ["exit 1"], result.stderr
    assert "the journal could not be created" in result.stderr
    assert "the disk is full" in result.stderr and "upgraded" not in result.stderr
    assert list(home.glob("journal.db*")) == []
    assert main(["journal", "init"]) == 0
