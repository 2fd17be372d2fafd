"""The journal's vocabulary (no database imports, so the CLI parser stays cheap)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mendkit.errors import JournalError
from mendkit.labels import TAXONOMY
from mendkit.model import Analysis  # loaded with the package already

ENTRY_KINDS = ("rupture", "repair", "checkin", "analysis", "correction", "coach_session",
               "coach_pair")
UPTAKES = ("accepted", "partly", "not_yet", "rejected")
REL_KINDS = ("partner", "family", "friend", "colleague", "client", "other")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "rupture": ("what",), "repair": ("message", "uptake"), "checkin": ("score",),
    "analysis": ("client", "analysis"), "correction": ("text", "label"), "coach_session": ("id",),
    "coach_pair": ("code", "role", "answers"),
}

# Each kind with its article, for messages ("an analysis entry needs ...").
_A_KIND = {"rupture": "a rupture", "repair": "a repair", "checkin": "a check-in",
           "analysis": "an analysis", "correction": "a correction",
           "coach_session": "a coach session", "coach_pair": "a two-person coach"}


LABEL_EXAMPLES = ("a label such as rupture.withdrawal or a pattern such as criticism, contempt, "
                  "defensiveness or stonewalling")


def rupture_label(value: str) -> str | None:
    """A rupture entry's label as the journal keeps it, or None for one Mend does not know.

    A label of the taxonomy stays as it is; a subtype, alone or under its label or family, is
    written out under its label, so that every client stores the same words:

    >>> rupture_label("criticism"), rupture_label("rupture.criticism")
    ('rupture.confrontation.criticism', 'rupture.confrontation.criticism')
    >>> rupture_label("rupture.withdrawal"), rupture_label("rupture.bogus")
    ('rupture.withdrawal', None)
    """
    name = value.strip().lower()
    if name in TAXONOMY:
        return name
    head, _, tail = name.rpartition(".")
    owner = next((label for label, subtypes in TAXONOMY.items() if tail in subtypes), None)
    if owner is None or head not in ("", owner, owner.split(".")[0]):
        return None
    return f"{owner}.{tail}"


# Characters that take no room on a page: zero-width and other format characters, controls,
# spaces, combining marks with nothing to combine with, and the letters and signs drawn as blanks.
_BLANK_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible(text: str) -> bool:
    """Whether ``text`` has a character one can see (a lone zero-width space has none)."""
    return any(unicodedata.category(ch) not in _BLANK_CATEGORIES and ch not in _BLANK_LETTERS
               for ch in text)


def control_characters(text: str, *, allowed: str = "") -> list[str]:
    """The control characters in ``text`` (but ``allowed``), as ``U+0000``, once each in order."""
    found = dict.fromkeys(f"U+{ord(ch):04X}" for ch in text
                          if unicodedata.category(ch) == "Cc" and ch not in allowed)
    return list(found)


def validate_entry(kind: str, body: Mapping[str, Any]) -> None:
    if kind not in ENTRY_KINDS:
        raise JournalError(f"unknown entry kind {kind!r}; expected one of {', '.join(ENTRY_KINDS)}")
    missing = [k for k in _REQUIRED[kind] if k not in body]
    if missing:
        names = ", ".join(f'"{k}"' for k in missing)
        raise JournalError(f"{_A_KIND[kind]} entry needs {names}")
    if kind == "repair" and body["uptake"] not in UPTAKES:
        raise JournalError(f"uptake must be one of {', '.join(UPTAKES)}, got {body['uptake']!r}")
    score = body.get("score")
    if kind == "checkin" and (isinstance(score, bool) or not (
            isinstance(score, int) and 0 <= score <= 10)):
        raise JournalError(f"a check-in score is a whole number 0-10, got {score!r}")
    _check_shape(kind, body)


def _check_shape(kind: str, body: Mapping[str, Any]) -> None:
    """The types every reader of an entry relies on (the entry page, insights, exports), so that
    no writer, an import included, stores a body they cannot show."""
    if kind == "rupture":
        _is_text(body, "what", "what happened")
        severity = body.get("severity")
        if severity is not None and (isinstance(severity, bool) or not (
                isinstance(severity, int) and 1 <= severity <= 5)):
            raise JournalError(f"severity is a whole number 1-5, got {severity!r}")
        labels = body.get("labels", [])
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise JournalError("labels are a list of label names")
    elif kind == "repair":
        _is_text(body, "message", "the repair message")
        if body.get("by", "me") not in ("me", "them"):
            raise JournalError(f"who reached out is me or them, got {body.get('by')!r}")
    elif kind == "analysis":
        _is_text(body, "client", "the name or pseudonym")
        check_analysis(body["analysis"])
    for key in ("with", "note"):  # the optional words of a practice's client entries
        if key in body and not isinstance(body[key], str):
            raise JournalError(f"{key!r} must be text, not {json_kind(body[key])}")


def _is_text(body: Mapping[str, Any], key: str, what: str) -> None:
    value = body.get(key)
    if not isinstance(value, str):
        raise JournalError(f"{what} must be text, not {json_kind(value)}")


def json_kind(value: object) -> str:
    """What a JSON value is, in words: ``a number``, ``a list``..."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "nothing (null)" if value is None else "an object"


