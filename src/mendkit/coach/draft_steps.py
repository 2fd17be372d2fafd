"""The message across the coach's steps: the draft it offers, the critic's review of it, the
draft the person keeps, and what the later steps add to it (the feeling, the need, the commitment).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any, Final

from mendkit.coach import goal_flow
from mendkit.coach.apology_screens import betrayal, broke_trust
from mendkit.coach.composer import (
    DraftParts,
    commitment_sentence,
    compose,
    later_sentences,
    memory_case,
    pronoun_notes,
    unsaid,
    withheld_note,
)
from mendkit.coach.deed_repair import by_deed, deed_words
from mendkit.coach.draft_voice import with_mixed_address
from mendkit.coach.machine import EventType, State
from mendkit.coach.prompter import Prompter
from mendkit.coach.risk_check import checked_answers, declined, same_misreading
from mendkit.coach.safety_gate import screened
from mendkit.coach.session import Session
from mendkit.critic import MISSING_NOTE, critique
from mendkit.model import CheckResult

E = EventType


_GAP: Final = re.compile(r"\.\.\.|\u2026")


def has_gap(text: str) -> bool:
    """Whether a rewrite leaves a gap for the person to fill ("I'm sorry I ...")."""
    return bool(_GAP.search(text))


def _rewrite_of(session: Session) -> str | None:
    """The critic's rewrite of the draft under review (None when it offered none), as the
    review step showed it (``review``)."""
    return review(str(session.answers.get("responsibility_draft", "")), session).rewrite


@lru_cache(maxsize=8)
def _critique(text: str, not_asked: frozenset[str] = frozenset(),
              rules_only: bool = False) -> CheckResult:
    """The critic's verdict on a draft at the review step: shown after the draft, reused for the
    review's rewrite. Its note on what is not there yet leaves out the feeling, which the very
    next steps ask for (and put into the message), a request the draft makes in a sentence
    that the critic reads as one when it stands alone, and the components in ``not_asked``
    (``not_asked``): the coach's steps must not contradict each other. With ``rules_only``, a
    sign of crisis only the model saw is no warning: the draft is read by the rules alone then,
    as one with no sign would be (``review``)."""
    result = critique(text)
    if rules_only and result.risk.crisis and not (plain := critique(text, mode="rules")
                                                  ).risk.crisis:
        result = plain
    components = dict(result.components)
    if not components.get("request") and any(
            critique(sentence).components.get("request")
            for sentence in _SENTENCE_END.split(text.strip()) if sentence != text.strip()):
        components["request"] = True
    missing_now = [name for note in result.notes if note.startswith(MISSING_NOTE)
                   for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")]
    still = [name for name in missing_now if name != "feeling" and not components.get(name)
             and name not in not_asked]
    notes = tuple(n for n in result.notes if not n.startswith(MISSING_NOTE))
    if still:
        notes = (MISSING_NOTE + ", ".join(still) + ".", *notes)
    return replace(result, components=components, notes=notes)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def review(draft: str, session: Session | None = None) -> CheckResult:
    """The critic's verdict on ``draft``, as the review step shows it and as ``accept`` takes its
    rewrite (the same cached result); with ``session``, without asking for what ``not_asked``
    names, and without the model's warning when the person already said a clear no to the risk
    check about a sign of the same kind only the model saw (``declined_sign``)."""
    if session is None:
        return _critique(draft)
    result = _critique(draft, not_asked(session), declined_sign(draft, session))
    # "her" beside "you", where "her" may be the reader: flagged, and scored (round 19).
    return with_mixed_address(result, str(session.answers.get(State.RECOGNISE_WHO.value, "")))


def declined_sign(draft: str, session: Session) -> bool:
    """Whether a sign of crisis only the model may see in ``draft`` is one the person already
    said a clear no about in ``session`` (``risk_check.same_misreading``): a draft made of the
    answers they were asked about is not warned of again (round 18: "Mend's model read this
    message as a possible sign..." on the very story they had said no about). A rule's sign in
    it, or a new kind of sign, is shown as before."""
    kinds = declined(session)
    if not kinds or not draft.strip():
        return False
    context = str(session.answers.get("recognise_context", ""))
    found = screened(draft, context=context)
    if found.stop is not None and not found.model_only:
        return False
    return same_misreading(draft, found.stop or EventType.CRISIS, kinds,
                           checked_answers(session))


# The composer's parts, with the critic's name for what each gives the message.
_ASKED_FOR: Final = {"my_part": "ownership", "request": "request"}


def not_asked(session: Session) -> frozenset[str]:
    """What the critic's "Not there yet" note does not ask for at the review of ``session``'s
    draft: the request, when the person is the one who broke trust (the repair is theirs to
    carry: asking is optional, ``content.REQUEST_AFTER_BETRAYAL``); and, in the coach's own
    draft, a part the person answered that the coach itself left out (their part, failing a
    screen after the risk check; a request they said they don't know, or one that pleads):
    Mend does not ask for what it removed."""
    answers = session.answers
    skip = {"request"} if broke_trust_in(session) else set()
    context = str(answers.get("recognise_context", "partner"))
    draft = str(answers.get(State.RESPONSIBILITY_DRAFT.value, "")).strip()
    if draft and draft == _composed(session, context).strip():
        given = [key for key, step in (("my_part", State.RESPONSIBILITY_PART),
                                       ("request", State.RESPONSIBILITY_KNOW))
                 if str(answers.get(step.value) or "").strip()]
        skip |= {_ASKED_FOR[key] for key in unsaid(_parts(session, context), given)}
        if memory_case(_parts(session, context)):
            skip |= {"request", "feeling"}  # a short message for now asks nothing of them
    return frozenset(skip)


def offered_draft(session: Session) -> str:
    """The draft the coach offers at ``session``'s step: the composer's at the draft step, the
    message to keep at the rebuild step, else ``""`` (a page can prefill a text box with it)."""
    context = str(session.answers.get("recognise_context", "partner"))
    if session.state is State.RESPONSIBILITY_DRAFT:
        return deed_words(session) if by_deed(session) else _composed(session, context)
    if session.state is State.REBUILD_MESSAGE:
        return _final_draft(session, context)
    if session.state in goal_flow.DRAFT_STEPS:
        return goal_flow.offered(session)
    return ""


def _parts(session: Session, context: str, answers: Mapping[str, Any] | None = None
           ) -> DraftParts:
    """The composer's parts from ``session``'s answers (or ``answers``), without the answers the
    person kept through the risk check: those are never quoted to the other person."""
    return DraftParts.from_answers(session.answers if answers is None else answers,
                                   context=context, withheld=session.withheld)


def _withheld_note(session: Session, *, later: bool = False) -> str:
    """The line that says the draft leaves out an answer kept through the risk check (with
    ``later``, only those the steps after the draft gave), or ``""``."""
    answers = ({k: v for k, v in session.answers.items() if k in _LATER_ANSWERS} if later
               else session.answers)
    return withheld_note(_parts(session, "partner", answers))


def _composed(session: Session, context: str) -> str:
    return compose(_parts(session, context))


_LATER_ANSWERS = ("vulnerability_surface", "vulnerability_beneath", "vulnerability_needs",
                  "rebuild_commitment")


def kept_draft(session: Session) -> str:
    """The draft the person kept at the review: the critic's rewrite when their last choice there
    was to accept it, else their draft as it was last written (an edit writes it again, so a
    draft they edited away is never the one kept). ``""`` before there is a draft."""
    draft = str(session.answers.get(State.RESPONSIBILITY_DRAFT.value) or "")
    if _last_review_choice(session) == E.ACCEPT.value:
        return str(session.answers.get(State.RESPONSIBILITY_REVIEW.value) or draft)
    return draft


def _last_review_choice(session: Session) -> str:
    """The event of the person's last answer at the draft's review (``""`` when none)."""
    return next((event for state, event in reversed(session.path)
                 if state == State.RESPONSIBILITY_REVIEW.value), "")


# A session setting: the message the person typed at the rebuild step in place of the one
# offered. It is checked as the draft was (``review_lines``; the safety gate has read it, as it
# reads every answer) and offered back: Enter keeps it, or they change it again (round 19).
CHANGED_MESSAGE = "changed_message"
CHANGED_CHECKED = "Mend checked your changed message, as it checked the draft:"


def changed_message(session: Session, raw: str) -> str:
    """The message ``raw`` at the rebuild step when it changes the one offered (then it is
    checked before it is kept), else ``""``: Enter, "add", the offered message itself, or it
    with the offered addition (a page's "Add it" with the box as it was)."""
    if session.state is not State.REBUILD_MESSAGE:
        return ""
    text = raw.strip()
    offered = _final_draft(session, str(session.answers.get("recognise_context", "partner")))
    if not text or text.lower() in ("add", "skip") or text in (
            offered.strip(), (add_to(session, offered) or "").strip()):
        return ""
    return text


def review_lines(draft: str, session: Session) -> tuple[str, ...]:
    """The critic's verdict on ``draft`` as the coach says it (``review``): the repair quality,
    what is not there yet, each issue with what to try, and a suggested rewrite."""
    result = review(draft, session)
    return (f"Repair quality: {result.repair_quality:.2f}", *result.notes,
            *(f"- \"{result.text[issue.start:issue.end]}\": {issue.message} Try: "
              f"{issue.suggestion}" for issue in result.issues),
            *((f"Suggested rewrite: {result.rewrite}",) if result.rewrite else ()))


def _own_draft(session: Session, context: str) -> str | None:
    """The draft the person chose when it is not the composer's (their own words, or the
    critic's rewrite of them), else None."""
    chosen = kept_draft(session)
    earlier = {k: v for k, v in session.answers.items() if k not in _LATER_ANSWERS}
    if not chosen or chosen == compose(_parts(session, context, earlier)):
        return None
    return str(chosen)


def _final_draft(session: Session, context: str) -> str:
    """The message to keep: the person's own draft, or, if they took the composer's, the
    composer's again with what they found since (the feeling beneath, the need); once they
    changed it at the rebuild step, their change (``CHANGED_MESSAGE``)."""
    changed = session.settings.get(CHANGED_MESSAGE)
    if session.state is State.REBUILD_MESSAGE and isinstance(changed, str) and changed.strip():
        return changed
    own = _own_draft(session, context)
    return own if own is not None else _composed(session, context)


# Said when the person's own draft is kept (or the critic's rewrite they chose: they did not
# write that one): the coach does not change their words unasked.
OWN_DRAFT_KEPT = "Your draft is kept as you wrote it, so what you found since was not added."
REWRITE_KEPT = "The rewrite you chose is kept as it is, so what you found since was not added."
# How the terminal takes the offer (a page has a button for it).
ADD_HINT = "Type add to put it at the end."
# Said after the commitment: the coach's draft took it (the message follows), or the person's
# own message was kept.
MESSAGE_NOW_SAYS = "Your message now also says what you will do next time:"
MESSAGE_KEPT = "Your message is kept as you wrote it."
REWRITE_MESSAGE_KEPT = "Your message is kept as it is."


def kept_note(session: Session) -> str:
    """What the rebuild step says of a kept draft: ``OWN_DRAFT_KEPT``, or ``REWRITE_KEPT`` when
    the draft is the critic's rewrite that the person accepted."""
    return REWRITE_KEPT if _chose_rewrite(session) else OWN_DRAFT_KEPT


def _chose_rewrite(session: Session) -> bool:
    """Whether the kept draft is the critic's rewrite: the person's last choice at the review was
    to accept it (an edit or a keep after that is their own words again)."""
    return (_last_review_choice(session) == E.ACCEPT.value
            and kept_draft(session) != session.answers.get(State.RESPONSIBILITY_DRAFT.value))
# Said after something was added to the message at the rebuild step (the message follows).
MESSAGE_WITH_ADDITION = "Your message now says:"


def add_to(session: Session, message: str) -> str | None:
    """``message`` with what the coach offers to add at ``session``'s rebuild step put at the
    end (once: a message that already ends with it is kept as it is), or None when there is
    nothing to add. A page's "Add it" sends the message box as it stands, so an edit is kept.

    The message ``add`` takes in the terminal is the one the coach shows."""
    addition = offered_addition(session)
    if not addition:
        return None
    text = message.strip()
    return text if text.endswith(addition) else f"{text} {addition}".strip()


def offered_addition(session: Session) -> str:
    """What the coach offers to add to the person's own message at the rebuild step (what they
    found since their draft), as ``add`` puts it at the end; ``""`` at any other step, or when
    there is nothing to add."""
    if session.state is not State.REBUILD_MESSAGE:
        return ""
    return _addition(session, str(session.answers.get("recognise_context", "partner")))


def says_commitment(session: Session) -> bool:
    """Whether the kept message already says what the person will do next time (the coach's
    draft puts "Next time, I will ..." into it), so a page need not say it again."""
    message = str(session.answers.get(State.REBUILD_MESSAGE.value, ""))
    said = str(session.answers.get(State.REBUILD_COMMITMENT.value, "")).strip()
    if not message or not said:
        return False
    context = str(session.answers.get("recognise_context", "partner"))
    sentence = commitment_sentence(_parts(session, context))
    return bool(sentence and sentence in message) or said in message


def _addition(session: Session, context: str) -> str:
    """What the steps after the draft found (the feeling beneath, the need), as sentences the
    person may add to a draft of their own; ``""`` for the composer's draft (it has them)."""
    if _own_draft(session, context) is None or by_deed(session) or memory_case(
            _parts(session, context)):
        return ""  # a repair by deed, or a message for now: no feelings put into words unasked
    return later_sentences(_parts(session, context))


def _with_commitment(before: Session, after: Session, prompter: Prompter) -> Session:
    """``after`` the person said what they will do differently: the offer of repair goes into
    the message when it is the composer's (it is composed again with it); for a message of their
    own, the sentence is offered, and the message is kept as they wrote it."""
    context = str(before.answers.get("recognise_context", "partner"))
    message = str(after.answers.get(State.REBUILD_MESSAGE.value, ""))
    if memory_case(_parts(after, context)):
        return after  # a message for now, to someone who may not remember: no promises in it
    sentence = commitment_sentence(_parts(after, context))
    said = {State.REBUILD_COMMITMENT.value: after.answers.get(State.REBUILD_COMMITMENT.value)}
    if note := withheld_note(_parts(after, context, said)):  # what the message leaves out of it
        prompter.say(note)
    if not sentence or sentence in message:
        return after
    kept_as_written = pronoun_notes(_parts(after, context), only=("commitment",))
    if message == _composed(before, context):
        message = _composed(after, context)
        prompter.say(MESSAGE_NOW_SAYS)
        prompter.say(message)
        for line in kept_as_written:
            prompter.say(line)
        return replace(after, answers={**after.answers, State.REBUILD_MESSAGE.value: message})
    kept = REWRITE_MESSAGE_KEPT if _chose_rewrite(after) else MESSAGE_KEPT
    prompter.say(f"{kept} Saying what you will do differently is a strong part of a "
                 f"repair: if it fits, add \"{sentence}\" when you send it.")
    for line in kept_as_written:
        prompter.say(line)
    return after


def betrayed(session: Session) -> bool:
    """Whether the person's account or their part tells of a betrayal of trust, whoever did it
    (an affair, lies kept up, hidden debt, a broken promise): a major rupture, so an empty
    commitment is asked about once more and the follow-up offers another."""
    answers = session.answers
    return betrayal(*(str(answers.get(key) or "") for key in (
        State.RECOGNISE_WHAT.value, State.RESPONSIBILITY_PART.value,
        State.RESPONSIBILITY_REGRET.value)))


def broke_trust_in(session: Session) -> bool:
    """Whether the person is the one who broke trust (``broke_trust``): the rebuild step offers
    actions that rebuild it, and the commitment is "From now on"."""
    answers = session.answers
    return broke_trust(str(answers.get(State.RECOGNISE_WHAT.value) or ""),
                       *(str(answers.get(key) or "") for key in (
                           State.RESPONSIBILITY_PART.value, State.RESPONSIBILITY_REGRET.value)))
