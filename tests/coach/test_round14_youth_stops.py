"""Round 14 (tester t6, P4, P5, P9): the coach with a young person.

A friend's suicidal message, told in the person's own words, stops with words for the one who
is worried (a secret not to keep, tell an adult you trust today), not words for the one at risk.
The abuse stop gives a young person tips that fit (tell an adult you trust, screenshots, the
image service) instead of an adult's plan to leave, and says plainly that an adult in a
relationship with a 15-year-old is not okay. Adults keep today's tips. The draft says "your
secret", and leaves out what the other person said about me, with a note."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from test_round12_draft_screen import Script

from mendkit.coach import State
from mendkit.coach.composer import DraftParts, compose, left_out_notes
from mendkit.coach.content import SAFETY_PLAN
from mendkit.coach.driver import run, show_stop, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.coach.youth import adult_with_minor, own_age, reads_young

NOW = datetime(2026, 11, 27, 18, 0)
JESS = ("jess sent me a message last night saying she doesnt want to be alive anymore and that "
        "she has a plan. she made me promise not to tell anyone. now shes mad at me bc i said i "
        "was worried")
TYLER = ("tyler is 20 and im 15. he checks my phone every night and got mad when i didnt answer "
         "for an hour. he said im lucky hes with me and that i made him act like that")
PICS = ("he said if i dont send more pics hes gonna send the ones he has to everyone in my "
        "year")
DOCUMENTS = "Keep important documents and some money"


def _stop(tmp_path: Path, who: str, context: str, what: str,
          region: str = "GB") -> tuple[Session, str]:
    script = Script(["", "yes", who, context, what])
    session = run(start("r14y"), script, SessionStore(tmp_path), now=lambda: NOW, mode="rules",
                  region=region)
    return session, "\n".join(script.said)


# ---- P4: a friend's suicidal message -------------------------------------------------------

def test_a_friends_suicidal_message_speaks_to_the_one_who_is_worried(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "jess (she/her)", "friend", JESS)
    assert session.state is State.STOPPED_CRISIS
    assert "worried about her" in said
    assert "a secret not to keep" in said
    assert "tell an adult you trust today" in said
    assert "If Jess might be in danger right now, call your local emergency number" in said
    assert "Who can help, for Jess or for you:" in said
    assert "Childline: call 0800 1111" in said
    # Not the words for the one at risk.
    assert "If you might act on thoughts of hurting yourself" not in said


@pytest.mark.parametrize("what", [
    "my friend told me he wants to kill himself and i dont know what to do",
    "my friend said she's gonna kms tonight",
])
def test_other_friends_at_risk_are_told_apart(tmp_path: Path, what: str) -> None:
    session, said = _stop(tmp_path, "Sam", "friend", what)
    assert session.state is State.STOPPED_CRISIS
    assert "a secret not to keep" in said


@pytest.mark.parametrize("what", [
    "i want to die and my friend said i should tell someone",
    "she left and now i want to kill myself",
])
def test_my_own_signs_stay_mine(tmp_path: Path, what: str) -> None:
    session, said = _stop(tmp_path, "Sam", "friend", what)
    assert session.state is State.STOPPED_CRISIS
    assert "a secret not to keep" not in said
    assert "If you might act on thoughts of hurting yourself" in said


# ---- P5: the abuse stop for a young person -------------------------------------------------

def test_an_adult_with_a_fifteen_year_old(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "my bf tyler", "partner", TYLER, region="US")
    assert session.state is State.STOPPED_UNSAFE
    assert "An adult in a relationship with a 15-year-old is not okay" in said
    assert "not your fault" in said
    assert "Tell an adult you trust, today if you can: a teacher, a school counsellor" in said
    assert DOCUMENTS not in said
    assert "loveisrespect" in said


def test_pictures_threatened_at_school_age(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "jayden", "partner", PICS, region="AU")
    assert session.state is State.STOPPED_UNSAFE
    assert "Don't send any more pictures" in said
    assert "screenshots" in said
    assert "eSafety Commissioner" in said and "Kids Helpline" in said
    assert DOCUMENTS not in said
    assert "-year-old is not okay" not in said  # no age gap said or read


def test_an_adult_keeps_the_adult_plan(tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "Mark", "partner",
                          "my husband hit me last night and took my car keys", region="GB")
    assert session.state is State.STOPPED_UNSAFE
    for line in SAFETY_PLAN:
        assert line in said
    assert "Don't send any more pictures" not in said
    assert "Report Remove" not in said


def test_the_saved_session_shows_the_same_stop(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    script = Script(["", "yes", "my bf tyler", "partner", TYLER])
    session = run(start("r14r"), script, store, now=lambda: NOW, mode="rules", region="US")
    again = Script([])
    show_stop(State.STOPPED_UNSAFE, again, "US", session=store.load(session.id))
    said = "\n".join(again.said)
    assert "15-year-old is not okay" in said and "Tell an adult you trust" in said
    assert DOCUMENTS not in said


@pytest.mark.parametrize(("text", "age"), [("im 15", 15), ("I'm only fourteen lol", 14),
                                           ("i am 16 years old", 16), ("im 15 minutes late", None),
                                           ("im 25", None), ("she's 15", None)])
def test_own_age(text: str, age: int | None) -> None:
    assert own_age(text) == age


@pytest.mark.parametrize(("text", "young"), [
    (PICS, True), ("everyone at school thinks im a freak", True), ("i'm in year 10", True),
    ("my son's friends at school were mean to him", False),
    ("my boss yelled at me in the meeting", False), ("my husband hit me", False)])
def test_reads_young(text: str, young: bool) -> None:
    assert reads_young(text) is young


def test_age_gap_needs_dating_and_an_adult() -> None:
    assert adult_with_minor("tyler is 20 and im 15") is None  # no word of dating, no context
    assert adult_with_minor("tyler is 20 and im 15", partner=True) == 15
    assert adult_with_minor("my boyfriend is 17 and im 15") is None
    assert adult_with_minor("im 15 and my dad is 45, my boyfriend is sweet") is None


# ---- P9: the composer ----------------------------------------------------------------------

ELLIE = DraftParts(
    context="friend", other="ellie (she/her)",
    situation=("i told sam that ellie liked him and now the whole year knows. she said i cant "
               "keep anything to myself and left me on read"),
    my_part="i told her secret even tho i promised i wouldnt", feeling="scared",
    need="us to be ok again")


def test_her_secret_is_your_secret() -> None:
    draft = compose(ELLIE)
    assert "I told your secret" in draft
    assert "told you secret" not in draft


def test_what_they_said_about_me_stays_out_of_the_account() -> None:
    draft = compose(ELLIE)
    assert "keep anything to myself" not in draft
    assert "left me on read" not in draft
    assert "the whole year knows" in draft
    assert any("what they said about you" in note for note in left_out_notes(ELLIE))


def test_told_her_lies_is_still_said_to_her() -> None:
    draft = compose(DraftParts(context="friend", other="Ellie (she/her)",
                               situation="the party", my_part="i told her lies about it"))
    assert "I told you lies" in draft


def test_what_i_said_stays_in_the_account() -> None:
    parts = DraftParts(context="friend", other="Ellie (she/her)",
                       situation="we argued at lunch. i said she was selfish",
                       my_part="i called her selfish")
    assert not any("what they said about you" in n for n in left_out_notes(parts))
