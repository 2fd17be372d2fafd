"""``mend journal ...``: the private journal from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mendkit.errors import JournalError
from mendkit.journal.kinds import ENTRY_KINDS, REL_KINDS, UPTAKES

if TYPE_CHECKING:
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
    q.add_argument("--kind", required=True, choices=("relationship", *ENTRY_KINDS[:3]))
    q.add_argument("--name", help="relationship: a name or pseudonym")
    q.add_argument("--type", dest="rel_kind", choices=REL_KINDS, default="other",
                   help="relationship: what kind")
    q.add_argument("--notes", default="", help="relationship: notes, e.g. an attachment pattern")
    q.add_argument("--rel", type=int, help="the relationship id the entry is about")
    q.add_argument("--text", help="rupture: what happened; repair: the message")
    q.add_argument("--when", help="when it happened (ISO date/time; default now)")
    q.add_argument("--severity", type=int, choices=range(1, 6), help="rupture: 1-5")
    q.add_argument("--label", action="append", default=[], help="rupture: a label (repeatable)")
    q.add_argument("--uptake", choices=UPTAKES, help="repair: how it was received")
    q.add_argument("--by", choices=("me", "them"), default="me", help="repair: who reached out")
    q.add_argument("--score", type=int, choices=range(11), help="checkin: connection 0-10")
    q = js.add_parser("list", help="list relationships and entries")
    q.add_argument("--kind", choices=ENTRY_KINDS)
    q.add_argument("--rel", type=int)
    q = js.add_parser("show", help="show one entry")
    q.add_argument("id", type=int)
    q = js.add_parser("export", help="write everything as JSON or CSV")
    q.add_argument("file", help="the output file, or - for stdout")
    q.add_argument("--format", choices=("json", "csv"), default="json")
    q = js.add_parser("import", help="read a JSON export or a PostgreSQL backup into an empty journal")
    q.add_argument("file")
    q = js.add_parser("delete", help="delete everything, for good")
    q.add_argument("--all", action="store_true", required=True)
    q.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    q = js.add_parser("backup", help="write an encrypted copy")
    q.add_argument("file")
    js.add_parser("rekey", help="change the passphrase")
    p.set_defaults(handler=run)

    p = sub.add_parser("insights", help="figures over your journal for one relationship",
                       description="Ruptures per week, repair uptake, time to repair, recurring "
                       "triggers and patterns, and the connection trend.")
    p.add_argument("--rel", type=int, required=True, help="the relationship id")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(handler=insights)


def insights(args: argparse.Namespace) -> int:
    from mendkit.cli import render
    from mendkit.cli.main import NOT_THERAPY
    from mendkit.config import Settings
    from mendkit.insights import relationship_insights

    with _open(Settings.from_env().home) as journal:
        rel = next((r for r in journal.relationships() if r.id == args.rel), None)
        if rel is None:
            raise JournalError(f"no relationship with id {args.rel}")
        data = {"relationship": {"id": rel.id, "name": rel.name},
                **relationship_insights(journal.entries(relationship_id=rel.id))}
    if args.json:
        render.print_json(data)
    else:
        render.insights(data, footer=NOT_THERAPY)
    return 0


def _kdf() -> KdfParams | None:
    raw = os.environ.get("MEND_JOURNAL_KDF")  # "time_cost,memory_kib,parallelism" (tests)
    if not raw:
        return None
    from mendkit.journal.crypto import KdfParams

    try:
        t, m, par = (int(x) for x in raw.split(","))
    except ValueError:
        raise JournalError(f"MEND_JOURNAL_KDF: expected time,memory_kib,parallelism, got {raw!r}"
                           ) from None
    return KdfParams(time_cost=t, memory_kib=m, parallelism=par)


def _passphrase(prompt: str = "Journal passphrase: ", *, env: str = "MEND_PASSPHRASE") -> str:
    value = os.environ.get(env) or os.environ.get("MEND_JOURNAL_KEY")
    if value:
        return value
    if not sys.stdin.isatty():
        raise JournalError(f"no passphrase: set {env} or run in a terminal")
    return getpass.getpass(prompt)


def _open(home: Path) -> Journal:
    """The journal, with any plain coach or correction files moved into it (said on stderr)."""
    from mendkit.storage import open_journal

    journal = open_journal(home, os.environ.get("MEND_DATABASE_URL"), _passphrase)
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


def run(args: argparse.Namespace) -> int:
    from mendkit.cli import render
    from mendkit.config import Settings
    from mendkit.journal.repository import Journal

    home = Settings.from_env().home
    action = args.journal_command
    if action == "init":
        url = os.environ.get("MEND_DATABASE_URL")
        if args.no_encryption and not url:
            print("warning: the journal will NOT be encrypted; anyone who can read "
                  f"{home} can read it.", file=sys.stderr)
            created = Journal.create(home, None, kdf=_kdf())
        else:
            created = Journal.create(home, _passphrase(), url=url, kdf=_kdf())
        with created:
            print("journal created")
            _adopt(created, home)
        return 0
    with _open(home) as journal:
        if action == "add":
            return _add(journal, args)
        if action == "list":
            for r in journal.relationships():
                print(f"relationship {r.id}: {r.name} ({r.kind})")
            for e in journal.entries(kind=args.kind, relationship_id=args.rel):
                print(f"{e.kind} {e.id}: {e.occurred_at} rel={e.relationship_id} "
                      f"{json.dumps(dict(e.body), ensure_ascii=False, sort_keys=True)[:80]}")
            return 0
        if action == "show":
            e = journal.entry(args.id)
            render.print_json({"id": e.id, "kind": e.kind, "relationship_id": e.relationship_id,
                               "occurred_at": e.occurred_at, "body": dict(e.body)})
            return 0
        if action == "export":
            from mendkit.journal.export import to_csv, to_json

            data = journal.export()
            out = to_json(data) if args.format == "json" else to_csv(data)
            if args.file == "-":
                sys.stdout.write(out)
            else:
                Path(args.file).write_text(out, encoding="utf-8")
            return 0
        if action == "import":
            data = _read_import(Path(args.file))
            if journal.relationships() or journal.entries():
                raise JournalError("import goes into an empty journal; this one has entries")
            n_rel, n_ent = journal.import_(data)
            print(f"imported {n_rel} relationships and {n_ent} entries")
            return 0
        if action == "delete":
            if not args.yes and input("Delete the whole journal for good? [y/N] ") != "y":
                print("nothing deleted")
                return 0
            journal.delete_all()
            print("deleted everything")
            return 0
        if action == "backup":
            journal.backup(Path(args.file))
            print(f"backup written to {args.file} and {args.file}.kdf.json (same passphrase; "
                  "keep them together)")
            return 0
        if action == "rekey":
            new = _passphrase("New passphrase: ", env="MEND_NEW_PASSPHRASE")
            journal.rekey(home, new, _kdf())
            print("passphrase changed")
            return 0
    raise JournalError(f"unknown journal action {action!r}")


def _read_import(path: Path) -> dict[str, Any]:
    """A JSON export, or an encrypted backup of a PostgreSQL journal (opened with
    MEND_BACKUP_PASSPHRASE, else the journal's passphrase)."""
    from mendkit.journal.backup import is_backup, read_backup

    try:
        if is_backup(path):
            return read_backup(path, os.environ.get("MEND_BACKUP_PASSPHRASE")
                               or _passphrase("Backup passphrase: "))
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise JournalError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"{path}: cannot be read as a journal export ({exc})") from None
    return data


def _add(journal: Journal, args: argparse.Namespace) -> int:
    when = args.when or datetime.now(UTC).isoformat(timespec="seconds")
    if args.kind == "relationship":
        if not args.name:
            raise JournalError("a relationship needs --name")
        r = journal.add_relationship(args.name, args.rel_kind, args.notes)
        print(f"added relationship {r.id}")
        return 0
    body: dict[str, Any]
    if args.kind == "rupture":
        if not args.text:
            raise JournalError("a rupture needs --text (what happened)")
        body = {"what": args.text, "severity": args.severity, "labels": args.label}
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
    return 0

