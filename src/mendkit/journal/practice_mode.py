"""Whether a journal serves a practice (``mend accounts init``): read from the journal itself, or,
without its key, from the marker file beside a SQLite journal or PostgreSQL's plain mark."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import SQLAlchemyError

from mendkit._files import atomic_write
from mendkit.errors import JournalError
from mendkit.journal.engines import postgres_engine
from mendkit.journal.journal_files import practice_marker_path
from mendkit.journal.opening import Journal
from mendkit.journal.tables import MetaRow


def is_practice(journal: Journal) -> bool:
    """Whether ``mend accounts init`` has made this journal a practice's. A SQLite practice
    journal opened here gets its marker if it lacks one (made before markers existed)."""
    with journal.engine.connect() as conn:
        found = conn.scalar(select(MetaRow.value).where(MetaRow.key == "practice")) == "on"
    if found:
        _mark_practice(journal)
    return found


def _mark_practice(journal: Journal) -> None:
    """Leave the plain marker beside a SQLite practice journal (see :func:`known_practice`)."""
    if journal.path is not None:
        marker = practice_marker_path(journal.path.parent)
        if not marker.exists():
            atomic_write(marker, "This Mend journal serves a practice (mend accounts init).\n")


def known_practice(home: Path, url: str | None) -> bool:
    """Whether the journal is a practice's, known without its key: PostgreSQL keeps the mark in
    plain text; an encrypted SQLite file has a marker beside it from ``mend accounts init`` (or
    from the first :func:`is_practice` after, for a practice made before the marker existed)."""
    if not url:
        return practice_marker_path(home).exists()
    try:
        engine = postgres_engine(url)
    except JournalError:
        return False  # opening the journal says what is wrong with the URL
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(MetaRow.__tablename__):
                return False
            return conn.scalar(select(MetaRow.value).where(MetaRow.key == "practice")) == "on"
    except SQLAlchemyError:
        return False  # opening the journal says why it cannot be reached
    finally:
        engine.dispose()
