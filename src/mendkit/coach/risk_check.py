"""The safety gate on every answer, and the risk check that follows a sign only the model saw.

Each free-form reply passes the gate (``safety_gate``) whatever the question; a sign only the model
saw is checked with the person first, and a clear no is remembered, so the very same words are not
asked about twice, nor a later sign only the model saw of the same kind (``declined``). A
yes-or-no question is asked again until it is answered.
"""

from __future__ import annotations

from collections.abc import Iterable

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER, looks_unreadable
from mendkit.analysis.pipeline import Mode
from mendkit.coach import content
from mendkit.coach.goals import ends_relationship
from mendkit.coach.machine import Event, EventType, State
from mendkit.coach.prompter import Prompter, _show_resources
from mendkit.coach.replies import MAYBE, hedged, is_help, plain_refusal, reads_as_name, risk_reply, yes_or_no
from mendkit.coach.risk_words import grave_words, may_tell_of_risk
from mendkit.coach.safety_gate import Screened, harm_to_others, screened, worth_asking
from mendkit.coach.session import MODEL_ONLY, RESOURCES_SHOWN, Session

E = EventType


class _Unasked(str):
    """An answer in which only the model saw a sign, taken without asking again: the person
    said a clear no to the risk check about this very answer earlier in the session."""

    __slots__ = ()


# An event's meta: its answer is kept as one the risk check passed (``Session.withheld``).
CHECKED = "checked"


def said_no_to_check(session: Session) -> bool:
    """Whether the person answered the risk check with a clear no in ``session``."""
    return (State.CONFIRM_RISK.value, E.NO_RISK.value) in session.path


