"""The journal's tables (SQLAlchemy 2 typed models).

The schema is made and changed by the Alembic migrations in ``mendkit.journal.migrations``
(never ``create_all``); a test checks that these models and the migrations agree.
Free text (names, notes, entry bodies) lives in ``Text`` columns that the repository encrypts on
PostgreSQL; on SQLite the whole file is encrypted.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
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

    __table_args__ = (Index("ux_entries_kind_ref", "kind", "ref", unique=True),)
