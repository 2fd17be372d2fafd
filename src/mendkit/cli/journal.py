"""``mend journal ...``: the private journal from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mendkit.cli.args import text_argument
from mendkit.errors import InvalidInputError, JournalError
from mendkit.journal import kinds
from mendkit.journal.kinds import ENTRY_KINDS, REL_KINDS, UPTAKES, check_when

if TYPE_CHECKING:
    from mendkit.coach.store import SessionStorage
    from mendkit.journal.crypto import KdfParams
    from mendkit.journal.repository import Journal
    from mendkit.storage import Stores


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("journal", help="your private, encrypted journal",
                       description="Keep relationships, ruptures, repair attempts and check-ins "
                       "in an encrypted journal under $MEND_HOME (or MEND_DATABASE_URL).")
    js = p.add_subparsers(dest="journal_command", metavar="ACTION", parser_class=parser_class,
                          required=True)
    q = js.add_parser("init", help="create the journal")
    q.add_argument("--no-encryption", action="store_true",
                   help="store it unencrypted (not recommended)")
    q = js.add_parser("add", help="add a relationship or an entry")
    q.add_argument("--kind", required=True, choices=("relationship", *ENTRY_KINDS[:4]))
    q.add_argument("--name", type=text_argument, help="relationship: a name or pseudonym")
    q.add_argument("--type", dest="rel_kind", choices=REL_KINDS, default="other",
                   help="relationship: what kind")
    q.add_argument("--notes", type=text_argument, default="",
                   help="relationship: notes, e.g. an attachment pattern")
    q.add_argument("--rel", type=int, help="the relationship id the entry is about (without it "
                   "the entry is kept, but no relationship's insights count it)")
    q.add_argument("--text", type=text_argument, help="rupture: what happened; repair: the message")
    q.add_argument("--when", help="when it happened (ISO date/time; default now)")
    q.add_argument("--severity", type=int, choices=range(1, 6), help="rupture: 1-5")
    q.add_argument("--label", action="append", default=[], help="rupture: a label (repeatable)")
    q.add_argument("--uptake", choices=UPTAKES, help="repair: how it was received")
    q.add_argument("--by", choices=("me", "them"), default="me", help="repair: who reached out")
    q.add_argument("--score", type=int, choices=range(11), help="checkin: connection 0-10")
    q.add_argument("--client", type=text_argument,
                   help="analysis: the client's pseudonym (not their real name)")
    q.add_argument("--file", help="analysis: the session transcript (txt, vtt, srt, json, ...)")
    q.add_argument("--date", help="analysis: the session date (ISO; default today)")
    q.add_argument("--format", help="analysis: the transcript format (default: from the "
                   "extension or content)")
    q.add_argument("--mode", choices=("full", "rules"), default="full",
                   help="analysis: full (default: rules and the shipped model) or rules only")
    q = js.add_parser("list", help="list relationships and entries")
    q.add_argument("--kind", choices=ENTRY_KINDS,
                   help="only entries of this kind (and the relationships they are about)")
    q.add_argument("--rel", type=int, help="only this relationship and its entries")
    q.add_argument("--json", action="store_true",
                   help="print them as JSON, as the JSON export writes them")
    q = js.add_parser("show", help="show one entry")
    q.add_argument("id", type=int)
    q.add_argument("--json", action="store_true", help="print the entry as JSON, as stored")
    q = js.add_parser("export", help="write everything as JSON (to import) or CSV (to read)",
                      description="Write the whole journal to a file (or - for stdout). JSON "
                      "is the form `mend journal import` reads back; CSV is for reading, in a "
                      "spreadsheet: the relationships, then one row per entry with its "
                      "relationship's name, date, kind, words, severity, labels, outcome, who "
                      "reached out and score (CSV cannot be imported).")
    q.add_argument("file", help="the output file, or - for stdout")
    q.add_argument("--format", choices=("json", "csv"), default="json",
                   help="json (default: can be imported again) or csv (for reading)")
    q = js.add_parser("import", help="read a JSON export or a PostgreSQL backup into an empty journal")
    q.add_argument("file")
    q = js.add_parser("delete", help="delete one entry, one relationship, or everything, for good",
                      description="Delete for good, and overwrite the space it used in the "
                      "journal file. Backups and exports made earlier are not touched.")
    what = q.add_mutually_exclusive_group(required=True)
    what.add_argument("--entry", type=int, metavar="ID",
                      help="one entry (its id is in `mend journal list`)")
    what.add_argument("--rel", type=int, metavar="ID",
                      help="one relationship with all its entries (the other relationships stay)")
    what.add_argument("--all", action="store_true", help="every relationship and entry")
    q.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    q = js.add_parser("rename", help="give a relationship a new name",
                      description="Give a relationship a new name, such as a pseudonym; its "
                      "entries stay with it, and the old name is overwritten in the journal file.")
    q.add_argument("--rel", type=int, metavar="ID", required=True, help="the relationship id")
    q.add_argument("--name", type=text_argument, required=True,
                   help="the new name or pseudonym")
    q = js.add_parser("backup", help="write an encrypted copy")
    q.add_argument("file")
    js.add_parser("rekey", help="change the passphrase")
    p.set_defaults(handler=run)

    p = sub.add_parser("insights", help="figures over your journal: one relationship, or one "
                       "client's analysed sessions",
                       description="For a relationship (--rel): ruptures per week, repair uptake, "
                       "time to repair, recurring triggers and patterns, and the connection trend. "
                       "For a client (--client): ruptures per session by type, the share repaired "
                       "within the session, withdrawal ruptures never addressed, and the trend.")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--rel", type=int, help="the relationship id")
    who.add_argument("--client", type=text_argument, help="a client's pseudonym (sessions added with "
                     "`mend journal add --kind analysis`)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--charts", metavar="DIR",
                   help="also write the charts as PNG and SVG files into DIR")
    p.set_defaults(handler=insights)


def insights(args: argparse.Namespace) -> int:
    from mendkit.cli import render
    from mendkit.cli.main import NOT_THERAPY
    from mendkit.config import Settings

    charts = _charts_folder(args.charts) if args.charts else None
    with _open(Settings.from_env().home) as journal:
        if args.client is not None:
            data = _client_figures(journal, args.client)
        else:
            from mendkit.insights import Row, coach_repair_rows, insights_from_rows

            rel = next((r for r in journal.relationships() if r.id == args.rel), None)
            if rel is None:
                raise JournalError(f"no relationship with id {args.rel}")
            # As the web API gives them: saved analyses are kept with the relationship but not
            # counted (see mendkit.web.journal_services.insights), so the figures say so.
            rows: list[Row] = list(journal.insight_rows(rel.id))
            # The coach's follow-ups about them count as repairs (once: see coach_repair_rows).
            sessions = journal.entries(kind="coach_session")
            rows += coach_repair_rows([e.body for e in sessions if e.relationship_id is None],
                                      rel.name, [b for k, _, b in rows if k == "repair"],
                                      linked=[e.body for e in sessions
                                              if e.relationship_id == rel.id])
            data = {"relationship": {"id": rel.id, "name": rel.name},
                    **insights_from_rows(rows, names=[rel.name]),
                    "saved_analyses": len(journal.entries(kind="analysis",
                                                          relationship_id=rel.id))}
    _say_unreadable_times(data)
    _say_out_of_range_times(data)
    _say_unreadable_sessions(data)
    if args.json:
        render.print_json(data)
    elif args.client is not None:
        render.session_insights(data, footer=NOT_THERAPY)
    else:
        render.insights(data, footer=NOT_THERAPY)
    if charts is not None:
        from mendkit.insights_charts import write_charts

        paths = write_charts(data, charts)
        print("Charts written:\n" + "\n".join(f"  {p}" for p in paths),
              file=sys.stderr if args.json else sys.stdout)
    return 0


def _say_unreadable_times(data: dict[str, Any]) -> None:
    """A note on stderr when some entries' stored times could not be read (figures over time
    leave them out)."""
    n = data.get("entries_without_a_time") or 0
    if not n:
        return
    from mendkit._elapsed import count

    shown = ", ".join(repr(t) for t in data.get("unreadable_times", []))
    has, it, counts = ("has", "it", "counts") if n == 1 else ("have", "they", "count")
    print(f"note: {count(n, 'entry')} {has} a time Mend cannot read ({shown}); {it} still "
          f"{counts} in the totals, but the weekly figures, the time to repair and the connection "
          f"trend leave {'it' if n == 1 else 'them'} out. A time should be an ISO date or time "
          "such as 2026-03-02T18:30.", file=sys.stderr)


def _say_out_of_range_times(data: dict[str, Any]) -> None:
    """A note on stderr when some entries' times lie outside what ``--when`` accepts now (an
    older Mend took any year): figures over time leave them out."""
    n = data.get("entries_out_of_range") or 0
    if not n:
        return
    from mendkit._elapsed import count

    shown = ", ".join(repr(t) for t in data.get("out_of_range_times", []))
    more = ", ..." if n > len(data.get("out_of_range_times", [])) else ""
    has, it, counts = ("has", "it", "counts") if n == 1 else ("have", "they", "count")
    print(f"note: {count(n, 'entry')} {has} a time outside 1900 to today ({shown}{more}), "
          f"probably a typo; {it} still {counts} in the totals, but the weekly figures, the time "
          f"to repair and the connection trend leave {'it' if n == 1 else 'them'} out.",
          file=sys.stderr)


def _say_unreadable_sessions(data: dict[str, Any]) -> None:
    """A note on stderr when some analysed sessions hold an analysis that cannot be read (every
    figure leaves them out)."""
    dates = data.get("unreadable_sessions") or []
    if not dates:
        return
    shown = ", ".join(str(d) for d in dates[:3]) + (", ..." if len(dates) > 3 else "")
    if len(dates) == 1:
        print(f"note: 1 analysed session ({shown}) holds an analysis Mend cannot read; it is "
              "left out of these figures.", file=sys.stderr)
    else:
        print(f"note: {len(dates)} analysed sessions ({shown}) hold an analysis Mend cannot "
              "read; they are left out of these figures.", file=sys.stderr)


def _charts_folder(value: str) -> Path:
    """Where ``--charts`` writes, made (when missing) before anything is printed."""
    folder = Path(value)
    if folder.exists() and not folder.is_dir():
        raise InvalidInputError("expected a folder for the charts, found a file", source=value)
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InvalidInputError(f"cannot make a folder for the charts: {parent} is a "
                                        "file", source=value)
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(f"cannot make a folder for the charts there ({exc.strerror})",
                                source=value) from None
    return folder


def _client_figures(journal: Journal, client: str) -> dict[str, Any]:
    from mendkit.insights_sessions import session_insights

    client = client.strip()
    sessions = [e for e in journal.entries(kind="analysis") if e.body.get("client") == client]
    if not sessions:
        raise JournalError(f"no analysed sessions for client {client!r}; add one with "
                           "`mend journal add --kind analysis --client NAME --file TRANSCRIPT`")
    return {"client": client, **session_insights(sessions)}


def _kdf() -> KdfParams | None:
    """The argon2id cost from MEND_JOURNAL_KDF (``time,memory_kib,parallelism``), if set."""
    from mendkit.config import parse_kdf
    from mendkit.journal.crypto import KdfParams

    parsed = parse_kdf(os.environ.get("MEND_JOURNAL_KDF", ""))
    if parsed is None:
        return None
    t, m, par = parsed
    return KdfParams(time_cost=t, memory_kib=m, parallelism=par)


def _passphrase(prompt: str = "Journal passphrase: ") -> str:
    """The journal's passphrase: MEND_PASSPHRASE, MEND_JOURNAL_KEY, or a prompt."""
    value = os.environ.get("MEND_PASSPHRASE") or os.environ.get("MEND_JOURNAL_KEY")
    if value:
        return value
    if not sys.stdin.isatty():
        raise JournalError("no passphrase: set MEND_PASSPHRASE or run in a terminal")
    return _typed(prompt, "no passphrase given; the journal stays closed")


