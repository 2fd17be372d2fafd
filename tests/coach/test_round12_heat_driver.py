"""Round 12, the coach in the heat of the moment (tester t4): the risk check asks about hurting
someone else too, and a yes about that stops with calm words on stepping away; an empty answer to
the check is asked again, never taken as a reason to stop; a person who no longer wants to repair
is offered the way out; a refused break or breathing exercise is respected ("no", "nah", "I'd
rather not", "1 hour" is 60 minutes); the arousal number is the rating, not a duration; and "skip"
at a step that cannot be skipped is asked again instead of becoming the message."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.coach import State, driver
from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.driver import offered_draft, run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 21, 0)
# Up to the arousal question: welcome, safety, who, context, what happened, noticed, messages.
TO_LEVEL = ["", "yes", "Dan", "partner", "argument about money", "", ""]
TO_OPENNESS = [*TO_LEVEL, "5", "skip"]
TO_PART = [*TO_OPENNESS, "yes"]
# A sign only the model sees (no rule): the tester's threat typed at the arousal question.
PUNCH = "10 i swear im going to punch him when he gets home"
# The tester's ordinary answer the model reads as a crisis, with no rule and nothing about others.
# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]
STEP_AWAY = "step away"


def _go(tmp_path: Path, answers: list[str], *, no_to_check: bool = False
        ) -> tuple[Session, Script]:
    script = Script(answers, no_to=PROMPTS[State.CONFIRM_RISK] if no_to_check else None)
    session = run(start("r12heat"), script, SessionStore(tmp_path), now=lambda: NOW)
    return session, script


# Problem 3: the risk check and hurting someone else.

def test_the_risk_question_asks_about_hurting_someone_else() -> None:
    low = RISK_QUESTION.lower()
    assert "hurting yourself" in low and "someone else" in low
    assert "hurting or threatening you" in low  # danger from someone is still asked about


def test_a_threat_in_plain_words_stops_with_words_on_stepping_away(
        tmp_path: Path) -> None:
    # A crisis rule finds the threat (harm_to_others), so the coach stops at once, without the
    # yes/no check, and speaks of stepping away.
    session, script = _go(tmp_path, [*TO_LEVEL, PUNCH, "yes"])
    assert script.asked.count(PROMPTS[State.CONFIRM_RISK]) == 0
    assert session.state is State.STOPPED_CRISIS
    said = script.text.lower()
    assert STEP_AWAY in said and "distance" in said
    assert "emergency" in said and "If you need someone now:" in script.text
    assert PROMPTS[State.REGULATE_BREAK] not in script.said  # never coached on
    assert driver.harms_others(session)
    # The saved session remembers why it stopped (a page or --resume shows the same words).
    again = SessionStore(tmp_path).load(session.id)
    assert driver.harms_others(again)
    assert STEP_AWAY in " ".join(driver.stop_words(again.state, others=driver.harms_others(again))).lower()


def test_not_sure_about_a_threat_stops_the_same_way(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*TO_LEVEL, PUNCH, "not sure"])
    assert session.state is State.STOPPED_CRISIS
    assert STEP_AWAY in script.text.lower()


def test_a_yes_that_says_it_is_about_hurting_him_stops_with_those_words(tmp_path: Path) -> None:
    session, script = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS,
                                     "yes, I think I might hit him"])
    assert session.state is State.STOPPED_CRISIS
    assert STEP_AWAY in script.text.lower()


def test_a_yes_with_nothing_about_others_keeps_the_usual_crisis_stop(tmp_path: Path) -> None:
    session, script = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS, "yes"])
    assert session.state is State.STOPPED_CRISIS
    assert CRISIS_STOP in script.said
    assert STEP_AWAY not in script.text.lower()
    assert not driver.harms_others(session)


def test_a_no_to_the_wider_question_goes_on(tmp_path: Path) -> None:
    # Only the model reads this one as a risk: the wider check is asked once, and a clear "no"
    # goes on with the coaching (no stop, no crisis words).
    session, script = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS, "no"])
    assert script.asked.count(PROMPTS[State.CONFIRM_RISK]) == 1
    assert "someone else" in PROMPTS[State.CONFIRM_RISK]
    assert session.state is State.RECOGNISE_NOTICED
    assert not driver.harms_others(session)


# Problem 10: empty answers to the check, and changing one's mind.

def test_empty_answers_to_the_check_are_asked_again_not_a_stop(tmp_path: Path) -> None:
    session, script = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS, "", "", "", "no"])
    assert script.asked.count(PROMPTS[State.CONFIRM_RISK]) == 4
    assert CRISIS_STOP not in script.said
    assert session.state is State.RECOGNISE_NOTICED  # the no took the held answer
    assert session.answers["recognise_what"] == SOCKS
    # After more than one empty answer, where help is has been shown (without stopping).
    assert "If you need someone now:" in script.text


def test_an_empty_answer_then_a_hedge_still_stops(tmp_path: Path) -> None:
    session, _ = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS, "", "maybe"])
    assert session.state is State.STOPPED_CRISIS


def test_an_empty_answer_does_not_use_up_the_one_unclear_answer(tmp_path: Path) -> None:
    session, script = _go(tmp_path, ["", "yes", "Dan", "partner", SOCKS, "", "what?", "no"])
    assert session.state is State.RECOGNISE_NOTICED
    assert CRISIS_STOP not in script.said


def test_changing_ones_mind_is_offered_the_way_out(tmp_path: Path) -> None:
    change = "actually no forget it, he's not gonna listen, i don't even want to fix this"
    session, script = _go(tmp_path, [*TO_PART, change], no_to_check=True)
    assert session.state is State.RESPONSIBILITY_PART  # asked again, nothing taken
    assert "responsibility_part" not in session.answers
    said = script.text
    assert 'start a new session and answer "no"' in said  # the internal path (round 19)
    assert "stop here" in said.lower()
    assert CRISIS_STOP not in script.said
    # Going on after all works as usual.
    go_on, _ = _go(tmp_path / "b", [*TO_PART, change, "I shouted at him"], no_to_check=True)
    assert go_on.answers["responsibility_part"] == "I shouted at him"


def test_before_the_openness_question_the_offer_points_to_it(tmp_path: Path) -> None:
    answers = ["", "yes", "Dan", "partner", "never mind, i don't want to fix this"]
    session, script = _go(tmp_path, answers, no_to_check=True)
    assert session.state is State.RECOGNISE_WHAT
    assert 'answer "no" when Mend asks' in script.text


def test_a_description_that_quotes_forget_it_is_an_answer(tmp_path: Path) -> None:
    what = "he said forget it and walked out"
    session, _ = _go(tmp_path, ["", "yes", "Dan", "partner", what], no_to_check=True)
    assert session.answers.get("recognise_what") == what


@pytest.mark.parametrize("part", ["I said forget it and hung up on him",
                                  "I don't want to make up excuses: I shouted",
                                  "I want to stop yelling when I'm tired"])
def test_an_answer_that_only_sounds_like_giving_up_is_taken(tmp_path: Path, part: str) -> None:
    session, script = _go(tmp_path, [*TO_PART, part], no_to_check=True)
    assert session.answers.get("responsibility_part") == part
    assert 'answer "no" when' not in script.text


# Problem 8: refusing the break.

@pytest.mark.parametrize("reply", ["no", "i dont want a break", "NO. I WANT TO SORT IT NOW",
                                   "no thanks", "not now", "skip"])
def test_refusing_the_break_goes_on_without_one(tmp_path: Path, reply: str) -> None:
    session, _ = _go(tmp_path, [*TO_LEVEL, "9", reply])
    assert session.state is State.REGULATE_BREATHING
    assert "regulate_break" not in session.answers


@pytest.mark.parametrize(("reply", "minutes"), [
    ("1 hour", 60), ("an hour", 60), ("2 hrs", 120), ("half an hour", 30), ("90 mins", 90),
    ("1.5 hours", 90), ("an hour and a half", 90), ("1h30", 90), ("45", 45),
    ("no, 30 minutes", 30)])
def test_a_break_in_hours_or_minutes(tmp_path: Path, reply: str, minutes: int) -> None:
    session, _ = _go(tmp_path, [*TO_LEVEL, "9", reply, "no"])
    assert session.state is State.ON_BREAK
    back = datetime.fromisoformat(str(session.answers["regulate_break"]))
    assert back == (NOW + timedelta(minutes=minutes)).astimezone()


@pytest.mark.parametrize("reply", ["10 minutes", "30 hours", "soon"])
def test_a_break_out_of_range_is_asked_again_naming_skip(tmp_path: Path, reply: str) -> None:
    session, script = _go(tmp_path, [*TO_LEVEL, "9", reply])
    assert session.state is State.REGULATE_BREAK
    assert "skip" in script.said[-1]


def test_the_break_question_says_skip_works() -> None:
    assert "skip" in PROMPTS[State.REGULATE_BREAK]


# Problem 9: reading the arousal number.

@pytest.mark.parametrize(("reply", "state", "level"), [
    ("its been 2 hours and im still at a 9", State.REGULATE_BREAK, 9),
    ("10 minutes ago he yelled, im at 8", State.REGULATE_BREAK, 8),
    ("not numb just angry, 8", State.REGULATE_BREAK, 8),
    ("9 out of 10", State.REGULATE_BREAK, 9),
    ("8/10", State.REGULATE_BREAK, 8),
    ("12/10", State.REGULATE_BREAK, 10),
    ("i'm fine. 3", State.REGULATE_BREATHING, 3),
    ("was a 9 an hour ago, now 4", State.REGULATE_BREATHING, 4),
    ("about 6 or 7", State.REGULATE_BREAK, 7),
    ("8 i punched the wall", State.REGULATE_BREAK, 8),
    ("8, was a 9 an hour ago", State.REGULATE_BREAK, 8),
    ("5 it's been 2 hours", State.REGULATE_BREATHING, 5),
])
def test_the_level_is_the_rating_given(tmp_path: Path, reply: str, state: State,
                                       level: int) -> None:
    # A risk check on the answer ("i punched the wall") is not what this is about: answered no.
    session, _ = _go(tmp_path, [*TO_LEVEL, reply], no_to_check=True)
    assert session.state is state
    assert session.answers["regulate_check"] == level


@pytest.mark.parametrize("reply", ["i feel numb", "kind of far away, 4", "numb"])
def test_numb_still_means_grounding(tmp_path: Path, reply: str) -> None:
    session, _ = _go(tmp_path, [*TO_LEVEL, reply])
    assert session.state is State.REGULATE_GROUNDING


@pytest.mark.parametrize("reply", ["it's been 2 hours", "11", "fuming", "an hour ago"])
def test_no_rating_is_asked_again(tmp_path: Path, reply: str) -> None:
    session, _ = _go(tmp_path, [*TO_LEVEL, reply])
    assert session.state is State.REGULATE_CHECK


# Problem 11: refusing the breathing exercise.

@pytest.mark.parametrize("reply", [
    "no", "NO", "nah", "no thanks", "I don't want to", "i dont want to breathe", "not now",
    "fuck off with the breathing", "whatever", "pass", "later", "nope", "n", "skip it",
    "I'd rather not", "i'm good"])
def test_a_natural_refusal_of_breathing_skips_it(tmp_path: Path, reply: str) -> None:
    session, script = _go(tmp_path, [*TO_LEVEL, "5", reply])
    assert session.state is State.OPENNESS
    assert PROMPTS[State.CONFIRM_RISK] not in script.asked
    assert not any("1. Breathe in" in s for s in script.said)


def test_wanting_to_stop_breathing_for_good_is_still_checked(tmp_path: Path) -> None:
    # Only a plain refusal of the exercise is read in the question's context: more than that
    # goes through the gate as ever.
    session, _ = _go(tmp_path, [*TO_LEVEL, "5", "i dont want to breathe ever again"])
    assert session.state in (State.CONFIRM_RISK, State.STOPPED_CRISIS)


def test_paced_still_runs_the_exercise(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*TO_LEVEL, "5", "paced"])
    assert session.state is State.OPENNESS
    assert any("1. Breathe in" in s for s in script.said)


# Problem 12: "skip" at a step that cannot be skipped.

def test_skip_at_steps_that_cannot_be_skipped_never_becomes_the_draft(tmp_path: Path) -> None:
    answers = ["", "yes", "Dan", "partner", "can we skip this", "we argued about money",
               "skip", "", "5", "skip", "yes", "skip", "I raised my voice", "skip it",
               "skip", ""]
    session, script = _go(tmp_path, answers, no_to_check=True)
    assert session.answers["recognise_what"] == "we argued about money"
    assert session.answers["responsibility_part"] == "I raised my voice"
    assert "responsibility_regret" not in session.answers  # "skip it" skipped it
    draft = str(session.answers.get("responsibility_draft") or offered_draft(session))
    assert draft and "skip" not in draft.lower()
    # Each time, the coach said why it asks again.
    assert script.text.count("can't be skipped") >= 2


@pytest.mark.parametrize("state", [State.RESPONSIBILITY_DRAFT, State.REBUILD_MESSAGE])
def test_skip_is_never_taken_as_the_message(tmp_path: Path, state: State) -> None:
    answers = [*TO_PART, "I raised my voice", "skip", "skip"]
    if state is State.REBUILD_MESSAGE:
        answers += ["", "keep", "skip", "skip", "skip"]
    answers.append("skip")
    session, _ = _go(tmp_path, answers, no_to_check=True)
    assert session.state is state
    assert state.value not in session.answers
