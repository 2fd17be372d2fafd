"""``mend insights``: the figures over one relationship or one client's analysed sessions, with
notes on stderr about what they leave out, and their charts. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mendkit.cli.journal_access import _open
from mendkit.errors import InvalidInputError, JournalError

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal


def insights(args: argparse.Namespace) -> int:
    from mendkit.cli import render
    from mendkit.cli.main import NOT_THERAPY
    from mendkit.config import Settings

    charts = _charts_folder(args.charts) if args.charts else None
    with _open(Settings.from_env().home) as journal:
        if args.client is not None:
            data = _client_figures(journal, args.client)
        else:
            from mendkit.insights import Row, coach_repair_rows, insights_from_rows

            rel = next((r for r in journal.relationships() if r.id == args.rel), None)
            if rel is None:
                raise JournalError(f"no relationship with id {args.rel}")
            # As the web API gives them: saved analyses are kept with the relationship but not
            # counted (see mendkit.web.journal_services.insights), so the figures say so.
            rows: list[Row] = list(journal.insight_rows(rel.id))
            # The coach's follow-ups about them count as repairs (once: see coach_repair_rows).
            sessions = journal.entries(kind="coach_session")
            rows += coach_repair_rows([e.body for e in sessions if e.relationship_id is None],
                                      rel.name, [b for k, _, b in rows if k == "repair"],
                                      linked=[e.body for e in sessions
                                              if e.relationship_id == rel.id])
            data = {"relationship": {"id": rel.id, "name": rel.name},
                    **insights_from_rows(rows, names=[rel.name]),
                    "saved_analyses": len(journal.entries(kind="analysis",
                                                          relationship_id=rel.id))}
    _say_unreadable_times(data)
    _say_out_of_range_times(data)
    _say_unreadable_sessions(data)
    if args.json:
        render.print_json(data)
    elif args.client is not None:
        render.session_insights(data, footer=NOT_THERAPY)
    else:
        render.insights(data, footer=NOT_THERAPY)
    if charts is not None:
        from mendkit.insights_charts import write_charts

        paths = write_charts(data, charts)
        print("Charts written:\n" + "\n".join(f"  {p}" for p in paths),
              file=sys.stderr if args.json else sys.stdout)
    return 0


def _say_unreadable_times(data: dict[str, Any]) -> None:
    """A note on stderr when some entries' stored times could not be read (figures over time
    leave them out)."""
    n = data.get("entries_without_a_time") or 0
    if not n:
        return
    from mendkit._elapsed import count

    shown = ", ".join(repr(t) for t in data.get("unreadable_times", []))
    has, it, counts = ("has", "it", "counts") if n == 1 else ("have", "they", "count")
    print(f"note: {count(n, 'entry')} {has} a time Mend cannot read ({shown}); {it} still "
          f"{counts} in the totals, but the weekly figures, the time to repair and the connection "
          f"trend leave {'it' if n == 1 else 'them'} out. A time should be an ISO date or time "
          "such as 2026-03-02T18:30.", file=sys.stderr)


def _say_out_of_range_times(data: dict[str, Any]) -> None:
    """A note on stderr when some entries' times lie outside what ``--when`` accepts now (an
    older Mend took any year): figures over time leave them out."""
    n = data.get("entries_out_of_range") or 0
    if not n:
        return
    from mendkit._elapsed import count

    shown = ", ".join(repr(t) for t in data.get("out_of_range_times", []))
    more = ", ..." if n > len(data.get("out_of_range_times", [])) else ""
    has, it, counts = ("has", "it", "counts") if n == 1 else ("have", "they", "count")
    print(f"note: {count(n, 'entry')} {has} a time outside 1900 to today ({shown}{more}), "
          f"probably a typo; {it} still {counts} in the totals, but the weekly figures, the time "
          f"to repair and the connection trend leave {'it' if n == 1 else 'them'} out.",
          file=sys.stderr)


def _say_unreadable_sessions(data: dict[str, Any]) -> None:
    """A note on stderr when some analysed sessions hold an analysis that cannot be read (every
    figure leaves them out)."""
    dates = data.get("unreadable_sessions") or []
    if not dates:
        return
    shown = ", ".join(str(d) for d in dates[:3]) + (", ..." if len(dates) > 3 else "")
    if len(dates) == 1:
        print(f"note: 1 analysed session ({shown}) holds an analysis Mend cannot read; it is "
              "left out of these figures.", file=sys.stderr)
    else:
        print(f"note: {len(dates)} analysed sessions ({shown}) hold an analysis Mend cannot "
              "read; they are left out of these figures.", file=sys.stderr)


def _charts_folder(value: str) -> Path:
    """Where ``--charts`` writes, made (when missing) before anything is printed."""
    folder = Path(value)
    if folder.exists() and not folder.is_dir():
        raise InvalidInputError("expected a folder for the charts, found a file", source=value)
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InvalidInputError(f"cannot make a folder for the charts: {parent} is a "
                                        "file", source=value)
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(f"cannot make a folder for the charts there ({exc.strerror})",
                                source=value) from None
    return folder


def _client_figures(journal: Journal, client: str) -> dict[str, Any]:
    from mendkit.insights_sessions import session_insights

    client = client.strip()
    sessions = [e for e in journal.entries(kind="analysis") if e.body.get("client") == client]
    if not sessions:
        raise JournalError(f"no analysed sessions for client {client!r}; add one with "
                           "`mend journal add --kind analysis --client NAME --file TRANSCRIPT`")
    return {"client": client, **session_insights(sessions)}