def _typed(prompt: str, nothing: str) -> str:
    """What is typed at a hidden prompt; Ctrl-D (or the input ending) is ``nothing``, as an
    error."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line
        raise JournalError(nothing) from None


def _first_passphrase() -> str:
    """The passphrase for a new journal: MEND_PASSPHRASE, MEND_JOURNAL_KEY, or a prompt typed
    twice (a typo would lock the person out for good)."""
    value = os.environ.get("MEND_PASSPHRASE") or os.environ.get("MEND_JOURNAL_KEY")
    if value or not sys.stdin.isatty():
        value = _passphrase()
        kinds.check_passphrase_length(value, "nothing was created")
        return value
    return _typed_twice("passphrase", "nothing was created")


def _writable_home(home: Path) -> None:
    """MEND_HOME as a folder Mend can write in (made when missing), or a plain error."""
    _home_is_a_folder(home)
    from mendkit._files import make_private, private_folder

    try:
        private_folder(home)
        make_private(home)  # one that was there already: the journal's folder is private too
    except OSError as exc:
        raise JournalError(f"MEND_HOME ({home}) cannot be made ({exc.strerror}); point "
                           "MEND_HOME at a folder you can write in") from None
    if not os.access(home, os.W_OK):
        raise JournalError(f"MEND_HOME ({home}) is read-only; point MEND_HOME at a folder you "
                           "can write in")


def _home_is_a_folder(home: Path) -> None:
    """A MEND_HOME that is a file is said to be one (not that the journal is missing: `mend
    journal init` could not make one there either)."""
    if home.exists() and not home.is_dir():
        raise JournalError(f"MEND_HOME ({home}) is not a folder; point MEND_HOME at a folder")
    inside = next((p for p in home.parents if p.exists() and not p.is_dir()), None)
    if inside is not None:
        raise JournalError(f"MEND_HOME ({home}) is inside a file ({inside}), so no folder can be "
                           "made there; point MEND_HOME at a folder")


def _encrypted(journal: Journal, home: Path) -> bool:
    """Whether the journal (and so its backup) is encrypted."""
    if journal.path is None:
        return True  # PostgreSQL: the free text is always sealed
    from mendkit.journal.crypto import Sidecar
    from mendkit.journal.repository import sidecar_path

    return Sidecar.read(sidecar_path(journal.path.parent)).encrypted


def _one_line(text: str) -> str:
    """``text`` with control characters (newlines, escape sequences) shown as escapes, so a name
    can neither forge a line of output nor drive the terminal."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _new_passphrase() -> str:
    """The passphrase for ``rekey``: MEND_NEW_PASSPHRASE or a prompt (typed twice), never the
    journal's own key from MEND_PASSPHRASE or MEND_JOURNAL_KEY."""
    value = os.environ.get("MEND_NEW_PASSPHRASE")
    if value:
        kinds.check_passphrase_length(value, "nothing was changed")
        return value
    if not sys.stdin.isatty():
        raise JournalError("no new passphrase: set MEND_NEW_PASSPHRASE or run in a terminal; "
                           "nothing was changed")
    return _typed_twice("new passphrase", "nothing was changed")


