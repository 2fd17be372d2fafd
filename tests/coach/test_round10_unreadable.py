"""Round ten: the coach reads English only. An answer in another language is not coached on (nor
counted as safe): the coach says it cannot read it, shows where help is, and asks again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from coach.test_driver import Script
from mendkit.analysis.language import COACH_UNREADABLE_ANSWER
from mendkit.coach import State
from mendkit.coach.content import PROMPTS
from mendkit.coach.driver import NoMoreAnswers, run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)
WHAT = PROMPTS[State.RECOGNISE_WHAT]


def _run(tmp_path: Path, answers: list[str]) -> tuple[State, Script, dict[str, object]]:
    script = Script(answers)
    store = SessionStore(tmp_path)
    try:
        session = run(start("r10u"), script, store, now=lambda: NOW)
    except NoMoreAnswers:
        session = store.load("r10u")
    return session.state, script, dict(session.answers)


@pytest.mark.parametrize("answer", [
    "Er schreit mich jeden Tag an, und ich weiß nicht, was ich tun soll.",
    "我不想活了，他每天都对我大喊大叫。",
    "Ele grita comigo todos os dias e eu não sei o que fazer.",
])
def test_an_answer_in_another_language_is_not_coached_on(tmp_path: Path, answer: str) -> None:
    state, script, answers = _run(tmp_path, ["", "yes", "Marta", "partner", answer])
    assert state is State.RECOGNISE_WHAT  # still asking: nothing was taken from it
    assert "recognise_what" not in answers
    at = script.said.index(COACH_UNREADABLE_ANSWER)
    assert script.said[at - 1] == WHAT
    assert any("emergency" in line for line in script.said[at + 1:])  # where help is, at once
    assert script.said[-1] == WHAT  # and the question again


def test_the_same_answer_in_english_goes_on(tmp_path: Path) -> None:
    state, script, answers = _run(tmp_path, ["", "yes", "Marta", "partner",
                                             "We argued about the dishes and I called her lazy."])
    assert state is State.RECOGNISE_NOTICED
    assert answers["recognise_what"] == "We argued about the dishes and I called her lazy."
    assert COACH_UNREADABLE_ANSWER not in script.said


def test_english_with_a_few_words_of_another_language_is_read(tmp_path: Path) -> None:
    answer = "My abuela said 'lo siento, mi amor' and I laughed at her, which was unkind."
    state, script, _ = _run(tmp_path, ["", "yes", "Marta", "family", answer])
    assert state is State.RECOGNISE_NOTICED
    assert COACH_UNREADABLE_ANSWER not in script.said


def test_a_scared_reply_to_the_safety_question_in_spanish_is_not_safe(tmp_path: Path) -> None:
    state, script, _ = _run(tmp_path, ["", "tengo miedo y él está en casa ahora mismo"])
    assert state is State.SAFETY_CHECK
    assert COACH_UNREADABLE_ANSWER in script.said


@pytest.mark.parametrize("name", ["陈伟明", "Александр", "محمد", "Ｓａｍ"])
def test_a_name_in_its_own_script_is_taken_as_the_name(tmp_path: Path, name: str) -> None:
    _, script, answers = _run(tmp_path, ["", "yes", name, "partner"])
    assert answers["recognise_who"] == name
    assert answers["recognise_context"] == "partner"
    assert COACH_UNREADABLE_ANSWER not in script.said


# The second re-run: a sentence in another language at the name question is not taken as a name.
@pytest.mark.parametrize("answer", ["mi esposo me pega", "tengo miedo y él está en casa",
                                    "أريد أن أموت", "я хочу умереть"])
def test_a_sentence_at_the_name_question_is_not_taken_as_a_name(tmp_path: Path,
                                                               answer: str) -> None:
    state, script, answers = _run(tmp_path, ["", "yes", answer])
    assert "recognise_who" not in answers
    assert state in (State.RECOGNISE_WHO, State.STOPPED_CRISIS, State.STOPPED_UNSAFE)
    if state is State.RECOGNISE_WHO:
        assert COACH_UNREADABLE_ANSWER in script.said
