"""Opening the journal from the command line: its passphrase (from the environment or a hidden
prompt, a new one typed twice), its cost settings, the MEND_HOME folder it lives in, and the plain
files it takes in when opened. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mendkit.errors import JournalError
from mendkit.journal import kinds

if TYPE_CHECKING:
    from mendkit.journal.crypto import KdfParams
    from mendkit.journal.repository import Journal


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
