"""Where coach sessions and two-person answers are kept between runs.

Two small interfaces, :class:`SessionStorage` and :class:`PairStorage`, with two implementations
each: the plain files here (``$MEND_HOME/coach/sessions/<id>.json`` and
``$MEND_HOME/coach/pairs/<CODE>/<role>.json``, used when there is no journal, so ``mend coach``
works with no setup) and the encrypted journal's (``mendkit.journal.stores``). ``mendkit.storage``
chooses. File writes are atomic (a temporary file in the same folder, flushed and renamed over the
old one), so a crash never leaves half a session.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Protocol

from mendkit._files import atomic_write, private_folder
from mendkit.coach.pair import PairAnswers
from mendkit.coach.session import Session
from mendkit.errors import InvalidInputError

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PAIR_ROLES = ("first", "second")


def check_session_id(session_id: str) -> str:
    if not _SAFE_ID.match(session_id):
        raise InvalidInputError(
            f"a session id is 1-64 letters, digits, '-' or '_', got {session_id!r}")
    return session_id


def check_pair(code: str, role: str) -> None:
    if not re.fullmatch(r"[A-Z0-9]{6}", code) or role not in PAIR_ROLES:
        raise InvalidInputError(f"a join code is 6 letters or digits, got {code!r}")


class SessionStorage(Protocol):
    """Coach sessions by id. Saving a session again replaces it."""

    def save(self, session: Session) -> object: ...

    def load(self, session_id: str) -> Session: ...

    def ids(self) -> list[str]:
        """Every session id, sorted."""
        ...

    def recent(self) -> list[str]:
        """Every session id, the least recently saved first."""
        ...


class PairStorage(Protocol):
    """Each person's private answers in a two-person session, by join code and role."""

    def save(self, code: str, role: str, answers: PairAnswers) -> None: ...

    def load(self, code: str, role: str) -> PairAnswers | None: ...

    def exists(self, code: str) -> bool: ...

    def codes(self) -> list[str]:
        """Every join code with a first person's answers, the least recently saved first."""
        ...


class SessionStore:
    """Coach sessions as plain JSON files (no journal)."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "coach" / "sessions"

    def _path(self, session_id: str) -> Path:
        return self.folder / f"{check_session_id(session_id)}.json"

    def save(self, session: Session) -> Path:
        path = self._path(session.id)
        private_folder(self.folder)
        atomic_write(path, session.to_json())
        return path

    def load(self, session_id: str) -> Session:
        path = self._path(session_id)
        if not path.is_file():
            raise InvalidInputError(f"no coach session {session_id!r} in {self.folder}")
        return Session.from_json(path.read_text(encoding="utf-8"), source=str(path))

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))

    def recent(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return [p.stem for p in sorted(self.folder.glob("*.json"),
                                       key=lambda p: (p.stat().st_mtime, p.stem))]


class PairStore:
    """Two-person answers: ``$MEND_HOME/coach/pairs/<CODE>/<first|second>.json``."""

    ROLES = PAIR_ROLES

    def __init__(self, home: Path) -> None:
        self.folder = home / "coach" / "pairs"

    def _path(self, code: str, role: str) -> Path:
        check_pair(code, role)
        return self.folder / code / f"{role}.json"

    def save(self, code: str, role: str, answers: PairAnswers) -> None:
        path = self._path(code, role)
        private_folder(path.parent)
        atomic_write(path, json.dumps(answers.to_dict(), ensure_ascii=False, indent=1))

    def load(self, code: str, role: str) -> PairAnswers | None:
        path = self._path(code, role)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, OSError) as exc:  # damaged (UnicodeDecodeError is a ValueError)
            raise InvalidInputError(f"cannot read this two-person session's answers ({exc}); "
                                    "move the file away to start again", source=str(path)) from None
        return PairAnswers.from_dict(data)

    def exists(self, code: str) -> bool:
        return self._path(code, "first").is_file()

    def codes(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        firsts = sorted(self.folder.glob("*/first.json"),
                        key=lambda p: (p.stat().st_mtime, p.parent.name))
        return [p.parent.name for p in firsts]