def _same(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def checked_answers(session: Session) -> frozenset[str]:
    """The answers the person said a clear no about at the risk check this session (the
    answers of ``Session.withheld``), as ``_same`` reads them: only these very words are not
    asked about again. A new answer with a sign is always checked, however often they said no."""
    return checked_texts(str(session.answers[step]) for step in session.withheld
                         if session.answers.get(step))


def checked_texts(answers: Iterable[str]) -> frozenset[str]:
    """``answers`` the person said a clear no about, as ``said_no_before`` compares them."""
    return frozenset(_same(answer) for answer in answers)


# A session setting: the kinds of stop (``crisis``, ``abuse``) of the signs only the model saw
# that the person said a clear no about at the risk check (``declined``).
DECLINED = "declined_model_signs"


def declined(session: Session) -> frozenset[str]:
    """The kinds of stop (``"crisis"``, ``"abuse"``) of the signs only the model saw that the
    person said a clear no about at the risk check this session. A later sign only the model
    saw, of one of these kinds, is not asked about again (nor warned of in the draft), unless
    its words name death or a means that no answer they said no about named
    (``same_misreading``): a new kind of sign. A rule's sign still stops, or is asked about,
    as before."""
    kinds = session.settings.get(DECLINED) or ()
    return frozenset(str(kind) for kind in kinds) if isinstance(kinds, list | tuple) \
        else frozenset()


def same_misreading(text: str, stop: EventType, kinds: frozenset[str],
                    checked: frozenset[str]) -> bool:
    """Whether a sign only the model saw in ``text``, calling for ``stop``, is of a kind the
    person already said no about (``kinds``, from ``declined``), with no word of death or a means
    that none of the ``checked`` answers (``checked_answers``) had: "I need her to know I'm not
    hiding anything anymore", after a no about a relapse told, is; "I've started counting the
    pills" is not (a means, new), nor a sign of danger from them after a no about one's own."""
    if stop.value not in kinds:
        return False
    seen = frozenset().union(*(grave_words(answer) for answer in checked))
    return grave_words(text) <= seen


def said_no_before(text: str, stop: EventType, kinds: frozenset[str],
                   checked: frozenset[str]) -> bool:
    """Whether a sign only the model saw in ``text`` is one the person already said a clear no
    about at the risk check: the very same words (``checked``, from ``checked_texts``), or a
    sign of a kind they said no about with no new word of death or a means
    (``same_misreading``). The one-person coach and two-person mode both ask by this."""
    return _same(text) in checked or same_misreading(text, stop, kinds, checked)


def _reply(prompter: Prompter, prompt: str, mode: Mode, region: str, *, name: bool = False,
           safety: bool = False, offer: bool = False, ending: bool = False,
           context: str = "", checked: frozenset[str] = frozenset(),
           level: bool = False, kinds: frozenset[str] = frozenset()) -> str | Event:
    """The answer to ``prompt`` (asked again after "help", which shows the resources), or the
    safety gate's stop event: every free-form reply passes the gate, whatever the question. An
    answer in a language Mend cannot read is asked again, except a ``name`` that reads as one
    (in any script: ``reads_as_name``) and,
    at the ``safety`` question, a no Mend knows in that language ("いいえ", "non, j'ai peur"):
    it takes the safety path at once. At an ``offer`` (a break, a breathing exercise) a plain
    no to it ("i dont want to breathe") is read in the question's context: a sign only the
    model saw in it is no reason to check. So, on the way to a message that ends a
    relationship (``ending``), is an answer that says so in words that name it ("I've decided to
    end our relationship"): the model reads "end" as a sign; a rule still stops "end it all".
    Any other sign only the model saw is asked about only when it is worth asking
    (``safety_gate.worth_asking``): the answer has words that could tell of a risk, or the model
    still reads a crisis in it read after the question it answers."""
    while True:
        raw = prompter.ask(prompt).strip()
        if is_help(raw):
            _show_resources(prompter, region)
            continue
        found = screened(raw, mode=mode, context=context) if raw else Screened(None)
        stop, model_only = found.stop, found.model_only
        if stop is not None and model_only and (
                (offer and plain_refusal(raw)) or (ending and ends_relationship(raw))
                or not worth_asking(raw, prompt, mode=mode, offer=offer, level=level)):
            # Read with its question, an everyday answer the model misread ("I regret not
            # setting an alarm", "until I feel ok") is not asked about (``worth_asking``).
            stop = None
        if stop is not None and model_only and said_no_before(raw, stop, kinds, checked):
            # The person said a clear no to the check about these very words already (they
            # gave the same answer again), or about a sign of this kind only the model saw
            # (round 18: someone ashamed of a relapse was asked again at each answer about it):
            # not asked again, and kept as one checked (quoted only when it passes every
            # screen). Words of death or a means none of those answers had are a new kind of
            # sign, and asked about; a rule's sign still stops at once.
            return _Unasked(raw)
        if stop is not None and found.reported and not found.asked_first:
            # A rule's sign in what the person says they said to someone else, about others
            # being better off ("I said they'd be better off if he didn't bother"): a cruel
            # remark owned, not their own wish. The calm check, as for a sign only the model saw;
            # not asked again once they said no to the same words (in any answer this session).
            if all(any(words in said for said in checked) for words in found.reported):
                return _Unasked(raw)
            return Event(E.CHECK_RISK, raw, {"stop": stop.value})
        if stop is not None and found.asked_first:
            # A rule's sign said as a joke ("kms lol", about a PE kit) or a report of being told
            # to kill oneself: asked about, as a sign only the model saw is, but with where help
            # is shown first (each time, even after an earlier no: it is a rule's sign).
            return Event(E.CHECK_RISK, raw, {"stop": stop.value, RESOURCES_FIRST: True,
                                             RESOURCES_SHOWN: True})
        if stop is not None:
            # A sign only the model saw is checked with the person first (it misreads everyday
            # words); the stop a yes leads to goes with the check.
            return (Event(E.CHECK_RISK, raw, {"stop": stop.value, MODEL_ONLY: True})
                    if model_only else Event(stop, raw))
        if _readable(raw, name=name, safety=safety):
            return raw
        _unreadable(prompter, region)


def _readable(raw: str, *, name: bool = False, safety: bool = False) -> bool:
    """Whether Mend can take ``raw``: English it reads, a ``name`` that reads as one (in any
    script), or, at the ``safety`` question, a no Mend knows in that language."""
    return ((name and reads_as_name(raw)) or not looks_unreadable(raw)
            or (safety and yes_or_no(raw, safety=True) in ("no", "not sure")))


def _unreadable(prompter: Prompter, region: str) -> None:
    """Mend reads English only: it cannot tell what an answer says, or whether the person is
    safe, so it says so and shows where help is; the question is asked again (never coaching on
    it)."""
    prompter.say(COACH_UNREADABLE_ANSWER)
    _show_resources(prompter, region)


def _confirm(session: Session, prompter: Prompter, mode: Mode, region: str) -> Event:
    """The person's answer to the risk check: ``NO_RISK`` for a plain no, ``RISK_UNCLEAR``
    for an answer that says neither (asked again; from the second, with where help is: the
    session is neither ended nor coached on until a clear answer), else the stop the sign called
    for (a yes, not sure, "help", or an answer with signs of its own).

    An empty answer (a stray Enter) is no answer: it is asked again, and never counts as the
    unclear one (two of them used to stop the session); after the second, where help is is shown
    as well. A stop about hurting someone else (the answer held back, or this one, says so) says
    first how to step away (``TOWARD_OTHERS``)."""
    empty = 0
    question = risk_question(session)
    shown = bool(session.check.get(RESOURCES_SHOWN))  # where help is, in full, this check
    shown_now = False
    while not (raw := prompter.ask(question).strip()):
        empty += 1
        prompter.say(content.RISK_EMPTY)
        if empty == 2:
            if shown:
                prompter.say(RESOURCES_POINTER)
            else:
                _show_resources(prompter, region)
                shown = shown_now = True
    try:
        stop = EventType(str(session.check.get("stop")))
    except ValueError:
        stop = E.CRISIS
    stop = stop if stop in (E.CRISIS, E.ABUSE) else E.CRISIS

    def stopping(kind: EventType) -> Event:
        others = kind is E.CRISIS and (harm_to_others(session.held_answer())
                                       or harm_to_others(raw))
        return Event(kind, raw, {"others": others})

    if is_help(raw):
        return stopping(stop)
    checked_sign = screened(raw, mode=mode)
    found, model_only = checked_sign.stop, checked_sign.model_only
    if checked_sign.reported and not checked_sign.asked_first:
        found = None  # "no, I only said they'd be better off if he didn't bother": the answer
    if found is not None and not (model_only and not may_tell_of_risk(raw)):
        # A sign of its own stops. One only the model saw, in words that tell of no risk (a
        # request typed at the wrong question), is not one: the answer is read as an answer.
        return stopping(stop if model_only else found)
    unreadable = looks_unreadable(raw)
    answer = risk_reply(raw) if not unreadable else None  # a clear no, or none
    if hedged(raw):  # "not really", "kind of", "I guess not": not sure, the careful answer
        answer = "not sure"
    if answer == "no":
        return Event(E.NO_RISK, raw)
    if answer in ("yes", "not sure") or (unreadable and MAYBE.search(raw.lower())):
        return stopping(stop)
    # Neither (a number, a word for another question): asked once more, plainly; after that,
    # where help is is shown with each question again. Nothing goes on without a clear no, and
    # nothing the person wrote is lost.
    # The list is shown in full once in a check; later re-asks point to it.
    asked_again = session.path[-1:] == ((State.CONFIRM_RISK.value, E.RISK_UNCLEAR.value),)
    return Event(E.RISK_UNCLEAR, raw, {RESOURCES_AGAIN: asked_again and not shown,
                                       RESOURCES_POINTER_META: asked_again and shown,
                                       RESOURCES_SHOWN: (asked_again and not shown) or shown_now})


def risk_question(session: Session) -> str:
    """The risk check's question: after a clear no earlier in the session, a shorter one that
    says why Mend asks again (``RISK_QUESTION_AGAIN``)."""
    return (content.RISK_QUESTION_AGAIN_PROMPT if said_no_to_check(session)
            else content.PROMPTS[State.CONFIRM_RISK])


# An unclear answer's event meta: the check was unclear before too, so where help is is shown
# (the first time in the check: after that, ``RESOURCES_POINTER_META`` points to it).
RESOURCES_AGAIN = "resources"
RESOURCES_POINTER_META = "resources_pointer"
# Said in place of the whole list once it has been shown in this check.
RESOURCES_POINTER = "Where to get help now was shown earlier; type help to see it again."
# A risk check's event meta: the sign was a rule's (hedged as a joke, or being told to kill
# oneself), so where help is is shown with the question.
RESOURCES_FIRST = "resources_first"


def _toward_others(before: Session, event: Event) -> bool:
    """Whether the crisis stop ``event`` made is about thoughts of hurting someone else: as the
    risk check decided, or for a stop by the gate, as the answer says in so many words (never
    for signs in pasted messages: those are someone else's words)."""
    if event.type is not E.CRISIS:
        return False
    if "others" in event.meta:
        return bool(event.meta["others"])
    if before.state in (State.RECOGNISE_MESSAGES, State.CONFIRM_RISK):
        return False
    return harm_to_others(str(event.value or ""))


YES_OR_NO_AGAIN = "Please answer yes or no."


def _yes_no_reply(prompter: Prompter, prompt: str, mode: Mode, region: str
                  ) -> Event | bool | None:
    """True for a yes to ``prompt``, None for a no (or "not sure": the careful answer), or the
    safety gate's stop event; a reply that says neither is asked again, never taken as no."""
    while True:
        reply = _reply(prompter, prompt, mode, region)
        if isinstance(reply, Event):
            return reply
        answer = yes_or_no(reply)
        if answer is not None:
            return True if answer == "yes" else None
        prompter.say(YES_OR_NO_AGAIN)