def _typed_twice(what: str, outcome: str) -> str:
    """A passphrase typed at a prompt twice (a typo would lock the person out for good)."""
    first = _typed(f"{what[0].upper()}{what[1:]}: ", f"no {what} given; {outcome}")
    if not first:
        raise JournalError(f"the {what} is empty; {outcome}")
    kinds.check_passphrase_length(first, outcome)  # said before it is typed again
    if _typed(f"The same {what} again: ", f"no {what} given; {outcome}") != first:
        raise JournalError(f"the two {what}s differ; {outcome}")
    return first


def _open(home: Path, passphrase: Callable[[], str] = _passphrase) -> Journal:
    """The journal, with any plain coach or correction files moved into it (said on stderr)."""
    from mendkit.storage import open_journal

    url = os.environ.get("MEND_DATABASE_URL")
    if not url:
        _home_is_a_folder(home)
    journal = open_journal(home, url, passphrase)
    try:
        _adopt(journal, home)
    except BaseException:
        journal.close()
        raise
    return journal


def _adopt(journal: Journal, home: Path) -> None:
    from mendkit.storage import adopt_plain_files

    notice = adopt_plain_files(journal, home)
    if notice:
        print(notice, file=sys.stderr)


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
    from mendkit.journal.stores import JournalSessionStore

    if found.journal is None:
        if rel_id is not None:
            raise JournalError("--rel saves the session under a relationship of your journal, "
                               "and there is no journal here; create one with `mend journal "
                               "init`, or leave out --rel")
        return found.sessions
    if rel_id is not None:
        found.journal.relationship(rel_id)
    return JournalSessionStore(found.journal, relationship_id=rel_id, match_who=True)


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
    from mendkit.journal.export import shown_body

    everyone = journal.relationships()
    entries = journal.entries(kind=args.kind, relationship_id=args.rel)
    # With a filter, only the relationships of what it lists (none for entries of no
    # relationship); without one, every relationship.
    wanted = ({args.rel} if args.rel is not None else
              {e.relationship_id for e in entries} if args.kind is not None else None)
    shown = [r for r in everyone if wanted is None or r.id in wanted]
    bodies = [shown_body(e.kind, e.body) for e in entries]  # private answers read "kept private"
    if args.json:
        render.print_json(journal_view.list_json(shown, entries, bodies))
        return 0
    readable = [replace(e, body=body) for e, body in zip(entries, bodies, strict=True)]
    rel = next((r for r in everyone if r.id == args.rel), None)
    sys.stdout.write(journal_view.list_text(shown, readable, names={r.id: r.name for r in everyone},
                                            kind=args.kind, rel=rel))
    return 0


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
    rel = next((r for r in journal.relationships() if r.id == e.relationship_id), None)
    sys.stdout.write(journal_view.show_text(e, body, rel))
    return 0


