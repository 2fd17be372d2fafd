"""The journal's export files, from the dict that ``Journal.export()`` returns.

JSON is the full, re-importable form (``mend journal import``); CSV is one row per relationship
and per entry, for a spreadsheet. The CLI and the web app both write exports through here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

CSV_COLUMNS = ("table", "id", "kind", "relationship_id", "occurred_at", "name", "data")


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
    for e in data["entries"]:
        w.writerow(["entry", e["id"], e["kind"], e["relationship_id"] or "", e["occurred_at"], "",
                    json.dumps(e["body"], ensure_ascii=False, sort_keys=True)])
    return buf.getvalue()
