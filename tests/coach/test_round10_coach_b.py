"""Round 10 of the coach, second pass: the safety question reads only a plain yes as "safe" (never
the Spanish or French "y" or "ya" in a sentence), "no" and "help" in other languages are heard,
the "sorry, but" example leaves out a clause that is flagged itself, and "not yet" at the
follow-up asks for a new day instead of ending the session."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.test_driver import CALM_TO_END, UP_TO_CHECK, Script
from mendkit import check
from mendkit.coach import State
from mendkit.coach.content import NOT_YET, PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.replies import yes_or_no
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)
WHO = PROMPTS[State.RECOGNISE_WHO]


def _run(tmp_path: Path, answers: list[str], *, now: datetime = NOW) -> tuple[State, Script]:
    script = Script(answers)
    session = run(start("r10b"), script, SessionStore(tmp_path), now=lambda: now)
    return session.state, script


# Bug 1: "y" ("and") and "ya" ("already") in a Spanish or French reply are not "yes".

SCARED = ["tengo miedo y él está en casa", "ya viene para acá, tengo miedo",
          "il y a un couteau, j'ai peur", "ya viene para aca, tengo miedo", "yes, tengo miedo",
          "ok, él está en casa", "yes y él está aquí"]


@pytest.mark.parametrize("reply", SCARED)
def test_a_yes_word_inside_a_sentence_mend_cannot_read_is_not_yes(reply: str) -> None:
    assert yes_or_no(reply) != "yes"


@pytest.mark.parametrize("reply", SCARED)
def test_the_safety_question_does_not_go_on_after_a_scared_reply(tmp_path: Path,
                                                                  reply: str) -> None:
    state, script = _run(tmp_path, ["", reply])
    assert state is not State.RECOGNISE_WHO
    assert WHO not in script.said


@pytest.mark.parametrize("reply", ["nein", "non", "нет", "いいえ", "لا", "nahi", "não", "no",
                                   "Nein!", "non, j'ai peur", "нет."])
def test_no_in_other_languages_takes_the_safety_path(tmp_path: Path, reply: str) -> None:
    assert yes_or_no(reply) == "no"
    state, script = _run(tmp_path, ["", reply])
    assert state is State.STOPPED_UNSAFE
    assert WHO not in script.said


@pytest.mark.parametrize("reply", ["yes", "y", "Y", "Yes!", "yes 👍", "yeah", "yep.",
                                   "Yes please", "yes, I'm safe", "yeah I'm safe right now",
                                   "Yes I am", "of course", "I'm safe", "ok", "sure thing",
                                   "ya", "yes, we're fine"])
def test_a_plain_english_yes_still_counts(tmp_path: Path, reply: str) -> None:
    assert yes_or_no(reply) == "yes"
    state, _ = _run(tmp_path, ["", reply])
    assert state is State.RECOGNISE_WHO


# Bug 6: "help" in the languages the crisis rules know shows the support list, at any question.

HELP = ["ayuda", "socorro", "aide", "au secours", "hilfe", "ajuda", "aiuto", "救命", "помогите",
        "Ayuda!", "¡Socorro!", "Hilfe!", "help!", "Help me"]


@pytest.mark.parametrize("word", HELP)
def test_help_in_other_languages_shows_the_support_list(tmp_path: Path, word: str) -> None:
    state, script = _run(tmp_path, ["", "yes", word])
    assert state is State.RECOGNISE_WHO  # not taken as the other person's name
    assert "If you need someone now:" in script.said
    assert script.said[-1] == WHO  # and the same question again


@pytest.mark.parametrize("word", ["ayuda", "hilfe", "救命"])
def test_help_at_the_safety_question_shows_the_support_list(tmp_path: Path, word: str) -> None:
    state, script = _run(tmp_path, ["", word])
    assert state is State.SAFETY_CHECK
    assert "If you need someone now:" in script.said


# Bug 10: the "sorry, but" example leaves out a clause that another issue flags.

def test_the_sorry_but_example_starts_at_the_apology_after_a_flagged_clause() -> None:
    result = check("You never listen to me, and I'm sorry but you always do this.")
    issue = next(i for i in result.issues if i.kind == "sorry_but")
    assert issue.suggestion.endswith("For example: \"I'm sorry.\"")
    assert "You never" not in issue.suggestion


def test_the_sorry_but_example_keeps_a_clause_nothing_flags() -> None:
    result = check("I know it was late, and I'm sorry I yelled, but you started it.")
    issue = next(i for i in result.issues if i.kind == "sorry_but")
    assert issue.suggestion.endswith("For example: \"I know it was late, and I'm sorry I "
                                     "yelled.\"")


# "Also noted": "not yet" at the follow-up offers a new day, and the session waits for it.

def test_not_yet_at_the_follow_up_asks_for_a_new_day(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    first = run(start("f1"), Script(UP_TO_CHECK + CALM_TO_END), store, now=lambda: NOW)
    assert first.state is State.AWAITING_FOLLOW_UP
    later = NOW + timedelta(days=5)
    script = Script(["not yet", "4"])
    again = run(first, script, store, now=lambda: later)
    assert again.state is State.AWAITING_FOLLOW_UP
    assert store.load("f1") == again  # saved: ``--resume`` finds it
    due = again.resumes_at()
    assert due is not None and due.date() == (later + timedelta(days=4)).date()
    assert PROMPTS[State.DONE] not in script.said
    assert NOT_YET in script.said
    assert any(s.startswith("I'll ask how it went on ") for s in script.said)
    # When the day comes, it is asked again and can end as any follow-up does.
    done = run(again, Script(["yes", "8"]), store, now=lambda: later + timedelta(days=4))
    assert done.state is State.DONE
    assert done.answers["follow_up_uptake"] == "yes"


def test_not_yet_with_enter_takes_the_default_three_days(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    first = run(start("f2"), Script(UP_TO_CHECK + CALM_TO_END), store, now=lambda: NOW)
    later = NOW + timedelta(days=5)
    again = run(first, Script(["I haven't talked to them yet", ""]), store, now=lambda: later)
    assert again.state is State.AWAITING_FOLLOW_UP
    due = again.resumes_at()
    assert due is not None and due.date() == (later + timedelta(days=3)).date()
