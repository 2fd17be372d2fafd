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


def to_csv(data: Mapping[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in data["relationships"]:
        w.writerow(["relationship", r["id"], r["kind"], "", "", r["name"], r["notes"]])
    for e in data["entries"]:
        w.writerow(["entry", e["id"], e["kind"], e["relationship_id"] or "", e["occurred_at"], "",
                    json.dumps(e["body"], ensure_ascii=False, sort_keys=True)])
    return buf.getvalue()
