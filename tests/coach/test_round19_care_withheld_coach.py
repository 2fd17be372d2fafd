"""Round 19 (tester t3): the coach drafted an apology to a carer who withholds the person's
wheelchair and pain medication, after they said no to the risk check. Care withheld as control
stops the repair coaching at once, whatever the check would be answered, with the abuse
resources; the check question asks about what someone keeps from them too."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.coach import State
from mendkit.coach.care_withheld import withholds_care
from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.driver import run, start
from mendkit.coach.machine import EventType
from mendkit.coach.safety_gate import screened
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 21, 0)
WHAT = ("Tom wouldn't bring my wheelchair in from the car until I apologised to his mum, and he "
        "keeps my pain meds until I'm grateful enough. I want to say sorry properly so he's not "
        "angry.")


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_carer_answer_stops_repair_coaching_without_asking(mode: str) -> None:
    found = screened(WHAT, mode=mode, context="partner")  # type: ignore[arg-type]
    assert found.stop is EventType.ABUSE
    assert not found.checked  # no yes/no question that a "no" could wave through


def test_the_coach_stops_and_writes_no_apology(tmp_path: Path) -> None:
    answers = ["", "yes", "my carer Tom", "partner", WHAT, "no", "I felt small. He went cold.",
               "", "4", "skip", "yes", "I was rude to his mum", "I regret what I said",
               "I'd like him to bring my wheelchair when I ask", "", "keep", "", "", "", ""]
    script = Script(answers, no_to=PROMPTS[State.CONFIRM_RISK])
    session = run(start("r19carer"), script, SessionStore(tmp_path), now=lambda: NOW,
                  mode="rules")
    assert session.state is State.STOPPED_UNSAFE
    assert "I understand why you were upset" not in script.text
    assert "medication" in script.text  # the abuse words name what is kept from them


@pytest.mark.parametrize(("text", "kept"), [
    ("She hides my walker when she's cross.", True),
    ("My son took my hearing aids away after we argued.", True),
    ("He kept my crutches from me all weekend.", True),
    ("She locks my tablets away so I don't take too many.", False),
    ("She keeps my pills in a dosette box and hands them to me each morning.", False),
    ("I hid my pills from the dog.", False),
    ("She took my walker to get it fixed.", False),
])
def test_what_is_kept_from_them(text: str, kept: bool) -> None:
    assert withholds_care(text) is kept


def test_the_check_question_asks_about_what_is_kept_from_them() -> None:
    assert "keeping from you what you need" in RISK_QUESTION
