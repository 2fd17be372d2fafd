"""Encrypted backups of a PostgreSQL journal, and reading them back.

A backup is the journal's JSON export (as ``mend journal export`` writes it), sealed with
AES-256-GCM under the journal's key (argon2id of the passphrase with the journal's salt), after a
short plaintext header. ``FILE.kdf.json`` beside it holds the salt and the KDF settings, never the
key, so the passphrase alone opens it. ``mend journal import FILE`` restores it into an empty
journal, on either backend. (An SQLite journal's backup is an SQLCipher copy of the file instead.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mendkit._files import atomic_write
from mendkit.errors import JournalError
from mendkit.journal.crypto import Sidecar, TextCipher, derive_key

__all__ = ["MAGIC", "is_backup", "read_backup", "sidecar_of", "write_backup"]

MAGIC = b"MEND-JOURNAL-BACKUP/1\n"
_LABEL = b"mend-journal-backup/1"  # authenticated with the ciphertext


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + ".kdf.json")


def write_backup(dest: Path, data: Mapping[str, Any], cipher: TextCipher, sidecar: Sidecar
                 ) -> None:
    """Seal ``data`` (a journal export) into ``dest``; the KDF sidecar first, then the file."""
    if dest.exists():
        raise JournalError(f"{dest}: already exists")
    payload = (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    try:
        atomic_write(sidecar_of(dest), sidecar.to_json())
        atomic_write(dest, MAGIC + cipher.seal(payload, _LABEL))
    except OSError as exc:
        raise JournalError(f"{dest}: the backup could not be written ({exc.strerror})") from None


def is_backup(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def read_backup(path: Path, passphrase: str) -> dict[str, Any]:
    """The export inside an encrypted backup (raises JournalError on a wrong passphrase)."""
    side = Sidecar.read(sidecar_of(path))
    sealed = path.read_bytes()[len(MAGIC):]
    plain = TextCipher(derive_key(passphrase, side.salt, side.params)).unseal(sealed, _LABEL)
    data: dict[str, Any] = json.loads(plain)
    return data
