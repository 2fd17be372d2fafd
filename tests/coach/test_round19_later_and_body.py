"""Round 19 (testers t2 and t3): a break's time after midnight, the follow-up's day from a day's
name (never a clock time's number), "not now" keeping the message for later, "Can we ...?" asks
counted as the request, the coach's added sentence passing its own check, settling for a body
that cannot breathe easily, stand or see, and "skip" at the openness question."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.coach import State
from mendkit.coach.body_care import BREATHING_CARE, body_limits
from mendkit.coach.break_time import break_end
from mendkit.coach.content import PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.later_talk import FOLLOW_UP_LATER, OTHER_ZONE, follow_up_days, later
from mendkit.coach.store import SessionStore
from mendkit.coach.their_quiet import QUIET_SENTENCE
from mendkit.critic import critique

# A Tuesday, ten past midnight (as tester t2's run).
LATE = datetime(2026, 12, 8, 0, 10)
EVENING = datetime(2026, 12, 8, 21, 0)


def _go(tmp_path: Path, answers: list[str], now: datetime = EVENING) -> tuple[object, Script]:
    script = Script(answers)
    session = run(start("r19later"), script, SessionStore(tmp_path), now=lambda: now,
                  mode="rules")
    return session, script


# ---- t2 #10: "tomorrow morning" after midnight ----

@pytest.mark.parametrize("said", ["tomorrow morning", "tomorrow at 8", "until 9am tomorrow"])
def test_tomorrow_said_after_midnight_is_the_coming_morning(said: str) -> None:
    now = LATE.astimezone()
    until = break_end(said, now)
    assert until is not None and until.back is not None, until
    assert until.back.date() == now.date() and (until.back - now).total_seconds() < 12 * 3600
    assert "today" in until.read_as  # said back, so a misreading can be seen


def test_in_the_morning_said_late_in_the_evening_is_tomorrows() -> None:
    now = datetime(2026, 12, 8, 23, 0).astimezone()
    until = break_end("in the morning", now)
    assert until is not None and until.back is not None
    assert until.back.day == 9 and until.back.hour == 9


def test_tomorrow_morning_in_the_evening_is_still_tomorrow() -> None:
    now = EVENING.astimezone()
    until = break_end("tomorrow morning", now)
    assert until is not None and until.back is not None and until.back.day == 9


# ---- t2 #12: the follow-up's day ----

@pytest.mark.parametrize(("said", "days"), [
    ("Saturday", 4), ("next Saturday", 4), ("on sat", 4), ("Tuesday", 7), ("in 5 days", 5),
    ("3", 3), ("tomorrow", 1), ("a week", 7), ("2 weeks", 14)])
def test_the_follow_up_reads_days_and_day_names(said: str, days: int) -> None:
    assert follow_up_days(said, LATE)[0] == days


@pytest.mark.parametrize("said", ["7am", "at 19:30", "when she can next call"])
def test_a_clock_time_is_no_number_of_days(said: str) -> None:
    assert follow_up_days(said, LATE)[0] is None


def test_a_time_in_their_time_zone_is_asked_about_not_guessed() -> None:
    assert follow_up_days("when she can next call, Saturday 7am her time", LATE) == (
        None, OTHER_ZONE)
    assert follow_up_days("Saturday 7am AEDT", LATE) == (None, OTHER_ZONE)


# ---- t2 #11: "not now" keeps the message for later ----

DAN = ["", "yes", "Dan (he/him)", "partner", "I spent our call complaining about the car and "
       "he had to go.", "", "", "4", "skip"]


@pytest.mark.parametrize("reply", ["not now", "not yet", "when he's back", "next call"])
def test_not_now_reads_as_later(reply: str) -> None:
    assert later(reply)


@pytest.mark.parametrize("reply", ["no", "not sure", "yes", "not now, not ever"])
def test_other_openness_answers_are_not_later(reply: str) -> None:
    assert not later(reply)


def test_not_now_drafts_a_message_and_asks_when_they_next_talk(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [
        *DAN, "not now", "I complained the whole call", "", "Can we check in first next call?",
        "", "keep", "sad", "", "", "", "I will ask how he is first", "Saturday"])
    assert PROMPTS[State.RESPONSIBILITY_PART] in script.asked
    assert PROMPTS[State.INTERNAL_FEELINGS] not in script.asked
    assert FOLLOW_UP_LATER in script.asked
    assert session.state is State.AWAITING_FOLLOW_UP  # type: ignore[attr-defined]
    due = datetime.fromisoformat(str(session.answers[State.REBUILD_FOLLOW_UP.value]))  # type: ignore[attr-defined]
    assert due.strftime("%A") == "Saturday" and due.day == 12


def test_no_still_takes_the_own_side_path(tmp_path: Path) -> None:
    _, script = _go(tmp_path, [*DAN, "no", "hurt"])
    assert PROMPTS[State.INTERNAL_FEELINGS] in script.asked


# ---- t3 #10: skip at the openness question ----

def test_skip_at_the_openness_question_offers_the_short_choice(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*DAN, "skip", "skip", "hurt"])
    assert script.asked.count(PROMPTS[State.OPENNESS]) == 1
    assert "Please answer yes, not now or no." not in script.text
    assert session.answers.get(State.INTERNAL_FEELINGS.value) == "hurt"  # type: ignore[attr-defined]


# ---- t2 #8 and #13: the critic's request, and the coach's own sentence ----

@pytest.mark.parametrize("message", [
    "I'm sorry I missed the call. Can we put both clocks in the shared calendar?",
    "I'm sorry I snapped. Would you be up for a walk after dinner to talk it through?",
    "I'm sorry I used the whole call. Next call, can we take two minutes first just to check in?",
])
def test_can_we_asks_count_as_the_request(message: str) -> None:
    assert critique(message, mode="rules").components["request"]


@pytest.mark.parametrize("message", [
    "I'm sorry. Can we just drop it?", "I'm sorry. Can we not do this now?"])
def test_can_we_drop_it_is_no_request(message: str) -> None:
    assert not critique(message, mode="rules").components["request"]


def test_the_sentence_added_for_their_quiet_is_validation_to_the_critic() -> None:
    assert critique(QUIET_SENTENCE, mode="rules").components["validation"]


# ---- t3 #5: settling for a body that cannot breathe easily, stand or see ----

BREATHLESS = ["", "yes", "my friend Jess (she/her)", "friend", "I cancelled our dinner because I "
              "crashed.", "I felt guilty.", "",
              "8, my chest is tight and breathing is hard, I have asthma and I can't stand up "
              "right now"]


def test_breathing_trouble_gets_plain_care_and_no_breathing_exercise(tmp_path: Path) -> None:
    _, script = _go(tmp_path, [*BREATHLESS, "skip", "no"])
    assert BREATHING_CARE in script.said
    assert PROMPTS[State.REGULATE_BREATHING] not in script.asked
    said = script.text
    assert "walk for a few minutes" not in said and "press your feet into the floor" not in said
    assert "chair or bed" in said


def test_grounding_without_sight_goes_through_the_other_senses(tmp_path: Path) -> None:
    _, script = _go(tmp_path, ["", "yes", "Sam", "friend", "We argued.", "", "",
                               "numb, far away. I'm blind, so I use a screen reader"])
    grounding = script.asked[-1]
    assert "can see" not in grounding and "touch" in grounding


@pytest.mark.parametrize("said", ["9, my chest is tight", "I can't stop crying",
                                  "I can't see why she said it"])
def test_no_limit_read_into_ordinary_words(said: str) -> None:
    assert not body_limits(said)
