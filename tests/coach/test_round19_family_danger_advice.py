"""Round 19 (tester t1, problem 6; fixer f14): a crisis stop's advice fits every kind of danger.

A 17-year-old told the coach her father had threatened that "my uncles will deal with me", taken
her phone and said she was going "back home to Pakistan". The stop told her to confide in "a
relative", to screenshot and block the sender, and to keep her phone with her. In honour-based
abuse or a forced marriage the family may be the danger, the threat may be said face to face,
and the phone may be gone. Every stop a young person may see now names trusted people outside
the family, and its tips say what to do if any of it came in messages, and how to call for help
without a phone of one's own. The words are read as the terminal shows them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from test_round12_draft_screen import Script

from mendkit.analysis.safety import crisis_message, young_message
from mendkit.coach import State
from mendkit.coach.content import SAFETY_PLAN
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 8, 18, 0)
# The tester's story (material/coach2_honour.json), as she wrote it.
HONOUR = ("Dad found out I have a boyfriend who isn't Muslim. He said I've shamed the family and "
          "that my uncles will deal with me if I don't end it. He's taken my phone and says I'm "
          "going back home to Pakistan in the summer.")
KYS = ("chidi and the others in my class made a group without me and they keep sending me "
       "messages telling me to kys and that nobody would miss me")
JESS = ("jess sent me a message last night saying she doesnt want to be alive anymore and that "
        "she has a plan. she made me promise not to tell anyone")
OUTSIDE = "a teacher, a school counsellor, a doctor or a friend's parent"


def _said(tmp_path: Path, who: str, context: str, what: str) -> tuple[State, str]:
    script = Script(["", "yes", who, context, what])
    session = run(start("r19f"), script, SessionStore(tmp_path), now=lambda: NOW, mode="rules",
                  region="default")
    return session.state, "\n".join(script.said)


def test_an_honour_threat_is_not_met_with_tell_a_relative_or_keep_your_phone(
        tmp_path: Path) -> None:
    state, said = _said(tmp_path, "my dad", "family", HONOUR)
    assert state is State.STOPPED_UNSAFE
    assert "relative" not in said.lower(), said
    assert OUTSIDE in said
    # The tips fit a threat said in person and a phone taken away.
    assert "keep your phone charged and with you" not in said
    assert "Keep screenshots of the messages that threaten or scare you" not in said
    assert "If any of it came in messages, keep screenshots somewhere safe" in said
    assert "Know how you could call for help: a phone you can keep, or a place nearby" in said


@pytest.mark.parametrize(("who", "context", "what", "state"), [
    ("chidi", "friend", KYS, State.STOPPED_CRISIS),
    ("jess (she/her)", "friend", JESS, State.STOPPED_CRISIS),
])
def test_no_stop_a_young_person_sees_names_a_relative(
        tmp_path: Path, who: str, context: str, what: str, state: State) -> None:
    got, said = _said(tmp_path, who, context, what)
    assert got is state
    assert "relative" not in said.lower(), said
    assert OUTSIDE in said


def test_being_told_to_kill_yourself_keeps_screenshots_only_if_it_came_in_messages(
        tmp_path: Path) -> None:
    _, said = _said(tmp_path, "chidi", "friend", KYS)
    assert "keep screenshots of what was sent" not in said
    assert "If any of it came in messages, keep screenshots somewhere safe" in said


@pytest.mark.parametrize("kinds", [("abuse_danger",), ("suicide",), ()])
def test_the_sentence_for_young_people_names_no_relative(kinds: tuple[str, ...]) -> None:
    assert "relative" not in crisis_message(kinds)
    assert "an adult you trust" in young_message()
    assert "relative" not in young_message()


def test_the_adult_plan_does_not_assume_a_phone_of_their_own() -> None:
    assert not any("keep your phone charged" in line for line in SAFETY_PLAN)
    assert any(line.startswith("Know how you could call for help") for line in SAFETY_PLAN)
