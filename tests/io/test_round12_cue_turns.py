"""Round twelve: Zoom, Teams and SRT captioners cut one person's speech into several cues. A turn
is a speaker's uninterrupted stretch, so consecutive cues by one speaker are one turn unless the
caller asks for one turn per cue (``merge=False``); a crisis sentence cut in two is then read
whole."""

from __future__ import annotations

from pathlib import Path

import pytest

import mendkit
from mendkit.io import iter_conversations, load_conversation

# A Zoom export of a therapy session: the client's sentence is cut over cues 4 and 5.
SPLIT_SESSION = """WEBVTT

1
00:00:05.000 --> 00:00:10.000
Therapist: how how have things been since we last talked

2
00:00:10.500 --> 00:00:16.433
Client: um honestly not good

3
00:00:16.933 --> 00:00:20.733
Therapist: can you say more about that

4
00:00:21.233 --> 00:00:25.833
Client: like everybody would just be better off

5
00:00:26.333 --> 00:00:29.600
Client: without me you know

6
00:00:30.100 --> 00:00:37.167
Therapist: thank you for telling me that
"""

TEAMS = """WEBVTT

a1b2/1-0
00:00:01.000 --> 00:00:04.000
<v Priya Raman>You rolled your eyes when I gave it,</v>

a1b2/2-0
00:00:04.200 --> 00:00:06.000
<v Priya Raman>in front of everyone.</v>

a1b2/3-0
00:00:06.500 --> 00:00:08.000
<v Tom Becker>Okay. That wasn't fair to you.</v>
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Ana: you just

2
00:00:03,100 --> 00:00:05,000
Ana: you just don't care what i planned

3
00:00:05,500 --> 00:00:07,000
Ben: that's not true
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pairs(conversation: mendkit.Conversation) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in conversation.turns]


def test_consecutive_zoom_cues_by_one_speaker_are_one_turn(tmp_path: Path) -> None:
    conversation = load_conversation(_write(tmp_path, "s.vtt", SPLIT_SESSION))
    assert [t.speaker for t in conversation.turns] == [
        "Therapist", "Client", "Therapist", "Client", "Therapist"]
    client = conversation.turns[3]
    assert client.text == "like everybody would just be better off without me you know"
    # the turn starts when its first cue starts and ends when its last cue ends
    assert (client.start, client.end) == (21.233, 29.6)
    assert [t.index for t in conversation.turns] == [0, 1, 2, 3, 4]


def test_teams_and_srt_cues_by_one_speaker_are_one_turn(tmp_path: Path) -> None:
    teams = load_conversation(_write(tmp_path, "t.vtt", TEAMS))
    assert _pairs(teams) == [
        ("Priya Raman", "You rolled your eyes when I gave it, in front of everyone."),
        ("Tom Becker", "Okay. That wasn't fair to you."),
    ]
    assert teams.turns[0].start == 1.0
    srt = load_conversation(_write(tmp_path, "s.srt", SRT))
    assert _pairs(srt) == [("Ana", "you just you just don't care what i planned"),
                           ("Ben", "that's not true")]


def test_merge_false_keeps_one_turn_per_cue(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.vtt", SPLIT_SESSION)
    for load in (load_conversation, mendkit.load_conversation):
        conversation = load(path, merge=False)
        assert len(conversation.turns) == 6
        assert _pairs(conversation)[3:5] == [("Client", "like everybody would just be better off"),
                                             ("Client", "without me you know")]
        assert conversation.turns[4].start == 26.333
    assert len(next(iter_conversations(path, merge=False)).turns) == 6


def test_the_public_load_conversation_merges_by_default_and_takes_merge(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.vtt", SPLIT_SESSION)
    assert len(mendkit.load_conversation(path).turns) == 5
    assert len(mendkit.load_conversation(path, merge=True).turns) == 5


def test_merge_does_not_join_turns_of_other_formats(tmp_path: Path) -> None:
    path = _write(tmp_path, "chat.txt", "Ana: you just\nAna: you just don't care\nBen: I do\n")
    assert len(mendkit.load_conversation(path).turns) == 3
    assert len(mendkit.load_conversation(path, merge=True).turns) == 3


@pytest.mark.parametrize("merge", ["no", 1, None])
def test_merge_must_be_a_bool(tmp_path: Path, merge: object) -> None:
    path = _write(tmp_path, "s.vtt", SPLIT_SESSION)
    with pytest.raises(mendkit.InvalidInputError, match="merge"):
        mendkit.load_conversation(path, merge=merge)  # type: ignore[arg-type]


def test_a_crisis_sentence_cut_over_two_cues_is_found_by_the_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.vtt", SPLIT_SESSION)
    analysis = mendkit.analyze(path, mode="rules")
    assert analysis.safety.crisis
    assert analysis.safety.turns == (3,)
    assert analysis.safety.resources
    # the JSON keeps its contract: the turn's start is its first cue's
    turn = analysis.to_dict()["turns"][3]
    assert list(turn) == ["index", "speaker", "text", "labels", "scores", "evidence", "start"]
    assert turn["start"] == 21.233
