"""Accounts for a practice: users, web sessions, shares, the audit log, and an owner on
relationships and entries (NULL: the single-user local journal, as before).

Revision ID: 0002_accounts
Revises: 0001_baseline
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_accounts"
down_revision: str | None = "0001_baseline"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("last_seen_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_web_sessions_token_hash", "web_sessions", ["token_hash"], unique=True)
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("entries.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("therapist_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("granted_at", sa.String(40), nullable=False),
        sa.Column("withdrawn_at", sa.String(40), nullable=True),
    )
    op.create_index("ix_shares_entry_id", "shares", ["entry_id"])
    op.create_index("ix_shares_therapist_id", "shares", ["therapist_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
    )
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor_id"])
    op.create_index("ix_audit_log_subject_id", "audit_log", ["subject_id"])
    for table in ("relationships", "entries"):
        if op.get_bind().dialect.name == "sqlite":
            # ADD COLUMN in place: a batch copy would DROP the old table, and with foreign keys
            # on, SQLite's implicit DELETE would cascade from relationships to entries. (Users
            # are disabled, never deleted, so the owner needs no ON DELETE.)
            op.execute(f"ALTER TABLE {table} ADD COLUMN owner_id INTEGER REFERENCES users (id)")
        else:
            op.add_column(table, sa.Column("owner_id", sa.Integer(),
                                           sa.ForeignKey("users.id"),
                                           nullable=True))
        op.create_index(f"ix_{table}_owner_id", table, ["owner_id"])

def downgrade() -> None:
    raise NotImplementedError("accounts cannot be undone in place; export the journal instead")
