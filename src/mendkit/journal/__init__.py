"""The private journal: relationships, ruptures, repairs, check-ins and analyses, kept encrypted.

SQLite (encrypted at rest with SQLCipher, the key derived from a passphrase with argon2id) by
default; PostgreSQL (free text encrypted by Mend with AES-GCM) when ``MEND_DATABASE_URL`` is set.
The rest of Mend uses ``mendkit.journal.repository.Journal`` only. Nothing is imported here, so
that ``mend --help`` does not load SQLAlchemy.
"""
