"""What ``mend journal list`` and ``mend journal show`` print: the journal as a person reads it
(``--json`` prints the stored form instead). The words come from :mod:`mendkit.journal.reading`,
as the CSV export's do."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mendkit.insights import read_moment
from mendkit.journal import reading

if TYPE_CHECKING:
    from mendkit.journal.repository import Entry, Relationship

SUMMARY_WIDTH = 72  # characters of an entry's words on its line in the list
NAME_WIDTH = 20  # a longer relationship name is cut in the list (show gives it whole)
NO_RELATIONSHIP = "no relationship"


def list_text(relationships: Sequence[Relationship], entries: Sequence[Entry], *,
              names: Mapping[int, str], kind: str | None = None,
              rel: Relationship | None = None) -> str:
    """The relationships, then one line per entry (oldest first): its id, its date and time (in
    this computer's zone, with the offset: :func:`list_time`), the relationship's name, its kind
    and a short summary, with a repair's outcome. A journal with nothing in it, or a filter that
    matches nothing, says so. ``names`` names every
    relationship by id (entries may be about ones the list does not show)."""
    lines: list[str] = []
    if relationships:
        lines.append("Relationships:")
        lines += [f"  {r.id}  {_one_line(r.name)} ({r.kind})" for r in relationships]
    if entries:
        if lines:
            lines.append("")
        lines.append("Entries (`mend journal show ID` shows one in full):")
        lines += _entry_lines(entries, names)
    elif kind is None and rel is None:
        lines.append("Your journal has no entries yet." if lines else "Your journal is empty.")
    else:
        if lines:
            lines.append("")
        what = f"{reading.kind_words(kind)} entries" if kind else "entries"
        about = f" about {_one_line(rel.name)}" if rel is not None else ""
        lines.append(f"No {what}{about} yet.")
    return "\n".join(lines) + "\n"


def _entry_lines(entries: Iterable[Entry], names: Mapping[int, str]) -> list[str]:
    rows = [(f"#{e.id}", list_time(e.occurred_at),
             _cut(_one_line(names.get(e.relationship_id, "?")), NAME_WIDTH)
             if e.relationship_id is not None else NO_RELATIONSHIP, entry_line(e.kind, e.body))
            for e in entries]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
            + "  " + row[3] for row in rows]


def list_time(occurred_at: object) -> str:
    """An entry's time in the list: in this computer's time zone, with its offset, so that entries
    written in two zones read in the order they happened (``2026-11-02 12:58 (UTC+00:00)`` for
    ``2026-11-02T23:58+11:00`` on a computer in London). A time stored with no zone is this
    computer's, as the insights read it; a date stays a date; text that is not a time is shown
    as it is (``mend journal show`` gives the time as it was written, with its offset)."""
    text = str(occurred_at).strip()
    moment = read_moment(occurred_at) if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    if moment is None:
        return reading.local_time(occurred_at)
    try:
        here = moment.instant.astimezone()
    except (OverflowError, ValueError, OSError):  # at the ends of the calendar: as stored
        return reading.local_time(occurred_at)
    offset = here.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:5]}" if offset else ""
    shown = here.strftime("%Y-%m-%d %H:%M")
    return f"{shown} (UTC{offset})" if offset else shown


def entry_line(kind: str, body: Mapping[str, Any]) -> str:
    """An entry's kind and summary on one line: ``repair by you: I'm sorry I walked… - accepted``,
    ``rupture, severity 3, criticism: She cancelled…``, ``check-in: connection 7 out of 10``."""
    head = reading.kind_words(kind)
    tail = ""
    if kind == "rupture":
        severity = reading.severity_of(body)
        head = ", ".join([head, *([f"severity {severity}"] if severity is not None else []),
                          *reading.labels_of(body)])
    elif kind == "repair":
        head += f" by {reading.by_words(body) or '?'}"
        tail = f" - {reading.uptake_words(body) or 'outcome not recorded'}"
    elif kind == "coach_session":
        tail = f" - {reading.coach_state_words(body)}"
    elif kind == "correction":
        label = body.get("label")
        tail = f" - marked {reading.label_words(label)}" if isinstance(label, str) else ""
    words = _one_line(reading.shortened(reading.summary(kind, body), SUMMARY_WIDTH))
    return f"{head}: {words}{tail}" if words else head + tail


def show_text(entry: Entry, body: Mapping[str, Any], rel: Relationship | None) -> str:
    """One entry, a field a line and its words in full (``body`` as a journal read shows it:
    a two-person answer kept private reads "kept private")."""
    kind = entry.kind
    fields: list[tuple[str, str]] = [("When", _when(entry.occurred_at))]
    fields.append(("Relationship", f"{rel.name} ({rel.kind}, id {rel.id})" if rel is not None
                   else NO_RELATIONSHIP if entry.relationship_id is None
                   else f"id {entry.relationship_id}"))
    if kind == "rupture":
        severity = reading.severity_of(body)
        fields.append(("Severity", "not given" if severity is None else f"{severity} of 5"))
        fields.append(("Labels", ", ".join(reading.labels_of(body)) or "none"))
        fields.append(("What happened", reading.main_text(kind, body)))
    elif kind == "repair":
        fields.append(("Reached out", reading.by_words(body) or "?"))
        fields.append(("Outcome", reading.uptake_words(body) or "not recorded"))
        fields.append(("Message", reading.main_text(kind, body)))
    elif kind == "checkin":
        fields.append(("Connection", reading.summary(kind, body).removeprefix("connection ")))
    elif kind == "correction":
        label = body.get("label")
        fields.append(("Marked as", reading.label_words(label) if isinstance(label, str)
                       else "?"))
        fields.append(("Text", reading.main_text(kind, body)))
    elif kind == "coach_session":
        fields.append(("Where it got to", reading.coach_state_words(body)))
        fields += [(question[:1].upper() + question[1:], answer)
                   for question, answer in reading.coach_answers(body)]
        if reading.coach_state_words(body) not in ("finished", "stopped to give crisis support",
                                                   "stopped to give safety support"):
            fields.append(("To go on", f"mend coach --resume {body.get('id')}"))
    elif kind == "coach_pair":
        fields.append(("Session", reading.summary(kind, body)))
        person = body.get("answers")
        answers = person.get("answers") if isinstance(person, Mapping) else None
        if isinstance(answers, Mapping):
            fields += [(str(key).replace("_", " ").capitalize(), str(text))
                       for key, text in answers.items()]
    elif kind == "analysis":
        fields.append(("Analysis", reading.analysis_summary(body)))
        fields.append(("In full", f"`mend journal show {entry.id} --json` gives every turn"))
    lines = [f"{reading.kind_words(kind).capitalize()} {entry.id}"]
    width = max(len(name) for name, _ in fields) + 2
    for name, value in fields:
        first, *more = (_one_line(part) for part in (value or "-").splitlines() or ["-"])
        lines.append(f"{name + ':':<{width}}{first}")
        lines += [" " * width + line for line in more]
    return "\n".join(lines) + "\n"


def _when(occurred_at: str) -> str:
    """``2024-03-22 12:24:44 (UTC+01:00)``: the stored wall time and its offset."""
    shown = reading.local_time(occurred_at, seconds=True)
    text = str(occurred_at).strip()
    if shown == text or len(text) <= 19:
        return shown
    offset = text[19:].lstrip(".0123456789")
    offset = "+00:00" if offset == "Z" else offset
    return f"{shown} (UTC{offset})" if offset else shown


def list_json(relationships: Sequence[Relationship], entries: Sequence[Entry],
              bodies: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What ``list --json`` prints: the relationships and entries as the JSON export writes
    them (each entry's body as a journal read shows it)."""
    return {"relationships": [{"id": r.id, "name": r.name, "kind": r.kind, "notes": r.notes}
                              for r in relationships],
            "entries": [{"id": e.id, "kind": e.kind, "relationship_id": e.relationship_id,
                         "occurred_at": e.occurred_at, "body": dict(body)}
                        for e, body in zip(entries, bodies, strict=True)]}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _one_line(text: str) -> str:
    """``text`` with control characters shown as escapes (newlines too: callers split lines
    first), so stored words can neither forge a line of output nor drive the terminal."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) == "Cc" else ch for ch in text)
