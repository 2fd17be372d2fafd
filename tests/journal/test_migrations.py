"""The journal's schema comes from Alembic: new journals are at head, old ones are upgraded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from mendkit.cli.main import main
from mendkit.journal import schema
from mendkit.journal.crypto import KdfParams, Sidecar, derive_key, new_salt
from mendkit.journal.repository import Journal, db_path, sidecar_path
from mendkit.journal.tables import Base

PASS = "correct horse battery staple"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
MARK = "quillfeather-rupture-5521"

# The DDL that Mend's create_all wrote before migrations existed (SQLite and PostgreSQL).
OLD_DDL = {
    "sqlite": [
        'CREATE TABLE journal_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, '
        'PRIMARY KEY ("key"))',
        "CREATE TABLE relationships (id INTEGER NOT NULL, name TEXT NOT NULL, "
        "kind VARCHAR(32) NOT NULL, notes TEXT NOT NULL, PRIMARY KEY (id))",
        "CREATE TABLE entries (id INTEGER NOT NULL, kind VARCHAR(32) NOT NULL, "
        "relationship_id INTEGER, occurred_at VARCHAR(40) NOT NULL, body TEXT NOT NULL, "
        "PRIMARY KEY (id), FOREIGN KEY(relationship_id) REFERENCES relationships (id) "
        "ON DELETE CASCADE)",
        "CREATE INDEX ix_entries_kind ON entries (kind)",
        "CREATE INDEX ix_entries_relationship_id ON entries (relationship_id)",
    ],
    "postgres": [
        "CREATE TABLE journal_meta (key VARCHAR(64) NOT NULL, value TEXT NOT NULL, "
        "PRIMARY KEY (key))",
        "CREATE TABLE relationships (id SERIAL NOT NULL, name TEXT NOT NULL, "
        "kind VARCHAR(32) NOT NULL, notes TEXT NOT NULL, PRIMARY KEY (id))",
        "CREATE TABLE entries (id SERIAL NOT NULL, kind VARCHAR(32) NOT NULL, "
        "relationship_id INTEGER, occurred_at VARCHAR(40) NOT NULL, body TEXT NOT NULL, "
        "PRIMARY KEY (id), FOREIGN KEY(relationship_id) REFERENCES relationships (id) "
        "ON DELETE CASCADE)",
        "CREATE INDEX ix_entries_kind ON entries (kind)",
        "CREATE INDEX ix_entries_relationship_id ON entries (relationship_id)",
    ],
}


def _open(home: Path) -> Journal:
    return Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL"))


def _revision(journal: Journal) -> str | None:
    with journal.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_head_is_the_newest_migration_file() -> None:
    assert schema.head() == schema.HEAD == "0002_accounts"


def test_a_new_journal_is_at_head_and_matches_the_models(backend: str, home: Path) -> None:
    assert main(["journal", "init"]) == 0
    with _open(home) as journal:
        assert _revision(journal) == schema.HEAD
        with journal.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []


def _old_style_journal(backend: str, home: Path) -> None:
    """A journal as the create_all code made it: its tables, no alembic_version, two entries."""
    salt = new_salt()
    if backend == "sqlite":
        home.mkdir(parents=True, exist_ok=True)
        Sidecar(salt=salt, params=CHEAP).write(sidecar_path(home))
        key = derive_key(PASS, salt, CHEAP)
        engine = create_engine(URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'",
                                          database=str(db_path(home))))
        body = lambda s: s  # noqa: E731 (the whole file is encrypted)
    else:
        from mendkit.journal.crypto import TextCipher

        engine = create_engine(os.environ["MEND_DATABASE_URL"])
        cipher = TextCipher(derive_key(PASS, salt, CHEAP))
        body = cipher.encrypt
    with engine.begin() as conn:
        for ddl in OLD_DDL[backend]:
            conn.execute(text(ddl))
        if backend == "postgres":
            conn.execute(text("INSERT INTO journal_meta VALUES ('kdf', :k), ('check', :c)"),
                         {"k": Sidecar(salt=salt, params=CHEAP).to_json(),
                          "c": body("mend-journal")})
        conn.execute(text("INSERT INTO relationships (name, kind, notes) VALUES (:n, 'partner', :o)"),
                     {"n": body("Sam"), "o": body("")})
        for i, what in enumerate((MARK, "second")):
            conn.execute(text("INSERT INTO entries (kind, relationship_id, occurred_at, body) "
                              "VALUES ('rupture', 1, :at, :b)"),
                         {"at": f"2026-0{i + 1}-01T10:00:00",
                          "b": body(f'{{"labels": [], "what": "{what}"}}')})
    engine.dispose()


def test_an_old_style_journal_is_upgraded_and_keeps_its_entries(backend: str, home: Path) -> None:
    _old_style_journal(backend, home)
    with _open(home) as journal:
        assert _revision(journal) == schema.HEAD
        assert [e.body["what"] for e in journal.entries(kind="rupture")] == [MARK, "second"]
        assert journal.relationships()[0].name == "Sam"
        with journal.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        added = journal.add_entry("checkin", {"score": 5}, occurred_at="2026-03-01T00:00:00",
                                  relationship_id=1)
        assert added.id == 3
    with _open(home) as journal:  # opening again changes nothing
        assert len(journal.entries()) == 3


def test_a_failed_upgrade_changes_nothing(sqlite_env: None, home: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The upgrade is one transaction: when it fails half-way, the old journal is untouched."""
    _old_style_journal("sqlite", home)
    from alembic import op

    real = op.create_index

    def fail_on_unique(name: str, *args: object, **kwargs: object) -> None:
        if name == "ux_entries_kind_ref":
            raise RuntimeError("disk trouble")
        real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(op, "create_index", fail_on_unique)
    with pytest.raises(RuntimeError, match="disk trouble"):
        _open(home)
    monkeypatch.setattr(op, "create_index", real)
    key = derive_key(PASS, Sidecar.read(sidecar_path(home)).salt, CHEAP)
    engine = create_engine(URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'",
                                      database=str(db_path(home))))
    with engine.connect() as conn:
        tables = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type='table'")))
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(entries)"))}
    engine.dispose()
    assert "alembic_version" not in tables and "ref" not in columns
    with _open(home) as journal:  # and a later open upgrades it
        assert _revision(journal) == schema.HEAD
        assert len(journal.entries()) == 2


def test_a_journal_from_a_newer_mend_is_a_clear_error(sqlite_env: None, home: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    with _open(home) as journal, journal.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    capsys.readouterr()
    assert main(["journal", "list"]) == 1
    err = capsys.readouterr().err
    assert "newer version of Mend" in err and "Traceback" not in err
