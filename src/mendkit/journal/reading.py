"""A journal entry as a person reads it: kinds, labels, outcomes and times in plain words.

``mend journal list`` and ``show`` and the CSV export all read entries through here, so that
the same entry reads the same everywhere. Every function takes the stored values as they are
(an old import may hold any shape) and never raises on a body of the wrong shape: a value that
is not what the journal writes is left out. No database or CLI imports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from mendkit.insights import said_name

KIND_WORDS = {"rupture": "rupture", "repair": "repair", "checkin": "check-in",
              "analysis": "analysis", "correction": "correction",
              "coach_session": "coach session", "coach_pair": "two-person coach session"}
# What each stored uptake means, in the words the web app's journal pages use too.
UPTAKE_WORDS = {"accepted": "accepted", "partly": "partly accepted", "not_yet": "no answer yet",
                "rejected": "turned down"}
BY_WORDS = {"me": "you", "them": "them"}
# Where a coach session stands, from its stored state; any other state is a session under way.
_COACH_STATES = {"done": "finished", "stopped_crisis": "stopped to give crisis support",
                 "stopped_unsafe": "stopped to give safety support",
                 "awaiting_follow_up": "waiting for its follow-up", "on_break": "on a break"}
# A coach session's answers, named as the person was asked them.
_COACH_ANSWERS = {"recognise_who": "who", "recognise_context": "kind of relationship",
                  "recognise_what": "what happened", "recognise_noticed": "what you noticed",
                  "recognise_messages": "the messages"}


def kind_words(kind: str) -> str:
    """``check-in`` for ``checkin``, ``coach session`` for ``coach_session``."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


def label_words(label: object) -> str:
    """A label as a person says it: its last part, spaced (``rupture.confrontation.criticism``
    reads ``criticism``, ``rupture.withdrawal`` reads ``withdrawal``).

    >>> label_words("rupture.withdrawal.minimal_response")
    'minimal response'
    """
    return str(label).rsplit(".", 1)[-1].replace("_", " ")


def labels_of(body: Mapping[str, Any]) -> list[str]:
    """A rupture's labels in plain words, each once, in the order stored."""
    labels = body.get("labels")
    if not isinstance(labels, list):
        return []
    return list(dict.fromkeys(label_words(label) for label in labels if isinstance(label, str)))


def local_time(occurred_at: object, *, seconds: bool = False) -> str:
    """A stored time as its own wall clock reads it (the offset it was stored with, not this
    computer's zone), without the offset: ``2024-03-22T12:24:44+00:00`` reads
    ``2024-03-22 12:24``. A date stays a date; text that is not a time is shown as it is.

    >>> local_time("2026-10-25T01:30:00+01:00"), local_time("2026-03-01")
    ('2026-10-25 01:30', '2026-03-01')
    """
    text = str(occurred_at).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    return when.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def main_text(kind: str, body: Mapping[str, Any]) -> str:
    """An entry's own words in full: what happened, the repair message, a correction's text;
    empty for a kind that has none."""
    key = {"rupture": "what", "repair": "message", "correction": "text"}.get(kind)
    value = body.get(key) if key else None
    return value if isinstance(value, str) else ""


def uptake_words(body: Mapping[str, Any]) -> str:
    """A repair's outcome in words (``partly accepted``), or empty."""
    return UPTAKE_WORDS.get(str(body.get("uptake")), "")


def by_words(body: Mapping[str, Any]) -> str:
    """Who reached out with a repair: ``you`` or ``them`` (an old body without ``by``: you)."""
    return BY_WORDS.get(str(body.get("by", "me")), "")


def severity_of(body: Mapping[str, Any]) -> int | None:
    value = body.get("severity")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def score_of(body: Mapping[str, Any]) -> int | float | None:
    value = body.get("score")
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def coach_state_words(body: Mapping[str, Any]) -> str:
    """Where a coach session stands: ``finished``, ``stopped to give crisis support``, ...,
    else ``not finished``."""
    return _COACH_STATES.get(str(body.get("state")), "not finished")


