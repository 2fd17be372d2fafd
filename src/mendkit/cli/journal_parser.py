"""The command lines of ``mend journal ...`` and ``mend insights``: their actions, options and
help, each with the function that runs it. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import argparse
from typing import Any

from mendkit.cli.args import text_argument
from mendkit.cli.journal_actions import run
from mendkit.cli.journal_insights import insights
from mendkit.journal.kinds import ENTRY_KINDS, REL_KINDS, UPTAKES


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
    q.add_argument("--kind", required=True, choices=("relationship", *ENTRY_KINDS[:4]),
                   help="what to add: a relationship, or an entry of this kind")
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
