"""``mend coach``: the Healing Cycle in a plain terminal, or from a file of answers.

Keyboard only, no colour needed, works over SSH. Every step is saved (in the journal when there is
one, else under ``$MEND_HOME``); a break or a follow-up pauses the session and ``--resume``
continues it.
"""

from __future__ import annotations

import json
import math
import sys
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER
from mendkit.analysis.safety import DEFAULT_REGION, resources_for
from mendkit.coach import content
from mendkit.coach.content import NOT_THERAPY as NOT_THERAPY_LINE
from mendkit.coach.driver import (
    SAFETY_PLAN_HEADING,
    NoMoreAnswers,
    at_risk,
    run,
    show_stop,
    start,
)
from mendkit.coach.machine import TERMINAL, State
from mendkit.coach.pair import (
    CALM_FIRST,
    EXPIRED,
    PAUSED,
    QUESTIONS,
    RISK_CHECK,
    SAFETY_AGAIN,
    SAFETY_QUESTION,
    STOPS,
    PairAnswers,
    exchange,
    join_expired,
    new_code,
    not_open,
    not_the_starter,
    paused,
    person_name,
    risk_check_reply,
    safety_reply,
    screen,
    too_long,
    typed,
    yes_or_no,
)
from mendkit.coach.session import Session
from mendkit.coach.store import PairStorage, SessionStorage
from mendkit.errors import InvalidInputError

# The one question whose answer is a block of lines (pasted messages), ended by an empty line.
_BLOCK_PROMPTS = frozenset({content.PROMPTS[State.RECOGNISE_MESSAGES]})


class TerminalPrompter:
    def ask(self, prompt: str) -> str:
        """One line, or at the messages question every line up to an empty one."""
        print(f"\n{prompt}")
        try:
            first = input("> ")
        except EOFError:
            raise NoMoreAnswers from None
        if prompt not in _BLOCK_PROMPTS or not first.strip():
            return first
        lines = [first]  # pasted messages: read until an empty line
        while True:
            try:
                line = input()
            except EOFError:
                break
            if not line.strip():
                break
            lines.append(line)
        return "\n".join(lines)

    def say(self, text: str) -> None:
        print(text)

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)


class ScriptPrompter:
    """Answers from a list, in order; prompts and answers are echoed for the record."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)

    def ask(self, prompt: str) -> str:
        print(f"\n{prompt}")
        if not self.answers:
            raise NoMoreAnswers
        answer = self.answers.pop(0)
        print(f"> {answer}")
        return answer

    def say(self, text: str) -> None:
        print(text)

    def wait(self, seconds: float) -> None:
        """A scripted run does not wait."""


def read_answers(path: str) -> list[str]:
    """The answers in a JSON list: each one text or a number (``true``/``null`` are refused)."""
    example = 'e.g. ["", "yes", "Sam"]'
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8-sig"),
                          parse_constant=_NotANumber, parse_float=_finite)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"expected a JSON list of answers (UTF-8 text), {example}; byte "
                                f"{exc.start + 1} is not UTF-8", source=path) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"expected a JSON list of answers, {example}: {exc.msg}",
                                source=path, line=exc.lineno) from None
    if not isinstance(data, list):
        raise InvalidInputError(f"expected a JSON list of answers, {example}", source=path)
    for number, answer in enumerate(data, 1):
        if isinstance(answer, _NotANumber):
            raise InvalidInputError(f"answer {number} is {answer.text}; expected text or a "
                                    f"number, {example}", source=path)
        if isinstance(answer, bool) or not isinstance(answer, (str, int, float)):
            raise InvalidInputError(f"answer {number} is {json.dumps(answer)}; expected text or "
                                    f"a number, {example}", source=path)
    return [str(a) for a in data]


class _NotANumber:
    """``NaN``, ``Infinity`` or a number too large for a float, as written in an answers file."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _finite(text: str) -> float | _NotANumber:
    value = float(text)
    return value if math.isfinite(value) else _NotANumber(text)


