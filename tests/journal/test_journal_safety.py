"""The journal never loses a committed entry: concurrent and interrupted passphrase changes,
concurrent writers, and clear errors for damaged files and bad settings (SQLite journal)."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from mendkit.cli.main import main
from mendkit.errors import JournalError
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal, _write_error

CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
OLD, NEW = "old passphrase", "new passphrase"


def _big_journal(home: Path, entries: int) -> None:
    with Journal.create(home, OLD, kdf=CHEAP) as journal:
        rel = journal.add_relationship("Alex", "partner")
        journal.add_entries([("rupture", {"what": f"entry {i} " + "lorem ipsum " * 40},
                              "2026-01-01T10:00", rel.id) for i in range(entries)])


def _count_with(home: Path, passphrase: str) -> int | None:
    """How many entries the journal holds when opened with this passphrase (None: it does not
    open)."""
    try:
        with Journal.open(home, passphrase) as journal, journal.engine.connect() as conn:
            return int(conn.scalar(text("SELECT count(*) FROM entries")) or 0)
    except JournalError:
        return None


def _rekey_child(home: Path, new: str) -> None:
    try:
        with Journal.open(home, OLD) as journal:
            journal.rekey(home, new, CHEAP)
    finally:
        os._exit(0)


# -- 1. one rekey at a time -----------------------------------------------------------------
def test_a_second_rekey_while_one_runs_is_refused_and_the_journal_survives(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _big_journal(home, 30_000)
    ctx = multiprocessing.get_context("fork")
    first = ctx.Process(target=_rekey_child, args=(home, NEW))
    first.start()
    deadline = time.monotonic() + 10
    while not list(home.glob("journal.db.kdf.json*.new")) and time.monotonic() < deadline:
        time.sleep(0.001)
    monkeypatch.setenv("MEND_PASSPHRASE", OLD)
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "a third passphrase")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    code = main(["journal", "rekey"])
    first.join(30)
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error" not in err and "Traceback" not in err
    assert "passphrase" in err
    assert _count_with(home, NEW) == 30_000
    assert _count_with(home, OLD) is None
    assert _count_with(home, "a third passphrase") is None


# -- 2. a crash at any moment of a rekey ----------------------------------------------------
def test_a_rekey_killed_at_any_moment_leaves_a_journal_one_passphrase_opens(
        tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    _big_journal(saved, 12_000)
    home = tmp_path / "home"
    ctx = multiprocessing.get_context("fork")

    def run(kill_after: float | None) -> None:
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(saved, home)
        child = ctx.Process(target=_rekey_child, args=(home, NEW))
        child.start()
        if kill_after is not None:
            time.sleep(kill_after)
            if child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
        child.join(30)

    started = time.monotonic()
    run(None)
    whole = time.monotonic() - started
    assert _count_with(home, NEW) == 12_000  # an uninterrupted rekey works
    rng = random.Random(20261206)
    kills = 0
    switched = 0
    while kills < 40 and time.monotonic() - started < 15:
        run(rng.uniform(0, whole * 1.1))
        kills += 1
        old, new = _count_with(home, OLD), _count_with(home, NEW)
        assert (old, new) in ((12_000, None), (None, 12_000)), f"kill {kills}: {old=} {new=}"
        switched += new is not None
        assert _count_with(home, OLD if new is None else NEW) == 12_000  # and again, settled
    assert kills >= 10


# -- 3. concurrent writers wait instead of failing -------------------------------------------
def _add_many(home: str, tag: int) -> None:
    try:
        with Journal.open(Path(home), OLD) as journal:
            for i in range(6):
                journal.add_entry("rupture", {"what": f"r-{tag}-{i}"},
                                  occurred_at="2026-01-01T10:00", relationship_id=1)
    except JournalError:
        os._exit(1)
    os._exit(0)


def test_concurrent_adds_to_a_relationship_all_save(home: Path) -> None:
    with Journal.create(home, OLD, kdf=CHEAP) as journal:
        journal.add_relationship("C", "friend")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_add_many, args=(str(home), n)) for n in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 8
    with Journal.open(home, OLD) as journal:
        assert len(journal.entries(relationship_id=1)) == 48


def test_a_locked_journal_is_not_blamed_on_space_or_permissions() -> None:
    import sqlite3

    exc = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    message = _write_error(exc)
    assert "Nothing of this change was saved" in message
    assert "space" not in message and "permissions" not in message
    assert "another" in message


# -- 5. import refuses an occurred_at that is not a date and time ---------------------------
@pytest.mark.parametrize("when", ["last tuesday", "2026-13-45"])
def test_import_refuses_an_entry_whose_time_is_not_iso(home: Path, when: str) -> None:
    with Journal.create(home, OLD, kdf=CHEAP) as journal:
        data = {"format": "mend-journal/1",
                "relationships": [{"id": 1, "name": "A", "kind": "friend", "notes": ""}],
                "entries": [{"id": 1, "kind": "rupture", "body": {"what": "x"},
                             "relationship_id": 1, "occurred_at": when}]}
        with pytest.raises(JournalError, match=r"baddate\.json: entries\[0\]: \"occurred_at\" "
                           r"should be an ISO date and time"):
            journal.import_(data, source="baddate.json")
        assert journal.entries() == [] and journal.relationships() == []


# -- 6-9. clear errors, exit 1, no SQL, no traceback ----------------------------------------
def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err and "SELECT" not in err
    return code, err


def test_a_damaged_page_is_reported_as_damage(home: Path, sqlite_env: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "A"]) == 0
    db = home / "journal.db"
    blob = bytearray(db.read_bytes())
    blob[4100] ^= 0xFF
    db.write_bytes(bytes(blob))
    capsys.readouterr()
    code, err = _cli(capsys, "journal", "list")
    assert code == 1
    assert "damaged" in err and "backup" in err and "space" not in err


@pytest.mark.parametrize(("change", "expected"), [
    ({"salt": "00"}, "salt"),
    ({"memory_kib": 99999999999}, "memory_kib"),
    ({"time_cost": 0}, "time_cost"),
    ({"encrypted": "false"}, "encrypted"),
])
def test_a_bad_key_file_is_a_clear_error(home: Path, sqlite_env: None,
                                         capsys: pytest.CaptureFixture[str],
                                         change: dict[str, object], expected: str) -> None:
    import json

    assert main(["journal", "init"]) == 0
    side = home / "journal.db.kdf.json"
    side.write_text(json.dumps(json.loads(side.read_text()) | change))
    capsys.readouterr()
    code, err = _cli(capsys, "journal", "list")
    assert code == 1
    assert "journal.db.kdf.json" in err and expected in err


def test_a_missing_key_file_asks_for_the_one_that_belongs_with_it(
        home: Path, sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    (home / "journal.db.kdf.json").unlink()
    capsys.readouterr()
    code, err = _cli(capsys, "journal", "list")
    assert code == 1
    assert "journal init" not in err and ".kdf.json" in err and "belongs" in err


@pytest.mark.parametrize("kdf", ["1,1,1", "1,99999999999,1"])
def test_a_bad_kdf_setting_is_a_clear_error(home: Path, sqlite_env: None,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], kdf: str) -> None:
    monkeypatch.setenv("MEND_JOURNAL_KDF", kdf)
    code, err = _cli(capsys, "journal", "init")
    assert code == 1
    assert "memory_kib" in err


def test_a_passphrase_that_is_not_utf8_is_a_clear_error(home: Path, sqlite_env: None,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", "\udcff\udcfe" * 4)  # bytes ff fe, as Python reads them
    code, err = _cli(capsys, "journal", "init")
    assert code == 1
    assert "UTF-8" in err


def test_an_import_naming_a_relationship_it_lacks_names_the_entry(tmp_path: Path) -> None:
    data = {"format": "mend-journal/1", "relationships": [],
            "entries": [{"id": 1, "kind": "rupture", "body": {"what": "x"},
                         "relationship_id": 7, "occurred_at": "2026-01-01"}]}
    with Journal.create(tmp_path / "j", "pw", kdf=CHEAP) as journal:
        with pytest.raises(JournalError, match=r'fk\.json: entries\[0\]: "relationship_id" 7'):
            journal.import_(data, source="fk.json")
        assert journal.entries() == []


def test_an_export_saved_with_a_byte_order_mark_imports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MEND_PASSPHRASE", "long enough pw")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"format": "mend-journal/1", "relationships": [], '
                     b'"entries": []}')
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(path)]) == 0
    assert "imported 0 relationships and 0 entries" in capsys.readouterr().out


def test_an_import_holding_half_a_character_is_refused_whole(tmp_path: Path) -> None:
    data = {"format": "mend-journal/1",
            "relationships": [{"id": 1, "name": "A", "kind": "friend", "notes": ""}],
            "entries": [{"id": 1, "kind": "rupture", "body": {"what": "lone \ud83d here"},
                         "relationship_id": 1, "occurred_at": "2026-01-01"}]}
    with Journal.create(tmp_path / "j", "pw", kdf=CHEAP) as journal:
        with pytest.raises(JournalError, match="half of a character"):
            journal.import_(data, source="sur.json")
        assert journal.relationships() == []
