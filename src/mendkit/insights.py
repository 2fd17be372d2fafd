"""Insights over journal entries: pure computations, no database (the caller passes the entries).

Choices, stated once:
* uptake ratio = (accepted + 0.5 x partly) / repair attempts; ``not_yet`` and ``rejected`` count 0.
* time to repair: for each rupture, hours until the first repair entry at or after it (and before
  the next rupture); ruptures never followed by a repair are left out of the median.
* who repairs first: the ``by`` field (me / them) of that first repair.
* recurring triggers: whole words of 4+ letters, in any alphabet (``réunion``, not ``union``),
  minus function words and the relationship's own name (``names``) with its possessives
  (``sam's``), found in 2+ rupture descriptions; the typographic apostrophe a phone types
  (``didn’t``) is read as ``'``.
* patterns: criticism, contempt, defensiveness, stonewalling, read from the last part of each label
  (``criticism`` or ``rupture.confrontation.criticism``); a rupture counts once for a pattern,
  however many of its labels name it.
* connection trend: least-squares slope of check-in scores per day; ``connection_per_week`` is the
  mean check-in score of each ISO week (for the chart). No trend (None) from fewer than
  ``MIN_TREND_CHECKINS`` check-ins, or from check-ins that span less than ``MIN_TREND_DAYS``: two
  scores, or scores an hour apart, say nothing about a week. The span is a week when the first
  and last check-ins are a week apart by the clock or on the wall clock, so Sunday noon to
  Sunday noon is a week across a DST change too. A line steeper than the scale allows (over a
  week, or over the span when longer, more than the whole 0-10 range) gives no rate either: its
  rate would not be a measurement. It is a real and sharp change all the same, so
  ``connection_steep`` says which way it went and the limit it passed
  (``{"direction": "rising", "more_than_per_week": 10.0}``; None otherwise), and
  :func:`steep_words` says it ("rising sharply (more than 10 points a week)"); never "not enough
  data" to someone with enough check-ins.
* a trend in words (:func:`trend_words`) is ``steady`` only when the rate, rounded as it is
  shown, is zero; the terminal, the charts and the web page all use it.
* a figure shown rounded rounds a half up (:func:`half_up`, :func:`percent`): an uptake ratio
  of 5/8 reads ``0.63`` and ``63%``, never ``0.62``; the figures themselves are not rounded.
* ruptures still without a repair (``unrepaired_ruptures``, ``unrepaired_since``): those after
  the last repair attempt, whatever its uptake, with the stored time of the first of them; the
  figure over time leaves out entries whose time cannot be read, as the others do.
* a body of the wrong shape (an old import could store anything) never stops the figures: a
  value that is not what the journal writes counts as absent (a repair's uptake or ``by``, a
  rupture's ``what`` or labels; a check-in without a number score is left out of the connection
  figures).
* a time stored with an offset (Mend's own "now", a typed ``+05:30``) is an instant: time to
  repair, the order of entries and the connection trend use instants, so they do not depend on
  this computer's time zone or a DST change between two entries. A time without an offset is
  local wall time, the instant this computer's time zone gives it. Local time only groups
  entries into days and weeks (and labels them).
* an entry whose stored time cannot be read (an old import of "last tuesday") still counts in the
  totals, uptake, triggers and patterns, but is left out of every figure over time; the figures say
  how many were left out (``entries_without_a_time``) and show a few (``unreadable_times``).
  So is a time outside what ``mend journal add --when`` accepts now, 1900 up to a day ahead of
  this computer's clock (an older Mend took ``0001-01-01`` and ``9999-12-31``): a typo there would
  make the time to repair millions of hours (``entries_out_of_range``, ``out_of_range_times``).
* weeks are ISO weeks written ``2026-W09`` (``1-W01`` for year 1: the year is not padded), listed
  in time order; :func:`iso_weeks` fills the quiet weeks between two of them for a time axis.

Each timestamp is parsed once: with 10,000 entries the figures take a few milliseconds.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple, Protocol, TypeGuard

from mendkit.errors import InvalidInputError

PATTERNS = ("criticism", "contempt", "defensiveness", "stonewalling")
UPTAKES = ("accepted", "partly", "not_yet", "rejected")
REPAIRERS = ("me", "them")
SCORE_RANGE = 10.0
"""Check-in scores run from 0 to 10."""
MIN_TREND_DAYS = 7.0
"""The shortest span of check-ins, in days, that a connection trend (a rate a week) is drawn from."""
MIN_TREND_CHECKINS = 3
"""The fewest check-ins a connection trend is drawn from: a line through two is no trend."""
_STOP = frozenset((
    # Function words (pronouns, determiners, prepositions, conjunctions, auxiliaries and the
    # commonest adverbs) and fillers ("okay", "thing") of four letters or more: they come back in
    # any account of anything.
    "about", "above", "across", "actually", "after", "again", "against", "almost", "along",
    "already", "also", "although", "always", "among", "another", "anyone", "anything", "anyway",
    "around", "away", "because", "been", "before", "behind", "being", "below", "beside",
    "between", "both", "can't", "cannot", "could", "couldn't", "didn't", "does", "doesn't",
    "doing", "don't", "done", "down", "during", "each", "either", "else", "even", "ever", "every",
    "everyone", "everything", "from", "going", "gonna", "hadn't", "hasn't", "have", "haven't",
    "having", "he'd", "he'll", "here", "hers", "herself", "himself", "i'll", "i've", "into",
    "isn't", "it'd", "it'll", "it's", "itself", "just", "less", "let's", "like", "many", "maybe",
    "might", "mine", "more", "most", "much", "must", "myself", "never", "nobody", "none",
    "nothing", "okay", "once", "only", "onto", "other", "others", "ours", "ourselves", "over",
    "quite", "rather", "really", "said", "same", "she'd", "she'll", "she's", "should",
    "shouldn't", "since", "some", "someone", "something", "sometimes", "still", "such", "than",
    "that", "that's", "their", "theirs", "them", "themselves", "then", "there", "there's",
    "these", "they", "they'd", "they'll", "they're", "they've", "thing", "things", "this",
    "those", "though", "through", "till", "told", "toward", "towards", "under", "until", "upon",
    "very", "wasn't", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "what's",
    "whatever", "when", "where", "whether", "which", "while", "whom", "whose", "will", "with",
    "within", "without", "won't", "would", "wouldn't", "yeah", "you'd", "you'll", "you're",
    "you've", "your", "yours", "yourself",
))
_WORD = re.compile(r"[^\W\d_][\w']{3,}")
_NAME_WORD = re.compile(r"[^\W\d_][\w']*")

Row = tuple[str, str, Mapping[str, Any]]
"""One entry as ``(kind, occurred_at, body)``: what :meth:`Journal.insight_rows` returns."""


class EntryLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def occurred_at(self) -> str: ...
    @property
    def body(self) -> Mapping[str, Any]: ...


def parse_when(occurred_at: str) -> datetime:
    """The entry's time as a naive local datetime: a time with an offset is turned into this
    computer's local time (so ``now`` stored in UTC and a wall time typed by the person compare
    correctly); a time without one is already local wall time.

    Raises ``InvalidInputError`` (a ``ValueError``) for a time that is not ISO 8601.
    """
    when = read_when(occurred_at)
    if when is None:
        raise InvalidInputError(f"expected an ISO date or time such as 2026-03-02T18:30, got "
                                f"{occurred_at!r}", source="the journal")
    return when


def read_when(occurred_at: object) -> datetime | None:
    """:func:`parse_when`, or None for a time that cannot be read."""
    moment = read_moment(occurred_at)
    return None if moment is None else moment.local


class Moment(NamedTuple):
    """A stored time read both ways: ``instant`` (aware) to order and subtract, ``local`` (naive
    local wall time) to group into days and weeks and to show."""

    instant: datetime
    local: datetime


def read_moment(occurred_at: object) -> Moment | None:
    """An entry's stored time as a :class:`Moment`, or None for a time that cannot be read.

    >>> a, b = read_moment("2026-10-25T01:30+01:00"), read_moment("2026-10-25T01:10+00:00")
    >>> (b.instant - a.instant).total_seconds() / 60
    40.0
    """
    if not isinstance(occurred_at, str):
        return None
    try:
        when = datetime.fromisoformat(occurred_at)
    except ValueError:
        return None
    # At the ends of the calendar a conversion can overflow: the wall time is kept, as UTC.
    if when.tzinfo is None:
        try:
            return Moment(when.astimezone(), when)
        except (OverflowError, ValueError, OSError):
            return Moment(when.replace(tzinfo=UTC), when)
    try:
        return Moment(when, when.astimezone().replace(tzinfo=None))
    except (OverflowError, ValueError, OSError):
        return Moment(when, when.replace(tzinfo=None))


def instant_order(occurred_at: object) -> tuple[int, datetime]:
    """A sort key that puts stored times in real time order (instants, not their text); a time
    that cannot be read sorts after every other.

    >>> sorted(["2026-03-01T10:00+05:30", "2026-03-01T06:00Z", "?"], key=instant_order)
    ['2026-03-01T10:00+05:30', '2026-03-01T06:00Z', '?']
    """
    moment = read_moment(occurred_at)
    if moment is None:
        return 1, datetime.min.replace(tzinfo=UTC)
    return 0, moment.instant


def week_key(day: date) -> str:
    """The ISO week of a day (or a datetime), as the figures name weeks.

    >>> week_key(date(2026, 1, 1)), week_key(date(999, 6, 1))
    ('2026-W01', '999-W22')
    """
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_order(key: str) -> tuple[int, int]:
    """A week key as ``(year, week)``, to sort weeks in time order: as text ``999-W22`` would sort
    after ``2026-W10``.

    >>> sorted(["2026-W10", "999-W22"], key=week_order)
    ['999-W22', '2026-W10']
    """
    year, week = key.split("-W")
    return int(year), int(week)


def iso_weeks(first: str, last: str, *, most: int | None = None) -> list[str]:
    """Every ISO week from ``first`` to ``last``, both included, quiet weeks too, in time order;
    only the last ``most`` of them when given. Any week of the years 1-9999 works, the last one
    (``9999-W52``, which ends on ``date.max``) too.

    >>> iso_weeks("2025-W52", "2026-W02")
    ['2025-W52', '2026-W01', '2026-W02']
    """
    # Day numbers (ordinals) rather than dates: stepping a date a week past date.max overflows.
    start, end = (date.fromisocalendar(*week_order(k), 1).toordinal() for k in (first, last))
    if most is not None:
        start = max(start, end - 7 * (most - 1))
    return [week_key(date.fromordinal(day)) for day in range(start, end + 1, 7)]


def recent_weeks(per_week: Mapping[str, int], *, most: int = 104
                 ) -> tuple[list[tuple[str, int]], int]:
    """Ruptures per ISO week for a chart's time axis: the last ``most`` weeks up to the last one
    with a rupture, quiet weeks filled with 0, and how many ruptures came before them (which the
    chart has to mention or show apart: they are not in the weeks).

    >>> recent_weeks({"1900-W01": 1, "2026-W10": 2}, most=2)
    ([('2026-W09', 0), ('2026-W10', 2)], 1)
    """
    if not per_week:
        return [], 0
    first, last = min(per_week, key=week_order), max(per_week, key=week_order)
    weeks = iso_weeks(first, last, most=most)
    shown = set(weeks)
    return ([(week, per_week.get(week, 0)) for week in weeks],
            sum(n for week, n in per_week.items() if week not in shown))


# How the coach's follow-up answer is said as a repair entry's uptake.
_COACH_UPTAKE = {"yes": "accepted", "partly": "partly", "no": "rejected"}


def said_name(who: object) -> str:
    """The other person's name as the coach was told it, without pronouns and case ("Sam
    (she/her)", "Sam, she" -> "sam"): how a coach session is matched to a relationship's name.

    >>> said_name("Jordan (he/him)") == said_name("jordan")
    True
    """
    return re.split(r"[(,]", str(who or ""), maxsplit=1)[0].strip().casefold()


def _plain(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _not_ahead(at: str, now: datetime | None) -> str:
    """``at``, or ``now`` (aware, to the minute) where ``at`` is later than it."""
    moment = read_moment(at)
    current = (now or datetime.now()).astimezone()
    if moment is None or moment.instant <= current:
        return at
    return current.isoformat(timespec="minutes")


def coach_repair_rows(sessions: Iterable[Mapping[str, Any]], name: str,
                      repairs: Iterable[Mapping[str, Any]] = (), *,
                      linked: Iterable[Mapping[str, Any]] = (),
                      now: datetime | None = None) -> list[Row]:
    """The coach's follow-ups as repair rows of the relationship called ``name``: one per coach
    session about them whose follow-up was answered (``sessions`` are ``Session.to_dict()``
    objects), at the time the first follow-up was answered, with the last follow-up's answer as its
    uptake (a later follow-up is the same repair, asked about again). A repair already in the
    journal (``repairs``: its entries' bodies) for the same session, or with the same message,
    is that repair written down by hand: the follow-up is not counted a second time.
    ``linked`` sessions were saved under this relationship (``mend coach --rel``, or linked by
    name before a rename): they count whatever name they give.

    The time is Mend's own, never the person's: a session saved before follow-ups kept the time
    they were answered holds only the day one was due, which may still be to come when it was
    answered early; such a time counts as ``now`` (the clock's, by default), not as a typo.

    >>> rows = coach_repair_rows([{"id": "a1", "answers": {
    ...     "recognise_who": "Sam (she/her)", "rebuild_message": "I'm sorry I lied.",
    ...     "rebuild_follow_up": "2026-12-07T00:00+00:00", "follow_up_uptake": "partly"}}], "Sam")
    >>> [(kind, at, body["uptake"]) for kind, at, body in rows]
    [('repair', '2026-12-07T00:00+00:00', 'partly')]
    >>> coach_repair_rows([{"id": "a1", "answers": {"recognise_who": "Sam",
    ...     "rebuild_message": "I'm sorry I lied.", "rebuild_follow_up": "2026-12-07",
    ...     "follow_up_uptake": "yes"}}], "Sam", [{"message": "I'm sorry I lied. "}])
    []
    """
    known = list(repairs)
    ids = {str(r.get("coach_session")) for r in known if r.get("coach_session")}
    messages = {_plain(r.get("message")) for r in known if r.get("message")}
    want = said_name(name)
    rows: list[Row] = []
    mine = [(s, True) for s in linked] + [(s, False) for s in sessions]
    for session, linked_here in mine:
        answers = session.get("answers")
        if not isinstance(answers, Mapping) or (not linked_here and (
                not want or said_name(answers.get("recognise_who")) != want)):
            continue
        done = [f for f in answers.get("follow_ups") or () if isinstance(f, Mapping)]
        if not done and answers.get("follow_up_uptake"):  # a session from before the list
            done = [{"at": answers.get("rebuild_follow_up"),
                     "uptake": answers.get("follow_up_uptake")}]
        uptake = _COACH_UPTAKE.get(str(done[-1].get("uptake"))) if done else None
        message = answers.get("rebuild_message")
        session_id = str(session.get("id") or "")
        if uptake is None or not isinstance(done[0].get("at"), str) or session_id in ids or (
                message and _plain(message) in messages):
            continue
        rows.append(("repair", _not_ahead(str(done[0]["at"]), now),
                     {"message": str(message or ""), "uptake": uptake, "by": "me",
                      "coach_session": session_id}))
    return rows


def relationship_insights(entries: Iterable[EntryLike], *, names: Iterable[str] = ()
                          ) -> dict[str, Any]:
    """Figures for one relationship's entries (any order); ``names``: the relationship's own
    name, left out of the triggers."""
    return insights_from_rows([(e.kind, e.occurred_at, e.body) for e in entries], names=names)


def insights_from_rows(rows: Iterable[Row], *, names: Iterable[str] = ()) -> dict[str, Any]:
    """Figures from ``(kind, occurred_at, body)`` rows (any order; equal times keep their order).

    ``names`` are the relationship's own name (``"Sam"``, ``"Aunt May"``): every word of it, and
    its possessives (``sam's``), is left out of the recurring triggers, where it would stand in
    almost every rupture and say nothing about what set one off.
    """
    read = [(read_moment(at), at, kind, body if isinstance(body, Mapping) else {})
            for kind, at, body in rows]
    unreadable = [at for t, at, _, _ in read if t is None]
    out_of_range = [at for t, at, _, _ in read if t is not None and not plausible(t)]
    timed = sorted(((t, kind, body) for t, _, kind, body in read
                    if t is not None and plausible(t)),
                   key=lambda item: item[0].instant)
    ruptures = [(t, b) for t, k, b in timed if k == "rupture"]
    timed_ruptures = sorted(((t, at) for t, at, kind, _ in read
                             if kind == "rupture" and t is not None and plausible(t)),
                            key=lambda item: item[0].instant)
    repairs = [(t, b) for t, k, b in timed if k == "repair"]
    checkins = [(t, b) for t, k, b in timed if k == "checkin"]
    # Entries without a readable time still count where time plays no part.
    all_ruptures = [b for _, _, k, b in read if k == "rupture"]
    all_repairs = [b for _, _, k, b in read if k == "repair"]

    weeks = Counter(week_key(t.local) for t, _ in ruptures)

    uptake = Counter(u for b in all_repairs if (u := b.get("uptake")) in UPTAKES)
    ratio = ((uptake["accepted"] + 0.5 * uptake["partly"]) / len(all_repairs)
             if all_repairs else None)

    hours: list[float] = []
    first_by: Counter[str] = Counter()
    repair_times = [t.instant for t, _ in repairs]  # sorted, as ``timed`` is
    rupture_times = [t.instant for t, _ in ruptures]
    for i, start in enumerate(rupture_times):
        end = rupture_times[i + 1] if i + 1 < len(rupture_times) else None
        j = bisect.bisect_left(repair_times, start)
        if j < len(repairs) and (end is None or repair_times[j] < end):
            hours.append((repair_times[j] - start).total_seconds() / 3600)
            by = repairs[j][1].get("by", "me")
            if by in REPAIRERS:
                first_by[by] += 1

    # The ruptures after the last repair attempt (of any uptake): still without one.
    last_repair = repair_times[-1] if repair_times else None
    unrepaired = [at for t, at in timed_ruptures if last_repair is None or t.instant > last_repair]

    left_out = _STOP | name_words(names)
    docs = [set(_WORD.findall(what.lower().replace("’", "'"))) - left_out for b in all_ruptures
            if isinstance(what := b.get("what"), str)]
    word_docs = Counter(w for d in docs for w in d)
    triggers = sorted(((w, n) for w, n in word_docs.items() if n >= 2), key=lambda x: (-x[1], x[0]))

    patterns: Counter[str] = Counter()
    for b in all_ruptures:
        labels = b.get("labels")
        tails = {label.rsplit(".", 1)[-1] for label in (labels if isinstance(labels, list) else ())
                 if isinstance(label, str)}
        patterns.update(tails & set(PATTERNS))

    scores = [(t, float(score)) for t, b in checkins if _is_number(score := b.get("score"))]
    per_week: defaultdict[str, list[float]] = defaultdict(list)
    for t, score in scores:
        per_week[week_key(t.local)].append(score)
    slope, steep = _connection_slope(scores)

    return {
        "ruptures": len(all_ruptures),
        "ruptures_per_week": {w: weeks[w] for w in sorted(weeks, key=week_order)},
        "repair_attempts": len(all_repairs),
        "uptake": {k: uptake[k] for k in UPTAKES},
        "uptake_ratio": ratio,
        "median_hours_to_repair": statistics.median(hours) if hours else None,
        "first_repair_by": dict(sorted(first_by.items())),
        "recurring_triggers": [{"word": w, "ruptures": n} for w, n in triggers[:10]],
        "patterns": {p: patterns[p] for p in PATTERNS},
        "connection_slope_per_day": slope,
        "connection_steep": steep,
        "connection_per_week": {w: statistics.fmean(per_week[w])
                                for w in sorted(per_week, key=week_order)},
        "unrepaired_ruptures": len(unrepaired),
        "unrepaired_since": str(unrepaired[0]) if unrepaired else None,
        "entries_without_a_time": len(unreadable),
        "unreadable_times": [str(at) for at in unreadable[:3]],
        "entries_out_of_range": len(out_of_range),
        "out_of_range_times": [str(at) for at in out_of_range[:3]],
    }


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words of a relationship's name as they may appear in a description, lower case:
    each word, and its possessives (``'s`` and ``'``).

    >>> sorted(name_words(["James"]))
    ['james', "james'", "james's"]
    """
    words: set[str] = set()
    for name in names:
        for word in _NAME_WORD.findall(name.lower().replace("’", "'")):
            base = word.removesuffix("'s").rstrip("'")
            words.update((base, f"{base}'s", f"{base}'"))
    return frozenset(words)


EARLIEST = datetime(1900, 1, 1)  # as ``mendkit.journal.kinds.check_when``: 1900 up to ...
AHEAD = timedelta(days=1)  # ... a day ahead of this computer's clock


def plausible(moment: Moment) -> bool:
    """Whether an entry's time lies where ``check_when`` would accept it now (wall times
    compared, so nothing overflows at year 1 or 9999)."""
    return EARLIEST <= moment.local <= datetime.now() + AHEAD


def _is_number(value: object) -> TypeGuard[float]:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _connection_slope(scores: Sequence[tuple[Moment, float]]
                      ) -> tuple[float | None, dict[str, Any] | None]:
    """``(points per day, None)`` from check-ins in time order. ``(None, None)`` from fewer than
    ``MIN_TREND_CHECKINS`` or a span under ``MIN_TREND_DAYS``. For a line steeper than the whole
    scale in a week (or over the span, when longer): None, and which way it went with the limit it
    passed in points a week (rounded down, so "more than" stays true).
    """
    if len(scores) < MIN_TREND_CHECKINS:
        return None, None
    first = scores[0][0]
    days = [(t.instant - first.instant).total_seconds() / 86400 for t, _ in scores]
    if _span_days(first, scores[-1][0]) < MIN_TREND_DAYS:
        return None, None
    slope = least_squares_slope(days, [s for _, s in scores])
    if slope is None:
        return None, None
    most = SCORE_RANGE / max(days[-1], 7.0)
    if abs(slope) <= most:
        return slope, None
    # rounded down to the hundredth, past float noise: 10 points a week, not 9.99
    week = math.floor(round(most * 7 * 100, 6)) / 100
    return None, {"direction": "rising" if slope > 0 else "falling", "more_than_per_week": week}


def _span_days(first: Moment, last: Moment) -> float:
    """Days from the first check-in to the last, by the clock or on the wall clock, whichever is
    longer: 12:00 on one Sunday to 12:00 the next is 7 days across the spring DST change (6 days
    23 hours by the clock), and 12:00 to 11:00 is 7 days across the autumn one."""
    return max(last.instant - first.instant, last.local - first.local).total_seconds() / 86400


def steep_words(steep: object) -> str | None:
    """A line too steep for a rate (``connection_steep``) in words, or None for anything else;
    the terminal, the charts and the web page all use it.

    >>> steep_words({"direction": "rising", "more_than_per_week": 10.0})
    'rising sharply (more than 10 points a week)'
    >>> steep_words({"direction": "falling", "more_than_per_week": 7.77})
    'falling sharply (more than 7.77 points a week)'
    """
    if not isinstance(steep, Mapping):
        return None
    way, most = steep.get("direction"), steep.get("more_than_per_week")
    if way not in ("rising", "falling") or not _is_number(most):
        return None
    return f"{way} sharply (more than {most:g} points a week)"


def unrepaired_words(figures: Mapping[str, Any]) -> str | None:
    """The ruptures still without a repair attempt, in a plain sentence with the local date of
    the first of them; None when there are none (or the figures lack them). The terminal and
    the web page both use it.

    >>> unrepaired_words({"unrepaired_ruptures": 2, "unrepaired_since": "2026-03-10T10:00"})
    'The last 2 ruptures, since 2026-03-10, have no repair attempt after them yet.'
    """
    n = figures.get("unrepaired_ruptures")
    moment = read_moment(figures.get("unrepaired_since"))
    if not isinstance(n, int) or isinstance(n, bool) or n < 1 or moment is None:
        return None
    day = moment.local.date().isoformat()
    if n == 1:
        return f"The latest rupture, on {day}, has no repair attempt after it yet."
    return f"The last {n} ruptures, since {day}, have no repair attempt after them yet."


def trend_words(slope: float | None, *, scale: float = 1.0, digits: int = 2
                ) -> tuple[str, float] | None:
    """A trend as a word and the rate to show with it (``slope`` times ``scale``, rounded to
    ``digits``), or None without a trend. ``steady`` only when that rounded rate is zero, so a
    rate shown is never called steady and the same figure reads the same everywhere.

    >>> trend_words(0.16 / 7, scale=7.0), trend_words(-0.0004, scale=7.0)
    (('rising', 0.16), ('steady', 0.0))
    """
    if slope is None:
        return None
    value = half_up(slope * scale, digits) + 0.0  # + 0.0: no "-0.00"
    return ("steady" if value == 0 else "rising" if value > 0 else "falling"), value


def half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded to ``digits`` as a person would round the number as written: a half
    goes up (away from zero), where Python's ``round`` and format specs take the even
    neighbour (``0.625`` to ``0.62``). The terminal, the charts and the web page all use it.

    >>> half_up(0.625, 2), half_up(12.25, 1), half_up(12.5), half_up(-0.125, 2)
    (0.63, 12.3, 13.0, -0.13)
    """
    exact = Decimal(repr(value))  # the shortest decimal that is this float: 0.145, not 0.14499...
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def percent(ratio: float) -> int:
    """A ratio as a whole percentage, a half rounded up as :func:`half_up` does, so it agrees
    with the ratio shown to two places (``0.625`` is ``0.63`` and ``63``%).

    >>> percent(0.625), percent(0.125), percent(0.145)
    (63, 13, 15)
    """
    exact = Decimal(repr(ratio)).scaleb(2)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The slope of the least-squares line through the points; None for fewer than two x values.

    >>> least_squares_slope([0, 1, 2], [4, 6, 8])
    2.0
    """
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
