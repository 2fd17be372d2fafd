"""``mend journal ACTION``: each action run on the opened journal (``run``), with ``list`` and
``show``. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mendkit.cli.journal_access import (
    _adopt,
    _encrypted,
    _first_passphrase,
    _kdf,
    _new_passphrase,
    _open,
    _passphrase,
    _writable_home,
)
from mendkit.cli.journal_edits import _delete_one, _rename, _say_deleted
from mendkit.cli.journal_entries import _add, _analysis_body, _label
from mendkit.cli.journal_files import (
    _backup,
    _import,
    _read_import,
    _say_exported,
    _say_practice_left_out,
    _serves_practice,
    _write_private,
)
from mendkit.cli.journal_words import _TOO_LATE, _confirm
from mendkit.errors import JournalError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mendkit.journal.repository import Entry, Journal


def run(args: argparse.Namespace) -> int:
    from mendkit.config import Settings
    from mendkit.journal.repository import Journal

    home = Settings.from_env().home
    action = args.journal_command
    if action == "init":
        url = os.environ.get("MEND_DATABASE_URL")
        if not url:
            _writable_home(home)
        if args.no_encryption and url:
            raise JournalError("a PostgreSQL journal is always encrypted; --no-encryption "
                               "applies only to the SQLite journal")
        if args.no_encryption and not url:
            print("warning: the journal will NOT be encrypted; anyone who can read "
                  f"{home} can read it.", file=sys.stderr)
            created = Journal.create(home, None, kdf=_kdf())
        else:
            created = Journal.create(home, _first_passphrase(), url=url, kdf=_kdf())
        with created:
            print("journal created")
            _adopt(created, home)
        return 0
    if action == "backup" and args.file == "-":
        raise JournalError("a backup is a file and its .kdf.json beside it, so it cannot go to "
                           "stdout; give a file name (or use `mend journal export -`)")
    # A transcript is read and analysed before the journal is opened: a bad file fails early.
    analysed = _analysis_body(args) if action == "add" and args.kind == "analysis" else None
    # A label given twice (``contempt`` and ``rupture.confrontation.contempt``) is kept once.
    labels = list(dict.fromkeys(_label(label) for label in args.label)) if action == "add" else []
    used: list[str] = []  # the passphrase the journal was opened with, if one was needed

    def remembered() -> str:
        used.append(_passphrase())
        return used[-1]

    with _open(home, remembered) as journal:
        practice = action in ("export", "delete", "backup", "rekey") and _serves_practice(journal)
        if action == "add":
            from mendkit.cli.entry import holding

            with holding() as held:  # one short write: a Ctrl-C waits until it is said
                code = _add(journal, args, analysed, labels)
                if held.arrived:
                    print(_TOO_LATE, file=sys.stderr)
            return code
        if action == "list":
            if args.rel is not None and all(r.id != args.rel for r in journal.relationships()):
                raise JournalError(f"no relationship {args.rel}; `mend journal list` shows "
                                   "them all")
            return _list(journal, args)
        if action == "show":
            return _show(journal, args)
        if action == "export":
            from mendkit.journal.export import to_csv, to_json

            data = journal.export()
            if practice:
                _say_practice_left_out(journal, "this export")
            out = to_json(data) if args.format == "json" else to_csv(data)
            if args.file == "-":
                sys.stdout.write(out)
            else:
                _write_private(Path(args.file), out)
            _say_exported(data, "stdout" if args.file == "-" else args.file)
            return 0
        if action == "import":
            data = _read_import(Path(args.file))
            if journal.relationships() or journal.entries():
                raise JournalError("import goes into an empty journal; this one has entries")
            return _import(journal, data, args.file)
        if action == "rename":
            return _rename(journal, args.rel, args.name)
        if action == "delete" and not args.all:
            return _delete_one(journal, args)
        if action == "delete":
            question = ("Delete the one-person journal (what `mend journal list` shows) for good? "
                        "The practice's accounts, client entries, shares and audit log stay. "
                        "[y/N] " if practice else "Delete the whole journal for good? [y/N] ")
            if not args.yes and not _confirm(question):
                print("nothing deleted")
                return 0
            from mendkit.cli.entry import holding
            from mendkit.journal.repository import DeletedButKept
            from mendkit.models.personal import remove

            with holding() as held:  # a Ctrl-C waits until what was deleted has been said
                try:
                    journal.delete_all()
                except DeletedButKept:
                    remove(home)  # the entries are gone: so are the heads fitted on them
                    raise
                heads = remove(home)
                _say_deleted(journal, practice, heads)
                if held.arrived:
                    print(_TOO_LATE, file=sys.stderr)
            return 0
        if action == "backup":
            if practice and journal.path is None:
                _say_practice_left_out(journal, "this backup")
            _backup(journal, Path(args.file))
            how = ("same passphrase as the journal" if _encrypted(journal, home) else
                   "NOT encrypted, like the journal")
            print(f"backup written to {args.file} and {args.file}.kdf.json ({how}; keep them "
                  "together)")
            return 0
        if action == "rekey":
            new = _new_passphrase()
            if new in used:
                raise JournalError("the new passphrase is the same as the old one; nothing was "
                                   "changed (choose a different one)")
            from mendkit.cli.entry import holding

            # A Ctrl-C is held back until the switch is over and said: one that stopped Mend
            # just after the new key was saved would leave the person trying the old one.
            with holding() as held:
                journal.rekey(home, new, _kdf())
                if practice:
                    from mendkit.journal.accounts import Accounts

                    Accounts(journal).record("rekey_journal")
                print("passphrase changed")
                if held.arrived:
                    print("note: the Ctrl-C came while the passphrase was being changed, too "
                          "late to stop it: the change was finished, and the NEW passphrase "
                          "is the one that opens the journal now", file=sys.stderr)
            return 0
    raise JournalError(f"unknown journal action {action!r}")


def _list(journal: Journal, args: argparse.Namespace) -> int:
    """``mend journal list``: readable lines, or ``--json``."""
    from mendkit.cli import journal_view, render
    from mendkit.insights import instant_order
    from mendkit.journal.export import shown_body

    everyone = journal.relationships()
    names = {r.id: r.name for r in everyone}
    entries = journal.entries(kind=args.kind, relationship_id=args.rel)
    if args.rel is not None and args.kind in (None, "coach_session"):
        # The coach sessions saved with no relationship that name this one are its own too.
        loose = [e for e in journal.entries(kind="coach_session")
                 if e.relationship_id is None and args.rel in _about(e, names)]
        entries = sorted(entries + loose, key=lambda e: (instant_order(e.occurred_at), e.id))
    # With a filter, only the relationships of what it lists (none for entries of no
    # relationship); without one, every relationship.
    wanted = ({args.rel} if args.rel is not None else
              {rel for e in entries for rel in _about(e, names)} if args.kind is not None
              else None)
    shown = [r for r in everyone if wanted is None or r.id in wanted]
    bodies = [shown_body(e.kind, e.body) for e in entries]  # private answers read "kept private"
    if args.json:  # the stored form: a session linked by name only has no relationship_id
        render.print_json(journal_view.list_json(shown, entries, bodies))
        return 0
    readable = [replace(e, body=body, relationship_id=next(iter(_about(e, names)), None))
                for e, body in zip(entries, bodies, strict=True)]
    rel = next((r for r in everyone if r.id == args.rel), None)
    sys.stdout.write(journal_view.list_text(shown, readable, names=names, kind=args.kind,
                                            rel=rel))
    return 0


def _about(entry: Entry, names: Mapping[int, str]) -> list[int]:
    """The relationships an entry is about: the one it is saved under, or else, for a coach
    session, the ones its "who" names (:func:`mendkit.journal.reading.named_in`): such a session
    was saved before the journal or that relationship existed, and insights, ``delete --rel``
    and ``rename`` count it as theirs, so the list and ``show`` do too."""
    from mendkit.journal.reading import named_in

    if entry.relationship_id is not None:
        return [entry.relationship_id]
    return named_in(entry.kind, entry.body, names)


def _show(journal: Journal, args: argparse.Namespace) -> int:
    """``mend journal show ID``: a field a line, or ``--json`` (the stored form)."""
    from mendkit.cli import journal_view, render
    from mendkit.journal.export import shown_body

    e = journal.entry(args.id)
    body = shown_body(e.kind, e.body)
    if args.json:
        render.print_json({"id": e.id, "kind": e.kind, "relationship_id": e.relationship_id,
                           "occurred_at": e.occurred_at, "body": body})
        return 0
    everyone = journal.relationships()
    about = _about(e, {r.id: r.name for r in everyone})
    rel = next((r for r in everyone if about and r.id == about[0]), None)
    sys.stdout.write(journal_view.show_text(e, body, rel))
    return 0
