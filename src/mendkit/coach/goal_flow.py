"""How the coach's steps change when repair is not the goal (``mendkit.coach.goals``): the
openness question that checks a goal the story reads as, the answers there that name one, the
drafts and the critic's view of them, the words at the start and the end of each goal's path, and
which notes still fit. Pure functions of a session; the driver asks and says.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Final

from mendkit.coach import bereavement, content, persisting
from mendkit.coach.composer import kept_as_written
from mendkit.coach.goal_drafts import GoalParts, compose_goal, left_out_notes
from mendkit.coach.goals import BOUNDARY, ENDING, GRIEF, NO_CONTACT, REPAIR, SENT, named, naming, suspected
from mendkit.coach.machine import Event, EventType, State
from mendkit.coach.pronouns import object_pronoun, reader
from mendkit.coach.replies import yes_or_no
from mendkit.coach.session import Session
from mendkit.critic import ENDING_NOTE, MISSING_NOTE, critique
from mendkit.model import CheckResult

E = EventType
# The steps of each goal's path where its first question is asked (its notes are said there).
FIRST_STEP: Final = {GRIEF: State.LETTER_SAY, NO_CONTACT: State.LETTER_OFFER,
                     ENDING: State.ENDING_DECISION, BOUNDARY: State.BOUNDARY_LIMIT}
# The steps where a goal's draft is shown.
DRAFT_STEPS: Final = frozenset({State.LETTER_DRAFT, State.MESSAGE_DRAFT})


def who(session: Session) -> str:
    """The other person as the coach speaks of them to the person ("Dad", "your mum"), or
    "them" when no name was given."""
    name = reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))).name.strip()
    return re.sub(r"^my\b", "your", name, flags=re.IGNORECASE) if name else "them"


def read_goal(session: Session) -> str | None:
    """The goal the person's story reads as (what happened, what they noticed, who it is about:
    "my late dad"; a death only when it is theirs), until they said it is not that
    (``NOT_THAT``) or chose one."""
    if session.goal() != REPAIR or (State.OPENNESS.value, E.NOT_THAT.value) in session.path:
        return None
    return suspected(*(str(session.answers.get(step.value, "")) for step in (
        State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RECOGNISE_WHO)),
        other=str(session.answers.get(State.RECOGNISE_WHO.value, "")))


def openness_prompt(session: Session) -> str:
    """The openness step's question: the check of a goal the story reads as, the choice after a
    "not sure" (``offers_choice``), or the question itself (with the goals it can name)."""
    if choice_asked(session):
        return content.OPENNESS_CHOICE
    goal = read_goal(session)
    if goal is None:
        return content.PROMPTS[State.OPENNESS]
    group = reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))).group
    return content.goal_question(goal, who(session), group=group, them=them(session))


# A session setting: the openness question got "not sure" and the choice was said
# (``content.OPENNESS_NOT_SURE``), at this many steps into the session.
CHOICE_AT: Final = "openness_choice_at"


def offers_choice(session: Session, raw: str) -> bool:
    """Whether ``raw``, at the openness question, is a "not sure" that the choice answers (a
    message to keep until ready, or their own side only), said once: the person may well owe an
    apology, and "not sure" alone never decides that there is no message."""
    return (session.state is State.OPENNESS and not choice_asked(session)
            and read_goal(session) is None and named(raw) is None
            and yes_or_no(raw) == "not sure")


def choice_asked(session: Session) -> bool:
    """Whether the openness step now asks the choice (``content.OPENNESS_CHOICE``): a yes
    writes a message to keep, a no (or not sure) takes the internal path."""
    return (session.state is State.OPENNESS
            and session.settings.get(CHOICE_AT) == len(session.path))


def with_choice(session: Session) -> Session:
    """``session`` with the choice asked at its openness step."""
    return replace(session, settings={**session.settings, CHOICE_AT: len(session.path)})


def them(session: Session) -> str:
    """The other person's object pronoun, from the pronouns given or their word ("Maya
    (she/her)": "her"; "my brother": "him"), else "them"."""
    return object_pronoun(reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))))


