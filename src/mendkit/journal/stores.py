"""The coach's sessions, two-person answers and corrections, kept in the encrypted journal.

The same interfaces as the plain files (``mendkit.coach.store``, ``mendkit.corrections``), over
journal entries of kinds ``coach_session``, ``coach_pair`` and ``correction``. Saving a session
again replaces its entry. :func:`import_plain_files` moves files written before the journal
existed into it, in one transaction, and deletes them only after that transaction committed; a
line of the corrections file that cannot be read stays in that file, and a session or two-person
answer file that cannot be read is moved aside (``coach/sessions/unreadable/``,
``coach/pairs-unreadable/``), each named in a warning, so one damaged file never locks anyone out
of the journal.

In a practice, each person's coach sessions and two-person answers are theirs (the entries'
``owner_id``): not part of the single-user journal, and a coach session is found only by the
person who began it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mendkit._files import atomic_write
from mendkit.coach.pair import PairAnswers
from mendkit.coach.session import Session
from mendkit.coach.store import PairStore, SessionStore, check_pair, check_session_id
from mendkit.corrections import Correction, CorrectionStore, stamped, training_examples
from mendkit.errors import InvalidInputError
from mendkit.insights import said_name
from mendkit.journal.repository import Journal

__all__ = ["Imported", "JournalCorrectionStore", "JournalPairStore", "JournalSessionStore",
           "import_plain_files", "linked_session_store"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class JournalSessionStore:
    """Coach sessions as ``coach_session`` entries, one per session id: ``owner_id``'s in a
    practice (only theirs are found; saving someone else's raises ``NotAllowedError``), else
    (None) the single-user journal's.

    In the single-user journal a session can be saved under a relationship: ``relationship_id``,
    or with ``match_who`` the one relationship whose name is the person's answer to "who"
    (pronouns and case aside, as insights match them: :func:`mendkit.insights.said_name`); a
    session that names none, or several, is saved with no relationship."""

    def __init__(self, journal: Journal, owner_id: int | None = None, *,
                 relationship_id: int | None = None, match_who: bool = False) -> None:
        self.journal = journal
        self.owner_id = owner_id
        self.relationship_id = relationship_id
        self.match_who = match_who and owner_id is None
        self.last_id: str | None = None  # the session this store last saved or loaded
        self._names: list[tuple[int, str]] | None = None

    def save(self, session: Session) -> None:
        check_session_id(session.id)
        rel = self.relationship_id
        if rel is None and self.match_who:
            rel = self._named(session.answers.get("recognise_who"))
        self.journal.put("coach_session", session.to_dict(), occurred_at=_now(),
                         owner_id=self.owner_id, relationship_id=rel)
        self.last_id = session.id

    def named(self, who: object) -> list[int]:
        """The ids of the relationships whose name is ``who`` (pronouns and case aside)."""
        want = said_name(who)
        if self._names is None:
            self._names = [(r.id, said_name(r.name)) for r in self.journal.relationships()]
        return [rel_id for rel_id, name in self._names if want and name == want]

    def _named(self, who: object) -> int | None:
        found = self.named(who)
        return found[0] if len(found) == 1 else None

    def load(self, session_id: str) -> Session:
        found = self.journal.keyed("coach_session", check_session_id(session_id),
                                   owner_id=self.owner_id)
        if found is None:
            raise InvalidInputError(f"no coach session {session_id!r} in the journal")
        self.last_id = session_id
        return Session.from_dict(found.body, source=f"the journal's coach session {session_id!r}")

    def ids(self) -> list[str]:
        return sorted(self.recent())

    def recent(self) -> list[str]:
        return self.journal.refs("coach_session", owner_id=self.owner_id)


def linked_session_store(journal: Journal, relationship_id: int | None) -> JournalSessionStore:
    """The single-user journal's session store that saves a session under ``relationship_id``
    (checked first: an unknown id is :class:`~mendkit.errors.NotInJournalError`, and nothing is
    saved), or, with none, under the one relationship its "who" names (``mend coach --rel``,
    and the web coach's "Which relationship is this about?")."""
    if relationship_id is not None:
        journal.relationship(relationship_id)
    return JournalSessionStore(journal, relationship_id=relationship_id, match_who=True)


class JournalPairStore:
    """Each person's answers in a two-person session as a ``coach_pair`` entry.

    In a practice (``owner_id``, the signed-in person), each person's answers are their own
    entry, kept out of the single-user journal; the join code is what the two share, so either
    finds the other's by it (what each may read is the app's seats' business, as without a
    practice). Changing the other person's answers raises ``NotAllowedError``."""

    def __init__(self, journal: Journal, owner_id: int | None = None) -> None:
        self.journal = journal
        self.owner_id = owner_id

    def save(self, code: str, role: str, answers: PairAnswers) -> None:
        check_pair(code, role)
        self.journal.put("coach_pair", _pair_body(code, role, answers.to_dict()),
                         occurred_at=_now(), owner_id=self.owner_id)

    def load(self, code: str, role: str) -> PairAnswers | None:
        check_pair(code, role)
        found = self.journal.keyed("coach_pair", f"{code}/{role}",
                                   any_person=self.owner_id is not None)
        return None if found is None else PairAnswers.from_dict(found.body["answers"])

    def owns(self, code: str, role: str) -> bool:
        """Whether this place of the session holds this store's person's own answers: in a
        practice, saved by ``owner_id``; else, saved in the single-user journal."""
        check_pair(code, role)
        return self.journal.keyed("coach_pair", f"{code}/{role}",
                                  owner_id=self.owner_id) is not None

    def exists(self, code: str) -> bool:
        return self.load(code, "first") is not None

    def own_places(self) -> list[tuple[str, str]]:
        """The (code, role) places whose answers this store's person saved (as :meth:`owns`),
        the most recently written first: in a practice, how a person signed in again finds their
        sessions without the code."""
        places = [ref.partition("/") for ref in self.journal.refs("coach_pair",
                                                                  owner_id=self.owner_id)]
        return [(code, role) for code, _, role in reversed(places)]

    def codes(self) -> list[str]:
        return [ref.removesuffix("/first") for ref in
                self.journal.refs("coach_pair", any_person=self.owner_id is not None)
                if ref.endswith("/first")]


class JournalCorrectionStore:
    """Corrections as ``correction`` entries."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.warnings: list[str] = []  # entries that the last reading had to skip, and why

    @property
    def where(self) -> str:
        return "the journal"

    def add(self, correction: Correction) -> Correction:
        saved = stamped(correction)
        self.journal.add_entry("correction", asdict(saved), occurred_at=saved.created_at)
        return saved

    def __iter__(self) -> Iterator[Correction]:
        self.warnings = []
        for entry in self.journal.entries(kind="correction"):
            try:
                correction = Correction.from_dict(dict(entry.body))
            except InvalidInputError as exc:
                self.warnings.append(f"journal entry {entry.id}: skipped a correction that "
                                     f"cannot be read: {exc}")
                continue
            yield correction

    def training_examples(self) -> list[dict[str, object]]:
        return training_examples(self)


def _pair_body(code: str, role: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {"code": code, "role": role, "answers": dict(answers)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Imported:
    """What :func:`import_plain_files` moved into the journal."""

    sessions: int = 0
    pairs: int = 0
    corrections: int = 0
    warnings: tuple[str, ...] = ()  # what was left unread: correction lines, files set aside

    def __bool__(self) -> bool:
        """Whether there is anything to tell the person."""
        return bool(self.sessions or self.pairs or self.corrections or self.warnings)

    def message(self, home: Path) -> str:
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in (
            (self.sessions, "coach session"), (self.pairs, "two-person answer"),
            (self.corrections, "correction")) if n]
        lines = [f"warning: {warning}" for warning in self.warnings]
        if parts:
            done = ("deleted what was moved from the plain files" if self.warnings
                    else "deleted the plain files")
            lines.insert(0, f"Moved {', '.join(parts)} from plain files under {home} into the "
                            f"journal, and {done}.")
        return "\n".join(lines)


def import_plain_files(journal: Journal, home: Path) -> Imported:
    """Move the plain coach and correction files under ``home`` into ``journal``.

    Everything goes in one transaction; the files are deleted only after it has committed, so a
    crash in between leaves them in place, and the next run imports them again (a session or a
    two-person answer replaces its entry, so that repeat is harmless; corrections could appear
    twice, never be lost).
    """
    sessions, pairs = SessionStore(home), PairStore(home)
    corrections = CorrectionStore(home)
    items: list[tuple[str, Mapping[str, Any], str]] = []
    files: list[Path] = []
    aside: list[tuple[Path, Path, str]] = []  # (file, where it goes, why it cannot be read)
    for path in sorted(sessions.folder.glob("*.json")) if sessions.folder.is_dir() else []:
        try:
            session = Session.from_json(path.read_text(encoding="utf-8"), source=str(path))
        except (ValueError, OSError) as exc:
            aside.append((path, sessions.folder / "unreadable" / path.name, _why(exc, path)))
            continue
        items.append(("coach_session", session.to_dict(), _mtime(path)))
        files.append(path)
    n_sessions = len(items)
    for path in sorted(pairs.folder.glob("*/*.json")) if pairs.folder.is_dir() else []:
        code, role = path.parent.name, path.stem
        try:
            check_pair(code, role)
            answers = json.loads(path.read_text(encoding="utf-8"))
            PairAnswers.from_dict(answers)  # validates
        except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
            kept = pairs.folder.with_name("pairs-unreadable") / code / path.name
            aside.append((path, kept, _why(exc, path)))
            continue
        items.append(("coach_pair", _pair_body(code, role, answers), _mtime(path)))
        files.append(path)
    n_pairs = len(items) - n_sessions
    found, unreadable = corrections.read()
    items += [("correction", asdict(c), c.created_at or _mtime(corrections.path)) for c in found]
    warnings = tuple(corrections.warnings)
    if corrections.path.is_file() and not unreadable:
        files.append(corrections.path)
    if items:
        journal.put_many(items)
    warnings = tuple(_set_aside(path, kept, why) for path, kept, why in aside) + warnings
    if not items:
        if aside:
            _remove_leftovers(sessions.folder, pairs.folder)
        return Imported(warnings=warnings)
    if unreadable and found:  # keep only the lines that could not be read, for the person to fix
        atomic_write(corrections.path, b"".join(line.raw + b"\n" for line in unreadable))
    for path in files:
        path.unlink()
    _remove_leftovers(sessions.folder, pairs.folder)
    return Imported(sessions=n_sessions, pairs=n_pairs, corrections=len(found),
                    warnings=warnings)


def _why(exc: BaseException, path: Path) -> str:
    """Why a plain file could not be read, without repeating its name."""
    if isinstance(exc, InvalidInputError):
        return exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}"
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}: not valid JSON: {exc.msg}"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return f"not the two-person answers Mend writes ({type(exc).__name__}: {exc})"


def _set_aside(path: Path, kept: Path, why: str) -> str:
    """Move an unreadable plain file out of the way (never overwriting); the warning to show."""
    n = 1
    while kept.exists():
        n += 1
        kept = kept.with_name(f"{path.stem}-{n}{path.suffix}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        path.rename(kept)
    except OSError as exc:
        return (f"{path} cannot be read ({why}) and could not be moved aside ({exc.strerror}); "
                "everything else was moved into the journal. Move or delete that file yourself.")
    return (f"{path} cannot be read ({why}); it was moved to {kept}, unchanged, and everything "
            f"else was moved into the journal. To bring it in, fix it and move it back to "
            f"{path.parent}; if you do not need it, delete it.")


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="microseconds")


def _remove_leftovers(sessions: Path, pairs: Path) -> None:
    """Half-written temporary files (from a crash during an atomic write) and empty folders."""
    folders = [sessions, *(p for p in pairs.glob("*") if p.is_dir()), pairs, pairs.parent]
    for folder in folders:
        if not folder.is_dir():
            continue
        for tmp in folder.glob(".*"):
            if tmp.is_file():
                tmp.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()
