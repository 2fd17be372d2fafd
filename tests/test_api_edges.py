"""The Python API at its edges: odd arguments get a clear ``InvalidInputError``, not a stray
``TypeError`` from deep inside; episodes, the terminal output and ``to_dict`` say what is true."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import mendkit
from mendkit import Conversation, InvalidInputError
from mendkit.analysis.episodes import find_episodes
from mendkit.cli import render
from mendkit.model import Analysis, CheckResult, Episode, Evidence, Safety, TurnAnalysis
from mendkit.model.conversation import Speaker, Turn

HALF_AN_EMOJI = "You never listen \ud83d"


@pytest.mark.parametrize("call", [
    lambda: mendkit.check(HALF_AN_EMOJI, mode="rules"),
    lambda: mendkit.check("Fine.", context=(HALF_AN_EMOJI,), mode="rules"),
    lambda: mendkit.analyze(Conversation.from_turns([("Ana", HALF_AN_EMOJI)]), mode="rules"),
    lambda: mendkit.analyze(Conversation.from_turns([("\udc00Ana", "Hi.")]), mode="rules"),
])
def test_half_a_character_is_refused_with_a_clear_error(call: Any) -> None:
    with pytest.raises(InvalidInputError, match="half of one"):
        call()


@pytest.mark.parametrize(("text", "found"), [(None, "NoneType"), (123, "int"),
                                             (b"Fine.", "bytes")])
def test_check_refuses_a_message_that_is_not_a_str(text: object, found: str) -> None:
    with pytest.raises(InvalidInputError, match=f"expected the message as a str, got {found}"):
        mendkit.check(text, mode="rules")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   \n"])
def test_check_refuses_an_empty_message_as_the_cli_does(text: str) -> None:
    with pytest.raises(InvalidInputError, match="expected a message to check, got an empty one"):
        mendkit.check(text, mode="rules")


@pytest.mark.parametrize("context", [None, 5, ("ok", None)])
def test_check_refuses_context_that_is_not_messages(context: object) -> None:
    with pytest.raises(InvalidInputError, match="expected context as a sequence of messages"):
        mendkit.check("Fine.", context=context, mode="rules")  # type: ignore[arg-type]


def test_a_str_context_is_one_message_not_its_characters() -> None:
    hurt = "You never listen to me and I am hurt."
    as_str = mendkit.check("Fine.", context=hurt)  # type: ignore[arg-type]
    as_tuple = mendkit.check("Fine.", context=(hurt,))
    assert as_str.labels == as_tuple.labels
    assert "rupture.withdrawal" in as_str.labels


@pytest.mark.parametrize("call", [lambda: mendkit.analyze(""),
                                  lambda: mendkit.load_conversation("")])
def test_an_empty_path_is_called_empty_not_read_as_this_folder(call: Any) -> None:
    with pytest.raises(InvalidInputError, match="the path is empty"):
        call()


def test_analyze_refuses_none_with_what_it_expected() -> None:
    with pytest.raises(InvalidInputError,
                       match="expected a Conversation or the path of one, got NoneType"):
        mendkit.analyze(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("speaker", "text", "what"), [
    ("Ana", None, "text"), (None, "Hi.", "speaker"), ("Ana", 5, "text")])
def test_a_turn_without_str_text_or_speaker_is_refused_when_built(
        speaker: object, text: object, what: str) -> None:
    with pytest.raises(InvalidInputError, match=f"turn 0's {what} as a str"):
        Conversation.from_turns([(speaker, text)])  # type: ignore[list-item]


# Bug 5: a repair "before" the rupture in time (Slack threads put replies after their parent).

def _turn(index: int, speaker: str, labels: tuple[str, ...], start: float) -> TurnAnalysis:
    return TurnAnalysis(index=index, speaker=speaker, text="...", labels=labels,
                        scores=dict.fromkeys(labels, 0.9), start=start)


def test_a_repair_sent_before_the_rupture_does_not_repair_it() -> None:
    turns = [
        _turn(0, "Ana", (), 0.0),
        _turn(1, "Ben", ("rupture.confrontation",), 3600.0),  # a thread reply, placed early
        _turn(2, "Ben", ("repair.responsibility",), 1000.0),  # sent 43 minutes before it
        _turn(3, "Ana", ("reconnect",), 4000.0),
    ]
    (episode,) = find_episodes(turns)
    assert episode.repair_turns == ()
    assert episode.seconds_to_repair is None
    assert episode.status == "unresolved"


def test_a_repair_after_the_rupture_in_time_still_counts_with_its_seconds() -> None:
    turns = [
        _turn(0, "Ben", ("rupture.confrontation",), 100.0),
        _turn(1, "Ben", ("repair.responsibility",), 700.0),
        _turn(2, "Ana", ("reconnect",), 800.0),
    ]
    (episode,) = find_episodes(turns)
    assert episode.status == "resolved"
    assert episode.seconds_to_repair == 600.0


def test_a_slack_thread_never_gives_a_negative_time_to_repair(tmp_path: Path) -> None:
    day = tmp_path / "dm"
    day.mkdir()
    (day / "2026-11-27.json").write_text("""[
 {"type":"message","user":"U1","user_profile":{"real_name":"Ana"},
  "text":"Can you review my draft?","ts":"1764252000.000100"},
 {"type":"message","user":"U2","user_profile":{"real_name":"Ben"},
  "text":"You never finish anything on time. This is pathetic.","ts":"1764255600.000100",
  "thread_ts":"1764252000.000100"},
 {"type":"message","user":"U2","user_profile":{"real_name":"Ben"},
  "text":"I'm sorry, that was unfair of me. I was wrong.","ts":"1764253000.000100"},
 {"type":"message","user":"U1","user_profile":{"real_name":"Ana"},
  "text":"Thank you, I appreciate that.","ts":"1764256000.000100"}
]""", encoding="utf-8")
    analysis = mendkit.analyze(day, mode="rules")
    assert analysis.episodes
    for episode in analysis.episodes:
        assert episode.seconds_to_repair is None or episode.seconds_to_repair >= 0


# Bug 13 and corrections 8: the terminal's own words.

def _analysis(turn: TurnAnalysis, episodes: tuple[Episode, ...] = ()) -> Analysis:
    return Analysis(mend_version="0", mode="full", conversation_id="c", speakers=("Ana", "Ben"),
                    turns=(turn,), episodes=episodes, safety=Safety(crisis=False))


def test_the_episodes_table_says_one_turn_not_one_turns(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one table row on one line
    episode = Episode(start_turn=0, end_turn=2, labels=("rupture.confrontation",),
                      severity="minor", status="resolved", rupture_turns=(0,),
                      repair_turns=(1,), reconnect_turns=(2,), initiator="Ben", taken_up=True,
                      turns_to_repair=1, seconds_to_repair=60.0)
    render.analysis(_analysis(_turn(0, "Ana", ("rupture.confrontation",), 0.0), (episode,)),
                    footer="")
    out = capsys.readouterr().out
    assert "1 turn, 1 min" in out
    assert "1 turns" not in out


PERSONAL = Evidence(label="repair.validate", subtype=None, start=0, end=29,
                    text="Thank you, I appreciate that.",
                    source="personal: you corrected this message")


def test_a_label_from_the_persons_correction_is_not_called_the_models(
        capsys: pytest.CaptureFixture[str]) -> None:
    turn = TurnAnalysis(index=0, speaker="Ana", text=PERSONAL.text, labels=("repair.validate",),
                        scores={"repair.validate": 1.0}, evidence=(PERSONAL,))
    render.analysis(_analysis(turn), footer="")
    out = capsys.readouterr().out
    assert "[repair.validate 1.00 your correction]" in out
    assert "model" not in out


def test_check_says_a_component_came_from_the_persons_corrections(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = CheckResult(
        text=PERSONAL.text, labels=("repair.validate",), scores={"repair.validate": 1.0},
        evidence=(PERSONAL,), repair_quality=0.3,
        components={"ownership": False, "validation": False, "feeling": False,
                    "request": False, "acknowledgement": False, "appreciation": False},
        issues=(), risk=Safety(crisis=False))
    render.check(result, footer="")
    out = capsys.readouterr().out
    assert "From your corrections: validation" in out
    assert "Sensed by the model" not in out


def test_check_in_the_terminal_gives_one_list_of_what_is_missing(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = mendkit.check("I'm sorry. I was wrong. I'll call you tomorrow at 6 to talk about it.")
    render.check(result, footer="")
    out = capsys.readouterr().out
    missing = re.search(r"^Missing: (.*)$", out, re.MULTILINE)
    assert missing is not None
    said_missing = {m.strip(" .") for m in missing.group(1).split(",")}
    assert not any(line.startswith("Not there yet") for line in out.splitlines())
    sensed = re.search(r"^Sensed by the model, with no phrase to point at: (.*)$", out,
                       re.MULTILINE)
    if sensed:
        assert not said_missing & {s.strip() for s in sensed.group(1).split(",")}


# Bug 15: to_dict / from_dict.

def test_a_conversation_keeps_its_speakers_display_names_through_a_dict() -> None:
    conversation = Conversation(id="x", turns=(Turn(index=0, speaker="a", text="hi"),),
                                speakers=(Speaker(id="a", name="Ana A."),))
    assert Conversation.from_dict(conversation.to_dict()) == conversation
    plain = Conversation.from_turns([("Ana", "hi")])
    assert plain.to_dict()["speakers"] == ["Ana"]  # no names: the short form, as before


def test_an_analysis_and_a_check_result_are_stable_after_one_trip_through_a_dict() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([("Ana", "You never listen.")]))
    once = Analysis.from_dict(analysis.to_dict()).to_dict()
    assert Analysis.from_dict(once).to_dict() == once == analysis.to_dict()
    result = mendkit.check("I want to kill myself")
    once = CheckResult.from_dict(result.to_dict()).to_dict()
    assert CheckResult.from_dict(once).to_dict() == once == result.to_dict()
    documented = (CheckResult.to_dict.__doc__ or "") + (Analysis.to_dict.__doc__ or "")
    assert "rounded" in documented and "risk.turns" in documented
