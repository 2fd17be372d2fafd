"""Round 17: on a real PostgreSQL, deleting an entry or a relationship, or renaming one, leaves the
old (encrypted) text in none of the tables' files, and rewrites only the tables that changed: a
rename no longer rewrites every entry, nor an entry's delete the relationships.

Read from the server's own files (the tests run as root beside it, with a checkpoint first, so
that what is in memory is written out). Why plain VACUUM is not enough: the last test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from mendkit.journal.repository import Journal

WHEN = "2026-03-01T10:00:00+00:00"


@contextmanager
def _journal() -> Iterator[Journal]:
    home = Path(os.environ["MEND_HOME"])
    with Journal.create(home, os.environ["MEND_PASSPHRASE"],
                        url=os.environ["MEND_DATABASE_URL"]) as journal:
        yield journal


def _sql(journal: Journal, query: str) -> object:
    with journal.engine.connect() as conn:
        return conn.execute(text(query)).scalar()


def _node(journal: Journal, table: str) -> object:
    """The table's file: a new one each time the table is rewritten."""
    return _sql(journal, f"SELECT pg_relation_filenode('{table}')")


def _files(journal: Journal) -> bytes:
    """Everything in the files of the journal's two tables, their TOAST tables and indexes."""
    with journal.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("CHECKPOINT"))
        data = Path(str(conn.execute(text("SHOW data_directory")).scalar()))
        paths = list(conn.execute(text(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid IN ("
            " SELECT t.oid FROM pg_class t WHERE t.relname IN ('entries', 'relationships')"
            " UNION SELECT t.reltoastrelid FROM pg_class t"
            "  WHERE t.relname IN ('entries', 'relationships') AND t.reltoastrelid <> 0"
            " UNION SELECT i.indexrelid FROM pg_index i"
            "  WHERE i.indrelid IN ('entries'::regclass, 'relationships'::regclass))")).scalars())
    return b"".join(f.read_bytes() for p in paths for f in data.glob(f"{p}*"))


def _stored(journal: Journal, table: str, column: str, row: int) -> bytes:
    """A piece of a row's stored (encrypted) text, to look for in the files."""
    return str(_sql(journal, f"SELECT {column} FROM {table} WHERE id = {row}"))[8:48].encode()


def test_deleted_entries_leave_no_copy_and_the_relationships_are_not_rewritten(
        postgres_env: None) -> None:
    with _journal() as journal:
        sam = journal.add_relationship("Sam", "partner").id
        ids = [journal.add_entry("rupture", {"what": f"words {n} " + "x" * size},
                                 occurred_at=WHEN, relationship_id=sam).id
               for n, size in enumerate((10, 10, 4000, 10))]  # the third is stored in TOAST
        gone = [_stored(journal, "entries", "body", i) for i in ids[1:]]
        kept = _stored(journal, "entries", "body", ids[0])
        assert all(piece in _files(journal) for piece in (*gone, kept))
        relationships = _node(journal, "relationships")
        for entry_id in reversed(ids[1:]):  # the last row first: its space is left as a gap
            journal.delete_entry(entry_id)
        blob = _files(journal)
        assert [piece in blob for piece in gone] == [False, False, False]
        assert kept in blob
        assert _node(journal, "relationships") == relationships


def test_a_rename_leaves_no_old_name_and_does_not_rewrite_the_entries(
        postgres_env: None) -> None:
    with _journal() as journal:
        sam = journal.add_relationship("Realname-Okafor-3390", "partner").id
        journal.add_entry("checkin", {"score": 5}, occurred_at=WHEN, relationship_id=sam)
        old = _stored(journal, "relationships", "name", sam)
        entries = _node(journal, "entries")
        journal.rename_relationship(sam, "Sam")
        assert old not in _files(journal)
        assert _node(journal, "entries") == entries
        assert [r.name for r in journal.relationships()] == ["Sam"]


def test_a_deleted_relationship_leaves_no_copy_of_its_name_or_entries(
        postgres_env: None) -> None:
    with _journal() as journal:
        keep = journal.add_relationship("Kim", "friend").id
        sam = journal.add_relationship("Realname-Okafor-3390", "partner").id
        entry = journal.add_entry("rupture", {"what": "a harsh word"}, occurred_at=WHEN,
                                  relationship_id=sam).id
        gone = [_stored(journal, "relationships", "name", sam),
                _stored(journal, "entries", "body", entry)]
        kept = _stored(journal, "relationships", "name", keep)
        journal.delete_relationship(sam)
        blob = _files(journal)
        assert [piece in blob for piece in gone] == [False, False] and kept in blob


def test_plain_vacuum_would_leave_a_deleted_row_in_the_file(postgres_env: None) -> None:
    """Why a delete rewrites the table: a plain VACUUM frees a dead row's space in its page
    without overwriting it (here, the last relationship added, nearest the page's free space)."""
    with _journal() as journal:
        journal.add_relationship("Kim", "friend")
        sam = journal.add_relationship("Realname-Okafor-3390", "partner").id
        old = _stored(journal, "relationships", "name", sam)
        with journal.engine.connect() as conn:
            conn.execute(text(f"DELETE FROM relationships WHERE id = {sam}"))
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM relationships"))
        assert old in _files(journal)
