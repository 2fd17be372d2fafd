"""Round 16 (testers t5, neurodivergent talk, and t2, dialects): the coach's safety questions
and regulation steps.

- Ordinary answers the model misreads ("I regret not setting an alarm", "I don't like being told
  to breathe", "until I feel ok") no longer bring up the self-harm question; a real sign the
  rules miss still does. A request typed at that question with "can't tell" in it is asked
  again, never read as "not sure" and a crisis stop.
- "naw", "nah", "nope", "aye", "yeah", "yep" at "are you safe?" are understood, and "not safe"
  shows where help is at once.
- The 0-10 step takes "I don't know" and what the body feels, with no number.
- A breathing exercise turned down gets a way to settle without breathing; "skip" still skips.
- The break's example says the real time, and a length and a clock time that differ are asked
  about, not one of them dropped.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import test_round10_coach_joined as joined
from mendkit.cli.main import main
from mendkit.coach.break_time import break_end
from mendkit.coach.content import (
    ANOTHER_WAY,
    GROUNDING_OVERLOAD,
    LEVEL_EXPLAINED,
    PROMPTS,
    RISK_AGAIN,
    RISK_QUESTION,
)
from mendkit.coach.machine import State
from mendkit.coach.replies import risk_reply, yes_or_no
from mendkit.coach.safety_gate import worth_asking
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.config import Settings
from mendkit.web import create_app

TO_WHAT = ["", "yes", "Priya", "friend"]
STORY = ("I missed Priya's thesis defence. I got hyperfocused on fixing my bike and arrived at "
         "3:15 when it was over.")
NOTICED = "My stomach dropped when I saw the time."
TO_LEVEL = [*TO_WHAT, STORY, NOTICED, ""]
TO_PART = [*TO_LEVEL, "4", "skip", "yes"]
REGRET = "I regret not setting an alarm. I always think I'll remember and I never do."
REQUEST = ("Could you tell me if you're upset, instead of 'don't worry about it'? I can't tell "
           "what it means.")
# A sign no rule reads and the model does, even after the question it answers.
PILLS = "I've started counting how many pills are in the cupboard"
RESOURCES = "If you need someone now:"


@pytest.fixture
def coach(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Runs ``mend coach --answers`` with the answers given: the session and what was said."""
    def go(answers: list[str]) -> tuple[Session, str]:
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        assert main(["coach", "--answers", str(path)]) == 0
        store = SessionStore(tmp_path / "mend-home")
        return store.load(store.ids()[-1]), capsys.readouterr().out
    return go


# ---- 1. the self-harm question only on real signs ----

@pytest.mark.parametrize(("answers", "then"), [
    # the tester's answers, each at the question it answered (t5 report, problem 1)
    ([*TO_PART, "I missed her defence.", REGRET], State.RESPONSIBILITY_KNOW),
    ([*TO_LEVEL, "3", "I don't like being told to breathe."], State.OPENNESS),
    ([*TO_LEVEL, "8", "until I feel ok"], State.REGULATE_BREAK),
    ([*TO_WHAT, "I sent her like 6 messages saying sorry and asking if she hates me now."],
     State.RECOGNISE_NOTICED),
    ([*TO_PART, "I stopped talking at dinner without telling him why. In the car I said 'That "
                "is incorrect' when he said I was cold."], State.RESPONSIBILITY_REGRET),
    # round eleven's complaint, with nothing in it that could tell of a risk
    ([*TO_WHAT, "My husband leaves his socks everywhere and it drives me mad"],
     State.RECOGNISE_NOTICED),
], ids=["regret", "breathe", "until-ok", "six-messages", "went-quiet", "socks"])
def test_ordinary_answers_do_not_bring_up_the_risk_question(
        coach, answers: list[str], then: State) -> None:  # type: ignore[no-untyped-def]
    session, out = coach(answers)
    assert RISK_QUESTION not in out
    assert session.state is then


