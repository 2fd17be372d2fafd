"""``mend journal rename`` and ``delete``: a relationship renamed, one entry or one relationship
deleted (asked first), and what deleting everything says. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from mendkit.cli.journal_words import _TOO_LATE, _confirm, _one_line
from mendkit.errors import JournalError

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal


_HEADS_TOO = ", and the personal heads that `mend train` fitted on your corrections"
_BACKUPS_KEPT = ("Backups and exports made earlier are not touched: delete them by hand if you "
                 "want them gone too.")


def _rename(journal: Journal, rel_id: int, name: str) -> int:
    from mendkit.cli.entry import holding

    with holding() as held:
        old, new = journal.rename_relationship(rel_id, name)
        if old.name == new.name:
            print(f"relationship {rel_id} is already called {_one_line(new.name)}; nothing "
                  "was changed")
        else:
            print(f"renamed relationship {rel_id} from {_one_line(old.name)} to "
                  f"{_one_line(new.name)}; its entries stay with it. {_BACKUPS_KEPT}")
        if held.arrived:
            print(_TOO_LATE, file=sys.stderr)
    return 0


def _delete_one(journal: Journal, args: argparse.Namespace) -> int:
    """``delete --entry ID`` or ``delete --rel ID``: asked first (unless ``--yes``), with what
    goes; an unknown id is named, and nothing is deleted."""
    from mendkit._elapsed import count
    from mendkit.cli.entry import holding

    if args.entry is not None:
        try:
            entry = journal.entry(args.entry)
        except JournalError as exc:
            raise JournalError(f"{exc}; nothing was deleted (`mend journal list` shows the "
                               "entries and their ids)") from None
        question = (f"Delete {entry.kind.replace('_', ' ')} {entry.id} ({entry.occurred_at}) "
                    "for good? [y/N] ")
    else:
        rel = journal.relationship(args.rel)
        n = len(journal.relationship_entry_ids(rel.id))
        question = (f"Delete relationship {rel.id} ({_one_line(rel.name)}) and its "
                    f"{count(n, 'entry')} for good? The other relationships stay. [y/N] ")
    if not args.yes and not _confirm(question):
        print("nothing deleted")
        return 0
    with holding() as held:
        if args.entry is not None:
            gone = journal.delete_entry(args.entry)
            print(f"deleted {gone.kind.replace('_', ' ')} {gone.id}")
        else:
            rel, n = journal.delete_relationship(args.rel)
            print(f"deleted relationship {rel.id} ({_one_line(rel.name)}) and its "
                  f"{count(n, 'entry')}")
        print(_BACKUPS_KEPT)
        if held.arrived:
            print(_TOO_LATE, file=sys.stderr)
    return 0


def _say_deleted(journal: Journal, practice: bool, heads: bool) -> None:
    if practice:
        from mendkit.journal.accounts import Accounts

        Accounts(journal).record("delete_journal")
        print("deleted the one-person journal (what `mend journal list` shows)"
              f"{_HEADS_TOO if heads else ''}; the practice's accounts, client entries, "
              "shares and audit log were not touched (`mend accounts delete NAME` "
              "deletes one person with their entries)")
    else:
        print(f"deleted everything{_HEADS_TOO if heads else ''}")
    print(_BACKUPS_KEPT)