def latest_open(store: SessionStorage) -> Session:
    """The most recently saved session that has not ended (one that cannot be read is skipped,
    with a note naming it)."""
    for session_id in reversed(store.recent()):
        try:
            session = store.load(session_id)
        except InvalidInputError as exc:
            print(f"mend: note: skipped a coach session that cannot be read: {exc}",
                  file=sys.stderr)
            continue
        if session.state not in TERMINAL:
            return session
    raise InvalidInputError("there is no coach session to resume; start one with `mend coach`")


def coach(store: SessionStorage, *, resume: str | None, answers: str | None,
          attachment: str | None, region: str) -> int:
    if resume and attachment:
        raise InvalidInputError("--attachment is chosen when a session starts, and a resumed "
                                "session keeps its own; leave out --attachment with --resume")
    scripted = read_answers(answers) if answers else None  # a bad file fails before any session
    if resume:
        session = latest_open(store) if resume == "latest" else store.load(resume)
        if region != DEFAULT_REGION and session.settings.get("region") != region:
            session = replace(session, settings={**session.settings, "region": region})
    else:
        session = start(uuid.uuid4().hex[:12], attachment=attachment, region=region)
        store.save(session)
    prompter = ScriptPrompter(scripted) if scripted is not None else TerminalPrompter()
    print(f"Session {session.id} (saved as you go).")
    if session.state in TERMINAL:
        _ended(session, region)
        return 0
    try:
        session = run(session, prompter, store, region=region)
    except KeyboardInterrupt:
        print(f"\n\nSaved. Continue with: mend coach --resume {session.id}")
        raise
    if session.state not in TERMINAL:
        print(f"\nSaved. Continue with: mend coach --resume {session.id}")
    sys.stdout.flush()
    return 0


def _ended(session: Session, region: str) -> None:
    """What ``--resume`` says of a session that has already ended."""
    if session.state is State.DONE:
        print("This session has already ended. To look at another rupture, start a new one "
              "with: mend coach")
        return
    name = at_risk(session)
    print(f"This session has already ended: it stopped so that {name}'s safety could come first."
          if name else "This session has already ended: it stopped so that you could get "
          "support first.")
    show_stop(session.state, TerminalPrompter(), str(session.settings.get("region") or region),
              session=session)