_HEADS_TOO = ", and the personal heads that `mend train` fitted on your corrections"
_BACKUPS_KEPT = ("Backups and exports made earlier are not touched: delete them by hand if you "
                 "want them gone too.")
_TOO_LATE = ("note: the Ctrl-C came while the change was being saved, too late to stop it: the "
             "change was finished, as said above")


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


def _import(journal: Journal, data: dict[str, Any], source: str) -> int:
    """Import into the empty journal. The import is one transaction, and a Ctrl-C can still stop
    it; one that lands as it commits (the entries saved, Python not yet back) is told apart by
    looking: what was saved is said, not a bare ``interrupted``."""
    from mendkit._elapsed import count
    from mendkit.cli.entry import holding

    warnings: list[str] = []
    try:
        n_rel, n_ent = journal.import_(data, source=source, warnings=warnings)
    except KeyboardInterrupt:
        with holding():
            n_rel, n_ent = len(journal.relationships()), len(journal.entries())
        if not n_rel and not n_ent:
            print("nothing was imported; the journal is empty as before", file=sys.stderr)
            raise
        print(f"imported {count(n_rel, 'relationship')} and {count(n_ent, 'entry')}")
        print("note: the Ctrl-C came as the import was being saved, too late to stop it: "
              "everything above was imported", file=sys.stderr)
        return 0
    placeholders = _kept_private_placeholders(data)
    if placeholders:
        warnings.append(f"{count(placeholders, 'two-person answer')} read \"kept private\": an "
                        "export leaves out the answers people kept private, so those words are "
                        "what is imported (a backup keeps the answers themselves)")
    for warning in warnings:
        print(f"warning: {source}: {warning}", file=sys.stderr)
    print(f"imported {count(n_rel, 'relationship')} and {count(n_ent, 'entry')}")
    return 0


