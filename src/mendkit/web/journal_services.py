"""What the journal pages and the journal API share: reading form or JSON input into entries,
checking it with the journal's own rules (``validate_entry``), the insights in plain words, exports.

The journal itself is ``mendkit.journal.repository.Journal``; this module only adapts web input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeGuard

from mendkit.errors import JournalError, NotInJournalError
from mendkit.journal.kinds import (
    LABEL_EXAMPLES,
    MAX_NOTES,
    REL_KINDS,
    UPTAKES,
    check_when,
    json_kind,
    relationship_fields,
    rupture_label,
)

if TYPE_CHECKING:
    from mendkit.journal.repository import Entry, Journal, Relationship
    from mendkit.model import Analysis

WEB_KINDS = ("rupture", "repair", "checkin", "analysis")
MAX_TEXT = MAX_NOTES  # any text field of an entry, as a relationship's notes
# The patterns insights count, as the labels a rupture entry stores (insights read the last part).
PATTERN_LABELS = {
    "criticism": "rupture.confrontation.criticism",
    "contempt": "rupture.confrontation.contempt",
    "defensiveness": "rupture.invalidation.defensiveness",
    "stonewalling": "rupture.withdrawal.stonewalling",
}
UPTAKE_WORDS = {"accepted": "accepted", "partly": "partly accepted", "not_yet": "no answer yet",
                "rejected": "turned down"}
REL_WORDS = {"partner": "partner", "family": "family", "friend": "friend", "colleague": "colleague",
             "client": "client", "other": "other"}


# -- relationships ---------------------------------------------------------------------------------
def add_relationship(journal: Journal, name: str, kind: str, notes: str = "") -> Relationship:
    name, notes = relationship_fields(name, notes)
    if kind not in REL_KINDS:
        raise JournalError(f"the kind of relationship must be one of {', '.join(REL_KINDS)}")
    return journal.add_relationship(name, kind, notes)


def find_relationship(journal: Journal, relationship_id: int) -> Relationship:
    for rel in journal.relationships():
        if rel.id == relationship_id:
            return rel
    raise _no_relationship(relationship_id)


def _no_relationship(relationship_id: int) -> NotInJournalError:
    return NotInJournalError(f"there is no relationship {relationship_id} in the journal")


def find_entry(journal: Journal, entry_id: int) -> Entry:
    if not 0 < entry_id < 2**63:  # beyond what the database can hold
        raise NotInJournalError(f"there is no entry {entry_id} in the journal")
    try:
        return journal.entry(entry_id)
    except JournalError as exc:
        if isinstance(exc, NotInJournalError) or not str(exc).startswith("no entry"):
            raise
        raise NotInJournalError(f"there is no entry {entry_id} in the journal") from None


def coach_sessions(journal: Journal, relationship_id: int) -> list[dict[str, str]]:
    """The coach sessions about a relationship, newest first, as the relationship's page lists
    them: those saved under it (``mend coach --rel``, the web coach's choice) and those saved
    with none whose "who" is its name, which its insights count and deleting it deletes
    (``relationship_entry_ids``). Each as its session id, how far it got, and when."""
    rel = find_relationship(journal, relationship_id)
    belonging = set(journal.relationship_entry_ids(rel.id))
    found = [e for e in journal.entries(kind="coach_session") if e.id in belonging]
    return [{"id": str(e.body.get("id", "")), "where": _session_words(e.body.get("state")),
             "when": e.occurred_at} for e in reversed(found)]


def _session_words(state: object) -> str:
    if state == "done":
        return "finished"
    if isinstance(state, str) and state.startswith("stopped"):
        return "paused so that safety could come first"
    return "not finished yet"


# -- correcting: delete an entry, rename or delete a relationship (the pages and the API) -----------
# Each returns what was done and a warning: "" unless the change was made but another program
# kept an older copy of what it held from being overwritten (``DeletedButKept``), in its words.
def delete_entry(journal: Journal, entry_id: int) -> tuple[Entry, str]:
    """Delete one entry for good (an unknown id is named: :class:`NotInJournalError`)."""
    from mendkit.journal.repository import DeletedButKept

    entry = find_entry(journal, entry_id)
    try:
        return journal.delete_entry(entry.id), ""
    except DeletedButKept as exc:
        return entry, str(exc)


def relationship_size(journal: Journal, relationship_id: int) -> tuple[Relationship, int]:
    """A relationship and how many entries deleting it deletes with it (coach sessions about
    them included: ``relationship_entry_ids``)."""
    rel = find_relationship(journal, relationship_id)
    return rel, len(journal.relationship_entry_ids(rel.id))


def delete_relationship(journal: Journal, relationship_id: int) -> tuple[Relationship, int, str]:
    """Delete a relationship with its entries for good: the relationship as it was, how many
    entries went with it, and the warning."""
    from mendkit.journal.repository import DeletedButKept

    rel, n = relationship_size(journal, relationship_id)
    try:
        rel, n = journal.delete_relationship(rel.id)
    except DeletedButKept as exc:
        return rel, n, str(exc)
    return rel, n, ""


def rename_relationship(journal: Journal, relationship_id: int, name: str
                        ) -> tuple[Relationship, Relationship, str]:
    """Give a relationship a new name: before, after, and the warning. A name the journal
    refuses (empty, too long, a line break) is a :class:`JournalError` saying why."""
    from dataclasses import replace

    from mendkit.journal.repository import DeletedButKept

    old = find_relationship(journal, relationship_id)
    try:
        before, after = journal.rename_relationship(old.id, name)
    except DeletedButKept as exc:
        return old, replace(old, name=relationship_fields(name)[0]), str(exc)
    return before, after, ""


# -- entries ---------------------------------------------------------------------------------------
def when(value: str | None) -> str:
    """An ISO date and time (from a form's date-time field or JSON); empty means now. The range
    is the journal's (``kinds.check_when``)."""
    if value is None or not value.strip():
        return datetime.now().astimezone().isoformat(timespec="seconds")
    return check_when(value).isoformat(timespec="seconds")


def add_entry(journal: Journal, kind: str, body: Mapping[str, Any], *,
              occurred_at: str | None = None, relationship_id: int | None = None) -> Entry:
    """Check one entry the web may write (rupture, repair, check-in, analysis) and store it."""
    if kind not in WEB_KINDS:
        raise JournalError(f"the kind of entry must be one of {', '.join(WEB_KINDS)}")
    _check_body(kind, body)
    stored = _stored_body(kind, body)
    if relationship_id is not None:
        find_relationship(journal, relationship_id)
    try:
        return journal.add_entry(kind, stored, occurred_at=when(occurred_at),
                                 relationship_id=relationship_id)
    except NotInJournalError:  # deleted since the check above (`mend journal delete` meanwhile)
        if relationship_id is None:
            raise
        raise _no_relationship(relationship_id) from None


def form_body(kind: str, fields: Mapping[str, str], labels: Sequence[str] = ()) -> dict[str, Any]:
    """A form's text fields as an entry body, with numbers read as numbers; ``add_entry``
    checks it as it checks the API's."""
    if kind == "rupture":
        return {"what": fields.get("what", ""), "severity": _number(
            fields.get("severity", ""), "severity is a whole number 1-5", optional=True),
            "labels": list(labels)}
    if kind == "repair":
        return {"message": fields.get("message", ""), "uptake": fields.get("uptake", ""),
                "by": fields.get("by", "me")}
    if kind == "checkin":
        return {"score": _number(fields.get("score", ""),
                                 "a check-in score is a whole number 0-10")}
    raise JournalError(f"the kind of entry must be rupture, repair or checkin, got {kind!r}")


def save_analysis(journal: Journal, analysis: Analysis, client: str,
                  relationship_id: int | None = None) -> Entry:
    """An analysis result as an ``analysis`` entry: ``{"client", "analysis": <the JSON contract>}``."""
    return add_entry(journal, "analysis", {"client": client.strip(), "analysis": analysis.to_dict()},
                     relationship_id=relationship_id)


def _number(raw: str, expected: str, *, optional: bool = False) -> int | None:
    """A form field as a whole number; ``expected`` says what it must be, for the message."""
    if not raw.strip():
        if optional:
            return None
        raise JournalError(f"{expected}; the field was empty")
    try:
        return int(raw.strip())
    except ValueError:
        raise JournalError(f"{expected}, got {raw.strip()!r}") from None


def _text(body: Mapping[str, Any], key: str, what: str) -> None:
    value = body.get(key)
    if not isinstance(value, str):
        raise JournalError(f"{what} must be text, not {json_kind(value)}")
    if not value.strip():
        raise JournalError(f"{what} cannot be empty")
    if len(value) > MAX_TEXT:
        raise JournalError(f"{what} is at most {MAX_TEXT} characters")


def _check_body(kind: str, body: Mapping[str, Any]) -> None:
    """The journal's own rules (required fields, their types, uptake, score, the analysis's
    shape), then what the web asks of new input: no empty or overlong text."""
    from mendkit.journal.kinds import validate_entry

    validate_entry(kind, body)
    if kind == "rupture":
        _text(body, "what", "what happened")
    elif kind == "repair":
        _text(body, "message", "the repair message")
    elif kind == "analysis":
        _text(body, "client", "the name or pseudonym")


def _stored_body(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """A checked body as the journal keeps it, the same whichever client sent it: text without
    the spaces around it, a rupture's severity (or null) and its labels written out in full
    (``criticism`` as ``rupture.confrontation.criticism``), a repair's ``by`` (``me`` unless
    said). An unknown label is refused, naming it."""
    if kind == "rupture":
        labels = [(label, rupture_label(label)) for label in body.get("labels", [])]
        unknown = [repr(label) for label, known in labels if known is None]
        if unknown:
            raise JournalError(f"unknown label{'s' if len(unknown) > 1 else ''} "
                               f"{', '.join(unknown)}; expected {LABEL_EXAMPLES}")
        return {**body, "what": body["what"].strip(), "severity": body.get("severity"),
                "labels": list(dict.fromkeys(known for _, known in labels if known))}
    if kind == "repair":
        return {**body, "message": body["message"].strip(), "by": body.get("by", "me")}
    return dict(body)


# -- reading -------------------------------------------------------------------------------------
def entry_summary(entry: Entry) -> str:
    """One line in plain words, for lists."""
    b = entry.body
    if entry.kind == "rupture":
        return f"Rupture: {_short(str(b.get('what', '')))}"
    if entry.kind == "repair":
        who = "They" if b.get("by") == "them" else "You"
        return (f"Repair: {who} reached out ({UPTAKE_WORDS.get(str(b.get('uptake')), '?')}): "
                f"{_short(str(b.get('message', '')))}")
    if entry.kind == "checkin":
        return f"Check-in: connection {b.get('score')} out of 10"
    if entry.kind == "analysis":  # read defensively: an imported entry may have another shape
        analysis = b.get("analysis")
        summary = analysis.get("summary") if isinstance(analysis, Mapping) else None
        if not isinstance(summary, Mapping):
            summary = {}
        return (f"Analysis for {b.get('client', '?')}: {_counted(summary.get('turns'), 'turn')}, "
                f"{_counted(summary.get('episodes'), 'episode')}")
    return entry.kind.replace("_", " ").capitalize()


def _counted(n: object, noun: str) -> str:
    """``1 turn``, ``8 turns``; ``? turns`` for a count an imported entry lacks."""
    return f"{n} {noun}" if n == 1 else f"{'?' if n is None else n} {noun}s"


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def insights(journal: Journal, relationship_id: int) -> dict[str, Any]:
    """``relationship_insights`` over one relationship's entries, with the relationship."""
    from mendkit.insights import coach_repair_rows, insights_from_rows

    rel = find_relationship(journal, relationship_id)
    entries = journal.entries(relationship_id=rel.id)
    # A coach session saved under the relationship counts through its follow-ups (below).
    rows = [(e.kind, e.occurred_at, e.body) for e in entries if e.kind != "coach_session"]
    # The coach's follow-ups about them count as repairs (once: see coach_repair_rows).
    sessions = journal.entries(kind="coach_session")
    rows += coach_repair_rows([e.body for e in sessions if e.relationship_id is None], rel.name,
                              [e.body for e in entries if e.kind == "repair"],
                              linked=[e.body for e in sessions if e.relationship_id == rel.id])
    # Saved analyses are not counted: their ruptures were found in a transcript, turn by turn and
    # for both people, often the same ones the person wrote down; counting both would count one
    # rupture twice. The page says so, rather than "no ruptures recorded" alone.
    return {"relationship": {"id": rel.id, "name": rel.name, "kind": rel.kind},
            **insights_from_rows(rows, names=[rel.name]),
            "saved_analyses": sum(1 for e in entries if e.kind == "analysis")}


def checkin_series(journal: Journal, relationship_id: int) -> list[tuple[str, float]]:
    """Check-in scores in time order (of their instants), for the line chart; each labelled with
    its local date, so the labels run forwards as the points do. A time the figures leave out
    (one Mend cannot read, or outside 1900 to today) is left out here too."""
    entries = journal.entries(kind="checkin", relationship_id=relationship_id)
    from mendkit.insights import plausible, read_moment

    timed = [(moment, score) for e in entries
             if (moment := read_moment(e.occurred_at)) is not None and plausible(moment)
             and _is_score(score := e.body.get("score"))]
    return [(moment.local.date().isoformat(), float(score))
            for moment, score in sorted(timed, key=lambda item: item[0].instant)]


@dataclass(frozen=True, slots=True)
class ShownTime:
    """An entry's time as a page shows it (``templates/_time.html``): ``text``, the server's
    local time labelled with its zone ("2026-03-01 12:00 (UTC)"), is what a browser without
    scripts shows; ``instant`` (UTC, for ``<time datetime>``) lets ``local-time.js`` show it in
    the reader's own zone. A time stored without an offset (a wall time as typed) or one no
    one can read is shown as stored, with no ``instant``: there is no zone to convert from."""

    text: str
    instant: str = ""


def shown_time(occurred_at: str) -> ShownTime:
    as_stored = ShownTime(occurred_at[:16].replace("T", " "))
    try:
        parsed = datetime.fromisoformat(occurred_at)
    except ValueError:
        return ShownTime(occurred_at)
    if parsed.tzinfo is None:
        return as_stored
    try:
        local = parsed.astimezone()
        instant = parsed.astimezone(UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError, OSError):  # at the ends of the calendar
        return as_stored
    shown = local.replace(tzinfo=None).isoformat(timespec="minutes").replace("T", " ")
    return ShownTime(f"{shown} ({_zone(local)})", instant.replace("+00:00", "Z"))


def _zone(local: datetime) -> str:
    """This computer's zone at ``local``: its short name (UTC, CET), else its offset."""
    name = local.tzname() or ""
    if name and not name.startswith(("+", "-")):
        return name
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _is_score(value: object) -> TypeGuard[float]:
    """Whether a stored check-in score is a finite number (an old import could store anything;
    the insights leave such a check-in out too)."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _hours(h: float) -> str:
    from mendkit.insights import half_up

    if h < 1:
        return "under an hour"
    if h < 48:
        return _count(int(half_up(h)), "hour")
    return f"{int(half_up(h / 24))} days"


def describe(figures: Mapping[str, Any]) -> list[str]:
    """The figures of ``relationship_insights`` in plain sentences."""
    from mendkit.insights import (
        MIN_TREND_CHECKINS,
        percent,
        steep_words,
        trend_words,
        unrepaired_words,
    )

    out: list[str] = []
    n, attempts = figures["ruptures"], figures["repair_attempts"]
    weeks = len(figures["ruptures_per_week"])
    timed = sum(figures["ruptures_per_week"].values())  # the ruptures with a readable time
    if n <= 1 or timed == 0:
        out.append("No ruptures recorded yet." if n == 0 else f"{_count(n, 'rupture')} recorded.")
    elif timed == n:
        spread = "all in one week" if weeks == 1 else f"in {weeks} different weeks"
        out.append(f"{n} ruptures recorded, {spread}.")
    elif timed == 1:
        out.append(f"{n} ruptures recorded; 1 of them has a time Mend can read.")
    else:
        spread = "are all in one week" if weeks == 1 else f"are in {weeks} different weeks"
        out.append(f"{n} ruptures recorded; the {timed} with a time Mend can read {spread}.")
    if attempts:
        up = figures["uptake"]
        parts = [f"{up[k]} {UPTAKE_WORDS[k]}" for k in UPTAKES if up[k]]
        out.append(f"{_count(attempts, 'repair attempt')}: {', '.join(parts)}.")
        ratio = figures["uptake_ratio"]
        out.append(f"About {percent(ratio)}% of the repair attempts landed (one that was "
                   "partly accepted counts as half).")
    else:
        out.append("No repair attempts recorded yet.")
    unrepaired = unrepaired_words(figures)
    if unrepaired:
        out.append(unrepaired)
    hours = figures["median_hours_to_repair"]
    if hours is not None:
        out.append(f"Typically (the median), the first repair came {_hours(hours)} after a rupture.")
    first = figures["first_repair_by"]
    if first:
        out.append(f"Who reached out first after a rupture: you {_count(first.get('me', 0), 'time')}, "
                   f"they {_count(first.get('them', 0), 'time')}.")
    triggers = figures["recurring_triggers"]
    if triggers:
        words = ", ".join(f"“{t['word']}” ({t['ruptures']})" for t in triggers[:5])
        out.append(f"Words that come back in what happened: {words}.")
    seen = {k: v for k, v in figures["patterns"].items() if v}
    if seen:
        out.append("Patterns you marked: " + ", ".join(f"{k} {v}×" for k, v in seen.items()) + ".")
    trend = trend_words(figures["connection_slope_per_day"], scale=7.0)
    steep = steep_words(figures.get("connection_steep"))
    if trend is not None:
        way, week = trend
        out.append(f"Your check-ins are {way} ({week:+.2f} points a week).")
    elif steep is not None:
        out.append(f"Your check-ins are {steep}.")
    elif figures.get("connection_per_week"):
        out.append(f"Not enough check-ins yet to show a trend: it takes at least "
                   f"{MIN_TREND_CHECKINS}, over a week or more.")
    out.extend(_times_left_out(figures, "entries_without_a_time", "unreadable_times",
                               "a time Mend cannot read", ""))
    analyses = figures.get("saved_analyses") or 0
    if analyses:
        kept = ("1 saved analysis of a conversation is" if analyses == 1 else
                f"{analyses} saved analyses of conversations are")
        out.append(f"{kept} kept with this relationship. These figures do not count what "
                   f"{'it' if analyses == 1 else 'they'} found: only the ruptures, repair "
                   "attempts and check-ins you wrote down are counted here, so that one rupture "
                   "is never counted twice. Open an analysis from the relationship's page to see "
                   "its findings.")
    out.extend(_times_left_out(figures, "entries_out_of_range", "out_of_range_times",
                               "a time outside 1900 to today", ", probably a typo"))
    return out



def _times_left_out(figures: Mapping[str, Any], count_key: str, times_key: str, what: str,
                    why: str) -> list[str]:
    """The note on entries whose times the weekly figures leave out (none when there are none)."""
    count = figures.get(count_key) or 0
    if not count:
        return []
    times = figures.get(times_key, [])
    shown = ", ".join(f"“{t}”" for t in times)
    more = ", …" if count > len(times) else ""
    has, it, counts, them = (("has", "it", "counts", "it") if count == 1
                             else ("have", "they", "count", "them"))
    entries = "1 entry" if count == 1 else f"{count} entries"
    return [f"{entries} {has} {what} ({shown}{more}){why}; {it} still {counts} in the totals, "
            "but the weekly figures, the time to repair and the connection trend leave "
            f"{them} out."]

# -- export ----------------------------------------------------------------------------------------
def export(journal: Journal, fmt: str) -> tuple[str, str, str]:
    """(body, media type, file name) of a full export as JSON or CSV."""
    from mendkit.journal.export import to_csv, to_json

    data = journal.export()
    if fmt == "csv":
        return to_csv(data), "text/csv", "mend-journal.csv"
    return to_json(data), "application/json", "mend-journal.json"