def openness_event(session: Session, raw: str) -> Event | None:
    """The event for an answer at the openness step when it names a goal, or answers the check
    of one (yes: that goal; no or not sure: the question itself); None when it does neither
    (the caller reads yes, not now, no and not sure as ever)."""
    goal = read_goal(session)
    chosen = named(raw)
    if goal is None:
        return Event(EventType(chosen), chosen) if chosen else None
    if chosen and chosen != goal:  # "no, I'm ending it": the goal it names
        return Event(EventType(chosen), chosen)
    answer = confirms(raw, goal) if chosen == goal else yes_or_no(raw)
    if answer is None and _SAID_SO.match(raw.strip()):
        answer = "yes"  # "she did", "he has", "that's it"
    if goal == GRIEF and answer == "no" and len(raw.split()) > 3 and not _PLAIN_NO.search(raw):
        # "I feel sick with guilt. He sent a card and I never answered": a "never" in grief
        # talk is no answer to "has he died?" (round 19): the check is asked again.
        answer = None
    if answer == "yes":
        return Event(EventType(goal), goal)
    if answer in ("no", "not sure"):
        return Event(E.NOT_THAT, goal)
    return None  # neither: the check is asked again


# A longer reply that says plainly they have not died ("No, he's in a care home", "she's alive").
_PLAIN_NO: Final = re.compile(
    r"^\W*(?:no|nope|nah|not|never)\b|\balive\b|\bnot\s+dead\b|\bstill\s+(?:here|with us|around)\b"
    r"|\b(?:has|have|did)(?:\s+not|n'?t)\s+(?:died|die|passed)\b", re.IGNORECASE)


# A short reply that says the check is right without a yes: "she did", "he has", "they have".
_SAID_SO: Final = re.compile(
    r"^(?!.*\b(?:not|never|but|no|nope)\b|.*n't\b)(?:yes,?\s+|yeah,?\s+|yep,?\s+)?(?:(?:he|she|they|ze|xe|it|that)\s+(?:did|has|have|does|do"
    r"|is|was)|(?:that'?s|thats) (?:it|true|what happened|right|correct)|exactly|correct"
    r"|true|right)\b[\s.,!]*(?:\w+[\s.,!]*){0,3}$", re.IGNORECASE)
_NEGATED: Final = re.compile(r"\b(?:not|never|didn'?t|hasn'?t|haven'?t|hadn'?t|wasn'?t"
                             r"|isn'?t|doesn'?t|don'?t|won'?t|wasnt|didnt|hasnt|doesnt|dont)"
                             r"(?:\s+\w+){0,3}\s*$", re.IGNORECASE)


def confirms(raw: str, goal: str) -> str | None:
    """How a reply that names the very goal being checked answers the check: ``"yes"`` ("no
    contact", "yes, no contact", "he blocked me"), ``"no"`` where the words deny it ("she hasn't
    blocked me", "not no contact"), or None where they say both ("No, he blocked me"): asked
    again. The words that name the goal are no yes or no of their own (the "no" of "no contact").

    >>> confirms("no contact", "no_contact"), confirms("she hasn't blocked me", "no_contact")
    ('yes', 'no')
    >>> confirms("No, he blocked me", "no_contact") is None
    True
    """
    pattern = naming(goal)
    if any(_NEGATED.search(raw[:m.start()]) for m in pattern.finditer(raw)):
        return "no"
    rest = pattern.sub(" ", raw)
    answer = yes_or_no(rest)
    if answer in ("no", "not sure"):
        return None if answer == "no" else "not sure"
    return "yes"



def parts(session: Session) -> GoalParts:
    context = str(session.answers.get("recognise_context", "partner"))
    return GoalParts.from_answers(session.answers, session.goal(), context,
                                  withheld=session.withheld)


def offered(session: Session) -> str:
    """The draft a goal's draft step offers: the letter, or the message."""
    return compose_goal(parts(session))


def draft_notes(session: Session) -> tuple[str, ...]:
    """What the coach says of a goal's draft where it shows it: what it left out, and why, and
    the words it kept as written because a pronoun in them may not mean the reader."""
    goal_parts = parts(session)
    kept = kept_as_written(lambda: compose_goal(goal_parts), goal_parts.other,
                           where="message" if goal_parts.goal in SENT else "letter")
    return (*left_out_notes(goal_parts), *kept)


