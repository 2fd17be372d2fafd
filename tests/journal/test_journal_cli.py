"""The journal through `mend journal ...`, on SQLite (SQLCipher) and PostgreSQL: add, list,
export and import, wrong passphrases, plaintext scans, delete, rekey and backup."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from mendkit.cli.main import main

MARK_NAME = "Zorblax-Quintavelle"
MARK_TEXT = "flibbertigibbet-marmalade-7731"
MARK_REPAIR = "snorkelwomp-apology-4410"


def _fill() -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", MARK_NAME,
                 "--type", "partner", "--notes", "anxious attachment"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", MARK_TEXT,
                 "--when", "2026-03-01T10:00:00", "--severity", "3",
                 "--label", "rupture.criticism"]) == 0
    assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--text", MARK_REPAIR,
                 "--uptake", "partly", "--when", "2026-03-01T12:00:00"]) == 0
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "7",
                 "--when", "2026-03-02T09:00:00"]) == 0


def test_add_list_show(backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    capsys.readouterr()
    assert main(["journal", "list", "--kind", "repair"]) == 0
    out = capsys.readouterr().out
    assert MARK_NAME in out and MARK_REPAIR in out and MARK_TEXT not in out
    assert main(["journal", "show", "2", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["body"] == {"message": MARK_REPAIR, "uptake": "partly", "by": "me"}
    assert shown["relationship_id"] == 1


def test_export_import_export_is_byte_identical(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["journal", "export", str(first)]) == 0
    _fresh_journal(backend, tmp_path, monkeypatch)
    assert main(["journal", "import", str(first)]) == 0
    assert main(["journal", "export", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert MARK_TEXT in first.read_text(encoding="utf-8")


def test_csv_export(backend: str, tmp_path: Path) -> None:
    _fill()
    out = tmp_path / "j.csv"
    assert main(["journal", "export", str(out), "--format", "csv"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["Relationships", "id,name,type,notes"]
    assert lines[4:6] == ["Entries", "id,date,relationship,kind,summary,severity,labels,outcome,"
                          "by,score,details_json"]
    assert len(lines) == 2 + 1 + 1 + 2 + 3


def test_bad_input_is_exit_1(backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "9", "--text", "x"]) == 1
    assert "no relationship with id 9" in capsys.readouterr().err
    assert main(["journal", "show", "42"]) == 1
    assert main(["journal", "init"]) == 1  # already there


def test_wrong_passphrase_is_clear_and_changes_nothing(
        backend: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        home: Path) -> None:
    _fill()
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
              for p in home.glob("journal.db*")}
    capsys.readouterr()
    monkeypatch.setenv("MEND_PASSPHRASE", "not the passphrase")
    assert main(["journal", "list"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert ("wrong passphrase" in err) if backend == "sqlite" else ("does not match" in err)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in home.glob("journal.db*")}
    assert before == after
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    assert main(["journal", "show", "1"]) == 0
    assert MARK_TEXT in capsys.readouterr().out


def test_postgres_dump_holds_no_free_text(backend: str) -> None:
    if backend != "postgres":
        return
    import os

    import psycopg

    _fill()
    url = os.environ["MEND_DATABASE_URL"].replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT name, notes FROM relationships").fetchall()
        rows += conn.execute("SELECT body, kind FROM entries").fetchall()
    dump = repr(rows)
    for mark in (MARK_NAME, MARK_TEXT, MARK_REPAIR, "anxious"):
        assert mark not in dump
    assert len(rows) == 4


def test_sqlite_file_wal_and_backup_hold_no_plaintext(
        sqlite_env: None, home: Path, tmp_path: Path) -> None:
    _fill()
    backup = tmp_path / "backup.db"
    assert main(["journal", "backup", str(backup)]) == 0
    files = [*home.glob("journal.db*"), backup]
    blob = b"".join(p.read_bytes() for p in files)
    assert len(blob) > 4096
    for mark in (MARK_NAME, MARK_TEXT, MARK_REPAIR):
        assert mark.encode() not in blob
    # the backup opens with the same passphrase
    with _open_backup(backup) as j:
        assert j.entries(kind="rupture")[0].body["what"] == MARK_TEXT


def _open_backup(backup: Path):  # type: ignore[no-untyped-def]
    import shutil

    from mendkit.journal.repository import Journal

    home = backup.parent / "restored"
    home.mkdir()
    shutil.copyfile(backup, home / "journal.db")
    shutil.copyfile(backup.with_name(backup.name + ".kdf.json"), home / "journal.db.kdf.json")
    return Journal.open(home, "correct horse battery staple")


def test_delete_all_leaves_no_trace_in_file_or_wal(
        sqlite_env: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init", "--no-encryption"]) == 0
    assert "NOT be encrypted" in capsys.readouterr().err
    assert main(["journal", "add", "--kind", "relationship", "--name", MARK_NAME]) == 0
    for _ in range(50):
        assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", MARK_TEXT]) == 0
    blob = b"".join(p.read_bytes() for p in home.glob("journal.db*"))
    assert MARK_TEXT.encode() in blob  # unencrypted: the marker is there before deleting
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    blob = b"".join(p.read_bytes() for p in home.glob("journal.db*"))
    assert MARK_TEXT.encode() not in blob and MARK_NAME.encode() not in blob
    assert main(["journal", "list"]) == 0


# -- rekey and backup on both backends ----------------------------------------------------
NEW = "a brand new passphrase"


def _export(tmp_path: Path, name: str) -> str:
    out = tmp_path / name
    assert main(["journal", "export", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _raw_rows() -> list[tuple[str, ...]]:
    import psycopg

    url = os.environ["MEND_DATABASE_URL"].replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT 'r' || id, name, notes FROM relationships ORDER BY id").fetchall()
        rows += conn.execute("SELECT 'e' || id, body, '' FROM entries ORDER BY id").fetchall()
    return rows


def _fresh_journal(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point MEND_HOME (and, on PostgreSQL, the database) at a new, empty journal."""
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "other-home"))
    if backend == "postgres":
        import psycopg

        url = os.environ["MEND_DATABASE_URL"]
        base, name = url.rsplit("/", 1)
        with psycopg.connect(base.replace("postgresql+psycopg", "postgresql") + "/postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}_b")
        monkeypatch.setenv("MEND_DATABASE_URL", f"{url}_b")
    assert main(["journal", "init"]) == 0