def pair(store: PairStorage, *, code: str | None, answers: str | None, region: str) -> int:
    """``--pair`` (start, get a code) or ``--join CODE``: answer privately, choose what to share.

    Answers are saved one by one; the same command again carries on where they stopped (``--pair``
    offers the latest unfinished first answers; ``--join`` asks whether the person is the one who
    joined, so that no one carries on another's answers), and answers already given are never
    replaced. A name is needed, and joining with the name of the person who started the code is
    refused, as is joining a code no one joined within ``JOIN_WINDOW`` (as in the browser).
    Every reply passes the safety gate; after a stop, the next run checks in first.
    """
    scripted = read_answers(answers) if answers else None
    prompter: TerminalPrompter | ScriptPrompter = (
        ScriptPrompter(scripted) if scripted is not None else TerminalPrompter())
    if code is not None and not code.strip():
        raise InvalidInputError("--join needs the code the other person was given, e.g. "
                                "--join K7P2QX")
    role = "second" if code else "first"
    person: PairAnswers | None = None
    joined: PairAnswers | None = None
    if code is not None:
        code = code.strip().upper()
        if not store.exists(code):
            raise InvalidInputError(f"no two-person session with the code {code!r}; check the "
                                    "code with the person who started it")
        joined = store.load(code, role)
        first = store.load(code, "first")
        if joined is None and first is not None and join_expired(first):
            raise not_open(code)  # as in the browser: no one joined within the window
        if (joined is None or not joined.stopped) and _paused(store, code, role, region):
            return 0
        if joined is not None and joined.complete:
            raise InvalidInputError(
                f"{joined.name} has already answered every question for {code}, and each code "
                f"is for two people; see the exchange with: mend coach --exchange {code}")
    again = f"mend coach --join {code}" if code else "mend coach --pair"
    try:
        if code is None:
            code, person = _first_seat(store, prompter, region)
        elif joined is not None:  # someone has joined: carry on only if it is this person
            # After a safety stop the check-in comes first; the question of who it is, after.
            person = joined if joined.stopped else _same_person(prompter, joined, code, region)
        if person is not None and person.stopped:
            if not _check_in(prompter, person, region, again):
                return 0
            if role == "second":
                _same_person(prompter, person, code, region)
            # The check-in asked whether they are safe now: a yes is the safety question's yes.
            person = replace(person, stopped="", safe=True)
            store.save(code, role, person)
        if _paused(store, code, role, region):  # the other person was stopped: nothing more
            return 0
        if person is None:
            # Said once per session, as the one-person coach does: a run that carries on
            # answers already begun (or checks in after a stop) has said it before.
            print(NOT_THERAPY_LINE)
            first = store.load(code, "first") if role == "second" else None
            started = datetime.now(UTC).isoformat() if role == "first" else ""
            person = PairAnswers(name=_name(prompter, region, first), started=started)
            store.save(code, role, person)
            if role == "first":
                print(f"\nYour two-person code is {code} (saved as you go).")
        else:
            print(f"\nCarrying on with {person.name}'s answers for {code}.")
        if not person.safe and not person.complete:  # asked privately, once, as in the browser
            _safety_check(prompter, region)
            person = replace(person, safe=True)
            store.save(code, role, person)
        for key, question in QUESTIONS:
            if key in person.answers:
                continue
            if _paused(store, code, role, region):  # stopped while this person answered
                return 0
            text = _screened(prompter, question, region, person=person)
            if isinstance(text, _SaidNo):  # remembered: not asked again of the same kind
                person = person.said_no(text)
            share = _share(prompter, region)
            person = replace(person, answers={**person.answers, key: text},
                             shared={**person.shared, key: share})
            store.save(code, role, person)
    except _Stopped as stop:
        # Kept with the answers, so that the next run checks in first. A stop at the name saves
        # nothing: there are no answers to come back to.
        if code is not None and person is not None:
            store.save(code, role, replace(person, stopped=stop.kind))
        return 0
    except NoMoreAnswers:
        if person is None:  # not even a name yet: the code has nothing of this person's
            print(f"\nNothing new was saved. To go on, run the same command again: {again}")
            return 0
        where = f" under the code {code}" if code else ""
        print(f"\nSaved{where}. To finish your answers, run the same command again: {again}")
        return 0
    if _paused(store, code, role, region):
        return 0
    if role == "first":
        mine = store.load(code, "first")
        if mine is not None and store.load(code, "second") is None and join_expired(mine):
            print(f"\nYour answers are saved under the code {code}. {EXPIRED}")
            return 0
        print(f"\nGive this code to the other person: {code}\n"
              f"They run: mend coach --join {code}\nThen either of you: mend coach --exchange {code}")
    else:
        print(f"\nDone. See the exchange with: mend coach --exchange {code}")
    return 0


def _paused(store: PairStorage, code: str, role: str, region: str) -> bool:
    """Whether the other person's answers were stopped by the safety gate: then the session is
    paused for both, and this person is told so calmly (nothing of why), with the resources,
    and asked for nothing more."""
    other = store.load(code, "second" if role == "first" else "first")
    if not paused(None, other):
        return False
    _show_paused(region)
    return True


def _show_paused(region: str) -> None:
    print(f"\n{PAUSED}")
    _show_resources(region)


