"""Alembic's entry point for the journal: runs on the connection Mend passes in.

``mendkit.journal.schema.upgrade`` puts an open connection, already inside a transaction, in
``config.attributes["connection"]``; every revision then runs in that one transaction (SQLite's
DDL is transactional once the BEGIN is ours, see ``engines._sqlite_engine``). ``render_as_batch``
makes autogenerate write SQLite-safe ``batch_alter_table`` blocks.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from mendkit.journal.tables import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the journal's migrations run through mendkit.journal.schema, "
                       "which passes the connection in")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite",
                  transactional_ddl=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
