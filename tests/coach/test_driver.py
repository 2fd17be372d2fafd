"""Driving a coach session: scripted answers, the safety gate in every state, breaks, resuming."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach_kit import Script
from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

NOW = datetime(2026, 11, 27, 18, 0)

UP_TO_CHECK = ["", "yes", "my manager", "work", "the feedback on my project", "",
               "Boss: You need to be more efficient.\nMe: understood"]
CALM_TO_END = ["3", "skip", "yes", "I went quiet and only said 'understood'", "",
               "talk through feedback before the deadline", "", "accept", "angry",
               "hurt", "to know my effort is seen", "", "ask more questions at the start", "0"]


def test_a_full_walk_reaches_the_follow_up_with_a_good_message(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    script = Script(UP_TO_CHECK + CALM_TO_END)
    session = run(start("w1"), script, store, now=lambda: NOW)
    assert session.state is State.AWAITING_FOLLOW_UP
    assert "Mend is a self-help aid" in script.said[0]
    assert any("may have landed as confrontation" in s for s in script.said)
    assert store.load("w1") == session
    import mendkit

    assert mendkit.check(str(session.answers["rebuild_message"])).repair_quality >= 0.7
    done = run(session, Script(["partly", "7"]), store, now=lambda: NOW)
    assert done.state is State.DONE
    assert done.answers["follow_up_uptake"] == "partly"


def test_flooded_means_a_break_that_resumes_at_its_time(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    paused = run(start("b1"), Script([*UP_TO_CHECK, "9", "30", "no"]), store, now=lambda: NOW)
    assert paused.state is State.ON_BREAK
    assert datetime.fromisoformat(paused.answers["regulate_break"]) \
        == (NOW + timedelta(minutes=30)).astimezone()  # with its offset
    early = run(paused, Script(["no"]), store, now=lambda: NOW)
    assert early.state is State.ON_BREAK
    later = run(paused, Script(["3"]), store, now=lambda: datetime(2026, 11, 27, 18, 31))
    assert later.state is State.REGULATE_BREATHING


def test_the_live_break_timer_counts_down_then_checks_in_again(tmp_path: Path) -> None:
    script = Script([*UP_TO_CHECK, "9", "20", "yes", "2"])
    session = run(start("t1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert script.waited == 20 * 60
    assert any("1 minute left" in s for s in script.said)
    assert session.state is State.REGULATE_BREATHING


def test_numb_means_grounding_first_and_breathing_is_paced(tmp_path: Path) -> None:
    script = Script([*UP_TO_CHECK, "I feel numb and far away", "", "2", "paced 5"])
    session = run(start("g1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.OPENNESS
    assert any("5 things you can see" in s for s in script.said)
    assert script.waited == pytest.approx(5 * 60 / 5)  # five breaths at five a minute


STATES_WITH_TEXT = ["", "yes", "my manager", "work", "what happened", "", "", "3", "skip",
                    "yes", "my part", "", "a request", "", "accept", "angry", "hurt", "a need", "",
                    "a commitment"]


@pytest.mark.parametrize("at", range(1, len(STATES_WITH_TEXT)))
def test_a_crisis_answer_stops_the_flow_at_every_step(tmp_path: Path, at: int) -> None:
    answers = [*STATES_WITH_TEXT[:at], "I don't want to be alive anymore"]
    script = Script(answers)
    session = run(start("c1"), script, SessionStore(tmp_path), now=lambda: NOW, region="GB")
    assert session.state is State.STOPPED_CRISIS
    assert any("116 123" in s for s in script.said)


def test_abuse_stops_repair_coaching_and_never_drafts(tmp_path: Path) -> None:
    script = Script(["", "yes", "my husband", "partner",
                     "He said next time he'd really hurt me.", "more"])
    session = run(start("a1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.STOPPED_UNSAFE
    assert "responsibility_draft" not in session.answers
    assert any("local emergency number" in s for s in script.said)


def test_when_the_other_is_not_open_the_internal_path_ends_without_a_draft(
    tmp_path: Path,
) -> None:
    script = Script([*UP_TO_CHECK, "3", "skip", "no", "hurt and tired", "", "",
                     "Please don't speak to me like that in front of the team."])
    session = run(start("i1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.DONE
    assert session.answers["internal_next_time"].startswith("Please")
    assert "responsibility_draft" not in session.answers


def test_help_shows_resources_at_any_step_and_asks_again(tmp_path: Path) -> None:
    script = Script(["", "yes", "help", "my manager"])
    session = run(start("h1", region="US"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.RECOGNISE_CONTEXT
    assert any("988" in s for s in script.said)


def test_a_disorganised_pattern_gets_grounding_first(tmp_path: Path) -> None:
    script = Script([*UP_TO_CHECK, "3"])
    session = run(start("d1", attachment="disorganised"), script, SessionStore(tmp_path),
                  now=lambda: NOW)
    assert session.state is State.REGULATE_GROUNDING


def test_saying_not_safe_at_the_gate_stops_at_once(tmp_path: Path) -> None:
    session = run(start("u1"), Script(["", "no"]), SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.STOPPED_UNSAFE


def test_the_cli_runs_from_an_answers_file_and_resumes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps([*UP_TO_CHECK, "9", "25", "no"]), encoding="utf-8")
    assert main(["coach", "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "Continue with: mend coach --resume" in out
    rest = tmp_path / "rest.json"
    rest.write_text(json.dumps(["yes", *CALM_TO_END]), encoding="utf-8")
    assert main(["coach", "--resume", "--answers", str(rest)]) == 0
    assert "I'll ask how it went" in capsys.readouterr().out


def test_a_bad_answers_file_is_a_clear_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    assert main(["coach", "--answers", str(bad)]) == 1
    assert "JSON list of answers" in capsys.readouterr().err
    assert main(["coach", "--resume"]) == 1


@pytest.mark.slow
def test_the_interactive_command_through_a_pseudo_terminal(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("mend")
    master, slave = pty.openpty()
    env = {**os.environ, "MEND_HOME": str(tmp_path), "TERM": "dumb"}
    proc = subprocess.Popen([str(exe), "coach"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, close_fds=True)
    os.close(slave)
    seen = b""

    def expect(text: bytes, timeout: float = 60) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while text not in seen:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"timed out waiting for {text!r}; got {seen[-400:]!r}")
            seen += os.read(master, 4096)

    def send(line: str) -> None:
        os.write(master, line.encode() + b"\n")

    try:
        expect(b"Press Enter to begin")
        send("")
        expect(b"are you safe right now")
        send("yes")
        expect(b"Who is this about?")
        send("I keep thinking about ending it all")
        expect(b"Repair can wait")
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert proc.returncode == 0
    assert SessionStore(tmp_path).load(SessionStore(tmp_path).ids()[0]).state is \
        State.STOPPED_CRISIS


def test_the_offered_draft_is_what_the_driver_would_use_for_an_empty_answer(
        tmp_path: Path) -> None:
    from mendkit.coach.driver import offered_draft, review

    store = SessionStore(tmp_path)
    at_draft = run(start("d1"), Script([*UP_TO_CHECK, "3", "skip", "yes",
                                        "I went quiet", "", "talk before deadlines"]),
                   store, now=lambda: NOW)
    assert at_draft.state is State.RESPONSIBILITY_DRAFT
    offered = offered_draft(at_draft)
    assert "I went quiet" in offered or "went quiet" in offered
    after = run(at_draft, Script([""]), store, now=lambda: NOW)
    assert after.answers["responsibility_draft"] == offered
    assert offered_draft(after) == ""  # the review step offers the critic's verdict instead
    verdict = review("I'm sorry, but you never listen.")
    assert verdict.issues and verdict is review("I'm sorry, but you never listen.")


REPORTED = ["", "yes", "Sam", "partner", "I said he never listens and he went quiet",
            "my chest was tight", "", "3", "skip", "yes", "I raised my voice", "skip",
            "text me when plans change",
            "I am sorry I raised my voice. I felt scared, and I would like us to text when plans "
            "change. Can we talk tonight?"]  # a draft the critic offers no rewrite for


def test_the_review_asks_about_a_rewrite_only_when_one_was_shown(tmp_path: Path) -> None:
    script = Script([*REPORTED, "", "angry", "actually, I'll keep mine", "keep"])
    session = run(start("r1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert not any(s.startswith("Suggested rewrite") for s in script.said)
    assert not any("suggested rewrite" in s.lower() for s in script.said)
    assert session.state is State.VULNERABILITY_SURFACE  # "keep", not "angry", moved it on
    notes = [s for s in script.said if s.startswith("Please answer")]
    assert notes == ["Please answer edit or keep."] * 3


def test_an_answer_that_is_not_understood_gets_a_note(tmp_path: Path) -> None:
    rest = ["angry", "hurt", "to feel important", "", "I will text", "whenever", "2"]
    script = Script([*REPORTED, "keep", *rest])
    session = run(start("r2"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.AWAITING_FOLLOW_UP
    assert ("Please answer with a day, like Saturday or tomorrow, or a number of days from 0 "
            "to 60.") in script.said  # round 19: a day's name is read too
