"""Round 14 (re-run tester, problem 1): after a clear "no" at the risk check, a new answer with a
sign only the model saw is asked about again, in a shorter, kind wording (only the very same
words are not asked twice); "everyone would be better off if I killed myself" is a rule's sign
and stops; and words of the person's own crisis are never pasted into a draft, whatever the
risk check's answer was."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coach_kit import coached
from mendkit.coach.composer import DraftParts, compose, left_out_notes, withheld_note
from mendkit.coach.content import PROMPTS, RISK_QUESTION, RISK_QUESTION_AGAIN
from mendkit.coach.machine import State
from mendkit.coach.safety_gate import screen
from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import Walk, plain

# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
AFFAIR = ("Three weeks ago I found out Sam had an affair for eight months. Tonight she said she "
          "needs me to forgive her so we can move on, and I called her a liar and a coward and "
          "went to the spare room.")
KILLED_MYSELF = "Honestly some nights I think everyone would be better off if I killed myself."
TO_WHAT = ["", "yes", "Sam", "partner"]




@pytest.mark.parametrize("said", [KILLED_MYSELF, "it would be easier for everyone if I just "
                                  "took my own life"])
def test_the_rules_alone_find_better_off_if_i_killed_myself(said: str) -> None:
    stop, model_only = screen(said, mode="rules")
    assert stop is not None and not model_only


# Since round eighteen a later sign only the model saw, of the kind they said no to, is not asked
# about again unless it names death or a means none of those answers did (``risk_check.declined``).
PILLS = "I've started counting how many pills are in the cupboard"


def test_after_a_no_a_new_model_only_sign_is_asked_about_again_kindly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "no", PILLS], capsys)
    assert session.state is State.CONFIRM_RISK
    assert out.count(RISK_QUESTION) == 1 and out.count(RISK_QUESTION_AGAIN) == 1
    assert "You told me no before" in RISK_QUESTION_AGAIN


def test_after_a_no_the_same_words_again_are_not_asked_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "no", SOCKS.lower() + " ", ""], capsys)
    assert out.count(RISK_QUESTION) == 1 and RISK_QUESTION_AGAIN not in out
    assert session.state is State.REGULATE_CHECK


def test_a_suicidal_sentence_after_a_no_stops_thecoached(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = ("I kept texting her for a year behind my husband's back and he found the "
             "messages on Sunday.")
    answers = ["", "yes", "Hal", "partner", story, "no", "", "", "3", "skip", "yes",
               "I lied to him for a year.", "", "", "", "keep", "numb", KILLED_MYSELF, "", ""]
    session, out = coached(tmp_path, answers, capsys)
    assert session.state is State.STOPPED_CRISIS
    assert PROMPTS[State.STOPPED_CRISIS] in out
    assert "killed myself" not in out.split(KILLED_MYSELF, 1)[1]


@pytest.mark.parametrize("feeling", ["nothing matters anymore",
                                     "like I want to disappear forever",
                                     "some nights I think about ending it all"])
def test_own_crisis_words_are_never_pasted_into_a_draft(feeling: str) -> None:
    answers = {"recognise_who": "Hal", "recognise_what": "we argued about money",
               "responsibility_part": "I shouted", "vulnerability_beneath": feeling}
    for withheld in ((), ("vulnerability_beneath",)):  # kept through a "no" at the check too
        parts = DraftParts.from_answers(answers, withheld=withheld)
        draft = compose(parts)
        assert feeling.rsplit(maxsplit=1)[-1] not in draft and "I shouted" in draft
        notes = " ".join((*left_out_notes(parts), withheld_note(parts)))
        assert "I left out" in notes and "what you feel" in notes


def test_a_feeling_that_only_sounds_alike_is_kept() -> None:
    parts = DraftParts.from_answers({"recognise_what": "we argued", "vulnerability_beneath":
                                     "scared, because nothing matters more to me than us"})
    assert "nothing matters more to me than us" in compose(parts)


def test_the_web_page_asks_again_in_the_kind_wording(tmp_path: Path) -> None:
    walk = Walk(TestClient(create_app(Settings(home=tmp_path / "home"))), tmp_path / "home")
    first = walk.walk([{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
                       {"answer": SOCKS}])
    assert walk.session.state is State.CONFIRM_RISK and RISK_QUESTION in plain(first)
    page = plain(walk.walk([{"answer": "no"}, {"answer": PILLS}]))
    assert walk.session.state is State.CONFIRM_RISK
    assert RISK_QUESTION_AGAIN in page and RISK_QUESTION not in page