def _kept_private_placeholders(data: dict[str, Any]) -> int:
    """How many two-person answers of an export to import are the words an export writes in
    place of a private answer."""
    from mendkit.journal.export import KEPT_PRIVATE

    found = 0
    for entry in data.get("entries") or ():
        body = entry.get("body") if isinstance(entry, dict) else None
        person = body.get("answers") if isinstance(body, dict) else None
        texts = person.get("answers") if isinstance(person, dict) else None
        if isinstance(entry, dict) and entry.get("kind") == "coach_pair" and isinstance(texts, dict):
            found += sum(1 for text in texts.values() if text == KEPT_PRIVATE)
    return found


def _say_exported(data: dict[str, Any], where: str) -> None:
    """What an export wrote, and that it is not encrypted (on stderr: an export to stdout stays
    clean)."""
    from mendkit._elapsed import count
    from mendkit.journal.export import kept_private

    private = kept_private(data)
    verb = "is" if private == 1 else "are"
    left_out = (f" {count(private, 'two-person answer')} kept private {verb} written as "
                "\"kept private\" (a backup, `mend journal backup`, keeps them)."
                if private else "")
    print(f"exported {count(len(data['relationships']), 'relationship')} and "
          f"{count(len(data['entries']), 'entry')} to {where}. The export is NOT encrypted: "
          "anyone who can read it can read your journal, so keep it somewhere safe, or delete "
          f"it when you no longer need it.{left_out}", file=sys.stderr)