@pytest.mark.parametrize(("answers", "sign"), [
    (TO_WHAT, PILLS),
    (TO_WHAT, "It's like I'm already gone and my body just hasn't caught up."),
    (TO_WHAT, "Ah cannae dae this nae mair. Ah just want tae go tae sleep an no wake up. Ah've "
              "been thinkin aboot endin it."),
    ([*TO_PART, "I missed her defence."], "Please look after Biscuit from now on, she likes the "
                                          "window seat. Thank you for everything."),
    ([*TO_LEVEL, "3"], "i dont want to breathe ever again"),
], ids=["pills", "already-gone", "scots", "biscuit", "breathe-ever-again"])
def test_a_real_sign_the_rules_miss_is_still_asked_about(
        coach, answers: list[str], sign: str) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*answers, sign])
    # Asked about, or (where a rule now reads it, as the Scots one since round 16's dialect
    # spellings) stopped with resources at once: never coached on.
    assert session.state in (State.CONFIRM_RISK, State.STOPPED_CRISIS)
    if session.state is State.CONFIRM_RISK:
        assert RISK_QUESTION in out


def test_an_answer_about_the_offer_is_read_with_the_offer() -> None:
    offer = PROMPTS[State.REGULATE_BREATHING]
    assert not worth_asking("I don't like being told to breathe.", offer, offer=True)
    assert worth_asking("i dont want to breathe ever again", offer, offer=True)
    assert worth_asking("Please take Milo from now on, he always liked you best.", offer,
                        offer=True)


def test_a_request_typed_at_the_risk_question_is_asked_again_not_a_stop(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_WHAT, PILLS, REQUEST])
    assert session.state is State.CONFIRM_RISK
    assert RISK_AGAIN in out and PROMPTS[State.STOPPED_CRISIS] not in out
    assert out.count(RISK_QUESTION) == 2


def test_after_the_request_a_clear_no_goes_on(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_WHAT, PILLS, REQUEST, "no", NOTICED])
    assert session.state is State.RECOGNISE_MESSAGES
    assert PROMPTS[State.STOPPED_CRISIS] not in out


@pytest.mark.parametrize("reply", ["not sure", "i can't tell", "idk", "no. idk tho",
                                   "honestly I really can't tell anymore what I'm feeling",
                                   "could you help me, im not sure im safe"])
def test_a_doubt_said_as_the_answer_is_still_not_sure(reply: str) -> None:
    assert risk_reply(reply) == "not sure"


@pytest.mark.parametrize("reply", [REQUEST, "Could you maybe text me instead of calling?"])
def test_a_doubt_inside_a_request_is_no_answer(reply: str) -> None:
    assert risk_reply(reply) is None


# ---- 2. yes and no at "are you safe?" in many Englishes ----

@pytest.mark.parametrize("reply", ["naw", "nah", "nope", "not safe", "no o", "naw, he's back"])
def test_a_no_at_are_you_safe_shows_where_help_is_at_once(coach, reply: str) -> None:  # type: ignore[no-untyped-def]
    session, out = coach(["", reply])
    assert session.state is State.STOPPED_UNSAFE
    assert RESOURCES in out
    assert "Please answer yes or no" not in out


@pytest.mark.parametrize("reply", ["aye", "yeah", "yep", "yes o", "ya lah", "yh", "aye, I'm fine"])
def test_a_yes_at_are_you_safe_goes_on(coach, reply: str) -> None:  # type: ignore[no-untyped-def]
    session, out = coach(["", reply])
    assert session.state is State.RECOGNISE_WHO
    assert "Please answer yes or no" not in out


def test_a_reply_mend_cannot_read_is_still_never_a_yes() -> None:
    assert yes_or_no("tengo miedo y él está en casa", safety=True) is None
    assert yes_or_no("aye but I'm scared", safety=True) is None


# ---- 3. the 0-10 step without a number ----

NUMBER_NEEDED = "Please answer with a number"


@pytest.mark.parametrize("reply", ["I don't know", "I don't know. I can't turn it into a number.",
                                   "my chest is tight", "buzzing"])
def test_no_number_is_needed_at_the_level_question(coach, reply: str) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, reply])
    assert session.state is State.REGULATE_BREATHING  # on to the offer of a short exercise
    assert NUMBER_NEEDED not in out
    assert session.answers[State.REGULATE_CHECK.value] == reply


def test_too_bright_with_no_number_is_grounding_with_less_input(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "my jaw is tight and the lights are too bright"])
    assert session.state is State.REGULATE_GROUNDING
    assert GROUNDING_OVERLOAD in out