def _first_seat(store: PairStorage, prompter: TerminalPrompter | ScriptPrompter, region: str
                ) -> tuple[str, PairAnswers | None]:
    """The code for ``--pair``: the latest unfinished first answers when the person chooses to
    carry them on, or when they stopped for safety (the check-in comes next), with those
    answers; else a new code (and ``None``). The question passes the safety gate: a stop there
    is kept with those answers, and ``_Stopped`` raised."""
    for code in reversed(store.codes()):
        mine = store.load(code, "first")
        if mine is not None and mine.stopped:
            return code, mine
        if mine is not None and not mine.complete:
            question = (f"You have unfinished answers for the code {code} (as {mine.name}). "
                        "Carry on with them? (yes / no)")
            while True:
                try:
                    reply = _screened(prompter, question, region, empty_ok=True)
                except _Stopped as stop:
                    store.save(code, "first", replace(mine, stopped=stop.kind))
                    raise
                choice = yes_or_no(reply)
                if choice is not None:
                    break
                print("Please answer yes or no.")
            if choice:
                return code, mine
        break
    code = new_code()
    while store.exists(code):
        code = new_code()
    return code, None


def _name(prompter: TerminalPrompter | ScriptPrompter, region: str,
          first: PairAnswers | None) -> str:
    """The person's first name, asked until it is one (and, joining, until it is not the name of
    the person who started the code: ``first``); raises ``_Stopped`` as ``_screened`` does."""
    while True:
        reply = _screened(prompter, "Your first name (the other person will see it)?", region,
                          empty_ok=True)
        try:
            name = person_name(reply)
            not_the_starter(name, first)
        except InvalidInputError as exc:
            print(_sentence(exc.reason))
            continue
        return name


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _same_person(prompter: TerminalPrompter | ScriptPrompter, joined: PairAnswers, code: str,
                 region: str) -> PairAnswers:
    """``joined``'s answers, once the person at the keyboard says they are that person: someone
    else must not carry on (and be shown under) another's answers. Raises ``InvalidInputError``
    when they are not, and ``_Stopped`` as ``_screened`` does."""
    done = len(joined.answers)
    question = (f"{joined.name} has joined {code} and answered {done} of {len(QUESTIONS)} "
                f"questions. Are you {joined.name}? (yes / no)")
    while True:
        choice = yes_or_no(_screened(prompter, question, region, empty_ok=True))
        if choice is not None:
            break
        print("Please answer yes or no.")
    if not choice:
        raise InvalidInputError(
            f"{joined.name} has already joined {code}, and each code is for two people; ask the "
            "person who started it to start a new one with: mend coach --pair")
    return joined


def _check_in(prompter: TerminalPrompter | ScriptPrompter, person: PairAnswers, region: str,
              again: str) -> bool:
    """The gentle check-in that opens the run after a safety stop, with the resources (and for
    danger from someone, the safety plan): True when the person is safe and ready to go on."""
    print("\nLast time, two-person mode stopped so that you could get support first. There is "
          "no rush: your answers are kept.")
    _show_resources(region)
    if person.stopped == "unsafe":
        print(SAFETY_PLAN_HEADING)
        for line in content.SAFETY_PLAN:
            print(f"- {line}")
    while True:
        reply = _screened(prompter, "Are you safe right now, and ready to go on with the "
                          "questions? (yes / no)", region, empty_ok=True)
        choice = yes_or_no(reply)
        if choice is not None:
            break
        print("Please answer yes or no.")
    if not choice:
        print("That's all right. Please reach out to someone above if you need to. When you "
              f"are ready, run the same command again: {again}")
    return choice


def show_exchange(store: PairStorage, code: str, *, region: str = DEFAULT_REGION) -> int:
    """``--exchange CODE``: what both people shared, once both have answered everything; a
    session paused by a safety stop offers no exchange, to either person, only a calm note."""
    code = code.strip().upper()
    if not code or not store.exists(code):
        raise InvalidInputError(f"no two-person session with the code {code!r}; check the code "
                                "with the person who started it")
    first, second = store.load(code, "first"), store.load(code, "second")
    if paused(first, second):
        _show_paused(region)
        return 0
    if first is None or second is None or not (first.complete and second.complete):
        raise InvalidInputError(
            f"the exchange for {code!r} is ready when both people have answered every question")
    print("What each of you chose to share. Take turns: one speaks, the other listens and "
          "says back what they heard before answering.\n")
    for title, rows in exchange(first, second):
        print(title)
        for name, text in rows:
            print(f"  {name}: {text}")
        print()
    return 0


