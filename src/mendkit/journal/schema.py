"""The journal's schema version: Alembic, run by Mend on the journal's own connection.

``upgrade`` brings a journal to the newest revision in one transaction: a new (empty) database,
an older revision, or a journal made before migrations existed (its tables but no
``alembic_version``), which the baseline recognises. Nothing here needs an ``alembic.ini``.
Alembic itself loads only when there is something to upgrade: the usual open is one small query.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from mendkit.errors import JournalError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD", "config", "current_revision", "head", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision under migrations/versions (a test checks it against Alembic's own view).
HEAD = "0002_accounts"


def config(connection: Connection | None = None) -> Config:
    """An Alembic config for the journal's migrations (no ini file)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def head() -> str | None:
    """The newest revision, as Alembic reads it from the shipped migration files."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The journal's revision, or None (empty database, or a journal from before migrations)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return None if found is None else str(found)


def upgrade(engine: Engine) -> bool:
    """Bring the journal to :data:`HEAD` in one transaction; True if anything changed.

    The common case (already at head) is one read. On SQLite the write transaction is taken
    up front (``BEGIN IMMEDIATE``), so two processes opening an old journal at once upgrade it
    once: the second waits, then finds it done.
    """
    with engine.connect() as conn:
        if current_revision(conn) == HEAD:
            return False
    from alembic import command
    from alembic.util import CommandError

    try:
        with engine.connect() as raw:
            conn = raw.execution_options(mend_write=True)
            with conn.begin():
                if current_revision(conn) == HEAD:
                    return False
                command.upgrade(config(conn), "head")
    except CommandError as exc:  # e.g. a revision this Mend does not know: a newer Mend made it
        raise JournalError(f"this journal was made or upgraded by a newer version of Mend "
                           f"({exc}); upgrade Mend to open it") from None
    except DBAPIError as exc:
        raise JournalError(f"the journal could not be upgraded to this version of Mend "
                           f"(nothing was changed): {exc.orig}") from None
    return True
