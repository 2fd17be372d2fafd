"""Breaks and the follow-up's time: the live break timer, the breathing pacer, when a paused
session continues, and the words for those times.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta

from mendkit.analysis.pipeline import Mode
from mendkit.coach.machine import Event, EventType, State
from mendkit.coach.prompter import Prompter
from mendkit.coach.risk_check import _yes_no_reply
from mendkit.coach.session import Session

E = EventType


def _wait_here(session: Session, prompter: Prompter, now: Callable[[], datetime], mode: Mode,
               region: str) -> Event | None:
    """Offer a live break timer: ``BREAK_OVER`` once it has run, a stop event, or None."""
    reply = _yes_no_reply(prompter, "Wait here with a timer? (yes / no)", mode, region)
    if isinstance(reply, Event) or reply is None:
        return reply
    # The minutes chosen, counted down to the return time: that time was rounded up to the
    # minute, so the seconds over a whole minute go with the first one ("20 minutes left" for
    # a 20-minute break, never 21).
    seconds = max(0.0, (_due(session, now) - _local(now)).total_seconds())
    minutes = max(1, math.floor(seconds / 60)) if seconds else 0
    if minutes:
        prompter.say(WHILE_YOU_WAIT)
    for left in range(minutes, 0, -1):
        if left == minutes or _time_left_said(left):
            prompter.say(f"{left} minute{'s' if left > 1 else ''} left.")
        prompter.wait(60 if left < minutes else seconds - 60 * (minutes - 1))
    prompter.say("Your break is over. Let's check in again.")
    return Event(E.BREAK_OVER)


# Said once as a live break timer starts: what to do meanwhile, with examples.
WHILE_YOU_WAIT = ("While you wait, do something that calms you: breathe slowly, stretch, drink "
                  "some water, or look out of a window. Try not to go over the argument in your "
                  "head. Mend will say how much time is left now and then.")


def _time_left_said(left: int) -> bool:
    """Whether the timer says how long is left with ``left`` minutes to go: each 10 minutes in
    the last hour, each hour before it, and at 5 and 1 minutes, not every minute."""
    return left in (5, 1) or (left % 10 == 0 if left <= 60 else left % 60 == 0)


def _local(now: Callable[[], datetime]) -> datetime:
    """The clock's time as an aware local time (``datetime.now()`` has no offset: it is local)."""
    return now().astimezone()


def _due(session: Session, now: Callable[[], datetime]) -> datetime:
    """When a paused session continues, as an aware local time (now, for one saved with no
    time)."""
    return session.resumes_at() or _local(now)


def back_at(now: datetime, minutes: int = 20) -> datetime:
    """When a break of ``minutes`` begun at ``now`` ends, as the coach sets it (in the terminal,
    and in a page's preview of it): to the minute, rounded up, so that it lasts at least that
    long.

    >>> back_at(datetime(2025, 12, 6, 21, 23, 30)).strftime("%H:%M")
    '21:44'
    """
    back = now + timedelta(minutes=minutes)
    if back.second or back.microsecond:
        back = back.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return back


def _back_at(due: datetime, now: Callable[[], datetime]) -> str:
    """"21:44" for a return time today, "21:44 on 07 Dec" for one on another day."""
    return f"{due:%H:%M}" if due.date() == _local(now).date() else f"{due:%H:%M on %d %b}"


def on_day(due: datetime) -> str:
    """"on Monday 07 December" for a follow-up that opens at the start of that day, or with
    the time when it opens later in the day (it was set in another time zone)."""
    if due.time() == time():
        return f"on {due:%A %d %B}"
    return f"at {due:%H:%M} on {due:%A %d %B}"


def _resume(session: Session, prompter: Prompter, now: Callable[[], datetime], mode: Mode,
            region: str) -> Event | None:
    """The event that ends a pause (its time has come, or the person goes on early), a stop
    event, or None to stay paused."""
    due = _due(session, now)
    if _local(now) < due:
        when = f"at {_back_at(due, now)}" if session.state is State.ON_BREAK else on_day(due)
        prompter.say(f"This session continues {when}.")
        reply = _yes_no_reply(prompter, "Continue now anyway? (yes / no)", mode, region)
        if isinstance(reply, Event) or reply is None:
            return reply
    return Event(E.BREAK_OVER if session.state is State.ON_BREAK else E.FOLLOW_UP_DUE)


def _breathe(prompter: Prompter, *, sigh: bool, rate: float, cycles: int = 5) -> None:
    period = 60.0 / rate
    for i in range(cycles):
        if sigh:
            prompter.say(f"{i + 1}. In through the nose... and a little more in...")
            prompter.wait(period * 0.35)
            prompter.say("   ...and a long, slow breath out.")
            prompter.wait(period * 0.65)
        else:
            prompter.say(f"{i + 1}. Breathe in...")
            prompter.wait(period * 0.4)
            prompter.say("   ...and out, slowly.")
            prompter.wait(period * 0.6)


def _rate(text: str) -> float:
    found = re.search(r"(\d+(?:\.\d+)?)", text)
    rate = float(found.group(1)) if found else 6.0
    return min(7.0, max(4.5, rate))