def coach_answers(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A coach session's answers as (what was asked, the answer), the first questions named in
    words and the others by their step."""
    answers = body.get("answers")
    if not isinstance(answers, Mapping):
        return []
    asked = sorted(answers, key=lambda key: (list(_COACH_ANSWERS).index(key)
                                             if key in _COACH_ANSWERS else len(_COACH_ANSWERS)))
    return [(_COACH_ANSWERS.get(str(key), str(key).replace("_", " ")), str(answers[key]))
            for key in asked if isinstance(answers[key], str | int | float)]


def named_in(kind: str, body: Mapping[str, Any], names: Mapping[int, str]) -> list[int]:
    """The relationships (of ``names``, ``{id: name}``) that a coach session saved with no
    relationship is about: those whose name is its answer to "who", pronouns and case aside
    (:func:`mendkit.insights.said_name`), as insights count it, ``delete --rel`` deletes it and
    ``rename`` links it for good. In id order; none for any other entry or an answer that names
    no one."""
    answers = body.get("answers") if kind == "coach_session" else None
    want = said_name(answers.get("recognise_who")) if isinstance(answers, Mapping) else ""
    return sorted(rel_id for rel_id, name in names.items() if want and said_name(name) == want)


def summary(kind: str, body: Mapping[str, Any]) -> str:
    """One entry in one line of plain words, without cutting: what happened or the message for
    a rupture or repair, the score of a check-in, who and what a coach session was about
    (:func:`coach_state_words` says where it got to), what an analysis found. The list cuts it
    to fit; the CSV keeps it whole."""
    if kind in ("rupture", "repair", "correction"):
        return main_text(kind, body)
    if kind == "checkin":
        score = score_of(body)
        return f"connection {'?' if score is None else score} out of 10"
    if kind == "coach_session":
        answers = dict(coach_answers(body))
        about = ", ".join(a for a in (answers.get("who"), answers.get("kind of relationship"))
                          if a)
        what = answers.get("what happened")
        return "; ".join(p for p in (f"about {about}" if about else "", what or "") if p)
    if kind == "coach_pair":
        person = body.get("answers")
        name = person.get("name") if isinstance(person, Mapping) else None
        role = {"first": "first person", "second": "second person"}.get(str(body.get("role")))
        parts = [f"code {body.get('code')}" if body.get("code") else "", role or "",
                 str(name) if isinstance(name, str) and name else ""]
        return ", ".join(p for p in parts if p)
    if kind == "analysis":
        return analysis_summary(body)
    return ""


def analysis_summary(body: Mapping[str, Any]) -> str:
    """``client Dev: 6 turns, 1 rupture episode (1 resolved)``."""
    analysis = body.get("analysis")
    found = analysis.get("summary") if isinstance(analysis, Mapping) else None
    found = found if isinstance(found, Mapping) else {}
    turns, episodes = found.get("turns"), found.get("episodes")
    status = found.get("episode_status")
    status = status if isinstance(status, Mapping) else {}
    how = ", ".join(f"{n} {state}" for state, n in status.items() if isinstance(n, int) and n)
    return (f"client {body.get('client', '?')}: {_counted(turns, 'turn')}, "
            f"{_counted(episodes, 'rupture episode')}" + (f" ({how})" if how else ""))


def _counted(n: object, noun: str) -> str:
    """``1 turn``, ``8 turns``; ``? turns`` for a count an imported entry lacks."""
    return f"{n} {noun}" if n == 1 else f"{'?' if n is None else n} {noun}s"


def shortened(text: str, width: int) -> str:
    """``text`` on one line (runs of spaces and line breaks as one space), cut at a word
    boundary with "…" when longer than ``width``.

    >>> shortened("I'm sorry I walked out.\\nYou were right", 20)
    "I'm sorry I walked…"
    """
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:  # a word boundary not too far back; else cut inside the long word
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"
