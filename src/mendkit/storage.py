"""Chooses where coach sessions, two-person answers and corrections are kept.

With a journal (``$MEND_HOME/journal.db``, or ``MEND_DATABASE_URL``) they go into it, encrypted;
without one, into plain files under ``MEND_HOME``, so the coach works with no setup. Opening the
journal moves any plain files left from before it existed into it (see
``mendkit.journal.stores.import_plain_files``). The journal modules load only when a journal exists
(SQLAlchemy is not needed to coach without one).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mendkit.coach.store import PairStorage, PairStore, SessionStorage, SessionStore
from mendkit.corrections import CorrectionStorage, CorrectionStore
from mendkit.errors import JournalError

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal

__all__ = ["Stores", "adopt_plain_files", "journal_exists", "journal_stores", "open_journal",
           "open_stores", "plain_stores"]


@dataclass(slots=True, kw_only=True)
class Stores:
    """The three stores, and the journal behind them when there is one. Close when done."""

    sessions: SessionStorage
    pairs: PairStorage
    corrections: CorrectionStorage
    journal: Journal | None = None
    notice: str = ""  # what was moved from plain files into the journal, to tell the person once

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()

    def __enter__(self) -> Stores:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def journal_exists(home: Path, url: str | None) -> bool:
    return bool(url) or (home / "journal.db").exists()


def open_journal(home: Path, url: str | None, passphrase: Callable[[], str]) -> Journal:
    """Open the journal, asking for the passphrase only when it is needed."""
    from mendkit.journal.crypto import Sidecar
    from mendkit.journal.repository import Journal, sidecar_path

    if not url and (home / "journal.db").exists() and not os.access(home, os.W_OK):
        # SQLite's WAL files live beside the journal: even a read needs to write there.
        raise JournalError(f"{home} is read-only, and the journal needs to write beside itself "
                           "even to be read; copy the folder to a place you can write in and set "
                           "MEND_HOME to the copy")
    if not url and sidecar_path(home).exists() and not Sidecar.read(sidecar_path(home)).encrypted:
        return Journal.open(home, None)
    if url:
        _require_postgres_driver(url)
    return Journal.open(home, passphrase(), url=url)


def _require_postgres_driver(url: str) -> None:
    """Raise ModuleNotFoundError for ``psycopg`` when the URL needs it and it is not installed:
    the CLI then names Mend's postgres extra to install. (SQLAlchemy's own ImportError cannot
    be told apart from a driver Mend does not support.)"""
    if url.partition("://")[0].lower() == "postgresql+psycopg" and (
            importlib.util.find_spec("psycopg") is None):
        raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")


def adopt_plain_files(journal: Journal, home: Path) -> str:
    """Move plain coach and correction files into the journal; a message when any were moved."""
    from mendkit.journal.stores import import_plain_files

    moved = import_plain_files(journal, home)
    return moved.message(home) if moved else ""


def plain_stores(home: Path) -> Stores:
    """The plain files under ``home`` (no journal)."""
    return Stores(sessions=SessionStore(home), pairs=PairStore(home),
                  corrections=CorrectionStore(home))


def journal_stores(journal: Journal, notice: str = "") -> Stores:
    """The stores inside an open journal (closing them closes the journal)."""
    from mendkit.journal.stores import (
        JournalCorrectionStore,
        JournalPairStore,
        JournalSessionStore,
    )

    return Stores(sessions=JournalSessionStore(journal), pairs=JournalPairStore(journal),
                  corrections=JournalCorrectionStore(journal), journal=journal, notice=notice)


def open_stores(home: Path, *, url: str | None, passphrase: Callable[[], str]) -> Stores:
    """The journal's stores when a journal exists, otherwise the plain files'."""
    if not journal_exists(home, url):
        return plain_stores(home)
    journal = open_journal(home, url, passphrase)
    try:
        notice = adopt_plain_files(journal, home)
    except BaseException:
        journal.close()
        raise
    return journal_stores(journal, notice)
