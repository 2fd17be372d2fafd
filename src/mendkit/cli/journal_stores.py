"""The journal as the store of ``mend coach`` and the corrections: where they keep things, the
relationship a coach session is saved under, and saying so. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mendkit.cli.journal_access import _passphrase
from mendkit.cli.journal_words import _one_line
from mendkit.errors import JournalError

if TYPE_CHECKING:
    from mendkit.coach.store import SessionStorage
    from mendkit.storage import Stores


def stores(home: Path) -> Stores:
    """Where the coach and corrections keep things: the journal when there is one (opened with
    MEND_PASSPHRASE or a prompt), else plain files under MEND_HOME."""
    from mendkit.storage import open_stores

    found = open_stores(home, url=os.environ.get("MEND_DATABASE_URL"), passphrase=_passphrase)
    if found.notice:
        print(found.notice, file=sys.stderr)
    return found


def linked_sessions(found: Stores, rel_id: int | None) -> SessionStorage:
    """The coach's session store for ``mend coach``: in the journal, one that saves the session
    under ``--rel`` (checked first: an unknown id is named, and nothing is saved), or else under
    the relationship its "who" names. Without a journal, ``--rel`` is refused."""
    from mendkit.journal.stores import linked_session_store

    if found.journal is None:
        if rel_id is not None:
            raise JournalError("--rel saves the session under a relationship of your journal, "
                               "and there is no journal here; create one with `mend journal "
                               "init`, or leave out --rel")
        return found.sessions
    return linked_session_store(found.journal, rel_id)


def say_where_saved(sessions: SessionStorage) -> None:
    """After ``mend coach`` in the journal: which relationship the session is saved under, or
    that it is saved with none (and how to choose one). A resumed session that had ended is
    saved under ``--rel`` here, as it was not saved again."""
    from mendkit.journal.stores import JournalSessionStore

    if not isinstance(sessions, JournalSessionStore) or sessions.last_id is None:
        return
    journal, session_id = sessions.journal, sessions.last_id
    entry = journal.keyed("coach_session", session_id)
    if entry is None:
        return
    if sessions.relationship_id is not None and entry.relationship_id != sessions.relationship_id:
        journal.link_entry(entry.id, sessions.relationship_id)
        entry = journal.keyed("coach_session", session_id) or entry
    again = f"mend coach --resume {session_id} --rel ID"
    if entry.relationship_id is not None:
        rel = journal.relationship(entry.relationship_id)
        print(f"\nSaved in your journal under relationship {rel.id} ({_one_line(rel.name)}).")
        return
    answers = entry.body.get("answers")
    who = answers.get("recognise_who") if isinstance(answers, dict) else None
    if not isinstance(who, str) or not who.strip():
        print(f"\nSaved in your journal with no relationship. To save it under one: {again}")
        return
    several = len(sessions.named(who)) > 1
    print(f"\nSaved in your journal with no relationship: "
          f"{'more than one' if several else 'none'} of your relationships is called "
          f"{_one_line(who.strip())}. To save it under one: {again} (`mend journal list` shows "
          "the ids)")
