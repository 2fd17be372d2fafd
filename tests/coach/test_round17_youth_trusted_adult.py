"""Round 17 (fixer f6, item 1): the coach's stops for a young person never say "tell a parent".

A parent, or a step-parent, may be the one hurting them ("mam found my messages ... find somewhere
else to live"). As the analysis side's crisis messages do since round 16, the coach names a
trusted adult (a teacher, a school counsellor, a doctor, a friend's parent; since round 19 no
relative) or a helpline for young people, in every stop a young person may see: the abuse
stop's tips, the stop for being told to kill oneself, and the stop for a friend at risk. The
words are read as the terminal shows them."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from test_round12_draft_screen import Script

from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 12, 7, 18, 0)
MAM = ("mam found my messages with my girlfriend and said if im gay i can find somewhere else to "
       "live. shes told me to pack my stuff by sunday")
TYLER = ("tyler is 20 and im 15. he checks my phone every night and got mad when i didnt answer "
         "for an hour. he said im lucky hes with me and that i made him act like that")
KYS = ("chidi and the others in my class made a group without me and they keep sending me "
       "messages telling me to kys and that nobody would miss me")
JESS = ("jess sent me a message last night saying she doesnt want to be alive anymore and that "
        "she has a plan. she made me promise not to tell anyone")
# "Tell a parent", "a parent, a teacher": the stop's own words, never the context question's
# "An ex or co-parent" that the script also records.
TELL_A_PARENT = re.compile(r"\b(?:tell|ask) (?:a|your) parent|\ba parent,", re.IGNORECASE)


def _stop(tmp_path: Path, who: str, context: str, what: str,
          region: str = "GB") -> tuple[Session, str]:
    script = Script(["", "yes", who, context, what])
    session = run(start("r17y"), script, SessionStore(tmp_path), now=lambda: NOW, mode="rules",
                  region=region)
    return session, "\n".join(script.said)


def test_a_parent_as_the_danger_is_not_who_the_young_person_is_told_to_tell(
        tmp_path: Path) -> None:
    session, said = _stop(tmp_path, "my mam", "family", MAM)
    assert session.state is State.STOPPED_UNSAFE
    assert not TELL_A_PARENT.search(said), said
    assert "Tell an adult you trust, today if you can" in said
    # Round 19 (f14): no "a relative": the family may be the danger.
    assert "a teacher, a school counsellor, a doctor or a friend's parent" in said
    assert "a helpline for young people" in said
    assert "Childline" in said  # the helpline the tip points to is in the list


@pytest.mark.parametrize(("who", "context", "what", "state"), [
    ("my bf tyler", "partner", TYLER, State.STOPPED_UNSAFE),
    ("chidi", "friend", KYS, State.STOPPED_CRISIS),
    ("jess (she/her)", "friend", JESS, State.STOPPED_CRISIS),
])
def test_no_stop_a_young_person_sees_says_tell_a_parent(
        tmp_path: Path, who: str, context: str, what: str, state: State) -> None:
    session, said = _stop(tmp_path, who, context, what)
    assert session.state is state
    assert not TELL_A_PARENT.search(said), said
    assert "adult you trust" in said
    # Round 19 (f14): no "a relative": the family may be the danger.
    assert "a teacher, a school counsellor, a doctor or a friend's parent" in said
    assert "a helpline for young people" in said
