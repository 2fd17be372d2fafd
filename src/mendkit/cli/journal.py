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
    q.add_argument("--kind", required=True, choices=("relationship", *ENTRY_KINDS[:4]))
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
    q.add_argument("--client", help="analysis: the client's pseudonym (not their real name)")
    q.add_argument("--file", help="analysis: the session transcript (txt, vtt, srt, json, ...)")
    q.add_argument("--date", help="analysis: the session date (ISO; default today)")
    q.add_argument("--format", help="analysis: the transcript format (default: from the "
                   "extension or content)")
    q.add_argument("--mode", choices=("full", "rules"), default="full",
                   help="analysis: full (default: rules and the shipped model) or rules only")
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

    p = sub.add_parser("insights", help="figures over your journal: one relationship, or one "
                       "client's analysed sessions",
                       description="For a relationship (--rel): ruptures per week, repair uptake, "
                       "time to repair, recurring triggers and patterns, and the connection trend. "
                       "For a client (--client): ruptures per session by type, the share repaired "
                       "within the session, withdrawal ruptures never addressed, and the trend.")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--rel", type=int, help="the relationship id")
    who.add_argument("--client", help="a client's pseudonym (sessions added with "
                     "`mend journal add --kind analysis`)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--charts", metavar="DIR",
                   help="also write the charts as PNG and SVG files into DIR")
    p.set_defaults(handler=insights)


def insights(args: argparse.Namespace) -> int:
    from mendkit.cli import render
    from mendkit.cli.main import NOT_THERAPY
    from mendkit.config import Settings

    with _open(Settings.from_env().home) as journal:
        if args.client is not None:
            data = _client_figures(journal, args.client)
        else:
            from mendkit.insights import insights_from_rows

            rel = next((r for r in journal.relationships() if r.id == args.rel), None)
            if rel is None:
                raise JournalError(f"no relationship with id {args.rel}")
            data = {"relationship": {"id": rel.id, "name": rel.name},
                    **insights_from_rows(journal.insight_rows(rel.id))}
    if args.json:
        render.print_json(data)
    elif args.client is not None:
        render.session_insights(data, footer=NOT_THERAPY)
    else:
        render.insights(data, footer=NOT_THERAPY)
    if args.charts:
        from mendkit.insights_charts import write_charts

        paths = write_charts(data, Path(args.charts))
        print("Charts written:\n" + "\n".join(f"  {p}" for p in paths),
              file=sys.stderr if args.json else sys.stdout)
    return 0


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
    # A transcript is read and analysed before the journal is opened: a bad file fails early.
    analysed = _analysis_body(args) if action == "add" and args.kind == "analysis" else None
    with _open(home) as journal:
        if action == "add":
            return _add(journal, args, analysed)
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


def _analysis_body(args: argparse.Namespace) -> dict[str, Any]:
    """The body of an ``analysis`` entry: the client's pseudonym and the transcript's analysis.

    The shipped engine only (no personal heads): sessions analysed months apart stay comparable.
    """
    if not args.client or not args.client.strip():
        raise JournalError("an analysis needs --client (the client's pseudonym)")
    if not args.file:
        raise JournalError("an analysis needs --file (the session transcript)")
    for when in (args.date, args.when):
        if when:
            _checked_when(when)
    from mendkit.api import analyze, load_conversation

    conversation = load_conversation(args.file, format=args.format)
    analysis = analyze(conversation, mode=args.mode)
    return {"client": args.client.strip(), "analysis": analysis.to_dict()}


def _checked_when(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise JournalError(f"expected an ISO date or time such as 2026-03-02 or "
                           f"2026-03-02T18:30, got {value!r}") from None
    return value


def _add(journal: Journal, args: argparse.Namespace, analysed: dict[str, Any] | None = None
         ) -> int:
    if args.kind == "analysis" and analysed is not None:
        when = _checked_when(args.date or args.when or datetime.now().date().isoformat())
        e = journal.add_entry("analysis", analysed, occurred_at=when, relationship_id=args.rel)
        turns = analysed["analysis"]["turns"]
        episodes = analysed["analysis"]["episodes"]
        print(f"added analysis {e.id}: {analysed['client']}, {when}, {len(turns)} turns, "
              f"{len(episodes)} rupture episodes")
        return 0
    when = _checked_when(args.when) if args.when else datetime.now(UTC).isoformat(
        timespec="seconds")
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