# The top-level parts of ``mend analyze --json``, with their JSON types.
_ANALYSIS_PARTS: dict[str, type] = {"mend_version": str, "mode": str, "conversation": dict,
                                    "turns": list, "episodes": list, "summary": dict,
                                    "safety": dict}


def check_analysis(value: object) -> None:
    """Refuse what is not the JSON of ``mend analyze --json``: it must read back through the
    domain model (``Analysis.from_dict`` then ``to_dict``) unchanged, so that every page showing
    the entry can rely on its shape."""
    expected = "the analysis must be the JSON of `mend analyze --json`"
    if not isinstance(value, dict):
        raise JournalError(f"{expected}, an object; got {json_kind(value)}")
    missing = [key for key in _ANALYSIS_PARTS if key not in value]
    if missing:
        raise JournalError(f"{expected}; it has no {', '.join(missing)}")
    for key, shape in _ANALYSIS_PARTS.items():
        if not isinstance(value[key], shape):
            raise JournalError(f"{expected}; its {key} must be {json_kind(shape())}, "
                               f"not {json_kind(value[key])}")
    for key in ("turns", "episodes"):
        for i, item in enumerate(value[key]):
            if not isinstance(item, dict):
                raise JournalError(f"{expected}; its {key} must be objects, but item {i} is "
                                   f"{json_kind(item)}")
    problem = _shape_problem(value, _ANALYSIS, "analysis")
    if problem:
        raise JournalError(f"{expected}; {problem}")
    try:
        again = Analysis.from_dict(value).to_dict()
    except KeyError as exc:
        raise JournalError(f"{expected}; {exc.args[0]!r} is missing or not a known value"
                           ) from None
    except (TypeError, ValueError, AttributeError, ArithmeticError):
        # The shapes above should leave nothing here; Python's own words would not help anyone.
        raise JournalError(f"{expected}; a value in it is not of the type mend analyze writes"
                           ) from None
    wrong = [key for key in again if value.get(key) != again[key]]
    if wrong:
        raise JournalError(f"{expected}; its {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'}"
                           " not what mend analyze gives for these turns and episodes")


# What each field of ``mend analyze --json`` holds (``Analysis.to_dict``), in words and as a test,
# so that a malformed analysis is refused naming the field: ``analysis.turns[0].labels must be a
# list of label names, not nothing (null)``.
_Test = Callable[[object], bool]


