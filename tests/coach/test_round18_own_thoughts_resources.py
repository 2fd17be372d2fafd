"""Round 18 (tester t4, P12): when the coach stops for the person's own thoughts of hurting
themselves ("some nights I think if I relapse again I'm done for good"), the resources are the
crisis lines and the young people's line, with no domestic-abuse lines before them: those are for
danger from someone else, and show only when Mend cannot tell which."""

from __future__ import annotations

from pathlib import Path

from test_round12_coach_follow import Script

from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

STORY = ["", "yes", "Sam (she/her)", "partner",
         "I relapsed three weeks ago and lied to Sam about it when she asked.", "no",
         "", "", "3", "skip", "not sure", "yes",
         "I lied to you when you asked me if I'd been drinking."]


def _stop(tmp_path: Path, regret: str) -> tuple[State, list[str]]:
    script = Script([*STORY, regret])
    session = run(start("r18own"), script, SessionStore(tmp_path), mode="rules")
    return session.state, script.said


def test_a_stop_for_the_persons_own_thoughts_shows_no_abuse_lines(tmp_path: Path) -> None:
    state, said = _stop(tmp_path, "Honestly some nights I think if I relapse again I'm done "
                                  "for good.")
    assert state is State.STOPPED_CRISIS
    shown = "\n".join(said[said.index("If you need someone now:"):])
    assert "988" in shown and "young people" in shown
    assert "Domestic abuse" not in shown
