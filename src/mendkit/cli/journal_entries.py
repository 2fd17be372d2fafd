"""``mend journal add``: a relationship or an entry (a rupture, a repair, a check-in, a session's
analysis), its labels and its time checked first. Part of :mod:`mendkit.cli.journal`."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mendkit.cli.journal_words import _count, _one_line
from mendkit.errors import InvalidInputError, JournalError
from mendkit.journal import kinds
from mendkit.journal.kinds import check_when

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal


def _label(value: str) -> str:
    """A rupture's label: one of the taxonomy's (``rupture.withdrawal``), or a subtype alone or
    under its label or family (``criticism``, ``rupture.criticism``,
    ``rupture.confrontation.criticism``)."""
    known = kinds.rupture_label(value)
    if known is None:
        raise InvalidInputError(f"unknown label {value!r}; expected {kinds.LABEL_EXAMPLES}")
    return known


def _analysis_body(args: argparse.Namespace) -> dict[str, Any]:
    """The body of an ``analysis`` entry: the client's pseudonym and the transcript's analysis.

    The shipped engine only (no personal heads): sessions analysed months apart stay comparable.
    """
    if not args.client or not args.client.strip():
        raise JournalError("an analysis needs --client (the client's pseudonym)")
    if not args.file:
        raise JournalError("an analysis needs --file (the session transcript)")
    if args.date is not None and args.when is not None:
        raise JournalError("give the session date once: --date or --when, not both")
    if args.date is not None:
        _checked_when(args.date, "--date")
    elif args.when is not None:
        _checked_when(args.when)
    from mendkit.api import analyze, load_conversation

    conversation = load_conversation(args.file, format=args.format)
    analysis = analyze(conversation, mode=args.mode)
    return {"client": args.client.strip(), "analysis": analysis.to_dict()}


def _checked_when(value: str, option: str = "--when") -> str:
    """``--when`` / ``--date`` in the journal's range, as the ISO text every reader and an import
    expect (a date stays a date: ``20261201`` is kept as ``2026-12-01``). An error names the
    option: an empty value is a mistake, never "now"."""
    if not value.strip():
        raise JournalError(f"{option} is empty; expected an ISO date and time like "
                           f"2026-03-14T18:30 (or leave {option} out for now)")
    try:
        parsed = check_when(value)
    except JournalError as exc:
        raise JournalError(f"{option}: {exc}") from None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return parsed.isoformat()  # seconds, and a fraction of one when typed (kept as typed)


def _add(journal: Journal, args: argparse.Namespace, analysed: dict[str, Any] | None = None,
         labels: list[str] | None = None) -> int:
    if args.kind == "analysis" and analysed is not None:
        when = (_checked_when(args.date, "--date") if args.date is not None else
                _checked_when(args.when) if args.when is not None else
                datetime.now().date().isoformat())
        e = journal.add_entry("analysis", analysed, occurred_at=when, relationship_id=args.rel)
        turns = analysed["analysis"]["turns"]
        episodes = analysed["analysis"]["episodes"]
        print(f"added analysis {e.id}: {analysed['client']}, {when}, "
              f"{_count(len(turns), 'turn')}, {_count(len(episodes), 'rupture episode')}")
        if args.rel is not None:
            rel = journal.relationship(args.rel)
            print(f"saved under relationship {rel.id} ({_one_line(rel.name)})")
        else:
            print(f"note: analysis {e.id} is saved with no relationship; add --rel ID to save "
                  "an analysis under one", file=sys.stderr)
        return 0
    # "Now" in local time with its offset, as the web app stores it: a time typed with --when is
    # local wall time too, so the figures compare the two (see mendkit.insights).
    if args.kind == "relationship" and args.when is not None:
        raise JournalError("a relationship has no date; leave out --when (it is for ruptures, "
                           "repairs and check-ins)")
    when = (_checked_when(args.when) if args.when is not None else
            datetime.now().astimezone().isoformat(timespec="seconds"))
    if args.kind == "relationship":
        if not args.name:
            raise JournalError("a relationship needs --name")
        name, notes = kinds.relationship_fields(args.name, args.notes or "")
        r = journal.add_relationship(name, args.rel_kind, notes)
        print(f"added relationship {r.id}")
        return 0
    body: dict[str, Any]
    if args.kind == "rupture":
        if not args.text:
            raise JournalError("a rupture needs --text (what happened)")
        body = {"what": args.text, "severity": args.severity, "labels": labels or []}
    elif args.kind == "repair":
        if not args.text or not args.uptake:
            raise JournalError("a repair needs --text (the message) and --uptake")
        body = {"message": args.text, "uptake": args.uptake, "by": args.by}
    else:
        if args.score is None:
            raise JournalError("a check-in needs --score 0-10")
        body = {"score": args.score}
    e = journal.add_entry(args.kind, body, occurred_at=when, relationship_id=args.rel)
    print(f"added {e.kind} {e.id}")
    if args.rel is None:
        print(f"note: {e.kind} {e.id} is about no relationship, so `mend insights --rel` does not "
              "count it; add --rel ID to attach an entry to one", file=sys.stderr)
    return 0
