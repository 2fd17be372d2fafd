"""Reading a journal export back in, field by field: what is wrong is said in words that name the
file and the place (``entries[3]: "id" should be a whole number...``), and a time an older Mend
kept as typed is kept as it was, with a warning."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mendkit.coach.session import Session as CoachSession
from mendkit.corrections import Correction
from mendkit.errors import JournalError
from mendkit.journal.journal_core import _LARGEST_ID
from mendkit.journal.kinds import stored_when


def _exported_when(stored: str) -> str:
    """An entry's time as an export writes it: normalised as an import reads it (an earlier
    ``mend journal add`` stored ``--when`` as typed, `` 2026-11-20``), so that an export of any
    journal Mend wrote imports back; a time no version of Mend can read is left as it is."""
    try:
        return stored_when(stored)
    except JournalError:
        return stored


def _legacy_when(value: str, place: str, wrong: _Wrong, warnings: list[str] | None, *,
                 fits: bool | None, kind: str) -> str:
    """An imported entry's time that no ISO reading understands, kept (with a warning in
    ``warnings``) so that an upgraded journal's export imports back; refused without
    ``warnings``, or when empty.

    SQLite does not hold a text column to its width (``fits``), and an older Mend stored
    ``--when`` there whole, of any length: so is it kept. PostgreSQL holds
    ``EntryRow.occurred_at`` to its 40 characters: a longer time is cut to them, and the whole
    text is kept in the entry's body as ``when_as_typed`` (where its kind's body has room)."""
    expected = (f'{place}: "occurred_at" should be an ISO date and time (like 2026-01-31T18:30), '
                f"found {value!r}")
    if warnings is None:
        raise wrong(expected)
    if not value.strip():
        raise wrong(expected + " (empty)")
    if fits or len(value) <= _WHEN_WIDTH:
        warnings.append(f"{place}: the time {value!r} is not an ISO date and time (an older "
                        "Mend kept it as typed); it was kept as written, and insights leave "
                        "that entry out of the figures over time")
        return value
    cut = value[:_WHEN_WIDTH]
    kept = ("the whole text is kept in the entry as \"when_as_typed\""
            if kind in _OPEN_BODIES else "the whole text is the one quoted here")
    warnings.append(f"{place}: the time {value!r} is not an ISO date and time (an older Mend "
                    f"kept it as typed), and this journal holds at most {_WHEN_WIDTH} characters "
                    f"of it: it was kept as {cut!r}, {kept}, and insights leave that entry out "
                    "of the figures over time")
    return cut


# Entry kinds whose body may hold a field of its own (a correction's or a coach session's
# reader refuses one it does not know).
_OPEN_BODIES = ("rupture", "repair", "checkin", "analysis")
_WHEN_WIDTH = 40  # EntryRow.occurred_at is String(40)


def _a_json(value: object) -> str:
    """What a JSON value is, in words: ``a list``, ``a string``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "an object"


_Wrong = Callable[[str], JournalError]


def _items(data: Mapping[str, Any], key: str, wrong: _Wrong
           ) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects of an export's list ``key``, each with its place (``entries[3]``)."""
    if key not in data:
        raise wrong(f'the export has no "{key}" list')
    items = data[key]
    if not isinstance(items, list):
        raise wrong(f"{key}: expected a list, found {_a_json(items)}")
    found = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise wrong(f"{key}[{i}]: expected an object, found {_a_json(item)}")
        found.append((f"{key}[{i}]", item))
    return found


def _fields(item: Mapping[str, Any], place: str, names: tuple[str, ...], wrong: _Wrong
            ) -> None:
    missing = [f'"{name}"' for name in names if name not in item]
    if missing:
        listed = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
        raise wrong(f"{place} has no {listed}")


def _whole(item: Mapping[str, Any], name: str, place: str, wrong: _Wrong,
           largest: int = _LARGEST_ID) -> int:
    """An id in an export: a whole number the journal's keys can hold (up to ``largest``)."""
    value = item[name]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= largest:
        raise wrong(f'{place}: "{name}" should be a whole number from 1 to {largest}, '
                    f"found {value!r}")
    return value


def _once(seen: dict[Any, str], key: Any, place: str, what: str, wrong: _Wrong) -> None:
    """Refuse a second use of ``key`` in an export (``what`` says what is repeated)."""
    if key in seen:
        raise wrong(f"{place}: {what} is used twice (also {seen[key]}); nothing was imported")
    seen[key] = place


def _readable_body(kind: str, body: Mapping[str, Any]) -> None:
    """Refuse a coach session or correction that the coach or ``mend train`` could not read
    back, with their readers' own words (``InvalidInputError``)."""
    if kind == "coach_session":
        CoachSession.from_dict(body)
    elif kind == "correction":
        Correction.from_dict(dict(body))
