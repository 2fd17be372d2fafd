"""``mend accounts ...``: a practice's therapists and clients, from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING, Any

from mendkit.cli.args import text_argument
from mendkit.errors import InvalidInputError

if TYPE_CHECKING:
    from mendkit.journal.accounts import Accounts
    from mendkit.journal.repository import Journal


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("accounts", help="therapist and client accounts for a practice",
                       description="Sign-ins for a practice's web app: therapists and clients, "
                       "each with a password; a client chooses what a therapist may read, and "
                       "every read is in the audit log. Uses the journal (MEND_DATABASE_URL for "
                       "PostgreSQL), opened with MEND_JOURNAL_KEY or the passphrase.")
    acts = p.add_subparsers(dest="accounts_command", metavar="ACTION", parser_class=parser_class,
                            required=True)
    acts.add_parser("init", help="turn on accounts (practice mode) for this journal")
    q = acts.add_parser("add", help="add a therapist or a client")
    q.add_argument("--username", required=True, type=text_argument,
                   help="the name they sign in with: 2-64 lowercase letters, digits, dot, dash "
                   "or underscore")
    q.add_argument("--role", required=True, choices=("therapist", "client"),
                   help="therapist or client")
    acts.add_parser("list", help="list the accounts")
    q = acts.add_parser("disable", help="stop an account signing in (ends its sessions)")
    q.add_argument("username", type=text_argument)
    q = acts.add_parser("enable", help="let a disabled account sign in again")
    q.add_argument("username", type=text_argument)
    q = acts.add_parser("password", help="give an account a new password (ends its sessions)")
    q.add_argument("username", type=text_argument)
    q = acts.add_parser("delete", help="delete an account and all its entries and shares, for "
                        "good")
    q.add_argument("username", type=text_argument)
    q.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    q = acts.add_parser("audit", help="who did what, newest first")
    q.add_argument("--user", type=text_argument,
                   help="only lines where this user acted or was concerned")
    q.add_argument("--limit", type=int, default=200, help="at most this many lines (default 200)")
    p.set_defaults(handler=run)


def _new_password(prompt: str = "Password for the new account: ",
                  nothing: str = "nothing was added") -> str:
    value = os.environ.get("MEND_NEW_PASSWORD")
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInputError("no password: set MEND_NEW_PASSWORD or run in a terminal")
    try:
        first = getpass.getpass(prompt)
        again = getpass.getpass("The same password again: ")
    except EOFError:  # Ctrl-D, or the input ended
        print(file=sys.stderr)  # end the prompt's line
        raise InvalidInputError(f"no password given; {nothing}") from None
    if again != first:
        raise InvalidInputError(f"the two passwords differ; {nothing}")
    return first


def _passphrase() -> str:
    from mendkit.cli.journal import _passphrase as asked

    try:
        return asked()
    except EOFError:  # Ctrl-D, or the input ended
        print(file=sys.stderr)
        raise InvalidInputError("no passphrase given; the journal stays closed") from None


def _open() -> Journal:
    from mendkit.config import Settings
    from mendkit.storage import open_journal

    return open_journal(Settings.from_env().home, os.environ.get("MEND_DATABASE_URL"),
                        _passphrase)


def run(args: argparse.Namespace) -> int:
    from mendkit.journal.accounts import Accounts

    action = args.accounts_command
    # The new account's password first, then the journal's passphrase (when one is asked for).
    password = (_new_password() if action == "add" else
                _new_password(f"New password for {args.username}: ", "nothing was changed")
                if action == "password" else "")
    if action == "delete" and not args.yes and not _confirm_delete(args.username):
        print("nothing deleted")
        return 0
    with _open() as journal:
        accounts = Accounts(journal)
        if action == "init":
            changed = accounts.enable()
            print("accounts are on: add people with `mend accounts add`" if changed
                  else "accounts were already on")
            return 0
        accounts.require_practice()
        if action == "add":
            user = accounts.add_user(args.username, args.role, password)
            print(f"added {user.role} {user.username}")
            return 0
        if action == "list":
            return _list(accounts)
        if action == "disable":
            name = accounts.user(args.username).username
            if accounts.disable(name):
                print(f"disabled {name}; their sessions have ended")
            else:
                print(f"{name} was already disabled; nothing changed")
            return 0
        if action == "enable":
            name = accounts.user(args.username).username
            if accounts.enable_user(name):
                print(f"enabled {name}; they can sign in again")
            else:
                print(f"{name} can already sign in; nothing changed")
            return 0
        if action == "password":
            user = accounts.set_password(args.username, password)
            print(f"new password set for {user.username}; their open sessions have ended")
            return 0
        if action == "delete":
            user, entries = accounts.delete_user(args.username)
            from mendkit._elapsed import count

            print(f"deleted {user.role} {user.username}, with {count(entries, 'item')} of "
                  "theirs (journal entries and coach sessions) and "
                  "everything they shared or was shared with them; the audit log keeps its "
                  "lines about them")
            return 0
        if action == "audit":
            if args.limit < 1:
                raise InvalidInputError(f"--limit must be 1 or more, got {args.limit}")
            for line in accounts.audit(user=args.user, limit=args.limit):
                entry = f" entry {line.entry_id}" if line.entry_id is not None else ""
                about = f" ({line.subject})" if line.subject else ""
                print(f"{line.at}  {line.actor or _nobody(line.action)}  {line.action}{entry}"
                      f"{about}")
            return 0
    raise InvalidInputError(f"unknown accounts action {action!r}")


def _confirm_delete(username: str) -> bool:
    """Ask before deleting an account; refuse without a terminal unless --yes was given."""
    if not sys.stdin.isatty():
        raise InvalidInputError("nothing deleted: pass --yes to delete an account without being "
                                "asked")
    try:
        answer = input(f"Delete the account {username!r} and all its entries for good? [y/N] ")
    except EOFError:
        print(file=sys.stderr)
        answer = ""
    return answer.strip().lower() in ("y", "yes")


def _nobody(action: str) -> str:
    """Who acted on a line without an account: a failed sign-in came through the web app, a
    session ended by its time limits ended on the server, everything else came from this
    command line."""
    if action == "sign_in_failed":
        return "(web sign-in)"
    return "(timed out)" if action == "session_ended" else "(command line)"


def _list(accounts: Accounts) -> int:
    users = accounts.users()
    if not users:
        print("no accounts yet: add one with `mend accounts add --username NAME --role ROLE`")
    for user in users:
        state = "  (disabled)" if user.disabled else ""
        print(f"{user.username}  {user.role}  since {user.created_at[:10]}{state}")
    return 0
