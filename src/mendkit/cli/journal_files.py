"""The journal's files: ``export`` (written privately and whole), ``backup`` (under its final name
only once complete) and ``import`` (a JSON export or a PostgreSQL backup, with plain words for the
files it cannot read), and the notes when a journal serves a practice. Part of
:mod:`mendkit.cli.journal`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mendkit.cli.journal_access import _passphrase
from mendkit.cli.journal_words import _count
from mendkit.errors import JournalError

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal


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
