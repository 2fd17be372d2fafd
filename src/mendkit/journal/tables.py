"""The journal's tables (SQLAlchemy 2 typed models).

The schema is made and changed by the Alembic migrations in ``mendkit.journal.migrations``
(never ``create_all``); a test checks that these models and the migrations agree.
Free text (names, notes, entry bodies) lives in ``Text`` columns that the repository encrypts on
PostgreSQL; on SQLite the whole file is encrypted. The account tables (a practice's users, web
sessions, shares and audit log) hold no free text: usernames, hashes, ids and times.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    __tablename__ = "journal_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RelationshipRow(Base):
    __tablename__ = "relationships"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # encrypted on PostgreSQL
    kind: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str] = mapped_column(Text, default="")  # encrypted on PostgreSQL
    # A practice's client who owns it; NULL in the single-user local journal.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id"), index=True, nullable=True)


class EntryRow(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    relationship_id: Mapped[int | None] = mapped_column(
        ForeignKey("relationships.id", ondelete="CASCADE"), index=True, nullable=True)
    occurred_at: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)  # a JSON object; encrypted on PostgreSQL
    # A natural key for entries that are updated in place (a coach session's id, a two-person
    # code and role); random identifiers, never free text. NULL for everything else.
    ref: Mapped[str | None] = mapped_column(String(80), nullable=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id"), index=True, nullable=True)

    __table_args__ = (Index("ux_entries_kind_ref", "kind", "ref", unique=True),)


class UserRow(Base):
    """A practice's therapist or client. ``password_hash`` is argon2id (PasswordHasher)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(40))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSessionRow(Base):
    """A signed-in browser: only the SHA-256 of its random token is kept."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    last_seen_at: Mapped[str] = mapped_column(String(40))
    expires_at: Mapped[str] = mapped_column(String(40))


class ShareRow(Base):
    """A client lets a therapist read one entry, from ``granted_at`` until ``withdrawn_at``."""

    __tablename__ = "shares"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    granted_at: Mapped[str] = mapped_column(String(40))
    withdrawn_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class AuditRow(Base):
    """Who did what to which entry or user, and when. No foreign keys: the trail outlives them."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)
