"""The journal's export files, from the dict that ``Journal.export()`` returns.

JSON is the re-importable form (``mend journal import``): everything but the two-person answers
people kept private (below; a backup, ``mend journal backup``, keeps those too). CSV is for a person
to read in a spreadsheet, and is never imported: a section of relationships, then a section of
entries, one row each, in plain words (:mod:`mendkit.journal.reading`), with each entry's body as
JSON in its last column for completeness. The CLI and the web app both write exports through here.

Every read of the journal (exports, ``mend journal list`` and ``show``, the journal pages and
API) shows an entry's body through :func:`shown_body`: a two-person session's answer that its
person kept private reads ``kept private``. Only that person's own two-person page shows it (the
other person may use the same Mend, and so its journal pages).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from mendkit.journal import reading

CSV_RELATIONSHIP_COLUMNS = ("id", "name", "type", "notes")
CSV_COLUMNS = ("id", "date", "relationship", "kind", "summary", "severity", "labels", "outcome",
               "by", "score", "details_json")
CSV_SECTIONS = ("Relationships", "Entries")  # the title row above each section's columns
KEPT_PRIVATE = "kept private"  # what a journal read shows for a two-person answer kept private


def shown_body(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's body as a journal read shows it: the same, except that each answer of a
    two-person session (``coach_pair``) that its person did not share reads ``kept private``.
    An answer counts as shared only when its ``shared`` flag is ``true``.

    >>> body = {"code": "ABC234", "role": "first", "answers": {"name": "Dana", "answers": {
    ...     "feelings": "hurt", "reality": "late"}, "shared": {"feelings": False, "reality": True}}}
    >>> shown_body("coach_pair", body)["answers"]["answers"]
    {'feelings': 'kept private', 'reality': 'late'}
    """
    person = body.get("answers") if kind == "coach_pair" else None
    texts = person.get("answers") if isinstance(person, Mapping) else None
    if not isinstance(person, Mapping) or not isinstance(texts, Mapping):
        return dict(body)
    shared = person.get("shared")
    shared = shared if isinstance(shared, Mapping) else {}
    kept = {key: text if shared.get(key) is True else KEPT_PRIVATE for key, text in texts.items()}
    return {**body, "answers": {**person, "answers": kept}}


def kept_private(data: Mapping[str, Any]) -> int:
    """How many two-person answers of an export :func:`shown_body` writes as ``kept private``."""
    def texts(body: Mapping[str, Any]) -> Mapping[str, Any]:
        person = body.get("answers")
        found = person.get("answers") if isinstance(person, Mapping) else None
        return found if isinstance(found, Mapping) else {}

    return sum(1 for e in data["entries"] if e["kind"] == "coach_pair"
               for key, written in texts(shown_body(e["kind"], e["body"])).items()
               if written == KEPT_PRIVATE and texts(e["body"]).get(key) != KEPT_PRIVATE)


def shown(data: Mapping[str, Any]) -> dict[str, Any]:
    """An export (``Journal.export()``) with every entry's body as :func:`shown_body` shows it.
    A backup is the only copy that keeps private answers (encrypted, as the journal)."""
    return {**data, "entries": [{**e, "body": shown_body(e["kind"], e["body"])}
                                for e in data["entries"]]}


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(shown(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet will show, not run: text that starts like a formula (``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP advises
    against CSV injection (a transcript can hold what someone else typed). Numbers pass as they
    are. The JSON exports keep every text exactly."""
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


_FORMULA_STARTS = frozenset("=+-@\t\r")


def to_csv(data: Mapping[str, Any]) -> str:
    """The export for reading: the relationships, a blank row, then one row per entry with its
    relationship's name (for a coach session saved with none, the one its "who" names, as
    ``mend journal list`` shows it), its time as stored, its kind, its words in full (what
    happened, the message, a summary), severity, labels, outcome (a repair's uptake, where a
    coach session got to), who reached out and the score, in plain words; ``details_json``
    holds the body whole.
    Every text cell is kept from running as a formula (:func:`spreadsheet_cell`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    names = {r["id"]: r["name"] for r in data["relationships"]}
    w.writerow([CSV_SECTIONS[0]])
    w.writerow(CSV_RELATIONSHIP_COLUMNS)
    for r in data["relationships"]:
        w.writerow(map(spreadsheet_cell, [r["id"], r["name"], r["kind"], r["notes"]]))
    w.writerow([])
    w.writerow([CSV_SECTIONS[1]])
    w.writerow(CSV_COLUMNS)
    for e in shown(data)["entries"]:
        kind, body = e["kind"], e["body"]
        outcome = (reading.uptake_words(body) if kind == "repair" else
                   reading.coach_state_words(body) if kind == "coach_session" else "")
        w.writerow(map(spreadsheet_cell, [
            e["id"], e["occurred_at"], names.get(e["relationship_id"], "")
            or next((names[i] for i in reading.named_in(kind, body, names)), ""),
            reading.kind_words(kind), reading.summary(kind, body),
            _blank(reading.severity_of(body)) if kind == "rupture" else "",
            "; ".join(reading.labels_of(body)) if kind == "rupture" else "",
            outcome, reading.by_words(body) if kind == "repair" else "",
            _blank(reading.score_of(body)) if kind == "checkin" else "",
            json.dumps(body, ensure_ascii=False, sort_keys=True)]))
    return buf.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value