class _Stopped(Exception):
    """The safety gate stopped two-person mode (the stop screen has been shown)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class _SaidNo(str):
    """An answer saved after a clear no to the risk check about it (``PairAnswers.said_no``)."""

    __slots__ = ()


def _screened(prompter: TerminalPrompter | ScriptPrompter, question: str, region: str, *,
              empty_ok: bool = False, person: PairAnswers | None = None) -> str:
    """The answer to ``question`` once it may be saved; raises ``_Stopped`` when the safety gate
    stopped two-person mode (the stop screen is shown). "help" shows the resources and asks
    again, as an empty answer does where one is not enough (an empty answer is never saved as an
    answer). A sign only the learned model saw is checked with the person first, privately
    (``_risk_check``): a clear no takes the answer, a yes stops; one of a kind ``person``
    already said a clear no about is not asked about again."""
    while True:
        text = typed(prompter.ask(question))
        found = screen(text, question, asked=person)
        if found == "check":
            return _risk_check(prompter, text, region)
        if found == "help":
            _show_resources(region)
        elif found == "long":
            print(_sentence(too_long(text)))
        elif found == "empty" and not empty_ok:
            print("Please write a few words; you can keep them private.")
        elif found in STOPS:
            show_stop(State.STOPPED_CRISIS if found == "crisis" else State.STOPPED_UNSAFE,
                      TerminalPrompter(), region, said=text)
            raise _Stopped(found)
        else:
            return text


def _risk_check(prompter: TerminalPrompter | ScriptPrompter, held: str, region: str) -> str:
    """The one-person coach's risk check, for an answer ``held`` in which only the model saw a
    sign: asked of this person alone, until the reply is clear. A no takes ``held`` (it is
    saved as the answer); a yes, not sure, "help" or a sign of the reply's own shows the stop
    screen and raises ``_Stopped``, which pauses the session for both. From the second unclear
    reply, where help is is shown too (once)."""
    unclear = 0
    while (found := risk_check_reply(reply := prompter.ask(RISK_CHECK), held)) == "again":
        unclear += 1
        print(content.RISK_AGAIN if typed(reply) else content.RISK_EMPTY)
        if unclear == 2:
            _show_resources(region)
    if found in STOPS:
        show_stop(State.STOPPED_CRISIS if found == "crisis" else State.STOPPED_UNSAFE,
                  TerminalPrompter(), region, said=f"{held}\n{typed(reply)}")
        raise _Stopped(found)
    print(content.RISK_NO)
    return _SaidNo(held)


def _safety_check(prompter: TerminalPrompter | ScriptPrompter, region: str) -> None:
    """Says to do this only when both are calm, then asks whether the person is safe until the
    reply is yes; raises ``_Stopped`` for a "no" (or "not sure"), as for signs of danger."""
    print(f"\n{CALM_FIRST}")
    while (found := safety_reply(reply := prompter.ask(SAFETY_QUESTION))) != "":
        if found == "help":
            _show_resources(region)
        elif found in STOPS:
            show_stop(State.STOPPED_CRISIS if found == "crisis" else State.STOPPED_UNSAFE,
                      TerminalPrompter(), region, said=typed(reply))
            raise _Stopped(found)
        elif found == "unreadable":  # as the one-person coach: what Mend cannot read, and help
            print(COACH_UNREADABLE_ANSWER)
            _show_resources(region)
        else:
            print(SAFETY_AGAIN)


def _share(prompter: TerminalPrompter | ScriptPrompter, region: str) -> bool:
    """Whether to share the answer just given, asked until the reply is yes or no; raises
    ``_Stopped`` when the safety gate stopped two-person mode."""
    while True:
        reply = _screened(prompter, "Share this answer with the other person? (yes / no)",
                          region, empty_ok=True)
        choice = yes_or_no(reply)
        if choice is not None:
            return choice
        print("Please answer yes or no.")


def _show_resources(region: str) -> None:
    print("If you need someone now:")
    for r in resources_for(region):
        print(f"- {r.name}: {r.contact}")
