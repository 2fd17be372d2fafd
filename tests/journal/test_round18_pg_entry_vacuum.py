"""Round 18 (f5's item 4): why deleting one entry on PostgreSQL still rewrites the entries table
(``VACUUM FULL entries``, with its exclusive lock) instead of running the lighter plain
``VACUUM``. Plain VACUUM marks a dead row's space reusable without overwriting it, so a deleted
entry's stored text, in the table's own file or in its TOAST table, stays readable in the
database's files until new rows happen to fill that space. The relationships table's case is
tests/journal/test_round17_pg_overwrite.py's last test; this is the entries table's, the case of
every single delete."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from test_round17_pg_overwrite import WHEN, _files, _journal, _stored


# A short body, the newest entry (VACUUM moves no live row over its space); and a body stored in
# TOAST with another after it (so that VACUUM cannot simply cut the emptied end off the file).
@pytest.mark.parametrize(("size", "after"), [(10, False), (4000, True)])
def test_plain_vacuum_would_leave_a_deleted_entry_in_the_files(postgres_env: None, size: int,
                                                               after: bool) -> None:
    with _journal() as journal:
        journal.add_entry("rupture", {"what": "kept " + "y" * size}, occurred_at=WHEN)
        gone = journal.add_entry("rupture", {"what": "gone " + "x" * size}, occurred_at=WHEN).id
        if after:
            journal.add_entry("rupture", {"what": "kept " + "z" * size}, occurred_at=WHEN)
        old = _stored(journal, "entries", "body", gone)
        with journal.engine.connect() as conn:
            conn.execute(text(f"DELETE FROM entries WHERE id = {gone}"))
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM entries"))
        assert old in _files(journal)


def test_the_journals_delete_leaves_no_copy(postgres_env: None) -> None:
    with _journal() as journal:
        journal.add_entry("rupture", {"what": "kept " + "y" * 10}, occurred_at=WHEN)
        gone = journal.add_entry("rupture", {"what": "gone " + "x" * 4000}, occurred_at=WHEN).id
        old = _stored(journal, "entries", "body", gone)
        journal.delete_entry(gone)
        assert old not in _files(journal)
