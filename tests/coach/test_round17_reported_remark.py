"""Round 17 (tester t1, co-parenting, problem 2): a cruel remark owned is no suicide stop.

A parent owning what they said to their ex ("I called him a useless father ... and said they'd be
better off if he didn't bother") was stopped at once as a suicide risk at "What was your part in
it?", though the same words earlier got the calm check question and a "no". Now a rule's sign in
what the person says they said to someone else, about others being better off, gets at most the
calm check question, and a "no" to the same words is remembered for the session. The person's
own first-person signs stop at once, as before. And a stop for someone else at risk never uses a
pronoun as a name ("It sounds like them may not be safe"). Read as the terminal shows it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from test_round12_draft_screen import Script

from mendkit.coach import State
from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.driver import AT_RISK, TOLD, run, start, stop_facts, stop_words
from mendkit.coach.pair import screen as pair_screen
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 18, 0)
WHAT = ("I snapped at Mark at the handover on Sunday in front of the kids. He was 40 minutes late "
        "again and I said he was a useless father. Ellie started crying.")
NOTICED = "I was furious and my face was hot. Mark went quiet and took the kids to the car."
# The tester's answer at "What was your part in it?".
MY_PART = ("I called him a useless father in front of Ellie and Sam and said they'd be better off "
           "if he didn't bother. That was cruel and it scared the kids.")
TO_PART = ["", "yes", "Mark (he/him)", "ex or co-parent", WHAT, NOTICED, "", "3", "skip", "yes"]
STOP_WORDS = "Repair can wait."
# A pronoun where a name goes: "them may", "If them might", "them can call".
PRONOUN_AS_NAME = re.compile(r"\b(?:them|him|her) (?:may|might|can|asked)\b|\bfor them's\b"
                             r"|\bIf (?:them|him|her)\b")


def _run(tmp_path: Path, answers: list[str]) -> tuple[Session, str]:
    script = Script(answers)
    session = run(start("r17r"), script, SessionStore(tmp_path), now=lambda: NOW, mode="rules")
    return session, "\n".join(script.said)


# The check's question, first time or again: "are you thinking of hurting yourself ...".
ASKED = "are you thinking of hurting yourself or someone else"


def _checks(said: str) -> int:
    return said.count(ASKED)


def test_a_cruel_remark_owned_gets_the_calm_question_not_a_stop(tmp_path: Path) -> None:
    session, said = _run(tmp_path, [*TO_PART, MY_PART, "no", "skip"])
    assert session.state is not State.STOPPED_CRISIS, said
    assert STOP_WORDS not in said
    assert _checks(said) == 1, said
    # The question comes first, then the coaching goes on to the next step.
    assert said.index(PROMPTS[State.RESPONSIBILITY_PART]) < said.index(RISK_QUESTION) < (
        said.index(PROMPTS[State.RESPONSIBILITY_REGRET]))


def test_a_yes_at_that_question_still_stops(tmp_path: Path) -> None:
    session, said = _run(tmp_path, [*TO_PART, MY_PART, "yes"])
    assert session.state is State.STOPPED_CRISIS, said


def test_a_no_to_the_same_words_is_remembered(tmp_path: Path) -> None:
    what = ("I snapped at Mark at the handover. I told him they'd be better off if he didn't "
            "bother. Ellie started crying.")
    answers = ["", "yes", "Mark (he/him)", "ex or co-parent", what, "no", NOTICED, "", "3",
               "skip", "yes", MY_PART, "skip"]
    session, said = _run(tmp_path, answers)
    assert session.state is State.RESPONSIBILITY_KNOW, said
    assert _checks(said) == 1, said  # asked about the story once; the same words not again
    assert STOP_WORDS not in said


@pytest.mark.parametrize("own", [
    "I told my sister they'd all be better off without me.",
    "I said everyone would be better off if I was gone.",
    "I keep telling myself they'd be better off without me",
    "I said they'd be better off if he didn't bother and I've got the pills here",
])
def test_the_persons_own_signs_still_stop_at_once(tmp_path: Path, own: str) -> None:
    session, said = _run(tmp_path, [*TO_PART, own])
    assert session.state is State.STOPPED_CRISIS, said
    assert _checks(said) == 0


def test_own_signs_stop_even_after_a_no_to_a_reported_remark(tmp_path: Path) -> None:
    session, said = _run(tmp_path, [*TO_PART, MY_PART, "no",
                                    "I regret it. Honestly everyone would be better off without "
                                    "me."])
    assert session.state is State.STOPPED_CRISIS, said


def test_two_person_mode_asks_about_a_reported_remark_and_stops_on_own_signs() -> None:
    question = PROMPTS[State.RESPONSIBILITY_PART]
    assert pair_screen(MY_PART, question) == "check"
    assert pair_screen("I told my sister they'd all be better off without me.",
                       question) == "crisis"


# ---- the stop's words for someone else at risk: a name, or "the person", never "them" ----

def _told_stop(tmp_path: Path, who: str, what: str) -> tuple[Session, str]:
    return _run(tmp_path, ["", "yes", who, "friend", what])


def test_an_unnamed_person_at_risk_is_spoken_of_grammatically(tmp_path: Path) -> None:
    session, said = _told_stop(tmp_path, "Mark (he/him)", "he texted me last night saying he "
                               "doesnt want to be alive anymore and that he has a plan")
    assert session.state is State.STOPPED_CRISIS
    assert not PRONOUN_AS_NAME.search(said), said
    assert ("It sounds like the person you told me about may not be safe, and you are worried "
            "about them.") in said
    assert "If they might be in danger right now" in said
    assert "and they can call one too" in said
    assert "Who can help, for the person you told me about or for you:" in said


def test_a_named_person_at_risk_keeps_their_name_and_pronouns(tmp_path: Path) -> None:
    session, said = _told_stop(tmp_path, "Mark (he/him)", "Mark texted me last night saying he "
                               "doesnt want to be alive anymore and that he has a plan")
    assert session.state is State.STOPPED_CRISIS
    assert "It sounds like Mark may not be safe, and you are worried about him." in said
    assert "If Mark might be in danger right now" in said
    assert not PRONOUN_AS_NAME.search(said), said


def test_a_session_that_kept_a_pronoun_as_the_name_reads_well(tmp_path: Path) -> None:
    session, _ = _told_stop(tmp_path, "Mark (he/him)", "Mark texted me saying he doesnt want "
                            "to be alive anymore")
    older = replace(session, settings={**session.settings, AT_RISK: "them", TOLD: True})
    why, what = stop_words(older.state, **stop_facts(older))
    assert not PRONOUN_AS_NAME.search(f"{why} {what}"), (why, what)
    assert "the person you told me about" in why
    assert "worried about him" not in why  # Mark's pronoun is not the unnamed person's