def test_a_racing_heart_with_no_number_is_offered_a_break(coach) -> None:  # type: ignore[no-untyped-def]
    session, _ = coach([*TO_LEVEL, "my heart is pounding and I'm shaking"])
    assert session.state is State.REGULATE_BREAK


def test_a_question_back_gets_the_scale_in_plain_words(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "what do you mean by stirred up?"])
    assert session.state is State.REGULATE_CHECK
    assert LEVEL_EXPLAINED in out and "0 is calm" in LEVEL_EXPLAINED


def test_less_far_away_after_grounding_goes_on(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "numb, far away", "",
                          "I still can't give a number. I am less far away now."])
    assert session.state is State.REGULATE_BREATHING
    assert out.count("5 things you can see") == 1  # grounding once, not again


# ---- 4. breathing turned down: another way to settle ----

@pytest.mark.parametrize("reply", [
    "no", "I don't like being told to breathe.",
    "no. breathing exercises make me more anxious, I hate being told to breathe. can I do "
    "something with my hands instead?"])
def test_a_refused_breathing_exercise_gets_another_way_to_settle(coach, reply: str) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "7", "skip", reply])
    assert session.state is State.OPENNESS
    assert ANOTHER_WAY in out
    assert all(way in ANOTHER_WAY for way in ("walk", "cold water", "5 things you can see"))
    assert "breathe" not in ANOTHER_WAY.split(":", 1)[1]  # the other way uses no breathing
    assert "Please answer paced, sigh or skip" not in out


def test_skip_at_the_breathing_offer_just_goes_on(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "3", "skip"])
    assert session.state is State.OPENNESS
    assert ANOTHER_WAY not in out


def test_the_page_shows_another_way_after_breathing_is_turned_down(tmp_path: Path) -> None:
    home = tmp_path / "home"
    walk = joined.Walk(TestClient(create_app(Settings(home=home))), home)
    for step in ({"answer": "yes"}, {"answer": "Priya"}, {"answer": "friend"},
                 {"answer": STORY}, {"skip": "1"}, {"skip": "1"}, {"level": "3"}):
        walk.answer(step)
    assert walk.session.state is State.REGULATE_BREATHING
    html = walk.answer({"answer": "I don't like being told to breathe."})
    assert walk.session.state is State.OPENNESS
    assert "cold water" in joined.plain(html)


def test_an_everyday_answer_typed_at_the_risk_question_is_no_sign_of_its_own(coach) -> None:  # type: ignore[no-untyped-def]
    # The model alone reads the tester's regret as a crisis; typed at the risk question it
    # answers something else, so it is asked again, never a crisis stop.
    session, out = coach([*TO_WHAT, PILLS, REGRET])
    assert session.state is State.CONFIRM_RISK
    assert RISK_AGAIN in out and PROMPTS[State.STOPPED_CRISIS] not in out


# ---- 5. the break's words (t5, problem 13) ----

def test_the_break_example_says_the_real_time(coach) -> None:  # type: ignore[no-untyped-def]
    session, out = coach([*TO_LEVEL, "8", "30 minutes", "no"])
    assert session.state is State.ON_BREAK
    due = session.resumes_at()
    assert due is not None
    # A break that ends after midnight names its day too ("at 00:22 on 08 Dec."), so the
    # sentence is matched up to the time and then either its full stop or the day.
    said = re.search(r"I will come back to this at (\d\d:\d\d)(\.| on (\d\d \w{3})\.)", out)
    assert said is not None and said.group(1) == f"{due:%H:%M}"
    assert said.group(3) in (None, f"{due:%d %b}")
    assert "come back to this at 8pm" not in out


@pytest.mark.parametrize(("hour", "back"), [(20, "21:00"), (14, None)])
def test_a_length_and_a_time_that_differ_are_asked_about(hour: int, back: str | None) -> None:
    now = datetime(2026, 12, 7, hour, 0).astimezone()
    found = break_end("I need an hour alone. I'll come back at 9.", now)
    assert found is not None
    if back is None:  # an hour from 14:00 is not 9 o'clock: which one is meant
        assert found.back is None and "an hour" in found.refused and '"9"' in found.refused
    else:  # the same time: taken
        assert found.back is not None and f"{found.back:%H:%M}" == back
