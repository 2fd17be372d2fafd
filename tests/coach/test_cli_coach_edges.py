"""`mend coach` at its edges: answers with colons at the keyboard, crisis text at every prompt
(the opening one, the break's), the follow-up's default, damaged session files, the session's
region, grounding, option mistakes, the words shown, and numbers JSON does not allow."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from test_driver import Script

from mendkit.cli.coach import pair
from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.store import PairStore, SessionStore

NOW = datetime(2026, 11, 27, 18, 0)
CRISIS = "I want to kill myself"
TO_CHECK = ["", "yes", "Sam", "partner", "fight", "x", ""]
TO_FOLLOW_UP = [*TO_CHECK, "4", "skip", "yes", "I walked out mid-sentence", "leaving like that",
                "tell me when you need a break", "", "accept", "angry", "hurt", "to feel heard",
                "", "I will stay in the room"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The MEND_HOME every test gets (tests/conftest.py)."""
    return tmp_path / "mend-home"


def _answers(tmp_path: Path, answers: list[object], name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _only_session(home: Path) -> dict[str, object]:
    files = list((home / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    data: dict[str, object] = json.loads(files[0].read_text(encoding="utf-8"))
    return data


# 1. The keyboard: an answer with a colon is one line; only the messages step reads a block.

def test_a_typed_answer_with_a_colon_is_one_answer(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = "\nyes\nSam\npartner\nAt 6:30 Sam said I never listen\nI felt hot\n\n4\nskip\nyes\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(["coach"]) == 0
    answers = _only_session(home)["answers"]
    assert isinstance(answers, dict)
    assert answers["recognise_what"] == "At 6:30 Sam said I never listen"
    assert answers["recognise_noticed"] == "I felt hot"
    assert answers["regulate_check"] == 4


def test_pasted_messages_are_read_up_to_the_empty_line_even_without_a_colon_first(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = ("\nyes\nSam\npartner\nfight\nx\nMessages from last night\nSam: you never listen\n"
             "Me: that's not fair\n\n4\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(["coach"]) == 0
    answers = _only_session(home)["answers"]
    assert isinstance(answers, dict)
    assert answers["recognise_messages"] == ("Messages from last night\nSam: you never listen\n"
                                             "Me: that's not fair")
    assert answers["regulate_check"] == 4


# 2. Crisis text and "help" at the opening prompt and the break's two questions.

def test_crisis_text_at_press_enter_to_begin_stops_the_session(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, [CRISIS, "yes"])]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert "are you safe right now" not in out
    assert _only_session(home)["state"] == "stopped_crisis"


def test_crisis_text_at_wait_here_with_a_timer_stops_the_session(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_CHECK, "9", "20", CRISIS]
    assert main(["coach", "--answers", _answers(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert "Take your break" not in out
    assert _only_session(home)["state"] == "stopped_crisis"


def test_crisis_text_at_continue_now_anyway_stops_the_session(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    paused = run(start("b1"), Script([*TO_CHECK, "9", "30", "no"]), store, now=lambda: NOW)
    assert paused.state is State.ON_BREAK
    script = Script([CRISIS])
    stopped = run(paused, script, store, now=lambda: NOW)
    assert stopped.state is State.STOPPED_CRISIS
    assert store.load("b1").state is State.STOPPED_CRISIS
    assert any("Repair can wait" in s for s in script.said)


def test_help_at_the_break_questions_shows_resources_and_asks_again(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    script = Script([*TO_CHECK, "9", "30", "help", "no"])
    paused = run(start("b2", region="GB"), script, store, now=lambda: NOW)
    assert paused.state is State.ON_BREAK
    timer = [s for s in script.said if s.startswith("Wait here with a timer?")]
    assert len(timer) == 2
    assert any("116 123" in s for s in script.said)
    script = Script(["help", "no"])
    assert run(paused, script, store, now=lambda: NOW).state is State.ON_BREAK
    assert len([s for s in script.said if s.startswith("Continue now anyway?")]) == 2
    assert any("116 123" in s for s in script.said)


# 7. Enter at "In how many days...? (default 3)" means three days, not "ask now".

@pytest.mark.parametrize("reply", ["", "skip"])
def test_the_follow_up_day_defaults_to_three_days(tmp_path: Path, reply: str) -> None:
    store = SessionStore(tmp_path)
    session = run(start("f1"), Script([*TO_FOLLOW_UP, reply]), store, now=lambda: NOW)
    assert session.state is State.AWAITING_FOLLOW_UP
    # The start of that day, with its offset: it opens on the day it promises.
    assert datetime.fromisoformat(session.answers["rebuild_follow_up"]) \
        == datetime(2026, 11, 30).astimezone()
    script = Script(["no"])
    later = run(store.load("f1"), script, store, now=lambda: NOW)
    assert later.state is State.AWAITING_FOLLOW_UP
    assert "This session continues on Monday 30 November." in script.said
    assert not any(s.startswith("How did it go?") for s in script.said)


# 8. A damaged session file is named, skipped by --resume, and never an internal error.

def _write_session(home: Path, name: str, text: str) -> Path:
    folder = home / "coach" / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_resume_latest_skips_a_session_file_that_is_not_json(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, ["", "yes"])]) == 0
    good = _only_session(home)["id"]
    bad = _write_session(home, "aaaaaaaaaaaa",
                         '{"format":1,"id":"aaaaaaaaaaaa",\n"state":"recognise_who","answers":{}')
    capsys.readouterr()
    assert main(["coach", "--resume", "--answers", _answers(tmp_path, ["Sam"], "r.json")]) == 0
    captured = capsys.readouterr()
    assert f"Session {good}" in captured.out
    assert f"{bad}:2:" in captured.err
    assert "skipped" in captured.err


@pytest.mark.parametrize(("text", "expected"), [
    ('{"format":1,"id":"bbbbbbbbbbbb","state":"recognise_who",\n"answers":{}', ":2: "),
    ('{"format":1,"id":"bbbbbbbbbbbb","state":"recognise_who","answers":[1,2],"path":5}',
     "answers"),
    ('{"format":1,"id":"bbbbbbbbbbbb","state":"recognise_who","answers":{},"path":5}', "path"),
    ('{"format":1,"id":"bbbbbbbbbbbb","state":"on_break","answers":{"regulate_break":"soon"}}',
     '"regulate_break" is "soon"'),
])
def test_a_damaged_session_is_a_clear_error_naming_the_file(
        home: Path, capsys: pytest.CaptureFixture[str], text: str,
        expected: str) -> None:
    path = _write_session(home, "bbbbbbbbbbbb", text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(""))
        assert main(["coach", "--resume", "bbbbbbbbbbbb"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mend: error: {path}")
    assert expected in err
    assert "internal error" not in err


# 11. A resumed session keeps its own region for "help" and for a crisis stop.

def test_a_resumed_session_shows_its_own_region_at_a_crisis(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--region", "GB", "--answers",
                 _answers(tmp_path, ["", "yes", "Sam"])]) == 0
    capsys.readouterr()
    assert main(["coach", "--resume", "--answers",
                 _answers(tmp_path, ["help", CRISIS], "r.json")]) == 0
    out = capsys.readouterr().out
    stop = out[out.index("Repair can wait"):]
    # GB's own lines (round 18: a stop for the person's own thoughts shows no abuse lines)
    assert "- Samaritans: call 116 123" in stop and "call 999" in stop
    assert "988" not in out


# 12. Enter after grounding means done: back to the arousal check.

def test_enter_after_grounding_returns_to_the_arousal_check(tmp_path: Path) -> None:
    script = Script([*TO_CHECK, "I feel numb and far away", ""])
    session = run(start("g1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.REGULATE_CHECK
    assert ("regulate_grounding", "exercise_done") in session.path


# 14. Option mistakes are named.

def test_an_exchange_for_an_unknown_code_says_there_is_no_such_session(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--exchange", "O0O0O0"]) == 1
    err = capsys.readouterr().err
    assert "no two-person session with the code 'O0O0O0'" in err


def test_an_empty_join_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--join needs the code"):
        pair(PairStore(tmp_path), code=" ", answers=None, region="default")


def test_attachment_with_resume_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, ["", "yes"])]) == 0
    capsys.readouterr()
    assert main(["coach", "--resume", "--attachment", "anxious"]) == 1
    assert "--attachment" in capsys.readouterr().err


# 16. The words shown.

def test_an_unclear_openness_answer_names_all_three_choices(tmp_path: Path) -> None:
    script = Script([*TO_CHECK, "4", "skip", "maybe"])
    run(start("o1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert "Please answer yes, not now or no." in script.said


@pytest.mark.parametrize("reply", ["no", "not now"])
def test_no_to_the_breathing_exercise_skips_it(tmp_path: Path, reply: str) -> None:
    script = Script([*TO_CHECK, "4", reply])
    session = run(start("n1"), script, SessionStore(tmp_path), now=lambda: NOW)
    assert session.state is State.OPENNESS
    assert ("regulate_breathing", "skip") in session.path


def test_the_disorganised_note_offers_nothing_the_step_refuses() -> None:
    from mendkit.coach.content import ATTACHMENT_NOTES

    assert "ground yourself first" not in ATTACHMENT_NOTES["disorganised"]
    assert "skip anything" not in ATTACHMENT_NOTES["disorganised"]


def test_resuming_a_finished_session_says_it_has_ended(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, ["", "no"])]) == 0
    session_id = _only_session(home)["id"]
    capsys.readouterr()
    assert main(["coach", "--resume", str(session_id)]) == 0
    out = capsys.readouterr().out
    assert "This session has already ended" in out
    assert "emergency" in out.lower()


def test_ctrl_c_says_how_to_continue(
        home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    assert main(["coach"]) == 130
    captured = capsys.readouterr()
    session_id = _only_session(home)["id"]
    assert f"Continue with: mend coach --resume {session_id}" in captured.out
    assert "mend: interrupted" in captured.err


def test_the_safety_plan_has_its_own_heading(tmp_path: Path) -> None:
    script = Script(["", "no"])
    run(start("s1"), script, SessionStore(tmp_path), now=lambda: NOW)
    heading = script.said.index("Some things that can help you stay safe:")
    # A plain "no" may be about one's own thoughts too: that tip first (round 19).
    assert script.said[heading + 1].startswith("- If it is your own thoughts that feel unsafe")
    # Round 19 (f14): no "keep your phone with you": the phone may have been taken.
    assert script.said[heading + 2].startswith("- Know how you could call for help")
    assert script.said[heading - 1].startswith("- ")  # after the resources


def test_abuse_in_two_person_mode_shows_the_safety_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _answers(tmp_path, ["Alex", "He said next time he'd really hurt me."])
    assert pair(PairStore(tmp_path), code=None, answers=answers, region="default") == 0
    assert "Some things that can help you stay safe:" in capsys.readouterr().out


# 17. NaN and numbers too large are not answers.

@pytest.mark.parametrize(("raw", "shown"), [("NaN", "NaN"), ("1e400", "1e400"),
                                            ("-Infinity", "-Infinity")])
def test_an_answer_json_does_not_allow_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: str, shown: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(f'["", "yes", {raw}]', encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: answer 3 is {shown}; expected text or a number" in err