def _serves_practice(journal: Journal) -> bool:
    from mendkit.journal.accounts import is_practice

    return is_practice(journal)


def _say_practice_left_out(journal: Journal, what: str) -> None:
    """A practice's data is not the one-person journal's: say so where it could be mistaken for
    it (on stderr, so that an export to stdout stays clean)."""
    how = ("back a practice up with pg_dump" if journal.path is None else
           "`mend journal backup` copies the whole file, practice included")
    print(f"note: this journal serves a practice; {what} holds only the one-person journal, not "
          f"the practice's accounts, client entries, shares or audit log ({how})",
          file=sys.stderr)


def _count(n: int, word: str) -> str:
    """``1 turn``, ``2 turns``: a count with its noun."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _confirm(question: str) -> bool:
    """Ask a yes/no question on stdin: y or yes, in any case, is yes. No answer at all (the end
    of stdin) is an error that says how to answer without a terminal."""
    try:
        answer = input(question)
    except EOFError:
        print(flush=True)  # end the prompt's line before the error is written
        raise InvalidInputError("nothing deleted: no answer came on stdin; pass --yes to "
                                "delete without being asked") from None
    return answer.strip().lower() in ("y", "yes")


def _write_private(path: Path, text: str) -> None:
    """Write an export readable by this user only (it holds every entry in plain text).

    A file is written whole or not at all (a cut-off export would look like a good one, and an
    earlier export there is kept); a device or a pipe is written in place. A write that fails (a
    full disk) names ``path``."""
    import stat

    from mendkit._files import atomic_write, naming, open_private

    target = path.resolve() if path.is_symlink() else path  # write through a link, as open does
    try:
        special = not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        special = False  # not there yet (or not to be looked at): opening it says why
    if not special and target.parent.is_dir():
        atomic_write(target, text)
        _say_stale_removed(target, "export")
        return
    try:
        with os.fdopen(open_private(path, os.O_WRONLY | os.O_TRUNC), "w",
                       encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise naming(exc, path) from None


def _say_stale_removed(path: Path, what: str) -> None:
    """Remove what an earlier, killed ``mend journal export`` or ``backup`` to ``path`` left
    (hidden temporary files holding the journal), and say so on stderr."""
    from mendkit._files import remove_stale_temps

    removed = remove_stale_temps(path)
    if removed:
        names = ", ".join(p.name for p in removed)
        print(f"note: removed {_count(len(removed), 'unfinished file')} that an earlier {what} "
              f"to {path} left behind when it was stopped ({names})", file=sys.stderr)


def _backup(journal: Journal, dest: Path) -> None:
    """Write the backup under a temporary name beside ``dest``, with its .kdf.json, and give
    both their names only once the copy is complete: a backup that is stopped (killed, a full
    disk) leaves no file that looks like a backup. A failed write is said plainly."""
    from sqlalchemy.exc import DBAPIError

    from mendkit._files import temp_beside
    from mendkit.journal.backup import sidecar_of

    if not dest.parent.is_dir():
        raise JournalError(f"{dest}: no such folder ({dest.parent})")
    if os.path.lexists(dest):
        missing = "" if sidecar_of(dest).exists() or not dest.is_file() else (
            f" (and has no {sidecar_of(dest).name} beside it: an unfinished backup?)")
        raise JournalError(f"{dest}: already exists{missing}; choose another name")
    _say_stale_removed(dest, "backup")
    tmp = temp_beside(dest)
    try:
        try:
            journal.backup(tmp)
        except DBAPIError as exc:
            raise JournalError(f"{dest}: the backup could not be written ({exc.orig})"
                               ) from None
        except JournalError as exc:  # said of the temporary file: said of dest instead
            raise JournalError(str(exc).replace(str(tmp), str(dest))) from None
        # The key file first: a backup under its final name always has its key file beside it.
        os.replace(sidecar_of(tmp), sidecar_of(dest))
        try:
            os.link(tmp, dest)  # never over a file that appeared meanwhile
        except FileExistsError:
            sidecar_of(dest).unlink(missing_ok=True)  # the key file of this one, not of that
            raise JournalError(f"{dest}: already exists (made by another program while the "
                               "backup was written); choose another name") from None
        except OSError:  # a file system without hard links
            os.replace(tmp, dest)
    except OSError as exc:
        raise JournalError(f"{dest}: the backup could not be written ({exc.strerror})"
                           ) from None
    finally:
        for left in (tmp, tmp.with_name(tmp.name + "-journal"), sidecar_of(tmp)):
            left.unlink(missing_ok=True)


def _label(value: str) -> str:
    """A rupture's label: one of the taxonomy's (``rupture.withdrawal``), or a subtype alone or
    under its label or family (``criticism``, ``rupture.criticism``,
    ``rupture.confrontation.criticism``)."""
    known = kinds.rupture_label(value)
    if known is None:
        raise InvalidInputError(f"unknown label {value!r}; expected {kinds.LABEL_EXAMPLES}")
    return known


def _read_import(path: Path) -> dict[str, Any]:
    """A JSON export, or an encrypted backup of a PostgreSQL journal (opened with
    MEND_BACKUP_PASSPHRASE, else the journal's passphrase)."""
    from mendkit.journal.backup import is_backup, read_backup

    _refuse_an_sqlite_backup(path)
    _refuse_a_csv_export(path)
    try:
        if is_backup(path):
            return read_backup(path, os.environ.get("MEND_BACKUP_PASSPHRASE")
                               or _passphrase("Backup passphrase: "))
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise JournalError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise JournalError(f"{path}: byte 0x{exc.object[exc.start]:02x} at offset {exc.start} is "
                           "not valid UTF-8; expected a journal export (JSON in UTF-8) or a "
                           "backup") from None
    except OSError as exc:
        raise JournalError(f"{path}: cannot be read as a journal export ({exc.strerror})"
                           ) from None
    return data


def _refuse_a_csv_export(path: Path) -> None:
    """A CSV export is for reading, not for import: say so, rather than that it is not JSON."""
    from mendkit.journal.backup import MAGIC
    from mendkit.journal.export import CSV_SECTIONS

    try:
        with path.open("rb") as handle:
            start = handle.read(64).lstrip(b"\xef\xbb\xbf")
    except OSError:
        return  # the import says why it cannot read the file
    # This Mend's CSV starts with its first section's title; an older one with its columns.
    if not start.startswith((CSV_SECTIONS[0].encode(), b"table,id,kind")) and not (
            path.suffix.lower() == ".csv" and not start.lstrip().startswith((b"{", MAGIC))):
        return
    raise JournalError(f"{path} is a CSV export, which is for reading (in a spreadsheet) and "
                       "cannot be imported: `mend journal import` reads the JSON export. Export "
                       "the journal it came from again as JSON (`mend journal export FILE`, "
                       "JSON by default) and import that file; nothing was imported.")


def _refuse_an_sqlite_backup(path: Path) -> None:
    """An SQLite journal's backup is a copy of the database, restored by copying it back, not
    by ``import``: say so, rather than that the file is not UTF-8."""
    from mendkit.journal.backup import MAGIC, sidecar_of

    try:
        with path.open("rb") as handle:
            start = handle.read(len(MAGIC))
    except OSError:
        return  # the import says why it cannot read the file
    is_sqlite = start.startswith(b"SQLite format 3\0")
    if not is_sqlite and sidecar_of(path).is_file() and start != MAGIC:
        # An SQLCipher file is random bytes from the first; an export starts with "{"
        is_sqlite = not start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    if is_sqlite:
        raise JournalError(
            f"{path} is a backup of an SQLite journal (as `mend journal backup` writes one), "
            "which `mend journal import` does not read: import reads JSON exports and backups "
            "of a PostgreSQL journal. To restore it, copy it and "
            f"{sidecar_of(path)} into a MEND_HOME folder that has no journal, as journal.db "
            "and journal.db.kdf.json, and open that journal with the passphrase the backup was "
            "made with. To bring its entries into this journal instead, run `mend journal "
            "export` on the restored journal and import that file here.")


def _analysis_body(args: argparse.Namespace) -> dict[str, Any]:
    """The body of an ``analysis`` entry: the client's pseudonym and the transcript's analysis.

    The shipped engine only (no personal heads): sessions analysed months apart stay comparable.
    """
    if not args.client or not args.client.strip():
        raise JournalError("an analysis needs --client (the client's pseudonym)")
    if not args.file:
        raise JournalError("an analysis needs --file (the session transcript)")
    if args.date is not None and args.when is not None:
        raise JournalError("give the session date once: --date or --when, not both")
    if args.date is not None:
        _checked_when(args.date, "--date")
    elif args.when is not None:
        _checked_when(args.when)
    from mendkit.api import analyze, load_conversation

    conversation = load_conversation(args.file, format=args.format)
    analysis = analyze(conversation, mode=args.mode)
    return {"client": args.client.strip(), "analysis": analysis.to_dict()}


def _checked_when(value: str, option: str = "--when") -> str:
    """``--when`` / ``--date`` in the journal's range, as the ISO text every reader and an import
    expect (a date stays a date: ``20261201`` is kept as ``2026-12-01``). An error names the
    option: an empty value is a mistake, never "now"."""
    if not value.strip():
        raise JournalError(f"{option} is empty; expected an ISO date and time like "
                           f"2026-03-14T18:30 (or leave {option} out for now)")
    try:
        parsed = check_when(value)
    except JournalError as exc:
        raise JournalError(f"{option}: {exc}") from None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return parsed.isoformat()  # seconds, and a fraction of one when typed (kept as typed)


def _add(journal: Journal, args: argparse.Namespace, analysed: dict[str, Any] | None = None,
         labels: list[str] | None = None) -> int:
    if args.kind == "analysis" and analysed is not None:
        when = (_checked_when(args.date, "--date") if args.date is not None else
                _checked_when(args.when) if args.when is not None else
                datetime.now().date().isoformat())
        e = journal.add_entry("analysis", analysed, occurred_at=when, relationship_id=args.rel)
        turns = analysed["analysis"]["turns"]
        episodes = analysed["analysis"]["episodes"]
        print(f"added analysis {e.id}: {analysed['client']}, {when}, "
              f"{_count(len(turns), 'turn')}, {_count(len(episodes), 'rupture episode')}")
        if args.rel is not None:
            rel = journal.relationship(args.rel)
            print(f"saved under relationship {rel.id} ({_one_line(rel.name)})")
        else:
            print(f"note: analysis {e.id} is saved with no relationship; add --rel ID to save "
                  "an analysis under one", file=sys.stderr)
        return 0
    # "Now" in local time with its offset, as the web app stores it: a time typed with --when is
    # local wall time too, so the figures compare the two (see mendkit.insights).
    if args.kind == "relationship" and args.when is not None:
        raise JournalError("a relationship has no date; leave out --when (it is for ruptures, "
                           "repairs and check-ins)")
    when = (_checked_when(args.when) if args.when is not None else
            datetime.now().astimezone().isoformat(timespec="seconds"))
    if args.kind == "relationship":
        if not args.name:
            raise JournalError("a relationship needs --name")
        name, notes = kinds.relationship_fields(args.name, args.notes or "")
        r = journal.add_relationship(name, args.rel_kind, notes)
        print(f"added relationship {r.id}")
        return 0
    body: dict[str, Any]
    if args.kind == "rupture":
        if not args.text:
            raise JournalError("a rupture needs --text (what happened)")
        body = {"what": args.text, "severity": args.severity, "labels": labels or []}
    elif args.kind == "repair":
        if not args.text or not args.uptake:
            raise JournalError("a repair needs --text (the message) and --uptake")
        body = {"message": args.text, "uptake": args.uptake, "by": args.by}
    else:
        if args.score is None:
            raise JournalError("a check-in needs --score 0-10")
        body = {"score": args.score}
    e = journal.add_entry(args.kind, body, occurred_at=when, relationship_id=args.rel)
    print(f"added {e.kind} {e.id}")
    if args.rel is None:
        print(f"note: {e.kind} {e.id} is about no relationship, so `mend insights --rel` does not "
              "count it; add --rel ID to attach an entry to one", file=sys.stderr)
    return 0

