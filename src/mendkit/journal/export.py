"""The journal's export files, from the dict that ``Journal.export()`` returns.

JSON is the re-importable form (``mend journal import``): everything but the two-person answers
people kept private (below; a backup, ``mend journal backup``, keeps those too); CSV is one row per
relationship and per entry, for a spreadsheet. The CLI and the web app both write exports through
here.

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

CSV_COLUMNS = ("table", "id", "kind", "relationship_id", "occurred_at", "name", "data")
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
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in data["relationships"]:
        w.writerow(map(spreadsheet_cell, ["relationship", r["id"], r["kind"], "", "", r["name"],
                                          r["notes"]]))
    for e in shown(data)["entries"]:
        w.writerow(["entry", e["id"], e["kind"], e["relationship_id"] or "", e["occurred_at"], "",
                    json.dumps(e["body"], ensure_ascii=False, sort_keys=True)])
    return buf.getvalue()