def _is_whole(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _is_str(v: object) -> bool:
    return isinstance(v, str)


@dataclass(frozen=True, slots=True)
class _Value:
    """A plain value: what it must be, in words, and the test."""

    what: str
    test: _Test
    or_null: bool = False
    one_of: bool = False  # a choice of words: a wrong one is quoted


@dataclass(frozen=True, slots=True)
class _ListOf:
    """A list whose every item is ``item``; ``what`` names the list in words."""

    what: str
    item: _Value | _Object


@dataclass(frozen=True, slots=True)
class _MapOf:
    """An object of named values (a turn's label scores)."""

    what: str
    item: _Value


@dataclass(frozen=True, slots=True)
class _Object:
    fields: Mapping[str, _Value | _ListOf | _MapOf | _Object]
    optional: frozenset[str] = frozenset()
    what: str = "an object"


_Shape = _Value | _ListOf | _MapOf | _Object

_TEXT = _Value("text", _is_str)
_WHOLE = _Value("a whole number", _is_whole)
_NUMBER = _Value("a number", _is_number)
_TRUE_OR_FALSE = _Value("true or false", lambda v: isinstance(v, bool))
_TURN_NUMBERS = _ListOf("a list of turn numbers", _Value("a turn number (whole)", _is_whole))
_LABELS = _ListOf("a list of label names", _Value("a label name (text)", _is_str))

_EVIDENCE = _Object({"label": _TEXT, "subtype": _Value("text", _is_str, or_null=True),
                     "start": _WHOLE, "end": _WHOLE, "text": _TEXT, "source": _TEXT,
                     "score": _NUMBER})
_ANALYSIS = _Object({
    "mend_version": _TEXT,
    "mode": _TEXT,
    "conversation": _Object({"id": _TEXT, "source": _TEXT,
                             "speakers": _ListOf("a list of names", _Value("a name (text)",
                                                                           _is_str))},
                            optional=frozenset({"source"})),
    "turns": _ListOf("a list of turns", _Object({
        "index": _WHOLE, "speaker": _TEXT, "text": _TEXT, "labels": _LABELS,
        "scores": _MapOf("an object of label scores", _NUMBER),
        "evidence": _ListOf("a list of evidence objects", _EVIDENCE),
        "start": _Value("a number", _is_number, or_null=True)}, optional=frozenset({"start"}))),
    "episodes": _ListOf("a list of episodes", _Object({
        "start_turn": _WHOLE, "end_turn": _WHOLE, "labels": _LABELS,
        "severity": _Value("minor or major", lambda v: v in ("minor", "major"),
                           one_of=True),
        "status": _Value("resolved, attempted or unresolved",
                         lambda v: v in ("resolved", "attempted", "unresolved"), one_of=True),
        "rupture_turns": _TURN_NUMBERS, "repair_turns": _TURN_NUMBERS,
        "reconnect_turns": _TURN_NUMBERS, "initiator": _Value("text", _is_str, or_null=True),
        "taken_up": _TRUE_OR_FALSE,
        "turns_to_repair": _Value("a whole number", _is_whole, or_null=True),
        "seconds_to_repair": _Value("a number", _is_number, or_null=True),
        "between": _ListOf("a list of names", _Value("a name (text)", _is_str)),
        "left": _ListOf("a list of leaves", _Object({"speaker": _TEXT, "after_turn": _WHOLE}))},
        optional=frozenset({"between", "left"}))),
    "safety": _Object({
        "crisis": _TRUE_OR_FALSE, "turns": _TURN_NUMBERS,
        "kinds": _ListOf("a list of kinds", _Value("a kind (text)", _is_str)),
        "message": _TEXT,
        "resources": _ListOf("a list of resources", _Object({
            "name": _TEXT, "contact": _TEXT, "region": _TEXT, "note": _TEXT}))}),
})


def _shape_problem(value: object, shape: _Shape, where: str) -> str | None:
    """What is wrong with ``value`` at ``where`` (``analysis.turns[0]``), or None."""
    if isinstance(shape, _Value):
        if shape.test(value) or (shape.or_null and value is None):
            return None
        what = f"{shape.what} or null" if shape.or_null else shape.what
        found = repr(value) if isinstance(value, str) and shape.one_of else json_kind(value)
        return f"{where} must be {what}, not {found}"
    if isinstance(shape, _ListOf):
        if not isinstance(value, list):
            return f"{where} must be {shape.what}, not {json_kind(value)}"
        return next((p for i, item in enumerate(value)
                     if (p := _shape_problem(item, shape.item, f"{where}[{i}]"))), None)
    if isinstance(shape, _MapOf):
        if not isinstance(value, dict):
            return f"{where} must be {shape.what}, not {json_kind(value)}"
        return next((p for key, item in value.items()
                     if (p := _shape_problem(item, shape.item, f"{where}[{json.dumps(key)}]"))),
                    None)
    if not isinstance(value, dict):
        return f"{where} must be {shape.what}, not {json_kind(value)}"
    for key, field_shape in shape.fields.items():
        if key not in value:
            if key in shape.optional:
                continue
            return f'{where} has no "{key}"'
        problem = _shape_problem(value[key], field_shape, f"{where}.{key}")
        if problem:
            return problem
    return None


def ref_of(kind: str, body: Mapping[str, Any]) -> str | None:
    """The natural key of an entry kept up to date in place (a coach session's id; a two-person
    code and role), derived from its body so that an export and import keep it."""
    if kind == "coach_session":
        return str(body["id"])
    if kind == "coach_pair":
        return f"{body['code']}/{body['role']}"
    return None


EARLIEST = datetime(1900, 1, 1)  # a new entry is dated from here to a day ahead


def check_when(value: str) -> datetime:
    """A new entry's date and time as typed (ISO), from 1900 up to a day ahead of this computer's
    clock (another time zone, a clock that runs fast): a mistyped year (``0001``, ``9999``) is
    refused rather than kept. The web app and ``mend journal add`` both ask this."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise JournalError(f"expected a date and time like 2026-03-14T18:30, got {value!r}"
                           ) from None
    # Wall-clock times compared, so no time-zone arithmetic can overflow at year 1 or 9999.
    wall = parsed.replace(tzinfo=None)
    latest = datetime.now(parsed.tzinfo).replace(tzinfo=None) + timedelta(days=1)
    if not EARLIEST <= wall <= latest:
        raise JournalError("expected a date and time between 1900-01-01 and today, like "
                           f"2026-03-14T18:30, got {value!r}")
    return parsed


# An extended ISO date, alone or with a time (what Mend writes): kept exactly as it is.
_EXTENDED_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", re.DOTALL)


def stored_when(value: str) -> str:
    """An entry's time as the journal keeps it, from any text ``check_when`` reads (ISO, with
    spaces around it, as an earlier ``mend journal add --when`` stored it as typed): a date stays
    a date (``20261201`` and `` 2026-12-01`` give ``2026-12-01``), a week or basic-format time is
    written out (``2026-W49`` gives ``2026-11-30``), and an extended ISO time is kept exactly.
    No range is checked, so an old entry dated 0001 still exports and imports."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise JournalError(f"expected a date and time like 2026-03-14T18:30, got {value!r}"
                           ) from None
    if _EXTENDED_ISO.fullmatch(text):
        return text
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return parsed.isoformat(timespec="seconds")


