"""Keys for the journal: argon2id key derivation, the plaintext KDF sidecar, and AES-GCM for text.

The sidecar (``journal.db.kdf.json``) holds the salt and the KDF parameters, never the key.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mendkit._files import atomic_write
from mendkit.errors import JournalError

__all__ = ["JournalError", "KdfParams", "PlainText", "Sidecar", "TextCipher", "derive_key"]


@dataclass(frozen=True, slots=True, kw_only=True)
class KdfParams:
    """argon2id parameters. The defaults are the real ones; tests pass cheaper ones explicitly."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2

    def problem(self) -> str | None:
        """What argon2id cannot use in these numbers, in words; None when they are fine."""
        if not 1 <= self.time_cost < 2**32:
            return f"time_cost must be 1 or more and under 2^32, found {self.time_cost}"
        if not 1 <= self.parallelism < 2**24:
            return f"parallelism must be 1 or more and under 2^24, found {self.parallelism}"
        if not 8 * self.parallelism <= self.memory_kib < 2**32:
            return (f"memory_kib must be at least 8 x parallelism ({8 * self.parallelism}) and "
                    f"under 2^32, found {self.memory_kib}")
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sidecar:
    salt: bytes
    params: KdfParams
    encrypted: bool = True

    def to_json(self) -> str:
        return json.dumps({"format": 1, "kdf": "argon2id", "encrypted": self.encrypted,
                           "salt": self.salt.hex(), "time_cost": self.params.time_cost,
                           "memory_kib": self.params.memory_kib,
                           "parallelism": self.params.parallelism}, indent=2) + "\n"

    @classmethod
    def read(cls, path: Path) -> Sidecar:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            side = cls(salt=bytes.fromhex(raw["salt"]), encrypted=raw["encrypted"],
                       params=KdfParams(time_cost=int(raw["time_cost"]),
                                        memory_kib=int(raw["memory_kib"]),
                                        parallelism=int(raw["parallelism"])))
        except FileNotFoundError:
            raise JournalError(f"{path}: the journal's key file is missing. It holds the salt "
                               "that, with the passphrase, opens the journal: copy the .kdf.json "
                               "file that belongs with this journal (or backup) beside it, with "
                               "the same name plus .kdf.json") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise JournalError(f"{path}: not a Mend journal key file ({exc})") from None
        if not isinstance(side.encrypted, bool):
            raise JournalError(f'{path}: not a Mend journal key file ("encrypted" should be true '
                               f"or false, found {side.encrypted!r})")
        if len(side.salt) < 8:
            raise JournalError(f"{path}: not a Mend journal key file (the salt should be at least "
                               f"8 bytes, found {len(side.salt)})")
        problem = side.params.problem()
        if problem:
            raise JournalError(f"{path}: not a Mend journal key file ({problem})")
        return side

    def write(self, path: Path) -> None:
        atomic_write(path, self.to_json())


def new_salt() -> bytes:
    return secrets.token_bytes(16)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key from the passphrase (argon2id)."""
    if not passphrase:
        raise JournalError("the passphrase is empty")
    try:
        secret = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise JournalError("the passphrase is not valid UTF-8 text; type it again, or set "
                           "MEND_PASSPHRASE in a UTF-8 terminal (nothing was changed)") from None
    problem = params.problem()
    if problem:
        raise JournalError(f"the key settings (MEND_JOURNAL_KDF) cannot be used: {problem}")
    try:
        return hash_secret_raw(secret, salt, time_cost=params.time_cost,
                               memory_cost=params.memory_kib, parallelism=params.parallelism,
                               hash_len=32, type=Type.ID)
    except HashingError as exc:  # argon2 could not have the memory (or threads) it asked for
        problem = (f"not enough memory for memory_kib={params.memory_kib}"
                   if "memory" in str(exc).lower() else str(exc))
        raise JournalError(f"the key settings (MEND_JOURNAL_KDF) cannot be used: {problem}"
                           ) from None


class TextCipher:
    """AES-256-GCM for free-text columns (PostgreSQL): base64(nonce | ciphertext+tag)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def encrypt(self, text: str) -> str:
        nonce = secrets.token_bytes(12)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, text.encode("utf-8"), None)
                                ).decode("ascii")

    def decrypt(self, token: str) -> str:
        raw = base64.b64decode(token)
        try:
            return self._aead.decrypt(raw[:12], raw[12:], None).decode("utf-8")
        except InvalidTag:
            raise JournalError("the journal key does not match this database (wrong passphrase "
                               "or MEND_JOURNAL_KEY)") from None

    def seal(self, data: bytes, label: bytes) -> bytes:
        """nonce | ciphertext+tag for a whole file; ``label`` is authenticated, not stored."""
        nonce = secrets.token_bytes(12)
        return nonce + self._aead.encrypt(nonce, data, label)

    def unseal(self, sealed: bytes, label: bytes) -> bytes:
        try:
            return self._aead.decrypt(sealed[:12], sealed[12:], label)
        except InvalidTag:
            raise JournalError("wrong passphrase for this backup (or the file is damaged)"
                               ) from None

    def decrypt_many(self, tokens: list[str]) -> list[str]:
        """:meth:`decrypt` for many tokens, with one AESGCM object and no per-token overhead."""
        decrypt, unb64 = self._aead.decrypt, binascii.a2b_base64
        out = []
        try:
            for token in tokens:
                raw = unb64(token)
                out.append(decrypt(raw[:12], raw[12:], None).decode("utf-8"))
        except InvalidTag:
            raise JournalError("the journal key does not match this database (wrong passphrase "
                               "or MEND_JOURNAL_KEY)") from None
        return out


class PlainText:
    """No application-level encryption (SQLite: the whole file is encrypted by SQLCipher)."""

    def encrypt(self, text: str) -> str:
        return text

    def decrypt(self, token: str) -> str:
        return token

    def decrypt_many(self, tokens: list[str]) -> list[str]:
        return tokens