def test_rekey_re_encrypts_everything(backend: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    before = _export(tmp_path, "before.json")
    raw_before = _raw_rows() if backend == "postgres" else []
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", NEW)
    assert main(["journal", "rekey"]) == 0
    capsys.readouterr()
    assert main(["journal", "list"]) == 1  # the old passphrase no longer opens it
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert ("wrong passphrase" in err) if backend == "sqlite" else ("does not match" in err)
    monkeypatch.setenv("MEND_PASSPHRASE", NEW)
    assert _export(tmp_path, "after.json") == before  # every row, readable with the new key
    if backend == "postgres":
        raw_after = _raw_rows()
        assert [r[0] for r in raw_after] == [r[0] for r in raw_before]  # no row lost
        changed = [(a[1] != b[1]) and (a[2] == b[2] == "" or a[2] != b[2])
                   for a, b in zip(raw_after, raw_before, strict=True)]
        assert all(changed)  # every encrypted column was re-encrypted
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "4"]) == 0


def test_a_postgres_backup_is_encrypted_and_restores_into_an_empty_journal(
        postgres_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """(An SQLite backup is an SQLCipher copy of the file: see the plaintext test above.)"""
    _fill()
    original = _export(tmp_path, "original.json")
    backup = tmp_path / "practice.backup"
    assert main(["journal", "backup", str(backup)]) == 0
    blob = backup.read_bytes()
    for mark in (MARK_NAME, MARK_TEXT, MARK_REPAIR, "anxious"):
        assert mark.encode() not in blob
    side = json.loads((tmp_path / "practice.backup.kdf.json").read_text(encoding="utf-8"))
    assert side["kdf"] == "argon2id" and "key" not in side
    assert main(["journal", "backup", str(backup)]) == 1  # never overwrites
    _fresh_journal("postgres", tmp_path, monkeypatch)
    capsys.readouterr()
    monkeypatch.setenv("MEND_BACKUP_PASSPHRASE", "not the passphrase")
    assert main(["journal", "import", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "wrong passphrase for this backup" in err and "Traceback" not in err
    monkeypatch.delenv("MEND_BACKUP_PASSPHRASE")
    assert main(["journal", "import", str(backup)]) == 0
    assert "imported 1 relationship and 3 entries" in capsys.readouterr().out
    assert _export(tmp_path, "restored.json") == original
    # ids carry on after the restored ones
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "6"]) == 0
    assert "added checkin 4" in capsys.readouterr().out


def test_a_postgres_backup_restores_into_sqlite(postgres_env: None, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _fill()
    original = _export(tmp_path, "original.json")
    backup = tmp_path / "practice.backup"
    assert main(["journal", "backup", str(backup)]) == 0
    monkeypatch.delenv("MEND_DATABASE_URL")
    _fresh_journal("sqlite", tmp_path, monkeypatch)
    assert main(["journal", "import", str(backup)]) == 0
    assert _export(tmp_path, "restored.json") == original


def test_a_bad_import_is_a_clear_error_and_imports_nothing(
        backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "mend-journal/1", "relationships": [
        {"id": 1, "name": "Sam", "kind": "partner", "notes": ""}], "entries": [
        {"id": 1, "kind": "checkin", "relationship_id": 1, "occurred_at": "2026-01-01",
         "body": {"score": 3}},
        {"id": 2, "kind": "checkin", "relationship_id": 9, "occurred_at": "2026-01-02",
         "body": {"score": 4}}]}), encoding="utf-8")
    capsys.readouterr()
    assert main(["journal", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert 'entries[1]: "relationship_id" 9 is none' in err and "Traceback" not in err
    assert main(["journal", "export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == []  # one transaction: nothing in
