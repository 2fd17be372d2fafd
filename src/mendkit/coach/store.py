"""Where coach sessions are kept between runs: ``$MEND_HOME/coach/sessions/<id>.json``.

Writes are atomic (a temporary file in the same folder, flushed and renamed over the old one), so a
crash never leaves half a session. The journal will take this over (see the journal issue).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mendkit._files import atomic_write
from mendkit.coach.pair import PairAnswers
from mendkit.coach.session import Session
from mendkit.errors import InvalidInputError

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class SessionStore:
    def __init__(self, home: Path) -> None:
        self.folder = home / "coach" / "sessions"

    def _path(self, session_id: str) -> Path:
        if not _SAFE_ID.match(session_id):
            raise InvalidInputError(
                f"a session id is 1-64 letters, digits, '-' or '_', got {session_id!r}")
        return self.folder / f"{session_id}.json"

    def save(self, session: Session) -> Path:
        path = self._path(session.id)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, session.to_json())
        return path

    def load(self, session_id: str) -> Session:
        path = self._path(session_id)
        if not path.is_file():
            raise InvalidInputError(f"no coach session {session_id!r} in {self.folder}")
        return Session.from_json(path.read_text(encoding="utf-8"))

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))


class PairStore:
    """Two-person answers: ``$MEND_HOME/coach/pairs/<CODE>/<first|second>.json``."""

    ROLES = ("first", "second")

    def __init__(self, home: Path) -> None:
        self.folder = home / "coach" / "pairs"

    def _path(self, code: str, role: str) -> Path:
        if not re.fullmatch(r"[A-Z0-9]{6}", code) or role not in self.ROLES:
            raise InvalidInputError(f"a join code is 6 letters or digits, got {code!r}")
        return self.folder / code / f"{role}.json"

    def save(self, code: str, role: str, answers: PairAnswers) -> None:
        path = self._path(code, role)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(answers.to_dict(), ensure_ascii=False, indent=1))

    def load(self, code: str, role: str) -> PairAnswers | None:
        path = self._path(code, role)
        if not path.is_file():
            return None
        return PairAnswers.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def exists(self, code: str) -> bool:
        return self._path(code, "first").is_file()