# Issues the critic finds in any firm message that a goal's message is right to have: closing a
# door, turning them away, a complaint that the limit is about.
_NOT_ISSUES: Final = {ENDING: frozenset({"withdrawal", "rejection", "complaint"}),
                      BOUNDARY: frozenset({"withdrawal", "rejection", "complaint"})}


@lru_cache(maxsize=8)
def review(draft: str, goal: str) -> CheckResult:
    """The critic's view of a goal's message, without what the goal leaves out on purpose.

    The critic's note on what a repair lacks ("Not there yet: ownership, validation, request")
    is left out: an ending owns no fault, claims no feelings of theirs and asks nothing; a limit
    is not apologised for and may be said as what I will do ("I don't answer after 7pm"). So is
    its rewrite (made for repair: it can take the limit out), and a sign of crisis only its
    model saw: every answer in the draft, and a draft of the person's own, passed the coach's
    safety gate, where such a sign is checked with the person first; the draft is read by the
    rules alone then, as one with no sign would be."""
    result = critique(draft)
    if result.risk.crisis and not (plain := critique(draft, mode="rules")).risk.crisis:
        result = plain
    # (Nor the critic's note that an ending is no repair: the coach's ending path says it.)
    notes = tuple(n for n in result.notes if not n.startswith(MISSING_NOTE) and n != ENDING_NOTE)
    issues = tuple(i for i in result.issues if i.kind not in _NOT_ISSUES.get(goal, frozenset()))
    return replace(result, notes=notes, issues=issues, rewrite=None)


def review_lines(draft: str, goal: str) -> list[str]:
    """What the terminal says of a goal's message after its draft: the critic's notes and
    issues (no repair score: these messages are not repairs, and are not scored as ones)."""
    result = review(draft, goal)
    lines = list(result.notes)
    lines += [f"- \"{result.text[i.start:i.end]}\": {i.message} Try: {i.suggestion}"
              for i in result.issues]
    return lines or [NOTHING_TO_CHANGE[goal]]


NOTHING_TO_CHANGE: Final = {
    ENDING: "Nothing to change: it says your decision without blame.",
    BOUNDARY: "Nothing to change: it says the limit without blame.",
}


def start_lines(session: Session) -> tuple[str, ...]:
    """What the coach says as ``session``'s goal path begins (after the goal was chosen)."""
    goal = session.goal()
    return (content.goal_start(goal, who(session), them=them(session)),) if goal != REPAIR \
        else ()


def ending_lines(session: Session, region: str | None = None) -> tuple[str, ...]:
    """What the coach says when a goal's path ends. A grief letter ends with where bereavement
    support is (for ``region``, else the session's own), or, where a sign of crisis was checked
    in the session, with the words before the crisis resources (``grief_crisis_help``)."""
    letter = bool(session.answers.get(State.LETTER_DRAFT.value))
    said = content.goal_ending(session.goal(), letter=letter)
    if session.goal() != GRIEF:
        return said
    if grief_crisis_help(session):
        return (*said, bereavement.CRISIS_LEAD)
    return (*said, *bereavement.lines(region or str(session.settings.get("region") or "")))


# The kinds the grief path's closing resources are for, after a sign of crisis was checked: the
# person's own thoughts (the one written to has died), so crisis lines and no abuse lines.
GRIEF_HELP_KINDS: Final = ("suicide",)


def grief_crisis_help(session: Session) -> bool:
    """Whether a grief path ends with the crisis resources in full: only where a sign of crisis
    was checked with the person in the session (else a bereavement note, no crisis list)."""
    return session.goal() == GRIEF and bereavement.needs_crisis_help(session)


def kept_message(session: Session) -> str:
    """The letter or message a goal's path ended with (``""`` when none was written)."""
    return str(session.answers.get(State.LETTER_DRAFT.value)
               or session.answers.get(State.MESSAGE_REVIEW.value)
               or session.answers.get(State.MESSAGE_DRAFT.value) or "")


