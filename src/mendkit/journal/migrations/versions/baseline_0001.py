"""The baseline: the journal's tables as of Mend's first release with migrations.

Journals made before migrations (``create_all``, no ``alembic_version`` table) hold the same
tables without ``entries.ref``: this revision recognises them and adds only what is missing, so
their rows stay as they are.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "journal_meta" not in existing:
        op.create_table(
            "journal_meta",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text(), nullable=False),
        )
    if "relationships" not in existing:
        op.create_table(
            "relationships",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("name", sa.Text(), nullable=False),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("notes", sa.Text(), nullable=False),
        )
    if "entries" not in existing:
        op.create_table(
            "entries",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("relationship_id", sa.Integer(),
                      sa.ForeignKey("relationships.id", ondelete="CASCADE"), nullable=True),
            sa.Column("occurred_at", sa.String(40), nullable=False),
            sa.Column("body", sa.Text(), nullable=False),
            sa.Column("ref", sa.String(80), nullable=True),
        )
        op.create_index("ix_entries_kind", "entries", ["kind"])
        op.create_index("ix_entries_relationship_id", "entries", ["relationship_id"])
    else:  # a journal from before migrations
        columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("entries")}
        if "ref" not in columns:
            with op.batch_alter_table("entries") as batch:
                batch.add_column(sa.Column("ref", sa.String(80), nullable=True))
    indexes = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("entries")}
    if "ux_entries_kind_ref" not in indexes:
        op.create_index("ux_entries_kind_ref", "entries", ["kind", "ref"], unique=True)


def downgrade() -> None:
    raise NotImplementedError("the baseline cannot be undone; export the journal instead")
