"""Where coach sessions are kept between runs: ``$MEND_HOME/coach/sessions/<id>.json``.

Writes are atomic (a temporary file in the same folder, flushed and renamed over the old one), so a
crash never leaves half a session. The journal will take this over (see the journal issue).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

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
        fd, tmp = tempfile.mkstemp(prefix=f".{session.id}.", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(session.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
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