def attachment_note(session: Session, state: State) -> str | None:
    """The attachment note where a path's first question is asked: "send one message, not five"
    only where a message of repair is written; on the paths with nothing to send, and those that
    end something or set a limit, words that fit them. None where no note is said."""
    pattern = str(session.settings.get("attachment", ""))
    goal = session.goal()
    if pattern not in content.ATTACHMENT_NOTES or pattern == "disorganised":
        return None
    if goal == REPAIR and state is State.RESPONSIBILITY_PART:
        return content.ATTACHMENT_NOTES[pattern]
    if state is not (FIRST_STEP.get(goal) if goal != REPAIR else State.INTERNAL_FEELINGS):
        return None
    notes = (content.ATTACHMENT_NOTES_ENDING if goal in SENT
             else content.ATTACHMENT_NOTES_UNSENT)
    return notes.get(pattern)


def context_note(session: Session) -> str | None:
    """The note on the relationship said after what happened ("A rift in a family can weigh a
    lot"), or None where the story reads as a goal it does not fit (a death,
    no contact, an ending; of a limit, only the note on power at work fits)."""
    context = str(session.answers.get("recognise_context", ""))
    goal = read_goal(session)
    # A death or a funeral in a story about someone else: a word for the loss first (round 19).
    loss = bereavement.LOSS_NOTE if goal is None and bereavement.speaks_of_loss(session) else ""
    if context not in content.CONTEXT_NOTES or (goal is not None and not (
            goal == BOUNDARY and context == "work")):
        return loss or None
    between = f" {go_between(session)}" if go_between(session) else ""
    return f"{loss} {content.CONTEXT_NOTES[context]}{between}".strip()


# An in-law, and the person's partner caught in the middle (round 19): a repair made through the
# partner puts them in the go-between's place, which is hard on them and on the repair.
_IN_LAW: Final = re.compile(r"\bin-?laws?\b|\b(?:mil|fil)\b", re.IGNORECASE)
_MY_PARTNER: Final = re.compile(
    r"\b(?:my|our)\s+(?:husband|wife|partner|spouse|fianc\w*|boyfriend|girlfriend)\b",
    re.IGNORECASE)


def go_between(session: Session) -> str:
    """The note not to make the partner the go-between, where the session is about an in-law and
    the story names the person's partner; else ``""``.

    >>> go_between(Session(id="x", answers={"recognise_who": "my mother-in-law",
    ...     "recognise_what": "I snapped at her. My husband is stuck between us."}))[:30]
    'Your partner may feel caught i'
    """
    who = reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))).name
    story = " ".join(str(session.answers.get(step.value) or "") for step in (
        State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED))
    if not _IN_LAW.search(who) or not _MY_PARTNER.search(story):
        return ""
    them = re.sub(r"^my\b", "your", who, flags=re.IGNORECASE)
    return ("Your partner may feel caught in the middle. It usually goes better to repair with "
            f"{them} yourself, directly, rather than asking your partner to pass things on or "
            "to take a side.")


def persist_note(session: Session, at: State, answer: object) -> str | None:
    """The note that contact after a clear no can frighten (``persisting.NOTE``), where the
    ``answer`` just given at step ``at`` first speaks of getting round a block or writing until
    they answer (turning up, too, where the story or the path is one of no contact); said once in
    a session, else None."""
    if not isinstance(answer, str):
        return None
    earlier = [str(v) for k, v in session.answers.items() if k != at.value and isinstance(v, str)]
    story = (str(session.answers.get(step.value, "")) for step in (State.RECOGNISE_WHAT,
                                                                   State.RECOGNISE_NOTICED))
    no_contact = session.goal() == NO_CONTACT or suspected(
        *story, other=str(session.answers.get(State.RECOGNISE_WHO.value, ""))) == NO_CONTACT
    return persisting.NOTE if persisting.first_said(answer, earlier,
                                                    no_contact=no_contact) else None


def internal_boundary_prompt(session: Session) -> str:
    """The internal path's question on a limit: on how they are treated, as ever, unless the
    person owned a part of what happened (then the story may be one of hurting, and the limit is
    optional and may be their own: ``content.INTERNAL_BOUNDARY_AFTER_PART``)."""
    owned = str(session.answers.get(State.INTERNAL_PART.value) or "").strip()
    return content.INTERNAL_BOUNDARY_AFTER_PART if owned else content.PROMPTS[
        State.INTERNAL_BOUNDARY]