MAX_NAME = 200
MAX_NOTES = 5000
# The shortest passphrase a new journal (or a new key) takes, in the web app and the CLI alike.
MIN_PASSPHRASE = 8


def check_passphrase_length(passphrase: str, outcome: str = "") -> None:
    """Refuse a new passphrase under ``MIN_PASSPHRASE`` characters; ``outcome`` (``nothing was
    created``) ends the message."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise JournalError(f"choose a passphrase of at least {MIN_PASSPHRASE} characters; a few "
                           "unrelated words are easy to remember and hard to guess"
                           + (f"; {outcome}" if outcome else ""))


def relationship_fields(name: str, notes: str = "") -> tuple[str, str]:
    """A new relationship's name and notes, trimmed, as every way in takes them (the command
    line, the pages, the API); ``JournalError`` says what is wrong."""
    name, notes = name.strip(), notes.strip()
    if not has_visible(name):  # empty, spaces, or only zero-width or control characters
        raise JournalError("a relationship needs a name or a pseudonym")
    if controls := control_characters(name):
        raise JournalError(f"a name cannot hold control characters (it has {', '.join(controls)})")
    if controls := control_characters(notes, allowed="\t\n\r"):
        raise JournalError("notes cannot hold control characters other than tabs and line breaks "
                           f"(they have {', '.join(controls)})")
    if len(name) > MAX_NAME:
        raise JournalError(f"a name is at most {MAX_NAME} characters")
    if len(notes) > MAX_NOTES:
        raise JournalError(f"notes are at most {MAX_NOTES} characters")
    return name, notes

